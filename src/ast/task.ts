import type { CreateOption, Patch } from './common.js';
import type { SqlFragment } from './expression.js';
import type { OptionEntry } from './stage.js';
import type { Statement } from './statement.js';

export const INTERVAL_UNITS = ['MINUTE', 'SECOND', 'MILLISECOND'] as const;
export type IntervalUnit = (typeof INTERVAL_UNITS)[number];

/** SCHEDULE = n MINUTE | n SECOND | n MILLISECOND | USING CRON 'expr' ['time zone'] */
export type TaskSchedule =
  | { readonly kind: 'interval'; readonly value: number; readonly unit: IntervalUnit }
  | { readonly kind: 'cron'; readonly expression: string; readonly timezone: string | undefined };

/** The options CREATE TASK and ALTER TASK ... SET share. */
export interface TaskOptions {
  readonly warehouse: string | undefined;
  readonly schedule: TaskSchedule | undefined;
  readonly suspendTaskAfterNumFailures: number | undefined;
  readonly errorIntegration: string | undefined;
  readonly comment: string | undefined;
  /** Session settings the task runs with (`timezone = 'UTC'`), rendered last. */
  readonly settings: readonly OptionEntry[];
}

/** CREATE [OR REPLACE] TASK [IF NOT EXISTS] name options [AFTER 'a', ...] [WHEN expr] AS { stmt | BEGIN stmt; ... END } */
export interface CreateTaskStmt {
  readonly kind: 'CreateTaskStmt';
  readonly createOption: CreateOption;
  readonly name: string;
  readonly options: TaskOptions;
  readonly after: readonly string[];
  readonly when: SqlFragment | undefined;
  /** One statement renders bare; several render as BEGIN ...; END. */
  readonly body: readonly Statement[];
}

export type AlterTaskAction =
  | { readonly kind: 'Resume' }
  | { readonly kind: 'Suspend' }
  | { readonly kind: 'Set'; readonly options: TaskOptions }
  | { readonly kind: 'UnsetWarehouse' }
  | { readonly kind: 'ModifyAs'; readonly body: readonly Statement[] }
  | { readonly kind: 'ModifyWhen'; readonly when: SqlFragment }
  | { readonly kind: 'AddAfter'; readonly tasks: readonly string[] }
  | { readonly kind: 'RemoveAfter'; readonly tasks: readonly string[] };

/** ALTER TASK [IF EXISTS] name action */
export interface AlterTaskStmt {
  readonly kind: 'AlterTaskStmt';
  readonly ifExists: boolean;
  readonly name: string;
  readonly action: AlterTaskAction;
}

/** EXECUTE TASK name */
export interface ExecuteTaskStmt {
  readonly kind: 'ExecuteTaskStmt';
  readonly name: string;
}

export function cloneCreateTask(node: CreateTaskStmt, patch: Patch<CreateTaskStmt>): CreateTaskStmt {
  return {
    kind: 'CreateTaskStmt',
    createOption: patch.createOption ?? node.createOption,
    name: patch.name ?? node.name,
    options: patch.options ?? node.options,
    after: patch.after ?? node.after,
    when: 'when' in patch ? patch.when : node.when,
    body: patch.body ?? node.body,
  };
}
