import type { ColumnDefinition, CreateTableStmt, DropStmt } from '../ast/ddl.js';
import { renderCreate } from './common.js';
import type { RenderContext } from './context.js';
import { renderDataType } from './data-type.js';
import { renderDefault } from './literal.js';
import { memoizeShared } from './memo.js';
import { quoteIdentifier, quoteObjectName, quoteString } from './quote.js';

function renderColumn(column: ColumnDefinition): string {
  const parts = [quoteIdentifier(column.name), renderDataType(column.type), column.nullable ? 'NULL' : 'NOT NULL'];
  if (column.default !== undefined) {
    parts.push('DEFAULT', column.default.kind === 'SqlFragment' ? column.default.sql : renderDefault(column.default.value, column.type));
  }
  if (column.comment !== undefined) parts.push('COMMENT', quoteString(column.comment));
  return parts.join(' ');
}

const renderColumns = memoizeShared((columns: readonly ColumnDefinition[], nl) => `${nl}  ${columns.map(renderColumn).join(`,${nl}  `)}`);

function renderTableOptionValue(value: string | number | boolean): string {
  if (typeof value === 'string') return quoteString(value);
  return String(value);
}

/** CREATE [OR REPLACE] [TRANSIENT] TABLE [IF NOT EXISTS] t (...) [CLUSTER BY ...] [k = v ...] [COMMENT = '...'] */
export function renderCreateTable(stmt: CreateTableStmt, { nl }: RenderContext): string {
  const head = renderCreate(stmt.createOption, stmt.transient ? 'TRANSIENT TABLE' : 'TABLE');
  let text = `${head} ${quoteObjectName(stmt.table)} (${renderColumns(stmt.columns, nl)}${nl})`;
  if (stmt.clusterBy !== undefined) {
    const type = stmt.clusterBy.type === undefined ? '' : `${stmt.clusterBy.type} `;
    text += `${nl}CLUSTER BY ${type}(${stmt.clusterBy.columns.map(quoteIdentifier).join(', ')})`;
  }
  // Fuse options and COMMENT share one line.
  let separator = nl;
  for (const key of Object.keys(stmt.engineOptions)) {
    text += `${separator}${key} = ${renderTableOptionValue(stmt.engineOptions[key]!)}`;
    separator = ' ';
  }
  if (stmt.comment !== undefined) text += `${separator}COMMENT = ${quoteString(stmt.comment)}`;
  return text;
}

/** DROP <object> [IF EXISTS] name */
export function renderDrop(stmt: DropStmt): string {
  // Stages, connections, file formats and tasks only take plain names (validated by their builders), rendered bare:
  // the engine keeps a quoted one with its quotes.
  const name =
    stmt.object === 'STAGE' || stmt.object === 'CONNECTION' || stmt.object === 'FILE FORMAT' || stmt.object === 'TASK'
      ? stmt.name.name
      : quoteObjectName(stmt.name);
  return `DROP ${stmt.object}${stmt.ifExists ? ' IF EXISTS' : ''} ${name}`;
}
