// DML, table maintenance, scripts and statements written as SQL, on the engine: each runs and its effect is read
// back. As task bodies they are sent in CREATE TASK, which the open-source engine refuses for want of Databend Cloud
// (1702) only after parsing the body (a syntax error would be 1005); each body is also run on its own. Stream reads
// with joins, ORDER BY and a consuming CTE fail on the missing stream (1025: streams need a licence), never on syntax,
// and run over a table in the stream's place.
import { DummyDriver, Kysely, type Dialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bigint,
  createClient,
  createTable,
  createTask,
  deleteFrom,
  double,
  executeImmediate,
  insertInto,
  mergeInto,
  optimizeTable,
  pipeline,
  script,
  selectFromStream,
  sql,
  statement,
  string,
  table,
  timestamp,
  truncateTable,
  update,
  variant,
  type Compilable,
  type DatabendClient,
} from '../../src/index.js';
import { DatabendAdapter, DatabendIntrospector, DatabendQueryCompiler, type KyselyDatabase } from '../../src/kysely/index.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';
import { serverError } from '../support/server-error.js';

const SETUP_TIMEOUT_MS = 300_000;
const QUERY_TIMEOUT_MS = 60_000;
const DATABASE = 'dml';
const STREAM = 'readings_stream';

const readings = table('readings', { device: string().notNull(), v: double(), status: string(), at: timestamp(), doc: variant() });
const rollup = table('device_rollup', { device: string().notNull(), n: bigint() });
const devices = table('devices', { id: string().notNull(), site: string() });

const tables = [readings, rollup, devices] as const;
const dialect: Dialect = {
  createAdapter: () => new DatabendAdapter(),
  createDriver: () => new DummyDriver(),
  createQueryCompiler: () => new DatabendQueryCompiler({ tables }),
  createIntrospector: (kysely) => new DatabendIntrospector(kysely),
};
// Compile only: the compiled queries are sent by the SDK's client.
const db = new Kysely<KyselyDatabase<typeof tables>>({ dialect });

let engine: TestDatabase;
let client: DatabendClient;

const SEED = [
  { device: 'a', v: 1 },
  { device: 'b', v: 2 },
  { device: 'a', v: 3 },
  { device: 'c', v: -1 },
];

async function seed(): Promise<void> {
  await client.execute(truncateTable(readings));
  await client.execute(`INSERT INTO readings (device, v) VALUES ${SEED.map((r) => `('${r.device}', ${r.v})`).join(', ')}`);
}

beforeAll(async () => {
  engine = await openTestDatabase(DATABASE);
  client = createClient({ dsn: engine.dsn });
  for (const t of tables) await client.execute(createTable(t));
  await client.execute("INSERT INTO devices VALUES ('a', 'north'), ('b', 'south'), ('c', 'north')");
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
});

const count = async (where = 'TRUE') => (await client.query<{ n: number }>(`SELECT COUNT(*)::INT AS n FROM readings WHERE ${where}`))[0]!.n;
const rollupRows = () => client.query<{ device: string; n: number }>('SELECT device, n FROM device_rollup ORDER BY device');

