import { execFileSync } from 'node:child_process';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { secret } from '../../src/ast/secret.js';
import type { CopyIntoTableStmt } from '../../src/ast/copy.js';
import type { ListStageStmt } from '../../src/ast/stage.js';
import { createTable } from '../../src/builders/create-table.js';
import type { Compilable } from '../../src/builders/statement-builder.js';
import { createClient } from '../../src/client/client.js';
import type { StatementEvent, TypedCompilable } from '../../src/client/types.js';
import type { DriverField, DriverModule, DriverRowIterator } from '../../src/client/driver-types.js';
import { InexactReadError, RowValidationError, ServerError, ValidationError } from '../../src/errors.js';
import { table } from '../../src/schema/table.js';
import { array, bigint, double, string, tuple, variant } from '../../src/schema/column-types.js';

type Result = { readonly fields: DriverField[]; readonly rows: unknown[][] } | Error;

/** A stand-in for databend-driver that answers each SQL text from `results` and records what it was asked. */
function fakeDriver(results: Record<string, Result> = {}) {
  const log = { dsns: [] as string[], sql: [] as string[], iteratorsClosed: 0, connectionsClosed: 0, rowsFetched: 0 };
  const answer = (sql: string): Exclude<Result, Error> => {
    log.sql.push(sql);
    const result = results[sql] ?? { fields: [], rows: [] };
    if (result instanceof Error) throw result;
    return result;
  };
  const driver: DriverModule = {
    Client: class {
      constructor(dsn: string) {
        log.dsns.push(dsn);
      }
      async getConn() {
        return {
          exec: async (sql: string) => answer(sql).rows.length,
          queryIter: async (sql: string): Promise<DriverRowIterator> => {
            const { fields, rows } = answer(sql);
            let i = 0;
            return {
              schema: () => ({ fields: () => fields }),
              next: async () => {
                const row = rows[i++];
                if (row === undefined) return null;
                log.rowsFetched++;
                return { values: () => row };
              },
              close: () => void log.iteratorsClosed++,
            };
          },
          close: async () => void log.connectionsClosed++,
        };
      }
    },
  };
  return { driver, log };
}

const DSN = 'databend://root:pw@localhost:8000/default?sslmode=disable';

/** A built statement of the given kind that renders `sql`, and `masked` when secrets are masked. */
function statement<N extends { kind: string }>(node: N, sql: string, masked = sql): Compilable<any> {
  return { toNode: () => node as any, compile: (o) => (o?.maskSecrets ? masked : sql) };
}

describe('createClient', () => {
  it('loads nothing and connects to nothing until the first statement, then keeps one session', async () => {
    const { driver, log } = fakeDriver();
    const client = createClient({ dsn: DSN, driver });
    expect(log.dsns).toEqual([]);
    await client.execute('USE db');
    await client.execute('SET max_threads = 2');
    expect(log.dsns).toEqual(['databend://root:pw@localhost:8000/default?sslmode=disable&timezone=UTC']);
    await client.close();
    expect(log.connectionsClosed).toBe(1);
  });

  it('pins the time zone given, and shows the DSN masked', () => {
    const client = createClient({ dsn: DSN, timezone: 'Asia/Tokyo', driver: fakeDriver().driver });
    expect(client.dsn).toBe('databend://root:***@localhost:8000/default?sslmode=disable&timezone=Asia%2FTokyo');
  });

  it('opens a new session after a failed connect instead of caching the failure', async () => {
    let attempts = 0;
    const { driver } = fakeDriver();
    const flaky: DriverModule = {
      Client: class extends driver.Client {
        override async getConn() {
          if (attempts++ === 0) throw new Error('APIError: [request_kind=login]: reqwest::Error: error sending request [v0.33.7]');
          return super.getConn();
        }
      } as DriverModule['Client'],
    };
    const client = createClient({ dsn: DSN, driver: flaky });
    await expect(client.execute('SELECT 1')).rejects.toMatchObject({ code: 'TRANSPORT' });
    await expect(client.execute('SELECT 1')).resolves.toMatchObject({ rowsAffected: 0 });
  });
});

