// Loading on the local engine: COPY INTO through the SDK client vs the same SQL through the raw driver (the SDK's
// overhead), vs batched INSERT ... VALUES through the driver (what a user without COPY would do).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'databend-driver';
import { generateBatch, writeBatch } from '../examples/everdrive/batch.js';
import { frameEvents } from '../examples/everdrive/tables.js';
import { copyInto, createClient, createStage, createTable, selectSchema } from '../src/index.js';
import { startLocalDatabend } from '../src/local/index.js';
import { renderLiteral } from '../src/render/literal.js';
import { measure, measureInterleaved, type Measurement } from './measure.js';

export interface LoadFigures {
  readonly rows: number;
  readonly sdkCopy: Measurement;
  readonly driverCopy: Measurement;
  readonly insertValues: { readonly ms: number; readonly rowsMeasured: number; readonly extrapolated: boolean };
  readonly read?: { readonly client: Measurement; readonly validated: Measurement; readonly driver: Measurement; readonly zodOnly: Measurement };
}

const INSERT_BATCH = 1000;
/** Above this many rows the INSERT baseline is timed on this many rows and scaled (labelled as extrapolated). */
const INSERT_MEASURED_MAX = 100_000;

export async function loadingBenchmarks(sizes: readonly number[], readRows: number): Promise<LoadFigures[]> {
  const engine = await startLocalDatabend();
  const client = createClient({ dsn: engine.dsn });
  const conn = await new Client(`${engine.dsn}&timezone=UTC`).getConn();
  const results: LoadFigures[] = [];
  try {
    for (const rows of sizes) {
      const dir = await mkdtemp(join(tmpdir(), 'bench-load-'));
      const batch = generateBatch({ seed: 11, sessions: Math.max(1, rows / 1000), framesPerSession: Math.min(rows, 1000) });
      // Only the frame events are loaded; the other folders get one row each to keep the set-up short.
      await writeBatch({ ...batch, framePayloads: batch.framePayloads.slice(0, 1), frameEmbeddings: batch.frameEmbeddings.slice(0, 1) }, dir, {
        format: 'parquet',
        filesPerFolder: 1,
      });
      const stage = createStage(`bench_${rows}`).url(`fs://${dir}/`).fileFormat({ type: 'PARQUET' });
      await client.execute(stage);
      await client.execute(createTable(frameEvents).orReplace());
      const load = copyInto(frameEvents).fromStage(stage, 'frame-events/').force();
      const sql = load.compile();
      const truncate = () => client.execute('TRUNCATE TABLE frame_events');
      const runs = rows >= 1_000_000 ? 5 : 9;
      // Alternated runs; the TRUNCATE before each load is outside the timing.
      const [sdkCopy, driverCopy] = await measureInterleaved(
        [
          {
            name: `COPY ${rows} rows: SDK client.copy`,
            before: truncate,
            fn: async () => {
              const report = await client.copy(load);
              if (report[0]?.rowsLoaded !== rows) throw new Error(`loaded ${report[0]?.rowsLoaded}, expected ${rows}`);
            },
          },
          { name: `COPY ${rows} rows: raw driver`, before: truncate, fn: () => conn.exec(sql) },
        ],
        runs,
      );
      // The truncates are inside both timings alike; their cost is the same statement for both.

      await truncate();
      const measured = Math.min(rows, INSERT_MEASURED_MAX);
      const values = batch.frameEvents.slice(0, measured).map(
        (e) => `(${renderLiteral(e.frame_id)}, ${renderLiteral(e.session_id)}, ${e.frame_index}, ${renderLiteral(new Date(e.captured_at / 1000))}, ${renderLiteral(e.event_type)}, ${e.risk_score})`,
      );
      const started = performance.now();
      for (let i = 0; i < values.length; i += INSERT_BATCH) {
        await conn.exec(`INSERT INTO frame_events (frame_id, session_id, frame_index, captured_at, event_type, risk_score) VALUES ${values.slice(i, i + INSERT_BATCH).join(', ')}`);
      }
      const insertMs = ((performance.now() - started) * rows) / measured;
      const result: LoadFigures = { rows, sdkCopy: sdkCopy!, driverCopy: driverCopy!, insertValues: { ms: insertMs, rowsMeasured: measured, extrapolated: measured < rows } };

      if (rows === readRows) {
        await truncate();
        await client.copy(load);
        const query = `SELECT * FROM frame_events LIMIT ${readRows}`;
        const check = (n: number) => {
          if (n !== readRows) throw new Error(`read ${n} rows, expected ${readRows}`);
        };
        const [driver, typed, validated] = await measureInterleaved(
          [
            {
              name: `read ${readRows} rows: raw driver rows (values())`,
              fn: async () => {
                const out: unknown[][] = [];
                const iter = await conn.queryIter(query);
                for (let row = await iter.next(); row !== null; row = await iter.next()) {
                  if (row instanceof Error) throw row;
                  out.push(row.values());
                }
                check(out.length);
              },
            },
            { name: `read ${readRows} rows: client.query typed by the table`, fn: async () => check((await client.query(query, { table: frameEvents })).length) },
            { name: `read ${readRows} rows: client.query + zod validation`, fn: async () => check((await client.query(query, { table: frameEvents, validate: true })).length) },
          ],
          5,
        );
        // The validation alone, in process: zod over the rows already decoded (the reads above are dominated by the engine).
        const decoded = await client.query(query, { table: frameEvents });
        const schema = selectSchema(frameEvents);
        const zodOnly = await measure(`zod selectSchema().parse of ${readRows} decoded rows, in process`, () => decoded.forEach((r) => schema.parse(r)), { minRuns: 5, minTimeMs: 0, warmup: 1 });
        (result as { read?: LoadFigures['read'] }).read = { client: typed!, validated: validated!, driver: driver!, zodOnly };
      }
      results.push(result);
      await rm(dir, { recursive: true, force: true });
    }
  } finally {
    await conn.close();
    await client.close();
    await engine.stop();
  }
  return results;
}
