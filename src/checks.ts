// The run-time checks every layer shares: a ValidationError naming the call and the rule, before any SQL exists.
import { ValidationError, type ValidationReason } from './errors.js';

/**
 * The API call a check names in its error (`copyInto('frame_events').files()`), or a function that spells it: builders
 * pass functions so that a chain of calls that all pass, the usual case, never builds the text.
 */
export type CallSite = string | (() => string);

/** A rule's text, or a function that spells it: a rule that lists the accepted values is costly to build. */
export type RuleText = string | (() => string);

/** Throws a ValidationError with `reason` unless `condition` holds. */
export function check(condition: unknown, reason: ValidationReason, call: CallSite, rule: RuleText, field?: string): asserts condition {
  if (!condition) throw new ValidationError(reason, callText(call), ruleText(rule), field);
}

/** Throws a ValidationError: for a rule whose reason is worked out only once it is broken. */
export function refuse(reason: ValidationReason, call: CallSite, rule: RuleText, field?: string): never {
  throw new ValidationError(reason, callText(call), ruleText(rule), field);
}

/**
 * Refuses anything but an integer from `min` to `max` (at most the safe integers): `invalid_type` for a value that is
 * no integer (a fraction, NaN, a string, a bigint), `too_small` or `too_big` for one out of range.
 */
export function checkInteger(value: unknown, min: number, max: number, call: CallSite, rule: RuleText, field?: string): asserts value is number {
  if (typeof value === 'number' && value >= min && value <= max && Number.isSafeInteger(value)) return;
  const reason = !Number.isInteger(value) ? 'invalid_type' : (value as number) < min ? 'too_small' : 'too_big';
  throw new ValidationError(reason, callText(call), ruleText(rule), field);
}

/** Refuses anything but a string of at least one character: `invalid_type`, or `too_small` for ''. */
export function checkNonEmptyString(value: unknown, call: CallSite, rule: RuleText, field?: string): asserts value is string {
  if (typeof value === 'string' && value.length > 0) return;
  throw new ValidationError(typeof value === 'string' ? 'too_small' : 'invalid_type', callText(call), ruleText(rule), field);
}

function callText(call: CallSite): string {
  return typeof call === 'string' ? call : call();
}

function ruleText(rule: RuleText): string {
  return typeof rule === 'string' ? rule : rule();
}

/** Refuses anything but a boolean: `'false'` is truthy, and a string pasted as an option would be SQL of its own. */
export function checkBoolean(value: unknown, call: CallSite, field: string): asserts value is boolean {
  check(typeof value === 'boolean', 'invalid_type', call, () => `${field} must be true or false (a boolean), not ${describeValue(value)}`, field);
}

/**
 * The value of a flag method (`purge()`, `force(false)`): TRUE when called without an argument, else the argument,
 * which must be a boolean. An explicit `undefined` is refused rather than read as the default: `purge(body.purge)`
 * with the key missing from a request body would otherwise turn PURGE on.
 */
export function flag(args: readonly unknown[], call: CallSite): boolean {
  if (args.length === 0) return true;
  const value = args[0];
  checkBoolean(value, call, 'value');
  return value;
}

/** True for a time zone name the platform knows (an IANA name such as 'UTC' or 'Asia/Shanghai'). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Refuses anything but a plain object (no array, no class instance), for option records read by key. */
export function checkPlainObject(value: unknown, call: CallSite, field: string): asserts value is Record<string, unknown> {
  check(isPlainObject(value), 'invalid_type', call, () => `${field} must be a plain object, not ${describeValue(value)}`, field);
}

/** An object made by `{}` or Object.create(null): no array, no Date, no class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Any object but an array, a Date or a byte array: what a MAP or named TUPLE value is read from, by its own keys. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

/** A short description of a value of unknown type, for messages; never its content, which may be a secret. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return value instanceof Date ? 'a Date' : 'an object';
  return `a ${typeof value}`;
}

/**
 * describeValue naming an object by its class ('a Map', 'a Uint16Array'), for the value rules: they refuse class
 * instances where a value goes, and say which one was given.
 */
export function describeValueKind(value: unknown): string {
  if (typeof value !== 'object' || value === null) return `a ${typeof value}`;
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object';
}

/** Refuses anything but a string: an object would be read through its toString(), which may answer differently each time. */
export function checkString(value: unknown, call: CallSite, field: string): asserts value is string {
  check(typeof value === 'string', 'invalid_type', call, () => `${field} must be a string, not ${describeValue(value)}`, field);
}

/**
 * A caller's value as the text of a call shows it (`decimal(10, 2)`, `table('frames')`): a string as it is, a number,
 * bigint or boolean spelled out, anything else described. Never through the value's own toString(), which may throw
 * (a symbol, an object without a prototype), recurse without end (an array nested deeply) or answer differently each
 * time.
 */
export function argText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return `<${describeValue(value)}>`;
}

/**
 * Refuses anything but an array without holes. A hole is skipped by forEach() and every() but kept by map(): a sparse
 * list passed every check and left an empty place in the SQL (`SELECT , a`, `DEFAULT [, 'a']`).
 */
export function checkList(value: unknown, call: CallSite, field: string): asserts value is unknown[] {
  check(Array.isArray(value), 'invalid_type', call, () => `${field} must be an array, not ${describeValue(value)}`, field);
  for (let i = 0; i < value.length; i++)
    check(i in value, 'invalid_type', call, () => `${field} must not have holes (a sparse array): item ${i + 1} is missing`, field);
}

/** Refuses anything but a plain object with only the keys listed, for option records read by key. */
export function checkRecord(value: unknown, call: CallSite, field: string, keys: readonly string[]): asserts value is Record<string, unknown> {
  checkPlainObject(value, call, field);
  // `if ... refuse` rather than check() with a message closure: a closure per key was made on every call.
  for (const key of Object.keys(value)) if (!keys.includes(key)) refuse('unknown_key', call, `${field} has no key '${key}' (known: ${keys.join(', ')})`, key);
}

/** The positive integer options: SIZE_LIMIT, SPLIT_SIZE, MAX_FILE_SIZE, ... */
export function checkPositive(value: number, call: CallSite, option: string): void {
  checkInteger(value, 1, Number.MAX_SAFE_INTEGER, call, () => `${option} must be a positive integer`, option);
}
