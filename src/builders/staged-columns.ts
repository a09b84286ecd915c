import type { DataType } from '../ast/data-types.js';
import type { Aggregate, ColumnRef, Expression, PathStep, StagedColumn, StageMetadata } from '../ast/expression.js';
import type { SelectItem } from '../ast/stage.js';
import { deepFreeze } from '../ast/freeze.js';
import { isWellFormed } from '../ast/text.js';
import { KEYWORDS } from '../grammar/keywords.js';
import { check, checkInteger, describeValue, type CallSite } from '../checks.js';
import { Column } from '../schema/column.js';
import { checkIdentifier } from '../schema/identifier.js';
import type { JsonValue, SelectValue } from '../schema/values.js';

/**
 * What a staged expression reads: `$n` (with no path), a path into `$n`, a metadata column, a column by name (Parquet,
 * ORC), or `count` of one of them.
 */
export type StagedSource = 'position' | 'path' | 'filename' | 'file_row_number' | 'name' | 'count';

/** The formats whose `$1` is the whole row as one VARIANT. */
export type VariantRowFormat = 'NDJSON' | 'PARQUET' | 'AVRO' | 'ORC';

type Nullable<S extends StagedSource, F extends string> = S extends 'filename' | 'file_row_number' | 'count'
  ? false
  : S extends 'path' | 'name'
    ? true
    : F extends VariantRowFormat
      ? false
      : true;

type Uncast<S extends StagedSource, F extends string> = S extends 'filename'
  ? string
  : S extends 'file_row_number' | 'count'
    ? bigint
    : S extends 'name'
      ? unknown
      : S extends 'path'
        ? JsonValue
        : F extends 'CSV' | 'TSV'
          ? string | null
          : F extends VariantRowFormat
            ? JsonValue
            : unknown;

/**
 * The value a staged expression reads from files of format `F` (`string` when the builder does not know it): a CSV or
 * TSV column is a nullable string, `$1` of NDJSON, Parquet, Avro and ORC a VARIANT, a path a nullable VARIANT,
 * `metadata$filename` a string, `metadata$file_row_number` a BIGINT UNSIGNED (a bigint); a cast reads as its type,
 * nullable where the source is.
 */
export type StagedValue<S extends StagedSource, D extends DataType | undefined, F extends string> = [D] extends [DataType]
  ? SelectValue<D> | (Nullable<S, F> extends true ? null : never)
  : Uncast<S, F>;

/**
 * A column of staged files, for a stage SELECT (`selectFromStage(...).select(...)`) or a COPY / typed preview mapping
 * (`.map({ title: staged.path(1, 'title') })`). Immutable: `as()` and `cast()` return new expressions. `N` is the name
 * of the result column: the alias, or `$n` / `$n:key` (one lower-case key) / `metadata$filename` /
 * `metadata$file_row_number` bare, none for another path or a cast without an alias.
 *
 * @example
 * staged.path(1, 'a', 'b', 0).cast(int()).as('first_b')
 * // $1:a.b[0]::INT AS first_b
 */
export class StagedExpr<
  S extends StagedSource = StagedSource,
  D extends DataType | undefined = DataType | undefined,
  N extends string | undefined = string | undefined,
