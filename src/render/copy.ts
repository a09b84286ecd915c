// Owned by the copy-family work in progress: replaced with the real renderers.
import type { CopyIntoLocationStmt, CopyIntoTableStmt, InsertStmt, SelectTableStmt } from '../ast/copy.js';
import type { RenderOptions } from './context.js';
export function renderCopyIntoTable(_s: CopyIntoTableStmt, _o: RenderOptions): string { throw new Error('todo'); }
export function renderCopyIntoLocation(_s: CopyIntoLocationStmt, _o: RenderOptions): string { throw new Error('todo'); }
export function renderSelectTable(_s: SelectTableStmt): string { throw new Error('todo'); }
export function renderInsert(_s: InsertStmt): string { throw new Error('todo'); }
