// The Kysely dialect's table functions and cast() on the local engine: the rows they make, read back with the types
// the helpers give them, and compiled SELECTs over them unloaded to a stage and read back from the files.
import { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerError } from '../../src/errors.js';
import { copyIntoStage, createClient, createStage, date, decimal, double, sql, string, type DatabendClient } from '../../src/index.js';
import { cast, DatabendDialect, generateSeries, numbers } from '../../src/kysely/index.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';

let engine: TestDatabase;
let client: DatabendClient;
/** No tables of its own: the queries read table functions. */
let db: Kysely<Record<never, never>>;
const stage = createStage('tf_stage');

beforeAll(async () => {
  engine = await openTestDatabase('kysely_table_functions');
  client = createClient({ dsn: engine.dsn });
  db = new Kysely({ dialect: new DatabendDialect({ client }) });
  await client.execute(stage);
});

afterAll(async () => {
  await client?.close();
  await engine?.release();
});

describe('numbers() and generateSeries() as sources', () => {
  it('numbers(n) gives 0 .. n-1, read as bigints as its type says', async () => {
    const rows = await db.selectFrom(numbers(4)).select('number').orderBy('number').execute();
    expect(rows).toEqual([{ number: 0n }, { number: 1n }, { number: 2n }, { number: 3n }]);
    expect(await db.selectFrom(numbers(0)).selectAll().execute()).toEqual([]);
  });

  it('is read by its own name or under an alias, and joins', async () => {
    const own = await db.selectFrom(numbers(2)).select('numbers.number').orderBy('number').execute();
    expect(own).toEqual([{ number: 0n }, { number: 1n }]);
    const pairs = await db
      .selectFrom(numbers(2).as('a'))
      .crossJoin(numbers(3).as('b'))
      .select(['a.number as x', 'b.number as y'])
      .orderBy('x')
      .orderBy('y')
      .execute();
    expect(pairs.map((r) => [r.x, r.y])).toEqual([
      [0n, 0n],
      [0n, 1n],
      [0n, 2n],
      [1n, 0n],
      [1n, 1n],
      [1n, 2n],
    ]);
  });

  it('generateSeries counts up and down by its step, both bounds included, read as numbers', async () => {
    const up = await db
      .selectFrom(generateSeries(1, 9, 4))
      .selectAll()
      .execute();
    expect(up).toEqual([{ generate_series: 1 }, { generate_series: 5 }, { generate_series: 9 }]);
    const down = await db
      .selectFrom(generateSeries(10, 0, -5).as('s'))
      .select('s.generate_series')
      .execute();
    expect(down.map((r) => r.generate_series)).toEqual([10, 5, 0]);
    const byDefault = await db.selectFrom(generateSeries(-2, 2)).selectAll().execute();
    expect(byDefault.map((r) => r.generate_series)).toEqual([-2, -1, 0, 1, 2]);
  });

  it('the engine refuses what the helpers check first: numbers(-1) (2004) and a step of 0 (1006)', async () => {
    const codeOf = (error: unknown) => (error instanceof ServerError ? error.serverCode : error);
    expect(await client.query(sql`SELECT * FROM numbers(-1)`).catch(codeOf)).toBe(2004);
    expect(await client.query(sql`SELECT * FROM generate_series(1, 3, 0)`).catch(codeOf)).toBe(1006);
  });
});

describe('cast()', () => {
  it('casts to the SDK types, read back as their values', async () => {
    const rows = await db
      .selectFrom(numbers(2))
      .select((eb) => [
        eb.ref('number').as('n'),
        cast('number', string()).as('s'),
        cast(eb.val('2022-01-31'), date()).as('d'),
        cast(eb.val('1.25'), decimal(10, 2)).as('m'),
        cast(eb(eb.val(2), '*', eb.val(3)), string()).as('product'),
        cast(eb.val(-1), double()).as('neg'),
      ])
      .orderBy('n')
      .execute();
    expect(rows).toEqual([
      { n: 0n, s: '0', d: new Date('2022-01-31T00:00:00Z'), m: '1.25', product: '6', neg: -1 },
      { n: 1n, s: '1', d: new Date('2022-01-31T00:00:00Z'), m: '1.25', product: '6', neg: -1 },
    ]);
  });
});