describe('execute', () => {
  it('sends a builder with secrets revealed and reports it masked', async () => {
    const { driver, log } = fakeDriver();
    const events: StatementEvent[] = [];
    const client = createClient({ dsn: DSN, driver, observe: (e) => events.push(e) });
    const stmt = statement(
      { kind: 'CreateConnectionStmt', key: secret('s3cr3t') },
      "CREATE CONNECTION c SECRET_ACCESS_KEY = 's3cr3t'",
      "CREATE CONNECTION c SECRET_ACCESS_KEY = '***'",
    );
    const result = await client.execute(stmt);
    expect(log.sql).toEqual(["CREATE CONNECTION c SECRET_ACCESS_KEY = 's3cr3t'"]);
    expect(result).toMatchObject({ sql: "CREATE CONNECTION c SECRET_ACCESS_KEY = '***'", rowsAffected: 0, dryRun: false });
    expect(events.map((e) => e.sql)).toEqual(["CREATE CONNECTION c SECRET_ACCESS_KEY = '***'"]);
  });

  it('masks credentials written in raw SQL', async () => {
    const client = createClient({ dsn: DSN, driver: fakeDriver().driver });
    expect((await client.execute("CREATE STAGE s URL = 's3://b/' CONNECTION = (ACCESS_KEY_ID = 'AKIA')")).sql).toBe(
      "CREATE STAGE s URL = 's3://b/' CONNECTION = (ACCESS_KEY_ID = '***')",
    );
  });

  it('runs a real builder', async () => {
    const { driver, log } = fakeDriver();
    const t = table('t', { id: bigint() });
    await createClient({ dsn: DSN, driver }).execute(createTable(t));
    expect(log.sql).toEqual([createTable(t).compile()]);
  });

  it('raises a ServerError whose message and SQL hide the secret, and observes it', async () => {
    const failure = new Error("APIError: QueryFailed: [1005]syntax error at\n1 | CREATE CONNECTION c SECRET_ACCESS_KEY = 's3cr3t' nope [v0.33.7]");
    const { driver } = fakeDriver({ "CREATE CONNECTION c SECRET_ACCESS_KEY = 's3cr3t' nope": failure });
    const events: StatementEvent[] = [];
    const client = createClient({ dsn: DSN, driver, observe: (e) => events.push(e) });
    const stmt = statement(
      { kind: 'CreateConnectionStmt', key: secret('s3cr3t') },
      "CREATE CONNECTION c SECRET_ACCESS_KEY = 's3cr3t' nope",
      "CREATE CONNECTION c SECRET_ACCESS_KEY = '***' nope",
    );
    const error = (await client.execute(stmt).catch((e: unknown) => e)) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.serverCode).toBe(1005);
    expect(error.sql).toBe("CREATE CONNECTION c SECRET_ACCESS_KEY = '***' nope");
    expect(error.serverMessage).toBe("syntax error at\n1 | CREATE CONNECTION c SECRET_ACCESS_KEY = '***' nope");
    expect(JSON.stringify([error.message, (error.cause as Error).message, events])).not.toContain('s3cr3t');
    expect(events).toEqual([{ sql: error.sql, durationMs: expect.any(Number), rows: 0, error }]);
  });
});

