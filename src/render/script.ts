import { TRANSACTION_ACTIONS, type ExecuteImmediateStmt, type ScriptStmt, type SqlStmt, type TransactionStmt } from '../ast/script.js';
import { ValidationError } from '../errors.js';
import type { RenderContext } from './context.js';

/** The statement as written: the fragment's text (its line breaks left alone, as they may be inside a literal). */
export function renderSql(stmt: SqlStmt): string {
  return stmt.sql.sql;
}

/** BEGIN | COMMIT | ROLLBACK */
export function renderTransaction(stmt: TransactionStmt): string {
  if (!(TRANSACTION_ACTIONS as readonly unknown[]).includes(stmt.action)) throw new TypeError(`unknown transaction statement ${JSON.stringify(stmt.action)}`);
  return stmt.action;
}

/** BEGIN, each statement indented on its own line with its `;`, END. */
export function renderScript(stmt: ScriptStmt, ctx: RenderContext): string {
  const inner = `${ctx.nl}  `;
  return `BEGIN${stmt.statements.map((s) => `${inner}${ctx.nested(s, inner)};`).join('')}${ctx.nl}END`;
}

/**
 * EXECUTE IMMEDIATE $$ script $$, the script on the lines between. A script block ends with `END;` inside the code
 * string. `$$` inside the script would end the string early: refused, not escaped (a code string has no escapes).
 */
export function renderExecuteImmediate(stmt: ExecuteImmediateStmt, ctx: RenderContext): string {
  const { nl } = ctx;
  const script = stmt.script.kind === 'ScriptStmt' ? `${renderScript(stmt.script, ctx)};` : stmt.script.sql;
  if (script.includes('$$'))
    throw new ValidationError('invalid_value', 'executeImmediate()', "the script cannot contain '$$', which would end its $$ ... $$ string", 'script');
  return `EXECUTE IMMEDIATE $$${nl}${script}${nl}$$`;
}
