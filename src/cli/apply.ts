import { createClient } from '../client/client.js';
import { maskDsn } from '../client/dsn.js';
import { DatabendEtlError, SchemaDriftError, ServerError, TransportError } from '../errors.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { runPipeline, type StepOutcome } from '../pipeline/run.js';
import { type Command, UsageError, type Values } from './command.js';
import { loadPipeline } from './load-pipeline.js';
import { describeOutcome, messageOnly } from './progress.js';

const usage = `usage: databend-etl apply <pipeline-module> [--dsn DSN] [--dry-run] [--from STEP] [--only STEPS] [--json] [--verbose]

Runs the steps of the pipeline a module exports, in order, a line per step on stdout.

options:
  --dsn DSN        the server (default: $DATABEND_DSN); not needed with --dry-run
  --dry-run        send nothing: list the steps (with --verbose, their SQL)
  --from STEP      start at STEP (its number or title), e.g. to resume after a failure
  --only STEPS     run only these steps: numbers, ranges and titles separated by commas (1,3,5-7)
  --json           print one JSON report on stdout instead of progress lines (for CI)
  --verbose        print each statement sent (credentials masked) on stderr
  --retries N      retry a step N times when the server cannot be reached (default 2; SQL errors are never retried)
  -h, --help       print this help

A step refused for what it requires (a licence, Databend Cloud) is reported and the run goes on; any other failure
stops the run, names the step and lists the steps not run. Exit code: 0 done, 1 failed, 2 usage error.`;

/** What the JSON report says of a step. */
interface StepReport {
  readonly number: number;
  readonly title: string;
  readonly status: StepOutcome['status'] | 'failed' | 'not run';
  readonly durationMs?: number;
  readonly result?: unknown;
  readonly reason?: string;
  readonly error?: { readonly code: string; readonly serverCode?: number; readonly message: string };
}