> {
  /** Types only: the source, cast type and name this expression reads. */
  declare readonly $staged: { readonly source: S; readonly type: D; readonly name: N };
  /** The expression node: `$n[:path]`, `metadata$...`, or a cast of one. */
  readonly expression: Expression;
  /** The alias given with `as()`. */
  readonly alias: string | undefined;

  // Made by `staged` only (the class is exported as a type): the builders know an expression by identity.
  constructor(expression: Expression, alias: string | undefined) {
    this.expression = deepFreeze(expression);
    this.alias = alias;
    Object.freeze(this);
    made.add(this);
  }

  /**
   * The name of the result column: the alias, else the engine's own name where it is the rendering (`$1`,
   * `$1:title`, `metadata$filename`), else none.
   */
  get name(): string | undefined {
    if (this.alias !== undefined) return this.alias;
    const e = this.expression;
    // A column by name and `count($n)` keep their names through a cast (`a::INT` is named `a`).
    const uncast = e.kind === 'Cast' ? e.expression : e;
    if (uncast.kind === 'ColumnRef') return uncast.name;
    if (uncast.kind === 'Aggregate' && uncast.argument.kind === 'StagedColumn' && uncast.argument.path.length === 0)
      return `count($${uncast.argument.position})`;
    if (e.kind === 'StagedColumn' && e.path.length === 0) return `$${e.position}`;
    if (e.kind === 'StagedColumn' && e.path.length === 1 && isNamedKey(e.path[0])) return `$${e.position}:${e.path[0]}`;
    if (e.kind === 'StageMetadata') return `metadata$${e.name}`;
    return undefined;
  }

  /**
   * `expr AS alias`: the row key it is read by.
   *
   * @example
   * staged.col(2).as('title') // $2 AS title
   */
  as<A extends string>(alias: A): StagedExpr<S, D, A> {
    const call = `staged ${describeStaged(this)}.as()`;
    checkIdentifier(alias, call, 'alias');
    return new StagedExpr(this.expression, alias) as unknown as StagedExpr<S, D, A>;
  }

  /**
   * `expr::TYPE`, with a column function of the SDK for the type (`int()`, `string()`, `array(int())`, ...).
   *
   * @example
   * staged.path(1, 'id').cast(bigint()).as('id') // $1:id::BIGINT AS id
   */
  cast<T extends DataType>(
    type: Column<T, boolean, boolean>,
  ): StagedExpr<S, T, N extends `$${number}` | `$${number}:${string}` | `metadata$${string}` ? undefined : N> {
    const call = `staged ${describeStaged(this)}.cast()`;
    check(type instanceof Column, 'invalid_type', call, () => `cast() takes a column function such as int() or string(), not ${describeValue(type)}`, 'type');
    check(this.expression.kind !== 'Cast', 'conflict', call, 'the expression is cast already: cast it once, to the type wanted');
    const expression: Expression = { kind: 'Cast', expression: this.expression, type: type.spec.type };
    return new StagedExpr(expression, this.alias) as unknown as StagedExpr<S, T, never>;
  }
}

const made = new WeakSet<object>();

/**
 * A path key whose unaliased item the engine names as rendered, `$1:title`: one lower-case plain key. The engine
 * lower-cases the name (`$1:Title` is named `$1:title`, so `$1:title, $1:Title` clash), writes a second key with
 * `:` (`$1:a.b` is named `$1:a:b`) and names a cast path like the path (`$1:title::STRING` is `$1:title`).
 */
const NAMED_KEY = /^[a-z_][a-z0-9_]*$/;
function isNamedKey(step: PathStep | undefined): step is string {
  return typeof step === 'string' && NAMED_KEY.test(step) && !KEYWORDS.has(step);
}

function make(expression: StagedColumn | StageMetadata | ColumnRef): StagedExpr {
  return new StagedExpr(expression, undefined);
}

/** Whether a value is a staged expression made by `staged` (by identity: a look-alike object is refused). */
export function isStagedExpr(value: unknown): value is StagedExpr {
  return typeof value === 'object' && value !== null && made.has(value);
}

function describeStaged(expr: StagedExpr): string {
  return describeExpression(expr.expression);
}

function describeExpression(expression: Expression): string {
  const e = expression.kind === 'Cast' ? expression.expression : expression;
  if (e.kind === 'StageMetadata') return `metadata$${e.name}`;
  if (e.kind === 'ColumnRef') return `column '${e.name}'`;
  if (e.kind === 'Aggregate') return `count(${describeExpression(e.argument)})`;
  return e.kind === 'StagedColumn' ? `$${e.position}` : 'expression';
}