describe('DML statements run and change the rows', { timeout: QUERY_TIMEOUT_MS }, () => {
  beforeAll(seed);

  it('UPDATE writes typed values (escaped strings, timestamps, VARIANT) and sql`` expressions', async () => {
    const hostile = "it's \\ a \n 'test' \u00e9\u{1F600}";
    const at = new Date('2024-08-16T10:00:00.123Z');
    const stmt = update(readings)
      .set({ status: hostile, at, doc: { k: [1, 'x'] }, v: sql`v * 10` })
      .where(sql`device = ${'a'}`);
    expect((await client.execute(stmt)).rowsAffected).toBe(2);
    const rows = await client.query<{ status: string; at: Date; doc: unknown; v: number }>(
      sql`SELECT "status", "at", doc, v FROM readings WHERE device = ${'a'} ORDER BY v`,
    );
    expect(rows).toEqual([
      { status: hostile, at, doc: { k: [1, 'x'] }, v: 10 },
      { status: hostile, at, doc: { k: [1, 'x'] }, v: 30 },
    ]);
  });

  it('DELETE removes the rows WHERE picks', async () => {
    await client.execute(deleteFrom(readings).where(sql`v < ${0}`));
    expect(await count()).toBe(3);
  });

  it('INSERT ... SELECT ... GROUP BY rolls a table up (the rollup task body, over a table)', async () => {
    const rollupInsert = insertInto(rollup).fromTable(readings).map({ n: sql`count(*)` }).groupBy(sql`device`);
    expect((await client.execute(rollupInsert)).rowsAffected).toBe(2);
    expect(await rollupRows()).toEqual([
      { device: 'a', n: 2 },
      { device: 'b', n: 1 },
    ]);
  });

  it('INSERT ... SELECT of a query: a grouped CTE read, an sql`` SELECT, a Kysely-compiled SELECT', async () => {
    const grouped = selectFromStream('readings').asCte('fresh').select({ device: 'device', n: sql`count(*)` }).groupBy(sql`device`);
    await client.execute(insertInto(rollup).select(grouped).overwrite());
    expect(await rollupRows()).toEqual([
      { device: 'a', n: 2 },
      { device: 'b', n: 1 },
    ]);
    await client.execute(insertInto(rollup).select(sql`SELECT ${'z'}, ${7}`));
    await client.execute(
      insertInto(rollup)
        .select(db.selectFrom('readings').select(['device']).where('device', '=', 'b').compile())
        .columns(['device']),
    );
    expect(await rollupRows()).toEqual([
      { device: 'a', n: 2 },
      { device: 'b', n: 1 },
      { device: 'b', n: null },
      { device: 'z', n: 7 },
    ]);
    await client.execute(insertInto(rollup).fromTable(readings).map({ n: sql`count(*)` }).groupBy(sql`device`).overwrite());
  });

  it('INSERT ... VALUES writes typed rows and sql`` expressions; OVERWRITE replaces the rows', async () => {
    const hostile = "it's \\ a \n 'test'";
    await client.execute(
      insertInto(rollup)
        .values([
          { device: hostile, n: 5 },
          { device: 'y', n: sql`2 + 3` },
          { device: 'x', n: null },
        ])
        .overwrite(),
    );
    await client.execute(insertInto(rollup).values([{ device: 'w' }]));
    expect(await rollupRows()).toEqual([
      { device: hostile, n: 5 },
      { device: 'w', n: null },
      { device: 'x', n: null },
      { device: 'y', n: 5 },
    ]);
    await client.execute(insertInto(rollup).fromTable(readings).map({ n: sql`count(*)` }).groupBy(sql`device`).overwrite());
  });

  it("a read of two CTEs joined (the guide's incremental join of two streams, over tables here)", async () => {
    const read = selectFromStream('readings')
      .columns(['device', 'v'])
      .asCte('r_delta')
      .as('r')
      .joinCte('d_delta', selectFromStream('devices').columns(['id', 'site']), sql`r.device = d.id`, { alias: 'd' })
      .select({ site: sql`d.site`, total: sql`SUM(r.v)` })
      .groupBy(sql`d.site`)
      .orderBy(sql`d.site`);
    const rows = await client.query<{ site: string; total: number }>(read);
    expect(rows.map((r) => r.site)).toEqual(['north', 'south']);
  });

  it('MERGE INTO updates matched rows, deletes by condition and inserts the rest', async () => {
    await client.execute("INSERT INTO readings (device, v) VALUES ('d', 7)");
    const source = selectFromStream('readings').select({ device: 'device', n: sql`count(*)` }).groupBy(sql`device`);
    const merge = mergeInto(rollup)
      .using(source, 's')
      .on(sql`device_rollup.device = s.device`)
      .whenMatchedThenDelete(sql`s.device = ${'b'}`)
      .whenMatchedThenUpdate({ n: sql`device_rollup.n + s.n` })
      .whenNotMatchedThenInsert({ device: sql`s.device`, n: sql`s.n * 100` });
    await client.execute(merge);
    expect(await rollupRows()).toEqual([
      { device: 'a', n: 4 },
      { device: 'd', n: 100 },
    ]);
  });

  it('MERGE INTO reads a table, UPDATE * and INSERT *, and typed literals', async () => {
    await client.execute(sql`CREATE OR REPLACE TABLE staged_rollup (device STRING NOT NULL, n BIGINT)`);
    await client.execute(sql`INSERT INTO staged_rollup VALUES ('a', 1), ('e', 5)`);
    await client.execute(
      mergeInto(rollup).using('staged_rollup').on(sql`device_rollup.device = staged_rollup.device`).whenMatchedThenUpdateAll().whenNotMatchedThenInsertAll(),
    );
    expect(await rollupRows()).toEqual([
      { device: 'a', n: 1 },
      { device: 'd', n: 100 },
      { device: 'e', n: 5 },
    ]);
    await client.execute(mergeInto(rollup).using('staged_rollup', 'st').on(sql`device_rollup.device = st.device`).whenMatchedThenUpdate({ n: 42 }));
    expect((await rollupRows()).map((r) => r.n)).toEqual([42, 100, 42]);
  });

  it('MERGE INTO reads a query compiled by the Kysely dialect, its values inlined', async () => {
    const source = db.selectFrom('readings').select(['device']).where('device', '=', "d'x").compile();
    await client.execute(mergeInto(rollup).using(source, 'k').on(sql`device_rollup.device = k.device`).whenMatchedThenDelete());
    expect((await rollupRows()).map((r) => r.device)).toEqual(['a', 'd', 'e']);
  });

  it('TRUNCATE TABLE empties the table', async () => {
    await client.execute(truncateTable(rollup));
    expect(await rollupRows()).toEqual([]);
  });

  it('OPTIMIZE TABLE runs each action, and keeps the rows', async () => {
    for (const stmt of [
      optimizeTable(readings).compact(),
      optimizeTable(readings).compact({ segment: true }),
      optimizeTable(readings).compact().limit(10),
      optimizeTable(readings).purge(),
      optimizeTable(readings).purge({ timestamp: sql`now()` }),
      optimizeTable(readings).purge({ timestamp: new Date() }),
      optimizeTable(readings).all(),
    ])
      await client.execute(stmt);
    expect(await count()).toBe(4);
  });

  it('OPTIMIZE TABLE ... PURGE BEFORE a snapshot keeps that snapshot', async () => {
    await client.execute("INSERT INTO readings (device, v) VALUES ('f', 1)");
    const [snapshot] = await client.query<{ snapshot_id: string }>(`SELECT snapshot_id FROM FUSE_SNAPSHOT('${DATABASE}', 'readings') LIMIT 1`);
    await client.execute(optimizeTable(readings).purge({ snapshot: snapshot!.snapshot_id }));
    expect(await count()).toBe(5);
  });

  it('EXECUTE IMMEDIATE runs a script block of built statements and sql`` fragments', async () => {
    const run = executeImmediate(
      script([deleteFrom(readings).where(sql`device = ${'f'}`), sql`INSERT INTO device_rollup VALUES (${"g'h"}, 7)`, update(rollup).set({ n: sql`n + 1` })]),
    );
    await client.execute(run);
    expect(await count(`device = 'f'`)).toBe(0);
    expect(await rollupRows()).toEqual([{ device: "g'h", n: 8 }]);
  });

  it('EXECUTE IMMEDIATE runs script text with variables and returns its result', async () => {
    const rows = await client.query<{ Result: string }>(executeImmediate(sql`BEGIN LET x := ${"a'b"}; RETURN x; END;`));
    expect(rows).toEqual([{ Result: "a'b" }]);
  });

  it('statement() runs an sql`` fragment and a query compiled by the Kysely dialect', async () => {
    await client.execute(statement(sql`DELETE FROM device_rollup WHERE device = ${"g'h"}`));
    expect(await rollupRows()).toEqual([]);
    await client.execute(statement(db.insertInto('device_rollup').values({ device: 'k', n: 3 }).compile()));
    expect(await rollupRows()).toEqual([{ device: 'k', n: 3 }]);
  });

  it('a pipeline runs fragments and compiled queries as steps', async () => {
    const plan = pipeline('dml', [
      { title: 'empty the rollup', statement: truncateTable(rollup) },
      { title: 'roll up', statement: sql`INSERT INTO device_rollup SELECT device, count(*) FROM readings GROUP BY device` },
      { title: 'drop one', statement: db.deleteFrom('device_rollup').where('device', '=', 'd').compile() },
    ]);
    const outcomes = await runPipeline(client, plan);
    expect(outcomes.map((o) => o.status)).toEqual(['done', 'done', 'done']);
    expect(await rollupRows()).toEqual([
      { device: 'a', n: 2 },
      { device: 'b', n: 1 },
    ]);
  });
});

