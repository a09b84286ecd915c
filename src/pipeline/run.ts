import type { CopyIntoTableStmt } from '../ast/copy.js';
import type { ListStageStmt } from '../ast/stage.js';
import type { Compilable } from '../builders/statement-builder.js';
import { DatabendClient } from '../client/client.js';
import type { CopyFileResult, StageFile } from '../client/results.js';
import { ServerError, TransportError } from '../errors.js';
import { check, checkBoolean, checkInteger, checkRecord, describeValue } from '../checks.js';
import type { CreateTableStmt } from '../ast/ddl.js';
import { SchemaDriftError } from '../errors.js';
import { introspectTable } from '../migrate/introspect.js';
import { columnDrift } from '../migrate/push.js';
import { checkedPlan, type Pipeline, type PipelineStep, type StepRequirement } from './pipeline.js';

/**
 * The server error codes with which an engine says it lacks a requirement: the open-source engine answers
 * CREATE STREAM with 1402 (a commercial licence is needed) and every TASK statement with 1702 (cloud control).
 */
export const REFUSAL_CODES: Readonly<Record<StepRequirement, number>> = {
  'enterprise-license': 1402,
  'cloud-control': 1702,
};

/** What happened to one step. */
export type StepOutcome =
  | { readonly status: 'done'; readonly step: PipelineStep; readonly durationMs: number; readonly result: StepResult }
  /** The engine refused the step for its requirement; later steps with the same requirement are skipped. */
  | { readonly status: 'refused'; readonly step: PipelineStep; readonly durationMs: number; readonly error: ServerError }
  | { readonly status: 'skipped'; readonly step: PipelineStep; readonly reason: string };

export type StepResult =
  | { readonly kind: 'copy'; readonly files: readonly CopyFileResult[] }
  /** COPY INTO a stage location: what the server reported writing (its one row, as numbers). */
  | { readonly kind: 'unload'; readonly rowsUnloaded: number; readonly inputBytes: number; readonly outputBytes: number }
  | { readonly kind: 'list'; readonly files: readonly StageFile[] }
  | { readonly kind: 'rows'; readonly rows: readonly Record<string, unknown>[] }
  | { readonly kind: 'statement'; readonly rowsAffected: number };

export interface RunPipelineOptions {
  /** Called after each step, in order: the place for progress lines. */
  readonly onStep?: (outcome: StepOutcome, index: number) => void;
  /** Which steps to run (by 0-based index); the others are reported `skipped` ('not selected'). Default: all. */
  readonly select?: (step: PipelineStep, index: number) => boolean;
  /**
   * How often to try a step again when the server could not be reached (a `TransportError` raised before the
   * statement was sent: connecting or logging in), 0.5 s, 1 s, 2 s... apart. A server's answer (a SQL error) is
   * never retried. Default 0.
   */
  readonly retries?: number;
  /** Called before each retry with the error that caused it. */
  readonly onRetry?: (error: TransportError, attempt: number, index: number) => void;
  /**
   * Compare each table the plan creates IF NOT EXISTS with the live one before the first step, and stop with a
   * SchemaDriftError when their columns differ (a load would fail on them). Default true; skipped on a dry run.
   */
  readonly checkDrift?: boolean;
}

/**
 * Runs a pipeline's steps in order through the client. A step marked `requires` that the engine refuses for that
 * requirement (the open-source engine and streams or tasks) is reported as `refused` and the run goes on, skipping
 * the later steps with the same requirement; any other error stops the run and is thrown as is.
 *
 * @example
 * const outcomes = await runPipeline(client, everdrive, { onStep: (o) => console.log(o.status, o.step.title) });
 */
export async function runPipeline(client: DatabendClient, plan: Pipeline, options: RunPipelineOptions = {}): Promise<StepOutcome[]> {
  const call = 'runPipeline()';
  check(
    client instanceof DatabendClient,
    'invalid_type',
    call,
    () => `client must be a client of the SDK (createClient()), not ${describeValue(client)}`,
    'client',
  );
  const checked = checkedPlan(plan, call);
  checkRunOptions(options);
  if (options.checkDrift !== false && !client.dryRun) await checkPlanDrift(client, checked, options);
  const refused = new Set<StepRequirement>();
  const outcomes: StepOutcome[] = [];
  for (const [index, step] of checked.steps.entries()) {
    const outcome =
      options.select !== undefined && !options.select(step, index)
        ? ({ status: 'skipped', step, reason: 'not selected' } as const)
        : await withRetries(() => runStep(client, step, refused), options, index);
    if (outcome.status === 'refused' && step.requires !== undefined) refused.add(step.requires);
    outcomes.push(outcome);
    options.onStep?.(outcome, index);
  }
  return outcomes;
}

