import type { CreateTableStmt, DropStmt } from '../ast/ddl.js';
import { lowerTable, tableName } from '../schema/lower.js';
import type { AnyTable } from '../schema/table.js';
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
    return new CreateTableBuilder({ ...this.node, createOption: 'CreateOrReplace' });
  }

  /** CREATE TABLE IF NOT EXISTS. */
  ifNotExists(): CreateTableBuilder {
    return new CreateTableBuilder({ ...this.node, createOption: 'CreateIfNotExists' });
  }

  /** CREATE TRANSIENT TABLE: no time-travel history is kept. */
  transient(value = true): CreateTableBuilder {
    return new CreateTableBuilder({ ...this.node, transient: value });
  }

  /** COMMENT = 'text' (overrides the declaration's comment). */
  comment(text: string): CreateTableBuilder {
    return new CreateTableBuilder({ ...this.node, comment: text });
  }
}

/** CREATE TABLE for a table declared with `table()`. */
export function createTable(table: AnyTable): CreateTableBuilder {
  return new CreateTableBuilder(lowerTable(table));
}

/** DROP TABLE [IF EXISTS] name */
export class DropBuilder extends StatementBuilder<DropStmt> {
  /** DROP ... IF EXISTS. */
  ifExists(): DropBuilder {
    return new DropBuilder({ ...this.node, ifExists: true });
  }
}

export function dropTable(table: AnyTable | string): DropBuilder {
  const name = typeof table === 'string' ? { name: table } : tableName(table);
  return new DropBuilder({ kind: 'DropStmt', object: 'TABLE', ifExists: false, name });
}
