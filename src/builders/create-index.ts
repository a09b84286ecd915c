import type { ObjectName } from '../ast/common.js';
import { TABLE_INDEX_TYPES, type TableIndexDefinition, type TableIndexType } from '../ast/ddl.js';
import {
  cloneCreateTableIndex,
  cloneDropTableIndex,
  cloneRefreshTableIndex,
  type CreateTableIndexStmt,
  type DropTableIndexStmt,
  type RefreshTableIndexStmt,
} from '../ast/table-index.js';
import { argText, check, checkInteger, describeValue, type CallSite } from '../checks.js';
import { checkIdentifier } from '../schema/identifier.js';
import { isIndexDefinition } from '../schema/table-index.js';
import { checkIndexes, isTable } from '../schema/table.js';
import { tableRef, type TableRef } from './refs.js';
import { StatementBuilder, made } from './statement-builder.js';
import { withCreateOption } from './create-object.js';

/**
 * CREATE {INVERTED | NGRAM | VECTOR} INDEX ... ON a table.
 *
 * @example
 * createIndex(vectorIndex('frame_embedding_idx', ['embedding'], { distance: ['cosine'] }), frameEvents).ifNotExists()
 * // CREATE VECTOR INDEX IF NOT EXISTS frame_embedding_idx ON frame_events (embedding) distance = 'cosine'
 */
export class CreateIndexBuilder extends StatementBuilder<CreateTableIndexStmt> {
  /** CREATE OR REPLACE ... INDEX. */
  orReplace(): CreateIndexBuilder {
    const createOption = withCreateOption(this.node.createOption, 'CreateOrReplace', () => `createIndex('${this.node.index.name}').orReplace()`);
    return new CreateIndexBuilder(made(cloneCreateTableIndex(this.node, { createOption })));
  }

  /** CREATE ... INDEX IF NOT EXISTS. */
  ifNotExists(): CreateIndexBuilder {
    const createOption = withCreateOption(this.node.createOption, 'CreateIfNotExists', () => `createIndex('${this.node.index.name}').ifNotExists()`);
    return new CreateIndexBuilder(made(cloneCreateTableIndex(this.node, { createOption })));
  }
}

/**
 * CREATE [ASYNC] {INVERTED | NGRAM | VECTOR} INDEX name ON table (columns) [options], from an index made by
 * `vectorIndex()`, `invertedIndex()` or `ngramIndex()`. Rows written before the index existed are indexed by
 * `refreshIndex()`.
 *
 * @example
 * createIndex(invertedIndex('notes_idx', ['notes']), 'frame_events')
 * // CREATE INVERTED INDEX notes_idx ON frame_events (notes)
 */
export function createIndex(index: TableIndexDefinition, table: TableRef): CreateIndexBuilder {
  const call = 'createIndex()';
  check(
    isIndexDefinition(index),
    'invalid_type',
    call,
    () => `index must be made by vectorIndex(), invertedIndex() or ngramIndex(), not ${describeValue(index)}`,
    'index',
  );
  // A declared table tells the columns and their types: an index on another column is refused before SQL exists.
  if (isTable(table)) checkIndexes([index], table.columns, call);
  return new CreateIndexBuilder(made({ kind: 'CreateTableIndexStmt', createOption: 'Create', table: tableRef(table, call), index }));
}

/**
 * DROP {INVERTED | NGRAM | VECTOR} INDEX [IF EXISTS] name ON table.
 *
 * @example
 * dropIndex('VECTOR', 'frame_embedding_idx', frameEvents).ifExists()
 * // DROP VECTOR INDEX IF EXISTS frame_embedding_idx ON frame_events
 */
export class DropIndexBuilder extends StatementBuilder<DropTableIndexStmt> {
  /** DROP ... INDEX IF EXISTS. */
  ifExists(): DropIndexBuilder {
    return new DropIndexBuilder(made(cloneDropTableIndex(this.node, { ifExists: true })));
  }
}

/**
 * REFRESH {INVERTED | NGRAM | VECTOR} INDEX name ON table [LIMIT n]: indexes the rows written before the index
 * existed (or, for an ASYNC index, since its last refresh).
 *
 * @example
 * refreshIndex('INVERTED', 'notes_idx', frameEvents).limit(10)
 * // REFRESH INVERTED INDEX notes_idx ON frame_events LIMIT 10
 */
export class RefreshIndexBuilder extends StatementBuilder<RefreshTableIndexStmt> {
  /** LIMIT n: refresh at most n blocks (segments of the table's data). */
  limit(count: number): RefreshIndexBuilder {
    checkInteger(count, 1, Number.MAX_SAFE_INTEGER, () => `refreshIndex('${this.node.name}').limit()`, 'LIMIT must be a positive integer', 'count');
    return new RefreshIndexBuilder(made(cloneRefreshTableIndex(this.node, { limit: count })));
  }
}

function indexTarget(type: unknown, name: unknown, table: TableRef, call: CallSite): { type: TableIndexType; name: string; table: ObjectName } {
  check(
    (TABLE_INDEX_TYPES as readonly unknown[]).includes(type),
    'invalid_value',
    call,
    () => `type must be one of ${TABLE_INDEX_TYPES.join(', ')}, not ${describeValue(type)}`,
    'type',
  );
  checkIdentifier(name, call, 'index name');
  return { type: type as TableIndexType, name, table: tableRef(table, call) };
}

/** DROP {INVERTED | NGRAM | VECTOR} INDEX name ON table. */
export function dropIndex(type: TableIndexType, name: string, table: TableRef): DropIndexBuilder {
  const target = indexTarget(type, name, table, () => `dropIndex('${argText(name)}')`);
  return new DropIndexBuilder(made({ kind: 'DropTableIndexStmt', ifExists: false, ...target }));
}

/** REFRESH {INVERTED | NGRAM | VECTOR} INDEX name ON table. */
export function refreshIndex(type: TableIndexType, name: string, table: TableRef): RefreshIndexBuilder {
  const target = indexTarget(type, name, table, () => `refreshIndex('${argText(name)}')`);
  return new RefreshIndexBuilder(made({ kind: 'RefreshTableIndexStmt', limit: undefined, ...target }));
}
