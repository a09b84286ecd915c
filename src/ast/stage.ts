import type { CreateOption, Patch, StageLocation } from './common.js';
import type { Secret } from './secret.js';
import type { Expression, SqlFragment } from './expression.js';

/** A value inside an option list: rendered as a string literal, a number, TRUE/FALSE, a bare keyword or a list. */
export type OptionValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'secret'; readonly value: Secret }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'keyword'; readonly value: string }
  | { readonly kind: 'stringList'; readonly value: readonly string[] };

/** `KEY = value`, the SQL key already in Databend's spelling. */
export interface OptionEntry {
  readonly key: string;
  readonly value: OptionValue;
}

/** CREATE [OR REPLACE] CONNECTION [IF NOT EXISTS] name STORAGE_TYPE = 'type' KEY = 'value' ... */
export interface CreateConnectionStmt {
  readonly kind: 'CreateConnectionStmt';
  readonly createOption: CreateOption;
  readonly name: string;
  readonly storageType: string;
  readonly options: readonly OptionEntry[];
}

/** FILE_FORMAT = (TYPE = 'X' ...) or FILE_FORMAT = (FORMAT_NAME = 'name'). */
export type FileFormatSpec =
  | { readonly kind: 'inline'; readonly type: string; readonly options: readonly OptionEntry[] }
  | { readonly kind: 'named'; readonly name: string };

/** CONNECTION = (CONNECTION_NAME = 'c') or CONNECTION = (KEY = 'value' ...). */
export type ConnectionSpec = { readonly kind: 'named'; readonly name: string } | { readonly kind: 'inline'; readonly options: readonly OptionEntry[] };

/**
 * `'s3://bucket/path/' [CONNECTION = (...)]`: files named by URL instead of through a stage (Databend's
 * `UriLocation`), read by COPY INTO a table or a stage SELECT and written by an unload.
 */
export interface UriLocation {
  readonly kind: 'UriLocation';
  readonly url: string;
  readonly connection: ConnectionSpec | undefined;
}

/** Where files are read or written: `@stage/path` or a URL (Databend's `FileLocation`). */
export type FileLocation = StageLocation | UriLocation;

export function isUriLocation(location: FileLocation): location is UriLocation {
  return (location as { readonly kind?: unknown }).kind === 'UriLocation';
}

/** An external storage location: URL plus how to reach it. */
export interface ExternalLocation {
  readonly url: string;
  readonly connection: ConnectionSpec | undefined;
}

/** CREATE [OR REPLACE] STAGE [IF NOT EXISTS] name [URL = '...' [CONNECTION = (...)]] [FILE_FORMAT = (...)] [COMMENT = '...'] */
export interface CreateStageStmt {
  readonly kind: 'CreateStageStmt';
  readonly createOption: CreateOption;
  readonly name: string;
  /** Absent for an internal stage. */
  readonly location: ExternalLocation | undefined;
  readonly fileFormat: FileFormatSpec | undefined;
  readonly comment: string | undefined;
}

/** CREATE [OR REPLACE] FILE FORMAT [IF NOT EXISTS] name TYPE = X opt = value ... */
export interface CreateFileFormatStmt {
  readonly kind: 'CreateFileFormatStmt';
  readonly createOption: CreateOption;
  readonly name: string;
  readonly type: string;
  readonly options: readonly OptionEntry[];
}

/** LIST @stage[/path] [PATTERN = 'regex'] */
export interface ListStageStmt {
  readonly kind: 'ListStageStmt';
  readonly location: StageLocation;
  readonly pattern: string | undefined;
}

/** REMOVE @stage[/path] [PATTERN = 'regex'] */
export interface RemoveStageStmt {
  readonly kind: 'RemoveStageStmt';
  readonly location: StageLocation;
  readonly pattern: string | undefined;
}

/** One projected item: an SQL expression and an optional alias. */
export interface SelectItem {
  readonly expression: Expression;
  readonly alias: string | undefined;
}

/** The `(FILE_FORMAT => ..., PATTERN => ..., FILES => (...))` options of a staged-file source. */
export interface StageSourceOptions {
  /** A format type ('PARQUET') or the name of a FILE FORMAT object. */
  readonly fileFormat: string | undefined;
  readonly pattern: string | undefined;
  readonly files: readonly string[] | undefined;
}

/** SELECT items FROM { @stage/path | 'url' } (options) [alias] [WHERE ...] [LIMIT n] — querying staged files. */
export interface SelectStageStmt {
  readonly kind: 'SelectStageStmt';
  /** Empty means SELECT *. */
  readonly projection: readonly SelectItem[];
  readonly location: FileLocation;
  readonly options: StageSourceOptions;
  readonly alias: string | undefined;
  readonly where: SqlFragment | undefined;
  readonly limit: number | undefined;
}

/** The table functions over staged files the SDK builds: `INFER_SCHEMA(...)` and `list_stage(...)`. */
export type StageTableFunctionName = 'INFER_SCHEMA' | 'LIST_STAGE';

