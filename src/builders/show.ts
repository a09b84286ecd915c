// SHOW <objects> and DESC <object>: the stages, connections, file formats, streams and tasks the engine holds.
import type { ObjectName } from '../ast/common.js';
import { isSqlFragment, type SqlFragment } from '../ast/expression.js';
import { cloneShow, type DescribableObject, type DescribeStmt, type ShowableObject, type ShowStmt } from '../ast/show.js';
import { isWellFormed } from '../ast/text.js';
import { check, checkInteger, checkString, flag, type CallSite } from '../checks.js';
import { checkIdentifier } from '../schema/identifier.js';
import type { JsonValue } from '../schema/values.js';
import { checkObjectName, checkTaskName } from './create-object.js';
import { streamRef, type StreamRef } from './refs.js';
import { nameOf, StatementBuilder, type NameRef, made } from './statement-builder.js';

/** A row of SHOW STAGES and DESC STAGE, as the engine returns it. */
export interface StageRow {
  readonly name: string;
  /** `Internal`, `External` or `User`. */
  readonly stage_type: string;
  /** `s3`, `fs`, ...; null for an internal stage. */
  readonly storage_type: string | null;
  readonly url: string | null;
  readonly endpoint: string | null;
  readonly has_credentials: boolean;
  readonly has_encryption_key: boolean;
  /** The storage parameters (credentials masked by the engine: `******123`); null for an internal stage. */
  readonly storage_params: JsonValue | null;
  /** Every option of the stage's file format, defaults included (`{ type: 'Csv', field_delimiter: ',', ... }`). */
  readonly file_format_options: JsonValue;
  readonly creator: string | null;
  readonly created_on: Date;
  readonly comment: string;
  readonly owner: string | null;
}

/** A row of SHOW CONNECTIONS and DESC CONNECTION, as the engine returns it. */
export interface ConnectionRow {
  readonly name: string;
  readonly storage_type: string;
  /** `key=value` pairs, values masked by the engine (`access_key_id=******fgh endpoint_url=******000`). */
  readonly storage_params: string;
}

/** A row of SHOW FILE FORMATS, as the engine returns it. */
export interface FileFormatRow {
  readonly name: string;
  /** Every option, defaults included, as text: `TYPE = CSV COMPRESSION = None FIELD_DELIMITER = '|' ...`. */
  readonly format_options: string;
}

/**
 * SHOW <objects>: a query, run with `client.query()`, whose rows are `Row` (an untyped record for streams and tasks,
 * whose columns the local engine cannot show: it refuses them, 1402 and 1702).
 *
 * @example
 * await client.query(showConnections())   // SHOW CONNECTIONS
 */
export class ShowBuilder<Row extends object = Record<string, unknown>> extends StatementBuilder<ShowStmt> {
  /** Types only: the row this query returns. */
  declare readonly $inferRow: Row;
}

/** The next builder, of this one's class, made without a `protected` method (public at run time). */
function rebuild<B extends StatementBuilder<ShowStmt>>(builder: B, node: ShowStmt): B {
  return new (builder.constructor as new (node: ShowStmt) => B)(node);
}

const callOf =
  (node: ShowStmt, method: string): CallSite =>
  () =>
    `show${showName(node.object)}().${method}()`;

function showName(object: ShowableObject): string {
  return object === 'FILE FORMATS' ? 'FileFormats' : `${object[0]}${object.slice(1).toLowerCase()}`;
}

/** The SHOW statements that filter their rows: LIKE 'pattern' or WHERE condition, one of the two. */
export abstract class FilteredShowBuilder<Row extends object = Record<string, unknown>> extends ShowBuilder<Row> {
  /**
   * `LIKE 'pattern'` on the name (`%` any text, `_` one character; SHOW STAGES matches without regard to case). A
   * quote or a backslash is refused: the engine pastes the pattern, unescaped, between quotes into the SELECT it
   * rewrites SHOW to (`get_show_options` in databendlabs/databend src/query/sql/src/planner/binder/show.rs), where
   * it would end the literal; `where()` takes any name.
   */
  like(pattern: string): this {
    const call = callOf(this.node, 'like');
    checkString(pattern, call, 'pattern');
    check(isWellFormed(pattern), 'not_exact', call, 'a LIKE pattern holding a lone surrogate cannot be sent exactly', 'pattern');
    check(
      !/['\\]/.test(pattern),
      'not_exact',
      call,
      'a SHOW ... LIKE pattern cannot hold a quote or a backslash: the engine pastes it unescaped into the query it runs (use where(sql`name = ${...}`))',
      'pattern',
    );
    this.#checkNoFilter(call, 'where');
    return rebuild(this, cloneShow(this.node, { filter: { kind: 'like', pattern } }));
  }

  /** `WHERE condition` on the rows (`sql`name = ${'landing'}``). */
  where(condition: SqlFragment): this {
    const call = callOf(this.node, 'where');
    check(isSqlFragment(condition), 'invalid_type', call, 'WHERE takes an sql`` expression', 'condition');
    this.#checkNoFilter(call, 'like');
    return rebuild(this, cloneShow(this.node, { filter: { kind: 'where', condition } }));
  }

  // The grammar takes LIKE or WHERE, once: a second would replace the first without a word.
  #checkNoFilter(call: CallSite, other: 'like' | 'where'): void {
    const given = this.node.filter;
    check(given === undefined, 'conflict', call, () =>
      given?.kind === other ? `SHOW takes LIKE or WHERE, not both: ${other}() was given` : `${given?.kind}() was given already`,
    );
  }
}

/**
 * SHOW STAGES [LIKE 'pattern' | WHERE condition] [LIMIT n]: every stage, a {@link StageRow} each.
 *
 * @example
 * showStages().like('drive%').limit(10)   // SHOW STAGES LIKE 'drive%' LIMIT 10
 */
