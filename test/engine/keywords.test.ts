// Every keyword of the engine's parser, as a name in every place the SDK renders one. A non-reserved keyword left
// bare is accepted in most places but not all, and not always with an error: a column called current_date was read as
// today's date. The SDK quotes any identifier that is a keyword (src/grammar/keywords.ts); this file checks that list
// against the engine's own, then sends keywords through each statement family and compares what comes back.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alterTask,
  copyInto,
  createClient,
  createConnection,
  createFileFormat,
  createStage,
  createStream,
  createTable,
  createTask,
  dropConnection,
  dropFileFormat,
  dropStage,
  dropStream,
  dropTable,
  dropTask,
  executeTask,
  insertInto,
  int,
  listStage,
  selectFromStage,
  selectFromStream,
  ServerError,
  sql,
  streamStatus,
  string,
  table,
  variant,
  type CreateStageBuilder,
  type DatabendClient,
} from '../../src/index.js';
import { DatabendDialect, variantPath } from '../../src/kysely/index.js';
import { attempt, built } from '../support/built.js';
import { fileFormatNameRule, objectNameRule } from '../support/name-rules.js';
import { KEYWORDS, NOT_A_BARE_COLUMN } from '../../src/grammar/keywords.js';
import { RESERVED_WORDS } from '../../src/grammar/reserved-words.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';

const SETUP_TIMEOUT_MS = 300_000;
const SWEEP_TIMEOUT_MS = 600_000;

let engine: TestDatabase;
let client: DatabendClient;
let root: string;
let stage: CreateStageBuilder;

const words = [...KEYWORDS];

/**
 * The keywords found to break a statement when bare (syntax errors, or another meaning): every one of them in each
 * name sweep, with a hundred others drawn afresh each run. Eleven statements a word take ~10 ms each; the whole list
 * every run would add a minute for names that quoting treats alike. The draw's seed is printed and named in every
 * failure; KEYWORD_SEED=<seed> replays it.
 */
const HARD_WORDS = [...new Set([...NOT_A_BARE_COLUMN, 'if', 'table', 'top'])];
const SEED = Number(process.env.KEYWORD_SEED ?? Date.now() % 2 ** 31);
const drawn = fc.sample(
  fc.shuffledSubarray(
    words.filter((w) => !HARD_WORDS.includes(w)),
    { minLength: 100, maxLength: 100 },
  ),
  { seed: SEED, numRuns: 1 },
)[0]!;
const sweepWords = [...HARD_WORDS, ...drawn];
const seedNote = `keywords drawn with KEYWORD_SEED=${SEED}`;
const CANARY = 'kw_canary';