/** The staged column under a cast and an aggregate: what the format checks look at. */
function innermost(expression: Expression): Expression {
  let e = expression;
  while (e.kind === 'Cast' || e.kind === 'Aggregate') e = e.kind === 'Cast' ? e.expression : e.argument;
  return e;
}

/** The largest column position accepted: far beyond any file's columns, so that a typo such as 1e9 is refused. */
export const MAX_STAGED_POSITION = 65535;

function checkPosition(position: unknown, call: CallSite): asserts position is number {
  checkInteger(position, 1, MAX_STAGED_POSITION, call, `a column position is an integer from 1 to ${MAX_STAGED_POSITION} ($1 is the first)`, 'position');
}

function checkPathStep(step: unknown, call: CallSite, index: number): asserts step is PathStep {
  const field = `path[${index}]`;
  if (typeof step === 'number') {
    checkInteger(step, 0, Number.MAX_SAFE_INTEGER, call, 'a path index is a non-negative integer', field);
    return;
  }
  check(typeof step === 'string', 'invalid_type', call, () => `a path step is a key (a string) or an index (a number), not ${describeValue(step)}`, field);
  check(step.length > 0, 'too_small', call, 'a path key must not be empty', field);
  check(isWellFormed(step), 'not_exact', call, 'a path key holding a lone surrogate cannot be sent exactly', field);
}

function column(position: number): StagedExpr<'position', undefined, `$${number}`> {
  checkPosition(position, 'staged.col()');
  return make({ kind: 'StagedColumn', position, path: [] } satisfies StagedColumn) as StagedExpr<'position', undefined, `$${number}`>;
}

/**
 * `$n:key.key[index]`: a path into the VARIANT `$n` (keys are strings, kept as written; indexes numbers). A key that
 * is not a plain name, or is a keyword, is rendered `['key']`. One lower-case plain key is named `$n:key` without
 * an alias (`staged.path(1, 'title')` is read as `$1:title`); any other path needs `.as()`.
 */
function stagedPath<P extends number, K extends string>(position: P, key: K): StagedExpr<'path', undefined, K extends Lowercase<K> ? `$${P}:${K}` : undefined>;
function stagedPath(position: number, ...path: PathStep[]): StagedExpr<'path', undefined, undefined>;
function stagedPath(position: number, ...path: PathStep[]): StagedExpr<'path', undefined, string | undefined> {
  const call = 'staged.path()';
  checkPosition(position, call);
  check(path.length > 0, 'too_small', call, 'path() needs at least one key or index after the position (staged.col(n) reads the whole column)', 'path');
  path.forEach((step, index) => checkPathStep(step, call, index));
  return make({ kind: 'StagedColumn', position, path: [...path] } satisfies StagedColumn) as StagedExpr<'path', undefined, undefined>;
}

/**
 * A column of Parquet or ORC files by its name in the file, rendered as an identifier (quoted where it must be, so
 * `Species` reads the column `Species`, case kept). The result column is named after it, cast or not.
 */
function byName<N extends string>(name: N): StagedExpr<'name', undefined, N> {
  checkIdentifier(name, 'staged.column()', 'name');
  return make({ kind: 'ColumnRef', name } satisfies ColumnRef) as StagedExpr<'name', undefined, N>;
}

/**
 * `COUNT(expr)`: the rows where a staged expression is not NULL, a bigint. Unaliased, only `count($n)` is named by
 * the engine as written; any other needs `.as()`. A SELECT of aggregates takes no other item.
 */
function count<E extends StagedExpr>(
  expr: E,
): StagedExpr<'count', undefined, E['$staged']['name'] extends `$${number}` ? `count(${E['$staged']['name']})` : undefined> {
  const call = 'staged.count()';
  check(
    isStagedExpr(expr),
    'invalid_type',
    call,
    () => `count() takes a staged column (staged.col(1), staged.path(), staged.column(), staged.filename), not ${describeValue(expr)}`,
    'expression',
  );
  check(
    expr.alias === undefined,
    'conflict',
    call,
    () => `count() of an aliased ${describeStaged(expr)}: the alias would be dropped; alias the count instead`,
    'expression',
  );
  check(!isAggregate(expr.expression), 'conflict', call, 'count() of a count(): aggregates do not nest', 'expression');
  const expression: Aggregate = { kind: 'Aggregate', func: 'COUNT', argument: expr.expression };
  return new StagedExpr(expression, undefined) as unknown as StagedExpr<'count', undefined, never>;
}