// The rollup task of the guide's pattern, over a stream: `INSERT INTO rollup SELECT device, count(*) FROM stream GROUP BY device`.
const rollupFromStream = () => insertInto(rollup).fromStream(STREAM).map({ n: sql`count(*)` }).groupBy(sql`device`);

const BODIES: readonly (readonly [string, () => Parameters<ReturnType<typeof createTask>['as']>[0]])[] = [
  ['INSERT ... SELECT ... GROUP BY from a stream', rollupFromStream],
  [
    'INSERT ... a consuming-free CTE over a stream',
    () => insertInto(rollup).select(selectFromStream(STREAM).asCte('fresh').select({ device: 'device', n: sql`count(*)` }).groupBy(sql`device`)),
  ],
  ['UPDATE', () => update(readings).set({ status: 'checked', v: 0 }).where(sql`v IS NULL`)],
  ['DELETE', () => deleteFrom(readings).where(sql`v < 0`)],
  ['MERGE INTO', () => mergeInto(rollup).using(readings).on(sql`device_rollup.device = readings.device`).whenMatchedThenDelete()],
  ['TRUNCATE TABLE', () => truncateTable(rollup)],
  ['OPTIMIZE TABLE', () => optimizeTable(readings).compact({ segment: true }).limit(5)],
  ['an sql`` fragment', () => sql`INSERT INTO device_rollup SELECT device, count(*) FROM readings GROUP BY device`],
  ['a Kysely-compiled query', () => db.updateTable('device_rollup').set({ n: 0 }).where('device', '=', 'a').compile()],
  ['a script block', () => script([truncateTable(rollup), rollupFromStream()])],
  ['several statements (BEGIN ... END)', () => [truncateTable(rollup), optimizeTable(rollup).all()]],
  ['EXECUTE IMMEDIATE', () => executeImmediate(script([truncateTable(rollup)]))],
];

