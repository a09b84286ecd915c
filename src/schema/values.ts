import type { ArrayType, DataType, Int64Mode, Int64Type, MapType, NamedTupleType, SimpleType, TupleType } from '../ast/data-types.js';

/** A JSON value, as VARIANT columns hold it once parsed. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

type NumberTypes = 'TINYINT' | 'SMALLINT' | 'INT' | 'TINYINT UNSIGNED' | 'SMALLINT UNSIGNED' | 'INT UNSIGNED' | 'FLOAT' | 'DOUBLE';
type TextTypes = 'STRING' | 'INTERVAL' | 'BITMAP' | 'GEOMETRY' | 'GEOGRAPHY';
type TimeTypes = 'DATE' | 'TIMESTAMP' | 'TIMESTAMP_TZ';

/**
 * Databend makes the elements of ARRAY, the values of MAP and the fields of TUPLE nullable (the engine reports
 * `Array(String NULL)`), so nested values may be null.
 *
 * The JavaScript value a query returns for a type, matching what databend-driver decodes (after the client's
 * own decoding: VARIANT parsed, named TUPLE as an object). BIGINT is a number unless declared with a mode
 * (`bigint({ mode: 'bigint' })`); BIGINT UNSIGNED is a bigint; DECIMAL a string, to keep every digit; BITMAP the
 * sorted list of its members.
 */
export type SelectValue<T extends DataType> =
  T extends Int64Type<any, infer M>
    ? Int64Value<M>
    : T extends SimpleType<infer N>
      ? N extends 'BOOLEAN'
        ? boolean
        : N extends NumberTypes | 'BIGINT'
          ? number
          : N extends 'BIGINT UNSIGNED'
            ? bigint
            : N extends 'BITMAP'
              ? bigint[]
              : N extends TextTypes
                ? string
                : N extends TimeTypes
                  ? Date
                  : N extends 'BINARY'
                    ? Uint8Array
                    : N extends 'VARIANT'
                      ? JsonValue
                      : never
      : T extends { kind: 'DECIMAL' }
        ? string
        : T extends { kind: 'VECTOR' }
          ? number[]
          : T extends ArrayType<infer E>
            ? (SelectValue<E> | null)[]
            : T extends MapType<any, infer V>
              ? SelectMap<V>
              : T extends TupleType<infer E>
                ? { -readonly [I in keyof E]: E[I] extends DataType ? SelectValue<E[I]> | null : never }
                : T extends NamedTupleType<infer F>
                  ? { -readonly [K in keyof F]: SelectValue<F[K]> | null }
                  : never;

/** The JavaScript value an insert or a DEFAULT accepts for a type: what the SDK can render as a literal. */
export type InsertValue<T extends DataType> =
  T extends Int64Type<any, infer M>
    ? Int64Value<M> | bigint
    : T extends SimpleType<infer N>
      ? N extends 'BOOLEAN'
        ? boolean
        : N extends NumberTypes
          ? number
          : N extends 'BIGINT' | 'BIGINT UNSIGNED'
            ? number | bigint
            : N extends TextTypes
              ? string
              : N extends TimeTypes
                ? Date | string
                : N extends 'BINARY'
                  ? Uint8Array
                  : N extends 'VARIANT'
                    ? JsonValue
                    : never
      : T extends { kind: 'DECIMAL' }
        ? string | number | bigint
        : T extends { kind: 'VECTOR' }
          ? readonly number[]
          : T extends ArrayType<infer E>
            ? readonly (InsertValue<E> | null)[]
            : T extends MapType<any, infer V>
              ? InsertMap<V>
              : T extends TupleType<infer E>
                ? { readonly [I in keyof E]: E[I] extends DataType ? InsertValue<E[I]> | null : never }
                : T extends NamedTupleType<infer F>
                  ? { readonly [K in keyof F]: InsertValue<F[K]> | null }
                  : never;

/** The JavaScript value of a 64-bit integer in a mode. */
export type Int64Value<M extends Int64Mode> = M extends 'bigint' ? bigint : M extends 'string' ? string : number;

/** Interfaces (not `Record`) so the recursive value types are resolved lazily. */
export interface SelectMap<V extends DataType> {
  [key: string]: SelectValue<V> | null;
}

export interface InsertMap<V extends DataType> {
  readonly [key: string]: InsertValue<V> | null;
}
