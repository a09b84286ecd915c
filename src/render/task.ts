import type { Statement } from '../ast/statement.js';
import type { AlterTaskAction, AlterTaskStmt, CreateTaskStmt, ExecuteTaskStmt, TaskOptions, TaskSchedule } from '../ast/task.js';
import { renderCreate, renderOptionEntries } from './common.js';
import type { RenderContext, RenderOptions } from './context.js';
import { quoteString } from './quote.js';

function renderSchedule(schedule: TaskSchedule): string {
  if (schedule.kind === 'interval') return `SCHEDULE = ${schedule.value} ${schedule.unit}`;
  const timezone = schedule.timezone === undefined ? '' : ` ${quoteString(schedule.timezone)}`;
  return `SCHEDULE = USING CRON ${quoteString(schedule.expression)}${timezone}`;
}

/**
 * The option clauses, each after `separator`, settings apart: session settings must come after every other clause.
 * Built as one string: an array of clauses per task was most of the allocations of rendering one.
 */
function renderTaskOptions(o: TaskOptions, separator: string): string {
  let text = '';
  if (o.warehouse !== undefined) text += `${separator}WAREHOUSE = ${quoteString(o.warehouse)}`;
  if (o.schedule !== undefined) text += `${separator}${renderSchedule(o.schedule)}`;
  if (o.suspendTaskAfterNumFailures !== undefined) text += `${separator}SUSPEND_TASK_AFTER_NUM_FAILURES = ${o.suspendTaskAfterNumFailures}`;
  if (o.errorIntegration !== undefined) text += `${separator}ERROR_INTEGRATION = ${quoteString(o.errorIntegration)}`;
  if (o.comment !== undefined) text += `${separator}COMMENT = ${quoteString(o.comment)}`;
  return text;
}

/** `timezone = 'UTC', max_threads = 4` after `separator`: the one comma-separated list among the task clauses. */
function renderSettings(o: TaskOptions, options: RenderOptions, separator: string): string {
  return o.settings.length === 0 ? '' : `${separator}${renderOptionEntries(o.settings, options, ', ')}`;
}

function renderAfter(tasks: readonly string[]): string {
  return `AFTER ${tasks.map(quoteString).join(', ')}`;
}

/**
 * `AS` and the body on the lines below, indented: one statement bare, several inside BEGIN ... END. The body's
 * statements are rendered with the indentation in their line breaks; a line break inside a fragment written by
 * hand is left alone, since it may be inside a string literal.
 */
function renderBody(body: readonly Statement[], ctx: RenderContext): string {
  const inner = `${ctx.nl}  `;
  if (body.length === 1) return `AS${inner}${ctx.nested(body[0]!, inner)}`;
  const nested = `${inner}  `;
  const statements = body.map((stmt) => `${nested}${ctx.nested(stmt, nested)};`).join('');
  return `AS${inner}BEGIN${statements}${inner}END`;
}

/**
 * CREATE [OR REPLACE] TASK [IF NOT EXISTS] name, one option per indented line, then AS and the body, as the guide lays it
 * out. Task names are plain names (checkTaskName) rendered bare: the engine would keep a quoted one with its quotes.
 */
export function renderCreateTask(stmt: CreateTaskStmt, ctx: RenderContext): string {
  const { options, nl } = ctx;
  const clauseBreak = `${nl}  `;
  let text = `${renderCreate(stmt.createOption, 'TASK')} ${stmt.name}${renderTaskOptions(stmt.options, clauseBreak)}`;
  if (stmt.after.length > 0) text += `${clauseBreak}${renderAfter(stmt.after)}`;
  if (stmt.when !== undefined) text += `${clauseBreak}WHEN ${stmt.when.sql}`;
  return `${text}${renderSettings(stmt.options, options, clauseBreak)}${nl}${renderBody(stmt.body, ctx)}`;
}

function renderAlterAction(action: AlterTaskAction, ctx: RenderContext): string {
  switch (action.kind) {
    case 'Resume':
      return 'RESUME';
    case 'Suspend':
      return 'SUSPEND';
    case 'Set':
      return `SET${renderTaskOptions(action.options, ' ')}${renderSettings(action.options, ctx.options, ' ')}`;
    case 'UnsetWarehouse':
      return 'UNSET WAREHOUSE';
    case 'ModifyAs':
      return `MODIFY ${renderBody(action.body, ctx)}`;
    case 'ModifyWhen':
      return `MODIFY WHEN ${action.when.sql}`;
    case 'AddAfter':
      return `ADD ${renderAfter(action.tasks)}`;
    case 'RemoveAfter':
      return `REMOVE ${renderAfter(action.tasks)}`;
  }
}

/** ALTER TASK [IF EXISTS] name action */
export function renderAlterTask(stmt: AlterTaskStmt, ctx: RenderContext): string {
  return `ALTER TASK${stmt.ifExists ? ' IF EXISTS' : ''} ${stmt.name} ${renderAlterAction(stmt.action, ctx)}`;
}

/** EXECUTE TASK name */
export function renderExecuteTask(stmt: ExecuteTaskStmt): string {
  return `EXECUTE TASK ${stmt.name}`;
}
