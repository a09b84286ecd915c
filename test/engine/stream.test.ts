// client.stream() and client.query() read result pages over the HTTP query API, and where the page reader does not
// apply client.query() reads with the driver's queryAll: every path must give the rows the driver's row iterator
// gives (the row-by-row path), value for value. Every request
// between the clients and the engine goes through a recording proxy, so the tests see which path read a statement
// and what the server was asked (the kill of an abandoned query).
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driveSessions, frameEmbeddings, frameEvents, framePayloads } from '../../examples/everdrive/tables.js';
import { createTable } from '../../src/builders/create-table.js';
import { createClient, type DatabendClient } from '../../src/client/client.js';
import type { DriverModule } from '../../src/client/driver-types.js';
import { loadDriver } from '../../src/client/load-driver.js';
import type { StatementEvent } from '../../src/client/types.js';
import { ServerError, TransportError } from '../../src/errors.js';
import { DatabendDialect, type KyselyDatabase } from '../../src/kysely/index.js';
import { quoteString } from '../../src/render/quote.js';
import { table, type AnyTable } from '../../src/schema/table.js';
import {
  array,
  bigint,
  bigintUnsigned,
  binary,
  boolean,
  date,
  decimal,
  double,
  float,
  int,
  map,
  string,
  timestamp,
  tuple,
  variant,
  vector,
} from '../../src/schema/column-types.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly agent: string;
  readonly queryId: string;
  readonly status: number;
  readonly body: string;
  readonly routeHint: string;
  readonly stickyNode: string;
  /** The `node_id` a query response names (read from its head, kept whatever the body's size). */
  readonly nodeId: string | undefined;
}

let engine: TestDatabase;
let proxy: Server;
const seen: Seen[] = [];
/** Streams and queries over HTTP. */
let client: DatabendClient;
/** The real driver passed as the `driver` option: no page reader, so query() reads with queryAll. */
let viaQueryAll: DatabendClient;
/** The row-by-row reference: the real driver without queryAll, which the client then reads with next() per row. */
let rowByRow: DatabendClient;
let proxied: (dsn: string) => string;
/** When set, the proxy hands the client each response body through it (a test's corruption of a page). */
let rewrite: ((body: string) => string) | undefined;
/** When it says so, the proxy answers 503 in place of the server's answer, which the server has made all the same. */
let unavailable: ((request: Seen) => boolean) | undefined;

beforeAll(async () => {
  engine = await openTestDatabase('stream_read');
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const upstream = request({ host: engine.host, port: engine.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (c: Buffer) => parts.push(c));
        answer.on('end', () => {
          const body = Buffer.concat(parts);
          seen.push({
            method: req.method ?? '',
            url: req.url ?? '',
            agent: String(req.headers['user-agent'] ?? ''),
            queryId: String(req.headers['x-databend-query-id'] ?? ''),
            status: answer.statusCode ?? 0,
            body: body.length < 4096 ? body.toString('utf8') : '',
            routeHint: String(req.headers['x-databend-route-hint'] ?? ''),
            stickyNode: String(req.headers['x-databend-sticky-node'] ?? ''),
            nodeId: /"node_id":"([^"]*)"/.exec(body.toString('utf8', 0, Math.min(body.length, 2048)))?.[1],
          });
          if (unavailable?.(seen.at(-1)!) === true) {
            res.writeHead(503, { 'Content-Type': 'text/plain' });
            res.end('unavailable');
            return;
          }
          const sent = rewrite === undefined ? body : Buffer.from(rewrite(body.toString('utf8')), 'utf8');
          const headers = { ...answer.headers };
          if (sent !== body) headers['content-length'] = String(sent.length);
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(sent);
        });
      });
      upstream.on('error', () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const port = (proxy.address() as AddressInfo).port;
  proxied = (dsn) => dsn.replace(`${engine.host}:${engine.port}`, `127.0.0.1:${port}`);
  client = createClient({ dsn: proxied(engine.dsn) });
  const real = await loadDriver();
  const withoutQueryAll: DriverModule = {
    Client: class {
      readonly #inner: InstanceType<DriverModule['Client']>;
      constructor(dsn: string) {
        this.#inner = new real.Client(dsn);
      }
      async getConn() {
        const conn = await this.#inner.getConn();
        return { exec: (s: string) => conn.exec(s), queryIter: (s: string) => conn.queryIter(s), close: () => conn.close() };
      }
    },
  };
  rowByRow = createClient({ dsn: engine.dsn, driver: withoutQueryAll });
  viaQueryAll = createClient({ dsn: proxied(engine.dsn), driver: real });
}, 300_000);

