import { ValidationError } from '../errors.js';
import { INTEGER_RANGES, type DataType, type IntegerTypeName } from './data-types.js';

// What a value must be to be written exactly. A value is written as given or refused, never changed on the way: 1.5
// into an INT would be stored as 2, a Map or a class instance would become {} through JSON, an invalid Date has no
// text at all.

export function refusedValue(rule: string): ValidationError {
  return new ValidationError('value', rule, 'value');
}

export function describeValueKind(value: unknown): string {
  if (typeof value !== 'object' || value === null) return `a ${typeof value}`;
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function integerKind(type: DataType | undefined): IntegerTypeName | undefined {
  return type !== undefined && Object.hasOwn(INTEGER_RANGES, type.kind) ? (type.kind as IntegerTypeName) : undefined;
}

/** A number or bigint for an integer column: an integer within the type's range (a number, a safe one). */
export function checkInteger<T extends number | bigint>(value: T, type: DataType | undefined): T {
  const kind = integerKind(type);
  if (kind === undefined) return value;
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    throw refusedValue(`${kind} takes an integer (a safe integer as a number, or a bigint), not ${value}`);
  }
  const [min, max] = INTEGER_RANGES[kind];
  const exact = BigInt(value);
  if (exact < min || exact > max) throw refusedValue(`${kind} takes an integer from ${min} to ${max}, not ${exact}`);
  return value;
}

const INTEGER_TEXT = /^-?\d+$/;

/** A string for an integer column (a BIGINT in 'string' mode): decimal digits within the type's range. */
export function checkIntegerText(value: string, type: DataType): string {
  const kind = integerKind(type);
  if (kind === undefined) return value;
  if (!INTEGER_TEXT.test(value)) throw refusedValue(`${kind} takes an integer as decimal digits, not '${value.slice(0, 40)}'`);
  checkInteger(BigInt(value), type);
  return value;
}

export function checkDate(value: Date): Date {
  if (Number.isNaN(value.getTime())) throw refusedValue('an invalid Date (its time is NaN) has no value to write');
  return value;
}

/** JSON text for a VARIANT: JSON.stringify would throw a TypeError on a cycle or a bigint, and drop what it cannot hold. */
export function jsonText(value: unknown): string {
  checkJson(value, new Set());
  return JSON.stringify(value);
}

function checkJson(value: unknown, seen: Set<object>): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw refusedValue(`a VARIANT (JSON) value cannot hold ${value}`);
    return;
  }
  if (typeof value !== 'object') throw refusedValue(`a VARIANT (JSON) value cannot hold ${describeValueKind(value)}`);
  if (seen.has(value)) throw refusedValue('a VARIANT (JSON) value cannot hold a cycle');
  if (!Array.isArray(value) && !isPlainObject(value)) throw refusedValue(`a VARIANT (JSON) value cannot hold ${describeValueKind(value)}: use plain objects and arrays`);
  seen.add(value);
  for (const item of Array.isArray(value) ? value : Object.values(value)) checkJson(item, seen);
  seen.delete(value);
}

/**
 * Checks a value against a column type before it is kept (a DEFAULT), with the rules the literal renderer applies:
 * so that a declaration refuses 1.5 for an INT when it is made, not when its CREATE TABLE is rendered.
 */
export function checkValue(value: unknown, type: DataType): void {
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
    value.forEach((item, i) => checkValue(item, type.kind === 'TUPLE' && !type.named ? (type.elements as readonly DataType[])[i] ?? type : element ?? type));
    return;
  }
  if (!isPlainObject(value)) throw refusedValue(`${describeValueKind(value)} is not a value that can be written as SQL: use a string, number, bigint, boolean, Date, Uint8Array, array or plain object`);
  if (type.kind === 'MAP') for (const item of Object.values(value)) checkValue(item, type.value);
  if (type.kind === 'TUPLE' && type.named) for (const [name, field] of Object.entries(type.fields as Record<string, DataType>)) checkValue(value[name], field);
}
