// Writes one deterministic EverDrive batch (sessions/, frame-events/, payloads/, embeddings/) and lists its files.
//
//   npx tsx scripts/generate-batch.ts --out DIR [--format parquet|csv|ndjson] [--sessions 4] [--frames 250]
//     [--seed 42] [--files-per-folder 1] [--date 2024-08-16]
import { parseArgs } from 'node:util';
import { generateBatch, writeBatch, type BatchFormat } from '../examples/everdrive/batch.js';

const usage =
  'usage: npx tsx scripts/generate-batch.ts --out DIR [--format parquet|csv|ndjson] [--sessions N] [--frames N] [--seed N] [--files-per-folder N] [--date YYYY-MM-DD]';

function integer(name: string, text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) throw new Error(`--${name} must be a whole number, got '${text}'\n${usage}`);
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      format: { type: 'string', default: 'parquet' },
      sessions: { type: 'string', default: '4' },
      frames: { type: 'string', default: '250' },
      seed: { type: 'string', default: '42' },
      'files-per-folder': { type: 'string', default: '1' },
      date: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return console.log(usage);
  if (values.out === undefined) throw new Error(`--out is required\n${usage}`);

  const started = performance.now();
  const batch = generateBatch({
    seed: integer('seed', values.seed),
    sessions: integer('sessions', values.sessions),
    framesPerSession: integer('frames', values.frames),
    ...(values.date === undefined ? {} : { date: values.date }),
  });
  const generated = performance.now();
  const files = await writeBatch(batch, values.out, {
    format: values.format as BatchFormat,
    filesPerFolder: integer('files-per-folder', values['files-per-folder']),
  });
  const written = performance.now();

  for (const file of files) console.log(`${file.path}\t${file.rows} rows\t${file.bytes} bytes`);
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  console.log(
    `${files.length} files, ${batch.frameEvents.length} frames, ${(bytes / 1e6).toFixed(1)} MB under ${values.out}: ` +
      `generated in ${((generated - started) / 1000).toFixed(2)} s, written in ${((written - generated) / 1000).toFixed(2)} s`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
