import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Connection, type Row } from 'databend-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirInUseError } from '../../src/local/errors.js';
import { pythonAssetsDir } from '../../src/local/python-env.js';
import { type LocalDatabend, startLocalDatabend } from '../../src/local/start-local-databend.js';

/** The engine version pinned in requirements.txt, the one place it is written. */
const PINNED_ENGINE = /^databend==(\S+)$/m.exec(readFileSync(join(pythonAssetsDir(), 'requirements.txt'), 'utf8'))![1];

// The first run creates the private venv and downloads the engine wheel (~60 MB): minutes, not seconds.
const SETUP_TIMEOUT_MS = 300_000;
const QUERY_TIMEOUT_MS = 30_000;

let engine: LocalDatabend;
let conn: Connection;
let scratch: string;

// An engine of its own, not the shared one (test/support/engine.ts): the gateway itself is under test, from its
// data-directory lock to what a fresh engine's connections see (the `default` database, an empty user stage).
beforeAll(async () => {
  engine = await startLocalDatabend();
  conn = await new Client(engine.dsn).getConn();
  scratch = await mkdtemp(join(tmpdir(), 'gateway-test-'));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await conn?.close();
  await engine?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function rows(sql: string): Promise<unknown[][]> {
  return (await conn.queryAll(sql)).map((row: Row) => row.values());
}

/** The raw HTTP answer, for what the driver's decoding hides (exact text, page shape). */
async function post(path: string, body: unknown, auth = 'root:'): Promise<Response> {
  return fetch(`http://${engine.host}:${engine.port}${path}`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(auth).toString('base64')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('connection', { timeout: QUERY_TIMEOUT_MS }, () => {
  it('answers SELECT 1 with UInt8 1', async () => {
    const iter = await conn.queryIter('SELECT 1');
    expect(
      iter
        .schema()
        .fields()
        .map((f) => f.dataType),
    ).toEqual(['UInt8']);
    expect(((await iter.next()) as Row).values()).toEqual([1]);
    expect(await iter.next()).toBeNull();
  });

  it('reports the embedded engine version at login', async () => {
    const response = await post('/v1/session/login', {});
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ version: PINNED_ENGINE });
  });

  it('refuses a wrong password with 401 and code 5100', async () => {
    const response = await post('/v1/query', { sql: 'SELECT 1' }, 'root:wrong');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 5100 } });
  });

  it('refuses a second engine on the same data directory', async () => {
    await expect(startLocalDatabend({ dataDir: engine.dataDir })).rejects.toBeInstanceOf(DataDirInUseError);
  });
});

