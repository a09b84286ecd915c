import * as z from 'zod';
import { INTEGER_RANGES, type DataType, type Int64Mode, type IntegerTypeName } from '../ast/data-types.js';
import type { AnyColumn } from './column.js';
import { checkTable, type Columns, type Table } from './table.js';
import type { InferInsert, InferSelect } from './infer.js';

/**
 * zod schemas derived from a table, for validating rows at run time. One processor keyed by the data type's
 * kind, so a new type fails to compile here until it is handled.
 */

type Mode = 'select' | 'insert';

const INTEGER_TEXT = /^-?\d+$/;

function integer(name: IntegerTypeName, mode: Mode, int64Mode?: Int64Mode): z.ZodType {
  const [min, max] = INTEGER_RANGES[name];
  const inRange = (v: number | bigint) => BigInt(v) >= min && BigInt(v) <= max;
  const message = `must be an integer from ${min} to ${max} (${name})`;
  const wide = name === 'BIGINT' || name === 'BIGINT UNSIGNED';
  // A number beyond 2^53 may already be another integer than the one meant: only safe integers are exact.
  const asNumber = wide
    ? z.number().refine((n) => Number.isSafeInteger(n) && inRange(n), { message: `${message}; as a number, at most 2^53 - 1 in magnitude` })
    : z.number().int().refine(inRange, { message });
  const asBigint = z.bigint().refine(inRange, { message });
  const asText = z.string().refine((s) => INTEGER_TEXT.test(s) && inRange(BigInt(s)), { message: `${message}, as decimal digits` });
  const read = int64Mode ?? (name === 'BIGINT UNSIGNED' ? 'bigint' : 'number');
  const select = read === 'bigint' ? asBigint : read === 'string' ? asText : asNumber;
  if (mode === 'select') return select;
  if (!wide) return asNumber;
  return read === 'string' ? z.union([asText, asBigint]) : z.union([asNumber, asBigint]);
}

function decimal(precision: number, scale: number, mode: Mode): z.ZodType {
  const intDigits = precision - scale;
  const pattern = new RegExp(`^-?\\d{1,${Math.max(intDigits, 1)}}${scale > 0 ? `(\\.\\d{1,${scale}})?` : ''}$`);
  const text = z.string().regex(pattern, { message: `must be a DECIMAL(${precision}, ${scale}) value` });
  if (mode === 'select') return text;
  // String(n) of a number too large or too precise for the type fails the same pattern (1e+21, 0.125 for scale 2).
  const number = z.number().refine((n) => pattern.test(String(n)), { message: `must fit DECIMAL(${precision}, ${scale})` });
  return z.union([text, number, z.bigint().refine((n) => pattern.test(String(n)), { message: `must fit DECIMAL(${precision}, ${scale})` })]);
}

const ANY_NUMBER = z.custom<number>((value) => typeof value === 'number', { message: 'must be a number (NaN and ±Infinity included)' });

const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?)?$/;

function time(mode: Mode): z.ZodType {
  const instant = z.date().refine((d) => !Number.isNaN(d.getTime()), { message: 'must be a valid date' });
  return mode === 'select' ? instant : z.union([instant, z.string().regex(TIMESTAMP_TEXT, { message: 'must be a date or timestamp text' })]);
}

/** The zod schema of one value of `type`. */
export function zodForType(type: DataType, mode: Mode): z.ZodType {
  switch (type.kind) {
    case 'BOOLEAN':
      return z.boolean();
    case 'TINYINT':
    case 'SMALLINT':
    case 'INT':
    case 'BIGINT':
    case 'TINYINT UNSIGNED':
    case 'SMALLINT UNSIGNED':
    case 'INT UNSIGNED':
    case 'BIGINT UNSIGNED':
      return integer(type.kind, mode, 'mode' in type ? type.mode : undefined);
    case 'FLOAT':
    case 'DOUBLE':
      // NaN and the infinities are values these types hold (and the SDK writes them), which z.number() refuses.
      return ANY_NUMBER;
    case 'DECIMAL':
      return decimal(type.precision, type.scale, mode);
    case 'BITMAP':
      return mode === 'select' ? z.array(z.bigint()) : z.string();
    case 'STRING':
    case 'INTERVAL':
    case 'GEOMETRY':
    case 'GEOGRAPHY':
      return z.string();
    case 'BINARY':
      return z.instanceof(Uint8Array);
    case 'DATE':
    case 'TIMESTAMP':
    case 'TIMESTAMP_TZ':
      return time(mode);
    case 'VARIANT':
      return z.json();
    case 'VECTOR':
      return z.array(z.number()).length(type.dimension, { message: `must have exactly ${type.dimension} numbers (VECTOR(${type.dimension}))` });
    case 'ARRAY':
      return z.array(zodForType(type.element, mode).nullable());
    case 'MAP':
      return z.record(z.string(), zodForType(type.value, mode).nullable());
    case 'TUPLE':
      return type.named
        ? z.object(Object.fromEntries(Object.entries(type.fields as Record<string, DataType>).map(([k, t]) => [k, zodForType(t, mode).nullable()])))
        : z.tuple((type.elements as readonly DataType[]).map((t) => zodForType(t, mode).nullable()) as unknown as [z.ZodType, ...z.ZodType[]]);
  }
}

function zodForColumn(column: AnyColumn, mode: Mode): z.ZodType {
  const base = zodForType(column.spec.type, mode);
  const value = column.spec.nullable ? base.nullable() : base;
  const optional = column.spec.nullable || column.spec.default !== undefined || column.spec.autoIncrement !== undefined;
  return mode === 'insert' && optional ? value.optional() : value;
}

function objectFor(columns: Columns, mode: Mode): z.ZodObject {
  // No insert writes a computed column: the insert schema refuses it as an unknown key.
  const entries = Object.entries(columns).filter(([, column]) => mode === 'select' || column.spec.computed === undefined);
  return z.strictObject(Object.fromEntries(entries.map(([name, column]) => [name, zodForColumn(column, mode)])));
}

/** The zod schema of a row a query over the table returns. Unknown keys are rejected. */
export function selectSchema<C extends Columns>(table: Table<string, C>): z.ZodType<InferSelect<C>> {
  checkTable(table, 'selectSchema()');
  return objectFor(table.columns, 'select') as unknown as z.ZodType<InferSelect<C>>;
}

/** The zod schema of a row an insert into the table accepts. Unknown keys are rejected. */
export function insertSchema<C extends Columns>(table: Table<string, C>): z.ZodType<InferInsert<C>> {
  checkTable(table, 'insertSchema()');
  return objectFor(table.columns, 'insert') as unknown as z.ZodType<InferInsert<C>>;
}
