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

/** The option clauses, settings apart: session settings must come after every other clause. */
function renderTaskOptions(o: TaskOptions): string[] {
  const clauses: string[] = [];
  if (o.warehouse !== undefined) clauses.push(`WAREHOUSE = ${quoteString(o.warehouse)}`);
  if (o.schedule !== undefined) clauses.push(renderSchedule(o.schedule));
  if (o.suspendTaskAfterNumFailures !== undefined) clauses.push(`SUSPEND_TASK_AFTER_NUM_FAILURES = ${o.suspendTaskAfterNumFailures}`);
  if (o.errorIntegration !== undefined) clauses.push(`ERROR_INTEGRATION = ${quoteString(o.errorIntegration)}`);
  if (o.comment !== undefined) clauses.push(`COMMENT = ${quoteString(o.comment)}`);
  return clauses;
}

/** `timezone = 'UTC', max_threads = 4`: the one comma-separated list among the task clauses. */
function renderSettings(o: TaskOptions, options: RenderOptions): string[] {
  return o.settings.length === 0 ? [] : [renderOptionEntries(o.settings, options, ', ')];
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
  let text = `${renderCreate(stmt.createOption, 'TASK')} ${stmt.name}`;
  for (const clause of renderTaskOptions(stmt.options)) text += `${clauseBreak}${clause}`;
  if (stmt.after.length > 0) text += `${clauseBreak}${renderAfter(stmt.after)}`;
  if (stmt.when !== undefined) text += `${clauseBreak}WHEN ${stmt.when.sql}`;
  for (const settings of renderSettings(stmt.options, options)) text += `${clauseBreak}${settings}`;
  return `${text}${nl}${renderBody(stmt.body, ctx)}`;
}

function renderAlterAction(action: AlterTaskAction, ctx: RenderContext): string {
  switch (action.kind) {
    case 'Resume':
      return 'RESUME';
    case 'Suspend':
      return 'SUSPEND';
    case 'Set':
      return ['SET', ...renderTaskOptions(action.options), ...renderSettings(action.options, ctx.options)].join(' ');
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
