import type { SqlFragment } from '../ast/expression.js';
import { isSqlFragment } from '../ast/expression.js';
import type { OptionEntry, OptionValue } from '../ast/stage.js';
import type { Statement } from '../ast/statement.js';
import type { Patch } from '../ast/common.js';
import { cloneCreateTask, type AlterTaskAction, type AlterTaskStmt, type CreateTaskStmt, type ExecuteTaskStmt, type TaskOptions } from '../ast/task.js';
import { check, checkInteger, checkList, checkNonEmptyString, checkPlainObject, checkRecord, type CallSite } from '../checks.js';
import { RESERVED_WORDS } from '../grammar/reserved-words.js';
import { checkTaskName } from './create-object.js';
import { streamRef, type StreamRef } from './refs.js';
import { toSchedule, type TaskScheduleInput } from './task-schedule.js';
import { sql } from './sql.js';

export type { TaskScheduleInput } from './task-schedule.js';
import { nameOf, StatementBuilder, type Compilable, type NameRef } from './statement-builder.js';

/** Session settings a task runs with, such as `{ timezone: 'UTC' }`. */
export type TaskSettings = Readonly<Record<string, string | number | boolean>>;

/** The options CREATE TASK sets one by one and ALTER TASK ... SET takes together. */
export interface TaskOptionsInput {
  readonly warehouse?: string;
  readonly schedule?: TaskScheduleInput;
  readonly suspendTaskAfterNumFailures?: number;
  readonly errorIntegration?: string;
  readonly comment?: string;
  readonly settings?: TaskSettings;
}

/** A task body: one built statement, or several run in order inside BEGIN ... END. */
export type TaskBody = Compilable | readonly Compilable[];

const NO_OPTIONS: TaskOptions = {
  warehouse: undefined,
  schedule: undefined,
  suspendTaskAfterNumFailures: undefined,
  errorIntegration: undefined,
  comment: undefined,
  settings: [],
};

function settingValue(value: unknown, call: CallSite, key: string): OptionValue {
  if (typeof value === 'string') return { kind: 'string', value };
  if (typeof value === 'boolean') return { kind: 'boolean', value };
  // The grammar takes an unsigned integer literal only: `max_threads = -1` and `x = 1.5` are syntax errors (1005).
  checkInteger(value, 0, Number.MAX_SAFE_INTEGER, call, () => `setting '${key}' must be a string, a boolean or a non-negative integer`, key);
  return { kind: 'number', value };
}

const SETTING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type TaskStatement = 'CREATE' | 'ALTER';

/** A reserved word is a syntax error (1005) as a setting name; in CREATE TASK, `after = 1` starts the AFTER clause. */
function settingNameRule(key: string, statement: TaskStatement): string | undefined {
  const word = key.toLowerCase();
  if (RESERVED_WORDS.has(word)) return `setting name '${key}' is a reserved keyword`;
  if (statement === 'CREATE' && word === 'after') return `setting name '${key}' would start the AFTER clause of CREATE TASK`;
  return undefined;
}

function toSettings(settings: TaskSettings, call: CallSite, statement: TaskStatement): OptionEntry[] {
  check(typeof settings === 'object' && settings !== null, 'invalid_type', call, 'settings must be an object such as { timezone: "UTC" }');
  checkPlainObject(settings, call, 'settings');
  return Object.entries(settings).map(([key, value]) => {
    check(SETTING_NAME.test(key), 'invalid_format', call, () => `setting name '${key}' must be a plain identifier`, key);
    // Setting names are rendered bare, and no engine setting is called like these.
    const rule = settingNameRule(key, statement);
    check(rule === undefined, 'reserved', call, () => rule as string, key);
    return { key, value: settingValue(value, call, key) };
  });
}

function checkString(value: unknown, call: CallSite, what: string): asserts value is string {
  checkNonEmptyString(value, call, () => `${what} must be a non-empty string`, what);
}

const TASK_OPTION_KEYS = ['warehouse', 'schedule', 'suspendTaskAfterNumFailures', 'errorIntegration', 'comment', 'settings'];