async function run(values: Values, positionals: string[]): Promise<void> {
  const module = positionals[0];
  if (module === undefined) throw new UsageError('apply needs a pipeline module', usage);
  const dryRun = values['dry-run'] === true;
  const json = values.json === true;
  const verbose = values.verbose === true;
  const given = (values.dsn as string | undefined) ?? process.env.DATABEND_DSN;
  if (given === undefined && !dryRun) throw new UsageError('apply needs --dsn or DATABEND_DSN (or --dry-run)', usage);
  const retries = values.retries === undefined ? 2 : Number(values.retries);
  if (!(Number.isInteger(retries) && retries >= 0 && retries <= 10)) throw new UsageError(`--retries must be 0..10, got '${values.retries}'`, usage);
  const pipeline = await loadPipeline(module);
  const total = pipeline.steps.length;
  const selected = selection(pipeline, values.from as string | undefined, values.only as string | undefined, usage);
  // A dry run sends nothing, so any well-formed DSN does.
  const dsn = given ?? 'databend://dry-run@localhost/default';
  const client = createClient({
    dsn,
    dryRun,
    ...(verbose && !json ? { observe: (event) => console.error(`      sql: ${event.sql}`) } : {}),
  });
  const say = (line: string) => {
    if (!json) console.log(line);
  };
  if (!json) {
    const target = `${given === undefined ? '' : `to ${maskDsn(given)} `}${dryRun ? 'as a dry run (nothing is sent)' : ''}`.trimEnd();
    const count = selected === undefined ? `${total} steps` : `${selected.size} of ${total} steps`;
    console.error(`applying pipeline '${pipeline.name}' (${count}) ${target}`);
  }
  const reports: StepReport[] = [];
  let planned = 0;
  try {
    await runPipeline(client, pipeline, {
      retries,
      ...(selected === undefined ? {} : { select: (_step, index) => selected.has(index) }),
      onRetry: (error, attempt, index) => {
        if (!json) console.error(`[${index + 1}/${total}] ${pipeline.steps[index]!.title}: ${firstLine(error.message)}; retry ${attempt} of ${retries}`);
      },
      onStep: (outcome, index) => {
        reports.push(reportOf(outcome, index));
        // --from and --only leave steps out: the JSON report lists them, the progress lines do not.
        if (outcome.status !== 'skipped' || outcome.reason !== 'not selected') say(describeOutcome(outcome, index, total));
        if (verbose && dryRun && !json) {
          for (const sql of client.plan.slice(planned)) console.error(`      sql: ${sql}`);
          planned = client.plan.length;
        }
      },
    });
  } catch (error) {
    // The drift check runs before the first step: no step failed, and none ran.
    if (error instanceof SchemaDriftError) {
      if (json)
        console.log(
          JSON.stringify(
            {
              pipeline: pipeline.name,
              dsn: maskDsn(dsn),
              dryRun,
              ok: false,
              drift: { code: error.code, table: error.table, columns: error.columns, message: error.message },
              steps: [],
            },
            null,
            2,
          ),
        );
      else console.error(`databend-etl: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    const failed = reports.length;
    const step = pipeline.steps[failed]!;
    const notRun = pipeline.steps.map((s, i) => ({ s, i })).filter(({ i }) => i > failed && (selected === undefined || selected.has(i)));
    reports.push({ number: failed + 1, title: step.title, status: 'failed', error: errorReport(error, true) });
    for (const { s, i } of notRun) reports.push({ number: i + 1, title: s.title, status: 'not run' });
    if (json) {
      printJson(pipeline, dsn, dryRun, reports, false);
    } else {
      console.log(`[${String(failed + 1).padStart(String(total).length)}/${total}] ${step.title}: FAILED`);
      console.error(`databend-etl: step ${failed + 1}/${total} '${step.title}' failed: ${errorReport(error, true).message}`);
      if (notRun.length > 0) console.error(`not run: ${notRun.map(({ s, i }) => `${i + 1} ${s.title}`).join(', ')}`);
      console.error(`resume with: databend-etl apply ${module} --from ${failed + 1}`);
    }
    process.exitCode = 1;
    return;
  } finally {
    await client.close();
  }
  if (json) printJson(pipeline, dsn, dryRun, reports, true);
}

/** The step indexes --from and --only pick, undefined when neither is given. */
function selection(pipeline: Pipeline, from: string | undefined, only: string | undefined, usage: string): Set<number> | undefined {
  if (from === undefined && only === undefined) return undefined;
  const total = pipeline.steps.length;
  const stepIndex = (ref: string, option: string): number => {
    const text = ref.trim();
    if (/^\d+$/.test(text)) {
      const n = Number(text);
      if (n >= 1 && n <= total) return n - 1;
      throw new UsageError(`${option}: there is no step ${n} (the pipeline has ${total})`, usage);
    }
    const index = pipeline.steps.findIndex((step) => step.title === text);
    if (index < 0) throw new UsageError(`${option}: no step is titled '${text}'`, usage);
    return index;
  };
  let picked = new Set(pipeline.steps.map((_, i) => i));
  if (only !== undefined) {
    picked = new Set();
    for (const part of only.split(',')) {
      const range = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(part);
      if (range === null) {
        picked.add(stepIndex(part, '--only'));
        continue;
      }
      const [first, last] = [stepIndex(range[1]!, '--only'), stepIndex(range[2]!, '--only')];
      if (first > last) throw new UsageError(`--only: the range ${part.trim()} runs backwards`, usage);
      for (let i = first; i <= last; i++) picked.add(i);
    }
  }
  if (from !== undefined) {
    const start = stepIndex(from, '--from');
    for (const i of [...picked]) if (i < start) picked.delete(i);
  }
  return picked;
}

function reportOf(outcome: StepOutcome, index: number): StepReport {
  const base = { number: index + 1, title: outcome.step.title, status: outcome.status };
  switch (outcome.status) {
    case 'skipped':
      return { ...base, reason: outcome.reason };
    case 'refused':
      return { ...base, durationMs: outcome.durationMs, error: errorReport(outcome.error, false) };
    case 'done': {
      const { result } = outcome;
      // A preview's rows may be many and hold any value: the report gives their number and columns.
      const shown = result.kind === 'rows' ? { kind: 'rows', rows: result.rows.length, columns: Object.keys(result.rows[0] ?? {}) } : result;
      return { ...base, durationMs: Math.round(outcome.durationMs), result: shown };
    }
  }
}

/** An error as the CLI shows it: the server's code and message without a backtrace, and with `sql` the statement (masked). */
function errorReport(error: unknown, sql: boolean): { code: string; serverCode?: number; message: string } {
  if (error instanceof ServerError) {
    const statement = sql ? `\n  in: ${error.sql}` : '';
    return { code: error.code, serverCode: error.serverCode, message: `Databend error ${error.serverCode}: ${messageOnly(error.serverMessage)}${statement}` };
  }
  if (error instanceof DatabendEtlError) {
    const message = error instanceof TransportError && !sql ? error.message.replace(/\n {2}in: [\s\S]*$/, '') : error.message;
    return { code: error.code, message: messageOnly(message) };
  }
  throw error;
}

function printJson(pipeline: Pipeline, dsn: string, dryRun: boolean, steps: readonly StepReport[], ok: boolean): void {
  const report = { pipeline: pipeline.name, dsn: maskDsn(dsn), dryRun, ok, steps };
  console.log(JSON.stringify(report, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2));
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

export const applyCommand: Command = {
  summary: 'run a pipeline against a Databend server',
  usage,
  options: {
    dsn: { type: 'string' },
    'dry-run': { type: 'boolean' },
    from: { type: 'string' },
    only: { type: 'string' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean' },
    retries: { type: 'string' },
  },
  run,
};