describe('every type round-trips through the driver', { timeout: QUERY_TIMEOUT_MS }, () => {
  beforeAll(async () => {
    await conn.exec(`CREATE OR REPLACE TABLE every_type (
      id INT NOT NULL, flag BOOLEAN, i8 TINYINT, i16 SMALLINT, i32 INT, i64 BIGINT, u32 INT UNSIGNED,
      u64 BIGINT UNSIGNED, f32 FLOAT, f64 DOUBLE, d10 DECIMAL(10, 2), d38 DECIMAL(38, 4), s STRING, bin BINARY,
      day DATE, ts TIMESTAMP, v VARIANT, ai ARRAY(INT), astr ARRAY(STRING), m MAP(STRING, INT),
      tup TUPLE(a INT, b STRING), vec VECTOR(4))`);
    await conn.exec(`INSERT INTO every_type VALUES
      (1, TRUE, -8, -16, -32, 9007199254740993, 4294967295, 18446744073709551615, 1.5, 0.1, 12.5, -0.05,
       'he said "hi"', FROM_HEX('00ABff'), '2024-08-16', '2024-08-16 10:00:00.123456',
       PARSE_JSON('{"b":[1,null,true],"a":{"x":"y"}}'), [1, NULL, 3], ['a', 'b"c', NULL], {'k1': 1, 'k2': NULL},
       (7, 'x'), [1.0, 2.5, -3.0, 0.5]),
      (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       NULL, NULL, NULL, NULL)`);
  });

  it('reports the schema type strings of a real server', async () => {
    const iter = await conn.queryIter('SELECT * FROM every_type ORDER BY id');
    // The driver re-displays nested `T NULL` as `Nullable(T)`; the wire strings are checked below.
    expect(
      iter
        .schema()
        .fields()
        .map((f) => `${f.name} ${f.dataType}`),
    ).toEqual([
      'id Int32',
      'flag Nullable(Boolean)',
      'i8 Nullable(Int8)',
      'i16 Nullable(Int16)',
      'i32 Nullable(Int32)',
      'i64 Nullable(Int64)',
      'u32 Nullable(UInt32)',
      'u64 Nullable(UInt64)',
      'f32 Nullable(Float32)',
      'f64 Nullable(Float64)',
      'd10 Nullable(Decimal(10, 2))',
      'd38 Nullable(Decimal(38, 4))',
      's Nullable(String)',
      'bin Nullable(Binary)',
      'day Nullable(Date)',
      'ts Nullable(Timestamp)',
      'v Nullable(Variant)',
      'ai Nullable(Array(Nullable(Int32)))',
      'astr Nullable(Array(Nullable(String)))',
      'm Nullable(Map(String, Nullable(Int32)))',
      'tup Nullable(Tuple(Nullable(Int32), Nullable(String)))',
      'vec Nullable(Vector(4))',
    ]);
    iter.close();
  });

  it('decodes every value as the driver maps it', async () => {
    const [full, empty] = await rows('SELECT * FROM every_type ORDER BY id');
    expect(full).toEqual([
      1,
      true,
      -8,
      -16,
      -32,
      9007199254740992, // Int64 becomes a JS number: precision ends at 2^53
      4294967295,
      18446744073709551615n,
      1.5,
      0.1,
      '12.50',
      '-0.0500',
      'he said "hi"',
      Buffer.from([0x00, 0xab, 0xff]),
      new Date('2024-08-16T00:00:00.000Z'),
      new Date('2024-08-16T10:00:00.123Z'),
      '{"a":{"x":"y"},"b":[1,null,true]}',
      [1, null, 3],
      ['a', 'b\\"c', null], // the driver keeps the server's \" escape inside nested strings
      { k1: 1, k2: null },
      [7, 'x'],
      [1, 2.5, -3, 0.5],
    ]);
    expect(empty).toEqual([2, ...Array<null>(21).fill(null)]);
  });

  it('writes each cell as the server text encoder does', async () => {
    const response = await post('/v1/query', {
      sql: `SELECT d10, d38, f32, f64, bin, ts, ai, astr, m, tup, vec, v, flag,
                   1e-7::DOUBLE AS tiny, 1e16::DOUBLE AS huge, 'NaN'::DOUBLE AS nan, [1.5, 2]::ARRAY(DECIMAL(5, 2)) AS decs
            FROM every_type ORDER BY id`,
    });
    const page = (await response.json()) as { schema: { type: string }[]; data: (string | null)[][] };
    expect(page.schema.map((c) => c.type)).toEqual([
      'Nullable(Decimal(10, 2))',
      'Nullable(Decimal(38, 4))',
      'Nullable(Float32)',
      'Nullable(Float64)',
      'Nullable(Binary)',
      'Nullable(Timestamp)',
      'Nullable(Array(Int32 NULL))',
      'Nullable(Array(String NULL))',
      'Nullable(Map(String, Int32 NULL))',
      'Nullable(Tuple(Int32 NULL, String NULL))',
      'Nullable(Vector(4))',
      'Nullable(Variant)',
      'Nullable(Boolean)',
      'Float64',
      'Float64',
      'Float64',
      'Array(Decimal(5, 2))',
    ]);
    expect(page.data[0]).toEqual([
      '12.50',
      '-0.0500',
      '1.5',
      '0.1',
      '00ABFF',
      '2024-08-16 10:00:00.123456',
      '[1,NULL,3]',
      '["a","b\\"c",NULL]',
      '{"k1":1,"k2":NULL}',
      '(7,"x")',
      '[1.0,2.5,-3.0,0.5]',
      '{"a":{"x":"y"},"b":[1,null,true]}',
      '1',
      '1e-7',
      '1e+16',
      'NaN',
      '[1.50,2.00]',
    ]);
    expect(page.data[1]?.slice(0, 13)).toEqual(Array(13).fill(null));
  });
});

