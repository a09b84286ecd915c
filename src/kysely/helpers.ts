import { sql, type AliasedRawBuilder, type RawBuilder } from 'kysely';
import type { NameRef } from '../builders/statement-builder.js';
import { selectFromStage } from '../builders/select-stage.js';
import { check } from '../errors.js';
import { quoteString } from '../render/quote.js';
import type { InferSelect } from '../schema/infer.js';
import type { AnyTable, Columns, Table } from '../schema/table.js';
import type { JsonValue } from '../schema/values.js';

/** A VARIANT path: keys and array indexes, `['detections', 0, 'label']` for `:detections[0]:label`. */
export type VariantPath = readonly (string | number)[];

function renderPath(path: VariantPath, call: string): string {
  check(path.length > 0, call, 'a VARIANT path needs at least one step', 'path');
  return path
    .map((step) => {
      if (typeof step === 'number') {
        check(Number.isSafeInteger(step) && step >= 0, call, 'an array index must be a non-negative integer', 'path');
        return `[${step}]`;
      }
      check(typeof step === 'string', call, 'a path step is a key or an array index', 'path');
      // Other keys are written as ['key'] with the SDK's escaping of string literals.
      return /^[A-Za-z_][A-Za-z0-9_]*$/.test(step) ? `:${step}` : `[${quoteString(step)}]`;
    })
    .join('');
}

/**
 * A value inside a VARIANT column: `variantPath('p.payload', ['detections', 0, 'label'])` renders
 * `p.payload:detections[0]:label` (a VARIANT). Cast it in SQL where a typed value is needed:
 * sql<string>`${variantPath(...)}::STRING`, or use `variantString` / `variantNumber`.
 */
export function variantPath<T = JsonValue>(column: string, path: VariantPath): RawBuilder<T | null> {
  return sql<T | null>`${sql.ref(column)}${sql.raw(renderPath(path, `variantPath('${column}')`))}`;
}

/** The path's value as STRING (NULL when absent or not a string). */
export function variantString(column: string, path: VariantPath): RawBuilder<string | null> {
  return sql<string | null>`${variantPath(column, path)}::STRING`;
}

/** The path's value as DOUBLE. */
export function variantNumber(column: string, path: VariantPath): RawBuilder<number | null> {
  return sql<number | null>`${variantPath(column, path)}::DOUBLE`;
}

/** `get_path(column, 'a.b[0]')`: the same lookup with Databend's path string. */
export function getPath<T = JsonValue>(column: string, path: string): RawBuilder<T | null> {
  return sql<T | null>`get_path(${sql.ref(column)}, ${sql.lit(path)})`;
}

function vectorLiteral(vector: readonly number[], call: string): RawBuilder<unknown> {
  check(vector.length > 0 && vector.length <= 4096, call, 'a vector needs 1 to 4096 values', 'vector');
  check(vector.every((v) => Number.isFinite(v)), call, 'vector values must be finite numbers', 'vector');
  // A bare array literal has no matching signature (1065): it must be cast to VECTOR(n).
  return sql.raw(`[${vector.map(String).join(', ')}]::VECTOR(${vector.length})`);
}

const distance = (fn: string) => (column: string, vector: readonly number[]): RawBuilder<number> =>
  sql<number>`${sql.raw(fn)}(${sql.ref(column)}, ${vectorLiteral(vector, `${fn}('${column}')`)})`;

/** cosine_distance(column, [..]::VECTOR(n)): 0 for the same direction. */
export const cosineDistance = distance('cosine_distance');
/** l2_distance(column, [..]::VECTOR(n)). */
export const l2Distance = distance('l2_distance');
/** inner_product(column, [..]::VECTOR(n)). */
export const innerProduct = distance('inner_product');

/**
 * Staged files read as a typed source: each column cast to the table's type, as `selectFromStage(...).typedAs(table)`.
 * `db.selectFrom(fromStage(driveStage, 'frame-events/', frameEvents, 'f')).selectAll()` rows are the table's rows.
 */
export function fromStage<C extends Columns, A extends string>(
  stage: NameRef,
  path: string,
  table: Table<string, C>,
  alias: A,
): AliasedRawBuilder<InferSelect<C>, A> {
  // Widened: the row type is given by the signature; inferring it again here is too deep for the checker.
  const select = selectFromStage(stage, path).typedAs(table as AnyTable).compile();
  const source: AliasedRawBuilder<unknown, A> = sql`(${sql.raw(select)})`.as(alias);
  return source as AliasedRawBuilder<InferSelect<C>, A>;
}
