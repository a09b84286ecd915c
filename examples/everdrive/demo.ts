// The main job: the EverDrive lakehouse load of the seed guide, end to end on the local Databend engine.
//   npm run demo [-- --sessions 4 --frames 250 --files-per-folder 1 --seed 42]
// Starts the engine, writes a generated batch as Parquet to a local folder, runs the pipeline through the client
// (a line per step and per file loaded), prints the rows per table and the riskiest frames, then stops the engine.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient, sql } from '../../src/index.js';
import { describeOutcome } from '../../src/cli/progress.js';
import { startLocalDatabend } from '../../src/local/index.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { generateBatch, writeBatch } from './batch.js';
import { everdrivePipeline } from './pipeline.js';
import { everdriveTables } from './tables.js';

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '4' },
    frames: { type: 'string', default: '250' },
    'files-per-folder': { type: 'string', default: '1' },
    seed: { type: 'string', default: '42' },
  },
});

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1) throw new Error(`--${name} must be a positive whole number, got '${text}'`);
  return value;
}

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

const batchDir = await mkdtemp(join(tmpdir(), 'everdrive-batch-'));
const engine = await startLocalDatabend({ onLog: (line) => line.startsWith('local engine:') && console.log(line) });
const client = createClient({ dsn: engine.dsn });
try {
  console.log(`local Databend ready at ${engine.dsn} (${elapsed()})`);

  const batch = generateBatch({
    seed: positive('seed', values.seed),
    sessions: positive('sessions', values.sessions),
    framesPerSession: positive('frames', values.frames),
  });
  const files = await writeBatch(batch, batchDir, { format: 'parquet', filesPerFolder: positive('files-per-folder', values['files-per-folder']) });
  console.log(`batch ${batch.date}: ${files.length} Parquet files written to ${batchDir}`);

  const everdrive = everdrivePipeline({ stageUrl: `fs://${batchDir}/`, batchDate: batch.date });
  const outcomes = await runPipeline(client, everdrive, {
    onStep: (outcome, index) => console.log(describeOutcome(outcome, index, everdrive.steps.length)),
  });

  console.log('\nrows per table:');
  const expected: Record<string, number> = {
    drive_sessions: batch.sessions.length,
    frame_events: batch.frameEvents.length,
    frame_payloads: batch.framePayloads.length,
    frame_embeddings: batch.frameEmbeddings.length,
  };
  let complete = true;
  for (const target of everdriveTables) {
    const [row] = await client.query<{ rows: number }>(sql`SELECT COUNT(*) AS rows FROM ${sql.id(target.name)}`);
    const rows = Number(row?.rows);
    complete &&= rows === expected[target.name];
    console.log(`  ${target.name.padEnd(17)} ${String(rows).padStart(7)}  (generated ${expected[target.name]})`);
  }

  console.log('\nthe riskiest frames, with what the detector saw:');
  const riskiest = await client.query<Record<string, unknown>>(sql`
    SELECT e.frame_id, s.route_name, e.event_type, e.risk_score,
           p.payload:detections[0]:label::STRING AS top_label,
           p.payload:detections[0]:confidence::DOUBLE AS confidence,
           p.payload:weather:condition::STRING AS weather,
           p.payload:speed_kmh::DOUBLE AS speed_kmh
    FROM frame_events e
    JOIN frame_payloads p ON p.frame_id = e.frame_id
    JOIN drive_sessions s ON s.session_id = e.session_id
    ORDER BY e.risk_score DESC, e.frame_id
    LIMIT 5`);
  console.table(riskiest);

  const refused = outcomes.filter((o) => o.status === 'refused').map((o) => o.step.title);
  if (refused.length > 0) {
    console.log(`refused by the open-source engine (they need an enterprise licence or Databend Cloud): ${refused.join(', ')}`);
  }
  console.log(`done in ${elapsed()}${complete ? '' : ' - ROW COUNTS DIFFER FROM THE BATCH'}`);
  if (!complete) process.exitCode = 1;
} finally {
  await client.close();
  await engine.stop();
  await rm(batchDir, { recursive: true, force: true });
}
