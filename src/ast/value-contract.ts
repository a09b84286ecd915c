import { isWellFormed } from './text.js';
import { describeValueKind, isPlainObject } from '../checks.js';
import { ValidationError, type ValidationReason } from '../errors.js';
import { INTEGER_RANGES, type DataType, type IntegerTypeName } from './data-types.js';

// What a value must be to be written exactly. A value is written as given or refused, never changed on the way: 1.5
// into an INT would be stored as 2, a Map or a class instance would become {} through JSON, an invalid Date has no
// text at all.

export function refusedValue(reason: ValidationReason, rule: string): ValidationError {
  return new ValidationError(reason, 'value', rule, 'value');
}

function integerKind(type: DataType | undefined): IntegerTypeName | undefined {
  return type !== undefined && Object.hasOwn(INTEGER_RANGES, type.kind) ? (type.kind as IntegerTypeName) : undefined;
}

/** A number or bigint for an integer column: an integer within the type's range (a number, a safe one). */
export function checkInteger<T extends number | bigint>(value: T, type: DataType | undefined): T {
  const kind = integerKind(type);
  if (kind === undefined) return value;
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw refusedValue('not_exact', `${kind} takes an integer (a safe integer as a number, or a bigint), not ${value}`);
  }
  const [min, max] = INTEGER_RANGES[kind];
  const exact = BigInt(value);
  if (exact < min || exact > max) throw refusedValue(exact < min ? 'too_small' : 'too_big', `${kind} takes an integer from ${min} to ${max}, not ${exact}`);
  return value;
}

const INTEGER_TEXT = /^-?\d+$/;

/** A string for an integer column (a BIGINT in 'string' mode): decimal digits within the type's range. */
export function checkIntegerText(value: string, type: DataType): string {
  const kind = integerKind(type);
  if (kind === undefined) return value;
  if (!INTEGER_TEXT.test(value)) throw refusedValue('invalid_format', `${kind} takes an integer as decimal digits, not '${value.slice(0, 40)}'`);
  checkInteger(BigInt(value), type);
  return value;
}

export function checkDate(value: Date): Date {
  if (Number.isNaN(value.getTime())) throw refusedValue('not_exact', 'an invalid Date (its time is NaN) has no value to write');
  return value;
}

/** JSON text for a VARIANT: JSON.stringify would throw a TypeError on a cycle or a bigint, and drop what it cannot hold. */
export function jsonText(value: unknown): string {
  checkNesting(value);
  checkJson(value, new Set());
  return JSON.stringify(value);
}

function checkJson(value: unknown, seen: Set<object>): void {
  if (value === null || typeof value === 'boolean') return;
  // JSON.stringify escapes a lone surrogate (\ud800), which the engine cannot store as text: it would come back changed.
  if (typeof value === 'string') {
    if (!isWellFormed(value)) throw refusedValue('not_exact', 'a VARIANT (JSON) value cannot hold a lone surrogate (UTF-8 has no form for it)');
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw refusedValue('not_exact', `a VARIANT (JSON) value cannot hold ${value}`);
    // JSON.stringify(-0) is '0': written, it would read back as another number.
    if (Object.is(value, -0)) throw refusedValue('not_exact', 'a VARIANT (JSON) value cannot hold -0 (JSON writes it as 0)');
    return;
  }
  if (typeof value !== 'object') throw refusedValue('invalid_type', `a VARIANT (JSON) value cannot hold ${describeValueKind(value)}`);
  if (seen.has(value)) throw refusedValue('not_exact', 'a VARIANT (JSON) value cannot hold a cycle');
  if (!Array.isArray(value) && !isPlainObject(value))
    throw refusedValue('invalid_type', `a VARIANT (JSON) value cannot hold ${describeValueKind(value)}: use plain objects and arrays`);
  seen.add(value);
  if (!Array.isArray(value)) for (const key of Object.keys(value)) checkJson(key, seen);
  for (const item of Array.isArray(value) ? value : Object.values(value)) checkJson(item, seen);
  seen.delete(value);
}

