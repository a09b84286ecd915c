import type { CreateOption, ObjectName, Patch } from './common.js';
import type { TableIndexDefinition, TableIndexType } from './ddl.js';

/** CREATE [OR REPLACE] [ASYNC] {INVERTED | NGRAM | VECTOR} INDEX [IF NOT EXISTS] name ON table (columns) [options] */
export interface CreateTableIndexStmt {
  readonly kind: 'CreateTableIndexStmt';
  readonly createOption: CreateOption;
  readonly table: ObjectName;
  readonly index: TableIndexDefinition;
}

export function cloneCreateTableIndex(node: CreateTableIndexStmt, patch: Patch<CreateTableIndexStmt>): CreateTableIndexStmt {
  return {
    kind: 'CreateTableIndexStmt',
    createOption: patch.createOption ?? node.createOption,
    table: patch.table ?? node.table,
    index: patch.index ?? node.index,
  };
}

/** DROP {INVERTED | NGRAM | VECTOR} INDEX [IF EXISTS] name ON table */
export interface DropTableIndexStmt {
  readonly kind: 'DropTableIndexStmt';
  readonly type: TableIndexType;
  readonly ifExists: boolean;
  readonly name: string;
  readonly table: ObjectName;
}

export function cloneDropTableIndex(node: DropTableIndexStmt, patch: Patch<DropTableIndexStmt>): DropTableIndexStmt {
  return {
    kind: 'DropTableIndexStmt',
    type: patch.type ?? node.type,
    ifExists: patch.ifExists ?? node.ifExists,
    name: patch.name ?? node.name,
    table: patch.table ?? node.table,
  };
}

/** REFRESH {INVERTED | NGRAM | VECTOR} INDEX name ON table [LIMIT n]: builds the index for rows written before it existed. */
export interface RefreshTableIndexStmt {
  readonly kind: 'RefreshTableIndexStmt';
  readonly type: TableIndexType;
  readonly name: string;
  readonly table: ObjectName;
  readonly limit: number | undefined;
}

export function cloneRefreshTableIndex(node: RefreshTableIndexStmt, patch: Patch<RefreshTableIndexStmt>): RefreshTableIndexStmt {
  return {
    kind: 'RefreshTableIndexStmt',
    type: patch.type ?? node.type,
    name: patch.name ?? node.name,
    table: patch.table ?? node.table,
    limit: 'limit' in patch ? patch.limit : node.limit,
  };
}
