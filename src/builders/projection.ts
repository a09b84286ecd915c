import { isSqlFragment, type ColumnRef, type SqlFragment } from '../ast/expression.js';
import { share } from '../ast/freeze.js';
import { namesDifferingOnlyInCase } from '../ast/text.js';
import type { SelectItem } from '../ast/stage.js';
import { check, checkPlainObject, describeValue, type CallSite } from '../checks.js';
import type { AnyColumn, Column } from '../schema/column.js';
import { checkIdentifier } from '../schema/identifier.js';
import { columnNamesOf } from '../schema/lower.js';
import { keptPerTable, Table, type AnyTable } from '../schema/table.js';
import { isAggregate, isStagedExpr, type StagedExpr } from './staged-columns.js';

/** A target column read from a differently named source column, a staged column (`staged.col(1)`), or an SQL expression. */
export type ProjectionMapping = Readonly<Record<string, MappingSource>>;

/** Where a target column is read from: a source column by name, a staged column, or an sql`` expression. */
export type MappingSource = string | SqlFragment | StagedExpr;

/**
 * The state a COPY, INSERT or typed stage SELECT builder keeps beside its node, as its exported constructor may be
 * given it by a caller: a declared table (optional for the stage SELECT) and a mapping of names or sql`` fragments.
 */
export function checkProjectionState(table: unknown, mapping: unknown, call: CallSite, tableOptional = false): void {
  check(
    (tableOptional && table === undefined) || table instanceof Table,
    'invalid_type',
    call,
    () => `table must be a table() declaration, not ${describeValue(table)}`,
    'table',
  );
  if (mapping === undefined) return;
  checkPlainObject(mapping, call, 'mapping');
  for (const [name, source] of Object.entries(mapping)) checkMappingSource(source, call, 'mapping', name);
}

/** A mapping's source for a target column: a column name, a staged column or an sql`` expression. */
function checkMappingSource(source: unknown, call: CallSite, what: string, target: string): void {
  check(
    typeof source === 'string' || isSqlFragment(source) || isStagedExpr(source),
    'invalid_type',
    call,
    () => `${what} for '${target}' must be a column name, a staged column (staged.col(1)) or an sql\`\` expression, not ${describeValue(source)}`,
    target,
  );
  check(
    !isStagedExpr(source) || !isAggregate(source.expression),
    'unsupported',
    call,
    () => `${what} for '${target}' is an aggregate: a load reads each row, count() is for a stage SELECT`,
    target,
  );
  // The target column names the item: an alias of its own would be dropped (COPY) or overridden without a word.
  check(
    !isStagedExpr(source) || source.alias === undefined,
    'conflict',
    call,
    () => `${what} for '${target}' has an alias: the target column names it, drop .as()`,
    target,
  );
}

function project(
  table: AnyTable,
  call: CallSite,
  columns: readonly string[] | undefined,
  mapping: ProjectionMapping | undefined,
  aliased: boolean,
): readonly SelectItem[] {
  const known = columnNamesOf(table);
  for (const name of [...(columns ?? []), ...Object.keys(mapping ?? {})]) {
    check(known.includes(name), 'unknown_key', call, () => `'${name}' is not a column of ${table.name}`, name);
  }
  const exact = sourcesDifferingOnlyInCase(known, mapping);
  return (columns ?? known).map((name) => {
    const source = mapping !== undefined && Object.hasOwn(mapping, name) ? mapping[name]! : name;
    if (isSqlFragment(source)) return { expression: source, alias: aliased ? name : undefined };
    const type = (table.columns[name] as AnyColumn).spec.type;
    // A staged column is read as a column name is (cast to the target's type), unless cast already by the caller.
    if (isStagedExpr(source) && source.expression.kind === 'Cast') return { expression: source.expression, alias: aliased ? name : undefined };
    if (!isStagedExpr(source)) checkIdentifier(source, call, `source column for ${name}`);
    const column = isStagedExpr(source)
      ? source.expression
      : ({ kind: 'ColumnRef', name: source, ...(exact?.has(source) === true ? { exact: true } : {}) } satisfies ColumnRef);
    // COPY passes VARIANT through bare, as the guide does: the load parses a JSON string into the column. A query
    // has no target column, so there a JSON string column of a Parquet file must be cast to come back as JSON.
    // Aliased, every item is a cast or an expression: `x::STRING` would otherwise be named `x::string`.
    return { expression: type.kind === 'VARIANT' && !aliased ? column : { kind: 'Cast', expression: column, type }, alias: aliased ? name : undefined };
  });
}

/**
 * The source names of a table's columns (each column's own name, or the name its mapping reads) that another one equals
 * but for case. The renderer quotes such names within one SELECT list; a list of some of the columns (`columns()`) may
 * hold one of a pair only, which bare would still match both columns of a file that has both (1065 ambiguous).
 */
