import { ColumnNode, FunctionNode, ReferenceNode, sql, ValueNode, type AliasedRawBuilder, type Expression, type OperationNode, type RawBuilder } from 'kysely';
import type { SelectStageBuilder } from '../builders/select-stage.js';
import { selectFromStage } from '../builders/select-stage.js';
import type { NameRef } from '../builders/statement-builder.js';
import { check, checkInteger, checkNonEmptyString, describeValue, refuse } from '../checks.js';
import { checkIdentifier } from '../schema/identifier.js';
import { checkColumn, checkStageSource, isKyselyExpression } from './checks.js';
import { renderLiteral } from '../render/literal.js';
import { quoteString } from '../render/quote.js';
import { KEYWORDS } from '../grammar/keywords.js';
import type { DataType } from '../ast/data-types.js';
import { renderCastType } from '../render/data-type.js';
import { toDataType } from '../schema/check-type.js';
import { Column } from '../schema/column.js';
import type { InferSelect } from '../schema/infer.js';
import type { SelectValue } from '../schema/values.js';
import type { AnyTable, Columns, Table } from '../schema/table.js';
import type { JsonValue } from '../schema/values.js';

// ---- VARIANT ---------------------------------------------------------------------------------------------------

/** A path inside a VARIANT: keys and array indexes, `['detections', 0, 'label']` for `:detections[0]:label`. */
export type VariantPath = readonly (string | number)[];

/**
 * A VARIANT column: its name (`'p.payload'`, not checked against the database type), or a typed reference
 * (`eb.ref('p.payload')`), which must have the VARIANT's type (JSON): a reference to a STRING column is a type error.
 */
export type VariantColumn<T> =
  | string
  | (Expression<T> & ([Exclude<JsonValue, null>] extends [Exclude<T, null>] ? unknown : { readonly 'a VARIANT column is required': never }));

/** A VECTOR column: its name, or a typed reference (`eb.ref('m.embedding')`) of type `number[]`. */
export type VectorColumn<T extends readonly number[] | null> = string | Expression<T>;

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

function columnSql(column: string | Expression<unknown>, call: string): RawBuilder<unknown> {
  checkColumn(column, call);
  if (typeof column === 'string') return sql`${sql.ref(column)}`;
  // A column reference needs no parentheses; any other expression gets them before `:key` or a function call.
  const kind = column.toOperationNode().kind;
  return kind === 'ReferenceNode' || kind === 'ColumnNode' ? sql`${column}` : sql`(${column})`;
}

function checkPath(path: VariantPath, call: string): void {
  check(Array.isArray(path) && path.length > 0, Array.isArray(path) ? 'too_small' : 'invalid_type', call, 'a VARIANT path needs at least one step', 'path');
  for (const step of path) {
    if (typeof step === 'number') checkInteger(step, 0, Number.MAX_SAFE_INTEGER, call, 'an array index must be a non-negative integer', 'path');
    else check(typeof step === 'string', 'invalid_type', call, 'a path step is a key (string) or an array index (number)', 'path');
  }
}

/**
 * `:key` for plain keys, `['key']` for others, `[n]` for indexes. Databend turns a bracket key into a key path
 * `{"key"}` without escaping it, so a key holding `"` or `\` reads another key or fails (1006 InvalidKeyPath), and an
 * empty key fails too: such paths go through `->` instead, which takes any key as a plain string (the pinned engine).
 */