describe('results and statements', { timeout: QUERY_TIMEOUT_MS }, () => {
  it('pages a 25 000-row result and sums it exactly', async () => {
    const iter = await conn.queryIter('SELECT number FROM numbers(25000)');
    let count = 0;
    let sum = 0n;
    for (let row = await iter.next(); row !== null; row = await iter.next()) {
      if (row instanceof Error) throw row;
      count += 1;
      sum += row.values()[0] as bigint;
    }
    expect([count, sum]).toEqual([25000, 312487500n]);
  });

  it('honours max_rows_per_page with next_uri pages, then final', async () => {
    const first = (await (await post('/v1/query', { sql: 'SELECT number FROM numbers(5)', pagination: { max_rows_per_page: 2 } })).json()) as {
      id: string;
      data: string[][];
      next_uri: string;
    };
    expect(first.data).toEqual([['0'], ['1']]);
    expect(first.next_uri).toBe(`/v1/query/${first.id}/page/1`);
    const pages = [first.data];
    let next: string | null = first.next_uri;
    while (next !== null && !next.endsWith('/final')) {
      const page = (await (await fetch(`http://${engine.host}:${engine.port}${next}`, { headers: { Authorization: 'Basic cm9vdDo=' } })).json()) as {
        data: string[][];
        next_uri: string | null;
      };
      pages.push(page.data);
      next = page.next_uri;
    }
    expect(pages).toEqual([[['0'], ['1']], [['2'], ['3']], [['4']]]);
  });

  it('serves the last page again, but a page a later one has passed is gone (404 wrong page number), as on the server', async () => {
    const first = (await (await post('/v1/query', { sql: 'SELECT number FROM numbers(30000)', pagination: { max_rows_per_page: 10000 } })).json()) as {
      id: string;
      data: string[][];
    };
    expect(first.data[0]).toEqual(['0']);
    const page = (n: number) => fetch(`http://${engine.host}:${engine.port}/v1/query/${first.id}/page/${n}`, { headers: { Authorization: 'Basic cm9vdDo=' } });
    const second = await page(2);
    expect(((await second.json()) as { data: string[][] }).data[0]).toEqual(['20000']);
    const retried = await page(2);
    expect(((await retried.json()) as { data: string[][] }).data[0]).toEqual(['20000']);
    const passed = await page(0);
    expect(passed.status).toBe(404);
    expect(((await passed.json()) as { error: { message: string } }).error.message).toBe('wrong page number 0');
  });

  it('returns the inserted row count from exec()', async () => {
    await conn.exec('CREATE OR REPLACE TABLE counted (n INT)');
    expect(await conn.exec('INSERT INTO counted SELECT number FROM numbers(7)')).toBe(7);
    expect(await conn.exec('CREATE OR REPLACE TABLE counted2 (n INT)')).toBe(0);
  });

  it('raises [1025] for an unknown table and [1005] for a syntax error', async () => {
    await expect(conn.queryAll('SELECT * FROM no_such_table')).rejects.toThrow(
      /QueryFailed: \[1025\]error: \n {2}--> SQL:1:15\n[\s\S]*\^ Unknown table .*no_such_table/,
    );
    await expect(conn.exec('SELEC 1')).rejects.toThrow(/QueryFailed: \[1005\]error: \n {2}--> SQL:1:1/);
  });

  it('strips the engine backtrace from run-time errors', async () => {
    const error = await conn.queryAll('SELECT 1 / 0').catch((e: Error) => e);
    expect((error as Error).message).toBe('APIError: QueryFailed: [1006]divided by zero while evaluating function `divide(1, 0)` in expr `1 / 0` [v0.33.7]');
  });

  it('answers a result column named with a NUL with an error instead of letting the engine abort the process', async () => {
    await conn.exec('CREATE OR REPLACE TABLE survivor (n INT)');
    await conn.exec('INSERT INTO survivor VALUES (7)');
    await expect(conn.queryAll('SELECT 1 AS "a\0b"')).rejects.toThrow('[1006]a result column name holds a NUL character, which the local engine cannot return');
    // A NUL inside a string value, or an escaped \0 in a quoted name, is ordinary data.
    expect((await conn.queryAll('SELECT \'a\0b\' AS x, 1 AS "a\\0b"'))[0]!.values()).toEqual(['a\0b', 1]);
    expect((await conn.queryAll('SELECT n FROM survivor'))[0]!.values()).toEqual([7]);
  });

  it('fails CREATE STREAM with 1402 and CREATE TASK with 1702 (no license, no cloud control)', async () => {
    await conn.exec('CREATE OR REPLACE TABLE streamed (n INT)');
    await expect(conn.exec('CREATE STREAM s ON TABLE streamed')).rejects.toThrow('[1402]Need Commercial License');
    await expect(conn.exec("CREATE TASK t WAREHOUSE = 'w' SCHEDULE = 1 MINUTE AS SELECT 1")).rejects.toThrow(
      /\[1702\]cannot create task without cloud control enabled/,
    );
  });
});

