// Queries over staged files beyond previews, on Parquet and CSV files the engine unloads into an internal stage:
// list_stage() with a projection and ORDER BY, COUNT($n) (named `count($1)` by the engine), and Parquet columns by name
// beside the metadata columns, read and made into a table (CREATE TABLE ... AS). The SQL of each form is pinned by
// test/unit/staged-columns.test.ts.
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  copyInto,
  createClient,
  createStage,
  createTable,
  double,
  dropTable,
  int,
  listStageFiles,
  selectFromStage,
  sql,
  staged,
  table,
  type DatabendClient,
} from '../../src/index.js';
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

describe('COUNT over staged files', () => {
  it(
    'counts the rows of Parquet and CSV files, in a row named count($1) as the engine names it',
    async () => {
      const parquet = selectFromStage(STAGE)
        .fileFormat('PARQUET')
        .pattern('.*[.]parquet')
        .select(staged.count(staged.col(1)));
      const rows = await client.query(parquet);
      expectTypeOf(rows).toEqualTypeOf<{ 'count($1)': bigint }[]>();
      expect(rows).toEqual([{ 'count($1)': 3n }]);
      // The same statement written by hand ends the same way.
      expect(await client.query("SELECT COUNT($1) FROM @sq_files (FILE_FORMAT => 'PARQUET', PATTERN => '.*[.]parquet')")).toEqual(rows);
      const csv = selectFromStage(STAGE, 'csv/')
        .fileFormat('CSV')
        .select(staged.count(staged.col(2)), staged.count(staged.filename).as('n_files'));
      expect(await client.query(csv)).toEqual([{ 'count($2)': 3n, n_files: 3n }]);
    },
    QUERY_TIMEOUT_MS,
  );
});

describe('Parquet columns by name', () => {
  it(
    'reads columns by name beside the metadata columns, the name case kept, and makes a table of them',
    async () => {
      const query = selectFromStage(STAGE, 'pq/').select(
        staged.filename.as('iris_file'),
        staged.fileRowNumber.as('row_index'),
        staged.column('sepal_length').cast(double()),
        staged.column('Species'),
      );
      const rows = await client.query(query);
      expect(rows.map((r) => Object.keys(r))).toEqual(Array(3).fill(['iris_file', 'row_index', 'sepal_length', 'Species']));
      expect(rows.map((r) => [r.row_index, r.sepal_length, r.Species])).toEqual([
        [0n, 1.5, 's0'],
        [1n, 3, 's1'],
        [2n, 4.5, 's2'],
      ]);
      expect(rows[0]?.iris_file).toMatch(/^pq\/.*[.]parquet$/);
      await client.execute(createTable('sq_iris_with_meta').as(query));
      const made = await client.query(sql`SELECT row_index, "Species" FROM sq_iris_with_meta ORDER BY row_index`);
      expect(made.map((r) => [Number(r.row_index), r.Species])).toEqual([
        [0, 's0'],
        [1, 's1'],
        [2, 's2'],
      ]);
      // An unquoted name matches the file's column in any case, named as written; a quoted one must match exactly.
      expect(await client.query(selectFromStage(STAGE, 'pq/').select(staged.column('species')))).toEqual([
        { species: 's0' },
        { species: 's1' },
        { species: 's2' },
      ]);
      await expect(client.query(selectFromStage(STAGE, 'pq/').select(staged.column('SEPAL_LENGTH')))).rejects.toMatchObject({ serverCode: 1065 });
      await expect(client.query(selectFromStage(STAGE, 'pq/').select(staged.column('petal_width')))).rejects.toMatchObject({ serverCode: 1065 });
    },
    QUERY_TIMEOUT_MS,
  );
});

describe('Parquet columns that differ only in case', () => {
  it(
    'are each read from their own column by a typed query, columns() and COPY; a bare name over both is ambiguous',
    async () => {
      await client.execute(`COPY INTO @${STAGE}/case/ FROM (SELECT 1::INT AS "b", 2::INT AS "B", 3::INT AS c) FILE_FORMAT = (TYPE = 'PARQUET') SINGLE = TRUE`);
      const pair = table('sq_case_pair', { b: int(), B: int(), c: int() });
      const file = selectFromStage(STAGE, 'case/').fileFormat('PARQUET');
      expect((await client.query(file.typedAs(pair))).map((r) => Object.entries(r))).toEqual([
        [
          ['b', 1],
          ['B', 2],
          ['c', 3],
        ],
      ]);
      expect(await client.query(file.columns('B', 'b'))).toEqual([{ B: 2, b: 1 }]);
      await client.execute(createTable(pair));
      try {
        expect((await client.copy(copyInto(pair).fromStage(STAGE, 'case/').fileFormat({ type: 'PARQUET' }))).map((f) => f.rowsLoaded)).toEqual([1]);
        expect(await client.query(sql`SELECT * FROM sq_case_pair`)).toEqual([{ b: 1, B: 2, c: 3 }]);
      } finally {
        await client.execute(dropTable(pair));
      }
      // What the quoting avoids: the engine matches a bare name in any case, so here it finds two columns.
      await expect(client.query(`SELECT b FROM @${STAGE}/case/ (FILE_FORMAT => 'PARQUET')`)).rejects.toMatchObject({
        serverCode: 1065,
        serverMessage: expect.stringContaining('ambiguous'),
      });
    },
    QUERY_TIMEOUT_MS,
  );
});