/** `name => value`, the name in the engine's spelling (`location`, `max_records_pre_file`). */
export interface TableFunctionArgument {
  readonly name: string;
  readonly value: OptionValue;
}

/** `column [ASC | DESC]` of an ORDER BY. */
export interface OrderByColumn {
  readonly column: string;
  readonly direction: 'ASC' | 'DESC' | undefined;
}

/**
 * SELECT { * | columns } FROM INFER_SCHEMA(location => '@s/p', ...) | list_stage(location => '@s/p', ...) [WHERE ...]
 * [ORDER BY ...] [LIMIT n]
 */
export interface SelectTableFunctionStmt {
  readonly kind: 'SelectTableFunctionStmt';
  readonly name: StageTableFunctionName;
  /** `location => '@stage/path'`, the first argument. */
  readonly location: StageLocation;
  /** The arguments after the location. */
  readonly arguments: readonly TableFunctionArgument[];
  readonly where: SqlFragment | undefined;
  readonly limit: number | undefined;
  /** The columns selected, by name; `*` when absent or empty. */
  readonly columns?: readonly string[] | undefined;
  readonly orderBy?: readonly OrderByColumn[] | undefined;
}

export function cloneSelectTableFunction(node: SelectTableFunctionStmt, patch: Patch<SelectTableFunctionStmt>): SelectTableFunctionStmt {
  return {
    kind: 'SelectTableFunctionStmt',
    name: patch.name ?? node.name,
    location: patch.location ?? node.location,
    arguments: patch.arguments ?? node.arguments,
    where: 'where' in patch ? patch.where : node.where,
    limit: 'limit' in patch ? patch.limit : node.limit,
    columns: 'columns' in patch ? patch.columns : node.columns,
    orderBy: 'orderBy' in patch ? patch.orderBy : node.orderBy,
  };
}

export function cloneCreateConnection(node: CreateConnectionStmt, patch: Patch<CreateConnectionStmt>): CreateConnectionStmt {
  return {
    kind: 'CreateConnectionStmt',
    createOption: patch.createOption ?? node.createOption,
    name: patch.name ?? node.name,
    storageType: patch.storageType ?? node.storageType,
    options: patch.options ?? node.options,
  };
}

export function cloneCreateStage(node: CreateStageStmt, patch: Patch<CreateStageStmt>): CreateStageStmt {
  return {
    kind: 'CreateStageStmt',
    createOption: patch.createOption ?? node.createOption,
    name: patch.name ?? node.name,
    location: 'location' in patch ? patch.location : node.location,
    fileFormat: 'fileFormat' in patch ? patch.fileFormat : node.fileFormat,
    comment: 'comment' in patch ? patch.comment : node.comment,
  };
}

export function cloneCreateFileFormat(node: CreateFileFormatStmt, patch: Patch<CreateFileFormatStmt>): CreateFileFormatStmt {
  return {
    kind: 'CreateFileFormatStmt',
    createOption: patch.createOption ?? node.createOption,
    name: patch.name ?? node.name,
    type: patch.type ?? node.type,
    options: patch.options ?? node.options,
  };
}

/** LIST and REMOVE share their shape, so one copy serves both kinds. */
export function cloneStageFiles<N extends ListStageStmt | RemoveStageStmt>(node: N, patch: Patch<N>): N {
  return { kind: node.kind, location: patch.location ?? node.location, pattern: 'pattern' in patch ? patch.pattern : node.pattern } as N;
}

export function cloneSelectStage(node: SelectStageStmt, patch: Patch<SelectStageStmt>): SelectStageStmt {
  return {
    kind: 'SelectStageStmt',
    projection: patch.projection ?? node.projection,
    location: patch.location ?? node.location,
    options: patch.options ?? node.options,
    alias: 'alias' in patch ? patch.alias : node.alias,
    where: 'where' in patch ? patch.where : node.where,
    limit: 'limit' in patch ? patch.limit : node.limit,
  };
}

export const PRESIGN_ACTIONS = ['DOWNLOAD', 'UPLOAD'] as const;
export type PresignAction = (typeof PRESIGN_ACTIONS)[number];

/** PRESIGN [DOWNLOAD | UPLOAD] @stage/path [EXPIRE = seconds] [CONTENT_TYPE = '...']: a signed URL for one staged file. */
export interface PresignStmt {
  readonly kind: 'PresignStmt';
  /** Absent: the server's default, DOWNLOAD. */
  readonly action: PresignAction | undefined;
  readonly location: StageLocation;
  /** Seconds; absent: the server's default, 3600. */
  readonly expire: number | undefined;
  readonly contentType: string | undefined;
}

export function clonePresign(node: PresignStmt, patch: Patch<PresignStmt>): PresignStmt {
  return {
    kind: 'PresignStmt',
    action: 'action' in patch ? patch.action : node.action,
    location: patch.location ?? node.location,
    expire: 'expire' in patch ? patch.expire : node.expire,
    contentType: 'contentType' in patch ? patch.contentType : node.contentType,
  };
}
