// A table alias on staged files (COPY's transform, stage SELECTs) and a format type in lower case, on the engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyInto, createClient, createStage, createTable, int, selectFromStage, sql, string, table, type DatabendClient } from '../../src/index.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';

const SETUP_TIMEOUT_MS = 300_000;
const people = table('people', { id: int(), name: string(), next_id: int() });

let engine: TestDatabase;
let client: DatabendClient;

beforeAll(async () => {
  engine = await openTestDatabase('stage_alias');
  client = createClient({ dsn: engine.dsn });
  await client.execute(createStage('alias_stage'));
  await client.execute(
    "COPY INTO @alias_stage/pq/ FROM (SELECT number::INT AS id, concat('n', number::STRING) AS name FROM numbers(3)) FILE_FORMAT = (TYPE = 'PARQUET') SINGLE = TRUE",
  );
  await client.execute(createTable(people));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
});

describe('alias()', () => {
  it('qualifies the staged columns of a COPY transform', async () => {
    const copy = copyInto(people)
      .fromStage('alias_stage', 'pq/')
      .alias('t')
      .map({ id: sql`t.id`, name: sql`upper(t.name)`, next_id: sql`t.id + 1` })
      .fileFormat({ type: 'PARQUET' });
    const files = await client.copy(copy);
    expect(files.map((f) => f.rowsLoaded)).toEqual([3]);
    expect(await client.query(sql`SELECT id, name, next_id FROM people ORDER BY id`)).toEqual([
      { id: 0, name: 'N0', next_id: 1 },
      { id: 1, name: 'N1', next_id: 2 },
      { id: 2, name: 'N2', next_id: 3 },
    ]);
  });

  it('names the files of a stage SELECT, with a format type in lower case', async () => {
    const rows = await client.query(selectFromStage('alias_stage', 'pq/').fileFormat('parquet').alias('t').where(sql`t.id > ${0}`));
    expect(rows).toEqual([
      { id: 1, name: 'n1' },
      { id: 2, name: 'n2' },
    ]);
  });
});
