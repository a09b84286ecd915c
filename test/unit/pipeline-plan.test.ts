// What a plan made by pipeline() promises: its steps are the checked copies, frozen wherever code can reach them,
// own data of plain objects (a step can be spread), and a plan's JSON and inspection show them.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createClient, createTable, int, pipeline, renderPlan, runPipeline, table, type Pipeline, type PipelineStepInput } from '../../src/index.js';

const t = table('t', { id: int() });
const u = table('u', { id: int() });

/** A plan written as an object literal whose steps are a CREATE TABLE when first read and a raw DROP afterwards. */
function changingPlan(): { plan: Pipeline; reads: () => number } {
  let reads = 0;
  const plan = {
    name: 'literal',
    get steps() {
      reads++;
      return reads === 1 ? [{ title: 'create t', statement: createTable(t) }] : [{ title: 'drop', statement: 'DROP TABLE t' }];
    },
  } as unknown as Pipeline;
  return { plan, reads: () => reads };
}

describe('a plan made by pipeline()', () => {
  it('hands out frozen steps that are own data, and the caller changing its step objects changes nothing', () => {
    const input: { title: string; statement: PipelineStepInput['statement'] }[] = [{ title: 'create t', statement: createTable(t) }];
    const plan = pipeline('p', input);
    input[0]!.title = 'changed';
    input[0]!.statement = createTable(u);
    input.push({ title: 'added', statement: createTable(u) });
    expect(renderPlan(plan)).toBe('CREATE TABLE t (\n  id INT NULL\n);\n');
    expect(Object.isFrozen(plan)).toBe(true);
    expect(Object.isFrozen(plan.steps)).toBe(true);
    expect(Object.isFrozen(plan.steps[0])).toBe(true);
    expect(Object.keys(plan.steps[0]!)).toEqual(['title', 'statement']);
    expect({ ...plan.steps[0]!, title: 'spread' }.statement).toBe(plan.steps[0]!.statement);
    expect(() => {
      (plan.steps as PipelineStepInput[]).push({ title: 'x', statement: createTable(u) });
    }).toThrow(TypeError);
    expect(() => {
      (plan.steps[0] as { title: string }).title = 'x';
    }).toThrow(TypeError);
    expect(renderPlan(plan)).toBe('CREATE TABLE t (\n  id INT NULL\n);\n');
  });

  it('renders the same before and after its steps are first handed out', () => {
    const plan = pipeline('p', [{ title: 'create t', statement: createTable(t) }]);
    const before = renderPlan(plan);
    expect(plan.steps).toHaveLength(1);
    expect(renderPlan(plan)).toBe(before);
  });

  it('spreads, clones and lists its keys with its steps, as a plan written as an object literal does', () => {
    const plan = pipeline('p', [{ title: 'create t', statement: createTable(t) }]);
    expect(Object.keys(plan)).toEqual(['name', 'steps']);
    const staging = { ...plan, name: 'staging' };
    expect(staging.steps).toBe(plan.steps);
    expect(renderPlan(staging)).toBe(renderPlan(plan));
    expect(Object.keys(structuredClone({ ...plan, steps: [] }))).toEqual(['name', 'steps']);
    expect(Object.assign({}, plan).steps).toHaveLength(1);
  });

  it('cannot be forged or changed through its class: what renders and runs is what pipeline() checked', async () => {
    const plan = pipeline('p', [{ title: 'create t', statement: createTable(t) }]);
    const Made = plan.constructor as unknown as new (...args: unknown[]) => Pipeline;
    expect(() => new Made('x', [{ title: 'x', statement: 'DROP TABLE t' }])).toThrow(TypeError);
    expect(() => new Made(Symbol('made by pipeline()'), 'x', [])).toThrow(TypeError);
    expect(Object.getOwnPropertyNames(Made)).not.toContain('checkedSteps');
    expect(Object.isFrozen(Made) && Object.isFrozen(Object.getPrototypeOf(plan))).toBe(true);
    expect(() => Object.defineProperty(Object.getPrototypeOf(plan), 'steps', { get: () => [] })).toThrow(TypeError);
    expect(() => Object.defineProperty(plan, 'steps', { value: [] })).toThrow(TypeError);
    const client = createClient({ dsn: 'databend://u:p@h:8000/', dryRun: true });
    const outcomes = await runPipeline(client, plan);
    expect(outcomes.map((o) => o.status === 'done' && o.result.kind)).toEqual(['statement']);
  });

  it('refuses an object that only inherits from a plan, with the rule it breaks', () => {
    const plan = pipeline('p', [{ title: 'create t', statement: createTable(t) }]);
    const heir = Object.create(plan) as Pipeline;
    expect(heir.steps).toBeUndefined();
    expect(() => renderPlan(heir)).toThrow('renderPlan(): steps must be an array of { title, statement, requires? }');
    expect(plan.steps).toHaveLength(1);
  });

  it('refuses a hand-written statement whose compile() gives no text, revealed or masked', () => {
    const empty = { compile: () => undefined, toNode: () => createTable(t).toNode() } as never;
    const plan = pipeline('p', [{ title: 'empty', statement: empty }]);
    expect(() => renderPlan(plan, { revealSecrets: true })).toThrow("renderPlan(): a statement's compile() must return SQL text");
    expect(() => renderPlan(plan)).toThrow("a statement's compile() must return SQL text");
  });

  it('prints its name and steps as JSON and when inspected, as a plan written as an object literal does', () => {
    const plan = pipeline('p', [{ title: 'create t', statement: createTable(t), requires: 'cloud-control' }]);
    expect(JSON.parse(JSON.stringify(plan))).toEqual({
      name: 'p',
      steps: [{ title: 'create t', statement: 'CREATE TABLE t (\n  id INT NULL\n)', requires: 'cloud-control' }],
    });
    expect(inspect(plan, { depth: 1 })).toMatch(/^\{ name: 'p', steps: \[ \[Object\] \] \}$/);
  });

  it('renders a plan written as an object literal from the steps it checked, read once', () => {
    const { plan, reads } = changingPlan();
    expect(renderPlan(plan)).toBe('CREATE TABLE t (\n  id INT NULL\n);\n');
    expect(reads()).toBe(1);
  });

  it('runs a plan written as an object literal as it was checked, its steps read once', async () => {
    const { plan, reads } = changingPlan();
    const client = createClient({ dsn: 'databend://u:p@h:8000/', dryRun: true });
    const outcomes = await runPipeline(client, plan);
    expect(outcomes.map((o) => [o.status, o.step.title])).toEqual([['done', 'create t']]);
    expect(reads()).toBe(1);
  });

  it('is known by what pipeline() gave it, not by its prototype: an object given that prototype is checked as any other', () => {
    const made = pipeline('p', [{ title: 'create t', statement: createTable(t) }]);
    const fake = Object.create(Object.getPrototypeOf(made), {
      name: { value: 'fake', enumerable: true },
      steps: { value: [{ title: 'x', statement: 'DROP TABLE t' }], enumerable: true },
    });
    expect(() => renderPlan(fake)).toThrow("renderPlan(): step 'x' needs a built statement, an sql`` fragment or a Kysely-compiled query");
  });
});
