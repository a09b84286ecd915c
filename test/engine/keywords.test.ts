// Every keyword of the engine's parser, as a name in every place the SDK renders one. A non-reserved keyword left
// bare is accepted in most places but not all, and not always with an error: a column called current_date was read as
// today's date. The SDK quotes any identifier that is a keyword (src/render/keywords.ts); this file checks that list
// against the engine's own, then sends keywords through each statement family and compares what comes back.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alterTask,
  copyInto,
  createClient,
  createStage,
  createStream,
  createTable,
  createTask,
  dropStream,
  dropTable,
  dropTask,
  executeTask,
  insertInto,
  int,
  selectFromStage,
  selectFromStream,
  ServerError,
  streamStatus,
  table,
  ValidationError,
  type CreateStageBuilder,
  type DatabendClient,
} from '../../src/index.js';
import { DatabendDialect } from '../../src/kysely/index.js';
import { startLocalDatabend, type LocalDatabend } from '../../src/local/index.js';
import { KEYWORDS, NOT_A_BARE_COLUMN } from '../../src/grammar/keywords.js';
import { RESERVED_WORDS } from '../../src/grammar/reserved-words.js';

const SETUP_TIMEOUT_MS = 300_000;
const SWEEP_TIMEOUT_MS = 600_000;

let engine: LocalDatabend;
let client: DatabendClient;
let root: string;
let stage: CreateStageBuilder;

const words = [...KEYWORDS];

/**
 * The keywords found to break a statement when bare (syntax errors, or another meaning): every one of them in each
 * name sweep, with a fresh random hundred of the others each run. Eleven statements a word take ~10 ms each; the
 * whole list every run would add a minute for names that quoting treats alike.
 */
const HARD_WORDS = [...new Set([...NOT_A_BARE_COLUMN, 'if', 'table', 'top'])];
const sweepWords = [...new Set([...HARD_WORDS, ...fc.sample(fc.constantFrom(...words), 100)])];
const CANARY = 'kw_canary';

