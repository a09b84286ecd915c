// Owned by the stream/task work in progress: replaced with the real renderers.
import type { AlterTaskStmt, CreateTaskStmt, ExecuteTaskStmt } from '../ast/task.js';
import type { RenderOptions } from './context.js';
export function renderCreateTask(_s: CreateTaskStmt, _o: RenderOptions): string { throw new Error('todo'); }
export function renderAlterTask(_s: AlterTaskStmt, _o: RenderOptions): string { throw new Error('todo'); }
export function renderExecuteTask(_s: ExecuteTaskStmt): string { throw new Error('todo'); }
