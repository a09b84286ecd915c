// EXECUTE TASK: run a task once, now.
import type { ExecuteTaskStmt } from '../ast/task.js';
import { checkTaskName } from './create-object.js';

import { nameOf, StatementBuilder, type NameRef, made } from './statement-builder.js';

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
  return new ExecuteTaskBuilder(made({ kind: 'ExecuteTaskStmt', name }));
}
