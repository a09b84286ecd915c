import { describe, expect, it } from 'vitest';
import { classifyDriverError } from '../../src/client/driver-error.js';
import { httpEndpoint } from '../../src/client/dsn.js';
import { changesSession, probeQuery } from '../../src/client/exact-read.js';
import { parsePage } from '../../src/client/http-query.js';
import { textCellReader } from '../../src/client/text-values.js';
import { ServerError, TransportError } from '../../src/errors.js';

const page = (fields: Record<string, unknown>) =>
  JSON.stringify({ id: 'q1', state: 'Succeeded', error: null, schema: [{ name: 'n', type: 'UInt64' }], data: [['1'], ['2']], stats: {}, ...fields });

describe('parsePage', () => {
  it('reads the columns, rows, timezone, next page and session of a response', () => {
    const parsed = parsePage(
      200,
      'OK',
      page({ next_uri: '/v1/query/q1/page/1', settings: { timezone: 'Asia/Shanghai' }, session: { database: 'd' }, data: [['1'], [null]] }),
      true,
    );
    expect({ ...parsed, data: [...parsed.data] }).toEqual({
      id: 'q1',
      schema: [{ name: 'n', type: 'UInt64' }],
      data: [['1'], [null]],
      timezone: 'Asia/Shanghai',
      nextUri: '/v1/query/q1/page/1',
      session: { database: 'd' },
    });
    expect(parsePage(200, 'OK', page({ next_uri: null, session: null }), false)).toMatchObject({ nextUri: undefined, session: undefined, timezone: undefined });
  });

  const failure = (status: number, body: string, first = true): Error => {
    try {
      parsePage(status, status === 200 ? 'OK' : 'Bad Request', body, first);
    } catch (error) {
      return error as Error;
    }
    throw new Error('parsePage accepted the response');
  };
  const context = { sql: 'SELECT 1', secrets: ['hunter22secret'], target: 'databend://root:***@h:8000/' };

  it("raises a statement's failure in the driver's words, which the client turns into a ServerError", () => {
    const error = failure(200, page({ error: { code: 1025, message: 'Unknown table "t" .', detail: 'at line 1' }, state: 'Failed' }));
    expect(error.message).toBe('APIError: QueryFailed: [1025]Unknown table "t" .\nat line 1');
    const classified = classifyDriverError(error, context);
    expect(classified).toBeInstanceOf(ServerError);
    expect(classified).toMatchObject({ serverCode: 1025, serverMessage: 'Unknown table "t" .\nat line 1' });
  });

  it('raises HTTP refusals as the driver does: 400 a ServerError, 401 and a lost query a TransportError', () => {
    const bad = failure(400, JSON.stringify({ error: { code: 400, message: 'parse error: bad' } }));
    expect(bad.message).toBe('APIError: BadRequest:(400 Bad Request)[400]parse error: bad');
    expect(classifyDriverError(bad, context)).toBeInstanceOf(ServerError);
    const auth = failure(401, JSON.stringify({ error: { code: 5100, message: 'wrong password for user root' } }));
    expect(auth.message).toBe('APIError: AuthFailure: [5100]wrong password for user root');
    expect(classifyDriverError(auth, context)).toBeInstanceOf(TransportError);
    const lost = failure(404, JSON.stringify({ error: { code: 404, message: 'Query ID q1 not found' } }), false);
    expect(lost.message).toBe('APIError: QueryNotFound: Query ID q1 not found');
    expect(classifyDriverError(lost, context)).toBeInstanceOf(TransportError);
  });

  it('refuses a body that is not a page, quoting at most 200 characters of it', () => {
    expect(failure(502, 'x'.repeat(500)).message).toBe(`APIError: ResponseError: (502)${'x'.repeat(200)}...`);
    expect(failure(200, 'not json').message).toMatch(/^APIError: DecodeError: /);
    expect(failure(200, page({ data: [[1]] })).message).toMatch(/a page needs id, schema and data/);
    expect(failure(200, page({ schema: [{ name: 'n' }] })).message).toMatch(/a page needs id, schema and data/);
    expect(failure(200, JSON.stringify({ schema: [], data: [] })).message).toMatch(/a page needs id/);
  });

  it('keeps credentials out of the classified error', () => {
    const error = failure(200, page({ error: { code: 1006, message: "bad secret 'hunter22secret'" } }));
    const classified = classifyDriverError(error, context);
    expect(classified.message).not.toContain('hunter22secret');
    expect(String((classified.cause as Error).message)).not.toContain('hunter22secret');
  });
});