describe('task bodies of every kind are parsed: CREATE TASK fails for want of Databend Cloud (1702)', { timeout: QUERY_TIMEOUT_MS }, () => {
  it.each(BODIES)('%s', async (_, body) => {
    const error = await serverError(client.execute(createTask('dml_task').warehouse('default').schedule({ minutes: 5 }).as(body())));
    expect([error.serverCode, error.serverMessage]).toEqual([1702, expect.stringMatching(/^cannot create task without cloud control enabled/)]);
  });

  it('a syntax error in a body is 1005, so the bodies above were parsed', async () => {
    const error = await serverError(client.execute(createTask('dml_task').as(sql`UPDAT readings SET v = 1`)));
    expect(error.serverCode).toBe(1005);
  });

  it('a script block inside a BEGIN ... END body is 1005 (BEGIN starts a transaction there): the SDK refuses one', async () => {
    const error = await serverError(client.execute('CREATE TASK dml_task AS BEGIN BEGIN SELECT 1; END; END'));
    expect(error.serverCode).toBe(1005);
    expect(() => createTask('dml_task').as([script([sql`SELECT 1`]), sql`SELECT 2`])).toThrow('a BEGIN ... END block cannot hold another');
  });
});

describe('task bodies run on their own', { timeout: QUERY_TIMEOUT_MS }, () => {
  it.each(BODIES.filter(([title]) => !title.includes('stream') && title !== 'a script block' && !title.startsWith('several')))('%s', async (_, body) => {
    const built = body();
    // The client takes built statements and fragments; a compiled query goes through statement().
    await client.execute(typeof (built as Compilable).toNode === 'function' || !('parameters' in built) ? (built as Compilable) : statement(built));
  });

  it('the script bodies run inside EXECUTE IMMEDIATE; a bare BEGIN is a transaction (1005)', async () => {
    await client.execute(executeImmediate(script([truncateTable(rollup), optimizeTable(rollup).all()])));
    expect((await serverError(client.execute(script([truncateTable(rollup)])))).serverCode).toBe(1005);
  });

  it('the rollup body over the missing stream fails on the stream (1025), not the syntax', async () => {
    const error = await serverError(client.execute(rollupFromStream()));
    expect(error.serverCode).toBe(1025);
    // A one-line statement's message starts with the server's caret (--> SQL:1:15) pointing at the stream.
    expect(error.serverMessage.endsWith(`Unknown table "default"."${DATABASE}".${STREAM} .`)).toBe(true);
  });
});

