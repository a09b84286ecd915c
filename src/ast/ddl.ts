import type { CreateOption, ObjectName, Patch } from './common.js';
import type { DataType } from './data-types.js';
import type { SqlFragment } from './expression.js';
import type { SelectStageStmt, UriLocation } from './stage.js';
import type { SelectTableStmt } from './copy.js';

/** A column's DEFAULT: a JavaScript value rendered as a literal of the column's type, or an SQL expression. */
export type ColumnDefault = { readonly kind: 'value'; readonly value: unknown } | SqlFragment;

export const CLUSTER_TYPES = ['LINEAR', 'HILBERT'] as const;
export type ClusterType = (typeof CLUSTER_TYPES)[number];

/** Fuse table options as `name = value`; values are rendered as literals. */
export type TableEngineOptions = Readonly<Record<string, string | number | boolean>>;

/** `AS (expr) STORED | VIRTUAL`: a computed column, which no insert or load writes. */
export interface ComputedColumn {
  readonly mode: 'STORED' | 'VIRTUAL';
  readonly expression: SqlFragment;
}

/** `AUTOINCREMENT [(start, step)] [ORDER | NOORDER]`; Databend's defaults are start 0, step 1, ORDER. */
export interface AutoIncrement {
  readonly start: number;
  readonly step: number;
  readonly order: boolean;
}

export interface ColumnDefinition {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
  readonly default: ColumnDefault | undefined;
  readonly comment: string | undefined;
  readonly computed?: ComputedColumn | undefined;
  readonly autoIncrement?: AutoIncrement | undefined;
}

/** A cluster key: a column by name, or an expression such as sql`to_date(ts)`. */
export type ClusterKey = string | SqlFragment;

/** `CLUSTER BY [LINEAR | HILBERT] (key, ...)`. */
export interface ClusterBy {
  readonly type: ClusterType | undefined;
  readonly columns: readonly ClusterKey[];
}

/** The index kinds Databend declares on a table's columns (INVERTED, NGRAM, VECTOR). */
export const TABLE_INDEX_TYPES = ['INVERTED', 'NGRAM', 'VECTOR'] as const;
export type TableIndexType = (typeof TABLE_INDEX_TYPES)[number];

/** `[ASYNC] {INVERTED | NGRAM | VECTOR} INDEX name (columns) [option = value ...]`, in CREATE TABLE or CREATE INDEX. */
export interface TableIndexDefinition {
  readonly type: TableIndexType;
  readonly name: string;
  readonly columns: readonly string[];
  readonly async: boolean;
  /** The index's options by their SQL names (`distance`, `m`, `ef_construct`, `gram_size`, `tokenizer`, ...). */
  readonly options: TableEngineOptions;
}

/** The table engines of CREATE TABLE's `ENGINE = ...` (Databend's parser, `engine`); VIEW is left to CREATE VIEW. */
export const TABLE_ENGINES = ['FUSE', 'MEMORY', 'NULL', 'RANDOM'] as const;
export type TableEngine = (typeof TABLE_ENGINES)[number];

/** The query of CREATE TABLE ... AS: an sql`` fragment, or the node of a SELECT builder (a stage or a table/stream). */
export type TableQuery = SqlFragment | SelectStageStmt | SelectTableStmt;

/** CREATE [OR REPLACE] [TRANSIENT] TABLE [IF NOT EXISTS] name { (columns, indexes) | LIKE other } [CLUSTER BY ...] [options] [AS query] */
export interface CreateTableStmt {
  readonly kind: 'CreateTableStmt';
  readonly createOption: CreateOption;
  readonly transient: boolean;
  readonly table: ObjectName;
  readonly columns: readonly ColumnDefinition[];
  readonly clusterBy: ClusterBy | undefined;
  readonly comment: string | undefined;
  readonly engineOptions: TableEngineOptions;
  /** Indexes declared with the columns. */
  readonly indexes?: readonly TableIndexDefinition[] | undefined;
  /** `LIKE other`, in place of the columns. */
  readonly like?: ObjectName | undefined;
  /** `AS <query>`: the table is filled with the query's rows (its columns come from the query when none are given). */
  readonly asQuery?: TableQuery | undefined;
  /** `'s3://...' CONNECTION = (...)`: the table's data lives at this URL rather than in the database's storage. */
  readonly location?: UriLocation | undefined;
  /** `ENGINE = FUSE`: the table engine (FUSE when none is named). */
  readonly engine?: TableEngine | undefined;
}

export function cloneCreateTable(node: CreateTableStmt, patch: Patch<CreateTableStmt>): CreateTableStmt {
  return {
    kind: 'CreateTableStmt',
    createOption: patch.createOption ?? node.createOption,
    transient: patch.transient ?? node.transient,
    table: patch.table ?? node.table,
    columns: patch.columns ?? node.columns,
    clusterBy: 'clusterBy' in patch ? patch.clusterBy : node.clusterBy,
    comment: 'comment' in patch ? patch.comment : node.comment,
    engineOptions: patch.engineOptions ?? node.engineOptions,
    indexes: 'indexes' in patch ? patch.indexes : node.indexes,
    like: 'like' in patch ? patch.like : node.like,
    asQuery: 'asQuery' in patch ? patch.asQuery : node.asQuery,
    location: 'location' in patch ? patch.location : node.location,
    engine: 'engine' in patch ? patch.engine : node.engine,
  };
}

/** The kinds of object a DROP statement removes. */
export const DROPPABLE_OBJECTS = ['TABLE', 'STAGE', 'CONNECTION', 'FILE FORMAT', 'STREAM', 'TASK'] as const;
export type DroppableObject = (typeof DROPPABLE_OBJECTS)[number];

/** DROP <object> [IF EXISTS] name; one node for every family, since they share one shape. */
export interface DropStmt {
  readonly kind: 'DropStmt';
  readonly object: DroppableObject;
  readonly ifExists: boolean;
  readonly name: ObjectName;
}

export function cloneDrop(node: DropStmt, patch: Patch<DropStmt>): DropStmt {
  return { kind: 'DropStmt', object: patch.object ?? node.object, ifExists: patch.ifExists ?? node.ifExists, name: patch.name ?? node.name };
}
