import type {
  AutoIncrement,
  ClusterBy,
  ColumnDefinition,
  CreateTableStmt,
  DropStmt,
  TableEngineOptions,
  TableIndexDefinition,
  TableQuery,
} from '../ast/ddl.js';
import { renderCreate, renderFileLocation } from './common.js';
import type { RenderContext } from './context.js';
import { renderDataType } from './data-type.js';
import { renderDefault } from './literal.js';
import { isShared } from '../ast/freeze.js';
import { flat, memoizeShared } from './memo.js';
import { quoteIdentifier, quoteObjectName, quoteString } from './quote.js';

function renderColumn(column: ColumnDefinition): string {
  const parts = [quoteIdentifier(column.name), renderDataType(column.type), column.nullable ? 'NULL' : 'NOT NULL'];
  if (column.default !== undefined) {
    parts.push('DEFAULT', column.default.kind === 'SqlFragment' ? column.default.sql : renderDefault(column.default.value, column.type));
  }
  if (column.computed !== undefined) parts.push(`AS (${column.computed.expression.sql})`, column.computed.mode);
  if (column.autoIncrement !== undefined) parts.push(renderAutoIncrement(column.autoIncrement));
  if (column.comment !== undefined) parts.push('COMMENT', quoteString(column.comment));
  return parts.join(' ');
}

/** `AUTOINCREMENT`, with `(start, step)` and `NOORDER` only where they differ from Databend's defaults (0, 1, ORDER). */
function renderAutoIncrement({ start, step, order }: AutoIncrement): string {
  let text = 'AUTOINCREMENT';
  if (start !== 0 || step !== 1) text += ` (${start}, ${step})`;
  return order ? text : `${text} NOORDER`;
}

/** A column definition as ADD COLUMN and MODIFY COLUMN write it. */
export { renderColumn };

/** `[LINEAR | HILBERT] (key, ...)`: a column by its quoted name, an expression as written. */
export function renderClusterBy(clusterBy: ClusterBy): string {
  const type = clusterBy.type === undefined ? '' : `${clusterBy.type} `;
  return `${type}(${clusterBy.columns.map((key) => (typeof key === 'string' ? quoteIdentifier(key) : key.sql)).join(', ')})`;
}

/** `option = value ...`, whitespace-separated as CREATE TABLE's options are (the grammar takes no commas there). */
export function renderTableOptions(options: TableEngineOptions, separator = ' '): string {
  return Object.keys(options)
    .map((key) => `${key} = ${renderTableOptionValue(options[key]!)}`)
    .join(separator);
}

/** `[ASYNC] VECTOR INDEX name (columns) [options]` inside CREATE TABLE's parentheses. */
function renderIndexDefinition(index: TableIndexDefinition): string {
  const head = `${index.async ? 'ASYNC ' : ''}${index.type} INDEX ${quoteIdentifier(index.name)}`;
  const options = renderTableOptions(index.options);
  return `${head} (${index.columns.map(quoteIdentifier).join(', ')})${options === '' ? '' : ` ${options}`}`;
}

function renderTableQuery(query: TableQuery, context: RenderContext): string {
  return query.kind === 'SqlFragment' ? query.sql : context.nested(query, context.nl);
}

const renderColumns = memoizeShared((columns: readonly ColumnDefinition[], nl) => `${nl}  ${columns.map(renderColumn).join(`,${nl}  `)}`);

function renderTableOptionValue(value: string | number | boolean): string {
  if (typeof value === 'string') return quoteString(value);
  return String(value);
}

/** CREATE [OR REPLACE] [TRANSIENT] TABLE [IF NOT EXISTS] t { (...) | LIKE other } [ENGINE = e] ['url' ...] [CLUSTER BY ...] [k = v ...] [COMMENT = '...'] [AS query] */
export function renderCreateTable(stmt: CreateTableStmt, context: RenderContext): string {
  const { nl } = context;
  const head = renderCreate(stmt.createOption, stmt.transient ? 'TRANSIENT TABLE' : 'TABLE');
  const text = `${head} ${quoteObjectName(stmt.table)}${tableBody(stmt, context)}`;
  return stmt.asQuery === undefined ? text : `${text}${nl}AS ${renderTableQuery(stmt.asQuery, context)}`;
}

/**
 * What a declared table's CREATE TABLE keeps from the table (its lowered columns, cluster keys, options and comment,
 * shared and deep-frozen: see share()) renders to the same text every time: kept per columns list, for the plain line
 * break, and reused while every part is still the same value.
 */
interface TableBodyText {
  readonly clusterBy: ClusterBy | undefined;
  readonly engineOptions: TableEngineOptions;
  readonly indexes: readonly TableIndexDefinition[] | undefined;
  readonly comment: string | undefined;
  readonly text: string;
}

const tableBodies = new WeakMap<readonly ColumnDefinition[], TableBodyText>();

const sharedOrAbsent = (value: object | undefined) => value === undefined || isShared(value);

function tableBody(stmt: CreateTableStmt, context: RenderContext): string {
  if (context.nl !== '\n' || stmt.like !== undefined || stmt.location !== undefined) return renderTableBody(stmt, context);
  const kept = tableBodies.get(stmt.columns);
  if (
    kept !== undefined &&
    kept.clusterBy === stmt.clusterBy &&
    kept.engineOptions === stmt.engineOptions &&
    kept.indexes === stmt.indexes &&
    kept.comment === stmt.comment
  )
    return kept.text;
  const text = flat(renderTableBody(stmt, context));
  if (isShared(stmt.columns) && sharedOrAbsent(stmt.clusterBy) && isShared(stmt.engineOptions) && sharedOrAbsent(stmt.indexes))
    tableBodies.set(stmt.columns, { clusterBy: stmt.clusterBy, engineOptions: stmt.engineOptions, indexes: stmt.indexes, comment: stmt.comment, text });
  return text;
}

/** Everything between the table's name and its AS query. */
function renderTableBody(stmt: CreateTableStmt, context: RenderContext): string {
  const { nl } = context;
  let text = '';
  if (stmt.like !== undefined) text += ` LIKE ${quoteObjectName(stmt.like)}`;
  else if (stmt.columns.length > 0) {
    const indexes = stmt.indexes === undefined || stmt.indexes.length === 0 ? '' : `,${nl}  ${stmt.indexes.map(renderIndexDefinition).join(`,${nl}  `)}`;
    text += ` (${renderColumns(stmt.columns, nl)}${indexes}${nl})`;
  }
  // The parser reads ENGINE, then the location, after the columns (or LIKE) and before CLUSTER BY and the options.
  if (stmt.engine !== undefined) text += `${nl}ENGINE = ${stmt.engine}`;
  // The parser reads the location after the columns (or LIKE) and before CLUSTER BY and the options.
  if (stmt.location !== undefined) text += `${nl}${renderFileLocation(stmt.location, context.options)}`;
  if (stmt.clusterBy !== undefined) text += `${nl}CLUSTER BY ${renderClusterBy(stmt.clusterBy)}`;
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
