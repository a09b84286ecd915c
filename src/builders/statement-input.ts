// What a task body, a pipeline step, a script or a MERGE source takes as a statement: a built statement, an sql``
// fragment, or a query compiled by the SDK's Kysely dialect.
import { isSqlFragment, type SqlFragment } from '../ast/expression.js';
import { isCompiledByDialect, type CompiledSql, type SqlStmt } from '../ast/script.js';
import type { Statement } from '../ast/statement.js';
import { makeFragment } from '../ast/expression.js';
import { check, describeValue, refuse, type CallSite } from '../checks.js';
import { StatementBuilder, type Compilable } from './statement-builder.js';

/** A statement: a builder's, SQL written with the `sql` tag, or a Kysely `CompiledQuery` from `databend-etl/kysely`. */
export type StatementInput = Compilable | SqlFragment | CompiledSql;

/** Whether a value looks like a Kysely CompiledQuery (to say why one is refused). */
function looksCompiled(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { sql?: unknown }).sql === 'string' && 'parameters' in value;
}

/** The SqlStmt of a fragment or of a query compiled by the dialect; undefined for anything else. */
export function sqlStatementOf(input: unknown, call: CallSite, what: string): SqlStmt | undefined {
  if (isSqlFragment(input)) {
    check(input.sql.trim() !== '', 'too_small', call, () => `${what} is an empty sql\`\` fragment`, what);
    return { kind: 'SqlStmt', sql: input };
  }
  if (isCompiledByDialect(input)) {
    // The dialect inlines every value as a literal; a parameter left would be bound by the driver unescaped.
    check(input.parameters.length === 0, 'unsupported', call, () => `${what} has parameters, which cannot be inlined`, what);
    return { kind: 'SqlStmt', sql: makeFragment(input.sql) };
  }
  if (looksCompiled(input))
    refuse(
      'unsupported',
      call,
      `${what} is a compiled query the SDK's Kysely dialect did not make: compile it with DatabendDialect (databend-etl/kysely), which inlines its values as literals`,
      what,
    );
  return undefined;
}

/** The node of a statement input, checked. */
export function statementNode(input: StatementInput, call: CallSite, what: string): Statement {
  const sql = sqlStatementOf(input, call, what);
  if (sql !== undefined) return sql;
  check(
    typeof (input as Compilable | undefined)?.toNode === 'function',
    'invalid_type',
    call,
    () => `${what} must be a built statement, an sql\`\` fragment or a query compiled by the Kysely dialect, not ${describeValue(input)}`,
    what,
  );
  return StatementBuilder.nodeOf(input as Compilable);
}

/**
 * The statements of a BEGIN ... END block (a task body of several, or script()): a script block cannot be one of
 * them, since inside a block BEGIN would start a transaction (1005).
 */
export function blockStatements(list: readonly StatementInput[], call: CallSite, what: (i: number) => string): Statement[] {
  return list.map((input, i) => {
    const node = statementNode(input, call, what(i));
    check(node.kind !== 'ScriptStmt', 'conflict', call, () => `${what(i)} is a script block: a BEGIN ... END block cannot hold another`, what(i));
    return node;
  });
}
