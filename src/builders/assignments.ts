// Column values given to UPDATE ... SET and MERGE's UPDATE SET / INSERT VALUES: typed by the declared table.
import type { Assignment } from '../ast/dml.js';
import { isSqlFragment, type SqlFragment } from '../ast/expression.js';
import { checkValue, copyValue } from '../ast/value-contract.js';
import { check, checkPlainObject, refuse, type CallSite } from '../checks.js';
import { ValidationError } from '../errors.js';
import type { AnyColumn } from '../schema/column.js';
import type { InferInsert } from '../schema/infer.js';
import type { AnyTable, Table } from '../schema/table.js';

/** Values for some columns of a table: each of the column's type, or an expression written with sql``. */
export type ColumnValues<T extends AnyTable> =
  T extends Table<string, infer C> ? { readonly [K in keyof InferInsert<C>]?: InferInsert<C>[K] | SqlFragment } : never;

/** The assignments of `values`, each checked against its column: a name of the table, a value of its type. */
export function toAssignments(table: AnyTable, values: unknown, call: CallSite, field: string): Assignment[] {
  check(typeof values === 'object' && values !== null, 'invalid_type', call, () => `${field} must be an object of column values`, field);
  checkPlainObject(values, call, field);
  const columns = table.columns as Readonly<Record<string, AnyColumn>>;
  const entries = Object.entries(values);
  check(entries.length > 0, 'too_small', call, 'give at least one column value', field);
  return entries.map(([column, value]) => {
    check(Object.hasOwn(columns, column), 'unknown_key', call, () => `'${column}' is not a column of ${table.name}`, column);
    if (isSqlFragment(value)) return { column, value };
    // undefined would become NULL without a word: a column left out is written by leaving its key out.
    check(value !== undefined, 'missing', call, () => `the value of '${column}' is undefined (leave the key out, or give null)`, column);
    const spec = columns[column]!.spec;
    if (value === null && !spec.nullable) refuse('invalid_value', call, `'${column}' is NOT NULL: null cannot be written to it`, column);
    try {
      checkValue(value, spec.type);
    } catch (error) {
      if (error instanceof ValidationError && error.call === 'value')
        throw new ValidationError(error.reason, typeof call === 'string' ? call : call(), `'${column}': ${error.rule}`, column);
      throw error;
    }
    return { column, value: { kind: 'TypedValue', value: copyValue(value), type: spec.type } };
  });
}
