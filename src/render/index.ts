import type { Statement } from '../ast/statement.js';
import type { RenderOptions } from './context.js';
import { renderCopyIntoLocation, renderCopyIntoTable, renderInsert, renderSelectTable } from './copy.js';
import { renderCreateTable, renderDrop } from './ddl.js';
import {
  renderCreateConnection,
  renderCreateFileFormat,
  renderCreateStage,
  renderListStage,
  renderRemoveStage,
  renderSelectStage,
} from './stage.js';
import { renderCreateStream } from './stream.js';
import { renderAlterTask, renderCreateTask, renderExecuteTask } from './task.js';

export type { RenderOptions } from './context.js';

function assertNever(value: never): never {
  throw new Error(`Unknown statement kind: ${JSON.stringify(value)}`);
}

/** Renders one statement as Databend SQL, without the closing semicolon. */
export function render(stmt: Statement, options: RenderOptions = {}): string {
  switch (stmt.kind) {
    case 'CreateTableStmt':
      return renderCreateTable(stmt);
    case 'DropStmt':
      return renderDrop(stmt);
    case 'CreateConnectionStmt':
      return renderCreateConnection(stmt, options);
    case 'CreateStageStmt':
      return renderCreateStage(stmt, options);
    case 'CreateFileFormatStmt':
      return renderCreateFileFormat(stmt, options);
    case 'ListStageStmt':
      return renderListStage(stmt);
    case 'RemoveStageStmt':
      return renderRemoveStage(stmt);
    case 'SelectStageStmt':
      return renderSelectStage(stmt);
    case 'CopyIntoTableStmt':
      return renderCopyIntoTable(stmt, options);
    case 'CopyIntoLocationStmt':
      return renderCopyIntoLocation(stmt, options);
    case 'SelectTableStmt':
      return renderSelectTable(stmt);
    case 'InsertStmt':
      return renderInsert(stmt);
    case 'CreateStreamStmt':
      return renderCreateStream(stmt);
    case 'CreateTaskStmt':
      return renderCreateTask(stmt, options);
    case 'AlterTaskStmt':
      return renderAlterTask(stmt, options);
    case 'ExecuteTaskStmt':
      return renderExecuteTask(stmt);
    default:
      return assertNever(stmt);
  }
}
