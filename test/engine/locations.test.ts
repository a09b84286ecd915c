// URL locations on the local engine: `fs:///` locations load, query and unload real files; the network storages
// (s3, gcs, azblob, ipfs, https) are sent with endpoints on a closed local port, so each statement reaches the
// storage layer and fails there (4000), never at the parser (1005): the engine's own parser takes the SQL. Also
// azblob stages (Databend's, refused by this engine's build), LANCE unloads, PRESIGN and SCHEMA_EVOLUTION.
// The engine retries a refused request for about ten seconds before it reports it (a gcs credential, over a minute),
// so each storage is tried with few statements; the SQL of each form is pinned by test/unit/location.test.ts.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyInto,
  copyIntoLocation,
  createClient,
  createConnection,
  createStage,
  createTable,
  insertInto,
  int,
  location,
  presign,
  secret,
  selectFromLocation,
  ServerError,
  sql,
  string,
  table,
  type Compilable,
  type DatabendClient,
} from '../../src/index.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';

const SETUP_TIMEOUT_MS = 300_000;
const QUERY_TIMEOUT_MS = 60_000;

let engine: TestDatabase;
let client: DatabendClient;
let dir: string;

const items = table('items', { a: int(), b: string() });
const csv = { type: 'CSV' } as const;
const byPosition = { a: sql`$1`, b: sql`$2` };
/** A stage SELECT projects what the mapping says, uncast: CSV fields are strings. */
const castByPosition = { a: sql`$1::INT`, b: sql`$2` };
/** The network storages are read as Parquet: a CSV query without positions ($1, $2) is refused (1065) before any request. */
const parquet = { type: 'PARQUET' } as const;
/** A closed port on this machine: every request to it is refused at once, without a network. */
const CLOSED = 'http://127.0.0.1:9';
const KEY = 'locations-secret-key';
/** azblob takes only a base64 account key (2002 "invalid account_key: cannot decode as base64" otherwise). */
const AZURE_KEY = Buffer.from(KEY).toString('base64');

beforeAll(async () => {
  engine = await openTestDatabase('locations');
  client = createClient({ dsn: engine.dsn });
  dir = await mkdtemp(join(tmpdir(), 'locations-test-'));
  await writeFile(join(dir, 'a.csv'), '1,x\n2,y\n');
  await writeFile(join(dir, 'b.csv'), '3,z\n');
  await client.execute(createTable(items));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function refusal(run: Promise<unknown>): Promise<ServerError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServerError);
  return error as ServerError;
}

/** The statement parsed (not 1005) and failed in the storage layer, 4000, with a message matching `message`. */
async function storageFailure(statement: Compilable, message: RegExp): Promise<ServerError> {
  const error = await refusal(client.query(statement));
  expect(error.serverCode, error.serverMessage).toBe(4000);
  expect(error.serverMessage).toMatch(message);
  expect(error.sql).toBe(statement.toString());
  expect(error.sql).not.toContain(KEY);
  expect(error.serverMessage).not.toContain(KEY);
  expect(error.sql).not.toContain(AZURE_KEY);
  return error;
}

const rowsOf = async () => (await client.query<{ a: number; b: string }>('SELECT a, b FROM items ORDER BY a, b')).map((r) => [r.a, r.b]);