describe('query and stream', () => {
  const fields = [
    { name: 'id', dataType: 'Int64' },
    { name: 'payload', dataType: 'Nullable(Variant)' },
    { name: 'pos', dataType: 'Tuple(Float64, Float64)' },
  ];
  const trips = table('trips', { id: bigint().notNull(), payload: variant(), pos: tuple({ lat: double(), lon: double() }) });

  it('builds rows from the schema and the values in order, decoded', async () => {
    const { driver } = fakeDriver({
      'SELECT *': {
        fields,
        rows: [
          [1, '{"a":[1]}', [1, 2]],
          [2, null, null],
        ],
      },
    });
    const rows = await createClient({ dsn: DSN, driver }).query('SELECT *');
    expect(rows).toEqual([
      { id: 1, payload: { a: [1] }, pos: [1, 2] },
      { id: 2, payload: null, pos: null },
    ]);
  });

  it('names tuples from the table option and types the rows by it', async () => {
    const { driver } = fakeDriver({ 'SELECT *': { fields, rows: [[1, '{}', [52.5, 13.4]]] } });
    const rows = await createClient({ dsn: DSN, driver }).query('SELECT *', { table: trips });
    expect(rows).toEqual([{ id: 1, payload: {}, pos: { lat: 52.5, lon: 13.4 } }]);
    expectTypeOf(rows[0]!.id).toEqualTypeOf<number>();
    expectTypeOf(rows[0]!.pos).toEqualTypeOf<{ lat: number | null; lon: number | null } | null>();
  });

  it('validates rows against the table with validate: true', async () => {
    const { driver } = fakeDriver({
      good: { fields, rows: [[1, '{}', [1, 2]]] },
      bad: {
        fields,
        rows: [
          [1, '{}', [1, 2]],
          [null, '{}', [1, 2]],
        ],
      },
    });
    const client = createClient({ dsn: DSN, driver });
    await expect(client.query('good', { table: trips, validate: true })).resolves.toHaveLength(1);
    const error = await client.query('bad', { table: trips, validate: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RowValidationError);
    expect(error).toMatchObject({ code: 'ROW_VALIDATION', rowIndex: 1 });
  });

  it('validates with any schema that has parse(), and types the rows by it', async () => {
    const { driver } = fakeDriver({ q: { fields: [{ name: 'n', dataType: 'Int32' }], rows: [[1], [2]] } });
    const schema = { parse: (v: unknown) => ({ n: String((v as { n: number }).n) }) };
    const rows = await createClient({ dsn: DSN, driver }).query('q', { validate: schema });
    expect(rows).toEqual([{ n: '1' }, { n: '2' }]);
    expectTypeOf(rows).toEqualTypeOf<{ n: string }[]>();
  });

  it('refuses validate: true without a table', async () => {
    const client = createClient({ dsn: DSN, driver: fakeDriver().driver });
    await expect(client.query('q', { validate: true })).rejects.toBeInstanceOf(ValidationError);
  });

  it('carries the row type of a typed builder', () => {
    const client = createClient({ dsn: DSN, driver: fakeDriver().driver });
    const typed = statement({ kind: 'SelectStageStmt' }, 'SELECT 1') as TypedCompilable<{ a: number }>;
    expectTypeOf(client.query(typed)).toEqualTypeOf<Promise<{ a: number }[]>>();
    expectTypeOf(client.stream(typed)).toEqualTypeOf<AsyncIterable<{ a: number }>>();
    expectTypeOf(client.query('SELECT 1')).toEqualTypeOf<Promise<Record<string, unknown>[]>>();
  });

  it('closes the result when the loop breaks early, and observes the rows read', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [i]);
    const { driver, log } = fakeDriver({ big: { fields: [{ name: 'n', dataType: 'Int32' }], rows } });
    const events: StatementEvent[] = [];
    const client = createClient({ dsn: DSN, driver, observe: (e) => events.push(e) });
    const seen: unknown[] = [];
    for await (const row of client.stream('big')) {
      seen.push(row);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
    expect(log.rowsFetched).toBe(3);
    expect(log.iteratorsClosed).toBe(1);
    expect(events).toEqual([{ sql: 'big', durationMs: expect.any(Number), rows: 3 }]);
  });

  it('closes the result and raises a classified error when paging fails', async () => {
    const { driver, log } = fakeDriver();
    const failing: DriverModule = {
      Client: class extends driver.Client {
        override async getConn() {
          const conn = await super.getConn();
          return {
            ...conn,
            queryIter: async (): Promise<DriverRowIterator> => ({
              schema: () => ({ fields: () => [{ name: 'n', dataType: 'Int32' }] }),
              next: async () => new Error('APIError: QueryFailed: [1104]Memory limit exceeded [v0.33.7]'),
              close: () => void log.iteratorsClosed++,
            }),
          };
        }
      } as DriverModule['Client'],
    };
    const error = await createClient({ dsn: DSN, driver: failing })
      .query('q')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SERVER', serverCode: 1104, sql: 'q' });
    expect(log.iteratorsClosed).toBe(1);
  });

  it('sends nothing until a stream is iterated', async () => {
    const { driver, log } = fakeDriver();
    createClient({ dsn: DSN, driver }).stream('q');
    await Promise.resolve();
    expect(log.sql).toEqual([]);
  });
});