/** Validates the options given and merges them over `base`; CREATE and ALTER ... SET share every rule. */
function mergeTaskOptions(base: TaskOptions, input: TaskOptionsInput, call: CallSite, statement: TaskStatement): TaskOptions {
  const given: unknown = input;
  checkRecord(given, call, 'options', TASK_OPTION_KEYS);
  const next: { -readonly [K in keyof TaskOptions]: TaskOptions[K] } = { ...base };
  if (input.warehouse !== undefined) {
    checkString(input.warehouse, call, 'WAREHOUSE');
    next.warehouse = input.warehouse;
  }
  if (input.schedule !== undefined) next.schedule = toSchedule(input.schedule, call);
  if (input.suspendTaskAfterNumFailures !== undefined) {
    const count = input.suspendTaskAfterNumFailures;
    checkInteger(count, 0, Number.MAX_SAFE_INTEGER, call, 'SUSPEND_TASK_AFTER_NUM_FAILURES must be a non-negative integer', 'suspendTaskAfterNumFailures');
    next.suspendTaskAfterNumFailures = count;
  }
  if (input.errorIntegration !== undefined) {
    checkString(input.errorIntegration, call, 'ERROR_INTEGRATION');
    next.errorIntegration = input.errorIntegration;
  }
  if (input.comment !== undefined) {
    check(typeof input.comment === 'string', 'invalid_type', call, 'COMMENT must be a string', 'comment');
    next.comment = input.comment;
  }
  if (input.settings !== undefined) next.settings = toSettings(input.settings, call, statement);
  return next;
}

function toBody(body: TaskBody, call: CallSite): Statement[] {
  const list: readonly Compilable[] = Array.isArray(body) ? body : [body as Compilable];
  checkList(list, call, 'body');
  check(list.length > 0, 'too_small', call, 'a task body needs at least one statement');
  list.forEach((stmt, i) =>
    check(typeof stmt?.toNode === 'function', 'invalid_type', call, () => `body statement ${i + 1} must be a built statement such as copyInto(...)`),
  );
  return list.map((stmt) => StatementBuilder.nodeOf(stmt));
}

function taskNames(tasks: readonly NameRef[], call: CallSite): string[] {
  check(tasks.length > 0, 'too_small', call, 'AFTER needs at least one task');
  return tasks.map((task) => {
    const name = nameOf(task, call, 'task name');
    checkTaskName(name, call);
    return name;
  });
}

/**
 * STREAM_STATUS('stream'): true while the stream holds changes; the usual WHEN condition of a task.
 *
 * @example
 * createTask('t').when(streamStatus('frame_events_stream'))   // WHEN STREAM_STATUS('frame_events_stream')
 */
export function streamStatus(stream: StreamRef): SqlFragment {
  const ref = streamRef(stream, 'streamStatus()');
  return sql`STREAM_STATUS(${ref.database === undefined ? ref.name : `${ref.database}.${ref.name}`})`;
}

/**
 * A CREATE TASK being written: every option, then `.as(body)`, which is required before the task can compile.
 * Tasks run only in Databend Cloud (the open-source engine answers error 1702).
 *
 * @example
 * createTask('task_load_sessions').orReplace().warehouse('default').schedule({ minutes: 5 }).as(copyInto(driveSessions).fromStage(stage, 'sessions/'))
 * // CREATE OR REPLACE TASK task_load_sessions
 * //   WAREHOUSE = 'default'
 * //   SCHEDULE = 5 MINUTE
 * // AS
 * //   COPY INTO drive_sessions ...
 */
export class TaskDraft {
  /** The task without its body (an empty one): no SQL until `.as()` gives it one. */
  readonly #node: CreateTaskStmt;

  constructor(node: CreateTaskStmt) {
    this.#node = node;
  }

