// Loading on the local engine: COPY INTO through the SDK client vs the same SQL through the raw driver (the SDK's
// overhead), vs batched INSERT ... VALUES through the driver (what a user without COPY would do).
import type { Connection } from 'databend-driver';
import type { FrameEvent } from '../examples/everdrive/batch.js';
import { createClient } from '../src/index.js';
import { renderLiteral } from '../src/render/literal.js';
import { rawConnection, stageFrameEvents } from './fixture.js';
import { measure, type Measurement } from './measure.js';

export interface LoadFigures {
  readonly rows: number;
  readonly files: number;
  readonly bytes: number;
  readonly sdkCopy: Measurement;
  readonly driverCopy: Measurement;
  /** The raw driver reading COPY's per-file result rows, as client.copy does (queryAll instead of exec). */
  readonly driverCopyRows: Measurement;
  /** Batched INSERT ... VALUES of `rowsMeasured` rows, scaled to `rows` when fewer were sent. */
  readonly insert: { readonly measurement: Measurement; readonly rowsMeasured: number; readonly scaledMs: number };
}

export interface LoadingOptions {
  readonly sizes: readonly number[];
  /** INSERT ... VALUES sends at most this many rows per size; a larger size is scaled from them (and labelled so). */
  readonly insertMaxRows: number;
  readonly insertBatch: number;
}

/**
 * A TIMESTAMP as a plain string literal, `'2024-08-16 09:30:00.123456'`, which the engine converts to the column's
 * type on INSERT. Measured on the local engine (10 statements of 1000 frame_events rows, 3 interleaved rounds, load
 * average about 15): plain string 1.1 s; `'...'::TIMESTAMP` (the SDK's rendering of a Date) 6.0 s; integer
 * microseconds 8.6 s; TO_TIMESTAMP(micros) 10.4 s. The baseline uses the fastest form the engine takes.
 */
function timestampLiteral(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const sub = String(micros - ms * 1000).padStart(3, '0');
  return `'${new Date(ms).toISOString().replace('T', ' ').replace('Z', '')}${sub}'`;
}

/** What a user without COPY writes: the rows as escaped literals, `insertBatch` rows per statement. */
function insertStatements(events: readonly FrameEvent[], batch: number): string[] {
  const values = events.map(
    (e) =>
      `(${renderLiteral(e.frame_id)}, ${renderLiteral(e.session_id)}, ${e.frame_index}, ${timestampLiteral(e.captured_at)}, ${renderLiteral(e.event_type)}, ${e.risk_score})`,
  );
  const statements: string[] = [];
  for (let i = 0; i < values.length; i += batch) {
    statements.push(
      `INSERT INTO frame_events (frame_id, session_id, frame_index, captured_at, event_type, risk_score) VALUES ${values.slice(i, i + batch).join(', ')}`,
    );
  }
  return statements;
}

async function count(conn: Connection): Promise<number> {
  const row = await conn.queryRow('SELECT count(*) FROM frame_events');
  return Number(row?.values()[0]);
}

export async function loadingBenchmarks(dsn: string, options: LoadingOptions, progress: (line: string) => void): Promise<LoadFigures[]> {
  const client = createClient({ dsn });
  const conn = await rawConnection(dsn);
  const truncate = () => conn.exec('TRUNCATE TABLE frame_events');
  const results: LoadFigures[] = [];
  try {
    for (const rows of options.sizes) {
      progress(`loading: staging ${rows} rows`);
      const staged = await stageFrameEvents(client, rows);
      const sql = staged.load.compile();
      const big = rows >= 1_000_000;
      const rowsMeasured = Math.min(rows, options.insertMaxRows);
      const statements = insertStatements(staged.events.slice(0, rowsMeasured), options.insertBatch);
      progress(`loading: COPY ${rows} rows (${staged.files} files), SDK client vs raw driver, interleaved with INSERT ... VALUES of ${rowsMeasured} rows`);
      // INSERT runs in the same interleaved rounds as COPY, after the same warm-up, so that drift on a shared machine
      // falls on both alike; the last case leaves the INSERTed rows for the count below.
      const [sdkCopy, driverCopy, driverCopyRows, insert] = await measure(
        [
          {
            name: `COPY ${rows} rows: SDK client.copy`,
            before: truncate,
            fn: async () => {
              const report = await client.copy(staged.load);
              const loaded = report.reduce((sum, f) => sum + f.rowsLoaded, 0);
              if (loaded !== rows) throw new Error(`SDK COPY loaded ${loaded}, expected ${rows}`);
            },
          },
          {
            name: `COPY ${rows} rows: raw driver conn.exec`,
            before: truncate,
            fn: async () => {
              const written = await conn.exec(sql);
              if (written !== rows) throw new Error(`driver COPY wrote ${written}, expected ${rows}`);
            },
          },
          {
            name: `COPY ${rows} rows: raw driver conn.queryAll (the per-file report rows)`,
            before: truncate,
            fn: async () => {
              const report = await conn.queryAll(sql);
              const loaded = report.reduce((sum, r) => sum + Number(r.values()[1]), 0);
              if (loaded !== rows) throw new Error(`driver COPY reported ${loaded}, expected ${rows}`);
            },
          },
          {
            name: `INSERT ... VALUES ${rowsMeasured} rows, ${options.insertBatch} a statement, plain literals: raw driver`,
            before: truncate,
            fn: async () => {
              for (const statement of statements) await conn.exec(statement);
              // Inside the timing: one count(*), milliseconds against the seconds of the INSERTs.
              const inserted = await count(conn);
              if (inserted !== rowsMeasured) throw new Error(`INSERT loaded ${inserted} rows, expected ${rowsMeasured}`);
            },
          },
        ],
        // INSERT of 100k rows takes seconds a run: maxTimeMs bounds the rounds at the large sizes.
        { warmup: 1, minRuns: big ? 3 : 5, maxRuns: big ? 6 : 20, tolerance: 0.03, maxTimeMs: big ? 120_000 : 60_000 },
      );
      results.push({
        rows,
        files: staged.files,
        bytes: staged.bytes,
        sdkCopy: sdkCopy!,
        driverCopy: driverCopy!,
        driverCopyRows: driverCopyRows!,
        insert: { measurement: insert!, rowsMeasured, scaledMs: (insert!.medianMs * rows) / rowsMeasured },
      });
      await staged.remove();
    }
  } finally {
    await conn.close();
    await client.close();
  }
  return results;
}

/** Least-squares fit of `ms = fixed + perRow * rows` over the SDK's COPY medians. */
export function linearFit(points: readonly { rows: number; ms: number }[]): { fixedMs: number; perRowUs: number } | undefined {
  if (points.length < 2) return undefined;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.rows, 0) / n;
  const my = points.reduce((s, p) => s + p.ms, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.rows - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.rows - mx) * (p.ms - my), 0);
  const slope = sxy / sxx;
  return { fixedMs: my - slope * mx, perRowUs: slope * 1000 };
}
