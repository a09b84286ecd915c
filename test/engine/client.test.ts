import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CopyIntoTableStmt } from '../../src/ast/copy.js';
import type { ListStageStmt } from '../../src/ast/stage.js';
import type { Statement } from '../../src/ast/statement.js';
import type { Compilable } from '../../src/builders/statement-builder.js';
import { createTable } from '../../src/builders/create-table.js';
import { createClient, type DatabendClient } from '../../src/client/client.js';
import type { StatementEvent } from '../../src/client/types.js';
import { InexactReadError, ServerError, TransportError } from '../../src/errors.js';
import { quoteString } from '../../src/render/quote.js';
import { table } from '../../src/schema/table.js';
import {
  array,
  bigint,
  bigintUnsigned,
  binary,
  boolean,
  date,
  decimal,
  double,
  int,
  map,
  string,
  timestamp,
  tuple,
  variant,
  vector,
} from '../../src/schema/column-types.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';

let engine: TestDatabase;
let client: DatabendClient;
const events: StatementEvent[] = [];

beforeAll(async () => {
  engine = await openTestDatabase('client');
  client = createClient({ dsn: engine.dsn, observe: (e) => events.push(e) });
}, 300_000);

afterAll(async () => {
  await client?.close();
  await engine?.release();
});

/** A statement of a given kind written as SQL: the client's result mapping is under test here, not a builder. */
function statementOf<N extends Statement>(kind: N['kind'], sql: string): Compilable<N> {
  return { toNode: () => ({ kind }) as N, compile: () => sql };
}

const everyType = table('client_every_type', {
  id: int().notNull(),
  flag: boolean(),
  big: bigint(),
  ubig: bigintUnsigned(),
  ratio: double(),
  amount: decimal(38, 4),
  label: string(),
  raw: binary(),
  day: date(),
  at: timestamp(),
  payload: variant(),
  embedding: vector(4),
  tags: array(string()),
  counts: map(string(), int()),
  position: tuple({ lat: double(), lon: double() }),
});

const tricky = 'it\'s \\ a "quoted"\nline ✓ \u{1F600}';

describe('typed rows for every type', () => {
  beforeAll(async () => {
    await client.execute(createTable(everyType).orReplace());
    await client.execute(
      `INSERT INTO client_every_type VALUES (1, TRUE, 9007199254740991, 18446744073709551615, 0.1, 12345678901234567890.1234, ` +
        `${quoteString(tricky)}, FROM_HEX('dead00ff'), '2024-02-29', '2024-02-29 12:34:56.789', ` +
        `PARSE_JSON('{"a":[1,"x",null],"b":{"c":true},"n":1.5}'), [1, 0.5, -2, 3.25], ['a', NULL, 'c'], ` +
        `{'k1': 1, 'k2': NULL}, (52.5, 13.25))`,
    );
    await client.execute('INSERT INTO client_every_type VALUES (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)');
  });

  it('returns each value exactly as inserted, validated against the table', async () => {
    const rows = await client.query('SELECT * FROM client_every_type ORDER BY id', { table: everyType, validate: true });
    expect(rows).toEqual([
      {
        id: 1,
        flag: true,
        big: 9007199254740991,
        ubig: 18446744073709551615n,
        ratio: 0.1,
        amount: '12345678901234567890.1234',
        label: tricky,
        raw: new Uint8Array([0xde, 0xad, 0x00, 0xff]),
        day: new Date('2024-02-29T00:00:00.000Z'),
        at: new Date('2024-02-29T12:34:56.789Z'),
        payload: { a: [1, 'x', null], b: { c: true }, n: 1.5 },
        embedding: [1, 0.5, -2, 3.25],
        tags: ['a', null, 'c'],
        counts: { k1: 1, k2: null },
        position: { lat: 52.5, lon: 13.25 },
      },
      {
        id: 2,
        flag: null,
        big: null,
        ubig: null,
        ratio: null,
        amount: null,
        label: null,
        raw: null,
        day: null,
        at: null,
        payload: null,
        embedding: null,
        tags: null,
        counts: null,
        position: null,
      },
    ]);
  });

  it('keeps the column order of the SELECT', async () => {
    const [row] = await client.query('SELECT position, id, payload FROM client_every_type WHERE id = 1');
    expect(Object.keys(row!)).toEqual(['position', 'id', 'payload']);
  });

  it('refuses a BIGINT past 2^53 read as a number rather than return it rounded; the exact modes and text read it exactly', async () => {
    await expect(client.query('SELECT 9007199254740993::BIGINT AS lossy')).rejects.toThrow(InexactReadError);
    await expect(client.query('SELECT 9007199254740993::BIGINT AS lossy')).rejects.toThrow(/Column lossy: .*beyond 2\^53/);
    const [row] = await client.query("SELECT 9007199254740993::BIGINT AS n, '-9223372036854775808'::BIGINT AS m, 9007199254740993::BIGINT::STRING AS text", {
      table: table('wide', { n: bigint({ mode: 'bigint' }), m: bigint({ mode: 'string' }), text: string() }),
    });
    expect(row).toEqual({ n: 9007199254740993n, m: '-9223372036854775808', text: '9007199254740993' });
    expect(await client.query('SELECT 9007199254740991::BIGINT AS safe')).toEqual([{ safe: 9007199254740991 }]);
  });
});

describe('sessions', () => {
  it('keeps USE and SET across statements', async () => {
    await client.execute('CREATE DATABASE IF NOT EXISTS client_session_db');
    await client.execute('USE client_session_db');
    expect(await client.query('SELECT currentDatabase() AS db')).toEqual([{ db: 'client_session_db' }]);
    await client.execute(`USE ${engine.database}`);
  });

  it('reads TIMESTAMP in the pinned UTC session zone', async () => {
    expect(await client.query("SELECT '2024-01-01 00:00:00'::TIMESTAMP AS t")).toEqual([{ t: new Date('2024-01-01T00:00:00.000Z') }]);
  });
});

