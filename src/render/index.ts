import type { Statement, StatementKind } from '../ast/statement.js';
import { check, checkBoolean, checkRecord, describeValue, ValidationError } from '../errors.js';
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

const STATEMENT_KINDS: ReadonlySet<string> = new Set<StatementKind>([
  'CreateTableStmt',
  'DropStmt',
  'CreateConnectionStmt',
  'CreateStageStmt',
  'CreateFileFormatStmt',
  'ListStageStmt',
  'RemoveStageStmt',
  'SelectStageStmt',
  'CopyIntoTableStmt',
  'CopyIntoLocationStmt',
  'SelectTableStmt',
  'InsertStmt',
  'CreateStreamStmt',
  'CreateTaskStmt',
  'AlterTaskStmt',
  'ExecuteTaskStmt',
]);

/**
 * Renders one statement node as Databend SQL, without the closing semicolon. A node is statement data, SQL by
 * design (as sql.raw() is): give it what a builder's toNode() returned, or a node written by hand, never a value
 * from a request. What is no statement node at all is refused.
 */
export function render(stmt: Statement, options: RenderOptions = {}): string {
  const call = 'render()';
  check(typeof stmt === 'object' && stmt !== null && STATEMENT_KINDS.has((stmt as { kind?: unknown }).kind as string), call, () => `statement must be a statement node (what a builder's toNode() returns), not ${describeValue(stmt)}`, 'statement');
  checkRecord(options, call, 'options', ['maskSecrets']);
  if (options.maskSecrets !== undefined) checkBoolean(options.maskSecrets, call, 'maskSecrets');
  try {
    return renderStatement(stmt, options);
  } catch (error) {
    // A node written by hand that lacks a part: said as the call's error, not as a TypeError from deep inside.
    if (error instanceof TypeError || error instanceof RangeError) throw new ValidationError(call, `the ${stmt.kind} node is not well formed (${error.message})`, 'statement');
    throw error;
  }
}

/** render() for the builders' own nodes, which need no check. */
export function renderStatement(stmt: Statement, options: RenderOptions): string {
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
