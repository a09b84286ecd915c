import type { CopyIntoLocationStmt, CopyIntoTableStmt, CopySource, InsertStmt, OnErrorMode, SelectTableStmt } from '../ast/copy.js';
import type { SelectItem } from '../ast/stage.js';
import { renderFileFormat, renderStageLocation } from './common.js';
import type { RenderOptions } from './context.js';
import { quoteIdentifier, quoteObjectName, quoteString } from './quote.js';
import { renderSelectStage } from './stage.js';

/** `expr` or `expr AS alias`. */
function renderSelectItem(item: SelectItem): string {
  return item.alias === undefined ? item.expression.sql : `${item.expression.sql} AS ${quoteIdentifier(item.alias)}`;
}

function renderColumnList(columns: readonly string[] | undefined): string {
  return columns === undefined ? '' : ` (${columns.map(quoteIdentifier).join(', ')})`;
}

/**
 * `KEY = value` lines for COPY options. Their values are identifiers, numbers or TRUE/FALSE, never strings:
 * the parser refuses `ON_ERROR = 'continue'` (error 1005).
 */
function renderBareOptions(options: readonly (readonly [string, string | number | boolean | undefined])[]): string[] {
  return options
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key} = ${typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : value}`);
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
function renderCopySource(source: CopySource): string[] {
  const location = renderStageLocation(source.location);
  if (source.kind === 'location') return [`FROM ${location}`];
  const alias = source.alias === undefined ? '' : ` ${quoteIdentifier(source.alias)}`;
  return ['FROM (', `  SELECT ${source.projection.map(renderSelectItem).join(',\n         ')}`, `  FROM ${location}${alias}`, ')'];
}

/**
 * COPY INTO table [(columns)] FROM { @stage/path | (SELECT ... FROM @stage/path) } [FILES | PATTERN] [FILE_FORMAT] [options],
 * one clause per line.
 */
export function renderCopyIntoTable(stmt: CopyIntoTableStmt, options: RenderOptions): string {
  const o = stmt.options;
  return [
    `COPY INTO ${quoteObjectName(stmt.table)}${renderColumnList(stmt.columns)}`,
    ...renderCopySource(stmt.source),
    ...(stmt.files === undefined ? [] : [`FILES = (${stmt.files.map(quoteString).join(', ')})`]),
    ...(stmt.pattern === undefined ? [] : [`PATTERN = ${quoteString(stmt.pattern)}`]),
    ...(stmt.fileFormat === undefined ? [] : [renderFileFormat(stmt.fileFormat, options)]),
    ...renderBareOptions([
      ['ON_ERROR', o.onError === undefined ? undefined : renderOnError(o.onError)],
      ['FORCE', o.force],
      ['PURGE', o.purge],
      ['MAX_FILES', o.maxFiles],
      ['SIZE_LIMIT', o.sizeLimit],
      ['SPLIT_SIZE', o.splitSize],
      ['DISABLE_VARIANT_CHECK', o.disableVariantCheck],
      ['RETURN_FAILED_ONLY', o.returnFailedOnly],
      ['COLUMN_MATCH_MODE', o.columnMatchMode],
    ]),
  ].join('\n');
}

/** COPY INTO @stage/path FROM { table | (query) } [PARTITION BY (...)] [FILE_FORMAT] [options], one clause per line. */
export function renderCopyIntoLocation(stmt: CopyIntoLocationStmt, options: RenderOptions): string {
  const o = stmt.options;
  const source = stmt.source.kind === 'table' ? [`FROM ${quoteObjectName(stmt.source.table)}`] : ['FROM (', `  ${stmt.source.query.sql}`, ')'];
  return [
    `COPY INTO ${renderStageLocation(stmt.location)}`,
    ...source,
    ...(stmt.partitionBy === undefined ? [] : [`PARTITION BY (${stmt.partitionBy.sql})`]),
    ...(stmt.fileFormat === undefined ? [] : [renderFileFormat(stmt.fileFormat, options)]),
    ...renderBareOptions([
      ['SINGLE', o.single],
      ['MAX_FILE_SIZE', o.maxFileSize],
      ['DETAILED_OUTPUT', o.detailedOutput],
      ['USE_RAW_PATH', o.useRawPath],
      ['INCLUDE_QUERY_ID', o.includeQueryId],
      ['OVERWRITE', o.overwrite],
    ]),
  ].join('\n');
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
export function renderInsert(stmt: InsertStmt): string {
  const head = `INSERT ${stmt.overwrite ? 'OVERWRITE ' : ''}INTO ${quoteObjectName(stmt.table)}${renderColumnList(stmt.columns)}`;
  const select = stmt.source.kind === 'SelectStageStmt' ? renderSelectStage(stmt.source) : renderSelectTable(stmt.source);
  return `${head}\n${select}`;
}
