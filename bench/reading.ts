// Reading: a query of N frame events through the client with typed decoding, and with zod validation, vs the raw
// driver's rows. Measured twice: end to end on the local engine, and in process over the same driver rows replayed
// from memory, which isolates what the SDK adds from the engine's and the HTTP gateway's time.
import type { Connection, Row } from 'databend-driver';
import { frameEvents } from '../examples/everdrive/tables.js';
import { rowDecoder } from '../src/client/decode.js';
import type { DriverField, DriverModule, DriverRowIterator } from '../src/client/driver-types.js';
import { createClient } from '../src/index.js';
import { rawConnection, stageFrameEvents } from './fixture.js';
import { measure, type Measurement } from './measure.js';

export interface ReadFigures {
  readonly rows: number;
  readonly endToEnd: {
    /** queryIter + next() per row + values(): the driver calls the client makes. */
    readonly driver: Measurement;
    /** queryAll + values(): the driver's fastest way to all rows of a query. */
    readonly driverAll: Measurement;
    readonly typed: Measurement;
    readonly validated: Measurement;
    /** client.stream({ table }): result pages over the HTTP query API, one page ahead. */
    readonly stream: Measurement;
    /** A query with an ARRAY(STRING) column: the driver's own rows (whose nested strings keep their escapes)... */
    readonly nestedDriverAll: Measurement;
    /** ... and the client's exact read, which runs the statement, drops its result and reads it again through VARIANT. */
    readonly nestedExact: Measurement;
  };
  readonly inProcess: {
    readonly driver: Measurement;
    readonly driverObjects: Measurement;
    readonly decodeOnly: Measurement;
    readonly typed: Measurement;
    readonly validated: Measurement;
  };
}

async function driverRows(conn: Connection | { queryIter(sql: string): Promise<DriverRowIterator> }, sql: string): Promise<unknown[][]> {
  const out: unknown[][] = [];
  const iter = (await conn.queryIter(sql)) as DriverRowIterator;
  for (let row = await iter.next(); row !== null; row = await iter.next()) {
    if (row instanceof Error) throw row;
    out.push(row.values());
  }
  return out;
}

/** A driver module whose every query answers with the same rows, as the real driver returned them. */
function replayDriver(fields: readonly DriverField[], rows: readonly Row[]): DriverModule & { queryIter(sql: string): Promise<DriverRowIterator> } {
  const queryIter = async (): Promise<DriverRowIterator> => {
    let i = 0;
    return { schema: () => ({ fields: () => [...fields] }), next: async () => rows[i++] ?? null, close: () => {} };
  };
  const connection = { exec: async () => 0, queryIter, close: async () => {} };
  return {
    Client: class {
      getConn = async () => connection;
    },
    queryIter,
  };
}