afterAll(async () => {
  await client?.close();
  await rowByRow?.close();
  await viaQueryAll?.close();
  await new Promise((resolve) => proxy?.close(resolve));
  await engine?.release();
});

/** The statements the page reader (user agent databend-etl) started since `from`. */
const pageReads = (from: number) => seen.slice(from).filter((s) => s.agent === 'databend-etl' && s.method === 'POST' && s.url === '/v1/query');

async function streamed<R>(c: DatabendClient, sql: string, options?: { table: AnyTable }): Promise<R[]> {
  const rows: R[] = [];
  const source = options === undefined ? c.stream<R>(sql) : (c.stream(sql, options) as AsyncIterable<R>);
  for await (const row of source) rows.push(row);
  return rows;
}

const everyType = table('stream_every_type', {
  id: int().notNull(),
  flag: boolean(),
  big: bigint(),
  exact: bigint({ mode: 'bigint' }),
  ubig: bigintUnsigned(),
  ratio: double(),
  single: float(),
  amount: decimal(38, 4),
  label: string(),
  raw: binary(),
  day: date(),
  at: timestamp(),
  payload: variant(),
  embedding: vector(4),
  tags: array(string()),
  numbers: array(int()),
  counts: map(string(), int()),
  position: tuple({ lat: double(), lon: double() }),
});

const tricky = 'it\'s \\ a "quoted"\nline ✓ \u{1F600}';

