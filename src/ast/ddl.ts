import type { ColumnDefault } from '../schema/column.js';
import type { DataType } from '../schema/data-types.js';
import type { ClusterType, TableEngineOptions } from '../schema/table.js';
import type { CreateOption, ObjectName } from './common.js';

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