describe('streaming', () => {
  it('pages through 25 000 rows', async () => {
    let count = 0;
    let sum = 0n;
    for await (const row of client.stream<{ n: bigint }>('SELECT number AS n FROM numbers(25000)')) {
      count++;
      sum += row.n;
    }
    expect(count).toBe(25_000);
    expect(sum).toBe((24_999n * 25_000n) / 2n);
  });

  it('closes the result on an early break and keeps the session usable', async () => {
    const seen: bigint[] = [];
    for await (const row of client.stream<{ n: bigint }>('SELECT number AS n FROM numbers(25000) ORDER BY n')) {
      seen.push(row.n);
      if (seen.length === 10) break;
    }
    expect(seen).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n]);
    expect(events.at(-1)).toMatchObject({ sql: 'SELECT number AS n FROM numbers(25000) ORDER BY n', rows: 10 });
    expect(await client.query('SELECT 1 + 1 AS two')).toEqual([{ two: 2 }]);
  });
});

describe('COPY and LIST', () => {
  const target = table('client_copy_target', { id: int(), name: string() });

  beforeAll(async () => {
    await client.execute('CREATE OR REPLACE STAGE client_stage');
    await client.execute(
      "COPY INTO @client_stage/out/ FROM (SELECT number::INT AS id, concat('n', number::STRING) AS name FROM numbers(5)) FILE_FORMAT = (TYPE = 'CSV')",
    );
    await client.execute(createTable(target).orReplace());
  });

  it('lists the staged files', async () => {
    const files = await client.list(statementOf<ListStageStmt>('ListStageStmt', 'LIST @client_stage/out/'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(file.name).toMatch(/^out\/.+/);
      expect(file.size).toBeGreaterThan(0);
      expect(file.lastModified).toBeInstanceOf(Date);
      expect(Number.isNaN(file.lastModified.getTime())).toBe(false);
    }
  });

  it('reports each file loaded, and nothing when the files were already loaded', async () => {
    const copy = statementOf<CopyIntoTableStmt>('CopyIntoTableStmt', "COPY INTO client_copy_target FROM @client_stage/out/ FILE_FORMAT = (TYPE = 'CSV')");
    const report = await client.copy(copy);
    expect(report.reduce((n, f) => n + f.rowsLoaded, 0)).toBe(5);
    for (const file of report) expect(file).toMatchObject({ errorsSeen: 0, firstError: null, firstErrorLine: null });
    expect(await client.copy(copy)).toEqual([]);
    expect(await client.query('SELECT id, name FROM client_copy_target ORDER BY id')).toEqual([0, 1, 2, 3, 4].map((id) => ({ id, name: `n${id}` })));
  });
});

describe('errors', () => {
  it('raises ServerError 1025 for an unknown table', async () => {
    const error = (await client.query('SELECT * FROM client_no_such_table').catch((e: unknown) => e)) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.serverCode).toBe(1025);
    expect(error.serverMessage).toContain('client_no_such_table');
    expect(error.sql).toBe('SELECT * FROM client_no_such_table');
  });

  it('raises ServerError 1005 for a syntax error', async () => {
    const error = (await client.execute('SELEC 1').catch((e: unknown) => e)) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.serverCode).toBe(1005);
  });

  it('never shows the secret of a failing CREATE CONNECTION', async () => {
    const secretValue = 'TopSecret/Key+123';
    const error = (await client
      .execute(`CREATE CONNECTION client_bad_conn STORAGE_TYPE = 'no_such_storage' SECRET_ACCESS_KEY = '${secretValue}' garbage`)
      .catch((e: unknown) => e)) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.sql).toContain("SECRET_ACCESS_KEY = '***'");
    const everything = JSON.stringify([error.message, error.serverMessage, error.sql, (error.cause as Error).message, error.stack, events]);
    expect(everything).not.toContain(secretValue);
  });

  it('raises TransportError against a closed port', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise((resolve) => server.close(resolve));
    const closed = createClient({ dsn: `databend://root:pw@127.0.0.1:${port}/?sslmode=disable&retry_count=0&connect_timeout=1` });
    await expect(closed.execute('SELECT 1')).rejects.toBeInstanceOf(TransportError);
  });
});

describe('observe', () => {
  it('reports each statement with its masked SQL, duration and rows', async () => {
    const seen: StatementEvent[] = [];
    const observed = createClient({ dsn: engine.dsn, observe: (e) => seen.push(e) });
    await observed.execute('CREATE OR REPLACE TABLE client_observed (n INT)');
    await observed.execute('INSERT INTO client_observed VALUES (1), (2), (3)');
    await observed.query('SELECT * FROM client_observed');
    await observed.execute('SELECT * FROM client_observed_missing').catch(() => undefined);
    await observed.close();
    expect(seen.map(({ sql, rows, error }) => ({ sql, rows, failed: error !== undefined }))).toEqual([
      { sql: 'CREATE OR REPLACE TABLE client_observed (n INT)', rows: 0, failed: false },
      { sql: 'INSERT INTO client_observed VALUES (1), (2), (3)', rows: 3, failed: false },
      { sql: 'SELECT * FROM client_observed', rows: 3, failed: false },
      { sql: 'SELECT * FROM client_observed_missing', rows: 0, failed: true },
    ]);
    for (const event of seen) expect(event.durationMs).toBeGreaterThanOrEqual(0);
  });
});
