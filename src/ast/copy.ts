import type { ObjectName, Patch, StageLocation } from './common.js';
import type { TypedValue } from './dml.js';
import type { SqlFragment } from './expression.js';
import type { SqlStmt } from './script.js';
import type { FileFormatSpec, FileLocation, SelectItem, SelectStageStmt } from './stage.js';

export const ON_ERROR_MODES = ['ABORT', 'CONTINUE', 'SKIP_FILE'] as const;
export type OnErrorModeName = (typeof ON_ERROR_MODES)[number];

/** ON_ERROR: ABORT | CONTINUE | SKIP_FILE, or ABORT_N / SKIP_FILE_N with a threshold. */
export type OnErrorMode = { readonly mode: OnErrorModeName } | { readonly mode: 'ABORT_N' | 'SKIP_FILE_N'; readonly threshold: number };

export const COLUMN_MATCH_MODES = ['CASE_SENSITIVE', 'CASE_INSENSITIVE', 'POSITION'] as const;
export type ColumnMatchMode = (typeof COLUMN_MATCH_MODES)[number];

/** The options after COPY INTO <table> FROM ..., in Databend's names (`CopyIntoTableOptions`). */
export interface CopyIntoTableOptions {
  readonly onError: OnErrorMode | undefined;
  readonly force: boolean | undefined;
  readonly purge: boolean | undefined;
  readonly maxFiles: number | undefined;
  readonly sizeLimit: number | undefined;
  readonly splitSize: number | undefined;
  readonly disableVariantCheck: boolean | undefined;
  readonly returnFailedOnly: boolean | undefined;
  readonly columnMatchMode: ColumnMatchMode | undefined;
  /** SCHEMA_EVOLUTION = (...): newer than the pinned engine, which refuses it as a syntax error. */
  readonly schemaEvolution: SchemaEvolution | undefined;
}

/** A COPY that sets no option: frozen and shared, so the renderer knows it by identity and skips every option. */
export const NO_COPY_OPTIONS: CopyIntoTableOptions = Object.freeze({
  onError: undefined,
  force: undefined,
  purge: undefined,
  maxFiles: undefined,
  sizeLimit: undefined,
  splitSize: undefined,
  disableVariantCheck: undefined,
  returnFailedOnly: undefined,
  columnMatchMode: undefined,
  schemaEvolution: undefined,
});

/** The sampling limits of SCHEMA_EVOLUTION = (SAMPLE_FILES = n, ...): a number, or AUTO (the engine's default). */
export interface SchemaEvolution {
  readonly sampleFiles: number | 'AUTO' | undefined;
  readonly sampleRecordsPerFile: number | 'AUTO' | undefined;
  readonly sampleTotalRecords: number | 'AUTO' | undefined;
}

/** Where COPY INTO <table> reads: the staged files directly, or a transform SELECT over them. */
export type CopySource =
  | { readonly kind: 'location'; readonly location: FileLocation }
  | { readonly kind: 'query'; readonly projection: readonly SelectItem[]; readonly location: FileLocation; readonly alias: string | undefined };

/**
 * COPY INTO table [(columns)] FROM { @stage/path | (SELECT ... FROM @stage/path) }
 *   [FILES = (...) | PATTERN = '...'] [FILE_FORMAT = (...)] [options]
 */
export interface CopyIntoTableStmt {
  readonly kind: 'CopyIntoTableStmt';
  readonly table: ObjectName;
  readonly columns: readonly string[] | undefined;
  readonly source: CopySource;
  readonly files: readonly string[] | undefined;
  readonly pattern: string | undefined;
  readonly fileFormat: FileFormatSpec | undefined;
  readonly options: CopyIntoTableOptions;
}

/** The options of an unload, COPY INTO @stage FROM .... */
export interface CopyIntoLocationOptions {
  readonly single: boolean | undefined;
  readonly maxFileSize: number | undefined;
  readonly detailedOutput: boolean | undefined;
  readonly useRawPath: boolean | undefined;
  readonly includeQueryId: boolean | undefined;
  readonly overwrite: boolean | undefined;
}

/** COPY INTO { @stage/path | 'url' [CONNECTION = (...)] } FROM { table | (query) } [PARTITION BY (...)] [FILE_FORMAT = (...)] [options] */
export interface CopyIntoLocationStmt {
  readonly kind: 'CopyIntoLocationStmt';
  readonly location: FileLocation;
  readonly source: { readonly kind: 'table'; readonly table: ObjectName } | { readonly kind: 'query'; readonly query: SqlFragment };
  readonly partitionBy: SqlFragment | undefined;
  readonly fileFormat: FileFormatSpec | undefined;
  readonly options: CopyIntoLocationOptions;
}

