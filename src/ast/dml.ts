import type { ObjectName, Patch } from './common.js';
import type { DataType } from './data-types.js';
import type { SqlFragment } from './expression.js';
import type { SelectTableStmt } from './copy.js';
import type { SqlStmt } from './script.js';

/** A value given for a column, kept with the column's declared type: rendered as a literal of that type. */
export interface TypedValue {
  readonly kind: 'TypedValue';
  readonly value: unknown;
  readonly type: DataType;
}

/** `column = value`: a typed value, or an expression written with sql``. */
export interface Assignment {
  readonly column: string;
  readonly value: TypedValue | SqlFragment;
}

/** UPDATE table SET column = value, ... [WHERE condition] */
export interface UpdateStmt {
  readonly kind: 'UpdateStmt';
  readonly table: ObjectName;
  readonly set: readonly Assignment[];
  readonly where: SqlFragment | undefined;
}

/** DELETE FROM table [WHERE condition] */
export interface DeleteStmt {
  readonly kind: 'DeleteStmt';
  readonly table: ObjectName;
  readonly where: SqlFragment | undefined;
}

/** What MERGE reads: a table, or a query in parentheses; with an alias to name its columns by. */
export type MergeSource =
  | { readonly kind: 'table'; readonly table: ObjectName; readonly alias: string | undefined }
  | { readonly kind: 'query'; readonly query: SelectTableStmt | SqlStmt; readonly alias: string };

/** WHEN MATCHED [AND cond] THEN { UPDATE SET ... | UPDATE * | DELETE } / WHEN NOT MATCHED [AND cond] THEN { INSERT (...) VALUES (...) | INSERT * } */
export type MergeClause =
  | { readonly kind: 'MatchedUpdate'; readonly and: SqlFragment | undefined; readonly set: readonly Assignment[] | 'all' }
  | { readonly kind: 'MatchedDelete'; readonly and: SqlFragment | undefined }
  | { readonly kind: 'NotMatchedInsert'; readonly and: SqlFragment | undefined; readonly values: readonly Assignment[] | 'all' };

/** MERGE INTO table USING source ON condition WHEN ... [WHEN ...] */
export interface MergeIntoStmt {
  readonly kind: 'MergeIntoStmt';
  readonly table: ObjectName;
  readonly source: MergeSource;
  readonly on: SqlFragment;
  readonly clauses: readonly MergeClause[];
}

/** TRUNCATE TABLE table */
export interface TruncateTableStmt {
  readonly kind: 'TruncateTableStmt';
  readonly table: ObjectName;
}

/** BEFORE (SNAPSHOT => 'id' | TIMESTAMP => expr): the point a PURGE keeps history from. */
export type TravelPoint = { readonly kind: 'snapshot'; readonly value: string } | { readonly kind: 'timestamp'; readonly value: SqlFragment };

/** ALL | PURGE [BEFORE (...)] | COMPACT [SEGMENT] (Databend's `OptimizeTableAction`). */
export type OptimizeTableAction =
  | { readonly kind: 'All' }
  | { readonly kind: 'Purge'; readonly before: TravelPoint | undefined }
  | { readonly kind: 'Compact'; readonly target: 'Block' | 'Segment' };

/** OPTIMIZE TABLE table action [LIMIT n] */
export interface OptimizeTableStmt {
  readonly kind: 'OptimizeTableStmt';
  readonly table: ObjectName;
  readonly action: OptimizeTableAction;
  readonly limit: number | undefined;
}

export function cloneUpdate(node: UpdateStmt, patch: Patch<UpdateStmt>): UpdateStmt {
  return {
    kind: 'UpdateStmt',
    table: patch.table ?? node.table,
    set: patch.set ?? node.set,
    where: 'where' in patch ? patch.where : node.where,
  };
}

export function cloneDelete(node: DeleteStmt, patch: Patch<DeleteStmt>): DeleteStmt {
  return { kind: 'DeleteStmt', table: patch.table ?? node.table, where: 'where' in patch ? patch.where : node.where };
}

export function cloneMergeInto(node: MergeIntoStmt, patch: Patch<MergeIntoStmt>): MergeIntoStmt {
  return {
    kind: 'MergeIntoStmt',
    table: patch.table ?? node.table,
    source: patch.source ?? node.source,
    on: patch.on ?? node.on,
    clauses: patch.clauses ?? node.clauses,
  };
}

export function cloneTruncateTable(node: TruncateTableStmt, patch: Patch<TruncateTableStmt>): TruncateTableStmt {
  return { kind: 'TruncateTableStmt', table: patch.table ?? node.table };
}

export function cloneOptimizeTable(node: OptimizeTableStmt, patch: Patch<OptimizeTableStmt>): OptimizeTableStmt {
  return {
    kind: 'OptimizeTableStmt',
    table: patch.table ?? node.table,
    action: patch.action ?? node.action,
    limit: 'limit' in patch ? patch.limit : node.limit,
  };
}