  #call(method: string): CallSite {
    const name = this.#node.name;
    return () => `createTask('${name}').${method}()`;
  }

  #with(patch: Patch<CreateTaskStmt>, method: string): TaskDraft {
    const node = cloneCreateTask(this.#node, patch);
    check(
      node.after.length === 0 || node.options.schedule === undefined,
      'conflict',
      this.#call(method),
      'AFTER and SCHEDULE cannot be used together: Databend child tasks cannot have a schedule',
    );
    return new TaskDraft(node);
  }

  /** One option set by its own method: its value is required (undefined would set nothing without a word). */
  #option(input: TaskOptionsInput, method: string): TaskDraft {
    const call = this.#call(method);
    for (const [key, value] of Object.entries(input)) check(value !== undefined, 'missing', call, () => `${method}() needs a value`, key);
    return this.#with({ options: mergeTaskOptions(this.#node.options, input, call, 'CREATE') }, method);
  }

  /** CREATE OR REPLACE TASK. */
  orReplace(): TaskDraft {
    return this.#with({ createOption: 'CreateOrReplace' }, 'orReplace');
  }

  /** CREATE TASK IF NOT EXISTS. */
  ifNotExists(): TaskDraft {
    return this.#with({ createOption: 'CreateIfNotExists' }, 'ifNotExists');
  }

  /** WAREHOUSE = 'name': the warehouse the task runs on. */
  warehouse(name: string): TaskDraft {
    return this.#option({ warehouse: name }, 'warehouse');
  }

  /** SCHEDULE = n MINUTE | n SECOND | n MILLISECOND | USING CRON 'expr' ['time zone']. */
  schedule(schedule: TaskScheduleInput): TaskDraft {
    return this.#option({ schedule }, 'schedule');
  }

  /** AFTER 'a', 'b': run after those tasks finish (a child task has no schedule of its own). */
  after(...tasks: NameRef[]): TaskDraft {
    return this.#with({ after: taskNames(tasks, this.#call('after')) }, 'after');
  }

  /** WHEN condition: run only when it holds, typically `streamStatus(stream)`. */
  when(condition: SqlFragment): TaskDraft {
    check(isSqlFragment(condition), 'invalid_type', this.#call('when'), 'WHEN takes an sql`` expression such as streamStatus(stream)');
    return this.#with({ when: condition }, 'when');
  }

  /** SUSPEND_TASK_AFTER_NUM_FAILURES = n. */
  suspendTaskAfterNumFailures(count: number): TaskDraft {
    return this.#option({ suspendTaskAfterNumFailures: count }, 'suspendTaskAfterNumFailures');
  }

  /** ERROR_INTEGRATION = 'name': the notification integration told about failures. */
  errorIntegration(name: string): TaskDraft {
    return this.#option({ errorIntegration: name }, 'errorIntegration');
  }

  /** COMMENT = 'text'. */
  comment(text: string): TaskDraft {
    return this.#option({ comment: text }, 'comment');
  }

  /** Session settings the task runs with, rendered last: `timezone = 'UTC'`. */
  settings(settings: TaskSettings): TaskDraft {
    return this.#option({ settings }, 'settings');
  }

  /** AS body: one statement, or several run inside BEGIN ... END. */
  as(body: TaskBody): CreateTaskBuilder {
    return new CreateTaskBuilder(cloneCreateTask(this.#node, { body: toBody(body, this.#call('as')) }));
  }
}

/** A complete CREATE TASK; it has the task's `name`, so it can be passed to another task's `.after()`. */
export class CreateTaskBuilder extends StatementBuilder<CreateTaskStmt> {
  get name(): string {
    return this.node.name;
  }
}

/**
 * CREATE TASK name: set options, then give the body with `.as()`. The name is a plain identifier that is not a
 * reserved word (as for connections and stages), kept case-sensitive and rendered bare, so that `.after('Parent')`
 * finds `createTask('Parent')`.
 */
export function createTask(name: string): TaskDraft {
  checkTaskName(name, 'createTask()');
  return new TaskDraft({ kind: 'CreateTaskStmt', createOption: 'Create', name, options: NO_OPTIONS, after: [], when: undefined, body: [] });
}

/**
 * ALTER TASK.
 *
 * @example
 * alterTask('task_load_sessions').resume()   // ALTER TASK task_load_sessions RESUME
 */
export class AlterTaskBuilder extends StatementBuilder<AlterTaskStmt> {}

/** ALTER TASK [IF EXISTS] name: choose one action. */
export class AlterTaskStart {
  readonly #name: string;
  readonly #ifExists: boolean;

  constructor(name: string, ifExists: boolean) {
    this.#name = name;
    this.#ifExists = ifExists;
  }

  #call(method: string): CallSite {
    const name = this.#name;
    return () => `alterTask('${name}').${method}()`;
  }

  #action(action: AlterTaskAction): AlterTaskBuilder {
    return new AlterTaskBuilder({ kind: 'AlterTaskStmt', ifExists: this.#ifExists, name: this.#name, action });
  }

  /** ALTER TASK IF EXISTS. */
  ifExists(): AlterTaskStart {
    return new AlterTaskStart(this.#name, true);
  }

  /** RESUME: start running on schedule (a new task is suspended). */
  resume(): AlterTaskBuilder {
    return this.#action({ kind: 'Resume' });
  }

  /** SUSPEND. */
  suspend(): AlterTaskBuilder {
    return this.#action({ kind: 'Suspend' });
  }

  /** SET options: `.set({ schedule: { minutes: 10 }, settings: { timezone: 'UTC' } })`. */
  set(options: TaskOptionsInput): AlterTaskBuilder {
    const merged = mergeTaskOptions(NO_OPTIONS, options, this.#call('set'), 'ALTER');
    check(
      Object.entries(merged).some(([key, value]) => (key === 'settings' ? merged.settings.length > 0 : value !== undefined)),
      'too_small',
      this.#call('set'),
      'SET needs at least one option',
    );
    return this.#action({ kind: 'Set', options: merged });
  }

  /** UNSET WAREHOUSE. */
  unsetWarehouse(): AlterTaskBuilder {
    return this.#action({ kind: 'UnsetWarehouse' });
  }

  /** MODIFY AS body. */
  modifyAs(body: TaskBody): AlterTaskBuilder {
    return this.#action({ kind: 'ModifyAs', body: toBody(body, this.#call('modifyAs')) });
  }

  /** MODIFY WHEN condition. */
  modifyWhen(condition: SqlFragment): AlterTaskBuilder {
    check(isSqlFragment(condition), 'invalid_type', this.#call('modifyWhen'), 'WHEN takes an sql`` expression such as streamStatus(stream)');
    return this.#action({ kind: 'ModifyWhen', when: condition });
  }

  /** ADD AFTER 'a', ...: make the task run after those too. */
  addAfter(...tasks: NameRef[]): AlterTaskBuilder {
    return this.#action({ kind: 'AddAfter', tasks: taskNames(tasks, this.#call('addAfter')) });
  }

  /** REMOVE AFTER 'a', .... */
  removeAfter(...tasks: NameRef[]): AlterTaskBuilder {
    return this.#action({ kind: 'RemoveAfter', tasks: taskNames(tasks, this.#call('removeAfter')) });
  }
}

/** ALTER TASK name; an action (`.resume()`, `.set()`, ...) is required before it compiles. */
export function alterTask(task: NameRef): AlterTaskStart {
  const name = nameOf(task, 'alterTask()', 'task name');
  checkTaskName(name, 'alterTask()');
  return new AlterTaskStart(name, false);
}

/**
 * EXECUTE TASK: run a task once, now.
 *
 * @example
 * executeTask('task_load_sessions')   // EXECUTE TASK task_load_sessions
 */
export class ExecuteTaskBuilder extends StatementBuilder<ExecuteTaskStmt> {}

export function executeTask(task: NameRef): ExecuteTaskBuilder {
  const name = nameOf(task, 'executeTask()', 'task name');
  checkTaskName(name, 'executeTask()');
  return new ExecuteTaskBuilder({ kind: 'ExecuteTaskStmt', name });
}
