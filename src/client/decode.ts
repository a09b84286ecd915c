import type { DataType } from '../schema/data-types.js';
import type { Columns } from '../schema/table.js';
import type { DriverField } from './driver-types.js';
import { parseType, type TypeDesc } from './type-parser.js';

/**
 * From the value databend-driver returns to the SDK's `SelectValue` (src/schema/values.ts):
 * - VARIANT: the driver returns the JSON text; it is parsed.
 * - TUPLE: the driver returns an array; a named tuple becomes an object keyed by its field names, taken from the
 *   type string when it has them, else from the declared column type. The HTTP API prints tuple types without
 *   names (and databend-driver 0.33.7 cannot parse `Tuple(a Int32)` anyway), so the declared table is what names
 *   them in practice.
 * - BINARY: the driver's Buffer becomes a plain Uint8Array over the same bytes.
 * - ARRAY and MAP elements are decoded by their element type.
 * - Everything else is kept as the driver gives it: DECIMAL a string (every digit kept), BIGINT UNSIGNED a
 *   bigint, TIMESTAMP and DATE a Date (milliseconds; the driver drops microseconds), VECTOR a number[], and
 *   BIGINT a number: the driver converts Int64 to a double, so values beyond 2^53 have already lost precision;
 *   select such ids as `id::STRING` to keep them exact.
 */
export function decodeValue(value: unknown, type: TypeDesc, declared?: DataType): unknown {
  if (value === null || value === undefined) return null;
  switch (type.name) {
    case 'Variant':
      return typeof value === 'string' ? JSON.parse(value) : value;
    case 'Binary':
      return value instanceof Uint8Array ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : value;
    case 'Array':
      return Array.isArray(value) ? decodeArray(value, type, declared) : value;
    case 'Map':
      return isPlainObject(value) ? decodeMap(value, type, declared) : value;
    case 'Tuple':
      return Array.isArray(value) ? decodeTuple(value, type, declared) : value;
    default:
      return value;
  }
}

function decodeArray(values: readonly unknown[], type: TypeDesc, declared?: DataType): unknown[] {
  const element = type.args[0];
  if (element === undefined) return [...values];
  const declaredElement = declared?.kind === 'ARRAY' ? declared.element : undefined;
  return values.map((v) => decodeValue(v, element, declaredElement));
}

function decodeMap(map: Record<string, unknown>, type: TypeDesc, declared?: DataType): Record<string, unknown> {
  const valueType = type.args[1];
  if (valueType === undefined) return { ...map };
  const declaredValue = declared?.kind === 'MAP' ? declared.value : undefined;
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, decodeValue(v, valueType, declaredValue)]));
}

function decodeTuple(values: readonly unknown[], type: TypeDesc, declared?: DataType): unknown {
  const declaredFields = declared?.kind === 'TUPLE' && declared.named ? Object.entries(declared.fields) : undefined;
  const declaredElements = declared?.kind === 'TUPLE' && !declared.named ? declared.elements : undefined;
  const names = type.args.every((a) => a.field !== undefined) && type.args.length > 0
    ? type.args.map((a) => a.field as string)
    : declaredFields?.map(([name]) => name);
  const decoded = values.map((v, i) => {
    const elementType = type.args[i];
    const declaredElement = declaredFields?.[i]?.[1] ?? declaredElements?.[i];
    return elementType === undefined ? v : decodeValue(v, elementType, declaredElement);
  });
  return names === undefined || names.length !== decoded.length
    ? decoded
    : Object.fromEntries(names.map((name, i) => [name, decoded[i]]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

/**
 * Builds the function that turns one driver row (`row.values()`, in schema order) into an object keyed by column
 * name. Column types are parsed once per result; `columns` (a declared table's) names the fields of named tuples.
 */
export function rowDecoder(fields: readonly DriverField[], columns?: Columns): (values: readonly unknown[]) => Record<string, unknown> {
  const decoders = fields.map((field) => {
    const type = parseType(field.dataType);
    const declared = columns?.[field.name]?.spec.type;
    return (value: unknown) => decodeValue(value, type, declared);
  });
  // fromEntries defines own properties, so a column named __proto__ is data, not the prototype.
  return (values) => Object.fromEntries(fields.map((field, i) => [field.name, decoders[i]!(values[i])]));
}
