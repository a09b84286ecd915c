/**
 * Databend's data types as plain data. Each node is what a column declaration or a cast renders; the runtime
 * list `DATA_TYPE_NAMES` is the twin of the `DataTypeName` union.
 */

export const INTEGER_TYPE_NAMES = ['TINYINT', 'SMALLINT', 'INT', 'BIGINT', 'TINYINT UNSIGNED', 'SMALLINT UNSIGNED', 'INT UNSIGNED', 'BIGINT UNSIGNED'] as const;
export type IntegerTypeName = (typeof INTEGER_TYPE_NAMES)[number];

/** The values each integer type holds. */
export const INTEGER_RANGES: Record<IntegerTypeName, readonly [bigint, bigint]> = {
  TINYINT: [-(2n ** 7n), 2n ** 7n - 1n],
  SMALLINT: [-(2n ** 15n), 2n ** 15n - 1n],
  INT: [-(2n ** 31n), 2n ** 31n - 1n],
  BIGINT: [-(2n ** 63n), 2n ** 63n - 1n],
  'TINYINT UNSIGNED': [0n, 2n ** 8n - 1n],
  'SMALLINT UNSIGNED': [0n, 2n ** 16n - 1n],
  'INT UNSIGNED': [0n, 2n ** 32n - 1n],
  'BIGINT UNSIGNED': [0n, 2n ** 64n - 1n],
};

export const DATA_TYPE_NAMES = [
  'BOOLEAN',
  ...INTEGER_TYPE_NAMES,
  'FLOAT',
  'DOUBLE',
  'DECIMAL',
  'STRING',
  'BINARY',
  'DATE',
  'TIMESTAMP',
  'TIMESTAMP_TZ',
  'INTERVAL',
  'VARIANT',
  'ARRAY',
  'MAP',
  'TUPLE',
  'BITMAP',
  'GEOMETRY',
  'GEOGRAPHY',
  'VECTOR',
] as const;
export type DataTypeName = (typeof DATA_TYPE_NAMES)[number];

/** Types that take no parameters. */
export type SimpleTypeName = Exclude<DataTypeName, 'DECIMAL' | 'ARRAY' | 'MAP' | 'TUPLE' | 'VECTOR'>;

export interface SimpleType<N extends SimpleTypeName = SimpleTypeName> {
  readonly kind: N;
}

/** How a 64-bit integer column reads and writes in JavaScript: a double, an exact bigint, or exact decimal text. */
export const INT64_MODES = ['number', 'bigint', 'string'] as const;
export type Int64Mode = (typeof INT64_MODES)[number];
export type Int64TypeName = 'BIGINT' | 'BIGINT UNSIGNED';

/**
 * BIGINT or BIGINT UNSIGNED declared with a mode (`bigint({ mode: 'bigint' })`). Without one the column is a plain
 * SimpleType: BIGINT reads as a number, BIGINT UNSIGNED as a bigint. The mode never changes the SQL type.
 */
export interface Int64Type<N extends Int64TypeName = Int64TypeName, M extends Int64Mode = Int64Mode> {
  readonly kind: N;
  readonly mode: M;
}

export interface DecimalType {
  readonly kind: 'DECIMAL';
  readonly precision: number;
  readonly scale: number;
}

export interface VectorType {
  readonly kind: 'VECTOR';
  readonly dimension: number;
}

export interface ArrayType<E extends DataType = DataType> {
  readonly kind: 'ARRAY';
  readonly element: E;
}

export interface MapType<K extends DataType = DataType, V extends DataType = DataType> {
  readonly kind: 'MAP';
  readonly key: K;
  readonly value: V;
}

export interface TupleType<E extends readonly DataType[] = readonly DataType[]> {
  readonly kind: 'TUPLE';
  readonly named: false;
  readonly elements: E;
}

export interface NamedTupleType<F extends Readonly<Record<string, DataType>> = Readonly<Record<string, DataType>>> {
  readonly kind: 'TUPLE';
  readonly named: true;
  readonly fields: F;
}

export type DataType = SimpleType | Int64Type | DecimalType | VectorType | ArrayType | MapType | TupleType | NamedTupleType;

/** Databend's limits, checked when a type is declared. */
export const DECIMAL_MAX_PRECISION = 76;
export const VECTOR_MAX_DIMENSION = 4096;

/** Key types Databend accepts for MAP. */
export const MAP_KEY_TYPE_NAMES = ['BOOLEAN', ...INTEGER_TYPE_NAMES, 'DECIMAL', 'STRING', 'DATE', 'TIMESTAMP'] as const satisfies readonly DataTypeName[];