export class ShowStagesBuilder extends FilteredShowBuilder<StageRow> {
  /** `LIMIT n`. */
  limit(count: number): ShowStagesBuilder {
    checkInteger(count, 0, Number.MAX_SAFE_INTEGER, callOf(this.node, 'limit'), 'LIMIT must be a non-negative integer', 'count');
    return new ShowStagesBuilder(made(cloneShow(this.node, { limit: count })));
  }
}

/**
 * SHOW [FULL] STREAMS [FROM database] [LIKE 'pattern' | WHERE condition].
 *
 * @example
 * showStreams().from('loading').like('frame%')   // SHOW STREAMS FROM loading LIKE 'frame%'
 */
export class ShowStreamsBuilder extends FilteredShowBuilder {
  /** SHOW FULL STREAMS: more columns per stream. */
  full(...args: [value?: boolean]): ShowStreamsBuilder {
    return new ShowStreamsBuilder(made(cloneShow(this.node, { full: flag(args, callOf(this.node, 'full')) })));
  }

  /** `FROM database`: the streams of another database than the session's. */
  from(database: string): ShowStreamsBuilder {
    checkIdentifier(database, callOf(this.node, 'from'), 'database');
    return new ShowStreamsBuilder(made(cloneShow(this.node, { database })));
  }
}

/**
 * SHOW TASKS [LIKE 'pattern' | WHERE condition].
 *
 * @example
 * showTasks().like('task_%')   // SHOW TASKS LIKE 'task_%'
 */
export class ShowTasksBuilder extends FilteredShowBuilder {}

function show(object: ShowableObject): ShowStmt {
  return { kind: 'ShowStmt', object, full: false, database: undefined, filter: undefined, limit: undefined };
}

/**
 * Lists the stages: `SHOW STAGES`.
 *
 * @example
 * const stages = await client.query(showStages().where(sql`stage_type = ${'External'}`));
 * // SHOW STAGES WHERE stage_type = 'External'
 */
export function showStages(): ShowStagesBuilder {
  return new ShowStagesBuilder(show('STAGES'));
}

/**
 * Lists the connections, parameters masked: `SHOW CONNECTIONS`.
 *
 * @example
 * await client.query(showConnections())   // SHOW CONNECTIONS
 */
export function showConnections(): ShowBuilder<ConnectionRow> {
  return new ShowBuilder<ConnectionRow>(show('CONNECTIONS'));
}

/**
 * Lists the file formats: `SHOW FILE FORMATS`.
 *
 * @example
 * await client.query(showFileFormats())   // SHOW FILE FORMATS
 */
export function showFileFormats(): ShowBuilder<FileFormatRow> {
  return new ShowBuilder<FileFormatRow>(show('FILE FORMATS'));
}

/**
 * Lists the streams: `SHOW STREAMS`.
 *
 * @example
 * await client.query(showStreams())   // SHOW STREAMS
 */
export function showStreams(): ShowStreamsBuilder {
  return new ShowStreamsBuilder(show('STREAMS'));
}

/**
 * Lists the tasks: `SHOW TASKS`.
 *
 * @example
 * await client.query(showTasks().like('task_%'))   // SHOW TASKS LIKE 'task_%'
 */
export function showTasks(): ShowTasksBuilder {
  return new ShowTasksBuilder(show('TASKS'));
}

/**
 * DESC <object> name: a query, run with `client.query()`, whose rows are `Row`.
 *
 * @example
 * await client.query(describeStage('drive_stage'))   // DESC STAGE drive_stage
 */
export class DescribeBuilder<Row extends object = Record<string, unknown>> extends StatementBuilder<DescribeStmt> {
  /** Types only: the row this query returns. */
  declare readonly $inferRow: Row;
}

function describe<Row extends object>(object: DescribableObject, name: ObjectName): DescribeBuilder<Row> {
  return new DescribeBuilder<Row>(made({ kind: 'DescribeStmt', object, name }));
}

/**
 * Describes a stage: `DESC STAGE name`, one {@link StageRow} (none for a stage that does not exist).
 *
 * @example
 * await client.query(describeStage('drive_stage'))   // DESC STAGE drive_stage
 */
export function describeStage(stage: NameRef): DescribeBuilder<StageRow> {
  const name = nameOf(stage, 'describeStage()', 'stage name');
  checkObjectName(name, 'describeStage()', 'stage name');
  return describe('STAGE', { name });
}

/**
 * Describes a connection, parameters masked: `DESC CONNECTION name`.
 *
 * @example
 * await client.query(describeConnection('everdrive_s3'))   // DESC CONNECTION everdrive_s3
 */
export function describeConnection(connection: NameRef): DescribeBuilder<ConnectionRow> {
  const name = nameOf(connection, 'describeConnection()', 'connection name');
  checkObjectName(name, 'describeConnection()', 'connection name');
  return describe('CONNECTION', { name });
}

/**
 * Describes a stream: `DESC STREAM [database.]name`.
 *
 * @example
 * await client.query(describeStream('frame_events_stream'))   // DESC STREAM frame_events_stream
 */
export function describeStream(stream: StreamRef): DescribeBuilder {
  return describe('STREAM', streamRef(stream, 'describeStream()'));
}

/**
 * Describes a task: `DESC TASK name`.
 *
 * @example
 * await client.query(describeTask('task_load_sessions'))   // DESC TASK task_load_sessions
 */
export function describeTask(task: NameRef): DescribeBuilder {
  const name = nameOf(task, 'describeTask()', 'task name');
  checkTaskName(name, 'describeTask()');
  return describe('TASK', { name });
}
