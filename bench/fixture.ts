// The data the engine suites load: the EverDrive generator's frame events at a given size, written as Parquet on an
// fs:// stage, with the frame_events table created empty.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Connection } from 'databend-driver';
import { generateBatch, writeBatch, type FrameEvent } from '../examples/everdrive/batch.js';
import { frameEvents } from '../examples/everdrive/tables.js';
import { copyInto, createStage, createTable, type DatabendClient } from '../src/index.js';

/** Files hold at most this many rows, as a chunked export would; 10k and 100k rows are one file, 1M ten. */
export const ROWS_PER_FILE = 100_000;
const SEED = 11;

export interface StagedFrameEvents {
  readonly rows: number;
  readonly files: number;
  readonly bytes: number;
  readonly events: readonly FrameEvent[];
  /** COPY INTO frame_events FROM (SELECT <casts> FROM @bench_<rows>/frame-events/) FILE_FORMAT = (TYPE = 'PARQUET') FORCE = TRUE */
  readonly load: ReturnType<typeof loadStatement>;
  remove(): Promise<void>;
}

const loadStatement = (stageName: string) => copyInto(frameEvents).fromStage(stageName, 'frame-events/').force();

/**
 * Generates `rows` frame events (seed 11, 1000 frames a session: a smaller size is a prefix of a larger one), writes
 * them as Parquet, creates the stage `bench_<rows>` on them and an empty `frame_events`.
 */
export async function stageFrameEvents(client: DatabendClient, rows: number): Promise<StagedFrameEvents> {
  const framesPerSession = Math.min(rows, 1000);
  if (rows % framesPerSession !== 0) throw new Error(`rows must be a multiple of 1000 (or below it), got ${rows}`);
  const batch = generateBatch({ seed: SEED, sessions: rows / framesPerSession, framesPerSession });
  const dir = await mkdtemp(join(tmpdir(), 'databend-etl-bench-'));
  // Only frame events are loaded; the other folders get one row each to keep the set-up short.
  const written = await writeBatch(
    { ...batch, sessions: batch.sessions.slice(0, 1), framePayloads: batch.framePayloads.slice(0, 1), frameEmbeddings: batch.frameEmbeddings.slice(0, 1) },
    dir,
    { format: 'parquet', filesPerFolder: Math.ceil(rows / ROWS_PER_FILE) },
  );
  const files = written.filter((f) => f.folder === 'frame-events');
  const stageName = `bench_${rows}`;
  await client.execute(createStage(stageName).orReplace().url(`fs://${dir}/`).fileFormat({ type: 'PARQUET' }));
  await client.execute(createTable(frameEvents).orReplace());
  return {
    rows,
    files: files.length,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    events: batch.frameEvents,
    load: loadStatement(stageName),
    remove: async () => {
      await client.execute(`DROP STAGE IF EXISTS ${stageName}`);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A raw databend-driver connection with the session settings the SDK client sends (UTC). */
export function rawConnection(dsn: string): Promise<Connection> {
  return new Client(`${dsn}${dsn.includes('?') ? '&' : '?'}timezone=UTC`).getConn();
}
