// Starts the local Databend engine and prints its DSN; runs until Ctrl-C.
// Usage: npx tsx scripts/local-engine.ts [--data-dir DIR] [--port N] [--verbose]
import { parseArgs } from 'node:util';
import { startLocalDatabend } from '../src/local/index.js';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

const engine = await startLocalDatabend({
  dataDir: values['data-dir'],
  port: values.port === undefined ? undefined : Number(values.port),
  onLog: (line) => {
    if (values.verbose || line.startsWith('local engine:')) console.error(line);
  },
});
console.log(engine.dsn);
console.error(`local Databend on ${engine.dataDir}; Ctrl-C to stop`);

const shutdown = async () => {
  await engine.stop();
  process.exit(0);
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
