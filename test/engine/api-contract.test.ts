// The run-time contract of every public parameter, proved the way a hostile JavaScript caller would break it: no
// types, values straight from request bodies. The test walks the public API (src/index.ts) by reflection, every
// entry point and every method of the objects they return, and fails on one that test/support/api-surface.ts does
// not describe. Then it feeds every described parameter the hostile values of test/support/hostile-values.ts (every
// JavaScript type) and, seeded, generated ones. Each attempt must end one of two ways:
//   - refused: a ValidationError (a DatabendEtlError with code VALIDATION) before any SQL exists;
//   - built: only a value of a type the parameter may take, kept exactly (the parameter's `exactly`), the SQL the same
//     at each compile(), unchanged when the caller later mutates the value, and the caller's value not frozen.
// Never a TypeError, a RangeError or a stack overflow. A seeded sample of the built statements runs on the local
// engine beside a canary table: each runs and reads back the value given, or is refused with a ServerError that is
// not a syntax error (1005); at the end the canary row, the engine and every fixture are as they were.
//
// Replay a run: API_CONTRACT_SEED=<seed> npx vitest run --project engine test/engine/api-contract.test.ts
// (API_CONTRACT_SEED=random draws a fresh seed; API_CONTRACT_RUNS sets the number of generated attempts.)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSqlFragment } from '../../src/ast/expression.js';
import * as kyselyLibrary from 'kysely';
import * as api from '../../src/index.js';
import * as kyselyApi from '../../src/kysely/index.js';
import * as localApi from '../../src/local/index.js';
import { createClient, createTable, DatabendEtlError, ServerError, sql, string, table, ValidationError, type DatabendClient } from '../../src/index.js';
import { startLocalDatabend, type LocalDatabend } from '../../src/local/index.js';
import { KYSELY_EXEMPT, KYSELY_SURFACE, LOCAL_EXEMPT, LOCAL_SANDBOX, LOCAL_SURFACE } from '../support/api-surface-entries.js';
import {
  EXEMPT as ROOT_EXEMPT,
  fsStage,
  isPlainObject,
  ROOT,
  SOURCE,
  SURFACE as ROOT_SURFACE,
  T,
  type Executable,
  type Kind,
  type Param,
  type Spec,
} from '../support/api-surface.js';
import { CANARY, HOSTILE, hostileValue, labelOf as describeValue } from '../support/hostile-values.js';

const SEED = process.env.API_CONTRACT_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.API_CONTRACT_SEED ?? 20240816);
const GENERATED_RUNS = Number(process.env.API_CONTRACT_RUNS ?? 4000);
/** Built attempts run on the engine, at most, per spec and per reservoir (strings, other values), plus each spec's valid arguments once. */
const ENGINE_PER_SPEC = 4;
const CANARY_NOTE = 'if this row changes or the table goes, a value ran as SQL';

const STARTED = performance.now();
let engine: LocalDatabend;
let client: DatabendClient;

// ---- The walk: every entry point and method the API offers -------------------------------------------------------

/** Every entry point of the package, walked together: the root, databend-etl/kysely and databend-etl/local. */
const ENTRIES: Readonly<Record<string, unknown>> = { ...api, ...kyselyApi, ...localApi };
const SURFACE: readonly Spec[] = [...ROOT_SURFACE, ...KYSELY_SURFACE, ...LOCAL_SURFACE];
const EXEMPT = [...ROOT_EXEMPT, ...KYSELY_EXEMPT, ...LOCAL_EXEMPT];
const DESCRIBED: ReadonlySet<string> = new Set([...SURFACE.map((s) => s.key), ...EXEMPT.map((e) => e.key)]);
/** Kysely's own classes, which the dialect's classes extend: their methods are Kysely's, not this package's. */
const KYSELY_CLASSES = new Set<unknown>(Object.values(kyselyLibrary).filter((v) => typeof v === 'function'));

