// The documentation corpus on the local engine (issue 13): every example of databendlabs/databend-docs the SDK's
// families cover (test/corpus/databend-docs.json), page by page. Each page runs twice in a fresh database: once as
// the documentation writes it, once with the SDK's rendering in place of every statement that has an expression
// (test/corpus/expressions/), the rest of the page (its setup, statements the SDK cannot write) unchanged. Every
// statement the engine can run must end the same way in both: success with the same rows (for a query, in any order,
// unloaded files' generated names aside; a count of rows for LIST, SHOW, DESC and PRESIGN, whose rows carry times
// and generated names), or the same error code. The
// original's syntax errors (1005) must be exactly the listed documentation errata. The rendering itself must match
// the documentation's SQL (normalised, up to the listed equivalences). Prints the counts.
import { afterAll, describe, expect, it } from 'vitest';
import { createClient, type DatabendClient, ServerError } from '../../src/index.js';
import { CORPUS, compare, ERRATA, expressionOf, inScope, missingReason, pagePlans, type CorpusStatement } from '../corpus/harness.js';
import { openTestDatabase } from '../support/engine.js';

const PAGE_TIMEOUT_MS = 120_000;

type Outcome = { readonly ok: true; readonly rows: string } | { readonly ok: false; readonly code: number | string; readonly message: string };

const ROWS_QUERY = /^\s*(SELECT|WITH)\b/i;
const COUNT_QUERY = /^\s*(LIST|SHOW|DESC|DESCRIBE|PRESIGN)\b/i;

// Unloaded files are named after the query's id and the writer thread (data_<uuid>_0001_00000000.parquet), so two runs
// name them differently and may list them in another order.
const GENERATED_NAME = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(_\d+)*/g;

/** Rows as a sorted list of JSON texts, generated file names replaced. */
function comparableRows(rows: readonly Record<string, unknown>[]): string {
  const texts = rows.map((row) => JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)).replace(GENERATED_NAME, '<generated>'));
  return JSON.stringify(texts.sort());
}

async function run(client: DatabendClient, sql: string): Promise<Outcome> {
  try {
    if (ROWS_QUERY.test(sql)) return { ok: true, rows: comparableRows(await client.query<Record<string, unknown>>(sql)) };
    if (COUNT_QUERY.test(sql)) return { ok: true, rows: `${(await client.query(sql)).length} rows` };
    const result = await client.execute(sql);
    return { ok: true, rows: `${result.rowsAffected} affected` };
  } catch (error) {
    if (error instanceof ServerError) return { ok: false, code: error.serverCode, message: error.serverMessage };
    return { ok: false, code: (error as Error).name, message: (error as Error).message };
  }
}

const same = (a: Outcome, b: Outcome): boolean => (a.ok && b.ok ? a.rows === b.rows : !a.ok && !b.ok && a.code === b.code);
const describeOutcome = (o: Outcome): string => (o.ok ? `ok (${o.rows.slice(0, 200)})` : `error ${o.code}: ${o.message.slice(0, 300)}`);

const tally = {
  total: 0,
  inScope: 0,
  expressed: 0,
  matched: 0,
  originalsRun: 0,
  runOnEngine: 0,
  sameOutcome: 0,
  errata: 0,
  notExpressible: 0,
};
const notExpressible: string[] = [];
/** Of the expressed statements run in both forms: how many succeeded, and the error codes both were refused with. */
let bothSucceeded = 0;
const bothRefused = new Map<string, number>();

/** Runs a page's statements in order in a fresh database; `sdk` gives the SQL to send in place of the original. */
async function runPage(database: string, plan: ReturnType<typeof pagePlans>[number], sdk: ReadonlyMap<string, string>): Promise<Map<string, Outcome>> {
  const db = await openTestDatabase(database);
  const client = createClient({ dsn: db.dsn });
  const outcomes = new Map<string, Outcome>();
  try {
    for (const { statement, notRunnable } of plan.statements) {
      if (notRunnable !== undefined) continue;
      const started = Date.now();
      outcomes.set(statement.id, await run(client, sdk.get(statement.id) ?? statement.sql));
      if (process.env.CORPUS_TIMES === '1' && Date.now() - started > 500) console.log(`${statement.id} took ${Date.now() - started} ms`);
    }
  } finally {
    await client.close();
    await db.release();
  }
  return outcomes;
}

