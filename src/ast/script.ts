import type { Patch } from './common.js';
import type { SqlFragment } from './expression.js';
import type { Statement } from './statement.js';

/** A statement written as SQL (an sql`` fragment, a query compiled by the Kysely dialect), rendered as it is. */
export interface SqlStmt {
  readonly kind: 'SqlStmt';
  readonly sql: SqlFragment;
}

/** BEGIN stmt; [stmt; ...] END: a script block, as a task's body takes it. */
export interface ScriptStmt {
  readonly kind: 'ScriptStmt';
  readonly statements: readonly Statement[];
}

/** The transaction statements: BEGIN, COMMIT, ROLLBACK (Databend's `Begin`, `Commit`, `Abort`). */
export const TRANSACTION_ACTIONS = ['BEGIN', 'COMMIT', 'ROLLBACK'] as const;
export type TransactionAction = (typeof TRANSACTION_ACTIONS)[number];

/** BEGIN | COMMIT | ROLLBACK: a transaction's start and end, in a session or inside a script block. */
export interface TransactionStmt {
  readonly kind: 'TransactionStmt';
  readonly action: TransactionAction;
}

/** EXECUTE IMMEDIATE $$ script $$ */
export interface ExecuteImmediateStmt {
  readonly kind: 'ExecuteImmediateStmt';
  readonly script: ScriptStmt | SqlFragment;
}

export function cloneSql(node: SqlStmt, patch: Patch<SqlStmt>): SqlStmt {
  return { kind: 'SqlStmt', sql: patch.sql ?? node.sql };
}

export function cloneScript(node: ScriptStmt, patch: Patch<ScriptStmt>): ScriptStmt {
  return { kind: 'ScriptStmt', statements: patch.statements ?? node.statements };
}

export function cloneExecuteImmediate(node: ExecuteImmediateStmt, patch: Patch<ExecuteImmediateStmt>): ExecuteImmediateStmt {
  return { kind: 'ExecuteImmediateStmt', script: patch.script ?? node.script };
}

/** The SQL text of a query compiled by the Kysely dialect (`CompiledQuery`): what a body or a step takes of one. */
export interface CompiledSql {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/**
 * The compiled queries the SDK's Kysely dialect made, every value inlined with the SDK's literal rendering. Known by
 * identity, as fragments are: an object of the same shape from a request body is no SQL.
 */
const compiledByDialect = new WeakSet<object>();

export function markCompiledByDialect(query: CompiledSql): void {
  compiledByDialect.add(query);
}

export function isCompiledByDialect(value: unknown): value is CompiledSql {
  return typeof value === 'object' && value !== null && compiledByDialect.has(value);
}
