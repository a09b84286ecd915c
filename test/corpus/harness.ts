// The documentation corpus (test/corpus/databend-docs.json, made by scripts/extract-docs-corpus.mjs) and what the
// SDK makes of it: which statements an SDK expression renders, whether the rendering matches the documentation's
// SQL (normalised, up to the listed equivalences), which the local engine can run, and the coverage table of
// docs/coverage.md. The engine run itself is test/engine/docs-corpus.test.ts; test/unit/corpus-coverage.test.ts
// checks the rendering and the committed table without an engine.
import { readFileSync } from 'node:fs';
import type { Compilable } from '../../src/index.js';
import { EQUIVALENCES, type Equivalence, RULES } from './equivalences.js';
import { ALL_EXPRESSIONS, ALL_MISSING, VIA_KYSELY, VIA_SQL_QUERY } from './expressions/all.js';
import { normaliseSql, tokenize } from './normalise.js';

export interface CorpusStatement {
  readonly id: string;
  readonly family: string;
  readonly page: string;
  readonly sql: string;
}

export interface Corpus {
  readonly repo: string;
  readonly commit: string;
  readonly statements: readonly CorpusStatement[];
}

export const CORPUS: Corpus = JSON.parse(readFileSync(new URL('./databend-docs.json', import.meta.url), 'utf8')) as Corpus;

/** Statements the documentation gets wrong: the engine refuses them with a syntax error (1005). id -> the error. */
export const ERRATA: Readonly<Record<string, string>> = JSON.parse(readFileSync(new URL('./docs-errata.json', import.meta.url), 'utf8')) as Record<
  string,
  string
>;

/** The families in the order of docs/coverage.md; `setup` statements are run, never measured. */
export const FAMILIES = [
  'connection',
  'stage',
  'file-format',
  'list-remove',
  'list-stage',
  'stage-query',
  'insert-from-stage',
  'copy-into-table',
  'copy-into-location',
  'infer-schema',
  'presign',
  'stream',
  'task',
  'create-table',
  'alter-table',
  'index',
] as const;

export const inScope = (s: CorpusStatement): boolean => s.family !== 'setup';

export type Expression = () => Compilable;

export function expressionOf(id: string): Expression | undefined {
  return ALL_EXPRESSIONS[id];
}

/** Why a statement has no expression: the SDK feature it lacks. */
export function missingReason(id: string): string {
  return ALL_MISSING[id] ?? 'no expression written yet';
}

export interface Comparison {
  readonly original: string;
  readonly rendered: string;
  readonly sdkSql: string;
  readonly matched: boolean;
  readonly equivalences: readonly Equivalence[];
}

