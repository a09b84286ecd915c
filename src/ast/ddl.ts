import type { CreateOption, ObjectName, Patch } from './common.js';
import type { DataType } from './data-types.js';
import type { SqlFragment } from './expression.js';

/** A column's DEFAULT: a JavaScript value rendered as a literal of the column's type, or an SQL expression. */
export type ColumnDefault = { readonly kind: 'value'; readonly value: unknown } | SqlFragment;

export const CLUSTER_TYPES = ['LINEAR', 'HILBERT'] as const;
export type ClusterType = (typeof CLUSTER_TYPES)[number];

/** Fuse table options as `name = value`; values are rendered as literals. */
export type TableEngineOptions = Readonly<Record<string, string | number | boolean>>;

export interface ColumnDefinition {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
  readonly default: ColumnDefault | undefined;
  readonly comment: string | undefined;
}

/** CREATE [OR REPLACE] [TRANSIENT] TABLE [IF NOT EXISTS] name (columns) [CLUSTER BY ...] [options] */
export interface CreateTableStmt {
  readonly kind: 'CreateTableStmt';
  readonly createOption: CreateOption;
  readonly transient: boolean;
  readonly table: ObjectName;
  readonly columns: readonly ColumnDefinition[];
  readonly clusterBy: { readonly type: ClusterType | undefined; readonly columns: readonly string[] } | undefined;
  readonly comment: string | undefined;
  readonly engineOptions: TableEngineOptions;
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