const streamReads = (source: string) =>
  [
    ['ORDER BY', selectFromStream(source).orderBy(sql`device DESC, v`)],
    [
      'WITH CONSUME AS alias, JOIN, WHERE, ORDER BY',
      selectFromStream(source).consume().as('s').join(devices, sql`s.device = d.id`, { alias: 'd' }).where(sql`d.site = ${'north'}`).orderBy(sql`s.v`),
    ],
    ['LEFT JOIN without consuming', selectFromStream(source).as('s').join('devices', sql`s.device = devices.id`, { kind: 'LEFT' }).orderBy(sql`s.v`)],
    [
      'a consuming CTE, grouped',
      selectFromStream(source).consume().asCte('fresh').select({ device: 'device', n: sql`count(*)` }).groupBy(sql`device`).orderBy(sql`device`),
    ],
    [
      'a CTE without consuming',
      selectFromStream(source).asCte('fresh').select({ device: 'device', n: sql`count(*)` }).groupBy(sql`device`).orderBy(sql`device`),
    ],
  ] as const;

describe('stream reads with joins, ORDER BY and CTEs', { timeout: QUERY_TIMEOUT_MS }, () => {
  beforeAll(seed);

  it.each(streamReads(STREAM))('%s: fails on the missing stream (1025), not on the syntax', async (_, read) => {
    const error = await serverError(client.query(read));
    expect(error.serverCode).toBe(1025);
    // A one-line statement's message starts with the server's caret (--> SQL:1:15) pointing at the stream.
    expect(error.serverMessage.endsWith(`Unknown table "default"."${DATABASE}".${STREAM} .`)).toBe(true);
  });

  const overTable = Object.fromEntries(streamReads('readings'));

  it('over a table in the stream place they read the rows; WITH CONSUME is refused for a table (3902)', async () => {
    expect((await client.query<{ v: number }>(overTable['ORDER BY']!)).map((r) => r.v)).toEqual([-1, 2, 1, 3]);
    expect((await client.query<{ device: string; site: string }>(overTable['LEFT JOIN without consuming']!)).map((r) => [r.device, r.site])).toEqual([
      ['c', 'north'],
      ['a', 'north'],
      ['b', 'south'],
      ['a', 'north'],
    ]);
    // count(*) is a UInt64, read as a bigint.
    expect(await client.query(overTable['a CTE without consuming']!)).toEqual([
      { device: 'a', n: 2n },
      { device: 'b', n: 1n },
      { device: 'c', n: 1n },
    ]);
    for (const title of ['WITH CONSUME AS alias, JOIN, WHERE, ORDER BY', 'a consuming CTE, grouped']) {
      expect((await serverError(client.query(overTable[title]!))).serverCode).toBe(3902);
    }
  });
});
