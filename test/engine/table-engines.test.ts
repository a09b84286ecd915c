// CREATE TABLE ... ENGINE = ... on the local engine: a MEMORY table holds rows and SHOW CREATE TABLE names its
// engine; FUSE takes COMPRESSION and STORAGE_FORMAT beside it; the LOCATION = '...' of SHOW CREATE TABLE's output for an
// external table (the documentation's create-table-030/032) parses and is refused as an option FUSE does not take
// (1301), not as a syntax error. The SQL of each form is pinned by test/unit/table-statements.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, createTable, insertInto, int, sql, table, type DatabendClient } from '../../src/index.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';
import { serverError } from '../support/server-error.js';

const SETUP_TIMEOUT_MS = 300_000;
const QUERY_TIMEOUT_MS = 60_000;

let engine: TestDatabase;
let client: DatabendClient;

beforeAll(async () => {
  engine = await openTestDatabase('table_engines');
  client = createClient({ dsn: engine.dsn });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
});

describe('CREATE TABLE ... ENGINE', () => {
  it(
    'ENGINE = MEMORY makes a table that holds rows, shown by SHOW CREATE TABLE',
    async () => {
      const scratch = table('te_scratch', { a: int() });
      await client.execute(createTable(scratch).engine('MEMORY'));
      await client.execute(insertInto(scratch).values([{ a: 2 }, { a: 1 }]));
      const rows = await client.query(sql`SELECT a FROM te_scratch ORDER BY a`);
      expect(rows.map((r) => Number(r.a))).toEqual([1, 2]);
      const [shown] = await client.query(sql`SHOW CREATE TABLE te_scratch`);
      expect(String(shown?.['Create Table'])).toMatch(/ENGINE=MEMORY/);
    },
    QUERY_TIMEOUT_MS,
  );

  it(
    'ENGINE = FUSE takes COMPRESSION and STORAGE_FORMAT; with LOCATION it is refused for the option (1301), not parsed away',
    async () => {
      const fuse = table('te_fuse', { a: int() });
      await client.execute(createTable(fuse).engine('FUSE').engineOptions({ compression: 'zstd', storage_format: 'parquet' }));
      const [row] = await client.query(sql`SELECT engine, table_option FROM system.tables WHERE database = ${engine.database} AND name = 'te_fuse'`);
      expect(row?.engine).toBe('FUSE');
      expect(String(row?.table_option)).toMatch(/COMPRESSION='zstd'/);
      expect(String(row?.table_option)).toMatch(/STORAGE_FORMAT='parquet'/);
      const shown = createTable(table('te_shown', { a: int() }))
        .engine('FUSE')
        .engineOptions({ compression: 'zstd', storage_format: 'parquet', location: 's3 | bucket=testbucket,root=/admin/data/' });
      const error = await serverError(client.execute(shown));
      expect(error.serverCode, error.serverMessage).toBe(1301);
      expect(error.serverMessage).toMatch(/location is invalid/);
    },
    QUERY_TIMEOUT_MS,
  );
});