const isClass = (f: unknown): f is abstract new (...args: never[]) => unknown =>
  typeof f === 'function' && /^class\b/.test(Function.prototype.toString.call(f));
const keyName = (k: string | symbol) => (typeof k === 'symbol' ? `[${k.description}]` : k);

/** The methods an object offers: its prototype chain's (getters aside), or a plain object's own functions. */
function methodsOf(value: object, owner: string): string[] {
  if (isPlainObject(value))
    return Object.keys(value)
      .filter((k) => typeof (value as Record<string, unknown>)[k] === 'function')
      .map((k) => `${owner}().${k}`);
  const keys: string[] = [];
  for (
    let proto = Object.getPrototypeOf(value);
    proto !== null && proto !== Object.prototype && proto !== Error.prototype && !KYSELY_CLASSES.has((proto as { constructor: unknown }).constructor);
    proto = Object.getPrototypeOf(proto)
  ) {
    const cls = (proto as { constructor: { name: string } }).constructor.name;
    for (const k of Reflect.ownKeys(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, k)!;
      if (k === 'constructor' || descriptor.get !== undefined || descriptor.set !== undefined || typeof descriptor.value !== 'function') continue;
      keys.push(`${cls}.${keyName(k)}`);
    }
  }
  return keys;
}

/** Objects the walk does not enter: zod schemas, promises, strings. */
const walkable = (v: unknown): v is object =>
  typeof v === 'object' && v !== null && !(v instanceof Promise) && !('_zod' in v) && !Array.isArray(v) && !(v instanceof Error);

function walkApi(): { found: Set<string>; offered: Set<string> } {
  const offered = new Set<string>();
  for (const [name, value] of Object.entries(ENTRIES)) {
    if (isClass(value)) {
      offered.add(`new ${name}`);
      for (const key of methodsOf(Object.create(value.prototype as object), name)) offered.add(key);
    } else if (typeof value === 'function') {
      offered.add(name);
      for (const [prop, member] of Object.entries(value)) if (typeof member === 'function') offered.add(`${name}.${prop}`);
    } else if (isPlainObject(value)) {
      // A namespace of functions (`staged`): its functions are entry points.
      for (const [prop, member] of Object.entries(value)) if (typeof member === 'function') offered.add(`${name}.${prop}`);
    }
  }
  // What the entry points and methods return, followed until nothing new appears.
  const found = new Set<string>();
  const byKey = new Map<string, Spec[]>();
  for (const spec of SURFACE) byKey.set(spec.key, [...(byKey.get(spec.key) ?? []), spec]);
  const queue = [...offered];
  while (queue.length > 0) {
    const key = queue.shift()!;
    if (found.has(key)) continue;
    found.add(key);
    for (const spec of byKey.get(key) ?? []) {
      let result: unknown;
      try {
        result = spec.call(spec.args());
      } catch {
        continue;
      }
      const owner = key.replace(/^new /, '');
      if (walkable(result)) for (const method of methodsOf(result, owner)) if (!found.has(method)) queue.push(method);
    }
  }
  return { found, offered };
}

// ---- Attempts ----------------------------------------------------------------------------------------------------

/** Where in the arguments a hostile value goes. */
interface Target {
  readonly spec: Spec;
  readonly param: Param;
  readonly index: number;
  /** A record key, or a key the record does not have. */
  readonly key?: string;
  readonly unknownKey?: boolean;
  /** The first element of a list. */
  readonly element?: boolean;
  readonly kind: Kind;
  readonly label: string;
}

function targetsOf(spec: Spec): Target[] {
  const label = `${spec.key}${spec.variant === undefined ? '' : ` [${spec.variant}]`}`;
  return spec.params.flatMap((param, index) => {
    const base: Target = { spec, param, index, kind: param.kind, label: `${label}(${param.name})` };
    const targets: Target[] = [base];
    for (const [key, k] of Object.entries(param.kind.keys ?? {})) targets.push({ ...base, key, kind: k, label: `${label}(${param.name}.${key})` });
    if (param.kind.keys !== undefined && param.kind.closed) targets.push({ ...base, unknownKey: true, label: `${label}(${param.name}: unknown key)` });
    if (param.kind.element !== undefined) targets.push({ ...base, element: true, kind: param.kind.element, label: `${label}(${param.name}[0])` });
    return targets;
  });
}

