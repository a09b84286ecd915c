// Server behaviours the SDK and its tests depend on, checked the same way against the local server and, with
// DATABEND_TEST_DSN set (e.g. `databend://root:@host:8000/default?sslmode=disable`), against any Databend server,
// unchanged: the statement lifecycle (background run, Running answers, resent query ids, kill, heartbeats, the
// process list), transactions, uploads and logins. Only the official driver and raw HTTP talk to the server here,
// never the SDK, so what passes is what any client sees.
//
// Where the local server still differs from a real one, the case says so with `LOCAL ? ... : ...` and names the
// line of docs/engine-facts.md ("Local server and a real one") that records it. Against a real server the case
// asserts the server's behaviour only.
//
// Against a real server the file makes a database `conformance_<time>`, a user, a role and a stage with the same
// suffix, and drops them at the end; it needs a user allowed to create them.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Connection, type Row } from 'databend-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineStartError, startLocalDatabend } from '../../src/local/index.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';

const EXTERNAL = process.env.DATABEND_TEST_DSN;
const LOCAL = EXTERNAL === undefined;
const SUFFIX = LOCAL ? 'x' : String(Date.now());
const TIMEOUT_MS = 60_000;

interface Target {
  dsn: string;
  /** http(s)://host:port */
  base: string;
  /** The DSN's `user:password` for Basic auth. */
  auth: string;
  database: string;
  release(): Promise<void>;
}

let target: Target;
let client: Client;
let conn: Connection;

function parseDsn(dsn: string): { base: string; auth: string; url: URL } {
  const url = new URL(dsn.replace(/^databend(\+https?)?:/, 'http:'));
  const scheme = url.searchParams.get('sslmode') === 'disable' ? 'http' : 'https';
  return { base: `${scheme}://${url.host}`, auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`, url };
}

function withDatabase(dsn: string, database: string): string {
  const { url } = parseDsn(dsn);
  const scheme = /^(databend(\+https?)?):/.exec(dsn)![1];
  return `${scheme}://${url.username}:${url.password}@${url.host}/${database}${url.search}`;
}

beforeAll(async () => {
  if (EXTERNAL === undefined) {
    const db: TestDatabase = await openTestDatabase('conformance');
    target = { dsn: db.dsn, ...parseDsn(db.dsn), database: db.database, release: () => db.release() };
  } else {
    const database = `conformance_${SUFFIX}`;
    const admin = await new Client(EXTERNAL).getConn();
    await admin.exec(`CREATE DATABASE ${database}`);
    await admin.close();
    const dsn = withDatabase(EXTERNAL, database);
    target = {
      dsn,
      ...parseDsn(dsn),
      database,
      release: async () => {
        const cleanup = await new Client(EXTERNAL).getConn();
        for (const sql of [
          `DROP DATABASE IF EXISTS ${database}`,
          `DROP USER IF EXISTS conformance_user_${SUFFIX}`,
          `DROP ROLE IF EXISTS conformance_role_${SUFFIX}`,
          `DROP STAGE IF EXISTS conformance_stage_${SUFFIX}`,
        ]) {
          await cleanup.exec(sql);
        }
        await cleanup.close();
      },
    };
  }
  client = new Client(target.dsn);
  conn = await client.getConn();
}, TIMEOUT_MS);

afterAll(async () => {
  await conn?.close();
  await target?.release();
});

const headers = (extra: Record<string, string> = {}) => ({
  Authorization: `Basic ${Buffer.from(target.auth).toString('base64')}`,
  'Content-Type': 'application/json',
  ...extra,
});

interface QueryBody {
  id: string;
  node_id?: string;
  state: string;
  error: { code: number; message: string } | null;
  data: (string | null)[][];
  next_uri: string | null;
  kill_uri?: string;
  session?: Record<string, unknown> | null;
}

/** Starts a statement over raw HTTP, as the driver does, and returns the first answer and how long it took. */
async function startQuery(
  sql: string,
  options: { queryId?: string; waitSecs?: number; pageRows?: number; session?: Record<string, unknown> } = {},
): Promise<{ body: QueryBody; ms: number }> {
  const pagination: Record<string, number> = {};
  if (options.waitSecs !== undefined) pagination.wait_time_secs = options.waitSecs;
  if (options.pageRows !== undefined) pagination.max_rows_per_page = options.pageRows;
  const started = Date.now();
  const response = await fetch(`${target.base}/v1/query`, {
    method: 'POST',
    headers: headers(options.queryId ? { 'X-DATABEND-QUERY-ID': options.queryId } : {}),
    body: JSON.stringify({ sql, session: options.session ?? { database: target.database }, pagination }),
  });
  expect(response.status).toBe(200);
  return { body: (await response.json()) as QueryBody, ms: Date.now() - started };
}

async function get(uri: string): Promise<QueryBody> {
  const response = await fetch(`${target.base}${uri}`, { headers: headers() });
  return (await response.json()) as QueryBody;
}

/** Follows next_uri until the statement has ended (state Succeeded or Failed), collecting the rows. */
async function drain(first: QueryBody): Promise<{ last: QueryBody; rows: (string | null)[][] }> {
  let body = first;
  const rows = [...body.data];
  while (body.next_uri && !body.next_uri.endsWith('/final')) {
    body = await get(body.next_uri);
    rows.push(...body.data);
  }
  return { last: body, rows };
}

/** A count as a number (the driver reads UInt64 as a bigint). */
async function count(sql: string): Promise<number> {
  return Number(((await conn.queryRow(sql)) as Row).values()[0]);
}

const queryId = () => randomUUID().replaceAll('-', '');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'no error',
    (error: unknown) => (error as Error).message,
  );

