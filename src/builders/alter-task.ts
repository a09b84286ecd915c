// ALTER TASK: one action (RESUME, SUSPEND, SET, UNSET, MODIFY AS, MODIFY WHEN, ...).
import type { SqlFragment } from '../ast/expression.js';
import { isSqlFragment } from '../ast/expression.js';
import { type AlterTaskAction, type AlterTaskStmt } from '../ast/task.js';
import { check, type CallSite } from '../checks.js';
import { checkTaskName } from './create-object.js';

import { nameOf, StatementBuilder, type NameRef, made } from './statement-builder.js';
import { mergeTaskOptions, NO_OPTIONS, taskNames, toBody, type TaskBody, type TaskOptionsInput } from './task-options.js';

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
    return new AlterTaskBuilder(made({ kind: 'AlterTaskStmt', ifExists: this.#ifExists, name: this.#name, action }));
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