describe('copy and list', () => {
  it('reports each file a COPY loaded', async () => {
    const copyFields = [
      { name: 'File', dataType: 'String' },
      { name: 'Rows_loaded', dataType: 'Int32' },
      { name: 'Errors_seen', dataType: 'Int32' },
      { name: 'First_error', dataType: 'Nullable(String)' },
      { name: 'First_error_line', dataType: 'Nullable(Int32)' },
    ];
    const sql = 'COPY INTO t FROM @s';
    const { driver } = fakeDriver({
      [sql]: {
        fields: copyFields,
        rows: [
          ['a.csv', 10, 0, null, null],
          ['b.csv', 3, 2, 'bad value', 7],
        ],
      },
    });
    const report = await createClient({ dsn: DSN, driver }).copy(statement<CopyIntoTableStmt>({ kind: 'CopyIntoTableStmt' } as CopyIntoTableStmt, sql));
    expect(report).toEqual([
      { file: 'a.csv', rowsLoaded: 10, errorsSeen: 0, firstError: null, firstErrorLine: null },
      { file: 'b.csv', rowsLoaded: 3, errorsSeen: 2, firstError: 'bad value', firstErrorLine: 7 },
    ]);
  });

  it('accepts only statements of the right kind, at compile time and at run time', async () => {
    const client = createClient({ dsn: DSN, dryRun: true });
    const t = table('t', { id: bigint() });
    // @ts-expect-error CREATE TABLE is not a COPY INTO <table>
    await expect(client.copy(createTable(t))).rejects.toThrow(ValidationError);
    // @ts-expect-error CREATE TABLE is not a LIST
    await expect(client.list(createTable(t))).rejects.toThrow(ValidationError);
  });

  it('reports an empty result (every file already loaded) as no files', async () => {
    const { driver } = fakeDriver();
    expect(await createClient({ dsn: DSN, driver }).copy(statement({ kind: 'CopyIntoTableStmt' }, 'COPY INTO t FROM @s'))).toEqual([]);
  });

  it('lists stage files with sizes as numbers, md5 unquoted and the time as a Date', async () => {
    const listFields = [
      { name: 'name', dataType: 'String' },
      { name: 'size', dataType: 'UInt64' },
      { name: 'md5', dataType: 'Nullable(String)' },
      { name: 'last_modified', dataType: 'String' },
      { name: 'creator', dataType: 'Nullable(String)' },
    ];
    const rows = [
      ['2023/meta.log', 475n, '"4208ff530b252236e14b3cd797abdfbd"', '2023-04-19 20:23:24.000 +0000', null],
      ['b.csv', 0n, null, '2024-02-29 23:59:59.5 +0130', 'root'],
    ];
    const { driver } = fakeDriver({ 'LIST @s': { fields: listFields, rows } });
    const files = await createClient({ dsn: DSN, driver }).list(statement<ListStageStmt>({ kind: 'ListStageStmt' } as ListStageStmt, 'LIST @s'));
    expect(files).toEqual([
      { name: '2023/meta.log', size: 475, md5: '4208ff530b252236e14b3cd797abdfbd', lastModified: new Date('2023-04-19T20:23:24.000Z'), creator: null },
      { name: 'b.csv', size: 0, md5: null, lastModified: new Date('2024-02-29T22:29:59.500Z'), creator: 'root' },
    ]);
  });
});

describe('dry run', () => {
  it('sends nothing, connects to nothing, and records the plan masked', async () => {
    const { driver, log } = fakeDriver();
    const events: StatementEvent[] = [];
    const client = createClient({ dsn: DSN, driver, dryRun: true, observe: (e) => events.push(e) });
    const stmt = statement({ kind: 'CreateConnectionStmt', key: secret('s3cr3t') }, "SECRET_ACCESS_KEY = 's3cr3t'", "SECRET_ACCESS_KEY = '***'");
    expect(await client.execute(stmt)).toEqual({ sql: "SECRET_ACCESS_KEY = '***'", rowsAffected: 0, durationMs: 0, dryRun: true });
    expect(await client.query('SELECT 1')).toEqual([]);
    expect(await client.copy(statement({ kind: 'CopyIntoTableStmt' }, 'COPY INTO t FROM @s'))).toEqual([]);
    const streamed: unknown[] = [];
    for await (const row of client.stream('SELECT 2')) streamed.push(row);
    expect(streamed).toEqual([]);
    expect(client.dryRun).toBe(true);
    expect(client.plan).toEqual(["SECRET_ACCESS_KEY = '***'", 'SELECT 1', 'COPY INTO t FROM @s', 'SELECT 2']);
    expect(log.dsns).toEqual([]);
    expect(events).toEqual([]);
  });
});

