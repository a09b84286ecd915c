import {
  NO_COPY_OPTIONS,
  type CopyIntoLocationStmt,
  type CopyIntoTableStmt,
  type InsertStmt,
  type OnErrorMode,
  type SchemaEvolution,
  type SelectTableStmt,
} from '../ast/copy.js';
import { isShared } from '../ast/freeze.js';
import type { SelectItem } from '../ast/stage.js';
import { renderFileFormat, renderFileLocation } from './common.js';
import type { RenderContext } from './context.js';
import { flat, memoizeShared } from './memo.js';
import { quoteIdentifier, quoteObjectName, quoteString } from './quote.js';
import { renderSelectItem, renderStagedProjection } from './expression.js';
import { renderSelectStage } from './stage.js';
import { renderValue } from './literal.js';

const renderColumnNames = memoizeShared((columns: readonly string[]) => columns.map(quoteIdentifier).join(', '));

function renderColumnList(columns: readonly string[] | undefined): string {
  return columns === undefined ? '' : ` (${renderColumnNames(columns, '')})`;
}

const renderCopyProjection = memoizeShared((items: readonly SelectItem[], nl) => renderStagedProjection(items, `,${nl}         `));

/**
 * A `KEY = value` line for a COPY option that is set, or nothing. Their values are identifiers, numbers or
 * TRUE/FALSE, never strings: the parser refuses `ON_ERROR = 'continue'` (error 1005).
 */
function bareOption(nl: string, key: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `${nl}${key} = ${typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : value}`;
}

function renderOnError(onError: OnErrorMode): string {
  switch (onError.mode) {
    case 'ABORT_N':
      return `ABORT_${onError.threshold}`;
    case 'SKIP_FILE_N':
      return `SKIP_FILE_${onError.threshold}`;
    default:
      return onError.mode;
  }
}

/**
 * `COPY INTO table (columns)` and the transform's head down to its FROM: for a declared table's own name, columns and
 * cast projection (shared: see share()) the same text every time, kept per projection and line break while the
 * name and columns are still the same values.
 */
interface CopyHead {
  readonly table: CopyIntoTableStmt['table'];
  readonly columns: readonly string[] | undefined;
  readonly nl: string;
  readonly text: string;
}

// Two per projection: the plain line break (a COPY) and the last other one (a task's COPY, indented).
const copyHeads = new WeakMap<readonly SelectItem[], { plain: CopyHead | undefined; indented: CopyHead | undefined }>();

function copyHead(stmt: CopyIntoTableStmt, projection: readonly SelectItem[], nl: string): string {
  const heads = copyHeads.get(projection);
  const kept = heads === undefined ? undefined : nl === '\n' ? heads.plain : heads.indented;
  if (kept !== undefined && kept.table === stmt.table && kept.columns === stmt.columns && kept.nl === nl) return kept.text;
  const text = flat(
    `COPY INTO ${quoteObjectName(stmt.table)}${renderColumnList(stmt.columns)}${nl}FROM (${nl}  SELECT ${renderCopyProjection(projection, nl)}${nl}  FROM `,
  );
  if (isShared(projection) && isShared(stmt.table) && (stmt.columns === undefined || isShared(stmt.columns))) {
    const head = { table: stmt.table, columns: stmt.columns, nl, text };
    if (heads === undefined) copyHeads.set(projection, nl === '\n' ? { plain: head, indented: undefined } : { plain: undefined, indented: head });
    else if (nl === '\n') heads.plain = head;
    else heads.indented = head;
  }
  return text;
}

/**
 * The guide's layout: the transform SELECT indented inside `FROM (...)`, one projected item per line.
 * COPY INTO table [(columns)] FROM { @stage/path | (SELECT ... FROM @stage/path) } [FILES | PATTERN] [FILE_FORMAT] [options],
 * one clause per line.
 */
export function renderCopyIntoTable(stmt: CopyIntoTableStmt, ctx: RenderContext): string {
  const { nl } = ctx;
  const o = stmt.options;
  const source = stmt.source;
  const location = renderFileLocation(source.location, ctx.options);
  let text =
    source.kind === 'location'
      ? `COPY INTO ${quoteObjectName(stmt.table)}${renderColumnList(stmt.columns)}${nl}FROM ${location}`
      : `${copyHead(stmt, source.projection, nl)}${location}${source.alias === undefined ? '' : ` ${quoteIdentifier(source.alias)}`}${nl})`;
  if (stmt.files !== undefined) text += `${nl}FILES = (${stmt.files.map(quoteString).join(', ')})`;
  if (stmt.pattern !== undefined) text += `${nl}PATTERN = ${quoteString(stmt.pattern)}`;
  if (stmt.fileFormat !== undefined) text += `${nl}${renderFileFormat(stmt.fileFormat, ctx.options)}`;
  // The options of a COPY that sets none: the shared record every builder starts from.
  if (o === NO_COPY_OPTIONS) return text;
  return (
    text +
    bareOption(nl, 'ON_ERROR', o.onError === undefined ? undefined : renderOnError(o.onError)) +
    bareOption(nl, 'FORCE', o.force) +
    bareOption(nl, 'PURGE', o.purge) +
    bareOption(nl, 'MAX_FILES', o.maxFiles) +
    bareOption(nl, 'SIZE_LIMIT', o.sizeLimit) +
    bareOption(nl, 'SPLIT_SIZE', o.splitSize) +
    bareOption(nl, 'DISABLE_VARIANT_CHECK', o.disableVariantCheck) +
    bareOption(nl, 'RETURN_FAILED_ONLY', o.returnFailedOnly) +
    bareOption(nl, 'COLUMN_MATCH_MODE', o.columnMatchMode) +
    (o.schemaEvolution === undefined ? '' : `${nl}SCHEMA_EVOLUTION = (${renderSchemaEvolution(o.schemaEvolution)})`)
  );
}