const TARGETS = SURFACE.flatMap(targetsOf);

/** The spec's valid arguments with `value` placed at the target. */
function argumentsWith(target: Target, value: unknown): unknown[] {
  const args = target.spec.args();
  const i = target.index;
  if (target.param.rest) return [...args.slice(0, i), value];
  const base = args[i];
  if (target.unknownKey) {
    // A key read from JSON: '__proto__' as an own key (object spread copies it as one), or a name Object.prototype has.
    const known = typeof value === 'string' && Object.hasOwn(target.param.kind.keys ?? {}, value);
    const key = typeof value === 'string' && value !== '' && !known ? value : 'fz_unknown';
    const extra = value === '__proto__' ? JSON.parse('{"__proto__":{"polluted":1}}') : { [key]: value === undefined ? undefined : 1 };
    args[i] = { ...(isPlainObject(base) ? base : {}), ...extra };
  } else if (target.key !== undefined) {
    args[i] = { ...(isPlainObject(base) ? base : {}), [target.key]: value };
  } else if (target.element) {
    args[i] = Array.isArray(base) ? [value, ...base.slice(1)] : [value];
  } else {
    args[i] = value;
  }
  while (args.length > 0 && args.length > i + 1 && args.at(-1) === undefined) args.pop();
  return args;
}

/** Whether the value may be accepted at the target: a value of a type the parameter takes. */
function mayAccept(target: Target, value: unknown): boolean {
  if (target.unknownKey) return value === undefined;
  if (value === undefined && (target.key !== undefined || target.param.optional)) return true;
  return target.kind.accepts(value);
}

function isValidationError(error: unknown): error is ValidationError {
  return error instanceof ValidationError && error instanceof DatabendEtlError && error.code === 'VALIDATION';
}

function nodeOf(finished: unknown): unknown {
  if (typeof finished === 'object' && finished !== null && typeof (finished as { toNode?: unknown }).toNode === 'function')
    return (finished as { toNode(): unknown }).toNode();
  return finished;
}

function sqlOf(finished: unknown): string | undefined {
  if (finished === undefined) return undefined;
  if (typeof finished === 'string') return finished;
  if (isSqlFragment(finished)) return finished.sql;
  if (typeof (finished as { compile?: unknown }).compile === 'function') return (finished as { compile(): string }).compile();
  return undefined;
}

/** Whether a statement's data holds `wanted` (by ===, secrets revealed), searching at most 12 levels deep. */
function holds(data: unknown, wanted: unknown, depth = 0, seen = new Set<unknown>()): boolean {
  if (data === wanted || Object.is(data, wanted)) return true;
  if (depth > 12 || typeof data !== 'object' || data === null || seen.has(data)) return false;
  seen.add(data);
  if (data instanceof api.Secret) return data.reveal() === wanted;
  const values = Array.isArray(data) ? data : data instanceof Map ? [...data.values()] : Object.values(data);
  return values.some((v) => holds(v, wanted, depth + 1, seen));
}

