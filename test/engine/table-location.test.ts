// Tables over a URL location on the local engine: over `fs:///` the table is made and holds rows in that folder; over
// s3 (an endpoint on a closed local port, no network) CREATE TABLE parses and fails in its storage check (3901), not
// at the parser (1005). ALTER TABLE ... CONNECTION = (...) on the fs table parses and is refused for the unknown
// connection (4000). The SQL of each form is pinned by test/unit/table-location.test.ts.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alterTable, createClient, createTable, insertInto, int, location, secret, sql, table, type DatabendClient } from '../../src/index.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';
import { serverError } from '../support/server-error.js';

const SETUP_TIMEOUT_MS = 300_000;
const QUERY_TIMEOUT_MS = 60_000;
/** A closed port on this machine: every request to it is refused at once, without a network. */
const CLOSED = 'http://127.0.0.1:9';

let engine: TestDatabase;
let client: DatabendClient;
let dir: string;

beforeAll(async () => {
  engine = await openTestDatabase('table_location');
  client = createClient({ dsn: engine.dsn });
  dir = await mkdtemp(join(tmpdir(), 'table-location-test-'));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a table over a URL location', () => {
  const points = table('xt_points', { a: int() });

  it(
    'over fs:/// holds its rows in that folder; ALTER TABLE ... CONNECTION is refused for the unknown connection, not parsed away',
    async () => {
      await client.execute(createTable(points).location(`fs://${dir}/points/`));
      await client.execute(insertInto(points).values([{ a: 1 }, { a: 2 }]));
      const rows = await client.query(sql`SELECT a FROM xt_points ORDER BY a`);
      expect(rows.map((r) => Number(r.a))).toEqual([1, 2]);
      expect((await readdir(join(dir, 'points'))).length).toBeGreaterThan(0);
      const error = await serverError(client.query(alterTable(points).connection('xt_no_such_conn')));
      expect(error.serverCode, error.serverMessage).toBe(4000);
      expect(error.serverMessage).toMatch(/xt_no_such_conn/);
    },
    QUERY_TIMEOUT_MS,
  );

  it(
    'over s3 parses and fails in the storage check (3901 "storage is not valid"), not as a syntax error (1005)',
    async () => {
      const over = createTable(table('xt_s3', { a: int() })).location(
        location('s3://xt-bucket/data/', { connection: { endpointUrl: CLOSED, accessKeyId: 'xt-access-key', secretAccessKey: secret('xt-secret-key') } }),
      );
      const error = await serverError(client.query(over));
      expect(error.serverCode, error.serverMessage).not.toBe(1005);
      expect(error.serverCode, error.serverMessage).toBe(3901);
      expect(error.serverMessage).toMatch(/current configured storage is not valid/);
    },
    QUERY_TIMEOUT_MS,
  );
});