function renderPath(column: RawBuilder<unknown>, path: VariantPath): RawBuilder<unknown> {
  const bracketSafe = path.every((step) => typeof step === 'number' || (step !== '' && !/["\\]/.test(step)));
  if (!bracketSafe) {
    const chain = path.map((step) => (typeof step === 'number' ? `->${step}` : `->${quoteString(step)}`)).join('');
    return sql`(${column}${sql.raw(chain)})`;
  }
  const steps = path.map((step) => {
    if (typeof step === 'number') return `[${step}]`;
    // Keywords in brackets, as identifiers are quoted: only reserved words fail after `:` today (1005), but the
    // bracket form reads any key the same way.
    return PLAIN_KEY.test(step) && !KEYWORDS.has(step.toLowerCase()) ? `:${step}` : `[${quoteString(step)}]`;
  });
  return sql`${column}${sql.raw(steps.join(''))}`;
}

/**
 * A value inside a VARIANT column, itself a VARIANT (parsed JSON, NULL where the path leads nowhere).
 *
 * @example
 * db.selectFrom('frame_payloads as p').select(variantPath('p.payload', ['detections', 0, 'label']).as('label'))
 * // select p.payload:detections[0]:label as label from frame_payloads as p
 */
export function variantPath<T = JsonValue>(column: VariantColumn<T>, path: VariantPath): RawBuilder<JsonValue | null> {
  checkPath(path, 'variantPath()');
  return renderPath(columnSql(column, 'variantPath()'), path) as RawBuilder<JsonValue | null>;
}

/**
 * The value at a VARIANT path as STRING: a JSON string without its quotes; an object, array or number as its JSON
 * text; NULL where the path leads nowhere.
 *
 * @example
 * variantString('p.payload', ['weather', 'condition'])   // p.payload:weather:condition::STRING
 */
export function variantString<T = JsonValue>(column: VariantColumn<T>, path: VariantPath): RawBuilder<string | null> {
  checkPath(path, 'variantString()');
  return sql<string | null>`${renderPath(columnSql(column, 'variantString()'), path)}::STRING`;
}

/**
 * The value at a VARIANT path as DOUBLE: NULL where the path leads nowhere or to something that is not a number
 * (or numeric text).
 *
 * @example
 * variantNumber('p.payload', ['speed_kmh'])   // TRY_CAST(p.payload:speed_kmh AS DOUBLE)
 */
export function variantNumber<T = JsonValue>(column: VariantColumn<T>, path: VariantPath): RawBuilder<number | null> {
  checkPath(path, 'variantNumber()');
  return sql<number | null>`TRY_CAST(${renderPath(columnSql(column, 'variantNumber()'), path)} AS DOUBLE)`;
}

/**
 * `get_path(column, 'path')` with Databend's path syntax (`a.b[0]`, `["odd key"]`), a VARIANT.
 *
 * @example
 * getPath('p.payload', 'weather.condition')   // get_path(p.payload, 'weather.condition')
 */
export function getPath<T = JsonValue>(column: VariantColumn<T>, path: string): RawBuilder<JsonValue | null> {
  checkNonEmptyString(path, 'getPath()', 'the path must be a non-empty string', 'path');
  return sql<JsonValue | null>`get_path(${columnSql(column, 'getPath()')}, ${sql.raw(quoteString(path))})`;
}

// ---- Casts -----------------------------------------------------------------------------------------------------

/** The value of a cast: the type's value as the SDK reads it, NULL where the expression can be NULL. */
export type CastValue<T extends DataType, E> = unknown extends E ? SelectValue<T> | null : null extends E ? SelectValue<T> | null : SelectValue<T>;

/**
 * Whether `expr::T` reads as a cast of the whole expression without parentheses: a column, a function call, or a
 * value that is not a negative number (`-1::INT UNSIGNED` is `-(1::INT UNSIGNED)`).
 */
function castsBare(node: OperationNode): boolean {
  if (ReferenceNode.is(node) || ColumnNode.is(node) || FunctionNode.is(node)) return true;
  if (!ValueNode.is(node)) return false;
  const value = node.value;
  return !((typeof value === 'number' || typeof value === 'bigint') && value < 0) && !Object.is(value, -0);
}

/**
 * `expr::TYPE`: a cast to a Databend type named with the SDK's column functions (`double()`, `string()`,
 * `decimal(10, 2)`, `array(int())`), typed as the SDK reads that type. The expression is a column name or a Kysely
 * expression (`eb.val(100.5)`, `eb.ref('n.number')`); the result is nullable unless the expression's type is not.
 *
 * @example
 * db.selectNoFrom((eb) => [eb.lit(3).as('order_id'), cast(eb.val('2022-01-01'), date()).as('day')])
 * // select 3 as order_id, '2022-01-01'::DATE as day
 * db.selectFrom(numbers(5)).select((eb) => eb(eb.val('user_'), '||', cast('number', string())).as('user_name'))
 * // select 'user_' || number::STRING as user_name from numbers(5)
 */
export function cast<T extends DataType, E = unknown>(expression: string | Expression<E>, type: Column<T> | T): RawBuilder<CastValue<T, E>> {
  const call = 'cast()';
  checkColumn(expression, call);
  if (!(type instanceof Column))
    check(
      typeof type === 'object' && type !== null,
      'invalid_type',
      call,
      () => `type must be a column function of the SDK such as double() or string(), or a type node, not ${describeValue(type)}`,
      'type',
    );
  const target: DataType = type instanceof Column ? type.spec.type : toDataType(type, call, 'type');
  check(
    !('mode' in target),
    'unsupported',
    call,
    "a cast's value is read by its Databend type: a BIGINT mode applies to a declared table column (cast to STRING to read the digits)",
    'type',
  );
  const node = typeof expression === 'string' ? undefined : expression.toOperationNode();
  const operand = node === undefined ? sql`${sql.ref(expression as string)}` : castsBare(node) ? sql`${expression}` : sql`(${expression})`;
  return sql<CastValue<T, E>>`${operand}::${sql.raw(renderCastType(target))}`;
}

// ---- VECTOR ----------------------------------------------------------------------------------------------------

/** A query vector: numbers (sent as `[..]::VECTOR(n)`), or an expression such as a subquery returning a vector. */
export type QueryVector = readonly number[] | Expression<unknown>;

/** The result of a distance: NULL where the column is NULL. */
type Distance<T> = null extends T ? number | null : number;

function vectorSql(vector: QueryVector, call: string): RawBuilder<unknown> {
  if (!Array.isArray(vector)) {
    check(
      isKyselyExpression(vector),
      'invalid_type',
      call,
      () => `the query vector is an array of numbers or a Kysely expression, not ${describeValue(vector)}`,
      'vector',
    );
    return sql`(${vector as Expression<unknown>})`;
  }
  const values = vector as readonly number[];
  check(values.length > 0 && values.length <= 4096, values.length > 0 ? 'too_big' : 'too_small', call, 'a query vector needs 1 to 4096 values', 'vector');
  if (!values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    refuse(values.every((v) => typeof v === 'number') ? 'not_exact' : 'invalid_type', call, 'query vector values must be finite numbers', 'vector');
  }
  // A bare array literal matches no signature (1065): it is cast to the VECTOR type, its values spelled as FLOATs.
  return sql.raw(renderLiteral(values, { kind: 'VECTOR', dimension: values.length }, 'expression'));
}

function distance(fn: 'cosine_distance' | 'l2_distance' | 'inner_product') {
  return <T extends readonly number[] | null = readonly number[] | null>(column: VectorColumn<T>, vector: QueryVector): RawBuilder<Distance<T>> =>
    sql<Distance<T>>`${sql.raw(fn)}(${columnSql(column, `${fn}()`)}, ${vectorSql(vector, `${fn}()`)})`;
}

/**
 * `cosine_distance(column, [..]::VECTOR(n))`: 1 - cosine similarity, 0 for the same direction (Float32).
 *
 * @example
 * db.selectFrom('frame_embeddings').select(['frame_id', cosineDistance('embedding', [0.5, -0.25, 0.75, 0.1]).as('d')]).orderBy('d').limit(5)
 * // select frame_id, cosine_distance(embedding, [0.5, -0.25, 0.75, 0.1]::VECTOR(4)) as d from frame_embeddings order by d limit 5
 */
export const cosineDistance = distance('cosine_distance');
/** `l2_distance(column, [..]::VECTOR(n))`: the Euclidean distance. */
export const l2Distance = distance('l2_distance');
/** `inner_product(column, [..]::VECTOR(n))`: the dot product (larger is closer for normalised vectors). */
export const innerProduct = distance('inner_product');

// ---- Staged files ----------------------------------------------------------------------------------------------

/**
 * Staged files as a typed source for `selectFrom`: the SDK's stage SELECT, in parentheses, under an alias. Either a
 * stage, a path and a table (each column cast to the table's type), or any `selectFromStage(...)` builder, for its
 * pattern, files, file format and typed columns.
 *
 * @example
 * db.selectFrom(fromStage('drive_stage', 'frame-events/', frameEvents, 'f')).select(['f.frame_id', 'f.risk_score'])
 * // select f.frame_id, f.risk_score from (SELECT frame_id::STRING AS frame_id, ... FROM @drive_stage/frame-events/) as f
 * db.selectFrom(fromStage(selectFromStage('drive_stage', 'frame-events/').pattern('.*[.]parquet').typedAs(frameEvents), 'f'))
 */
export function fromStage<N extends string, C extends Columns, A extends string>(
  stage: NameRef,
  path: string,
  table: Table<N, C>,
  alias: A,
): AliasedRawBuilder<InferSelect<C>, A>;
export function fromStage<R extends object, A extends string>(source: SelectStageBuilder<R, any>, alias: A): AliasedRawBuilder<R, A>;
export function fromStage(...args: readonly unknown[]): AliasedRawBuilder<unknown, string> {
  const call = 'fromStage()';
  check(
    args.length === 2 || args.length === 4,
    args.length < 2 ? 'too_small' : args.length > 4 ? 'too_big' : 'invalid_type',
    call,
    () => `fromStage takes (stage, path, table, alias) or (selectFromStage(...), alias), not ${args.length} arguments`,
  );
  if (args.length === 4)
    check(
      typeof args[1] === 'string',
      'invalid_type',
      call,
      () => `the path must be a string (a folder or file under the stage), not ${describeValue(args[1])}`,
      'path',
    );
  const [source, alias] =
    args.length === 4
      ? // Widened: the row type comes from the signature; inferring it again here is too deep for the checker.
        [selectFromStage(args[0] as NameRef, args[1] as string).typedAs(args[2] as AnyTable), args[3]]
      : [args[0], args[1]];
  // By class: an object with a compile() of its own would be pasted as SQL.
  checkStageSource(source, call);
  checkIdentifier(alias, call, 'alias');
  return sql`(${sql.raw(source.compile())})`.as(alias);
}