describe('the documentation corpus', () => {
  afterAll(() => {
    const lines = [
      `docs corpus ${CORPUS.repo}@${CORPUS.commit.slice(0, 12)}:`,
      `  total ${tally.total}, in scope ${tally.inScope}, expressed ${tally.expressed}, matched ${tally.matched},`,
      `  originals run on engine ${tally.originalsRun}; expressed and run on engine (both forms) ${tally.runOnEngine}, same outcome ${tally.sameOutcome},`,
      `  (both succeeded ${bothSucceeded}; both refused, by code: ${[...bothRefused].map(([code, n]) => `${code} x${n}`).join(', ')})`,
      `  docs errata ${tally.errata}, not expressible ${tally.notExpressible}`,
      ...notExpressible.map((line) => `  not expressible: ${line}`),
    ];
    console.log(lines.join('\n'));
  });

  for (const plan of pagePlans()) {
    it(plan.page, { timeout: PAGE_TIMEOUT_MS }, async () => {
      const sdk = new Map<string, string>();
      const failures: string[] = [];
      for (const { statement } of plan.statements) {
        tally.total++;
        if (!inScope(statement)) continue;
        tally.inScope++;
        if (ERRATA[statement.id] !== undefined) {
          tally.errata++;
          continue;
        }
        const expression = expressionOf(statement.id);
        if (expression === undefined) {
          tally.notExpressible++;
          notExpressible.push(`${statement.id}: ${missingReason(statement.id)}`);
          continue;
        }
        tally.expressed++;
        const c = compare(statement, expression);
        if (c.matched) tally.matched++;
        else failures.push(`${statement.id} renders other SQL:\n  docs: ${c.original}\n  sdk:  ${c.rendered}`);
        sdk.set(statement.id, c.sdkSql);
      }

      const original = await runPage('corpus_docs', plan, new Map());
      // The SDK's pass only where it changes something the engine runs.
      const sdkRuns = plan.statements.some((p) => p.notRunnable === undefined && sdk.has(p.statement.id));
      const rendered = sdkRuns ? await runPage('corpus_sdk', plan, sdk) : original;
      const byId = new Map<string, CorpusStatement>(plan.statements.map((p) => [p.statement.id, p.statement]));
      for (const [id, docsOutcome] of original) {
        const statement = byId.get(id) as CorpusStatement;
        const syntaxError = !docsOutcome.ok && docsOutcome.code === 1005;
        if (inScope(statement)) {
          tally.originalsRun++;
          if (sdk.has(id)) tally.runOnEngine++;
          if (syntaxError && ERRATA[id] === undefined)
            failures.push(`${id}: the engine refuses the documentation's SQL with 1005, not listed in docs-errata.json: ${describeOutcome(docsOutcome)}`);
          if (!syntaxError && ERRATA[id] !== undefined)
            failures.push(`${id}: listed in docs-errata.json, but the engine gives ${describeOutcome(docsOutcome)}`);
        }
        const sdkOutcome = rendered.get(id) as Outcome;
        if (same(docsOutcome, sdkOutcome)) {
          if (sdk.has(id)) {
            tally.sameOutcome++;
            if (docsOutcome.ok) bothSucceeded++;
            else bothRefused.set(String(docsOutcome.code), (bothRefused.get(String(docsOutcome.code)) ?? 0) + 1);
          }
        } else failures.push(`${id}: another outcome on the engine:\n  docs: ${describeOutcome(docsOutcome)}\n  sdk:  ${describeOutcome(sdkOutcome)}`);
      }
      expect(failures).toEqual([]);
    });
  }
});
