import type { CreateStreamStmt, StreamPoint } from '../ast/stream.js';
import { renderCreate } from './common.js';
import { quoteObjectName, quoteString } from './quote.js';

/** `(TIMESTAMP => expr | SNAPSHOT => 'id' | STREAM => name)`, after AT or FLASHBACK TO. */
export function renderTravelPoint(point: StreamPoint): string {
  switch (point.kind) {
    case 'timestamp':
      return `(TIMESTAMP => ${point.value.sql})`;
    case 'snapshot':
      return `(SNAPSHOT => ${quoteString(point.value)})`;
    case 'stream':
      return `(STREAM => ${quoteObjectName(point.value)})`;
  }
}

/** CREATE [OR REPLACE] STREAM [IF NOT EXISTS] s ON TABLE t [AT (...)] [APPEND_ONLY = bool] [COMMENT = '...'], on one line. */
export function renderCreateStream(stmt: CreateStreamStmt): string {
  const parts = [renderCreate(stmt.createOption, 'STREAM'), quoteObjectName(stmt.stream), 'ON TABLE', quoteObjectName(stmt.table)];
  if (stmt.at !== undefined) parts.push(`AT ${renderTravelPoint(stmt.at)}`);
  if (stmt.appendOnly !== undefined) parts.push(`APPEND_ONLY = ${stmt.appendOnly ? 'TRUE' : 'FALSE'}`);
  if (stmt.comment !== undefined) parts.push(`COMMENT = ${quoteString(stmt.comment)}`);
  return parts.join(' ');
}