describe('textCellReader', () => {
  const read = (type: string, cell: string | null, zone = 'UTC') => textCellReader(type, zone)!(cell);

  it("gives each top-level type the driver's value", () => {
    expect(read('Boolean', '1')).toBe(true);
    expect(read('Boolean', '0')).toBe(false);
    expect(read('Int32', '-7')).toBe(-7);
    expect(read('Int64', '9007199254740993')).toBe(9007199254740992);
    expect(read('UInt64', '18446744073709551615')).toBe(18446744073709551615n);
    expect(read('Float64', '0.1')).toBe(0.1);
    expect(read('Float64', 'NaN')).toBeNaN();
    expect(read('Float64', '-Infinity')).toBe(Number.NEGATIVE_INFINITY);
    expect(read('Float32', '0.1')).toBe(Math.fround(0.1));
    expect(read('Decimal(38, 4)', '-0.0500')).toBe('-0.0500');
    expect(read('String', 'a "b" \\n')).toBe('a "b" \\n');
    expect(read('Binary', 'DEAD00FF')).toEqual(Buffer.from([0xde, 0xad, 0x00, 0xff]));
    expect(read('Date', '2024-02-29')).toEqual(new Date('2024-02-29T00:00:00Z'));
    expect(read('Timestamp', '2024-02-29 12:34:56.789999')).toEqual(new Date('2024-02-29T12:34:56.789Z'));
    expect(read('Timestamp', '1969-12-31 23:59:59.999999')).toEqual(new Date('1970-01-01T00:00:00.000Z'));
    expect(read('Timestamp', '1969-12-31 23:59:59.998000')).toEqual(new Date('1969-12-31T23:59:59.998Z'));
    expect(read('Timestamp', '1969-12-31 23:59:59.998500')).toEqual(new Date('1969-12-31T23:59:59.999Z'));
    expect(read('Timestamp', '2024-01-01 08:00:00.000000', 'Asia/Shanghai')).toEqual(new Date('2024-01-01T00:00:00Z'));
    expect(read('Variant', '{"a":1}')).toBe('{"a":1}');
    expect(read('Vector(3)', '[1.0,0.1,-2.0]')).toEqual([1, Math.fround(0.1), -2]);
    expect(read('NULL', null)).toBeNull();
  });

  it('reads NULL as null in a nullable column, except a string', () => {
    expect(read('Nullable(Int32)', null)).toBeNull();
    expect(read('Nullable(Int32)', 'NULL')).toBeNull();
    expect(read('Nullable(String)', 'NULL')).toBe('NULL');
    expect(read('String', null)).toBeNull();
  });

  it('reads nested values of exact leaves', () => {
    expect(read('Array(Int32 NULL)', '[1,NULL,-3]')).toEqual([1, null, -3]);
    expect(read('Array(Array(Float64))', '[[0.5],[],[NaN]]')).toEqual([[0.5], [], [Number.NaN]]);
    expect(read('Map(Int32, Boolean)', '{1:1,2:0}')).toEqual({ 1: true, 2: false });
    expect(read('Tuple(Int32, Array(UInt8), Float32)', '(1,[2,3],0.1)')).toEqual([1, [2, 3], Math.fround(0.1)]);
    expect(read('Array(Nothing)', '[]')).toEqual([]);
    expect(read('Map(Nothing)', '{}')).toEqual({});
    expect(() => read('Array(Int32)', '[1,2')).toThrow(SyntaxError);
    expect(() => read('Tuple(Int32, Int32)', '(1)')).toThrow(SyntaxError);
    expect(() => read('Array(Int32)', '[x]')).toThrow(SyntaxError);
  });

  it('has no reader where the driver value is not pinned: the client then reads through the driver', () => {
    for (const type of [
      'Array(String)',
      'Map(String, Int32)',
      'Array(Int64)',
      'Array(Decimal(10, 2))',
      'Interval',
      'Bitmap',
      'Geometry',
      'Timestamp_Tz',
      'Tuple(Int32, String)',
      'Nonsense(',
    ]) {
      expect(textCellReader(type, 'UTC'), type).toBeUndefined();
    }
  });
});