describe('session state', { timeout: QUERY_TIMEOUT_MS }, () => {
  it('keeps USE and SET timezone for later statements of the connection', async () => {
    const session = await new Client(engine.dsn).getConn();
    try {
      await session.exec('CREATE DATABASE IF NOT EXISTS gateway_db');
      await session.exec('USE gateway_db');
      await session.exec("SET timezone = 'Asia/Shanghai'");
      const row = await session.queryRow("SELECT current_database(), timezone(), '2024-08-16 10:00:00'::TIMESTAMP::STRING, '2024-08-16 10:00:00'::TIMESTAMP");
      expect(row?.values()).toEqual([
        'gateway_db',
        'Asia/Shanghai',
        '2024-08-16 10:00:00.000000',
        new Date('2024-08-16T02:00:00.000Z'), // 10:00 wall time in Shanghai
      ]);
      expect(await rows('SELECT current_database(), timezone()')).toEqual([['default', 'UTC']]); // other connections untouched
    } finally {
      await session.close();
    }
  });

  it('applies settings the client sends in its session, such as a DSN timezone', async () => {
    const tokyo = await new Client(`${engine.dsn}&timezone=Asia/Tokyo`).getConn();
    try {
      expect((await tokyo.queryRow('SELECT timezone()'))?.values()).toEqual(['Asia/Tokyo']);
    } finally {
      await tokyo.close();
    }
  });
});

describe('loading files', { timeout: QUERY_TIMEOUT_MS }, () => {
  it('copies a CSV from an fs:// stage and reports each file', async () => {
    const dir = join(scratch, 'stage');
    await mkdir(dir);
    await writeFile(join(dir, 'people.csv'), '1,ada\n2,grace\n3,"linus, jr"\n');
    await conn.exec('CREATE OR REPLACE TABLE people (id INT, name STRING)');
    await conn.exec(`CREATE OR REPLACE STAGE gateway_stage URL = 'fs://${dir}/'`);

    const copied = await rows("COPY INTO people FROM @gateway_stage PATTERN = '.*[.]csv' FILE_FORMAT = (TYPE = CSV)");
    expect(copied).toEqual([['people.csv', 3, 0, null, null]]);
    expect(await rows('SELECT id, name FROM people ORDER BY id')).toEqual([
      [1, 'ada'],
      [2, 'grace'],
      [3, 'linus, jr'],
    ]);
    expect(await conn.exec('COPY INTO people FROM @gateway_stage FILE_FORMAT = (TYPE = CSV) FORCE = TRUE')).toBe(3);
  });

  it('uploads with loadFile into the user stage and reports the written rows', async () => {
    const file = join(scratch, 'load.csv');
    await writeFile(file, '10,x\n20,y\n');
    await conn.exec('CREATE OR REPLACE TABLE loaded (n INT, s STRING)');
    const stats = await conn.loadFile('INSERT INTO loaded VALUES', file);
    expect(stats.writeRows).toBe(2n);
    expect(await rows('SELECT n, s FROM loaded ORDER BY n')).toEqual([
      [10, 'x'],
      [20, 'y'],
    ]);
    expect(await rows('LIST @~')).toEqual([]); // the load purges the staged upload
  });
});