describe('fs:/// locations load, query and unload files', { timeout: QUERY_TIMEOUT_MS }, () => {
  it('COPY INTO a table from a folder, through the transform and raw', async () => {
    const folder = location(`fs://${dir}/`);
    const report = await client.copy(copyInto(items).fromLocation(folder).map(byPosition).fileFormat(csv).pattern('.*[.]csv'));
    expect(report.map((f) => [f.file, f.rowsLoaded]).sort()).toEqual([
      ['a.csv', 2],
      ['b.csv', 1],
    ]);
    expect(await rowsOf()).toEqual([
      [1, 'x'],
      [2, 'y'],
      [3, 'z'],
    ]);
    await client.execute('TRUNCATE TABLE items');
    const raw = await client.copy(copyInto(items).fromLocation(`fs://${dir}/`).raw().fileFormat(csv).files(['b.csv']).force());
    expect(raw.map((f) => [f.file, f.rowsLoaded])).toEqual([['b.csv', 1]]);
    expect(await rowsOf()).toEqual([[3, 'z']]);
  });

  it('COPY INTO a table from one file (a path without a trailing slash)', async () => {
    await client.execute('TRUNCATE TABLE items');
    const report = await client.copy(copyInto(items).fromLocation(`fs://${dir}/a.csv`).raw().fileFormat(csv).force());
    expect(report.map((f) => f.rowsLoaded)).toEqual([2]);
    expect(await rowsOf()).toEqual([
      [1, 'x'],
      [2, 'y'],
    ]);
  });

  it('a stage SELECT over a location, typed by a table', async () => {
    const rows = await client.query(selectFromLocation(`fs://${dir}/`).typedAs(items, castByPosition).fileFormat('CSV').pattern('a[.]csv'));
    expect(rows).toEqual([
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
    ]);
  });

  it('INSERT INTO a table SELECT from a location', async () => {
    await client.execute('TRUNCATE TABLE items');
    const result = await client.execute(insertInto(items).fromLocation(`fs://${dir}/b.csv`).map(byPosition).fileFormat('CSV'));
    expect(result.rowsAffected).toBe(1);
    expect(await rowsOf()).toEqual([[3, 'z']]);
  });

  it('an unload to a location, read back', async () => {
    const out = `fs://${dir}/out/`;
    const [unloaded] = await client.query<{ rows_unloaded: number | bigint }>(copyIntoLocation(out).from(items).fileFormat(csv));
    expect(Number(unloaded!.rows_unloaded)).toBe(1);
    expect(await client.query(selectFromLocation(out).typedAs(items, castByPosition).fileFormat('CSV'))).toEqual([{ a: 3, b: 'z' }]);
  });

  it('a LANCE dataset unloaded to a location, also with USE_RAW_PATH alone and OVERWRITE alone', async () => {
    await client.query(copyIntoLocation(`fs://${dir}/lance/`).from(items).fileFormat({ type: 'LANCE' }));
    const [dataset] = await readdir(join(dir, 'lance'));
    expect((await readdir(join(dir, 'lance', dataset!))).sort()).toEqual(['_versions', 'data']);
    await client.query(copyIntoLocation(`fs://${dir}/raw-lance`).from(items).fileFormat({ type: 'LANCE' }).useRawPath());
    expect((await readdir(join(dir, 'raw-lance'))).sort()).toEqual(['_versions', 'data']);
    // Again without OVERWRITE: the dataset exists.
    const again = await refusal(client.query(copyIntoLocation(`fs://${dir}/raw-lance`).from(items).fileFormat({ type: 'LANCE' }).useRawPath()));
    expect([again.serverCode, again.serverMessage]).toEqual([1006, 'file already exists']);
    await client.query(copyIntoLocation(`fs://${dir}/raw-lance`).from(items).fileFormat({ type: 'LANCE' }).useRawPath().overwrite());
    await client.query(copyIntoLocation(`fs://${dir}/lance2/`).from(items).fileFormat({ type: 'LANCE' }).overwrite());
  });
});

