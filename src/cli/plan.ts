import { renderPlan } from '../pipeline/pipeline.js';
import { type Command, UsageError, type Values } from './command.js';
import { loadPipeline } from './load-pipeline.js';

const usage = `usage: databend-etl plan <pipeline-module> [--reveal-secrets]

Prints the SQL of the pipeline a module exports (its default export, or an export named \`pipeline\`).

options:
  --reveal-secrets   print credentials instead of ***
  -h, --help         print this help`;

async function run(values: Values, positionals: string[]): Promise<void> {
  const module = positionals[0];
  if (module === undefined) throw new UsageError('plan needs a pipeline module', usage);
  process.stdout.write(renderPlan(await loadPipeline(module), { revealSecrets: values['reveal-secrets'] === true }));
}

export const planCommand: Command = {
  summary: "print a pipeline's SQL, credentials masked",
  usage,
  options: { 'reveal-secrets': { type: 'boolean' } },
  run,
};
