// Queries over staged files beyond previews, on Parquet and CSV files the engine unloads into an internal stage:
// list_stage() with a projection and ORDER BY. The SQL of each form is pinned by test/unit/staged-columns.test.ts.
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createClient, createStage, listStageFiles, type DatabendClient } from '../../src/index.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';

const SETUP_TIMEOUT_MS = 300_000;
const QUERY_TIMEOUT_MS = 60_000;
const STAGE = 'sq_files';

let engine: TestDatabase;
let client: DatabendClient;

beforeAll(async () => {
  engine = await openTestDatabase('staged_queries');
  client = createClient({ dsn: engine.dsn });
  await client.execute(createStage(STAGE));
  // Three rows as Parquet (columns sepal_length, Species, n) and as CSV, unloaded by the engine itself.
  const rows = 'SELECT (number + 1) * 1.5 AS sepal_length, concat(\'s\', number::STRING) AS "Species", number AS n FROM numbers(3)';
  await client.execute(`COPY INTO @${STAGE}/pq/ FROM (${rows}) FILE_FORMAT = (TYPE = 'PARQUET') SINGLE = TRUE`);
  await client.execute(`COPY INTO @${STAGE}/csv/ FROM (${rows}) FILE_FORMAT = (TYPE = 'CSV') SINGLE = TRUE`);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
});

describe('list_stage() with a projection and ORDER BY', () => {
  it(
    'returns the columns named, in the order asked, typed as the function returns them',
    async () => {
      const names = await client.query(listStageFiles(STAGE).columns('name').orderBy('name', 'DESC'));
      expectTypeOf(names).toEqualTypeOf<{ readonly name: string }[]>();
      expect(names.map((r) => Object.keys(r))).toEqual([['name'], ['name']]);
      expect(names.map((r) => r.name.split('/')[0])).toEqual(['pq', 'csv']);
      const bySize = await client.query(listStageFiles(STAGE).columns('name', 'size').orderBy('size').orderBy('name'));
      expect(bySize).toHaveLength(2);
      expect(typeof bySize[0]?.size).toBe('bigint');
      expect(bySize[0]!.size <= bySize[1]!.size).toBe(true);
    },
    QUERY_TIMEOUT_MS,
  );
});
