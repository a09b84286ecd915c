// Owned by the stage-family work in progress: replaced with the real renderers.
import type { CreateConnectionStmt, CreateFileFormatStmt, CreateStageStmt, ListStageStmt, RemoveStageStmt, SelectStageStmt } from '../ast/stage.js';
import type { RenderOptions } from './context.js';
export function renderCreateConnection(_s: CreateConnectionStmt, _o: RenderOptions): string { throw new Error('todo'); }
export function renderCreateStage(_s: CreateStageStmt, _o: RenderOptions): string { throw new Error('todo'); }
export function renderCreateFileFormat(_s: CreateFileFormatStmt, _o: RenderOptions): string { throw new Error('todo'); }
export function renderListStage(_s: ListStageStmt): string { throw new Error('todo'); }
export function renderRemoveStage(_s: RemoveStageStmt): string { throw new Error('todo'); }
export function renderSelectStage(_s: SelectStageStmt): string { throw new Error('todo'); }
