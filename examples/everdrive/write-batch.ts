// Writes a generated EverDrive batch as Parquet files for `databend-etl apply examples/everdrive/pipeline.ts`:
//   npm run batch -- <folder> [--sessions 4 --frames 250 --seed 42]
// and prints the environment the pipeline module reads to find it (EVERDRIVE_STAGE_URL, EVERDRIVE_BATCH_DATE).
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateBatch, writeBatch } from './batch.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { sessions: { type: 'string', default: '4' }, frames: { type: 'string', default: '250' }, seed: { type: 'string', default: '42' } },
});
const folder = positionals[0];
if (folder === undefined) {
  console.error('usage: npm run batch -- <folder> [--sessions N] [--frames N] [--seed N]');
  process.exit(2);
}
const dir = resolve(folder);
await mkdir(dir, { recursive: true });
const batch = generateBatch({ seed: Number(values.seed), sessions: Number(values.sessions), framesPerSession: Number(values.frames) });
const files = await writeBatch(batch, dir, { format: 'parquet' });
console.error(`batch ${batch.date}: ${files.length} Parquet files written to ${dir}`);
console.log(`export EVERDRIVE_STAGE_URL=fs://${dir}/ EVERDRIVE_BATCH_DATE=${batch.date}`);
