import { check, describeValue, type CallSite } from '../errors.js';
import type { ObjectName } from '../ast/common.js';
import { cloneDrop, type DropStmt, type DroppableObject } from '../ast/ddl.js';
import { checkIdentifier } from '../schema/identifier.js';
import { checkTaskName } from './create-object.js';
import { tableName } from '../schema/lower.js';
import { checkTable, type AnyTable } from '../schema/table.js';
import { nameOf, StatementBuilder, type NameRef } from './statement-builder.js';

/** A table by its declaration or its name. */
export type TableRef = AnyTable | string;

/** A stream by its name, or anything with a `name` and an optional `database` (such as a createStream builder). */
export type StreamRef = string | ObjectName;

export function tableRef(table: TableRef, call: CallSite): ObjectName {
  if (typeof table !== 'string') {
    checkTable(table, call, 'table');
    return tableName(table);
  }
  checkIdentifier(table, call, 'table name');
  return { name: table };
}

export function streamRef(stream: StreamRef, call: CallSite): ObjectName {
  check(
    typeof stream === 'string' || (typeof stream === 'object' && stream !== null),
    call,
    () => `stream must be a stream name or { name, database? } (a createStream builder), not ${describeValue(stream)}`,
    'stream',
  );
  const ref = typeof stream === 'string' ? { name: stream } : stream;
  checkIdentifier(ref.name, call, 'stream name');
  if (ref.database === undefined) return { name: ref.name };
  checkIdentifier(ref.database, call, 'database');
  return { database: ref.database, name: ref.name };
}

/**
 * DROP <object> [IF EXISTS] name, for every droppable object.
 *
 * @example
 * dropTable(frameEvents).ifExists()   // DROP TABLE IF EXISTS frame_events
 */
export class DropBuilder extends StatementBuilder<DropStmt> {
  /** DROP ... IF EXISTS. */
  ifExists(): DropBuilder {
    return new DropBuilder(cloneDrop(this.node, { ifExists: true }));
  }
}

/** A DROP of any object; the per-family functions (dropTable, dropStage, ...) call it. */
export function drop(object: DroppableObject, name: ObjectName): DropBuilder {
  return new DropBuilder({ kind: 'DropStmt', object, ifExists: false, name });
}

/**
 * DROP TABLE.
 *
 * @example
 * dropTable(frameEvents)   // DROP TABLE frame_events
 */
export function dropTable(table: TableRef): DropBuilder {
  return drop('TABLE', tableRef(table, 'dropTable()'));
}

/**
 * DROP STREAM.
 *
 * @example
 * dropStream('frame_events_stream').ifExists()   // DROP STREAM IF EXISTS frame_events_stream
 */
export function dropStream(stream: StreamRef): DropBuilder {
  return drop('STREAM', streamRef(stream, 'dropStream()'));
}

/**
 * DROP TASK.
 *
 * @example
 * dropTask('task_load_sessions')   // DROP TASK task_load_sessions
 */
export function dropTask(task: NameRef): DropBuilder {
  const name = nameOf(task, 'dropTask()', 'task name');
  checkTaskName(name, 'dropTask()');
  return drop('TASK', { name });
}