/** Renders a statement's expression and compares it, normalised, with the documentation's SQL. */
export function compare(statement: CorpusStatement, expression: Expression): Comparison {
  const sdkSql = expression().compile();
  const equivalences = EQUIVALENCES[statement.id] ?? [];
  // Equivalences apply to the documentation's text (white space aside) before it is normalised, so that what they
  // bring in takes part in the normal form (option order included).
  let text = statement.sql;
  for (const e of equivalences) {
    const pattern = new RegExp(e.docs.trim().split(/\s+/).map(escapeRegExp).join('\\s+'));
    if (!pattern.test(text)) throw new Error(`${statement.id}: the equivalence "${e.docs}" (${e.reason}) does not occur in the statement`);
    text = text.replace(pattern, () => e.sdk);
  }
  const rules = RULES.filter((r) => r.families.includes(statement.family));
  const applyRules = (normalised: string) => rules.reduce((t, r) => r.apply(t), normalised);
  const original = applyRules(normaliseSql(text));
  const rendered = applyRules(normaliseSql(sdkSql));
  return { original, rendered, sdkSql, matched: original === rendered, equivalences };
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ---- What the local engine can run -----------------------------------------------------------------------------

const URL_LITERAL = /^[a-z0-9+]+:\/\//i;

/**
 * Why the local engine cannot run a statement, or undefined when it can: the engine has no network (object stores,
 * https, IPFS) and statements naming an external stage the page created would wait on it. `USE` would move the
 * test's session out of its database. Streams (1402) and tasks (1702) are run: both forms must be refused alike.
 */
export function notRunnable(statement: CorpusStatement, externalStages: ReadonlySet<string>): string | undefined {
  const tokens = tokenize(statement.sql);
  const first = tokens[0]?.text;
  if (first === 'USE') return 'USE would leave the test database';
  const defines = first === 'CREATE' || first === 'DROP' || first === 'DESC' || first === 'DESCRIBE' || first === 'SHOW' || first === 'ALTER';
  const isTaskOrStream = tokens.some((t, i) => i < 6 && t.kind === 'word' && (t.text === 'TASK' || t.text === 'STREAM'));
  // A table over an external location is checked against the storage when it is created.
  const createsTable = tokens.some((t, i) => i < 6 && t.kind === 'word' && t.text === 'TABLE');
  if (defines && !isTaskOrStream && !createsTable && !tokens.some((t) => t.kind === 'word' && t.text === 'SELECT')) return undefined;
  const url = tokens.find((t) => t.kind === 'string' && URL_LITERAL.test(t.text) && !t.text.startsWith('fs://'));
  if (url !== undefined && !isTaskOrStream) return `reads or writes ${url.text.replace(/:\/\/.*/, '://')} (no network here)`;
  const stage = tokens.find((t) => t.kind === 'location' && externalStages.has(stageName(t.text)));
  if (stage !== undefined && !isTaskOrStream) return `uses ${stage.text.split('/')[0]}, an external stage (no network here)`;
  return undefined;
}

const stageName = (location: string): string => location.slice(1).split('/')[0] as string;

/** The stages a statement creates with a URL that is not fs:// (object stores, https, IPFS, Hugging Face). */
export function externalStageCreated(statement: CorpusStatement): string | undefined {
  const tokens = tokenize(statement.sql);
  const words = tokens.map((t) => (t.kind === 'word' ? t.text : ''));
  const at = words.indexOf('STAGE');
  if (words[0] !== 'CREATE' || at < 0 || at > 4) return undefined;
  // URL = '...', or the URL alone after the name (`CREATE STAGE s 's3://...'`).
  const url = tokens.find((t) => t.kind === 'string' && URL_LITERAL.test(t.text));
  if (url === undefined || url.text.startsWith('fs://')) return undefined;
  let nameAt = at + 1;
  while (words[nameAt] === 'IF' || words[nameAt] === 'NOT' || words[nameAt] === 'EXISTS') nameAt++;
  return tokens[nameAt]?.text.toLowerCase();
}

/** The pages in corpus order, each with its statements and whether the engine can run each. */
export interface PagePlan {
  readonly page: string;
  readonly statements: readonly { readonly statement: CorpusStatement; readonly notRunnable: string | undefined }[];
}

export function pagePlans(): PagePlan[] {
  const pages = new Map<string, CorpusStatement[]>();
  for (const s of CORPUS.statements) pages.set(s.page, [...(pages.get(s.page) ?? []), s]);
  return [...pages].map(([page, statements]) => {
    const external = new Set<string>();
    return {
      page,
      statements: statements.map((statement) => {
        const reason = notRunnable(statement, external);
        const created = externalStageCreated(statement);
        if (created !== undefined) external.add(created);
        return { statement, notRunnable: reason };
      }),
    };
  });
}

// ---- Counts and docs/coverage.md ----------------------------------------------------------------------------

export interface FamilyCounts {
  total: number;
  expressed: number;
  viaSqlQuery: number;
  viaKysely: number;
  run: number;
  errata: number;
  notExpressible: number;
}

export function counts(): { readonly byFamily: Map<string, FamilyCounts>; readonly setup: number } {
  const byFamily = new Map<string, FamilyCounts>(
    FAMILIES.map((f) => [f, { total: 0, expressed: 0, viaSqlQuery: 0, viaKysely: 0, run: 0, errata: 0, notExpressible: 0 }]),
  );
  let setup = 0;
  for (const plan of pagePlans()) {
    for (const { statement, notRunnable: reason } of plan.statements) {
      if (!inScope(statement)) {
        setup++;
        continue;
      }
      const c = byFamily.get(statement.family);
      if (c === undefined) throw new Error(`${statement.id}: family ${statement.family} is not in FAMILIES`);
      c.total++;
      if (ERRATA[statement.id] !== undefined) c.errata++;
      else if (expressionOf(statement.id) !== undefined) {
        c.expressed++;
        if (VIA_SQL_QUERY.has(statement.id)) c.viaSqlQuery++;
        if (VIA_KYSELY.has(statement.id)) c.viaKysely++;
      } else c.notExpressible++;
      if (reason === undefined) c.run++;
    }
  }
  return { byFamily, setup };
}

/** docs/coverage.md, from the corpus, the expressions, the errata and what the engine can run. */
export function renderCoverage(): string {
  const { byFamily, setup } = counts();
  const sum = (k: keyof FamilyCounts) => [...byFamily.values()].reduce((n, c) => n + c[k], 0);
  const lines = [
    '# Coverage of the Databend documentation',
    '',
    '<!-- Generated by test/unit/corpus-coverage.test.ts: WRITE_COVERAGE=1 npx vitest run --project unit test/unit/corpus-coverage.test.ts -->',
    '',
    `How much of the official documentation's SQL the SDK can write, measured on the examples of [${CORPUS.repo}](https://github.com/${CORPUS.repo})`,
    `at commit \`${CORPUS.commit}\` (English pages; \`node scripts/extract-docs-corpus.mjs <git dir>\` extracts them into`,
    '`test/corpus/databend-docs.json`). Each statement keeps its page. For each, an SDK expression',
    '(`test/corpus/expressions/<family>.ts`) must render the same SQL after normalising white space, case, name quoting,',
    'string escapes and option order (`test/corpus/normalise.ts`; the few listed equivalences are in',
    '`test/corpus/equivalences.ts`, each with its reason), and `test/engine/docs-corpus.test.ts` runs the original and',
    "the SDK's SQL on the local engine, page by page in a fresh database, and requires the same outcome (success with",
    'the same rows, or the same error code). Statements the engine cannot run here (object stores, https: no network)',
    "are only compared; streams and tasks run to the local engine's refusal (1402 licence, 1702 cloud control), which",
    'must be the same for both forms. Errata are documentation examples the engine refuses with a syntax error (1005),',
    "`test/corpus/docs-errata.json`. The SQL of other systems shown beside Databend's (the MySQL, Flink and Snowflake",
    'sides of the migration tutorials) and syntax summaries are not extracted.',
    '',
    '"Expressed" counts the statements an SDK expression renders; "of which via an sql query" those among them whose',
    "query (an unload's SELECT, task-001's table-less `SELECT 1`, task-017's LET script) is an `sql` fragment, as the SDK",
    'has no builder for it: written with the SDK, but the query itself untyped. "Of which via Kysely" counts those whose',
    "query (a task body's SELECT from a table, an INSERT's SELECT * from a table) is built with Kysely over the SDK's",
    'dialect (`databend-etl/kysely`) and passed compiled (`.compile()`): the query is typed by Kysely.',
    '',
    '| family | statements | expressed | of which via an sql query | of which via Kysely | run on the engine | docs errata | not expressible |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...[...byFamily].map(
      ([f, c]) => `| ${f} | ${c.total} | ${c.expressed} | ${c.viaSqlQuery} | ${c.viaKysely} | ${c.run} | ${c.errata} | ${c.notExpressible} |`,
    ),
    `| **all** | **${sum('total')}** | **${sum('expressed')}** | **${sum('viaSqlQuery')}** | **${sum('viaKysely')}** | **${sum('run')}** | **${sum('errata')}** | **${sum('notExpressible')}** |`,
    '',
    `Besides these, ${setup} setup statements (INSERT of sample rows, CREATE DATABASE, USE) are run before the examples that need them and not measured.`,
    '',
    '## What is left',
    '',
    'The statements without an expression, grouped by the SDK feature they need:',
    '',
  ];
  const byReason = new Map<string, string[]>();
  for (const s of CORPUS.statements) {
    if (!inScope(s) || ERRATA[s.id] !== undefined || expressionOf(s.id) !== undefined) continue;
    const reason = missingReason(s.id);
    byReason.set(reason, [...(byReason.get(reason) ?? []), s.id]);
  }
  for (const [reason, ids] of [...byReason].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
    lines.push(`- ${reason} (${ids.length}): ${ids.join(', ')}`);
  }
  if (Object.keys(ERRATA).length > 0) {
    lines.push('', '## Documentation errata', '', 'Examples the engine refuses with a syntax error (1005):', '');
    for (const [id, error] of Object.entries(ERRATA)) {
      const s = CORPUS.statements.find((x) => x.id === id);
      lines.push(`- ${id} (${s?.page ?? '?'}): ${error}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