beforeAll(async () => {
  engine = await openTestDatabase('keywords');
  client = createClient({ dsn: engine.dsn });
  root = await mkdtemp(join(tmpdir(), 'keywords-test-'));
  stage = createStage('kw_stage').url(`fs://${root}/`);
  await client.execute(stage);
  await client.execute(`CREATE TABLE ${CANARY} (note STRING)`);
  console.log(`${seedNote}: ${HARD_WORDS.length} found to misparse bare, and ${drawn.join(', ')}`);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
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

/** Runs a statement and notes it in `unexpected` unless it ends with `code` (0: success), so one run lists them all. */
async function expectCode(unexpected: string[], word: string, what: string, run: () => Promise<unknown>, code: number): Promise<void> {
  const got = await outcome(run());
  if (got !== code) unexpected.push(`${word}: ${what} gave ${got}, expected ${code}`);
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

  it(
    'every keyword, lower and upper case, is a column that COPY, a typed stage query, INSERT ... SELECT and Kysely read as the file holds it',
    async () => {
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
      // Nine statements over a table of every keyword twice (about 1,900 columns): seconds each on a busy machine.
    },
    SETUP_TIMEOUT_MS,
  );

  it(
    'a keyword is a CLUSTER BY column unless the engine would read it back as something else: the SDK refuses exactly those',
    async () => {
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
      // The SDK must refuse exactly those.
      for (const word of words) {
        built(
          attempt(() => table('kw_cluster', { [word]: int(), b: int() }, { clusterBy: [word] })),
          misread.includes(word)
            ? `table('kw_cluster'): CLUSTER BY column '${word}': Databend stores cluster keys unquoted and would read '${word}' back as a keyword, not the column`
            : undefined,
        );
      }
      // Clustered by hand, a refused key is shown bare and breaks every write (1001), or, for the functions called
      // without parentheses and the constants, takes writes and clusters by the clock or a constant; an accepted key
      // takes a write.
      const constants = ['current_date', 'current_time', 'current_timestamp', 'true', 'false', 'null'];
      for (const word of sweepWords) {
        const clustered = misread.includes(word)
          ? `CREATE OR REPLACE TABLE kw_cluster (${quoted(word)} INT, b INT) CLUSTER BY (${quoted(word)})`
          : createTable(table('kw_cluster', { [word]: int(), b: int() }, { clusterBy: [word] })).orReplace();
        await client.execute(clustered);
        const written = await outcome(client.execute('INSERT INTO kw_cluster VALUES (1, 2)'));
        if (misread.includes(word)) {
          const [shown] = await client.query<{ cluster_by: string }>(
            `SELECT cluster_by FROM system.tables WHERE database = '${engine.database}' AND name = 'kw_cluster'`,
          );
          expect([word, shown?.cluster_by]).toEqual([word, `(${word})`]);
          expect([word, written], seedNote).toEqual([word, constants.includes(word) ? 0 : 1001]);
        } else {
          expect([word, written], seedNote).toEqual([word, 0]);
        }
      }
      await client.execute(dropTable('kw_cluster'));
    },
    SWEEP_TIMEOUT_MS,
  );

  it(
    'keywords are table, stream and task names the engine parses as given (tables created and dropped; streams 1402, tasks 1702, never 1005), task names bare or refused where bare is 1005',
    async () => {
      const body = insertInto(table(CANARY, { note: int() })).fromStream('kw_stream');
      const unexpected: string[] = [];
      for (const word of sweepWords) {
        const named = table(word, { [word]: int() });
        await expectCode(unexpected, word, 'CREATE TABLE', () => client.execute(createTable(named)), 0);
        await expectCode(unexpected, word, 'INSERT ... SELECT', () => client.execute(insertInto(named).fromTable(named).columns([word])), 0);
        await expectCode(unexpected, word, 'DROP TABLE', () => client.execute(dropTable(named)), 0);
        await expectCode(unexpected, word, 'CREATE STREAM', () => client.execute(createStream(word).onTable(CANARY)), 1402);
        await expectCode(unexpected, word, 'CREATE STREAM ON TABLE', () => client.execute(createStream('kw_stream').onTable(word)), 1402);
        await expectCode(unexpected, word, 'DROP STREAM', () => client.execute(dropStream(word)), 1402);
        // No stream exists to read: the name is looked up (1025) after the statement parsed.
        await expectCode(unexpected, word, 'SELECT FROM stream', () => client.query(selectFromStream(word).consume()), 1025);
        // Task names are rendered bare (the engine keeps a quoted one with its quotes): the reserved words and `if`
        // are refused, and written by hand they are a syntax error; every other keyword reaches the cloud check.
        const taskRule = objectNameRule(word, 'task name');
        const created = built(
          attempt(() => createTask(word).after('kw_parent').when(streamStatus(word)).as(body)),
          taskRule && `createTask(): ${taskRule}`,
        );
        if (created === undefined) {
          await expectCode(unexpected, word, 'CREATE TASK by hand', () => client.execute(`CREATE TASK ${word} AFTER 'kw_parent' AS SELECT 1`), 1005);
          continue;
        }
        await expectCode(unexpected, word, 'CREATE TASK', () => client.execute(created), 1702);
        await expectCode(unexpected, word, 'ALTER TASK', () => client.execute(alterTask(word).suspend()), 1702);
        await expectCode(unexpected, word, 'EXECUTE TASK', () => client.execute(executeTask(word)), 1702);
        await expectCode(unexpected, word, 'DROP TASK', () => client.execute(dropTask(word)), 1702);
      }
      expect(unexpected, seedNote).toEqual([]);
      const tables = await client.query<{ name: string }>(`SELECT name FROM system.tables WHERE database = '${engine.database}'`);
      expect(tables.map((t) => t.name).filter((name) => sweepWords.includes(name))).toEqual([]);
    },
    SWEEP_TIMEOUT_MS,
  );

  it(
    'every keyword as a task setting name reaches the engine (1702), or is refused before SQL exactly where the engine finds a syntax error',
    async () => {
      const statements = {
        CREATE: {
          call: "createTask('kw_task').settings()",
          build: (word: string) =>
            createTask('kw_task')
              .settings({ [word]: 1 })
              .as(insertInto(table(CANARY, { note: int() })).fromStream('kw_stream')),
          byHand: (word: string) => `CREATE TASK kw_task ${word} = 1 AS SELECT 1`,
        },
        ALTER: {
          call: "alterTask('kw_task').set()",
          build: (word: string) => alterTask('kw_task').set({ settings: { [word]: 'x' } }),
          byHand: (word: string) => `ALTER TASK kw_task SET ${word} = 'x'`,
        },
      };
      // Refused: the reserved words, and AFTER in CREATE TASK.
      const ruleFor = (word: string, statement: string) =>
        RESERVED_WORDS.has(word)
          ? `setting name '${word}' is a reserved keyword`
          : statement === 'CREATE' && word === 'after'
            ? "setting name 'after' would start the AFTER clause of CREATE TASK"
            : undefined;
      for (const [statement, { call, build, byHand }] of Object.entries(statements)) {
        // The statement written by hand parses with an ordinary setting: only the word can make it a syntax error.
        expect([statement, await outcome(client.execute(byHand('timezone')))]).toEqual([statement, 1702]);
        const unexpected: string[] = [];
        for (const word of words) {
          const rule = ruleFor(word, statement);
          const made = built(
            attempt(() => build(word)),
            rule && `${call}: ${rule}`,
          );
          // Written by hand, each refused word is a syntax error there; the SDK's statement for any other gets to 1702.
          const got = await outcome(client.execute(made ?? byHand(word)));
          if (got !== (made === undefined ? 1005 : 1702))
            unexpected.push(`${word}: ${statement} ${made === undefined ? 'by hand' : 'from the SDK'} gave ${got}`);
        }
        expect(unexpected).toEqual([]);
      }
    },
    SWEEP_TIMEOUT_MS,
  );

  it(
    'every keyword as a table option name reaches the engine (never 1005), or is refused before SQL when CREATE TABLE reads it as its own',
    async () => {
      // Refused: the reserved words, CLUSTER and ENGINE.
      const ruleFor = (word: string) =>
        RESERVED_WORDS.has(word) || word === 'cluster' || word === 'engine'
          ? `table('kw_options'): table option '${word}' is a reserved keyword (or CLUSTER, ENGINE), which CREATE TABLE reads as its own`
          : undefined;
      // Written by hand, an ordinary unknown option in the place of a refused word is not a syntax error.
      expect(await outcome(client.execute('CREATE OR REPLACE TABLE kw_options (a INT) no_such_option = 1'))).toBe(1301);
      const codes = new Map<number, number>();
      for (const word of words) {
        const declared = built(
          attempt(() => table('kw_options', { a: int() }, { engineOptions: { [word]: 1 } })),
          ruleFor(word),
        );
        if (declared === undefined) {
          // Each refused word, written by hand, is a syntax error.
          expect([word, await outcome(client.execute(`CREATE OR REPLACE TABLE kw_options (a INT) ${word} = 1`))]).toEqual([word, 1005]);
          continue;
        }
        // Most are 1301 (not an option of CREATE TABLE); a few are taken or refused otherwise; none is a syntax error.
        const got = await outcome(client.execute(createTable(declared).orReplace()));
        expect([word, got]).not.toEqual([word, 1005]);
        codes.set(got, (codes.get(got) ?? 0) + 1);
      }
      expect(codes.get(1301)).toBeGreaterThan(400);
      await client.execute('DROP TABLE IF EXISTS kw_options');
    },
    SWEEP_TIMEOUT_MS,
  );

  it(
    'keywords as stage, connection and file format names work in every statement that names one, or are refused (reserved words, if)',
    async () => {
      await writeFile(join(root, 'one.csv'), 'x\n');
      const loaded = table('kw_loaded', { v: string() });
      await client.execute(createTable(loaded));
      const fromFirstField = { v: sql`$1` };
      const unexpected: string[] = [];
      const refused: string[] = [];
      for (const word of sweepWords) {
        // Refused: reserved words and `if` for all three, and the format type names for a file format.
        const stageRule = objectNameRule(word, 'stage name');
        const connectionRule = objectNameRule(word, 'connection name');
        const namedStage = built(
          attempt(() => createStage(word).url(`fs://${root}/`)),
          stageRule && `createStage('${word}'): ${stageRule}`,
        );
        const format = built(
          attempt(() => createFileFormat(word, { type: 'CSV' })),
          fileFormatNameRule(word) && `createFileFormat('${word}'): ${fileFormatNameRule(word)}`,
        );
        const connection = built(
          attempt(() => createConnection(word).s3({})),
          connectionRule && `createConnection('${word}'): ${connectionRule}`,
        );
        if (namedStage === undefined || format === undefined || connection === undefined) {
          refused.push(word);
          continue;
        }
        await expectCode(unexpected, word, 'CREATE STAGE', () => client.execute(namedStage), 0);
        await expectCode(unexpected, word, 'CREATE FILE FORMAT', () => client.execute(format), 0);
        await expectCode(unexpected, word, 'CREATE CONNECTION', () => client.execute(connection), 0);
        await expectCode(unexpected, word, 'LIST', async () => expect((await client.list(listStage(namedStage))).map((f) => f.name)).toContain('one.csv'), 0);
        await expectCode(
          unexpected,
          word,
          'SELECT from the stage with FORMAT_NAME',
          async () =>
            expect(await client.query(selectFromStage(namedStage, 'one.csv').typedAs(loaded, fromFirstField).fileFormat({ formatName: word }))).toEqual([
              { v: 'x' },
            ]),
          0,
        );
        await expectCode(
          unexpected,
          word,
          'COPY from the stage with FORMAT_NAME',
          async () =>
            expect(
              (await client.copy(copyInto(loaded).fromStage(namedStage, 'one.csv').map(fromFirstField).fileFormat({ formatName: word }).force())).map(
                (f) => f.rowsLoaded,
              ),
            ).toEqual([1]),
          0,
        );
        await expectCode(
          unexpected,
          word,
          'CREATE STAGE with CONNECTION_NAME',
          () => client.execute(createStage('kw_s3').orReplace().url('s3://bucket/path/').connection(word)),
          0,
        );
        await expectCode(unexpected, word, 'DROP CONNECTION', () => client.execute(dropConnection(word)), 0);
        await expectCode(unexpected, word, 'DROP FILE FORMAT', () => client.execute(dropFileFormat(word)), 0);
        await expectCode(unexpected, word, 'DROP STAGE', () => client.execute(dropStage(word)), 0);
      }
      expect(unexpected, seedNote).toEqual([]);
      expect(await client.query(sql`SELECT COUNT(*)::INT AS n FROM kw_loaded`)).toEqual([{ n: sweepWords.length - refused.length }]);
      await client.execute(dropTable(loaded));
      await client.execute(dropStage('kw_s3'));
    },
    SWEEP_TIMEOUT_MS,
  );

  it('every keyword, lower and upper case, is a VARIANT path key variantPath reads back', async () => {
    const keys = [...words, ...words.map((w) => w.toUpperCase())];
    const doc = Object.fromEntries(keys.map((k, i) => [k, i]));
    const docs = table('kw_docs', { id: int(), doc: variant() });
    await client.execute(createTable(docs));
    const db = new Kysely<{ kw_docs: { id: number; doc: unknown } }>({ dialect: new DatabendDialect({ client, tables: [docs] }) });
    await db.insertInto('kw_docs').values({ id: 1, doc }).execute();
    const [row] = await db
      .selectFrom('kw_docs')
      .select(keys.map((k, i) => variantPath('doc', [k]).as(`k${i}`)))
      .execute();
    expect(row).toEqual(Object.fromEntries(keys.map((_, i) => [`k${i}`, i])));
    await client.execute(dropTable(docs));
  });
});