describe('httpEndpoint', () => {
  it('reads the DSN as the driver does: TLS unless sslmode=disable, credentials decoded, the rest as settings', () => {
    const endpoint = httpEndpoint(
      'databend://ro%40t:p%2Fw@db.example:8000/lake?sslmode=disable&role=analyst&timezone=Asia%2FShanghai&max_rows_per_page=500&tenant=t1',
    );
    expect(endpoint).toEqual({
      origin: 'http://db.example:8000',
      authorization: `Basic ${Buffer.from('ro@t:p/w').toString('base64')}`,
      session: { database: 'lake', role: 'analyst', settings: { timezone: 'Asia/Shanghai' } },
      pagination: { max_rows_per_page: 500 },
      headers: { 'X-DATABEND-TENANT': 't1' },
      pageTimeoutMs: 300_000,
      retries: 3,
      retryDelayMs: 10_000,
    });
    expect(httpEndpoint('databend://h:8000/?retry_count=0&retry_delay_secs=2&page_request_timeout_secs=7')).toMatchObject({
      retries: 0,
      retryDelayMs: 2_000,
      pageTimeoutMs: 7_000,
    });
    expect(httpEndpoint('databend://u:p@host/')).toMatchObject({ origin: 'https://host:443', session: {}, pagination: undefined });
    expect(httpEndpoint('databend://host:8000?access_token=tok&sslmode=require')).toMatchObject({ origin: 'https://host:8000', authorization: 'Bearer tok' });
    expect(httpEndpoint('databend://host:8000/?sslmode=disable')?.authorization).toBe(`Basic ${Buffer.from('root:').toString('base64')}`);
  });

  it('declines what the page reader does not do, and what is not a URL', () => {
    expect(httpEndpoint('databend://h:8000/?access_token_file=/run/token')).toBeUndefined();
    expect(httpEndpoint('databend://h:8000/?query_result_format=arrow')).toBeUndefined();
    expect(httpEndpoint('not a dsn')).toBeUndefined();
  });
});

describe('statements the client reads as they are', () => {
  it.each([
    'LIST @stage',
    "COPY INTO t FROM @s FILE_FORMAT = (TYPE = 'PARQUET')",
    'SHOW TABLES',
    'DESC frame_events',
    'EXPLAIN SELECT 1',
    'INSERT INTO t SELECT 1',
    'SELECT * FROM frame_events_stream WITH CONSUME',
    '/* c */ select a from s with consume',
    'WITH x AS (SELECT 1 AS a) INSERT INTO t SELECT a FROM x',
    'WITH x AS (SELECT 1 AS a) DELETE FROM t WHERE a IN (SELECT a FROM x)',
    'CALL PROCEDURE p()',
  ])('never wraps %s in a probe', (sql) => {
    expect(probeQuery(sql)).toBeUndefined();
  });

  it.each(['SELECT 1', '-- c\nWITH x AS (SELECT 1) SELECT * FROM x', 'VALUES (1), (2)', '  select * from t;'])('probes the plain query %s', (sql) => {
    expect(probeQuery(sql)).toMatch(/LIMIT 0$/);
  });
});

describe('changesSession', () => {
  it.each([
    'USE db',
    "SET timezone = 'UTC'",
    'UNSET max_threads',
    'BEGIN',
    'BEGIN TRANSACTION',
    'COMMIT',
    'ROLLBACK',
    'ABORT',
    'SET ROLE analyst',
    'CREATE TEMP TABLE t (a INT)',
    '/* x */ create or replace temporary table t (a int)',
    'EXECUTE IMMEDIATE $$ BEGIN USE db; END $$',
    'CALL PROCEDURE p()',
  ])('%s changes the session', (sql) => {
    expect(changesSession(sql)).toBe(true);
  });

  it.each([
    'SELECT 1',
    'CREATE TABLE t (a INT)',
    'CREATE TRANSIENT TABLE t (a INT)',
    'INSERT INTO t VALUES (1)',
    'COPY INTO t FROM @s',
    'SELECT * FROM settings_table',
  ])('%s does not', (sql) => {
    expect(changesSession(sql)).toBe(false);
  });
});