describe('compiled SELECTs unloaded to a stage', () => {
  /** The rows of the files under a folder of the stage, in order of `order`. */
  const readFiles = (folder: string, format: string, order: string) =>
    client.query<Record<string, unknown>>(sql`SELECT * FROM ${sql.raw(`@tf_stage/${folder}`)} (FILE_FORMAT => ${format}) ORDER BY ${sql.raw(order)}`);

  it('unloads a SELECT from numbers() with a cast to CSV with a header', async () => {
    const query = db
      .selectFrom(numbers(5))
      .select((eb) => [eb.ref('number').as('user_id'), eb(eb.val('user_'), '||', cast('number', string())).as('user_name')])
      .compile();
    const written = await client.query<{ row_count: number | bigint }>(
      copyIntoStage(stage, 'users/').from(query).fileFormat({ type: 'CSV', outputHeader: true }).detailedOutput(),
    );
    expect(written.reduce((n, f) => n + Number(f.row_count), 0)).toBe(5);
    const back = await client.query<{ c1: string; c2: string }>(sql`SELECT $1 AS c1, $2 AS c2 FROM @tf_stage/users/ (FILE_FORMAT => 'CSV') ORDER BY c2`);
    // The header row, then the values.
    expect(back.map((r) => [r.c1, r.c2])).toEqual([
      ['0', 'user_0'],
      ['1', 'user_1'],
      ['2', 'user_2'],
      ['3', 'user_3'],
      ['4', 'user_4'],
      ['user_id', 'user_name'],
    ]);
  });

  it('unloads generate_series to Parquet', async () => {
    await client.execute(
      copyIntoStage(stage, 'series/')
        .from(db.selectFrom(generateSeries(1, 100)).selectAll().compile())
        .fileFormat({ type: 'PARQUET' }),
    );
    const back = await readFiles('series/', 'PARQUET', 'generate_series');
    expect(back.map((r) => Number(r.generate_series))).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('unloads a UNION ALL of constant rows (DOUBLE values) to NDJSON', async () => {
    const rows = db
      .selectNoFrom((eb) => [eb.val(1).as('order_id'), eb.val(100.5).as('amount'), eb.val('USD').as('currency')])
      .unionAll(db.selectNoFrom((eb) => [eb.val(2).as('order_id'), eb.val(250.5).as('amount'), eb.val('EUR').as('currency')]))
      .compile();
    await client.execute(copyIntoStage(stage, 'orders/').from(rows).fileFormat({ type: 'NDJSON' }));
    const back = await client.query<{ v: string }>(sql`SELECT $1::STRING AS v FROM @tf_stage/orders/ (FILE_FORMAT => 'NDJSON') ORDER BY v`);
    expect(back.map((r) => JSON.parse(r.v))).toEqual([
      { order_id: 1, amount: 100.5, currency: 'USD' },
      { order_id: 2, amount: 250.5, currency: 'EUR' },
    ]);
  });

  it('unloads a window function over numbers() to Parquet', async () => {
    const query = db
      .selectFrom(numbers(3))
      .select((eb) => [
        eb.fn
          .agg<number>('row_number', [])
          .over((ob) => ob.orderBy('number', 'desc'))
          .as('id'),
        eb.ref('number').as('n'),
      ])
      .compile();
    await client.execute(copyIntoStage(stage, 'ranked/').from(query).fileFormat({ type: 'PARQUET' }));
    const back = await readFiles('ranked/', 'PARQUET', 'n');
    expect(back.map((r) => [Number(r.n), Number(r.id)])).toEqual([
      [0, 3],
      [1, 2],
      [2, 1],
    ]);
  });
});