/**
 * Checks a value against a column type before it is kept (a DEFAULT), with the rules the literal renderer applies:
 * so that a declaration refuses 1.5 for an INT when it is made, not when its CREATE TABLE is rendered.
 */
export function checkValue(value: unknown, type: DataType): void {
  checkNesting(value);
  checkMember(value, type);
}

function checkMember(value: unknown, type: DataType): void {
  if (value === null || value === undefined || typeof value === 'boolean') return;
  if (typeof value === 'bigint' || typeof value === 'number') {
    checkInteger(value, type);
    return;
  }
  if (type.kind === 'VARIANT') {
    jsonText(value);
    return;
  }
  if (typeof value === 'string') {
    checkIntegerText(value, type);
    return;
  }
  if (value instanceof Date) {
    checkDate(value);
    return;
  }
  if (value instanceof Uint8Array) return;
  if (Array.isArray(value)) {
    const element = type.kind === 'ARRAY' ? type.element : undefined;
    value.forEach((item, i) =>
      checkMember(item, type.kind === 'TUPLE' && !type.named ? ((type.elements as readonly DataType[])[i] ?? type) : (element ?? type)),
    );
    return;
  }
  if (!isPlainObject(value))
    throw refusedValue(
      'invalid_type',
      `${describeValueKind(value)} is not a value that can be written as SQL: use a string, number, bigint, boolean, Date, Uint8Array, array or plain object`,
    );
  if (type.kind === 'MAP') for (const item of Object.values(value)) checkMember(item, type.value);
  if (type.kind === 'TUPLE' && type.named) {
    const fields = type.fields as Record<string, DataType>;
    // A key the tuple does not have would be dropped without a word.
    for (const key of Object.keys(value))
      if (!Object.hasOwn(fields, key)) throw refusedValue('unknown_key', `a TUPLE value has no field '${key}' (fields: ${Object.keys(fields).join(', ')})`);
    for (const [name, field] of Object.entries(fields)) checkMember(value[name], field);
  }
}

/** Deeper than this a value is refused: values are checked and written recursively. */
const MAX_VALUE_DEPTH = 100;

/**
 * Refuses a value nested more than MAX_VALUE_DEPTH arrays or objects deep, or holding itself, walking it without
 * recursion: a JSON array 5,000 levels deep, which a request body can hold, overflowed the stack of every recursive
 * check and renderer.
 */
export function checkNesting(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  // Depth first, with the objects on the current path: an object met again below itself is a cycle.
  const path = new Set<object>();
  const pending: [object, number, boolean][] = [[value, 0, false]];
  while (pending.length > 0) {
    const [item, depth, leaving] = pending.pop()!;
    if (leaving) {
      path.delete(item);
      continue;
    }
    if (path.has(item)) throw refusedValue('not_exact', 'a value holding itself (a cycle) cannot be written');
    if (depth >= MAX_VALUE_DEPTH) throw refusedValue('too_big', `a value nested more than ${MAX_VALUE_DEPTH} arrays or objects deep cannot be written`);
    // A hole is skipped by the checks (forEach) but kept by the renderer (map): `[, 'a']` was an empty place in the SQL.
    if (Array.isArray(item))
      for (let i = 0; i < item.length; i++)
        if (!(i in item)) throw refusedValue('not_exact', `an array with a hole (a sparse array: item ${i + 1} is missing) has no value to write there`);
    path.add(item);
    pending.push([item, depth, true]);
    for (const member of Array.isArray(item) ? item : Object.values(item)) {
      if (typeof member === 'object' && member !== null && !ArrayBuffer.isView(member) && !(member instanceof Date)) pending.push([member, depth + 1, false]);
    }
  }
}

/**
 * A copy of a checked value, for a declaration to keep: arrays and plain objects copied member by member (own keys
 * defined, so that a key called __proto__ stays a key), dates and byte arrays copied; anything else is immutable.
 */
export function copyValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (Array.isArray(value)) return value.map(copyValue);
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value))
    Object.defineProperty(copy, key, { value: copyValue(value[key]), enumerable: true, writable: true, configurable: true });
  return copy;
}
