import {
  isUriLocation,
  type ConnectionSpec,
  type CreateConnectionStmt,
  type CreateFileFormatStmt,
  type CreateStageStmt,
  type ListStageStmt,
  type RemoveStageStmt,
  type SelectItem,
  type SelectStageStmt,
  type SelectTableFunctionStmt,
  type StageSourceOptions,
  type PresignStmt,
} from '../ast/stage.js';
import {
  renderConnection,
  renderConnectionOptions,
  renderCreate,
  renderFileFormat,
  renderOptionEntries,
  renderOptionValue,
  renderStageLocation,
} from './common.js';
import type { RenderContext, RenderOptions } from './context.js';
import { renderStagedProjection } from './expression.js';
import { memoizeShared } from './memo.js';
import { quoteIdentifier, quoteString } from './quote.js';

/**
 * CREATE [OR REPLACE] CONNECTION [IF NOT EXISTS] name STORAGE_TYPE = 'type' KEY = 'value' ..., in the guide's layout
 * (as CREATE STAGE): the head, then one clause per indented line.
 */
export function renderCreateConnection(stmt: CreateConnectionStmt, { options, nl }: RenderContext): string {
  const clauseBreak = `${nl}  `;
  // Connection, stage and file format names are plain identifiers (checked by the builders), never quoted.
  let text = `${renderCreate(stmt.createOption, 'CONNECTION')} ${stmt.name}${clauseBreak}STORAGE_TYPE = ${quoteString(stmt.storageType)}`;
  if (stmt.options.length > 0) text += `${clauseBreak}${renderOptionEntries(stmt.options, options, clauseBreak)}`;
  return text;
}

/** CREATE [OR REPLACE] STAGE [IF NOT EXISTS] name [URL = '...' [CONNECTION = (...)]] [FILE_FORMAT = (...)] [COMMENT = '...'] */
export function renderCreateStage(stmt: CreateStageStmt, { options, nl }: RenderContext): string {
  const clauseBreak = `${nl}  `;
  let text = `${renderCreate(stmt.createOption, 'STAGE')} ${stmt.name}`;
  if (stmt.location !== undefined) {
    text += `${clauseBreak}URL = ${quoteString(stmt.location.url)}`;
    if (stmt.location.connection !== undefined) text += `${clauseBreak}${renderConnection(stmt.location.connection, options)}`;
  }
  if (stmt.fileFormat !== undefined) text += `${clauseBreak}${renderFileFormat(stmt.fileFormat, options)}`;
  if (stmt.comment !== undefined) text += `${clauseBreak}COMMENT = ${quoteString(stmt.comment)}`;
  return text;
}

/** CREATE [OR REPLACE] FILE FORMAT [IF NOT EXISTS] name TYPE = X KEY = value ..., without parentheses. */
export function renderCreateFileFormat(stmt: CreateFileFormatStmt, { options }: RenderContext): string {
  const entries = stmt.options.length === 0 ? '' : ` ${renderOptionEntries(stmt.options, options)}`;
  return `${renderCreate(stmt.createOption, 'FILE FORMAT')} ${stmt.name} TYPE = ${stmt.type}${entries}`;
}

function renderPattern(pattern: string | undefined): string {
  return pattern === undefined ? '' : ` PATTERN = ${quoteString(pattern)}`;
}

/** LIST @stage[/path] [PATTERN = 'regex'] */
export function renderListStage(stmt: ListStageStmt): string {
  return `LIST ${renderStageLocation(stmt.location)}${renderPattern(stmt.pattern)}`;
}

/** REMOVE @stage[/path] [PATTERN = 'regex'] */
export function renderRemoveStage(stmt: RemoveStageStmt): string {
  return `REMOVE ${renderStageLocation(stmt.location)}${renderPattern(stmt.pattern)}`;
}

const renderPreviewProjection = memoizeShared((items: readonly SelectItem[], nl) => renderStagedProjection(items, `,${nl}       `));

/**
 * ` (CONNECTION => (...), FILE_FORMAT => 'X', PATTERN => '...', FILES => ('a', ...))`, or nothing without options.
 * A URL's connection goes here, in the documentation's table-function form.
 */
