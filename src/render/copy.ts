import type { CopyIntoLocationStmt, CopyIntoTableStmt, CopySource, InsertStmt, OnErrorMode, SelectTableStmt } from '../ast/copy.js';
import type { SelectItem } from '../ast/stage.js';
import { renderFileFormat, renderStageLocation } from './common.js';
import type { RenderOptions } from './context.js';
import { memoizeShared } from './memo.js';
import { quoteIdentifier, quoteObjectName, quoteString } from './quote.js';
import { renderSelectItem, renderSelectStage } from './stage.js';

const renderColumnNames = memoizeShared((columns: readonly string[]) => columns.map(quoteIdentifier).join(', '));

function renderColumnList(columns: readonly string[] | undefined): string {
  return columns === undefined ? '' : ` (${renderColumnNames(columns, '')})`;
}

const renderCopyProjection = memoizeShared((items: readonly SelectItem[], nl) => items.map(renderSelectItem).join(`,${nl}         `));

/**
 * Adds a `KEY = value` line for a COPY option that is set. Their values are identifiers, numbers or TRUE/FALSE,
 * never strings: the parser refuses `ON_ERROR = 'continue'` (error 1005).
 */
function pushBareOption(lines: string[], key: string, value: string | number | boolean | undefined): void {
  if (value !== undefined) lines.push(`${key} = ${typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : value}`);
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

/** The guide's layout: the transform SELECT indented inside `FROM (...)`, one projected item per line. */
function renderCopySource(source: CopySource, nl: string): string {
  const location = renderStageLocation(source.location);
  if (source.kind === 'location') return `FROM ${location}`;
  const alias = source.alias === undefined ? '' : ` ${quoteIdentifier(source.alias)}`;
  return `FROM (${nl}  SELECT ${renderCopyProjection(source.projection, nl)}${nl}  FROM ${location}${alias}${nl})`;
}

/**
 * COPY INTO table [(columns)] FROM { @stage/path | (SELECT ... FROM @stage/path) } [FILES | PATTERN] [FILE_FORMAT] [options],
 * one clause per line.
 */
export function renderCopyIntoTable(stmt: CopyIntoTableStmt, options: RenderOptions, nl: string): string {
  const o = stmt.options;
  const lines = [`COPY INTO ${quoteObjectName(stmt.table)}${renderColumnList(stmt.columns)}`, renderCopySource(stmt.source, nl)];
  if (stmt.files !== undefined) lines.push(`FILES = (${stmt.files.map(quoteString).join(', ')})`);
  if (stmt.pattern !== undefined) lines.push(`PATTERN = ${quoteString(stmt.pattern)}`);
  if (stmt.fileFormat !== undefined) lines.push(renderFileFormat(stmt.fileFormat, options));
  pushBareOption(lines, 'ON_ERROR', o.onError === undefined ? undefined : renderOnError(o.onError));
  pushBareOption(lines, 'FORCE', o.force);
  pushBareOption(lines, 'PURGE', o.purge);
  pushBareOption(lines, 'MAX_FILES', o.maxFiles);
  pushBareOption(lines, 'SIZE_LIMIT', o.sizeLimit);
  pushBareOption(lines, 'SPLIT_SIZE', o.splitSize);
  pushBareOption(lines, 'DISABLE_VARIANT_CHECK', o.disableVariantCheck);
  pushBareOption(lines, 'RETURN_FAILED_ONLY', o.returnFailedOnly);
  pushBareOption(lines, 'COLUMN_MATCH_MODE', o.columnMatchMode);
  return lines.join(nl);
}

/** COPY INTO @stage/path FROM { table | (query) } [PARTITION BY (...)] [FILE_FORMAT] [options], one clause per line. */
export function renderCopyIntoLocation(stmt: CopyIntoLocationStmt, options: RenderOptions, nl: string): string {
  const o = stmt.options;
  const source = stmt.source.kind === 'table' ? `FROM ${quoteObjectName(stmt.source.table)}` : `FROM (${nl}  ${stmt.source.query.sql}${nl})`;
  const lines = [`COPY INTO ${renderStageLocation(stmt.location)}`, source];
  if (stmt.partitionBy !== undefined) lines.push(`PARTITION BY (${stmt.partitionBy.sql})`);
  if (stmt.fileFormat !== undefined) lines.push(renderFileFormat(stmt.fileFormat, options));
  pushBareOption(lines, 'SINGLE', o.single);
  pushBareOption(lines, 'MAX_FILE_SIZE', o.maxFileSize);
  pushBareOption(lines, 'DETAILED_OUTPUT', o.detailedOutput);
  pushBareOption(lines, 'USE_RAW_PATH', o.useRawPath);
  pushBareOption(lines, 'INCLUDE_QUERY_ID', o.includeQueryId);
  pushBareOption(lines, 'OVERWRITE', o.overwrite);
  return lines.join(nl);
}

/** SELECT items FROM name [WITH CONSUME] [WHERE ...] [LIMIT n], on one line as the guide reads a stream. */
export function renderSelectTable(stmt: SelectTableStmt): string {
  const items = stmt.projection.length === 0 ? '*' : stmt.projection.map(renderSelectItem).join(', ');
  let text = `SELECT ${items} FROM ${quoteObjectName(stmt.from)}`;
  if (stmt.consume) text += ' WITH CONSUME';
  if (stmt.where !== undefined) text += ` WHERE ${stmt.where.sql}`;
  if (stmt.limit !== undefined) text += ` LIMIT ${stmt.limit}`;
  return text;
}

/** INSERT [OVERWRITE] INTO table [(columns)], then the SELECT on the following lines. */
export function renderInsert(stmt: InsertStmt, nl: string): string {
  const head = `INSERT ${stmt.overwrite ? 'OVERWRITE ' : ''}INTO ${quoteObjectName(stmt.table)}${renderColumnList(stmt.columns)}`;
  const select = stmt.source.kind === 'SelectStageStmt' ? renderSelectStage(stmt.source, nl) : renderSelectTable(stmt.source);
  return `${head}${nl}${select}`;
}
