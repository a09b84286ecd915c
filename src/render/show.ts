import { isSqlFragment } from '../ast/expression.js';
import type { DescribeStmt, ShowStmt } from '../ast/show.js';
import { quoteIdentifier, quoteObjectName, quoteString } from './quote.js';

// What each SHOW takes after its object, in Databend's grammar (src/query/ast/src/parser/statement.rs and stream.rs):
// SHOW STAGES has LIKE | WHERE and LIMIT, SHOW TASKS LIKE | WHERE, SHOW STREAMS FULL, FROM db and LIKE | WHERE,
// SHOW CONNECTIONS and SHOW FILE FORMATS nothing (LIKE after them is a syntax error, 1005).
const TAKES_FILTER: ReadonlySet<string> = new Set(['STAGES', 'STREAMS', 'TASKS']);

/** SHOW [FULL] <objects> [FROM db] [LIKE 'pattern' | WHERE condition] [LIMIT n] */
export function renderShow(stmt: ShowStmt): string {
  const { object, filter } = stmt;
  // A node written by hand is held to the grammar: what the statement cannot take is refused, not dropped.
  if (!TAKES_FILTER.has(object) && object !== 'CONNECTIONS' && object !== 'FILE FORMATS') throw new TypeError(`SHOW ${String(object)} is not a statement`);
  if ((stmt.full || stmt.database !== undefined) && object !== 'STREAMS') throw new TypeError(`SHOW ${object} takes no FULL or FROM`);
  if (stmt.limit !== undefined && object !== 'STAGES') throw new TypeError(`SHOW ${object} takes no LIMIT`);
  if (filter !== undefined && !TAKES_FILTER.has(object)) throw new TypeError(`SHOW ${object} takes no LIKE or WHERE`);
  let text = `SHOW ${stmt.full ? 'FULL ' : ''}${object}`;
  if (stmt.database !== undefined) text += ` FROM ${quoteIdentifier(stmt.database)}`;
  if (filter?.kind === 'like') text += ` LIKE ${quoteString(filter.pattern)}`;
  else if (filter !== undefined) {
    if (filter.kind !== 'where' || !isSqlFragment(filter.condition))
      throw new TypeError('a SHOW filter is { kind: "like", pattern } or { kind: "where", condition }');
    text += ` WHERE ${filter.condition.sql}`;
  }
  if (stmt.limit !== undefined) text += ` LIMIT ${stmt.limit}`;
  return text;
}

/** DESC <object> name */
export function renderDescribe(stmt: DescribeStmt): string {
  // Stages, connections and tasks only take plain names (validated by their builders), rendered bare, as DROP's: the
  // engine keeps a quoted one with its quotes. A stream is a table's kin and takes [db.]name quoted.
  switch (stmt.object) {
    case 'STAGE':
    case 'CONNECTION':
    case 'TASK':
      return `DESC ${stmt.object} ${stmt.name.name}`;
    case 'STREAM':
      return `DESC STREAM ${quoteObjectName(stmt.name)}`;
    default:
      throw new TypeError(`DESC ${String(stmt.object)} is not a statement`);
  }
}