function sourcesDifferingOnlyInCase(known: readonly string[], mapping: ProjectionMapping | undefined): ReadonlySet<string> | undefined {
  const sources: string[] = [];
  for (const name of known) {
    const source = mapping !== undefined && Object.hasOwn(mapping, name) ? mapping[name] : name;
    if (typeof source === 'string') sources.push(source);
    else if (isStagedExpr(source) && source.expression.kind === 'ColumnRef') sources.push(source.expression.name);
  }
  return namesDifferingOnlyInCase(sources);
}

// The whole-table projections are the common case (every COPY and typed preview without columns() or map()): derived
// once per table. They cannot fail: table() has checked every column name with the rules checkIdentifier applies.
// Made as project() makes them, each node frozen as it is made, so that share() need not walk them.
const wholeTable = keptPerTable((table: AnyTable) => projectWhole(table, false));
const wholeTableAliased = keptPerTable((table: AnyTable) => projectWhole(table, true));

function projectWhole(table: AnyTable, aliased: boolean): readonly SelectItem[] {
  return share(
    columnNamesOf(table).map((name) => {
      const type = (table.columns[name] as AnyColumn).spec.type;
      const column: ColumnRef = Object.freeze({ kind: 'ColumnRef', name });
      const expression = type.kind === 'VARIANT' && !aliased ? column : Object.freeze({ kind: 'Cast' as const, expression: column, type });
      return Object.freeze({ expression, alias: aliased ? name : undefined });
    }),
  );
}

/**
 * The SELECT list that reads staged files into a table's columns: each column `<source>::<TYPE>`, VARIANT bare
 * as the guide loads JSON payloads, without aliases (COPY matches them by position). `mapping` gives a column
 * another source column name, or an SQL expression used as it is.
 */
export function castProjection(table: AnyTable, call: CallSite, columns?: readonly string[], mapping?: ProjectionMapping): readonly SelectItem[] {
  if (columns === undefined && mapping === undefined) return wholeTable(table);
  return project(table, call, columns, mapping, false);
}

/**
 * castProjection with each item named after its table column (`session_id::STRING AS session_id`), for queries whose
 * rows are read by name. VARIANT is cast too (`payload::VARIANT AS payload`): bare, a Parquet JSON column reads as text.
 */
export function aliasedCastProjection(table: AnyTable, call: CallSite, columns?: readonly string[], mapping?: ProjectionMapping): readonly SelectItem[] {
  if (columns === undefined && mapping === undefined) return wholeTableAliased(table);
  return project(table, call, columns, mapping, true);
}

/**
 * The columns of a declared table that a load or an insert writes, by name: every column but the computed ones
 * (`string` for a table whose columns are not known to the compiler).
 */
export type ColumnName<T extends AnyTable> = Extract<WrittenKeys<T['columns']>, string>;

type WrittenKeys<C> = 0 extends 1 & C
  ? string
  : { [K in keyof C]: C[K] extends Column<any, any, infer D> ? ([D] extends ['computed'] ? never : K) : K }[keyof C];

/** Where a target column comes from: a differently named column in the files, or an SQL expression. */
export type ColumnMapping<C extends string> = { readonly [K in C]?: MappingSource };

/** Checks `.columns([...])`: a non-empty list of distinct columns of the table. */
export function checkColumns(table: AnyTable, columns: readonly string[], call: CallSite): void {
  check(Array.isArray(columns) && columns.length > 0, Array.isArray(columns) ? 'too_small' : 'invalid_type', call, 'columns() needs at least one column');
  for (const column of columns) {
    check(typeof column === 'string', 'invalid_type', call, () => `columns() takes column names, not ${describeValue(column)}`, 'columns');
    check(columnNamesOf(table).includes(column), 'unknown_key', call, () => `'${column}' is not a column of ${table.name}`, column);
  }
  check(new Set(columns).size === columns.length, 'conflict', call, 'columns() lists a column twice');
}

/**
 * `.columns([...])` with `.map({...})`: every mapping key must be a chosen column, or its source would be dropped
 * without a word (`.columns(['a']).map({ a: 'x', b: 'y' })` would load `a` alone). Checked whichever comes last.
 */
export function checkMappedColumns(columns: readonly string[] | undefined, mapping: object | undefined, call: CallSite): void {
  if (columns === undefined || mapping === undefined) return;
  for (const key of Object.keys(mapping)) {
    check(
      columns.includes(key),
      'conflict',
      call,
      () =>
        `map() key '${key}' is not among the columns chosen with columns() (${columns.join(', ')}): a mapping key must be one of the chosen columns, or its source is ignored`,
      key,
    );
  }
}

/**
 * Checks a mapping and drops the keys it leaves undefined: a plain object whose values are source column names or
 * sql`` expressions (a number was rendered as the text 'undefined').
 */
export function definedMapping(mapping: object, call: CallSite): Record<string, MappingSource> {
  check(typeof mapping === 'object' && mapping !== null, 'invalid_type', call, 'map() takes an object { target_column: source }');
  checkPlainObject(mapping, call, 'mapping');
  const defined: Record<string, MappingSource> = {};
  for (const [target, source] of Object.entries(mapping)) {
    if (source === undefined) continue;
    checkMappingSource(source, call, 'map() source', target);
    Object.defineProperty(defined, target, { value: source, enumerable: true });
  }
  return defined;
}
