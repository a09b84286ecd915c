import type { CopyIntoTableStmt } from '../ast/copy.js';
import type { ListStageStmt } from '../ast/stage.js';
import type { Compilable } from '../builders/statement-builder.js';
import type { DatabendClient } from '../client/client.js';
import type { CopyFileResult, StageFile } from '../client/results.js';
import { ServerError } from '../errors.js';
import type { Pipeline, PipelineStep, StepRequirement } from './pipeline.js';

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
  | { readonly kind: 'list'; readonly files: readonly StageFile[] }
  | { readonly kind: 'rows'; readonly rows: readonly Record<string, unknown>[] }
  | { readonly kind: 'statement'; readonly rowsAffected: number };

export interface RunPipelineOptions {
  /** Called after each step, in order: the place for progress lines. */
  readonly onStep?: (outcome: StepOutcome, index: number) => void;
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
  const refused = new Set<StepRequirement>();
  const outcomes: StepOutcome[] = [];
  for (const [index, step] of plan.steps.entries()) {
    const outcome = await runStep(client, step, refused);
    if (outcome.status === 'refused' && step.requires !== undefined) refused.add(step.requires);
    outcomes.push(outcome);
    options.onStep?.(outcome, index);
  }
  return outcomes;
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
    case 'SelectStageStmt':
    case 'SelectTableStmt':
    case 'PresignStmt':
      return { kind: 'rows', rows: await client.query(statement) };
    default:
      return { kind: 'statement', rowsAffected: (await client.execute(statement)).rowsAffected };
  }
}
