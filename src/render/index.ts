import type { Statement } from '../ast/statement.js';
import type { RenderOptions } from './context.js';
import { collectSecrets, maskSqlText } from './secrets.js';
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
  const text = renderLines(stmt, options, '\n');
  // Options print their secret() values masked as they are rendered; a secret() interpolated into an sql`` fragment
  // is inside the fragment's text, so masked output is also scrubbed of every secret value the statement holds, and
  // credentials written as SQL in a fragment (IDENTIFIED BY '...', PASSWORD = '...') are masked as the client masks
  // raw SQL.
  return options.maskSecrets ? maskSqlText(text, collectSecrets(stmt)) : text;
}

/**
 * Renders a statement whose lines break with `nl`: `'\n'`, or `'\n'` and the indentation of a task body, so that a
 * body is laid out indented as it is rendered rather than re-scanned afterwards (and a line break inside a
 * hand-written fragment is left as it is).
 */
export function renderLines(stmt: Statement, options: RenderOptions, nl: string): string {
  switch (stmt.kind) {
    case 'CreateTableStmt':
      return renderCreateTable(stmt, nl);
    case 'DropStmt':
      return renderDrop(stmt);
    case 'CreateConnectionStmt':
      return renderCreateConnection(stmt, options, nl);
    case 'CreateStageStmt':
      return renderCreateStage(stmt, options, nl);
    case 'CreateFileFormatStmt':
      return renderCreateFileFormat(stmt, options);
    case 'ListStageStmt':
      return renderListStage(stmt);
    case 'RemoveStageStmt':
      return renderRemoveStage(stmt);
    case 'SelectStageStmt':
      return renderSelectStage(stmt, nl);
    case 'CopyIntoTableStmt':
      return renderCopyIntoTable(stmt, options, nl);
    case 'CopyIntoLocationStmt':
      return renderCopyIntoLocation(stmt, options, nl);
    case 'SelectTableStmt':
      return renderSelectTable(stmt);
    case 'InsertStmt':
      return renderInsert(stmt, nl);
    case 'CreateStreamStmt':
      return renderCreateStream(stmt);
    case 'CreateTaskStmt':
      return renderCreateTask(stmt, options, nl);
    case 'AlterTaskStmt':
      return renderAlterTask(stmt, options, nl);
    case 'ExecuteTaskStmt':
      return renderExecuteTask(stmt);
    default:
      return assertNever(stmt);
  }
}
