#!/usr/bin/env node
// databend-etl: the command line of the SDK.
//   databend-etl local [--data-dir DIR] [--port N]        start the local engine, print its DSN, run until Ctrl-C
//   databend-etl plan <pipeline-module> [--reveal-secrets]   print a pipeline's SQL
//   databend-etl apply <pipeline-module> --dsn DSN [--dry-run]  run a pipeline against a server
import { parseArgs } from 'node:util';
import { createClient } from '../client/client.js';
import { maskDsn } from '../client/dsn.js';
import { DatabendEtlError } from '../errors.js';
import { startLocalDatabend } from '../local/start-local-databend.js';
import { renderPlan } from '../pipeline/pipeline.js';
import { loadPipeline } from './load-pipeline.js';
import { describeOutcome } from './progress.js';
import { runPipeline } from '../pipeline/run.js';

const USAGE = `usage:
  databend-etl local [--data-dir DIR] [--port N]
  databend-etl plan <pipeline-module> [--reveal-secrets]
  databend-etl apply <pipeline-module> --dsn DSN [--dry-run]
The DSN may also come from DATABEND_DSN.`;

async function local(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' }, port: { type: 'string' } } });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) throw new UsageError(`--port must be 0..65535, got '${values.port}'`);
  const engine = await startLocalDatabend({
    dataDir: values['data-dir'],
    port,
    onLog: (line) => {
      if (line.startsWith('local engine:')) console.error(line);
    },
  });
  console.log(engine.dsn);
  // The embedded engine cannot reopen its metadata (docs/engine-facts.md), so a restart on this folder is refused.
  console.error(`local Databend on ${engine.dataDir} (its data lasts until it stops; a restart needs an empty folder); Ctrl-C to stop`);
  const shutdown = () => void engine.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

async function plan(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'reveal-secrets': { type: 'boolean', default: false } } });
  const module = positionals[0];
  if (module === undefined) throw new UsageError('plan needs a pipeline module');
  process.stdout.write(renderPlan(await loadPipeline(module), { revealSecrets: values['reveal-secrets'] }));
}

async function apply(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { dsn: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
  });
  const module = positionals[0];
  const dsn = values.dsn ?? process.env.DATABEND_DSN;
  if (module === undefined) throw new UsageError('apply needs a pipeline module');
  if (dsn === undefined) throw new UsageError('apply needs --dsn or DATABEND_DSN');
  const pipeline = await loadPipeline(module);
  const client = createClient({ dsn, dryRun: values['dry-run'] });
  console.error(`applying pipeline '${pipeline.name}' (${pipeline.steps.length} steps) to ${maskDsn(dsn)}`);
  try {
    await runPipeline(client, pipeline, { onStep: (outcome, index) => console.log(describeOutcome(outcome, index, pipeline.steps.length)) });
  } finally {
    await client.close();
  }
}

class UsageError extends Error {}

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = { local, plan, apply };

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const run = command === undefined ? undefined : COMMANDS[command];
  if (run === undefined) {
    console.error(USAGE);
    process.exitCode = command === undefined || command === '--help' || command === '-h' ? 0 : 2;
    return;
  }
  try {
    await run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`databend-etl: ${error.message}\n${USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof DatabendEtlError) {
      console.error(`databend-etl: ${error.message}`);
      process.exitCode = 1;
    } else {
      throw error;
    }
  }
}

await main(process.argv.slice(2));