/** What an accepted value must be held as: its own primitive, an upper-cased enum, a referenced object's name. */
function heldForm(target: Target, value: unknown): { wanted: unknown } | undefined {
  const exactly = target.kind.exactly;
  // Options that shape a call are not statement data, nor are their keys; an absent key holds nothing.
  if (target.param.kind.exactly.how === 'shapes the call' || value === undefined) return undefined;
  if (exactly.how === 'held as') return { wanted: exactly.form(value) };
  if (exactly.how !== 'held') return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return { wanted: value };
  if (value instanceof api.Secret) return { wanted: value.reveal() };
  if (target.kind.byName && typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string')
    return { wanted: (value as { name: string }).name };
  return undefined;
}

/** Mutates a caller's object or array after the call, as a caller reusing its request object would. */
function mutate(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    Reflect.set(value, 0, 'fz_mutated');
    Reflect.apply(Array.prototype.push, value, ['fz_mutated']);
    return;
  }
  for (const key of Object.keys(value)) Reflect.set(value, key, 'fz_mutated');
  Reflect.set(value, 'fz_mutated', 'fz_mutated');
}

type Outcome =
  | { readonly kind: 'refused' }
  | { readonly kind: 'skipped' }
  | {
      readonly kind: 'built';
      readonly finished: Executable | undefined;
      readonly args: unknown[];
      readonly example: string;
      readonly callersSql: boolean;
      readonly value: unknown;
    }
  | { readonly kind: 'failure'; readonly message: string; readonly example: string };

