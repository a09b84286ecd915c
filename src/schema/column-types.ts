import { argText, check, checkInteger, checkPlainObject, checkRecord } from '../checks.js';
import { checkedType, toDataType } from './check-type.js';
import { column, Column, columnOfChecked } from './column.js';
import { checkIdentifier } from './identifier.js';
import {
  DECIMAL_MAX_PRECISION,
  MAP_KEY_TYPE_NAMES,
  VECTOR_MAX_DIMENSION,
  type ArrayType,
  type DataType,
  type DecimalType,
  INT64_MODES,
  type Int64Mode,
  type Int64Type,
  type Int64TypeName,
  type MapType,
  type NamedTupleType,
  type SimpleType,
  type SimpleTypeName,
  type TupleType,
  type VectorType,
} from '../ast/data-types.js';

/** The column declarations, one function per Databend type. Each returns a nullable column (Databend's default). */

type TypeLike = DataType | Column<any, any, any>;
/** Any column a type constructor returns. */
export type TypeLikeColumn = Column<any, any, any>;
type TypeOf<T extends TypeLike> = T extends Column<infer D, any, any> ? D : T;

/**
 * The type of a column declaration, or a type node given instead (`{ kind: 'INT' }`, `int().spec.type`), checked
 * and copied: a node is rendered as it is, so one from a request body could otherwise be SQL of its own.
 */
function typeOf<T extends TypeLike>(value: T, call: string, field: string): TypeOf<T> {
  if (value instanceof Column) return value.spec.type as TypeOf<T>;
  check(typeof value === 'object' && value !== null, 'invalid_type', call, () => `${field} must be a column function such as string() or int()`, field);
  return toDataType(value, call, field) as TypeOf<T>;
}

// One checked, frozen type node per simple type, made once: a node per call cost a freeze and a WeakSet entry each.
const simple = <N extends SimpleTypeName>(kind: N) => {
  const node = checkedType({ kind } as SimpleType<N>);
  return (): Column<SimpleType<N>, true, false> => columnOfChecked(node);
};

export const boolean = simple('BOOLEAN');
export const tinyint = simple('TINYINT');
export const smallint = simple('SMALLINT');
export const int = simple('INT');
/** Options of a 64-bit integer column. */
export interface Int64Options<M extends Int64Mode> {
  /**
   * How values read and write in JavaScript: 'number' (a double: a value beyond 2^53 cannot be represented, and
   * reading one throws InexactReadError), 'bigint' or 'string' (exact). Default: 'number' for BIGINT, 'bigint' for
   * BIGINT UNSIGNED.
   */
  readonly mode?: M;
}

function int64<N extends Int64TypeName>(kind: N) {
  function declare(): Column<SimpleType<N>, true, false>;
  function declare<M extends Int64Mode>(options: Int64Options<M>): Column<Int64Type<N, M>, true, false>;
  function declare(options?: Int64Options<Int64Mode>): Column<DataType, true, false> {
    if (options === undefined) return column({ kind } as SimpleType<N>);
    const call = `${kind === 'BIGINT' ? 'bigint' : 'bigintUnsigned'}()`;
    check(
      typeof options === 'object' && options !== null && !Array.isArray(options),
      'invalid_type',
      call,
      "options must be an object such as { mode: 'bigint' }",
      'options',
    );
    checkRecord(options, call, 'options', ['mode']);
    const mode = options.mode;
    if (mode === undefined) return column({ kind } as SimpleType<N>);
    check((INT64_MODES as readonly unknown[]).includes(mode), 'invalid_value', call, () => `mode must be one of ${INT64_MODES.join(', ')}`, 'mode');
    return column({ kind, mode } as Int64Type<N, Int64Mode>);
  }
  return declare;
}

/** BIGINT; `bigint({ mode: 'bigint' | 'string' })` reads and writes every value exactly. */
export const bigint = int64('BIGINT');
export const tinyintUnsigned = simple('TINYINT UNSIGNED');
export const smallintUnsigned = simple('SMALLINT UNSIGNED');
export const intUnsigned = simple('INT UNSIGNED');
/** BIGINT UNSIGNED; reads as a bigint unless declared with another mode. */
export const bigintUnsigned = int64('BIGINT UNSIGNED');
export const float = simple('FLOAT');
export const double = simple('DOUBLE');
export const string = simple('STRING');
export const binary = simple('BINARY');
export const date = simple('DATE');
export const timestamp = simple('TIMESTAMP');
export const timestampTz = simple('TIMESTAMP_TZ');
export const interval = simple('INTERVAL');
export const variant = simple('VARIANT');
export const bitmap = simple('BITMAP');
export const geometry = simple('GEOMETRY');
export const geography = simple('GEOGRAPHY');

