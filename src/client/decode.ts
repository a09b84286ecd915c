import { InexactReadError } from '../errors.js';
import type { DataType } from '../ast/data-types.js';
import type { Columns } from '../schema/table.js';
import type { DriverField } from './driver-types.js';
import { JsonNumber, JsonObject, parseExactJson, type ExactJson } from './exact-json.js';
import { int64Mode, type ExactForm } from './exact-read.js';
import { wallTimeToDate } from './wall-time.js';
import { parseType, type TypeDesc } from './type-parser.js';

/** What decoding needs besides the value and its type. */
export interface DecodeContext {
  /** The result column, for errors. */
  readonly column: string;
  /** The session time zone: nested timestamps arrive as wall-clock text in it. */
  readonly zone: string;
}

/**
 * From the value databend-driver returns to the SDK's `SelectValue` (src/schema/values.ts):
 * - VARIANT: the driver returns the JSON text; it is parsed.
 * - TUPLE: the driver returns an array; a named tuple becomes an object keyed by its field names, taken from the
 *   type string when it has them, else from the declared column type. The HTTP API prints tuple types without
 *   names (and databend-driver 0.33.7 cannot parse `Tuple(a Int32)` anyway), so the declared table is what names
 *   them in practice.
 * - BINARY: the driver's Buffer becomes a plain Uint8Array over the same bytes.
 * - ARRAY and MAP elements are decoded by their element type.
 * - BIGINT: a number, which must be a safe integer (the driver has rounded anything beyond 2^53, so such a value
 *   throws InexactReadError); in the 'bigint' and 'string' modes the column is read as text (see exact-read.ts).
 *   BIGINT UNSIGNED arrives as an exact bigint and is converted to the column's mode.
 * - Everything else is kept as the driver gives it: DECIMAL a string (every digit kept), TIMESTAMP and DATE a Date
 *   (milliseconds; the driver drops microseconds), VECTOR a number[].
 * Columns read in an exact form (exact-read.ts) are decoded from that form by `decodeExact`.
 */
export function decodeValue(value: unknown, type: TypeDesc, declared: DataType | undefined, context: DecodeContext): unknown {
  if (value === null || value === undefined) return null;
  switch (type.name) {
    case 'Variant':
      return typeof value === 'string' ? JSON.parse(value) : value;
    case 'Binary':
      return value instanceof Uint8Array ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : value;
    case 'Int64':
    case 'UInt64':
      return int64(value, type, declared, context);
    case 'Array':
      return Array.isArray(value) ? decodeArray(value, type, declared, context) : value;
    case 'Map':
      return isPlainObject(value) ? decodeMap(value, type, declared, context) : value;
    case 'Tuple':
      return Array.isArray(value) ? decodeTuple(value, type, declared, context) : value;
    default:
      return value;
  }
}

function int64(value: unknown, type: TypeDesc, declared: DataType | undefined, context: DecodeContext): unknown {
  const mode = int64Mode(type, declared);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new InexactReadError(
        context.column,
        `the ${type.name} value read as ${value} lies beyond 2^53, where a JavaScript number is not exact; declare the column bigint({ mode: 'bigint' }) or { mode: 'string' }, or select it ::STRING`,
      );
    }
    return mode === 'number' ? value : mode === 'bigint' ? BigInt(value) : String(value);
  }
  const exact = typeof value === 'bigint' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? BigInt(value) : undefined;
  if (exact === undefined) return value;
  if (mode === 'bigint') return exact;
  if (mode === 'string') return exact.toString();
  if (exact > BigInt(Number.MAX_SAFE_INTEGER) || exact < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new InexactReadError(
      context.column,
      `the ${type.name} value ${exact} lies beyond 2^53, where a JavaScript number is not exact; declare the column with { mode: 'bigint' } or { mode: 'string' }`,
    );
  }
  return Number(exact);
}

function decodeArray(values: readonly unknown[], type: TypeDesc, declared: DataType | undefined, context: DecodeContext): unknown[] {
  const element = type.args[0];
  if (element === undefined) return [...values];
  const declaredElement = declared?.kind === 'ARRAY' ? declared.element : undefined;
  return values.map((v) => decodeValue(v, element, declaredElement, context));
}

function decodeMap(map: Record<string, unknown>, type: TypeDesc, declared: DataType | undefined, context: DecodeContext): Record<string, unknown> {
  const valueType = type.args[1];
  if (valueType === undefined) return { ...map };
  const declaredValue = declared?.kind === 'MAP' ? declared.value : undefined;
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, decodeValue(v, valueType, declaredValue, context)]));
}

/** A named tuple's field names: from the type string when it has them, else from the declaration. */
function tupleNames(type: TypeDesc, declared: DataType | undefined): string[] | undefined {
  if (type.args.length > 0 && type.args.every((a) => a.field !== undefined)) return type.args.map((a) => a.field as string);
  return declared?.kind === 'TUPLE' && declared.named ? Object.keys(declared.fields) : undefined;
}

function declaredMembers(declared: DataType | undefined): readonly DataType[] | undefined {
  if (declared?.kind !== 'TUPLE') return undefined;
  return declared.named ? Object.values(declared.fields as Record<string, DataType>) : (declared.elements as readonly DataType[]);
}

function decodeTuple(values: readonly unknown[], type: TypeDesc, declared: DataType | undefined, context: DecodeContext): unknown {
  const members = declaredMembers(declared);
  const decoded = values.map((v, i) => {
    const elementType = type.args[i];
    return elementType === undefined ? v : decodeValue(v, elementType, members?.[i], context);
  });
  return nameTuple(decoded, tupleNames(type, declared));
}