const failure = (target: Target, example: string, what: string): Outcome => ({ kind: 'failure', message: `${target.label}: ${what}`, example });

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.constructor.name}: ${error.message.slice(0, 300)}`;
  return `a thrown ${typeof error}`;
}

/** Makes one attempt without the engine. */
async function attempt(target: Target, make: () => unknown, label?: string): Promise<Outcome> {
  const value = make();
  if (target.spec.skips?.when(value) && target.key === undefined && !target.element && !target.unknownKey) return { kind: 'skipped' };
  const example = label ?? describeValue(value);
  const wasFrozen = typeof value === 'object' && value !== null && Object.isFrozen(value);
  const args = argumentsWith(target, value);
  let result: unknown;
  let finished: unknown;
  let text: string | undefined;
  try {
    result = await target.spec.call(args);
    finished = target.spec.finish === undefined ? result : target.spec.finish(result, args);
    text = sqlOf(finished);
  } catch (error) {
    if (isValidationError(error)) return { kind: 'refused' };
    return failure(target, example, `threw ${describeError(error)}`);
  }
  if (!mayAccept(target, value)) return failure(target, example, `accepted a value of a type ${target.kind.id} does not take`);
  try {
    if (sqlOf(finished) !== text) return failure(target, example, 'compile() answered differently the second time');
    const form = heldForm(target, value);
    if (form !== undefined && !holds(nodeOf(finished), form.wanted))
      return failure(target, example, `the statement does not hold the value as given (${describeValue(form.wanted)})`);
    if (!wasFrozen && typeof value === 'object' && value !== null && Object.isFrozen(value)) return failure(target, example, "froze the caller's value");
    mutate(value);
    if (sqlOf(finished) !== text) return failure(target, example, 'the SQL changed when the caller changed its value afterwards');
  } catch (error) {
    return failure(target, example, `threw after building: ${describeError(error)}`);
  }
  // An sql`` fragment is SQL its caller wrote (sql.raw() included): on the engine, a syntax error in it is the caller's.
  return { kind: 'built', finished: finished as Executable | undefined, args: argumentsWith(target, make()), example, callersSql: isSqlFragment(value), value };
}

// ---- Counting ----------------------------------------------------------------------------------------------------

/**
 * attempts = refused + built + failures. Of the built, a sample ran on the engine: storedExactly (read back and equal),
 * ranOnEngine (ran; the value is not one the engine shows back), refusedByEngine (a ServerError other than a syntax
 * error), callersSyntax (a 1005 in SQL the caller wrote: an sql.raw() fragment, or a PATTERN the engine's regex parser
 * refused, quoting it as given), refusedBeforeSending (a client method's ValidationError). skipped: values a spec
 * does not take by the meaning another library gives them (a function in a Kysely value), not attempts.
 */
const counts = {
  attempts: 0,
  skipped: 0,
  refused: 0,
  built: 0,
  failures: 0,
  onEngine: 0,
  storedExactly: 0,
  ranOnEngine: 0,
  refusedByEngine: 0,
  callersSyntax: 0,
  refusedBeforeSending: 0,
};
const engineCodes: Record<number, number> = {};
/** Failures grouped by target and rule, each with the first value that showed it and how many did. */
const failures = new Map<string, { example: string; count: number }>();
const failureList = () => [...failures].map(([message, { example, count }]) => `${message} (given ${example}${count > 1 ? `, and ${count - 1} more` : ''})`);

/**
 * A seeded sample of built attempts per spec, kept for the engine (reservoir sampling): one reservoir for strings and
 * one for every other value, so that the rarer accepted lists and objects reach the engine too.
 */
type Kept = { target: Target; example: string; args: unknown[]; callersSql: boolean };
const sampled = new Map<string, Kept[]>();
const seen = new Map<string, number>();
const random = fc.sample(fc.integer({ min: 0, max: 2 ** 30 }), { seed: SEED, numRuns: 1 })[0]!;
let state = random || 1;
const nextRandom = () => {
  // xorshift32: deterministic for a seed, independent of fast-check's own stream.
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 2 ** 32;
};

function keepForEngine(target: Target, value: unknown, example: string, args: unknown[], callersSql: boolean): void {
  const spec = target.spec;
  if (spec.engine === undefined) return;
  // A generated string where SQL text goes is SQL: it is never run.
  if (target.kind.exactly.how === 'engine' && /never run/.test(target.kind.exactly.says)) return;
  const reservoir = `${SURFACE.indexOf(spec)}:${typeof value === 'string' ? 'string' : 'other'}`;
  const n = (seen.get(reservoir) ?? 0) + 1;
  seen.set(reservoir, n);
  const kept = sampled.get(reservoir) ?? [];
  if (kept.length < ENGINE_PER_SPEC) kept.push({ target, example, args, callersSql });
  else {
    const slot = Math.floor(nextRandom() * n);
    if (slot < ENGINE_PER_SPEC) kept[slot] = { target, example, args, callersSql };
  }
  sampled.set(reservoir, kept);
}

async function record(target: Target, make: () => unknown, label?: string): Promise<void> {
  const outcome = await attempt(target, make, label);
  if (outcome.kind === 'skipped') {
    counts.skipped++;
    return;
  }
  counts.attempts++;
  if (outcome.kind === 'refused') counts.refused++;
  else if (outcome.kind === 'built') {
    counts.built++;
    keepForEngine(target, outcome.value, outcome.example, outcome.args, outcome.callersSql);
  } else {
    counts.failures++;
    const group = failures.get(outcome.message);
    if (group === undefined) failures.set(outcome.message, { example: outcome.example, count: 1 });
    else group.count++;
  }
}

// ---- The engine --------------------------------------------------------------------------------------------------

async function inventory(): Promise<Record<string, string[]>> {
  const names = async (statement: string) => (await client.query<Record<string, unknown>>(statement)).map((r) => String(r.name)).sort();
  return {
    tables: await names("SELECT name FROM system.tables WHERE database = 'default'"),
    stages: await names('SHOW STAGES'),
    connections: await names('SHOW CONNECTIONS'),
    fileFormats: await names('SHOW FILE FORMATS'),
  };
}

let baseline: Record<string, string[]>;

/**
 * The engine's refusal of a PATTERN its regex compiler cannot take (invalid, or compiled too big) is code 1005 too,
 * from the regex parser, not the SQL one: `Pattern format invalid, got:<pattern>, error:...`, where the pattern is
 * quoted as given (long ones masked by the client's scrubbing of long literals it sent).
 */
function patternRefused(error: ServerError, target: Target | undefined): boolean {
  return error.serverCode === 1005 && target?.kind.id === 'PATTERN' && error.serverMessage.startsWith('Pattern format invalid, got:');
}

/** Runs a built statement on the engine; returns a failure message, or undefined. */
async function runOnEngine(
  spec: Spec,
  finished: Executable | undefined,
  args: readonly unknown[],
  label: string,
  callersSql = false,
  target?: Target,
): Promise<string | undefined> {
  const run = spec.engine!;
  counts.onEngine++;
  try {
    let rows: Record<string, unknown>[] = [];
    if (run.viaClient !== undefined) rows = ((await run.viaClient(client, args)) as Record<string, unknown>[] | undefined) ?? [];
    else if (finished === undefined) return `${label}: nothing to run`;
    else if (run.query) rows = await client.query<Record<string, unknown>>(finished as never);
    else await client.execute(finished as never);
    if (run.refusedWith !== undefined) return `${label}: ran, where the engine refuses with ${run.refusedWith.join(' or ')}`;
    if (run.readBack !== undefined) {
      await run.readBack(client, args, rows);
      counts.storedExactly++;
    } else counts.ranOnEngine++;
    return undefined;
  } catch (error) {
    if (error instanceof ServerError) {
      engineCodes[error.serverCode] = (engineCodes[error.serverCode] ?? 0) + 1;
      const callersError = error.serverCode === 1005 && (callersSql || patternRefused(error, target));
      if (error.serverCode === 1005 && !callersError) return `${label}: a syntax error (1005): ${error.serverMessage.slice(0, 300)}`;
      if (run.refusedWith !== undefined && !run.refusedWith.includes(error.serverCode) && !callersError)
        return `${label}: refused with ${error.serverCode}, expected ${run.refusedWith.join(' or ')}: ${error.serverMessage.slice(0, 200)}`;
      if (callersError) counts.callersSyntax++;
      else counts.refusedByEngine++;
      // An internal error (1001) is the engine's own failure on a value it was given: printed, for the report.
      if (error.serverCode === 1001) console.log(`api-contract: 1001 from ${label}: ${error.serverMessage.slice(0, 300)}`);
      return undefined;
    }
    if (isValidationError(error) && run.viaClient !== undefined) {
      counts.refusedBeforeSending++;
      return undefined;
    }
    return `${label}: ${describeError(error)}`;
  } finally {
    for (const statement of run.cleanup?.(args) ?? []) await client.execute(statement as never).catch(() => undefined);
  }
}

beforeAll(async () => {
  engine = await startLocalDatabend();
  client = createClient({ dsn: engine.dsn });
  mkdirSync(join(ROOT, 'in'), { recursive: true });
  writeFileSync(join(ROOT, 'in', 'a.csv'), '1,x,"{""a"":1}",2024-08-16 00:00:00\n');
  await client.execute(fsStage());
  await client.execute(createTable(T));
  await client.execute(createTable(SOURCE));
  await client.execute(createTable(table(CANARY, { note: string() })));
  await client.execute(sql`INSERT INTO ${sql.id(CANARY)} VALUES (${CANARY_NOTE})`);
  baseline = await inventory();
}, 300_000);

afterAll(async () => {
  await client?.close();
  await engine?.stop();
  rmSync(ROOT, { recursive: true, force: true });
  rmSync(LOCAL_SANDBOX, { recursive: true, force: true });
});

// ---- The tests ---------------------------------------------------------------------------------------------------

describe('every public parameter under hostile values', { timeout: 240_000 }, () => {
  it('the table describes every entry point and method the API offers, and nothing else', () => {
    const { found } = walkApi();
    const undescribed = [...found].filter((key) => !DESCRIBED.has(key)).sort();
    expect(undescribed, 'methods the parameter table (test/support/api-surface.ts) does not describe').toEqual([]);
    const stale = [...DESCRIBED].filter((key) => !found.has(key)).sort();
    expect(stale, 'described methods the API no longer offers').toEqual([]);
    expect(EXEMPT.every((e) => e.why.length > 0)).toBe(true);
  });

  it("each spec's valid arguments build, and run on the engine without a syntax error", async () => {
    const broken: string[] = [];
    for (const spec of SURFACE) {
      const label = `${spec.key}${spec.variant === undefined ? '' : ` [${spec.variant}]`}`;
      let finished: unknown;
      try {
        const result = await spec.call(spec.args());
        finished = spec.finish === undefined ? result : spec.finish(result, spec.args());
        sqlOf(finished);
      } catch (error) {
        broken.push(`${label}: ${describeError(error)}`);
        continue;
      }
      if (spec.engine !== undefined) {
        const message = await runOnEngine(spec, finished as Executable, spec.args(), label);
        if (message !== undefined) broken.push(message);
      }
    }
    expect(broken).toEqual([]);
  });

  it('every catalogued hostile value at every parameter is refused, or kept exactly', async () => {
    for (const target of TARGETS) for (const hostile of HOSTILE) await record(target, hostile.make, hostile.label);
    expect(failureList(), `${counts.failures} failures`).toEqual([]);
  });

  it(`generated values (seed ${SEED}, ${GENERATED_RUNS} runs) are refused, or kept exactly`, async () => {
    console.log(`api-contract seed: ${SEED} (replay: API_CONTRACT_SEED=${SEED})`);
    const before = counts.failures;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: TARGETS.length - 1 }), fc.integer(), async (t, valueSeed) => {
        // The value is drawn again from its own seed for each use: an attempt may mutate what it was given.
        const make = () => fc.sample(hostileValue, { seed: valueSeed, numRuns: 1 })[0];
        await record(TARGETS[t]!, make);
      }),
      { seed: SEED, numRuns: GENERATED_RUNS, endOnFailure: true },
    );
    expect(failureList(), `${counts.failures - before} failures`).toEqual([]);
  });

  it('a seeded sample of the built statements runs on the engine: stored exactly, or refused, never a syntax error', async () => {
    const broken: string[] = [];
    for (const kept of sampled.values()) {
      for (const { target, example, args, callersSql } of kept) {
        const spec = target.spec;
        let finished: Executable | undefined;
        try {
          const result = await spec.call(args);
          finished = (spec.finish === undefined ? result : spec.finish(result, args)) as Executable | undefined;
        } catch (error) {
          broken.push(`${target.label} given ${example}: rebuilding threw ${describeError(error)}`);
          continue;
        }
        const message = await runOnEngine(spec, finished, args, `${target.label} given ${example}`, callersSql, target);
        if (message !== undefined) broken.push(message);
      }
    }
    counts.failures += broken.length;
    expect(broken).toEqual([]);
  });

  it('the canary row, the engine and every fixture are as they were', async () => {
    expect(await client.query(sql`SELECT * FROM ${sql.id(CANARY)}`)).toEqual([{ note: CANARY_NOTE }]);
    expect(await client.query('SELECT 1 AS alive')).toEqual([{ alive: 1 }]);
    expect(await inventory()).toEqual(baseline);
    console.log(`api-contract counts (seed ${SEED}): ${JSON.stringify({ ...counts, engineCodes })}`);
    // For docs/bad-input.md: scripts/api-contract-report.mjs runs three seeds with this set and keeps the reports.
    if (process.env.API_CONTRACT_REPORT !== undefined) {
      const walked = walkApi().found;
      const report = {
        seed: SEED,
        generatedRuns: GENERATED_RUNS,
        methods: [...walked].filter((key) => SURFACE.some((spec) => spec.key === key)).length,
        exempt: EXEMPT.length,
        specs: SURFACE.length,
        parameters: SURFACE.reduce((n, spec) => n + spec.params.length, 0),
        targets: TARGETS.length,
        hostileValues: HOSTILE.length,
        ...counts,
        engineCodes,
        seconds: Math.round((performance.now() - STARTED) / 1000),
      };
      writeFileSync(process.env.API_CONTRACT_REPORT, `${JSON.stringify(report, null, 2)}\n`);
    }
  });
});
