// What CREATE TASK and ALTER TASK share: options (warehouse, schedule, settings, ...), bodies and task names, checked.
import type { OptionEntry, OptionValue } from '../ast/stage.js';
import type { Statement } from '../ast/statement.js';
import { type TaskOptions } from '../ast/task.js';
import { check, refuse, checkInteger, checkList, checkNonEmptyString, checkPlainObject, checkRecord, type CallSite } from '../checks.js';
import { RESERVED_WORDS } from '../grammar/reserved-words.js';
import { checkTaskName } from './create-object.js';
import { toSchedule, type TaskScheduleInput } from './task-schedule.js';

import { nameOf, type NameRef } from './statement-builder.js';
import { blockStatements, statementNode, type StatementInput } from './statement-input.js';

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

/**
 * A task body: one statement (a builder's, an sql`` fragment, a Kysely-compiled query, a `script([...])`), or several
 * run in order inside BEGIN ... END.
 */
export type TaskBody = StatementInput | readonly StatementInput[];

export const NO_OPTIONS: TaskOptions = {
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
export function mergeTaskOptions(base: TaskOptions, input: TaskOptionsInput, call: CallSite, statement: TaskStatement): TaskOptions {
  const given: unknown = input;
  checkRecord(given, call, 'options', TASK_OPTION_KEYS);
  // Field by field rather than a spread: one shape for every copy.
  const next: { -readonly [K in keyof TaskOptions]: TaskOptions[K] } = {
    warehouse: base.warehouse,
    schedule: base.schedule,
    suspendTaskAfterNumFailures: base.suspendTaskAfterNumFailures,
    errorIntegration: base.errorIntegration,
    comment: base.comment,
    settings: base.settings,
  };
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

export function toBody(body: TaskBody, call: CallSite): Statement[] {
  const list: readonly StatementInput[] = Array.isArray(body) ? body : [body as StatementInput];
  checkList(list, call, 'body');
  check(list.length > 0, 'too_small', call, 'a task body needs at least one statement');
  if (list.length === 1) return [statementNode(list[0]!, call, 'body statement 1')];
  return blockStatements(list, call, (i) => `body statement ${i + 1}`);
}

export function taskNames(tasks: readonly NameRef[], call: CallSite): string[] {
  check(tasks.length > 0, 'too_small', call, 'AFTER needs at least one task');
  return tasks.map((task) => {
    const name = nameOf(task, call, 'task name');
    checkTaskName(name, call);
    return name;
  });
}
