import type { CreateStreamStmt, StreamPoint } from '../ast/stream.js';
import { renderCreate } from './common.js';
import { quoteObjectName, quoteString } from './quote.js';

function renderStreamPoint(point: StreamPoint): string {
  switch (point.kind) {
    case 'timestamp':
      return `AT (TIMESTAMP => ${point.value.sql})`;
    case 'snapshot':
      return `AT (SNAPSHOT => ${quoteString(point.value)})`;
    case 'stream':
      return `AT (STREAM => ${quoteObjectName(point.value)})`;
  }
}

/** CREATE [OR REPLACE] STREAM [IF NOT EXISTS] s ON TABLE t [AT (...)] [APPEND_ONLY = bool] [COMMENT = '...'], on one line. */
export function renderCreateStream(stmt: CreateStreamStmt): string {
  const parts = [renderCreate(stmt.createOption, 'STREAM'), quoteObjectName(stmt.stream), 'ON TABLE', quoteObjectName(stmt.table)];
  if (stmt.at !== undefined) parts.push(renderStreamPoint(stmt.at));
  if (stmt.appendOnly !== undefined) parts.push(`APPEND_ONLY = ${stmt.appendOnly ? 'TRUE' : 'FALSE'}`);
  if (stmt.comment !== undefined) parts.push(`COMMENT = ${quoteString(stmt.comment)}`);
  return parts.join(' ');
}
