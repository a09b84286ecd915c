// Staged Parquet columns whose names differ only in case, inside count() and in a subset of a declared table's
// columns (test/engine/staged-queries.test.ts has the whole-table case).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyInto, createClient, createStage, createTable, dropTable, int, selectFromStage, staged, table, type DatabendClient } from '../../src/index.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';

const STAGE = 'sc_case_files';
let engine: TestDatabase;
let client: DatabendClient;

beforeAll(async () => {
  engine = await openTestDatabase('staged_case');
  client = createClient({ dsn: engine.dsn });
  await client.execute(createStage(STAGE));
  await client.execute(`COPY INTO @${STAGE}/both/ FROM (SELECT 1::INT AS "b", NULL::INT AS "B", 3::INT AS c) FILE_FORMAT = (TYPE = 'PARQUET') SINGLE = TRUE`);
}, 300_000);

afterAll(async () => {
  await client?.close();
  await engine?.release();
});

describe('Parquet columns differing only in case', () => {
  it('count() of each reads its own column', async () => {
    const counts = selectFromStage(STAGE, 'both/')
      .fileFormat('PARQUET')
      .select(staged.count(staged.column('b')).as('nb'), staged.count(staged.column('B')).as('n_upper'));
    expect(await client.query(counts)).toEqual([{ nb: 1n, n_upper: 0n }]);
  }, 60_000);

  it('a COPY of a subset of a table declaring both loads the one asked for', async () => {
    const pair = table('sc_case_pair', { b: int(), B: int(), c: int() });
    await client.execute(createTable(pair));
    try {
      const load = copyInto(pair).fromStage(STAGE, 'both/').fileFormat({ type: 'PARQUET' }).columns(['b', 'c']);
      expect((await client.copy(load)).map((f) => f.rowsLoaded)).toEqual([1]);
      expect(await client.query('SELECT * FROM sc_case_pair')).toEqual([{ b: 1, B: null, c: 3 }]);
    } finally {
      await client.execute(dropTable(pair));
    }
  }, 60_000);
});