describe('the same rows on every path', () => {
  beforeAll(async () => {
    await client.execute(createTable(everyType).orReplace());
    await client.execute(
      `INSERT INTO stream_every_type VALUES (1, TRUE, 9007199254740991, 9223372036854775807, 18446744073709551615, 0.1, 0.1, ` +
        `-12345678901234567890.0500, ${quoteString(tricky)}, FROM_HEX('dead00ff'), '1969-12-31', '1969-12-31 23:59:59.999999', ` +
        `PARSE_JSON('{"a":[1,"x",null],"b":{"c":true},"n":1.5}'), [1, 0.1, -2, 3.25], ['a', NULL, 'c"d\\\\'], [1, NULL], ` +
        `{'k1': 1, 'k2': NULL}, (52.5, 13.25)), ` +
        `(2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL), ` +
        `(3, FALSE, -9007199254740991, -9223372036854775808, 0, -0.0, 1e30, 0.0000, '', FROM_HEX(''), '2024-02-29', '2024-02-29 12:34:56.789', ` +
        `PARSE_JSON('"text"'), [0, 0, 0, 0], [], [], {}, (NULL, -1.5))`,
    );
    for (const t of [driveSessions, frameEvents, framePayloads, frameEmbeddings]) await client.execute(createTable(t).orReplace());
    await client.execute(
      "INSERT INTO drive_sessions SELECT 's' || number::STRING, 'v1', 'route \"9\"', TO_TIMESTAMP(1700000000 + number), NULL, 'rain', 'front' FROM numbers(300)",
    );
    await client.execute(
      "INSERT INTO frame_events SELECT 'f' || number::STRING, 's' || (number % 7)::STRING, number::INT, TO_TIMESTAMP(1700000000000000 + number * 33333), " +
        "IF(number % 3 = 0, 'brake', NULL), number / 7.0 FROM numbers(25000)",
    );
    await client.execute(
      "INSERT INTO frame_payloads SELECT 'f' || number::STRING, 'detect', PARSE_JSON('{\"boxes\":[' || number::STRING || ',1.5e300],\"label\":\"c\\\\\"a\"}'), NOW() FROM numbers(300)",
    );
    await client.execute("INSERT INTO frame_embeddings SELECT 'f' || number::STRING, 's1', [number, 0.1, -1, 1e-7], 'm1', NULL FROM numbers(300)");
  });

  const cases: [string, string, AnyTable | undefined][] = [
    ['every column type, declared', 'SELECT * FROM stream_every_type ORDER BY id', everyType],
    ['every column type, undeclared', 'SELECT * EXCLUDE (big, exact) FROM stream_every_type ORDER BY id', undefined],
    ['drive_sessions', 'SELECT * FROM drive_sessions ORDER BY session_id', driveSessions],
    ['frame_events (25 000 rows, three pages)', 'SELECT * FROM frame_events ORDER BY frame_index', frameEvents],
    ['frame_payloads', 'SELECT * FROM frame_payloads ORDER BY frame_id', framePayloads],
    ['frame_embeddings', 'SELECT * FROM frame_embeddings ORDER BY frame_id', frameEmbeddings],
  ];

  it.each(cases)('%s: stream and query (pages), query through queryAll and the row-by-row path agree', { timeout: 120_000 }, async (_name, sql, declared) => {
    const options = declared === undefined ? undefined : { table: declared };
    const query = (c: DatabendClient): Promise<unknown[]> => (options === undefined ? c.query(sql) : c.query(sql, options));
    let before = seen.length;
    const pages = await streamed(client, sql, options);
    expect(pageReads(before).length).toBe(1);
    before = seen.length;
    const all = await query(client);
    expect(pageReads(before).length).toBe(1);
    before = seen.length;
    const fromQueryAll = await query(viaQueryAll);
    expect(pageReads(before).length).toBe(0);
    const reference = await streamed(rowByRow, sql, options);
    expect(reference.length).toBeGreaterThan(0);
    // isDeepStrictEqual tells a Buffer from a Uint8Array, but not key order: the keys are compared as well.
    const keys = (rows: unknown[]) => rows.map((r) => Object.keys(r as object));
    for (const rows of [pages, all, fromQueryAll]) {
      expect(isDeepStrictEqual(rows, reference)).toBe(true);
      expect(keys(rows)).toEqual(keys(reference));
    }
  });

  it('reads the declared every-type row with its exact values', async () => {
    const [first] = await streamed<Record<string, unknown>>(client, 'SELECT * FROM stream_every_type WHERE id = 1', { table: everyType });
    expect(first).toMatchObject({
      big: 9007199254740991,
      exact: 9223372036854775807n,
      ubig: 18446744073709551615n,
      single: Math.fround(0.1),
      amount: '-12345678901234567890.0500',
      label: tricky,
      raw: new Uint8Array([0xde, 0xad, 0x00, 0xff]),
      day: new Date('1969-12-31T00:00:00Z'),
      // The driver divides the microseconds toward zero: the last microsecond before 1970 reads as the epoch.
      at: new Date('1970-01-01T00:00:00.000Z'),
      tags: ['a', null, 'c"d\\'],
      numbers: [1, null],
      position: { lat: 52.5, lon: 13.25 },
    });
  });
});

describe('Kysely', () => {
  it('streamQuery and executeQuery read pages, with the rows of the row-by-row path', { timeout: 120_000 }, async () => {
    const db = new Kysely<KyselyDatabase<{ frameEvents: typeof frameEvents }>>({ dialect: new DatabendDialect({ client, tables: { frameEvents } }) });
    const query = db.selectFrom('frame_events').selectAll().orderBy('frame_index').limit(12_000);
    let before = seen.length;
    const streamedRows: unknown[] = [];
    for await (const row of query.stream(5000)) streamedRows.push(row);
    expect(pageReads(before).length).toBe(1);
    before = seen.length;
    const executed = await query.execute();
    expect(pageReads(before).length).toBe(1);
    const reference = await streamed(rowByRow, query.compile().sql, { table: frameEvents });
    expect(reference.length).toBe(12_000);
    expect(isDeepStrictEqual(streamedRows, reference)).toBe(true);
    expect(isDeepStrictEqual(executed, reference)).toBe(true);
  });
});