function nameTuple(decoded: unknown[], names: string[] | undefined): unknown {
  return names === undefined || names.length !== decoded.length ? decoded : Object.fromEntries(names.map((name, i) => [name, decoded[i]]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

// ---- Exact forms ----------------------------------------------------------------------------------------------------

/** Decodes a value read in an exact form (exact-read.ts): `type` is the column's own type, before the conversion. */
export function decodeExact(value: unknown, form: ExactForm, type: TypeDesc, declared: DataType | undefined, context: DecodeContext): unknown {
  if (value === null || value === undefined) return null;
  switch (form) {
    case 'text':
      return int64(value, type, declared, context);
    case 'variant':
      return fromJson(parseExactJson(String(value)), type, declared, context);
    case 'bitmap': {
      const members = parseExactJson(String(value));
      return Array.isArray(members) ? members.map((m) => BigInt((m as JsonNumber).text)) : [];
    }
  }
}

/** A nested value from the JSON text of its VARIANT form, as the driver would give it had it read it exactly. */
function fromJson(node: ExactJson, type: TypeDesc, declared: DataType | undefined, context: DecodeContext): unknown {
  if (node === null) return null;
  switch (type.name) {
    case 'Array': {
      const element = type.args[0];
      const declaredElement = declared?.kind === 'ARRAY' ? declared.element : undefined;
      return asArray(node).map((v) => (element === undefined ? plainJson(v) : fromJson(v, element, declaredElement, context)));
    }
    case 'Map': {
      const valueType = type.args[1];
      const declaredValue = declared?.kind === 'MAP' ? declared.value : undefined;
      const entries = node instanceof JsonObject ? node.entries : [];
      return Object.fromEntries(entries.map(([k, v]) => [k, valueType === undefined ? plainJson(v) : fromJson(v, valueType, declaredValue, context)]));
    }
    case 'Tuple': {
      // A TUPLE's VARIANT is an object keyed by field position ("1", "2", ...) or name, in field order.
      const values = node instanceof JsonObject ? node.entries.map(([, v]) => v) : asArray(node);
      const members = declaredMembers(declared);
      const decoded = values.map((v, i) => {
        const elementType = type.args[i];
        return elementType === undefined ? plainJson(v) : fromJson(v, elementType, members?.[i], context);
      });
      return nameTuple(decoded, tupleNames(type, declared));
    }
    case 'Int64':
    case 'UInt64':
      return int64(node instanceof JsonNumber ? node.text : node, type, declared, context);
    case 'Decimal':
      return node instanceof JsonNumber ? node.text : node;
    case 'Date':
      return typeof node === 'string' ? wallTimeToDate(node, 'UTC') : node;
    case 'Timestamp':
      return typeof node === 'string' ? wallTimeToDate(node, context.zone) : node;
    case 'Binary':
      return typeof node === 'string' ? Uint8Array.from(Buffer.from(node, 'hex')) : node;
    case 'Variant':
      return plainJson(node);
    case 'Geometry':
    case 'Geography':
      // The driver gives a top-level geometry as text (GeoJSON by default); VARIANT holds the GeoJSON object.
      return typeof node === 'string' ? node : JSON.stringify(plainJson(node));
    default:
      return plainJson(node);
  }
}

function asArray(node: ExactJson): readonly ExactJson[] {
  return Array.isArray(node) ? node : [];
}

/** A JSON value as JSON.parse gives it: numbers as doubles, objects as plain objects with own keys. */
function plainJson(node: ExactJson): unknown {
  if (node instanceof JsonNumber) return Number(node.text);
  if (Array.isArray(node)) return node.map(plainJson);
  if (node instanceof JsonObject) return Object.fromEntries(node.entries.map(([k, v]) => [k, plainJson(v)]));
  return node;
}

// ---- Rows -------------------------------------------------------------------------------------------------------

/** How a result is decoded: the declared columns, the exact forms some columns were read in, the session zone. */
export interface RowDecoding {
  readonly columns?: Columns | undefined;
  /** Per field, the exact form it was read in (exact-read.ts), or undefined for the driver's own value. */
  readonly forms?: readonly (ExactForm | undefined)[] | undefined;
  readonly zone?: string | undefined;
}

/**
 * Builds the function that turns one driver row (`row.values()`, in schema order) into an object keyed by column
 * name. Column types are parsed once per result; `columns` (a declared table's) names the fields of named tuples and
 * gives 64-bit integers their mode. `fields` are the result's own fields, before any exact form.
 */
export function rowDecoder(fields: readonly DriverField[], decoding: RowDecoding = {}): (values: readonly unknown[]) => Record<string, unknown> {
  const zone = decoding.zone ?? 'UTC';
  const decoders = fields.map((field, i) => {
    const type = parseType(field.dataType);
    const declared = decoding.columns !== undefined && Object.hasOwn(decoding.columns, field.name) ? decoding.columns[field.name]!.spec.type : undefined;
    const form = decoding.forms?.[i];
    const context: DecodeContext = { column: field.name, zone };
    return form === undefined
      ? (value: unknown) => decodeValue(value, type, declared, context)
      : (value: unknown) => decodeExact(value, form, type, declared, context);
  });
  // fromEntries defines own properties, so a column named __proto__ is data, not the prototype.
  return (values) => Object.fromEntries(fields.map((field, i) => [field.name, decoders[i]!(values[i])]));
}