beforeAll(async () => {
  engine = await startLocalDatabend();
  client = createClient({ dsn: engine.dsn });
  root = await mkdtemp(join(tmpdir(), 'keywords-test-'));
  stage = createStage('kw_stage').url(`fs://${root}/`);
  await client.execute(stage);
  await client.execute(`CREATE TABLE ${CANARY} (note STRING)`);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

/** The ServerError code a statement ends with, or 0 when it succeeds. */
async function outcome(run: Promise<unknown>): Promise<number> {
  try {
    await run;
    return 0;
  } catch (error) {
    if (error instanceof ServerError) return error.serverCode ?? -1;
    throw error;
  }
}

/** `"name"` written by hand, independent of the SDK's quoting. */
const quoted = (name: string) => `"${name}"`;

describe('engine keywords as names', () => {
  it("the SDK's keyword list is the engine's own (information_schema.keywords)", async () => {
    // One row listing every token kind: punctuation and literal kinds in CamelCase, keywords in upper case, and EOI.
    const rows = await client.query<{ keywords: string }>('SELECT keywords FROM information_schema.keywords');
    const listed = rows.flatMap((row) => row.keywords.split(', '));
    const engineKeywords = listed.filter((token) => /^[A-Z][A-Z0-9_]*$/.test(token) && token !== 'EOI').map((token) => token.toLowerCase());
    expect(listed).toContain('EOI');
    expect([...new Set(engineKeywords)].sort()).toEqual([...KEYWORDS].sort());
    // Reserved words are keywords too: quoting every keyword quotes them.
    expect([...RESERVED_WORDS].filter((word) => !KEYWORDS.has(word))).toEqual([]);
  });

  it('every keyword, lower and upper case, is a column that COPY, a typed stage query, INSERT ... SELECT and Kysely read as the file holds it', async () => {
    const columns = [...words, ...words.map((w) => w.toUpperCase())];
    // Distinct values, none of them a date: `current_date` read as the function gave today's day number.
    const valueOf = (i: number) => 1_000_000 + i;
    const expected = Object.fromEntries(columns.map((c, i) => [c, valueOf(i)]));
    const wide = table('kw_columns', Object.fromEntries(columns.map((c) => [c, int()])), { clusterBy: ['if', 'table', 'date'] });
    await client.execute(
      `COPY INTO @kw_stage/columns/ FROM (SELECT ${columns.map((c, i) => `${valueOf(i)}::INT AS ${quoted(c)}`).join(', ')}) FILE_FORMAT = (TYPE = PARQUET) SINGLE = TRUE`,
    );
    const [file] = await client.query<{ name: string }>("SELECT name FROM list_stage(location => '@kw_stage/columns/')");
    expect(file).toBeDefined();
    const path = file!.name;

    const typed = await client.query(selectFromStage(stage, path).typedAs(wide).fileFormat('PARQUET'));
    expect(typed).toEqual([expected]);

    await client.execute(createTable(wide));
    const report = await client.copy(copyInto(wide).fromStage(stage, path).fileFormat({ type: 'PARQUET' }));
    expect(report.map((f) => f.rowsLoaded)).toEqual([1]);
    await client.execute(insertInto(wide).fromTable(wide));
    const stored = await client.query<Record<string, unknown>>(`SELECT * FROM kw_columns`);
    expect(stored).toEqual([expected, expected]);

    const db = new Kysely<Record<string, Record<string, number>>>({ dialect: new DatabendDialect({ client }) });
    const read = await db.selectFrom('kw_columns').select(columns).limit(1).execute();
    expect(read).toEqual([expected]);
    await client.execute(dropTable(wide));
  });

  it('a keyword is a CLUSTER BY column unless the engine would read it back as something else: the SDK refuses exactly those', async () => {
    // The engine stores cluster keys unquoted and parses them again on every write: what `(word)` means in an
    // expression over a column of that name is what the stored key means.
    const misread: string[] = [];
    for (const word of words) {
      const read = await client.query<{ v: unknown }>(`SELECT (${word}) AS v FROM (SELECT 7 AS ${quoted(word)}) AS t`).catch((error: unknown) => {
        expect(error).toBeInstanceOf(ServerError);
        return [{ v: `error ${(error as ServerError).serverCode}` }];
      });
      if (read[0]?.v !== 7) misread.push(word);
    }
    const refused = words.filter((word) => {
      try {
        table('kw_cluster', { [word]: int(), b: int() }, { clusterBy: [word] });
        return false;
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).rule).toBe(`CLUSTER BY column '${word}': Databend stores cluster keys unquoted and would read '${word}' back as a keyword, not the column`);
        return true;
      }
    });
    expect(refused).toEqual(misread);
    // A refused key clustered by hand breaks writes or clusters by something else; an accepted one takes a write.
    for (const word of sweepWords) {
      const clustered = refused.includes(word)
        ? `CREATE OR REPLACE TABLE kw_cluster (${quoted(word)} INT, b INT) CLUSTER BY (${quoted(word)})`
        : createTable(table('kw_cluster', { [word]: int(), b: int() }, { clusterBy: [word] })).orReplace();
      await client.execute(clustered);
      const written = await outcome(client.execute('INSERT INTO kw_cluster VALUES (1, 2)'));
      if (refused.includes(word)) {
        const [shown] = await client.query<{ cluster_by: string }>("SELECT cluster_by FROM system.tables WHERE database = 'default' AND name = 'kw_cluster'");
        expect([word, shown?.cluster_by]).toEqual([word, `(${word})`]);
      } else {
        expect([word, written]).toEqual([word, 0]);
      }
    }
    await client.execute(dropTable('kw_cluster'));
  }, SWEEP_TIMEOUT_MS);

  it(
    'keywords are table, stream and task names the engine parses as given (tables created and dropped; streams 1402, tasks 1702, never 1005)',
    async () => {
      const body = insertInto(table(CANARY, { note: int() })).fromStream('kw_stream');
      const unexpected: string[] = [];
      const expectCode = async (word: string, what: string, run: () => Promise<unknown>, code: number) => {
        const got = await outcome(run());
        if (got !== code) unexpected.push(`${word}: ${what} gave ${got}, expected ${code}`);
      };
      for (const word of sweepWords) {
        const named = table(word, { [word]: int() });
        await expectCode(word, 'CREATE TABLE', () => client.execute(createTable(named)), 0);
        await expectCode(word, 'INSERT ... SELECT', () => client.execute(insertInto(named).fromTable(named).columns([word])), 0);
        await expectCode(word, 'DROP TABLE', () => client.execute(dropTable(named)), 0);
        await expectCode(word, 'CREATE STREAM', () => client.execute(createStream(word).onTable(CANARY)), 1402);
        await expectCode(word, 'CREATE STREAM ON TABLE', () => client.execute(createStream('kw_stream').onTable(word)), 1402);
        await expectCode(word, 'DROP STREAM', () => client.execute(dropStream(word)), 1402);
        // No stream exists to read: the name is looked up (1025) after the statement parsed.
        await expectCode(word, 'SELECT FROM stream', () => client.query(selectFromStream(word).consume()), 1025);
        await expectCode(word, 'CREATE TASK', () => client.execute(createTask(word).after('kw_parent').when(streamStatus(word)).as(body)), 1702);
        await expectCode(word, 'ALTER TASK', () => client.execute(alterTask(word).suspend()), 1702);
        await expectCode(word, 'EXECUTE TASK', () => client.execute(executeTask(word)), 1702);
        await expectCode(word, 'DROP TASK', () => client.execute(dropTask(word)), 1702);
      }
      expect(unexpected).toEqual([]);
      const tables = await client.query<{ name: string }>("SELECT name FROM system.tables WHERE database = 'default' ORDER BY name");
      expect(tables.map((t) => t.name)).toEqual([CANARY]);
    },
    SWEEP_TIMEOUT_MS,
  );

  it('every keyword as a task setting name reaches the engine (1702), or is refused before SQL when the grammar reads it as its own', async () => {
    const refused: string[] = [];
    const unexpected: string[] = [];
    for (const word of words) {
      for (const [what, build] of [
        ['CREATE TASK', () => createTask('kw_task').settings({ [word]: 1 }).as(insertInto(table(CANARY, { note: int() })).fromStream('kw_stream'))],
        ['ALTER TASK SET', () => alterTask('kw_task').set({ settings: { [word]: 'x' } })],
      ] as const) {
        let statement;
        try {
          statement = build();
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          expect((error as ValidationError).rule).toBe(`setting name '${word}' is a reserved keyword (or AFTER), which the task grammar reads as its own`);
          refused.push(word);
          continue;
        }
        const got = await outcome(client.execute(statement));
        if (got !== 1702) unexpected.push(`${word}: ${what} gave ${got}`);
      }
    }
    expect(unexpected).toEqual([]);
    // Exactly the reserved words and AFTER, each refused in both statements.
    expect([...new Set(refused)].sort()).toEqual([...RESERVED_WORDS, 'after'].sort());
    expect(refused).toHaveLength(2 * (RESERVED_WORDS.size + 1));
    // And the engine refuses each of them as a setting of CREATE TASK with a syntax error, written by hand.
    for (const word of new Set(refused)) {
      expect([word, await outcome(client.execute(`CREATE TASK kw_task ${word} = 1 AS SELECT 1`))]).toEqual([word, 1005]);
    }
  }, SWEEP_TIMEOUT_MS);
  it('every keyword as a table option name reaches the engine (never 1005), or is refused before SQL when CREATE TABLE reads it as its own', async () => {
    const rule = (word: string) => `table option '${word}' is a reserved keyword (or CLUSTER, ENGINE), which CREATE TABLE reads as its own`;
    const refused: string[] = [];
    const codes = new Map<number, number>();
    for (const word of words) {
      let statement;
      try {
        statement = createTable(table('kw_options', { a: int() }, { engineOptions: { [word]: 1 } })).orReplace();
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).rule).toBe(rule(word));
        refused.push(word);
        continue;
      }
      // Most are 1301 (not an option of CREATE TABLE); a few are taken or refused otherwise; none is a syntax error.
      const got = await outcome(client.execute(statement));
      expect([word, got]).not.toEqual([word, 1005]);
      codes.set(got, (codes.get(got) ?? 0) + 1);
    }
    expect(refused).toEqual([...RESERVED_WORDS, 'cluster', 'engine'].sort());
    for (const word of refused) {
      expect([word, await outcome(client.execute(`CREATE OR REPLACE TABLE kw_options (a INT) ${word} = 1`))]).toEqual([word, 1005]);
    }
    expect(codes.get(1301)).toBeGreaterThan(400);
    await client.execute('DROP TABLE IF EXISTS kw_options');
  }, SWEEP_TIMEOUT_MS);
});
