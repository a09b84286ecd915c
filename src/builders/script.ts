import type { SqlFragment } from '../ast/expression.js';
import { isSqlFragment } from '../ast/expression.js';
import type { CompiledSql, ExecuteImmediateStmt, ScriptStmt, SqlStmt, TransactionStmt } from '../ast/script.js';
import { check, checkList } from '../checks.js';
import { ValidationError } from '../errors.js';
import { StatementBuilder, made } from './statement-builder.js';
import { blockStatements, sqlStatementOf, type StatementInput } from './statement-input.js';

/**
 * A statement written as SQL: an sql`` fragment, or a query compiled by the SDK's Kysely dialect (its values already
 * inlined as literals). Task bodies and pipeline steps take both directly; this makes one a builder.
 *
 * @example
 * statement(sql`INSERT INTO device_rollup SELECT device, count(*) FROM readings_stream GROUP BY device`)
 * // INSERT INTO device_rollup SELECT device, count(*) FROM readings_stream GROUP BY device
 */
export class SqlStatementBuilder extends StatementBuilder<SqlStmt> {}

/** A statement from an sql`` fragment or a Kysely-compiled query. */
export function statement(input: SqlFragment | CompiledSql): SqlStatementBuilder {
  const node = sqlStatementOf(input, 'statement()', 'statement');
  check(node !== undefined, 'invalid_type', 'statement()', 'statement() takes an sql`` fragment or a query compiled by the Kysely dialect', 'statement');
  return new SqlStatementBuilder(node);
}

/**
 * A script block, BEGIN stmt; ... END: a task body running several statements in order. Run on its own it goes
 * through `executeImmediate(script)`: Databend reads a bare BEGIN as the start of a transaction.
 *
 * @example
 * script([truncateTable(deviceRollup), statement(sql`INSERT INTO device_rollup SELECT ...`)])
 * // BEGIN
 * //   TRUNCATE TABLE device_rollup;
 * //   INSERT INTO device_rollup SELECT ...;
 * // END
 */
export class ScriptBuilder extends StatementBuilder<ScriptStmt> {}

export function script(statements: readonly StatementInput[]): ScriptBuilder {
  checkList(statements, 'script()', 'statements');
  check(statements.length > 0, 'too_small', 'script()', 'a script needs at least one statement', 'statements');
  return new ScriptBuilder(made({ kind: 'ScriptStmt', statements: blockStatements(statements, 'script()', (i) => `statement ${i + 1}`) }));
}

/**
 * EXECUTE IMMEDIATE $$ script $$: runs a script block (`script([...])`) or Databend script text written with sql``
 * (LET, IF, FOR, RETURN ...). A script holding `$$` is refused: it would end the code string.
 *
 * @example
 * executeImmediate(script([deleteFrom(readings).where(sql`v < 0`)]))
 * // EXECUTE IMMEDIATE $$
 * // BEGIN
 * //   DELETE FROM readings
 * //   WHERE v < 0;
 * // END;
 * // $$
 */
export class ExecuteImmediateBuilder extends StatementBuilder<ExecuteImmediateStmt> {}

export function executeImmediate(body: ScriptBuilder | SqlFragment): ExecuteImmediateBuilder {
  const call = 'executeImmediate()';
  const isScript = body instanceof ScriptBuilder;
  check(isScript || isSqlFragment(body), 'invalid_type', call, 'the script must be a script([...]) or an sql`` fragment of script text', 'script');
  const builder = new ExecuteImmediateBuilder(
    made({
      kind: 'ExecuteImmediateStmt',
      script: isScript ? StatementBuilder.nodeOf(body as ScriptBuilder) : (body as SqlFragment),
    }),
  );
  // Rendered now, so that a script holding `$$` is refused here rather than when it is sent.
  try {
    builder.compile();
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(error.reason, call, error.rule, error.field);
    throw error;
  }
  return builder;
}

/**
 * A transaction statement: `begin()`, `commit()`, `rollback()`. On a client's session the statements between BEGIN and
 * COMMIT apply together (ROLLBACK drops them); as items of `script([...])` (a task's body) they render `BEGIN;` ...
 * `COMMIT;` inside the block (the local engine refuses a transaction inside a script: docs/engine-facts.md).
 *
 * @example
 * script([begin(), insertInto(events).values([{ id: 1 }]), deleteFrom(events).where(sql`id < 0`), commit()])
 * // BEGIN
 * //   BEGIN;
 * //   INSERT INTO events (id) VALUES (1);
 * //   DELETE FROM events
 * //   WHERE id < 0;
 * //   COMMIT;
 * // END
 */
export class TransactionBuilder extends StatementBuilder<TransactionStmt> {}

/** `BEGIN`: starts a transaction (`BEGIN;` inside a script block). */
export function begin(): TransactionBuilder {
  return new TransactionBuilder(made({ kind: 'TransactionStmt', action: 'BEGIN' }));
}

/** `COMMIT`: ends the transaction, its statements applied together. */
export function commit(): TransactionBuilder {
  return new TransactionBuilder(made({ kind: 'TransactionStmt', action: 'COMMIT' }));
}

/** `ROLLBACK`: ends the transaction, its statements undone. */
export function rollback(): TransactionBuilder {
  return new TransactionBuilder(made({ kind: 'TransactionStmt', action: 'ROLLBACK' }));
}