/** DECIMAL(precision, scale): 1 <= precision <= 76, 0 <= scale <= precision. */
export function decimal(precision: number, scale = 0): Column<DecimalType, true, false> {
  const call = `decimal(${argText(precision)}, ${argText(scale)})`;
  checkInteger(precision, 1, DECIMAL_MAX_PRECISION, call, () => `precision must be an integer from 1 to ${DECIMAL_MAX_PRECISION}`, 'precision');
  checkInteger(scale, 0, precision, call, 'scale must be an integer from 0 to the precision', 'scale');
  return column({ kind: 'DECIMAL', precision, scale });
}

/** VECTOR(dimension): a fixed-length Float32 vector, 1 <= dimension <= 4096. */
export function vector(dimension: number): Column<VectorType, true, false> {
  checkInteger(
    dimension,
    1,
    VECTOR_MAX_DIMENSION,
    () => `vector(${argText(dimension)})`,
    () => `dimension must be an integer from 1 to ${VECTOR_MAX_DIMENSION}`,
    'dimension',
  );
  return column({ kind: 'VECTOR', dimension });
}

/** ARRAY(element). */
export function array<E extends TypeLike>(element: E): Column<ArrayType<TypeOf<E>>, true, false> {
  return column({ kind: 'ARRAY', element: typeOf(element, 'array()', 'the element type') });
}

/** MAP(key, value); the key must be a boolean, number, decimal, string, date or timestamp type. */
export function map<K extends TypeLike, V extends TypeLike>(key: K, value: V): Column<MapType<TypeOf<K>, TypeOf<V>>, true, false> {
  const keyType = typeOf(key, 'map()', 'the key type') as DataType;
  const valueType = typeOf(value, 'map()', 'the value type');
  check(
    (MAP_KEY_TYPE_NAMES as readonly string[]).includes(keyType.kind),
    'invalid_value',
    `map(${keyType.kind}, …)`,
    () => `the key type must be one of ${MAP_KEY_TYPE_NAMES.join(', ')}`,
  );
  return column({ kind: 'MAP', key: keyType as TypeOf<K>, value: valueType });
}

/**
 * TUPLE: positional `tuple(int(), string())` renders TUPLE(INT, STRING); named `tuple({ lat: double(), lon: double() })`
 * renders TUPLE(lat DOUBLE, lon DOUBLE).
 */
export function tuple<F extends Record<string, TypeLike>>(fields: F): Column<NamedTupleType<{ readonly [K in keyof F]: TypeOf<F[K]> }>, true, false>;
export function tuple<E extends readonly TypeLike[]>(...elements: E): Column<TupleType<{ readonly [I in keyof E]: TypeOf<E[I]> }>, true, false>;
export function tuple(...args: unknown[]): Column<any, true, false> {
  const first = args[0];
  if (args.length === 1 && typeof first === 'object' && first !== null && !(first instanceof Column) && !('kind' in first)) {
    checkPlainObject(first, 'tuple({...})', 'fields');
    const entries = Object.entries(first as Record<string, TypeLike>);
    check(entries.length > 0, 'too_small', 'tuple({})', 'a tuple needs at least one field');
    const fields: Record<string, DataType> = {};
    for (const [name, value] of entries) {
      checkIdentifier(name, 'tuple({...})', 'field name');
      // Defined, not assigned: a field called __proto__ is a field.
      Object.defineProperty(fields, name, { value: typeOf(value, 'tuple({...})', `field '${name}'`), enumerable: true });
    }
    return column({ kind: 'TUPLE', named: true, fields });
  }
  check(args.length > 0, 'too_small', 'tuple()', 'a tuple needs at least one element');
  return column({ kind: 'TUPLE', named: false, elements: (args as TypeLike[]).map((value, i) => typeOf(value, 'tuple()', `element ${i + 1}`)) });
}
