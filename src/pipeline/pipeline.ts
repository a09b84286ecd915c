import { check, checkBoolean, checkNonEmptyString, checkRecord, describeValue, refuse } from '../checks.js';
import { ValidationError } from '../errors.js';
import { StatementBuilder, type Compilable } from '../builders/statement-builder.js';
import { maskedSql } from '../client/prepare.js';
import { SqlStatementBuilder } from '../builders/script.js';
import { sqlStatementOf, type StatementInput } from '../builders/statement-input.js';

/**
 * What a step needs beyond the open-source engine. The open-source engine refuses streams for licensing
 * (error 1402) and tasks without Databend Cloud (error 1702); a runner may report such a refusal and go on.
 */
export const STEP_REQUIREMENTS = ['enterprise-license', 'cloud-control'] as const;
export type StepRequirement = (typeof STEP_REQUIREMENTS)[number];

/** One statement of a pipeline, with a title for progress lines. */
export interface PipelineStep {
  readonly title: string;
  readonly statement: Compilable;
  readonly requires?: StepRequirement;
}

/**
 * A step as `pipeline()` takes it: its statement may also be an sql`` fragment or a query compiled by the Kysely
 * dialect, which the pipeline holds as `statement(...)` builders.
 */
export interface PipelineStepInput {
  readonly title: string;
  readonly statement: StatementInput;
  readonly requires?: StepRequirement;
}

/** An ordered list of statements, such as the EverDrive load; `databend-etl apply` runs a module exporting one. */
export interface Pipeline {
  readonly name: string;
  readonly steps: readonly PipelineStep[];
}

const STEP_KEYS: ReadonlySet<string> = new Set(['title', 'statement', 'requires']);

/**
 * Declares a pipeline.
 *
 * @example
 * export default pipeline('everdrive', [
 *   { title: 'create frame_events', statement: createTable(frameEvents) },
 *   { title: 'load frame events', statement: copyInto(frameEvents).fromStage(stage, 'frame-events/') },
 * ]);
 */
export function pipeline(name: string, steps: readonly PipelineStepInput[]): Pipeline {
  checkNonEmptyString(name, 'pipeline()', 'a pipeline needs a name', 'name');
  const call = () => `pipeline('${name}')`;
  check(Array.isArray(steps), 'invalid_type', call, 'steps must be an array of { title, statement, requires? }', 'steps');
  const copies: PipelineStep[] = new Array(steps.length);
  // Each rule's message is made only when it fails: a plan is built on every run, and closures per step were a tenth
  // of the time of building and rendering the EverDrive plan.
  for (let i = 0; i < steps.length; i++) {
    const step: unknown = steps[i];
    if (typeof step !== 'object' || step === null || Array.isArray(step))
      refuse('invalid_type', call, `step ${i + 1} must be an object { title, statement, requires? }`, 'steps');
    const { title, requires } = step as PipelineStepInput;
    let statement = (step as PipelineStepInput).statement as Compilable;
    if (typeof title !== 'string' || title.length === 0) checkNonEmptyString(title, call, `step ${i + 1} needs a title`, 'title');
    // for...in and three comparisons: Object.keys made an array per step, and the Set a lookup per key. Own keys
    // only, as Object.keys gave: an inherited one is no key of the step.
    for (const key in step) {
      if (key !== 'title' && key !== 'statement' && key !== 'requires' && Object.hasOwn(step, key))
        refuse('unknown_key', call, `step '${title}' has an unknown key '${key}' (known: ${[...STEP_KEYS].join(', ')})`, key);
    }
    // The SDK's own builders are known by class: reading compile and toNode from two dozen builder classes was a
    // megamorphic lookup per step.
    if (!(statement instanceof StatementBuilder) && (typeof statement?.compile !== 'function' || typeof statement.toNode !== 'function')) {
      const sql = sqlStatementOf(statement, call, `step '${title}' statement`);
      if (sql === undefined)
        refuse('invalid_type', call, `step '${title}' needs a built statement, an sql\`\` fragment or a Kysely-compiled query`, 'statement');
      statement = new SqlStatementBuilder(sql);
    }
    // A requirement naming nothing the runner knows would be ignored, and the step's refusal reported as a failure.
    if (requires !== undefined && !(STEP_REQUIREMENTS as readonly unknown[]).includes(requires)) {
      refuse('invalid_value', call, `step '${title}' requires must be one of ${STEP_REQUIREMENTS.join(', ')}`, 'requires');
    }
    // Copied: a caller changing its step objects later changes nothing, so renderPlan() can trust the plan.
    copies[i] = requires === undefined ? { title, statement } : { title, statement, requires };
  }
  return new CheckedPipeline(MADE_HERE, name, copies);
}

const MADE_HERE = Symbol('made by pipeline()');