/**
 * The columns of staged files, without declaring a table: positional columns, paths into a VARIANT row, and the
 * metadata columns. Each is a {@link StagedExpr}; give them to `selectFromStage(...).select(...)` or as a mapping's
 * source (`copyInto(t).fromStage(...).map({ title: staged.path(1, 'title') })`).
 *
 * @example
 * selectFromStage('drive_stage', 'frames/').fileFormat('CSV').select(staged.col(1).as('id'), staged.filename)
 * // SELECT $1 AS id,
 * //        metadata$filename
 * // FROM @drive_stage/frames/ (FILE_FORMAT => 'CSV')
 */
export const staged = Object.freeze({
  /** `$n`: the n-th column of CSV or TSV files; `$1` is the whole row of NDJSON, Parquet, Avro and ORC. */
  col<P extends number>(position: P): StagedExpr<'position', undefined, `$${P}`> {
    return column(position) as StagedExpr<'position', undefined, `$${P}`>;
  },
  /** `$n:key.key[index]`: a path into the VARIANT `$n`; see {@link stagedPath}. */
  path: stagedPath,
  /** `name`: a column of Parquet or ORC files by its name (`staged.column('sepal_length')`); see {@link byName}. */
  column: byName,
  /** `COUNT(expr)`: an aggregate over the rows read (`staged.count(staged.col(1))`, named `count($1)`); see {@link count}. */
  count,
  /** `metadata$filename`: the path of the file each row comes from. */
  filename: make({ kind: 'StageMetadata', name: 'filename' } satisfies StageMetadata) as StagedExpr<'filename', undefined, 'metadata$filename'>,
  /** `metadata$file_row_number`: the row's number in its file, from 0. */
  fileRowNumber: make({ kind: 'StageMetadata', name: 'file_row_number' } satisfies StageMetadata) as StagedExpr<
    'file_row_number',
    undefined,
    'metadata$file_row_number'
  >,
});

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** An item of `select()`: a staged expression that has a name, or `'*'` (Parquet and ORC only) for every column. */
export type StagedSelectItem = StagedExpr<StagedSource, DataType | undefined, string> | '*';

type ItemName<I> = I extends { readonly $staged: { readonly name: infer N } } ? N : never;
type ItemValue<I, F extends string> = I extends {
  readonly $staged: { readonly source: infer S extends StagedSource; readonly type: infer D extends DataType | undefined };
}
  ? StagedValue<S, D, F>
  : never;

/** The row of `select(...items)` over files of format `F`: each item by its name, and `*`'s columns unknown. */
export type StagedRow<I extends readonly StagedSelectItem[], F extends string> = Simplify<
  ('*' extends I[number] ? Record<string, unknown> : unknown) & { [E in Exclude<I[number], '*'> as ItemName<E> & string]: ItemValue<E, F> }
>;