function renderSourceOptions(options: StageSourceOptions, connection: ConnectionSpec | undefined, render: RenderOptions): string {
  const entries: string[] = [];
  if (connection !== undefined) entries.push(`CONNECTION => ${renderConnectionOptions(connection, render)}`);
  if (options.fileFormat !== undefined) entries.push(`FILE_FORMAT => ${quoteString(options.fileFormat)}`);
  if (options.pattern !== undefined) entries.push(`PATTERN => ${quoteString(options.pattern)}`);
  if (options.files !== undefined) entries.push(`FILES => (${options.files.map(quoteString).join(', ')})`);
  return entries.length === 0 ? '' : ` (${entries.join(', ')})`;
}

/**
 * SELECT items FROM @stage/path [(options)] [alias] [WHERE ...] [LIMIT n], one clause per line as the guide's
 * preview, one projected item per line as its COPY transforms.
 */
export function renderSelectStage(stmt: SelectStageStmt, { nl, options }: RenderContext): string {
  const items = stmt.projection.length === 0 ? '*' : renderPreviewProjection(stmt.projection, nl);
  // Without AS, as COPY's transform and the documentation write it (the grammar takes both).
  const alias = stmt.alias === undefined ? '' : ` ${quoteIdentifier(stmt.alias)}`;
  const location = stmt.location;
  const from = isUriLocation(location) ? quoteString(location.url) : renderStageLocation(location);
  const connection = isUriLocation(location) ? location.connection : undefined;
  let text = `SELECT ${items}${nl}FROM ${from}${renderSourceOptions(stmt.options, connection, options)}${alias}`;
  if (stmt.where !== undefined) text += `${nl}WHERE ${stmt.where.sql}`;
  if (stmt.limit !== undefined) text += `${nl}LIMIT ${stmt.limit}`;
  return text;
}

/** The argument names each table function takes (the engine refuses others, 1006 "unknown param"). */
const TABLE_FUNCTION_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  INFER_SCHEMA: ['pattern', 'file_format', 'connection_name', 'max_records_pre_file', 'max_file_count'],
  LIST_STAGE: ['pattern'],
};

/** SELECT { * | columns }{nl}FROM INFER_SCHEMA(location => '@s/p', ...) [WHERE ...] [ORDER BY ...] [LIMIT n], in the preview's layout. */
export function renderSelectTableFunction(stmt: SelectTableFunctionStmt, { options, nl }: RenderContext): string {
  const known = Object.hasOwn(TABLE_FUNCTION_ARGUMENTS, stmt.name) ? TABLE_FUNCTION_ARGUMENTS[stmt.name]! : undefined;
  if (known === undefined) throw new TypeError(`unknown table function ${JSON.stringify(stmt.name)}`);
  // The location as a string literal: any path, quoted (the table functions take no bare @stage/path).
  const args = [`location => ${quoteString(`@${stmt.location.stage}/${stmt.location.path}`)}`];
  for (const argument of stmt.arguments) {
    if (!known.includes(argument.name)) throw new TypeError(`${stmt.name} takes no argument ${JSON.stringify(argument.name)}`);
    args.push(`${argument.name} => ${renderOptionValue(argument.value, options)}`);
  }
  const columns = stmt.columns === undefined || stmt.columns.length === 0 ? '*' : stmt.columns.map(quoteIdentifier).join(', ');
  let text = `SELECT ${columns}${nl}FROM ${stmt.name}(${args.join(', ')})`;
  if (stmt.where !== undefined) text += `${nl}WHERE ${stmt.where.sql}`;
  if (stmt.orderBy !== undefined && stmt.orderBy.length > 0)
    text += `${nl}ORDER BY ${stmt.orderBy.map((o) => `${quoteIdentifier(o.column)}${o.direction === undefined ? '' : ` ${o.direction}`}`).join(', ')}`;
  if (stmt.limit !== undefined) text += `${nl}LIMIT ${stmt.limit}`;
  return text;
}

/** PRESIGN [DOWNLOAD | UPLOAD] @stage/path [EXPIRE = n] [CONTENT_TYPE = '...'], on one line. */
export function renderPresign(stmt: PresignStmt): string {
  let text = `PRESIGN ${stmt.action === undefined ? '' : `${stmt.action} `}${renderStageLocation(stmt.location)}`;
  if (stmt.expire !== undefined) text += ` EXPIRE = ${stmt.expire}`;
  if (stmt.contentType !== undefined) text += ` CONTENT_TYPE = ${quoteString(stmt.contentType)}`;
  return text;
}
