// CREATE TASK: a draft that takes options, then its body with .as(); streamStatus() for its WHEN.
import type { SqlFragment } from '../ast/expression.js';
import { isSqlFragment } from '../ast/expression.js';
import type { Patch } from '../ast/common.js';
import { cloneCreateTask, type CreateTaskStmt } from '../ast/task.js';
import { check, refuse, type CallSite } from '../checks.js';
import { checkTaskName } from './create-object.js';
import { streamRef, type StreamRef } from './refs.js';
import { type TaskScheduleInput } from './task-schedule.js';
import { sql } from './sql.js';

import { StatementBuilder, type NameRef, made } from './statement-builder.js';
import { mergeTaskOptions, NO_OPTIONS, taskNames, toBody, type TaskBody, type TaskOptionsInput, type TaskSettings } from './task-options.js';

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
    for (const key in input) if (input[key as keyof TaskOptionsInput] === undefined) refuse('missing', call, `${method}() needs a value`, key);
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
    return new CreateTaskBuilder(made(cloneCreateTask(this.#node, { body: toBody(body, this.#call('as')) })));
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
