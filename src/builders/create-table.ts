import { cloneCreateTable, type CreateTableStmt } from '../ast/ddl.js';
import { flag, checkString } from '../checks.js';
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
    return new CreateTableBuilder(cloneCreateTable(this.node, { createOption: 'CreateOrReplace' }));
  }

  /** CREATE TABLE IF NOT EXISTS. */
  ifNotExists(): CreateTableBuilder {
    return new CreateTableBuilder(cloneCreateTable(this.node, { createOption: 'CreateIfNotExists' }));
  }

  /** CREATE TRANSIENT TABLE: no time-travel history is kept. */
  transient(...args: [value?: boolean]): CreateTableBuilder {
    const value = flag(args, () => `createTable('${this.node.table.name}').transient()`);
    return new CreateTableBuilder(cloneCreateTable(this.node, { transient: value }));
  }

  /** COMMENT = 'text' (overrides the declaration's comment). */
  comment(text: string): CreateTableBuilder {
    checkString(text, () => `createTable('${this.node.table.name}').comment()`, 'comment');
    return new CreateTableBuilder(cloneCreateTable(this.node, { comment: text }));
  }
}

/** CREATE TABLE for a table declared with `table()`. */
export function createTable(table: AnyTable): CreateTableBuilder {
  checkTable(table, 'createTable()');
  return new CreateTableBuilder(lowerTable(table));
}