function checkRunOptions(options: RunPipelineOptions): void {
  const call = 'runPipeline()';
  checkRecord(options, call, 'options', ['onStep', 'select', 'retries', 'onRetry', 'checkDrift']);
  if (options.checkDrift !== undefined) checkBoolean(options.checkDrift, call, 'checkDrift');
  // A class is a function that cannot be called: it would fail at the first step with the run half done.
  for (const key of ['onStep', 'select', 'onRetry'] as const) {
    const value = options[key];
    check(value === undefined || (typeof value === 'function' && !isClass(value)), 'invalid_type', call, `${key} must be a function (not a class)`, key);
  }
  if (options.retries !== undefined) checkInteger(options.retries, 0, 10, call, 'retries must be an integer 0..10', 'retries');
}

/**
 * The drift check: a CREATE TABLE IF NOT EXISTS step over a table that exists with other columns does nothing, and
 * the load after it fails on the difference (1006 "does not have a column named ..."). Only the selected steps'
 * tables are read, and not a table an earlier step drops or replaces (the plan makes it anew).
 */
async function checkPlanDrift(client: DatabendClient, plan: Pipeline, options: RunPipelineOptions): Promise<void> {
  const remade = new Set<string>();
  for (const [index, step] of plan.steps.entries()) {
    if (options.select !== undefined && !options.select(step, index)) continue;
    const node = step.statement.toNode();
    const key = (t: { database?: string | undefined; name: string }) => `${t.database ?? ''}.${t.name}`;
    if (node.kind === 'DropStmt') remade.add(key(node.name));
    if (node.kind !== 'CreateTableStmt') continue;
    const create = node as CreateTableStmt;
    if (create.createOption !== 'CreateIfNotExists' || remade.has(key(create.table)) || create.columns.length === 0) {
      remade.add(key(create.table));
      continue;
    }
    const live = await introspectTable(client, create.table.name, create.table.database === undefined ? {} : { database: create.table.database });
    if (live === undefined) continue;
    const drift = columnDrift(create, live);
    if (drift.length > 0)
      throw new SchemaDriftError(create.table.database === undefined ? create.table.name : `${create.table.database}.${create.table.name}`, drift);
  }
}

function isClass(value: unknown): boolean {
  return /^class\b/.test(Function.prototype.toString.call(value));
}

/** A step tried again while the server cannot be reached: its statement was never sent, so it cannot run twice. */
async function withRetries(run: () => Promise<StepOutcome>, options: RunPipelineOptions, index: number): Promise<StepOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const unsent = error instanceof TransportError && error.sql === undefined;
      if (!unsent || attempt > (options.retries ?? 0)) throw error;
      options.onRetry?.(error, attempt, index);
      await new Promise((done) => setTimeout(done, 500 * 2 ** (attempt - 1)));
    }
  }
}

async function runStep(client: DatabendClient, step: PipelineStep, refused: ReadonlySet<StepRequirement>): Promise<StepOutcome> {
  if (step.requires !== undefined && refused.has(step.requires)) {
    return { status: 'skipped', step, reason: `the engine refused an earlier step needing ${step.requires}` };
  }
  const started = performance.now();
  try {
    const result = await stepResult(client, step.statement);
    return { status: 'done', step, durationMs: performance.now() - started, result };
  } catch (error) {
    if (step.requires !== undefined && error instanceof ServerError && error.serverCode === REFUSAL_CODES[step.requires]) {
      return { status: 'refused', step, durationMs: performance.now() - started, error };
    }
    throw error;
  }
}

async function stepResult(client: DatabendClient, statement: Compilable): Promise<StepResult> {
  switch (statement.toNode().kind) {
    case 'CopyIntoTableStmt':
      return { kind: 'copy', files: await client.copy(statement as Compilable<CopyIntoTableStmt>) };
    case 'ListStageStmt':
      return { kind: 'list', files: await client.list(statement as Compilable<ListStageStmt>) };
    case 'CopyIntoLocationStmt': {
      const [row] = await client.query<Record<string, unknown>>(statement);
      return { kind: 'unload', rowsUnloaded: count(row?.rows_unloaded), inputBytes: count(row?.input_bytes), outputBytes: count(row?.output_bytes) };
    }
    case 'SelectStageStmt':
    case 'SelectTableStmt':
    case 'PresignStmt':
      return { kind: 'rows', rows: await client.query(statement) };
    default:
      return { kind: 'statement', rowsAffected: (await client.execute(statement)).rowsAffected };
  }
}

/** A count the server reported (the driver gives a BIGINT as a bigint or a number); 0 when absent. */
function count(value: unknown): number {
  return typeof value === 'bigint' || typeof value === 'number' || typeof value === 'string' ? Number(value) : 0;
}