describe('statement lifecycle', { timeout: TIMEOUT_MS }, () => {
  it('POST /v1/query answers within wait_time_secs with state Running and a next_uri; the pages then bring the result', async () => {
    const { body, ms } = await startQuery('SELECT sleep(2) AS s', { waitSecs: 1 });
    expect(ms).toBeLessThan(1900);
    expect(['Starting', 'Running']).toContain(body.state);
    expect(body.error).toBeNull();
    expect(body.next_uri).toMatch(/^\/v1\/query\/.+\/page\/\d+$/);
    const { last, rows } = await drain(body);
    expect(last.state).toBe('Succeeded');
    expect(rows).toEqual([['0']]);
  });

  it('a resent query id is answered from the first run: the INSERT runs once', async () => {
    await conn.exec('CREATE OR REPLACE TABLE resent (a INT)');
    const id = queryId();
    const insert = 'INSERT INTO resent SELECT sleep(1)';
    const first = await startQuery(insert, { queryId: id, waitSecs: 0 });
    const again = await startQuery(insert, { queryId: id, waitSecs: 0 });
    expect(again.body.id).toBe(first.body.id);
    await drain(again.body);
    await drain((await startQuery(insert, { queryId: id, waitSecs: 5 })).body);
    expect(await count('SELECT count(*) FROM resent')).toBe(1);
  });

  it('a driver that times out waiting and resends (page_request_timeout_secs=1) still runs its INSERT once', async () => {
    await conn.exec('CREATE OR REPLACE TABLE timed_out (a INT)');
    const impatient = await new Client(`${target.dsn}&page_request_timeout_secs=1&retry_delay_secs=1`).getConn();
    try {
      await impatient.exec('INSERT INTO timed_out SELECT sleep(2)');
    } finally {
      await impatient.close();
    }
    expect(await count('SELECT count(*) FROM timed_out')).toBe(1);
  });

  it('the kill URI cancels a running INSERT: its pages are then refused (400, closed for canceled) and the rows it was writing are not kept', async () => {
    await conn.exec('CREATE OR REPLACE TABLE killed_by_uri (a INT)');
    const { body } = await startQuery('INSERT INTO killed_by_uri SELECT sleep(2)', { waitSecs: 0 });
    const kill = await fetch(`${target.base}/v1/query/${body.id}/kill`, { method: 'POST', headers: headers() });
    expect(kill.status).toBe(200);
    const page = await fetch(`${target.base}${body.next_uri}`, { headers: headers() });
    expect(page.status).toBe(400);
    expect(((await page.json()) as QueryBody).error?.message).toBe(`Query ${body.id} is closed for canceled`);
    await sleep(2500); // past the statement's natural end
    expect(await count('SELECT count(*) FROM killed_by_uri')).toBe(0);
  });

  it('system.processes and SHOW PROCESSLIST list a running statement; KILL QUERY with its id ends it with 1043 and nothing is written', async () => {
    await conn.exec('CREATE OR REPLACE TABLE killed_by_sql (a INT)');
    const other = await client.getConn();
    try {
      const running = failure(other.exec('INSERT INTO killed_by_sql SELECT sleep(2)'));
      await sleep(500);
      const listed = await conn.queryAll("SELECT id, current_query_id FROM system.processes WHERE extra_info LIKE 'INSERT INTO killed_by_sql%'");
      expect(listed).toHaveLength(1);
      const [sessionId] = listed[0]!.values() as string[];
      const shown = await conn.queryAll('SHOW PROCESSLIST');
      expect(shown.map((r) => r.values()[1])).toContain(sessionId);
      await conn.exec(`KILL QUERY '${sessionId}'`);
      expect(await running).toMatch(/\[1043\]/);
      await sleep(2000);
      expect(await count('SELECT count(*) FROM killed_by_sql')).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('KILL QUERY of an id nobody has fails with 1053 UnknownSession', async () => {
    expect(await failure(conn.exec("KILL QUERY 'no-such-session'"))).toMatch(/\[1053\]/);
  });

  it('a heartbeat keeps an unfinished result and names ids the server does not hold to be removed', async () => {
    const { body } = await startQuery('SELECT number FROM numbers(3)', { pageRows: 1 });
    expect(body.next_uri).toMatch(/\/page\/1$/);
    const response = await fetch(`${target.base}/v1/session/heartbeat`, {
      method: 'POST',
      headers: headers(),
      body: JSON.stringify({ node_to_queries: { [body.node_id!]: [body.id, 'no_such_query'] } }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { queries_to_remove: string[] }).queries_to_remove).toEqual(['no_such_query']);
    expect((await drain(body)).rows).toEqual([['0'], ['1'], ['2']]);
  });
});

describe('transactions', { timeout: TIMEOUT_MS }, () => {
  it('after an error inside BEGIN, later statements fail with 4002 until COMMIT, which rolls back', async () => {
    await conn.exec('CREATE OR REPLACE TABLE txn_failed (a INT)');
    await conn.exec('BEGIN');
    await conn.exec('INSERT INTO txn_failed VALUES (1)');
    expect(await failure(conn.exec('INSERT INTO no_such_table VALUES (1)'))).toMatch(/\[1025\]/);
    expect(await failure(conn.exec('INSERT INTO txn_failed VALUES (2)'))).toMatch(/\[4002\]Current transaction is aborted/);
    await conn.exec('COMMIT');
    expect(await count('SELECT count(*) FROM txn_failed')).toBe(0);
    await conn.exec('INSERT INTO txn_failed VALUES (3)');
    expect(await count('SELECT count(*) FROM txn_failed')).toBe(1);
  });

  it('a request naming a transaction the server does not know fails with TransactionTimeout (4003)', async () => {
    const { body: probe } = await startQuery('SELECT 1');
    const internal = JSON.stringify({ last_node_id: probe.node_id, last_query_ids: [queryId()] });
    const { body } = await startQuery('SELECT 1', {
      session: { database: target.database, txn_state: 'Active', need_sticky: true, internal },
    });
    expect(body.state).toBe('Failed');
    expect(body.error?.code).toBe(4003);
    expect(body.error?.message).toContain('Transaction timeout');
  });
});

describe('errors, loads, users and roles', { timeout: TIMEOUT_MS }, () => {
  it('an unknown table is 1025 with the statement quoted and a caret under the name (--> SQL:1:15)', async () => {
    const message = await failure(conn.exec('SELECT * FROM no_such_table'));
    expect(message).toContain('[1025]error: \n  --> SQL:1:15\n  |\n1 | SELECT * FROM no_such_table\n  |               ^^^^^^^^^^^^^ Unknown table ');
  });

  it('an unknown column is 1065 with a caret under it', async () => {
    expect(await failure(conn.exec('SELECT no_such_column FROM numbers(1)'))).toContain(
      "[1065]error: \n  --> SQL:1:8\n  |\n1 | SELECT no_such_column FROM numbers(1)\n  |        ^^^^^^^^^^^^^^ column no_such_column doesn't exist",
    );
  });

  it('write_progress counts the rows of INSERT, CREATE TABLE ... AS SELECT and REPLACE INTO', async () => {
    expect(await conn.exec('CREATE OR REPLACE TABLE progress AS SELECT number AS a FROM numbers(5)')).toBe(5);
    expect(await conn.exec('INSERT INTO progress VALUES (10), (11)')).toBe(2);
    expect(await conn.exec('REPLACE INTO progress ON (a) VALUES (1), (20), (21)')).toBe(3);
    expect(await count('SELECT count(*) FROM progress')).toBe(9);
  });

  it('a streaming load (PUT /v1/streaming_load) writes the rows and reports them', async () => {
    await conn.exec('CREATE OR REPLACE TABLE streamed (a INT, b STRING)');
    const stats = await conn.streamLoad(
      'INSERT INTO streamed VALUES',
      [
        ['1', 'x'],
        ['2', 'y'],
      ],
      'streaming',
    );
    expect(stats.writeRows).toBe(2n);
    expect((await conn.queryAll('SELECT a, b FROM streamed ORDER BY a')).map((r) => r.values())).toEqual([
      [1, 'x'],
      [2, 'y'],
    ]);
  });

  it('an upload to a named internal stage (PUT /v1/upload_to_stage) lands in that stage', async () => {
    const stage = `conformance_stage_${SUFFIX}`;
    await conn.exec(`CREATE OR REPLACE STAGE ${stage}`);
    const form = new FormData();
    form.append('upload', new Blob(['1,a\n2,b\n']), 'rows.csv');
    const response = await fetch(`${target.base}/v1/upload_to_stage`, {
      method: 'PUT',
      headers: { Authorization: headers().Authorization, 'X-DATABEND-STAGE-NAME': stage, 'X-DATABEND-RELATIVE-PATH': 'in' },
      body: form,
    });
    expect(response.status).toBe(200);
    expect((await conn.queryAll(`LIST @${stage}`)).map((r) => r.values()[0])).toEqual(['in/rows.csv']);
    expect(await count(`SELECT count($1) FROM @${stage}/in/rows.csv (FILE_FORMAT => 'CSV')`)).toBe(2);
  });

  it('a created user logs in with its password and is refused with another (5100)', async () => {
    const user = `conformance_user_${SUFFIX}`;
    await conn.exec(`CREATE OR REPLACE USER ${user} IDENTIFIED BY 'Pw-1234'`);
    const as = (password: string) => withDatabase(target.dsn, target.database).replace(/\/\/[^@]*@/, `//${user}:${password}@`);
    const own = await new Client(as('Pw-1234')).getConn();
    try {
      expect(((await own.queryRow('SELECT 1')) as Row).values()).toEqual([1]);
    } finally {
      await own.close();
    }
    expect(await failure(new Client(as('wrong')).getConn())).toMatch(/AuthFailure: \[5100\]/);
  });

  it('a role the user cannot take is refused at login (2206 InvalidRole); one it can is taken', async () => {
    const role = `conformance_role_${SUFFIX}`;
    await conn.exec(`CREATE ROLE IF NOT EXISTS ${role}`);
    const bad = await failure(new Client(`${target.dsn}&role=no_such_role_${SUFFIX}`).getConn());
    expect(bad).toMatch(/\[request_kind=login\].*\[2206\]Invalid role/);
    const good = await new Client(`${target.dsn}&role=${role}`).getConn();
    try {
      expect(((await good.queryRow('SELECT current_role()')) as Row).values()).toEqual([role]);
    } finally {
      await good.close();
    }
  });
});

describe('what the local engine itself cannot do (docs/engine-facts.md, "Local server and a real one")', { timeout: TIMEOUT_MS }, () => {
  it.skipIf(!LOCAL)(
    'data across restarts: a server keeps it; the embedded engine cannot reopen its metadata, so a restart on the same data dir is refused',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'conformance-restart-'));
      try {
        const first = await startLocalDatabend({ dataDir });
        const own = await new Client(first.dsn).getConn();
        await own.exec('CREATE TABLE kept (a INT)');
        await own.close();
        await first.stop();
        const again = await startLocalDatabend({ dataDir }).then(
          async (engine) => {
            await engine.stop();
            return 'started';
          },
          (error: unknown) => error,
        );
        expect(again).toBeInstanceOf(EngineStartError);
        expect((again as EngineStartError).message).toContain('cannot reopen');
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  );

  it('CREATE TEMP TABLE: a table of the session on a server; 1006 on the embedded engine (its sessions are of type Dummy)', async () => {
    const outcome = await failure(conn.exec('CREATE TEMP TABLE temp_t (a INT)'));
    if (LOCAL) expect(outcome).toMatch(/\[1006\]can not use temp table in session type Dummy/);
    else expect(outcome).toBe('no error');
  });
});