/** The SELECT list of `select(...items)`: each a staged expression with a name (distinct), or `*` once. */
export function stagedSelectItems(items: readonly unknown[], call: CallSite): SelectItem[] {
  check(items.length > 0, 'too_small', call, 'select() needs at least one item');
  const names = new Set<string>();
  let star = false;
  // Without GROUP BY, the engine takes aggregates only or no aggregate (1065 "must appear in the GROUP BY clause").
  const aggregates = items.filter((item) => isStagedExpr(item) && isAggregate(item.expression)).length;
  check(
    aggregates === 0 || aggregates === items.length,
    'conflict',
    call,
    'select() mixes count() with other items: a SELECT of aggregates has no GROUP BY, so every item must be an aggregate (engine error 1065)',
  );
  return items.map((item, index) => {
    const field = `items[${index}]`;
    if (item === '*') {
      check(!star, 'conflict', call, "select() lists '*' twice", field);
      star = true;
      return { expression: { kind: 'Star' }, alias: undefined };
    }
    check(
      isStagedExpr(item),
      'invalid_type',
      call,
      () =>
        `select() takes staged.col(), staged.path(), staged.column(), staged.count(), staged.filename, staged.fileRowNumber or '*', not ${describeValue(item)}`,
      field,
    );
    const name = item.name;
    check(
      name !== undefined,
      'missing',
      call,
      () =>
        `select() needs a name for ${describeStaged(item)} with a cast or a path other than one lower-case key (the engine's own name for it is not the SQL): give it one with .as('name')`,
      field,
    );
    check(!names.has(name), 'conflict', call, () => `select() names two items '${name}'`, field);
    names.add(name);
    return { expression: item.expression, alias: item.alias };
  });
}

const VARIANT_ROW_FORMATS: readonly string[] = ['NDJSON', 'PARQUET', 'AVRO', 'ORC'];

/**
 * What the engine refuses of staged columns once the format is known (`FILE_FORMAT => 'X'`), checked whichever of
 * select() and fileFormat() comes last: `*` beside other items is for Parquet and ORC only (1065), a CSV or TSV column is a
 * string with no path into it (1065 no function `get(String NULL, ...)`), `$2` does not exist in NDJSON or Parquet
 * files, whose `$1` is the whole row (1065), and, with `byName` (a select() list, not typedAs()'s table columns), a
 * column by name reads Parquet and ORC only (1065).
 */
export function checkStagedFormat(projection: readonly SelectItem[], given: string | undefined, call: CallSite, byName = true): void {
  if (given === undefined) return;
  // A type in any case is the type ('orc'); other strings name FILE FORMAT objects.
  const format = FORMAT_TYPES.has(given.toUpperCase()) ? given.toUpperCase() : given;
  for (const item of projection) {
    const e = innermost(item.expression);
    if (e.kind === 'Star')
      check(
        format === 'PARQUET' || format === 'ORC' || !FORMAT_TYPES.has(format),
        'unsupported',
        call,
        `SELECT * over staged files reads Parquet and ORC only, not ${format} (engine error 1065)`,
      );
    // columns('$1') (rendered "$1") is left to the engine as it was before staged.column(); any other name is by name.
    if (byName && e.kind === 'ColumnRef' && !POSITIONAL.test(e.name) && FORMAT_TYPES.has(format))
      check(
        format === 'PARQUET' || format === 'ORC',
        'unsupported',
        call,
        `a column by name ('${e.name}') reads Parquet and ORC files, not ${format}: ${format === 'CSV' || format === 'TSV' ? 'read $n' : 'read a path into $1 (staged.path(1, key))'} (engine error 1065)`,
      );
    if (e.kind !== 'StagedColumn') continue;
    if (format === 'CSV' || format === 'TSV')
      check(
        e.path.length === 0,
        'unsupported',
        call,
        `a ${format} column is a string: there is no path into $${e.position} (cast a JSON text with parse_json() in an sql\`\` item)`,
      );
    if (VARIANT_ROW_FORMATS.includes(format))
      check(e.position === 1, 'unsupported', call, `${format} files have one column, $1, each row as a VARIANT: read $${e.position} as a path into $1`);
  }
}

/** Whether an expression is an aggregate, cast or not. */
export function isAggregate(expression: Expression): boolean {
  return expression.kind === 'Aggregate' || (expression.kind === 'Cast' && expression.expression.kind === 'Aggregate');
}

const POSITIONAL = /^\$[0-9]+$/;

const FORMAT_TYPES: ReadonlySet<string> = new Set(['CSV', 'TSV', 'NDJSON', 'PARQUET', 'AVRO', 'ORC']);
