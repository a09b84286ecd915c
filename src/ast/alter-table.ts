import type { ObjectName, Patch } from './common.js';
import type { ClusterBy, ColumnDefinition, TableEngineOptions } from './ddl.js';
import type { ConnectionSpec } from './stage.js';
import type { StreamPoint } from './stream.js';

/** Where ADD COLUMN puts the column: at the end (Databend's default), FIRST, or AFTER another. */
export type ColumnPosition = { readonly kind: 'First' } | { readonly kind: 'After'; readonly column: string };

/** One ALTER TABLE action: Databend's statement takes one per statement. */
export type AlterTableAction =
  | { readonly kind: 'AddColumn'; readonly ifNotExists: boolean; readonly column: ColumnDefinition; readonly position: ColumnPosition | undefined }
  | { readonly kind: 'DropColumn'; readonly column: string }
  /** `MODIFY COLUMN c TYPE [NULL | NOT NULL] [DEFAULT expr] [COMMENT '...']`. */
  | { readonly kind: 'ModifyColumnType'; readonly column: ColumnDefinition }
  /** `MODIFY COLUMN a TYPE ..., COLUMN b TYPE ...`: several columns in one statement. */
  | { readonly kind: 'ModifyColumnTypes'; readonly columns: readonly ColumnDefinition[] }
  /** `MODIFY COLUMN c COMMENT '...'`, the type kept. */
  | { readonly kind: 'ModifyColumnComment'; readonly column: string; readonly comment: string }
  | { readonly kind: 'RenameColumn'; readonly from: string; readonly to: string }
  | { readonly kind: 'RenameTable'; readonly to: string }
  | { readonly kind: 'SetOptions'; readonly options: TableEngineOptions }
  | { readonly kind: 'UnsetOptions'; readonly options: readonly string[] }
  /** `FLASHBACK TO (SNAPSHOT => 'id' | TIMESTAMP => expr | STREAM => name)`: the table back to a point of its history. */
  | { readonly kind: 'FlashbackTo'; readonly point: StreamPoint }
  /** `SWAP WITH other`: the two tables of one database exchange their names. */
  | { readonly kind: 'SwapWith'; readonly other: string }
  | { readonly kind: 'ClusterBy'; readonly clusterBy: ClusterBy }
  | { readonly kind: 'DropClusterKey' }
  | { readonly kind: 'Comment'; readonly comment: string }
  /** `CONNECTION = (...)`: the connection of a table over a URL location. */
  | { readonly kind: 'Connection'; readonly connection: ConnectionSpec }
  /** `MODIFY COLUMN c SET MASKING POLICY p [USING (c, cond, ...)]`. */
  | { readonly kind: 'SetMaskingPolicy'; readonly column: string; readonly policy: string; readonly using: readonly string[] | undefined }
  /** `MODIFY COLUMN c UNSET MASKING POLICY`. */
  | { readonly kind: 'UnsetMaskingPolicy'; readonly column: string }
  /** `ADD ROW ACCESS POLICY p ON (c, ...)`. */
  | { readonly kind: 'AddRowAccessPolicy'; readonly policy: string; readonly columns: readonly string[] }
  /** `DROP ROW ACCESS POLICY p`. */
  | { readonly kind: 'DropRowAccessPolicy'; readonly policy: string }
  /** `DROP ALL ROW ACCESS POLICIES`. */
  | { readonly kind: 'DropAllRowAccessPolicies' }
  /** `SET TAG name = 'value', ...`. */
  | { readonly kind: 'SetTag'; readonly tags: readonly { readonly name: string; readonly value: string }[] }
  /** `UNSET TAG name, ...`. */
  | { readonly kind: 'UnsetTag'; readonly tags: readonly string[] };

export type AlterTableActionKind = AlterTableAction['kind'];

/** ALTER TABLE [IF EXISTS] name <action> */
export interface AlterTableStmt {
  readonly kind: 'AlterTableStmt';
  readonly ifExists: boolean;
  readonly table: ObjectName;
  readonly action: AlterTableAction;
}

export function cloneAlterTable(node: AlterTableStmt, patch: Patch<AlterTableStmt>): AlterTableStmt {
  return { kind: 'AlterTableStmt', ifExists: patch.ifExists ?? node.ifExists, table: patch.table ?? node.table, action: patch.action ?? node.action };
}