export async function readingBenchmarks(dsn: string, rows: number, progress: (line: string) => void): Promise<ReadFigures> {
  const client = createClient({ dsn });
  const conn = await rawConnection(dsn);
  try {
    progress(`reading: staging and loading ${rows} rows`);
    const staged = await stageFrameEvents(client, rows);
    await client.copy(staged.load);
    const sql = `SELECT * FROM frame_events LIMIT ${rows}`;
    const check = (n: number) => {
      if (n !== rows) throw new Error(`read ${n} rows, expected ${rows}`);
    };

    progress(`reading: ${rows} rows end to end (engine + gateway + driver + SDK)`);
    const big = rows >= 50_000;
    const [driver, driverAll, typed, validated, stream] = await measure(
      [
        { name: `read ${rows} rows end to end: raw driver queryIter, next() + values() per row`, fn: async () => check((await driverRows(conn, sql)).length) },
        {
          name: `read ${rows} rows end to end: raw driver queryAll, values()`,
          fn: async () => check((await conn.queryAll(sql)).map((r) => r.values()).length),
        },
        {
          name: `read ${rows} rows end to end: client.query({ table }) typed`,
          fn: async () => check((await client.query(sql, { table: frameEvents })).length),
        },
        {
          name: `read ${rows} rows end to end: client.query({ table, validate: true }) zod`,
          fn: async () => check((await client.query(sql, { table: frameEvents, validate: true })).length),
        },
        {
          name: `read ${rows} rows end to end: client.stream({ table }), result pages over HTTP`,
          fn: async () => {
            let n = 0;
            for await (const _ of client.stream(sql, { table: frameEvents })) n++;
            check(n);
          },
        },
      ],
      { warmup: 1, minRuns: big ? 3 : 5, maxRuns: big ? 6 : 25, tolerance: 0.03, maxTimeMs: 120_000 },
    );

    progress(`reading: ${rows} rows with a nested string column, exact reads`);
    const nestedSql = `SELECT frame_id, [event_type, session_id] AS tags FROM frame_events LIMIT ${rows}`;
    const [nestedDriverAll, nestedExact] = await measure(
      [
        {
          name: `read ${rows} rows with ARRAY(STRING): raw driver queryAll, values() (nested strings inexact)`,
          fn: async () => check((await conn.queryAll(nestedSql)).map((r) => r.values()).length),
        },
        {
          name: `read ${rows} rows with ARRAY(STRING): client.query exact (probed with LIMIT 0, then read once as VARIANT)`,
          fn: async () => check((await client.query(nestedSql)).length),
        },
      ],
      { warmup: 1, minRuns: big ? 3 : 5, maxRuns: big ? 6 : 25, tolerance: 0.03, maxTimeMs: 120_000 },
    );

    progress(`reading: ${rows} driver rows replayed in process`);
    const iter = await conn.queryIter(sql);
    const fields = iter
      .schema()
      .fields()
      .map((f) => ({ name: f.name, dataType: f.dataType }));
    const kept: Row[] = [];
    for (let row = await iter.next(); row !== null; row = await iter.next()) {
      if (row instanceof Error) throw row;
      kept.push(row);
    }
    check(kept.length);
    const replay = replayDriver(fields, kept);
    const replayClient = createClient({ dsn: 'databend://bench:@replay:8000/default', driver: replay });
    const decode = rowDecoder(fields, { columns: frameEvents.columns });
    const [rawReplay, objectsReplay, decodeOnly, typedReplay, validatedReplay] = await measure(
      [
        { name: `decode ${rows} replayed rows: raw driver, next() + values() per row`, fn: async () => check((await driverRows(replay, sql)).length) },
        {
          name: `decode ${rows} replayed rows: raw driver, next() + data() (objects) per row`,
          fn: async () => {
            const out: unknown[] = [];
            const it = await replay.queryIter(sql);
            for (let row = await it.next(); row !== null; row = await it.next()) out.push((row as Row).data());
            check(out.length);
          },
        },
        {
          name: `decode ${rows} replayed rows: the SDK's rowDecoder alone over values(), a plain loop`,
          fn: () => check(kept.map((r) => decode(r.values())).length),
        },
        {
          name: `decode ${rows} replayed rows: client.query({ table }) typed`,
          fn: async () => check((await replayClient.query(sql, { table: frameEvents })).length),
        },
        {
          name: `decode ${rows} replayed rows: client.query({ table, validate: true }) zod`,
          fn: async () => check((await replayClient.query(sql, { table: frameEvents, validate: true })).length),
        },
      ],
      { warmup: 2, minRuns: 10, maxRuns: 60, tolerance: 0.03, maxTimeMs: 60_000 },
    );
    await staged.remove();
    return {
      rows,
      endToEnd: {
        driver: driver!,
        driverAll: driverAll!,
        typed: typed!,
        validated: validated!,
        stream: stream!,
        nestedDriverAll: nestedDriverAll!,
        nestedExact: nestedExact!,
      },
      inProcess: { driver: rawReplay!, driverObjects: objectsReplay!, decodeOnly: decodeOnly!, typed: typedReplay!, validated: validatedReplay! },
    };
  } finally {
    await conn.close();
    await client.close();
  }
}
