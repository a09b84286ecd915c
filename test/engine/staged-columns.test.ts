// Staged-file columns without a table ($n, paths into $1, metadata$filename, metadata$file_row_number) and the table
// functions INFER_SCHEMA and list_stage, on real CSV, NDJSON and Parquet files in an fs:// stage: values and types.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  bigint,
  copyInto,
  createClient,
  createStage,
  createTable,
  inferSchema,
  int,
  type JsonValue,
  listStageFiles,
  selectFromStage,
  ServerError,
  sql,
  staged,
  string,
  table,
  variant,
  type DatabendClient,
} from '../../src/index.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';

const SETUP_TIMEOUT_MS = 300_000;

let engine: TestDatabase;
let client: DatabendClient;
let root: string;
const STAGE = 'files';

const CSV = '1,Hello\n2,\n3,"x,y"\n';
const NDJSON = ['{"title":"x","a":{"b":[10,20]},"x y":1}', '{"title":"y","a":{"b":[30]},"x y":2}'].join('\n');

beforeAll(async () => {
  engine = await openTestDatabase('staged_columns');
  client = createClient({ dsn: engine.dsn });
  root = await mkdtemp(join(tmpdir(), 'staged-columns-'));
  await mkdir(join(root, 'csv'));
  await mkdir(join(root, 'json'));
  await writeFile(join(root, 'csv', 'items.csv'), CSV);
  await writeFile(join(root, 'json', 'items.ndjson'), NDJSON);
  await client.execute(createStage(STAGE).url(`fs://${root}/`));
  // A Parquet file of two rows, unloaded by the engine itself.
  await client.execute(
    "COPY INTO @files/pq/ FROM (SELECT number::INT AS id, concat('t', number::STRING) AS title FROM numbers(2)) FILE_FORMAT = (TYPE = 'PARQUET') SINGLE = TRUE",
  );
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('select() over CSV', () => {
  it('reads $n as nullable strings, casts, and the metadata columns as a string and a bigint', async () => {
    const query = selectFromStage(STAGE, 'csv/')
      .fileFormat('CSV')
      .select(staged.col(1).cast(int()).as('id'), staged.col(2), staged.col(2).as('title'), staged.filename, staged.fileRowNumber.as('row_no'));
    expect(query.compile()).toBe(
      "SELECT $1::INT AS id,\n       $2,\n       $2 AS title,\n       metadata$filename,\n       metadata$file_row_number AS row_no\nFROM @files/csv/ (FILE_FORMAT => 'CSV')",
    );
    const rows = await client.query(query);
    expectTypeOf(rows).toEqualTypeOf<{ id: number | null; $2: string | null; title: string | null; metadata$filename: string; row_no: bigint }[]>();
    // An fs:// stage names a CSV file by its full path (a Parquet file by its path in the stage: below).
    const file = `${root}/csv/items.csv`;
    expect(rows).toEqual([
      { id: 1, $2: 'Hello', title: 'Hello', metadata$filename: file, row_no: 0n },
      { id: 2, $2: null, title: null, metadata$filename: file, row_no: 1n },
      { id: 3, $2: 'x,y', title: 'x,y', metadata$filename: file, row_no: 2n },
    ]);
  });

  it("is refused by the engine where the SDK refuses it: '*' beside columns, and a path into a string", async () => {
    expect(() => selectFromStage(STAGE, 'csv/').fileFormat('CSV').select('*', staged.filename)).toThrow(/Parquet and ORC only/);
    expect(() => selectFromStage(STAGE, 'csv/').select(staged.path(1, 'a').as('a')).fileFormat('CSV')).toThrow(/no path/);
    const star = client.query("SELECT *, metadata$filename FROM @files/csv/ (FILE_FORMAT => 'CSV')");
    await expect(star).rejects.toBeInstanceOf(ServerError);
    await expect(star).rejects.toMatchObject({ serverCode: 1065 });
    await expect(client.query("SELECT $1:a AS a FROM @files/csv/ (FILE_FORMAT => 'CSV')")).rejects.toMatchObject({ serverCode: 1065 });
  });
});

describe('select() over NDJSON', () => {
  it('reads $1 as a VARIANT and paths into it, with keys that must be bracketed', async () => {
    const query = selectFromStage(STAGE, 'json/')
      .fileFormat('NDJSON')
      .select(
        staged.col(1).as('doc'),
        staged.path(1, 'title').cast(string()).as('title'),
        staged.path(1, 'a', 'b', 0).as('b0'),
        staged.path(1, 'a', 'b', 1).cast(bigint()).as('b1'),
        staged.path(1, 'x y').cast(int()).as('spaced'),
      )
      .where(sql`$1:title = ${'x'}`);
    expect(query.compile()).toBe(
      "SELECT $1 AS doc,\n       $1:title::STRING AS title,\n       $1:a.b[0] AS b0,\n       $1:a.b[1]::BIGINT AS b1,\n       $1['x y']::INT AS spaced\nFROM @files/json/ (FILE_FORMAT => 'NDJSON')\nWHERE $1:title = 'x'",
    );
    const rows = await client.query(query);
    expectTypeOf(rows).toEqualTypeOf<{ doc: JsonValue; title: string | null; b0: JsonValue; b1: number | null; spaced: number | null }[]>();
    expect(rows).toEqual([{ doc: { title: 'x', a: { b: [10, 20] }, 'x y': 1 }, title: 'x', b0: 10, b1: 20, spaced: 1 }]);
  });

  it("reads a path of one lower-case key without an alias by the engine's name for it, $1:key", async () => {
    const query = selectFromStage(STAGE, 'json/').fileFormat('NDJSON').select(staged.path(1, 'title'), staged.path(1, 'a'));
    expect(query.compile()).toBe("SELECT $1:title,\n       $1:a\nFROM @files/json/ (FILE_FORMAT => 'NDJSON')");
    const rows = await client.query(query);
    expectTypeOf(rows).toEqualTypeOf<{ '$1:title': JsonValue; '$1:a': JsonValue }[]>();
    expect(rows).toEqual([
      { '$1:title': 'x', '$1:a': { b: [10, 20] } },
      { '$1:title': 'y', '$1:a': { b: [30] } },
    ]);
    // Where the engine's name is not the SQL, select() wants .as(): it writes a second key with ':', lower-cases a
    // key, and names a cast path like the path.
    const nameOf = async (text: string) =>
      Object.keys((await client.query<Record<string, unknown>>(`SELECT ${text} FROM @files/json/ (FILE_FORMAT => 'NDJSON') LIMIT 1`))[0] ?? {});
    expect(await nameOf('$1:a.b')).toEqual(['$1:a:b']);
    expect(await nameOf('$1:Title')).toEqual(['$1:title']);
    expect(await nameOf('$1:title::STRING')).toEqual(['$1:title']);
  });

  it('refuses $2, which the engine says does not exist', async () => {
    expect(() => selectFromStage(STAGE, 'json/').fileFormat('NDJSON').select(staged.col(2))).toThrow(/one column, \$1/);
    await expect(client.query("SELECT $2 FROM @files/json/ (FILE_FORMAT => 'NDJSON')")).rejects.toMatchObject({ serverCode: 1065 });
  });
});

describe('select() over Parquet', () => {
  it("takes '*' beside the metadata columns", async () => {
    const query = selectFromStage(STAGE, 'pq/').fileFormat('PARQUET').select('*', staged.filename, staged.fileRowNumber);
    expect(query.compile()).toBe("SELECT *,\n       metadata$filename,\n       metadata$file_row_number\nFROM @files/pq/ (FILE_FORMAT => 'PARQUET')");
    const rows = await client.query(query);
    expectTypeOf(rows[0]!.metadata$filename).toEqualTypeOf<string>();
    expect(rows.map((r) => [r.id, r.title, r.metadata$file_row_number])).toEqual([
      [0, 't0', 0n],
      [1, 't1', 1n],
    ]);
    expect(rows[0]!.metadata$filename).toMatch(/^pq\/.+\.parquet$/);
  });

  it('reads $1 of Parquet as the row, a VARIANT', async () => {
    const rows = await client.query(selectFromStage(STAGE, 'pq/').fileFormat('PARQUET').select(staged.col(1), staged.path(1, 'id').cast(int()).as('id')));
    expectTypeOf(rows).toEqualTypeOf<{ $1: JsonValue; id: number | null }[]>();
    expect(rows.map((r) => r.$1)).toEqual([
      { id: 0, title: 't0' },
      { id: 1, title: 't1' },
    ]);
    expect(rows.map((r) => r.id)).toEqual([0, 1]);
  });
});

describe('staged columns as mapping sources', () => {
  const items = table('staged_items', { id: int().notNull(), title: string(), src: string(), doc: variant() });

  it('loads a COPY from NDJSON paths and the file name, and previews the same mapping', async () => {
    await client.execute(createTable(items));
    const mapping = { id: staged.path(1, 'x y'), title: staged.path(1, 'title'), src: staged.filename, doc: staged.col(1) };
    const copy = copyInto(items).fromStage(STAGE, 'json/').fileFormat({ type: 'NDJSON' }).map(mapping);
    expect(copy.compile()).toBe(
      "COPY INTO staged_items (id, title, src, doc)\nFROM (\n  SELECT $1['x y']::INT,\n         $1:title::STRING,\n         metadata$filename::STRING,\n         $1\n  FROM @files/json/\n)\nFILE_FORMAT = (TYPE = 'NDJSON')",
    );
    await client.copy(copy);
    const loaded = await client.query('SELECT id, title, src FROM staged_items ORDER BY id', { table: items });
    expect(loaded.map((r) => [r.id, r.title, r.src?.endsWith('json/items.ndjson')])).toEqual([
      [1, 'x', true],
      [2, 'y', true],
    ]);
    const preview = await client.query(selectFromStage(STAGE, 'json/').fileFormat('NDJSON').typedAs(items, mapping).limit(1));
    expectTypeOf(preview).toEqualTypeOf<{ id: number; title: string | null; src: string | null; doc: JsonValue | null }[]>();
    expect(preview[0]!.id).toBe(1);
  });
});

describe('table functions', () => {
  it('INFER_SCHEMA returns the columns of Parquet and CSV files, typed', async () => {
    const parquet = await client.query(inferSchema(STAGE, 'pq/'));
    expectTypeOf(parquet).toEqualTypeOf<
      { readonly column_name: string; readonly type: string; readonly nullable: boolean; readonly filenames: string; readonly order_id: bigint }[]
    >();
    expect(parquet.map((r) => [r.column_name, r.type, r.nullable, r.order_id])).toEqual([
      ['id', 'INT', false, 0n],
      ['title', 'VARCHAR', false, 1n],
    ]);
    const csv = await client.query(inferSchema(STAGE, 'csv/').fileFormat('CSV').pattern('.*[.]csv').maxRecordsPerFile(10).maxFileCount(1));
    expect(csv.map((r) => [r.column_name, r.type, r.filenames])).toEqual([
      ['column_1', 'BIGINT', 'csv/items.csv'],
      ['column_2', 'VARCHAR', 'csv/items.csv'],
    ]);
  });

  it('list_stage returns the files with WHERE and a pattern holding a quote', async () => {
    const query = listStageFiles(STAGE).pattern("(csv|json)/[^']*").where(sql`size > ${0}`);
    expect(query.compile()).toBe("SELECT *\nFROM LIST_STAGE(location => '@files/', pattern => '(csv|json)/[^\\']*')\nWHERE size > 0");
    const rows = await client.query(query);
    expectTypeOf(rows).toEqualTypeOf<
      { readonly name: string; readonly size: bigint; readonly md5: string | null; readonly last_modified: string; readonly creator: string | null }[]
    >();
    expect(rows.map((r) => [r.name, r.size]).sort()).toEqual([
      ['csv/items.csv', BigInt(CSV.length)],
      ['json/items.ndjson', BigInt(NDJSON.length)],
    ]);
    expect(rows[0]!.last_modified).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
  });

  it('the engine refuses an argument a function does not take (the SDK has none to give)', async () => {
    await expect(client.query("SELECT * FROM INFER_SCHEMA(location => '@files/pq/', max_records_per_file => 1)")).rejects.toMatchObject({ serverCode: 1006 });
  });
});
