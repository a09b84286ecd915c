import { startLocalDatabend } from '../local/start-local-databend.js';
import { type Command, UsageError, type Values } from './command.js';

const usage = `usage: databend-etl local [--data-dir DIR] [--port N]

Starts the embedded Databend engine on 127.0.0.1 and prints its DSN on stdout; Ctrl-C (or SIGTERM, SIGHUP) stops it.

options:
  --data-dir DIR   keep the engine's data in DIR (default: a temporary folder, removed on stop)
  --port N         listen on port N (default: a free port)
  -h, --help       print this help

The engine's Python venv is set up on first use, once per user (see DATABEND_ETL_HOME in docs/api.md).`;

async function run(values: Values): Promise<void> {
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
    throw new UsageError(`--port must be 0..65535, got '${values.port}'`, usage);
  }
  const engine = await startLocalDatabend({
    ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] as string }),
    ...(port === undefined ? {} : { port }),
    onLog: (line) => {
      if (line.startsWith('local engine:')) console.error(line);
    },
  });
  console.log(engine.dsn);
  // The embedded engine cannot reopen its metadata (docs/engine-facts.md), so a restart on this folder is refused.
  console.error(`local Databend on ${engine.dataDir} (its data lasts until it stops; a restart needs an empty folder); Ctrl-C to stop`);
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return; // a second Ctrl-C while the engine stops
    stopping = true;
    console.error(`${signal}: stopping the local engine`);
    void engine.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, shutdown);
}

export const localCommand: Command = {
  summary: 'start the local Databend engine and print its DSN until Ctrl-C',
  usage,
  options: { 'data-dir': { type: 'string' }, port: { type: 'string' } },
  run,
};
