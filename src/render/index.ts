import type { Statement, StatementKind } from '../ast/statement.js';
import { check, checkBoolean, checkRecord, describeValue } from '../checks.js';
import { ValidationError } from '../errors.js';
import type { RenderContext, RenderOptions, Renderer } from './context.js';
import { collectSecrets, maskSqlText } from './secrets.js';
import { renderCopyIntoLocation, renderCopyIntoTable, renderInsert, renderSelectTable } from './copy.js';
import { renderAlterTable, renderCreateTableIndex, renderDropTableIndex, renderRefreshTableIndex } from './alter-table.js';
import { renderCreateTable, renderDrop } from './ddl.js';
import {
  renderCreateConnection,
  renderCreateFileFormat,
  renderCreateStage,
  renderListStage,
  renderRemoveStage,
  renderSelectStage,
  renderSelectTableFunction,
} from './stage.js';
import { renderDelete, renderMergeInto, renderOptimizeTable, renderTruncateTable, renderUpdate } from './dml.js';
import { renderExecuteImmediate, renderScript, renderSql, renderTransaction } from './script.js';
import { renderDescribe, renderShow } from './show.js';
import { renderCreateStream } from './stream.js';
import { renderPresign } from './stage.js';
import { renderAlterTask, renderCreateTask, renderExecuteTask } from './task.js';

export type { RenderOptions } from './context.js';

/**
 * One renderer per statement kind: a kind added to `Statement` fails to compile here until it has its renderer, and
 * render() knows a statement node by its kind being one of these keys.
 */
const RENDERERS: { readonly [K in StatementKind]: Renderer<Extract<Statement, { readonly kind: K }>> } = {
  CreateTableStmt: renderCreateTable,
  DropStmt: renderDrop,
  CreateConnectionStmt: renderCreateConnection,
  CreateStageStmt: renderCreateStage,
  CreateFileFormatStmt: renderCreateFileFormat,
  ListStageStmt: renderListStage,
  RemoveStageStmt: renderRemoveStage,
  SelectStageStmt: renderSelectStage,
  CopyIntoTableStmt: renderCopyIntoTable,
  CopyIntoLocationStmt: renderCopyIntoLocation,
  SelectTableStmt: renderSelectTable,
  InsertStmt: renderInsert,
  CreateStreamStmt: renderCreateStream,
  CreateTaskStmt: renderCreateTask,
  AlterTaskStmt: renderAlterTask,
  ExecuteTaskStmt: renderExecuteTask,
  SelectTableFunctionStmt: renderSelectTableFunction,
  AlterTableStmt: renderAlterTable,
  CreateTableIndexStmt: renderCreateTableIndex,
  DropTableIndexStmt: renderDropTableIndex,
  RefreshTableIndexStmt: renderRefreshTableIndex,
  UpdateStmt: renderUpdate,
  DeleteStmt: renderDelete,
  MergeIntoStmt: renderMergeInto,
  TruncateTableStmt: renderTruncateTable,
  OptimizeTableStmt: renderOptimizeTable,
  SqlStmt: renderSql,
  ScriptStmt: renderScript,
  ExecuteImmediateStmt: renderExecuteImmediate,
  TransactionStmt: renderTransaction,
  PresignStmt: renderPresign,
  ShowStmt: renderShow,
  DescribeStmt: renderDescribe,
};

/** Whether a value is a statement node by its kind, as render() and the builders' constructors take one. */
export function isStatementNode(value: unknown): value is Statement {
  return typeof value === 'object' && value !== null && isStatementKind((value as { kind?: unknown }).kind);
}

// A Set: every builder's constructor asks, and Set.has was cheaper than Object.hasOwn on the table of renderers.
const STATEMENT_KINDS: ReadonlySet<unknown> = new Set(Object.keys(RENDERERS));

// The kind last found: a fluent chain makes builders of one kind in a row, and a comparison is cheaper than the lookup.
// A statement kind from the start: left undefined, an object without a kind passed as a statement node until the first
// node was checked (render({}) as a process's first call).
let lastKind: unknown = 'SqlStmt' satisfies StatementKind;

function isStatementKind(kind: unknown): boolean {
  if (kind === lastKind) return true;
  if (!STATEMENT_KINDS.has(kind)) return false;
  lastKind = kind;
  return true;
}

/**
 * Renders one statement node as Databend SQL, without the closing semicolon. A node is statement data, SQL by
 * design (as sql.raw() is): give it what a builder's toNode() returned, or a node written by hand, never a value
 * from a request. What is no statement node at all is refused.
 */
export function render(stmt: Statement, options: RenderOptions = {}): string {
  const call = 'render()';
  check(
    isStatementNode(stmt),
    'invalid_type',
    call,
    () => `statement must be a statement node (what a builder's toNode() returns), not ${describeValue(stmt)}`,
    'statement',
  );
  checkRecord(options, call, 'options', ['maskSecrets']);
  if (options.maskSecrets !== undefined) checkBoolean(options.maskSecrets, call, 'maskSecrets');
  return renderChecked(stmt, options, call);
}

/**
 * Renders a node that may have been written by hand (given to render() or to a builder's constructor): one that
 * lacks a part is said as the call's error, not as a TypeError from deep inside the renderer.
 */
export function renderChecked(stmt: Statement, options: RenderOptions, call: string): string {
  try {
    return renderStatement(stmt, options);
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError)
      throw new ValidationError('invalid_type', call, `the ${stmt.kind} node is not well formed (${error.message})`, 'statement');
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

/** The context of one statement; a nested one (a task's body) is rendered through the same table. */
class Context implements RenderContext {
  // `declare`d and assigned: as class fields they were defined on every instance first, one context per statement.
  declare readonly options: RenderOptions;
  declare readonly nl: string;

  constructor(options: RenderOptions, nl: string) {
    this.options = options;
    this.nl = nl;
  }

  nested(stmt: Statement, nl: string): string {
    return renderLines(stmt, this.options, nl);
  }
}

// A Map: a keyed load on the table of renderers, with a different kind at every call, was a megamorphic lookup.
const RENDERER_OF: ReadonlyMap<StatementKind, Renderer<Statement>> = new Map(Object.entries(RENDERERS) as [StatementKind, Renderer<Statement>][]);

function renderLines(stmt: Statement, options: RenderOptions, nl: string): string {
  return RENDERER_OF.get(stmt.kind)!(stmt, new Context(options, nl));
}