describe('network locations reach their storage and fail there (4000), never at the parser', { timeout: QUERY_TIMEOUT_MS }, () => {
  const s3 = location('s3://bucket/raw/', { connection: { endpointUrl: CLOSED, accessKeyId: 'AKIALOCATIONS', secretAccessKey: secret(KEY) } });

  it('s3: COPY and stage SELECT, with the credentials masked (the unload: azblob, below)', async () => {
    const list = /^Unexpected \(persistent\) at list => send http request[\s\S]*url: http:\/\/127\.0\.0\.1:9\/bucket\?list-type=2&prefix=raw/;
    await storageFailure(copyInto(items).fromLocation(s3).fileFormat(parquet), list);
    await storageFailure(selectFromLocation(s3).fileFormat('PARQUET'), list);
  });

  it("s3 at a bucket's root, without a trailing slash", async () => {
    const root = location('s3://bucket', { connection: { endpointUrl: CLOSED } });
    await storageFailure(copyInto(items).fromLocation(root).raw().fileFormat(parquet), /url: http:\/\/127\.0\.0\.1:9\/bucket\?list-type=2\s/);
    await client.execute(createStage('bucket_root').url('s3://bucket').credentials({ endpointUrl: CLOSED }));
    const [described] = await client.query<{ url: string }>('DESC STAGE bucket_root');
    expect(described!.url).toBe('s3://bucket/');
  });

  it('a connection by name: CONNECTION_NAME reaches the connection’s endpoint', async () => {
    const connection = createConnection('locations_s3').s3({ endpointUrl: CLOSED, accessKeyId: 'AKIALOCATIONS', secretAccessKey: secret(KEY) });
    await client.execute(connection);
    const named = location('s3://bucket/raw/', { connection });
    await storageFailure(copyInto(items).fromLocation(named).fileFormat(parquet), /127\.0\.0\.1:9\/bucket\?list-type=2&prefix=raw/);
    const unknown = await refusal(client.query(selectFromLocation(location('s3://bucket/raw/', { connection: 'no_such_connection' })).fileFormat('PARQUET')));
    expect(unknown.serverCode).toBe(4000);
    expect(unknown.serverMessage).toMatch(/^invalid input parameter \(fail to get connection_name no_such_connection: UnknownConnection\. Code: 2510/);
  });

  // One statement: a credential that is no service account key sends the engine to the instance metadata server,
  // which takes it 60 to 110 seconds to give up on.
  it('gcs: the credential is loaded before any request', { timeout: 120_000 }, async () => {
    const gcs = location('gcs://bucket/raw/', { connection: { credential: secret(KEY), endpointUrl: CLOSED } });
    await storageFailure(selectFromLocation(gcs).fileFormat('PARQUET'), /at list => loading credential to sign http request/);
  });

  it('azblob: COPY and unload reach the storage on this engine (its stages do not, below)', async () => {
    const azblob = location('azblob://container/raw/', { connection: { endpointUrl: CLOSED, accountName: 'acct', accountKey: secret(AZURE_KEY) } });
    const list = /at list => send http request[\s\S]*url: http:\/\/127\.0\.0\.1:9\/container\?restype=container&comp=list&prefix=raw/;
    await storageFailure(copyInto(items).fromLocation(azblob).fileFormat(parquet), list);
    const out = location('azblob://container/out/', { connection: { endpointUrl: CLOSED, accountName: 'acct', accountKey: secret(AZURE_KEY) } });
    await storageFailure(copyIntoLocation(out).from(items), /at write => send http request/);
  });

  it('ipfs: a file is fetched from the gateway; a folder lists as empty', async () => {
    const gateway = { endpointUrl: CLOSED };
    await storageFailure(
      selectFromLocation(location('ipfs://QmLocations/raw/a.csv', { connection: gateway })).fileFormat('PARQUET'),
      /at stat => send http request/,
    );
    expect(await client.query(selectFromLocation(location('ipfs://QmLocations/raw/', { connection: gateway })).fileFormat('PARQUET'))).toEqual([]);
  });

  it('https: a glob, fetched file by file', async () => {
    await storageFailure(
      copyInto(items).fromLocation('https://127.0.0.1:9/data/a.csv').raw().fileFormat(parquet),
      /url: https:\/\/127\.0\.0\.1:9\/data\/a\.csv/,
    );
    await storageFailure(selectFromLocation('https://127.0.0.1:9/data/f[1-3].csv').fileFormat('PARQUET'), /url: https:\/\/127\.0\.0\.1:9\/data\/f1\.csv/);
  });
});

describe('what this engine refuses, and why', { timeout: QUERY_TIMEOUT_MS }, () => {
  it('azblob stages: 2001, the stage storage is not in this build (inline credentials and by connection)', async () => {
    const inline = createStage('azure_stage')
      .url('azblob://container/raw/')
      .credentials({ endpointUrl: CLOSED, accountName: 'acct', accountKey: secret(AZURE_KEY) });
    const error = await refusal(client.execute(inline));
    expect(error.serverCode).toBe(2001);
    expect(error.serverMessage).toMatch(/stage type: azblob[\s\S]* not supported/);
    expect(error.serverMessage).not.toContain(AZURE_KEY);
    const connection = createConnection('locations_azure').azblob({ endpointUrl: CLOSED, accountName: 'acct' });
    await client.execute(connection);
    const byName = await refusal(client.execute(createStage('azure_named').url('azblob://container/raw/').connection(connection)));
    expect(byName.serverCode).toBe(2001);
    expect(byName.serverMessage).toMatch(/stage type: azblob[\s\S]* not supported/);
  });

  it('PRESIGN: 3902, the local filesystem storage signs nothing (every form parses)', async () => {
    await client.execute(createStage('presign_stage'));
    for (const statement of [
      presign('presign_stage', 'a.csv'),
      presign('presign_stage', 'a.csv').download().expire(60),
      presign('presign_stage', 'dir/a b.csv').upload().expire(60).contentType('text/csv'),
    ]) {
      const error = await refusal(client.query(statement));
      expect([error.serverCode, error.serverMessage], statement.compile()).toEqual([3902, "storage doesn't support presign operation"]);
    }
  });

  it('SCHEMA_EVOLUTION: 1005, newer than this engine (Databend added it after v1.2.895)', async () => {
    const error = await refusal(client.query(copyInto(items).fromLocation(`fs://${dir}/`).raw().fileFormat(csv).schemaEvolution({ sampleFiles: 2 })));
    expect(error.serverCode).toBe(1005);
    expect(error.serverMessage).toMatch(/unexpected `SCHEMA_EVOLUTION`/);
  });

  it('LANCE is write-only: SINGLE is refused with it (2004), as the SDK refuses it', async () => {
    const error = await refusal(client.query(`COPY INTO 'fs://${dir}/lance-single/' FROM items FILE_FORMAT = (TYPE = 'LANCE') SINGLE = TRUE`));
    expect([error.serverCode, error.serverMessage]).toEqual([2004, 'copy option single can not be used with Lance format']);
    const read = await refusal(client.query(`SELECT * FROM 'fs://${dir}/lance/' (FILE_FORMAT => 'LANCE')`));
    expect([read.serverCode, read.serverMessage]).toEqual([2508, 'LANCE file format is only supported in COPY INTO <location>']);
  });

  it('http(s) and ipfs are read-only storages (the SDK refuses them as unload targets)', async () => {
    const error = await refusal(client.query(`COPY INTO 'https://127.0.0.1:9/out/' FROM items`));
    expect(error.serverCode).toBe(4000);
    expect(error.serverMessage).toMatch(/^Unsupported \(persistent\) at write => operation is not supported/);
  });
});
