import type { CreateOption } from '../ast/common.js';
import type { CreateTableStmt } from '../ast/ddl.js';
import { flag, checkString } from '../errors.js';
import { lowerTable } from '../schema/lower.js';
import { checkTable, type AnyTable } from '../schema/table.js';
import { StatementBuilder } from './statement-builder.js';

/**
 * CREATE TABLE from a declared table.
 *
 * @example
 * createTable(frameEvents).orReplace()
 * // CREATE OR REPLACE TABLE frame_events (
 * //   frame_id STRING NOT NULL,
 * //   ...
 * // )
 */
export class CreateTableBuilder extends StatementBuilder<CreateTableStmt> {
  /** CREATE OR REPLACE TABLE. */
  orReplace(): CreateTableBuilder {
    return this.#with('CreateOrReplace', this.node.transient, this.node.comment);
  }

  /** CREATE TABLE IF NOT EXISTS. */
  ifNotExists(): CreateTableBuilder {
    return this.#with('CreateIfNotExists', this.node.transient, this.node.comment);
  }

  /** CREATE TRANSIENT TABLE: no time-travel history is kept. */
  transient(...args: [value?: boolean]): CreateTableBuilder {
    const value = flag(args, () => `createTable('${this.node.table.name}').transient()`);
    return this.#with(this.node.createOption, value, this.node.comment);
  }

  /** COMMENT = 'text' (overrides the declaration's comment). */
  comment(text: string): CreateTableBuilder {
    checkString(text, () => `createTable('${this.node.table.name}').comment()`, 'comment');
    return this.#with(this.node.createOption, this.node.transient, text);
  }

  // Spelled out rather than `{ ...node, key }`: a spread of the table's shared, frozen node is slow to copy in V8.
  #with(createOption: CreateOption, transient: boolean, comment: string | undefined): CreateTableBuilder {
    const { kind, table, columns, clusterBy, engineOptions } = this.node;
    return new CreateTableBuilder({ kind, createOption, transient, table, columns, clusterBy, comment, engineOptions });
  }
}

/** CREATE TABLE for a table declared with `table()`. */
export function createTable(table: AnyTable): CreateTableBuilder {
  checkTable(table, 'createTable()');
  return new CreateTableBuilder(lowerTable(table));
}