describe('leaving early', () => {
  it('kills the query on the server when the loop breaks, and the session stays usable', async () => {
    const small = createClient({ dsn: `${proxied(engine.dsn)}&max_rows_per_page=1000` });
    try {
      const before = seen.length;
      const got: number[] = [];
      for await (const row of small.stream<{ n: number }>('SELECT number::INT AS n FROM numbers(50000) ORDER BY n')) {
        got.push(row.n);
        if (got.length === 10) break;
      }
      expect(got).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      const [start] = pageReads(before);
      expect(start).toBeDefined();
      const queryId = start!.queryId;
      const kill = seen.slice(before).find((s) => s.url === `/v1/query/${queryId}/kill`);
      expect(kill).toMatchObject({ method: 'POST', status: 200 });
      // Fewer than all 50 pages were asked for: the reader stays one page ahead of the consumer.
      expect(seen.slice(before).filter((s) => s.url.startsWith(`/v1/query/${queryId}/page/`)).length).toBeLessThanOrEqual(1);
      // The server closed it: a later page is refused.
      const answer = await fetch(`http://${engine.host}:${engine.port}/v1/query/${queryId}/page/2`, {
        headers: { Authorization: `Basic ${Buffer.from('root:').toString('base64')}`, 'X-DATABEND-QUERY-ID': queryId },
      });
      expect(answer.status).toBe(400);
      expect(await answer.text()).toMatch(/closed for canceled/);
      expect(await streamed(small, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await small.close();
    }
  });

  it("sends a query's later requests to the node its first page named, with one route hint, as the driver does", async () => {
    const small = (driver?: DriverModule) =>
      createClient({ dsn: `${proxied(engine.dsn)}&max_rows_per_page=1000`, ...(driver === undefined ? {} : { driver }) });
    const requestsOf = async (c: DatabendClient, agent: RegExp) => {
      const before = seen.length;
      try {
        expect((await c.query('SELECT number FROM numbers(3000)')).length).toBe(3000);
      } finally {
        await c.close();
      }
      const mine = seen.slice(before).filter((s) => agent.test(s.agent) && s.url.startsWith('/v1/query'));
      // The last POST /v1/query is the statement itself (before it, the LIMIT 0 probe), then its pages.
      const start = mine.findLastIndex((s) => s.url === '/v1/query');
      return { start: mine[start]!, later: mine.slice(start + 1) };
    };
    const ours = await requestsOf(small(), /^databend-etl$/);
    const theDriver = await requestsOf(small(await loadDriver()), /^databend-driver/);
    for (const { start, later } of [ours, theDriver]) {
      expect(start.nodeId).toBeTruthy();
      expect(start.stickyNode).toBe('');
      expect(start.routeHint).toMatch(/^rh:[0-9a-f-]{36}:\d{6}$/);
      expect(later.length).toBeGreaterThanOrEqual(2);
      for (const request of later) expect(request).toMatchObject({ stickyNode: start.nodeId, routeHint: start.routeHint, status: 200 });
    }
    // A node the server does not know is refused, as a cluster refuses a lost node: so the header is read.
    const answer = await fetch(`http://${engine.host}:${engine.port}/v1/query`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from('root:').toString('base64')}`,
        'Content-Type': 'application/json',
        'X-DATABEND-STICKY-NODE': 'no-such-node',
      },
      body: JSON.stringify({ sql: 'SELECT 1' }),
    });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toMatch(/Sticky session state lost: node 'no-such-node' not found in cluster/);
  });

  it('sends a query start answered 503 again with its query id, and the server answers it from the run it made', async () => {
    await client.execute('CREATE OR REPLACE SEQUENCE stream_retry_seq');
    const retrying = createClient({ dsn: `${proxied(engine.dsn)}&retry_delay_secs=0` });
    try {
      const before = seen.length;
      // The statement's own start (not the driver's LIMIT 0 probe) is lost once, after the server ran it.
      let lost = 0;
      unavailable = (r) => r.agent === 'databend-etl' && r.url === '/v1/query' && lost++ === 0;
      expect(await retrying.query('SELECT nextval(stream_retry_seq) AS n')).toEqual([{ n: 1n }]);
      unavailable = undefined;
      const starts = pageReads(before);
      expect(starts.map((r) => r.status)).toEqual([200, 200]);
      expect(starts[0]!.queryId).toBe(starts[1]!.queryId);
      // Run once: the next value is the second.
      expect(await retrying.query('SELECT nextval(stream_retry_seq) AS n')).toEqual([{ n: 2n }]);
    } finally {
      unavailable = undefined;
      await retrying.close();
      await client.execute('DROP SEQUENCE IF EXISTS stream_retry_seq');
    }
  });

  it('does not kill a query it read to the end', async () => {
    const before = seen.length;
    expect((await streamed(client, 'SELECT number FROM numbers(20000)')).length).toBe(20000);
    expect(seen.slice(before).some((s) => s.url.endsWith('/kill'))).toBe(false);
    expect(seen.slice(before).some((s) => s.url.endsWith('/final') && s.agent === 'databend-etl')).toBe(true);
  });
});

describe('errors', () => {
  it('raises a failure in a page as a ServerError with the masked SQL', async () => {
    const before = seen.length;
    const sql = "SELECT CAST(IF(number = 3, 'x', number::STRING) AS INT) AS n FROM numbers(10)";
    const error = await streamed(client, sql).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ serverCode: 1006, sql });
    expect(pageReads(before).length).toBe(1);
  });

  it('raises a page row that is not JSON as a TransportError when the loop reaches it, rows before it read', async () => {
    rewrite = (body) => body.replace('"f2"', '"bad \\x escape"');
    const events: StatementEvent[] = [];
    const observed = createClient({ dsn: proxied(engine.dsn), observe: (event) => events.push(event) });
    try {
      const sql = 'SELECT frame_id FROM frame_events ORDER BY frame_index LIMIT 5';
      await expect(observed.query(sql)).rejects.toBeInstanceOf(TransportError);
      const seenRows: unknown[] = [];
      const failure = await (async () => {
        try {
          for await (const row of observed.stream(sql)) seenRows.push(row);
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(failure).toBeInstanceOf(TransportError);
      expect((failure as Error).message).toMatch(/DecodeError/);
      expect(seenRows).toEqual([{ frame_id: 'f0' }, { frame_id: 'f1' }]);
      // The rows each call returned: none from the query() that failed, the two the stream yielded before it failed.
      expect(events.map((e) => [e.rows, e.error instanceof TransportError])).toEqual([
        [0, true],
        [2, true],
      ]);
    } finally {
      rewrite = undefined;
      await observed.close();
    }
  });

  it('keeps the DSN password out of a page error that quotes it', async () => {
    const password = 'Str3am-pass-7391';
    await client.execute(`CREATE USER IF NOT EXISTS stream_reader IDENTIFIED BY ${quoteString(password)}`);
    await client.execute('GRANT SELECT ON *.* TO stream_reader');
    const user = createClient({ dsn: proxied(engine.dsn).replace('root:@', `stream_reader:${password}@`) });
    try {
      const before = seen.length;
      const error = await streamed(user, `SELECT CAST(IF(number = 3, ${quoteString(password)}, number::STRING) AS INT) AS n FROM numbers(10)`).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(pageReads(before).length).toBe(1);
      expect(error).toBeInstanceOf(ServerError);
      const text = `${(error as Error).message} ${(error as ServerError).serverMessage} ${((error as Error).cause as Error | undefined)?.message}`;
      expect(text).not.toContain(password);
      expect(text).toContain('***');
    } finally {
      await user.close();
      await client.execute('DROP USER IF EXISTS stream_reader');
    }
  });
});

describe('session changes', () => {
  it('reads through the driver once a statement changed the session, so USE holds', async () => {
    const other = createClient({ dsn: proxied(engine.dsn) });
    try {
      await other.execute('CREATE DATABASE IF NOT EXISTS stream_read_other');
      await other.execute('CREATE OR REPLACE TABLE stream_read_other.t (a INT)');
      await other.execute('INSERT INTO stream_read_other.t VALUES (42)');
      expect(await streamed(other, 'SELECT currentDatabase() AS db')).toEqual([{ db: engine.database }]);
      await other.execute('USE stream_read_other');
      const before = seen.length;
      expect(await streamed(other, 'SELECT a FROM t')).toEqual([{ a: 42 }]);
      expect(await streamed(other, 'SELECT currentDatabase() AS db')).toEqual([{ db: 'stream_read_other' }]);
      expect(pageReads(before).length).toBe(0);
    } finally {
      await other.execute('DROP DATABASE IF EXISTS stream_read_other');
      await other.close();
    }
  });
});
