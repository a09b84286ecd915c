import type { ObjectName } from '../ast/common.js';
import { cloneDrop, type DropStmt, type DroppableObject } from '../ast/ddl.js';
import { checkObjectName, checkTaskName } from './create-object.js';
import { streamRef, tableRef, type StreamRef, type TableRef } from './refs.js';
import { nameOf, StatementBuilder, type NameRef, made } from './statement-builder.js';

/**
 * DROP <object> [IF EXISTS] name, for every droppable object.
 *
 * @example
 * dropTable(frameEvents).ifExists()   // DROP TABLE IF EXISTS frame_events
 */
export class DropBuilder extends StatementBuilder<DropStmt> {
  /** DROP ... IF EXISTS. */
  ifExists(): DropBuilder {
    return new DropBuilder(made(cloneDrop(this.node, { ifExists: true })));
  }
}

/** A DROP of any object; the per-family functions (dropTable, dropStage, ...) call it. */
function drop(object: DroppableObject, name: ObjectName): DropBuilder {
  return new DropBuilder(made({ kind: 'DropStmt', object, ifExists: false, name }));
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

/**
 * DROP STAGE. An internal stage's files go with it.
 *
 * @example
 * dropStage('drive_stage').ifExists()   // DROP STAGE IF EXISTS drive_stage
 */
export function dropStage(stage: NameRef): DropBuilder {
  const name = nameOf(stage, 'dropStage()', 'stage name');
  checkObjectName(name, 'dropStage()', 'stage name');
  return drop('STAGE', { name });
}

/**
 * DROP CONNECTION. Stages created from the connection keep working: they hold a copy of its parameters.
 *
 * @example
 * dropConnection('everdrive_s3').ifExists()   // DROP CONNECTION IF EXISTS everdrive_s3
 */
export function dropConnection(connection: NameRef): DropBuilder {
  const name = nameOf(connection, 'dropConnection()', 'connection name');
  checkObjectName(name, 'dropConnection()', 'connection name');
  return drop('CONNECTION', { name });
}

/**
 * DROP FILE FORMAT.
 *
 * @example
 * dropFileFormat('everdrive_csv').ifExists()   // DROP FILE FORMAT IF EXISTS everdrive_csv
 */
export function dropFileFormat(format: NameRef): DropBuilder {
  const name = nameOf(format, 'dropFileFormat()', 'file format name');
  checkObjectName(name, 'dropFileFormat()', 'file format name');
  return drop('FILE FORMAT', { name });
}