/** SELECT ... FROM a table or stream, as the source of an INSERT or on its own. */
export interface SelectTableStmt {
  readonly kind: 'SelectTableStmt';
  /** Empty means SELECT *. */
  readonly projection: readonly SelectItem[];
  readonly from: ObjectName;
  /** WITH CONSUME: reading a stream this way advances its offset. */
  readonly consume: boolean;
  readonly where: SqlFragment | undefined;
  readonly limit: number | undefined;
  /** `AS alias` after the source (after WITH CONSUME). */
  readonly alias?: string | undefined;
  /** `[INNER | LEFT | RIGHT | FULL] JOIN table [AS alias] ON condition`, in order. */
  readonly joins?: readonly JoinClause[] | undefined;
  readonly groupBy?: SqlFragment | undefined;
  readonly orderBy?: SqlFragment | undefined;
  /** `WITH name AS (query)` before the SELECT, which then reads `name`: a stream read (consumed) in a CTE. */
  readonly with?: { readonly name: string; readonly query: SelectTableStmt } | undefined;
  /** Further CTEs after `with` (`WITH a AS (...), b AS (...)`), each read by one of the joins. */
  readonly joinedCtes?: readonly { readonly name: string; readonly query: SelectTableStmt }[] | undefined;
}

/** Whether a read, or a CTE it holds, reads WITH CONSUME (which Databend refuses inside DML). */
export function readsWithConsume(stmt: SelectTableStmt): boolean {
  return stmt.consume || stmt.with?.query.consume === true || (stmt.joinedCtes ?? []).some((cte) => cte.query.consume);
}

export const JOIN_KINDS = ['INNER', 'LEFT', 'RIGHT', 'FULL'] as const;
export type JoinKind = (typeof JOIN_KINDS)[number];

/** One JOIN of a SELECT. */
export interface JoinClause {
  readonly kind: JoinKind;
  readonly table: ObjectName;
  readonly alias: string | undefined;
  readonly on: SqlFragment;
}

/**
 * INSERT [OVERWRITE] INTO table [(columns)] SELECT ... — a filtered load from a stage, a stream consumed into a table,
 * or a query of the caller's (an sql`` fragment, a Kysely-compiled SELECT).
 */
export interface InsertStmt {
  readonly kind: 'InsertStmt';
  readonly overwrite: boolean;
  readonly table: ObjectName;
  readonly columns: readonly string[] | undefined;
  readonly source: SelectStageStmt | SelectTableStmt | SqlStmt | InsertValues;
}

/** VALUES (v, ...), ...: rows of values in the order of the INSERT's column list. */
export interface InsertValues {
  readonly kind: 'InsertValues';
  readonly rows: readonly (readonly (TypedValue | SqlFragment)[])[];
}

export function cloneCopyIntoTable(node: CopyIntoTableStmt, patch: Patch<CopyIntoTableStmt>): CopyIntoTableStmt {
  return {
    kind: 'CopyIntoTableStmt',
    table: patch.table ?? node.table,
    columns: 'columns' in patch ? patch.columns : node.columns,
    source: patch.source ?? node.source,
    files: 'files' in patch ? patch.files : node.files,
    pattern: 'pattern' in patch ? patch.pattern : node.pattern,
    fileFormat: 'fileFormat' in patch ? patch.fileFormat : node.fileFormat,
    options: patch.options ?? node.options,
  };
}

export function cloneCopyIntoLocation(node: CopyIntoLocationStmt, patch: Patch<CopyIntoLocationStmt>): CopyIntoLocationStmt {
  return {
    kind: 'CopyIntoLocationStmt',
    location: patch.location ?? node.location,
    source: patch.source ?? node.source,
    partitionBy: 'partitionBy' in patch ? patch.partitionBy : node.partitionBy,
    fileFormat: 'fileFormat' in patch ? patch.fileFormat : node.fileFormat,
    options: patch.options ?? node.options,
  };
}

export function cloneSelectTable(node: SelectTableStmt, patch: Patch<SelectTableStmt>): SelectTableStmt {
  return {
    kind: 'SelectTableStmt',
    projection: patch.projection ?? node.projection,
    from: patch.from ?? node.from,
    consume: patch.consume ?? node.consume,
    where: 'where' in patch ? patch.where : node.where,
    limit: 'limit' in patch ? patch.limit : node.limit,
    alias: 'alias' in patch ? patch.alias : node.alias,
    joins: 'joins' in patch ? patch.joins : node.joins,
    groupBy: 'groupBy' in patch ? patch.groupBy : node.groupBy,
    orderBy: 'orderBy' in patch ? patch.orderBy : node.orderBy,
    with: 'with' in patch ? patch.with : node.with,
    joinedCtes: 'joinedCtes' in patch ? patch.joinedCtes : node.joinedCtes,
  };
}

export function cloneInsert(node: InsertStmt, patch: Patch<InsertStmt>): InsertStmt {
  return {
    kind: 'InsertStmt',
    overwrite: patch.overwrite ?? node.overwrite,
    table: patch.table ?? node.table,
    columns: 'columns' in patch ? patch.columns : node.columns,
    source: patch.source ?? node.source,
  };
}