/** `SAMPLE_FILES = n, SAMPLE_RECORDS_PER_FILE = AUTO, ...`: the limits given, in the grammar's order. */
function renderSchemaEvolution(sampling: SchemaEvolution): string {
  const entries: string[] = [];
  if (sampling.sampleFiles !== undefined) entries.push(`SAMPLE_FILES = ${sampling.sampleFiles}`);
  if (sampling.sampleRecordsPerFile !== undefined) entries.push(`SAMPLE_RECORDS_PER_FILE = ${sampling.sampleRecordsPerFile}`);
  if (sampling.sampleTotalRecords !== undefined) entries.push(`SAMPLE_TOTAL_RECORDS = ${sampling.sampleTotalRecords}`);
  return entries.join(', ');
}

/** COPY INTO @stage/path FROM { table | (query) } [PARTITION BY (...)] [FILE_FORMAT] [options], one clause per line. */
export function renderCopyIntoLocation(stmt: CopyIntoLocationStmt, ctx: RenderContext): string {
  const { nl } = ctx;
  const o = stmt.options;
  const source = stmt.source.kind === 'table' ? `FROM ${quoteObjectName(stmt.source.table)}` : `FROM (${nl}  ${stmt.source.query.sql}${nl})`;
  let text = `COPY INTO ${renderFileLocation(stmt.location, ctx.options)}${nl}${source}`;
  if (stmt.partitionBy !== undefined) text += `${nl}PARTITION BY (${stmt.partitionBy.sql})`;
  if (stmt.fileFormat !== undefined) text += `${nl}${renderFileFormat(stmt.fileFormat, ctx.options)}`;
  return (
    text +
    bareOption(nl, 'SINGLE', o.single) +
    bareOption(nl, 'MAX_FILE_SIZE', o.maxFileSize) +
    bareOption(nl, 'DETAILED_OUTPUT', o.detailedOutput) +
    bareOption(nl, 'USE_RAW_PATH', o.useRawPath) +
    bareOption(nl, 'INCLUDE_QUERY_ID', o.includeQueryId) +
    bareOption(nl, 'OVERWRITE', o.overwrite)
  );
}

/**
 * [WITH name AS (query)[, name AS (query) ...]] SELECT items FROM name [WITH CONSUME] [AS alias] [JOIN ...] [WHERE ...] [GROUP BY ...]
 * [ORDER BY ...] [LIMIT n], on one line as the guide reads a stream.
 */
export function renderSelectTable(stmt: SelectTableStmt): string {
  const items = stmt.projection.length === 0 ? '*' : stmt.projection.map((item) => renderSelectItem(item)).join(', ');
  let text = `SELECT ${items} FROM ${quoteObjectName(stmt.from)}`;
  if (stmt.with !== undefined) {
    const ctes = [stmt.with, ...(stmt.joinedCtes ?? [])].map((cte) => `${quoteIdentifier(cte.name)} AS (${renderSelectTable(cte.query)})`);
    text = `WITH ${ctes.join(', ')} ${text}`;
  }
  if (stmt.consume) text += ' WITH CONSUME';
  if (stmt.alias !== undefined) text += ` AS ${quoteIdentifier(stmt.alias)}`;
  for (const join of stmt.joins ?? []) {
    const alias = join.alias === undefined ? '' : ` AS ${quoteIdentifier(join.alias)}`;
    text += ` ${join.kind} JOIN ${quoteObjectName(join.table)}${alias} ON ${join.on.sql}`;
  }
  if (stmt.where !== undefined) text += ` WHERE ${stmt.where.sql}`;
  if (stmt.groupBy !== undefined) text += ` GROUP BY ${stmt.groupBy.sql}`;
  if (stmt.orderBy !== undefined) text += ` ORDER BY ${stmt.orderBy.sql}`;
  if (stmt.limit !== undefined) text += ` LIMIT ${stmt.limit}`;
  return text;
}

/** INSERT [OVERWRITE] INTO table [(columns)], then the SELECT or the VALUES rows on the following lines. */
export function renderInsert(stmt: InsertStmt, ctx: RenderContext): string {
  const head = `INSERT ${stmt.overwrite ? 'OVERWRITE ' : ''}INTO ${quoteObjectName(stmt.table)}${renderColumnList(stmt.columns)}`;
  const source = stmt.source;
  if (source.kind === 'InsertValues') return `${head}${ctx.nl}VALUES ${source.rows.map((row) => `(${row.map(renderValue).join(', ')})`).join(', ')}`;
  const select = source.kind === 'SelectStageStmt' ? renderSelectStage(source, ctx) : source.kind === 'SqlStmt' ? source.sql.sql : renderSelectTable(source);
  return `${head}${ctx.nl}${select}`;
}