describe('loading the driver', () => {
  it('importing the SDK and the client does not load databend-driver; the first connect does', () => {
    const script = `
      import { createRequire } from 'node:module';
      const cache = createRequire(import.meta.url).cache;
      const loaded = () => Object.keys(cache).some((k) => k.includes('databend-driver'));
      await import('./src/index.ts');
      await import('./src/client/client.ts');
      const before = loaded();
      const { loadDriver } = await import('./src/client/load-driver.ts');
      await loadDriver();
      console.log(JSON.stringify({ before, after: loaded() }));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({ before: false, after: true });
  });
});

describe('exact reads', () => {
  const trips = table('trips', { id: bigint({ mode: 'bigint' }), pos: tuple({ lat: double(), lon: double() }), tags: array(string()) });
  const fields = [
    { name: 'id', dataType: 'Nullable(Int64)' },
    { name: 'pos', dataType: 'Nullable(Tuple(Float64 NULL, Float64 NULL))' },
    { name: 'tags', dataType: 'Nullable(Array(String NULL))' },
  ];
  const reread = 'SELECT id::STRING AS id, pos, IF("tags" IS NULL, NULL, "tags"::VARIANT) AS "tags" FROM (\nSELECT * FROM trips\n) AS "databend_etl_exact"';

  const probe = 'SELECT * FROM (\nSELECT * FROM trips\n) AS "databend_etl_probe" LIMIT 0';

  it('probes a plain query for its columns (LIMIT 0), then sends it once with the columns the driver would change in exact forms', async () => {
    const { driver, log } = fakeDriver({
      [probe]: { fields, rows: [] },
      [reread]: { fields, rows: [['9007199254740993', [1.5, 2.5], '["a\\"b","c\\\\d",null]']] },
    });
    const client = createClient({ dsn: DSN, driver });
    expect(await client.query('SELECT * FROM trips', { table: trips })).toEqual([
      { id: 9007199254740993n, pos: { lat: 1.5, lon: 2.5 }, tags: ['a"b', 'c\\d', null] },
    ]);
    expect(log.sql).toEqual([probe, reread]);
    expect(log.rowsFetched).toBe(1);
    expect(log.iteratorsClosed).toBe(2);
  });

  it('sends a plain query as it is when no column needs an exact form, and when the probe fails', async () => {
    const plain = 'SELECT * FROM (\nSELECT 1 AS n\n) AS "databend_etl_probe" LIMIT 0';
    const { driver, log } = fakeDriver({
      [plain]: { fields: [{ name: 'n', dataType: 'UInt8' }], rows: [] },
      'SELECT 1 AS n': { fields: [{ name: 'n', dataType: 'UInt8' }], rows: [[1]] },
      'SELECT * FROM (\nSELECT nope\n) AS "databend_etl_probe" LIMIT 0': new Error('APIError: QueryFailed: [1005]error: probe'),
      'SELECT nope': new Error("APIError: QueryFailed: [1005]error: the statement's own"),
    });
    const client = createClient({ dsn: DSN, driver });
    expect(await client.query('SELECT 1 AS n')).toEqual([{ n: 1 }]);
    expect(log.sql).toEqual([plain, 'SELECT 1 AS n']);
    await expect(client.query('SELECT nope')).rejects.toThrow("the statement's own");
  });

  it('decodes a result column named like an Object.prototype member as an undeclared column', async () => {
    const { driver } = fakeDriver({
      'SELECT 1 AS constructor, 2 AS "__proto__"': {
        fields: [
          { name: 'constructor', dataType: 'Int32' },
          { name: '__proto__', dataType: 'Int32' },
        ],
        rows: [[1, 2]],
      },
    });
    const rows = await createClient({ dsn: DSN, driver }).query('SELECT 1 AS constructor, 2 AS "__proto__"', { table: trips });
    expect(rows).toEqual([
      Object.fromEntries([
        ['constructor', 1],
        ['__proto__', 2],
      ]),
    ]);
  });

  it('sends a statement it cannot read again once, and refuses a BIGINT the driver may have rounded', async () => {
    const { driver, log } = fakeDriver({ 'SHOW x': { fields: [{ name: 'n', dataType: 'Int64' }], rows: [[2 ** 60]] } });
    const client = createClient({ dsn: DSN, driver });
    await expect(client.query('SHOW x')).rejects.toThrow(InexactReadError);
    expect(log.sql).toEqual(['SHOW x']);
  });
});
