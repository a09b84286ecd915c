// One case of the reading scale table (bench/read-scale.ts), in a process of its own so that its peak RSS is its own.
// read-scale.ts bundles bench/read-case-main.ts with esbuild and runs `node <bundle> <case> <dsn> <rows> <runs>`: a
// bundle, not tsx, whose loader would add some 100 MB of its own to every case's RSS.
// Prints one JSON line: { wallMs: number[], firstRowMs: number[], peakRssBytes, rows, engineMs? }.
import { readFileSync } from 'node:fs';
import { Client } from 'databend-driver';
import { Kysely } from 'kysely';
import { frameEvents } from '../examples/everdrive/tables.js';
import { createClient } from '../src/index.js';
import { DatabendDialect, type KyselyDatabase } from '../src/kysely/index.js';

export const READ_CASES = ['engine', 'driver-queryAll', 'driver-iterator', 'client.query', 'client.stream', 'kysely-execute', 'kysely-stream'] as const;
export type ReadCase = (typeof READ_CASES)[number];

/** The statement every case reads: the same text for the driver, the client and (compiled) Kysely. */
export const readSql = (rows: number) => `SELECT * FROM frame_events LIMIT ${rows}`;

/**
 * The engine's own time for the statement: the gateway's `running_time_ms`, the time from the statement's start to
 * its result held as Arrow, before any row is encoded as text (the gateway encodes page by page as they are asked for).
 */
async function engineMs(dsn: string, sql: string): Promise<number> {
  const url = new URL(dsn);
  const origin = `http://${url.host}`;
  const headers = {
    Authorization: `Basic ${Buffer.from(`${decodeURIComponent(url.username) || 'root'}:${decodeURIComponent(url.password)}`).toString('base64')}`,
    'Content-Type': 'application/json',
  };
  const id = crypto.randomUUID().replaceAll('-', '');
  const body = JSON.stringify({ sql, session: { database: url.pathname.slice(1) || 'default' }, pagination: { wait_time_secs: 60, max_rows_per_page: 1 } });
  let page = (await (await fetch(`${origin}/v1/query`, { method: 'POST', headers: { ...headers, 'X-DATABEND-QUERY-ID': id }, body })).json()) as {
    state: string;
    error: unknown;
    next_uri?: string;
    stats: { running_time_ms: number };
  };
  while (page.state === 'Running' && page.next_uri) page = (await (await fetch(`${origin}${page.next_uri}`, { headers })).json()) as typeof page;
  await fetch(`${origin}/v1/query/${id}/kill`, { method: 'POST', headers });
  if (page.error) throw new Error(`engine: ${JSON.stringify(page.error)}`);
  return page.stats.running_time_ms;
}

export async function runReadCase(args: readonly string[]): Promise<void> {
  const [name, dsn, rowsText, runsText] = args as [ReadCase, string, string, string];
  const rows = Number(rowsText);
  const runs = Number(runsText);
  const sql = readSql(rows);
  const wallMs: number[] = [];
  const firstRowMs: number[] = [];
  const check = (n: number) => {
    if (n !== rows) throw new Error(`${name}: read ${n} rows, expected ${rows}`);
  };
  const client = createClient({ dsn });
  const conn = await new Client(`${dsn}${dsn.includes('?') ? '&' : '?'}timezone=UTC`).getConn();
  const db = new Kysely<KyselyDatabase<{ frameEvents: typeof frameEvents }>>({ dialect: new DatabendDialect({ client, tables: { frameEvents } }) });
  const kyselyQuery = db.selectFrom('frame_events').selectAll().limit(rows);
  if (kyselyQuery.compile().sql.toUpperCase() !== sql.toUpperCase()) throw new Error(`Kysely compiles ${kyselyQuery.compile().sql}, not ${sql}`);
  // Connect (and log in) before the clock starts, for every case alike.
  await client.query('SELECT 1');
  await conn.queryAll('SELECT 1');
  const read: Record<ReadCase, (first: () => void) => Promise<number>> = {
    engine: async () => 0,
    'driver-queryAll': async (first) => {
      const out = (await conn.queryAll(sql)).map((r) => r.values());
      first();
      return out.length;
    },
    'driver-iterator': async (first) => {
      let n = 0;
      const it = await conn.queryIter(sql);
      for (let row = await it.next(); row !== null; row = await it.next()) {
        if (row instanceof Error) throw row;
        row.values();
        if (n++ === 0) first();
      }
      return n;
    },
    'client.query': async (first) => {
      const out = await client.query(sql, { table: frameEvents });
      first();
      return out.length;
    },
    'client.stream': async (first) => {
      let n = 0;
      for await (const _ of client.stream(sql, { table: frameEvents })) if (n++ === 0) first();
      return n;
    },
    'kysely-execute': async (first) => {
      const out = await kyselyQuery.execute();
      first();
      return out.length;
    },
    'kysely-stream': async (first) => {
      let n = 0;
      for await (const _ of kyselyQuery.stream(10_000)) if (n++ === 0) first();
      return n;
    },
  };
  let engine: number[] | undefined;
  for (let i = 0; i < runs; i++) {
    if (name === 'engine') {
      engine ??= [];
      engine.push(await engineMs(dsn, sql));
      continue;
    }
    const start = performance.now();
    let firstAt = Number.NaN;
    const n = await read[name](() => {
      firstAt = performance.now() - start;
    });
    wallMs.push(performance.now() - start);
    firstRowMs.push(firstAt);
    check(n);
  }
  await db.destroy();
  await conn.close();
  await client.close();
  console.log(JSON.stringify({ wallMs: engine ?? wallMs, firstRowMs, peakRssBytes: peakRssBytes(), rows }));
}

/**
 * This process's peak resident set. On Linux getrusage's maxRSS keeps, across exec, the resident size of the process
 * that forked it: a case started by a bench process of 363 MB reported 363 MB whatever it read (every streaming case
 * of a full run, 2026-12-05). /proc/self/status's VmHWM is the peak of this process's own memory; maxRSS elsewhere.
 */
function peakRssBytes(): number {
  try {
    const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kib !== undefined) return Number(kib) * 1024;
  } catch {
    // Not Linux: no /proc.
  }
  return process.resourceUsage().maxRSS * 1024;
}