/** The steps of a plan pipeline() made, unfrozen if none has been handed out; undefined for any other object. */
let stepsOf: (plan: object) => readonly PipelineStep[] | undefined;
/**
 * The steps of a plan pipeline() made, frozen (the first call freezes them); undefined for an object that only inherits
 * the accessor (`Object.create(plan)`), which is then checked as a plan without steps.
 */
let frozenStepsOf: (plan: object) => readonly PipelineStep[] | undefined;

/**
 * A plan pipeline() made and checked, so renderPlan() and runPipeline() need not check it again. Its class says so,
 * by a private field no other object can have (a WeakSet recording such plans cost about 350 ns a plan to add to),
 * and only this module can make one: the constructor wants a token no other code holds, and the class and its
 * prototype are frozen.
 *
 * Its steps are frozen when they are first handed out, by `steps`: before that no code but this module's can reach
 * them, and renderPlan() reads them here. Freezing every step as the plan was made cost 6-9 % of building and
 * rendering the EverDrive plan, which never hands them out. `steps` is an own enumerable accessor, so that a plan
 * spreads, prints as JSON and clones with its steps as a plan written as an object literal does.
 */
class CheckedPipeline implements Pipeline {
  declare readonly name: string;
  declare readonly steps: readonly PipelineStep[];
  readonly #steps: readonly PipelineStep[];
  #frozen = false;

  constructor(token: typeof MADE_HERE, name: string, steps: readonly PipelineStep[]) {
    if (token !== MADE_HERE) throw new TypeError('a checked plan is made by pipeline()');
    this.#steps = steps;
    this.name = name;
    // One shared descriptor: about 160 ns a plan.
    Object.defineProperty(this, 'steps', STEPS);
    Object.freeze(this);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): Pipeline {
    return { name: this.name, steps: this.steps };
  }

  static {
    stepsOf = (plan) => (#steps in plan ? plan.#steps : undefined);
    frozenStepsOf = (plan) => {
      if (!(#steps in plan)) return undefined;
      if (!plan.#frozen) {
        for (const step of plan.#steps) Object.freeze(step);
        Object.freeze(plan.#steps);
        plan.#frozen = true;
      }
      return plan.#steps;
    };
  }
}

const STEPS: PropertyDescriptor = Object.freeze({
  get(this: object): readonly PipelineStep[] | undefined {
    return frozenStepsOf(this);
  },
  enumerable: true,
});

Object.freeze(CheckedPipeline.prototype);
Object.freeze(CheckedPipeline);

/**
 * The plan as checked: a plan pipeline() made, or, for any other object (a parsed file, say), the copy pipeline() makes
 * of it after checking it as it checks every plan. What renders and runs is then what was checked, read once, even if
 * the object given changes afterwards.
 */
export function checkedPlan(plan: unknown, call: string): Pipeline {
  check(
    typeof plan === 'object' && plan !== null,
    'invalid_type',
    call,
    () => `plan must be a pipeline made by pipeline(), not ${describeValue(plan)}`,
    'plan',
  );
  // By the private field, not instanceof: an object given the class's prototype is no checked plan.
  if (stepsOf(plan) !== undefined) return plan as Pipeline;
  try {
    return pipeline((plan as Pipeline).name, (plan as Pipeline).steps);
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(error.reason, call, error.rule, error.field);
    throw error;
  }
}

/** A step's SQL as its compile() gives it, which must be text, as the masked path and the client require. */
function revealedSql(statement: Compilable): string {
  const text = statement.compile();
  check(typeof text === 'string', 'invalid_type', 'renderPlan()', "a statement's compile() must return SQL text", 'statement');
  return text;
}

/**
 * The pipeline's SQL, one statement per block ending in `;`. Credentials are masked unless `revealSecrets` is set,
 * as the client masks them in its events: a step written by hand (a `Compilable` whose compile() ignores
 * `maskSecrets`) is masked by the same rules as raw SQL.
 */
export function renderPlan(plan: Pipeline, options: { readonly revealSecrets?: boolean } = {}): string {
  // The steps as the plan holds them: reading plan.steps would freeze them, which a plan rendered once never needs.
  const steps = stepsOf(checkedPlan(plan, 'renderPlan()'))!;
  checkRecord(options, 'renderPlan()', 'options', ['revealSecrets']);
  if (options.revealSecrets !== undefined) checkBoolean(options.revealSecrets, 'renderPlan()', 'revealSecrets');
  const sql = options.revealSecrets ? revealedSql : maskedSql;
  // One join of the statements' texts, each a tree of its pieces until then. Joining them 256 at a time and then
  // joining the chunks (until 2026-12-05) made a second young copy of the whole text: with the rest of a plan made
  // cheaper, that copy's collections cost a 10,000-statement plan more than the trees it let go early.
  if (steps.length === 0) return '\n';
  const texts: string[] = new Array(steps.length);
  for (let i = 0; i < steps.length; i++) texts[i] = sql(steps[i]!.statement);
  return `${texts.join(';\n\n')};\n`;
}
