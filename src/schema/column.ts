import type { SqlFragment } from '../ast/expression.js';
import { isSqlFragment } from '../ast/expression.js';
import { checkString } from '../errors.js';
import { checkValue } from './value-contract.js';
import type { DataType } from './data-types.js';
import type { InsertValue } from './values.js';

/** A column's DEFAULT: a JavaScript value rendered as a literal of the column's type, or an SQL expression. */
export type ColumnDefault = { readonly kind: 'value'; readonly value: unknown } | SqlFragment;

/** What `.default()` accepts; a conditional type so that it is only expanded for a concrete column type. */
export type DefaultValue<T> = T extends DataType ? InsertValue<T> | SqlFragment : never;

/** Everything a column declaration says, as plain data. */
export interface ColumnSpec<T extends DataType = DataType> {
  readonly type: T;
  /** Databend's columns are nullable unless declared NOT NULL. */
  readonly nullable: boolean;
  readonly default: ColumnDefault | undefined;
  readonly comment: string | undefined;
}

/**
 * An immutable column declaration: every method returns a new column.
 * `TNullable` and `THasDefault` are carried in the type so rows can be inferred.
 *
 * @example
 * string().notNull().comment('camera rig id')   // camera_setup STRING NOT NULL COMMENT 'camera rig id'
 */
export class Column<T extends DataType = DataType, TNullable extends boolean = boolean, THasDefault extends boolean = boolean> {
  readonly spec: ColumnSpec<T>;

  constructor(spec: ColumnSpec<T>) {
    this.spec = Object.freeze({ ...spec });
    Object.freeze(this);
  }

  /** NOT NULL. */
  notNull(): Column<T, false, THasDefault> {
    return new Column({ ...this.spec, nullable: false });
  }

  /** NULL (Databend's default; useful to undo `notNull()`). */
  nullable(): Column<T, true, THasDefault> {
    return new Column({ ...this.spec, nullable: true });
  }

  /**
   * DEFAULT value: a JavaScript value of the column's type, or an SQL expression such as sql`now()`.
   * Declared here and defined on the prototype below: a method body that touches a value of the recursive type
   * `InsertValue<T>` makes TypeScript expand it without end (TS2589).
   */
  declare default: (value: DefaultValue<T>) => Column<T, TNullable, true>;

  /** COMMENT 'text'. */
  comment(text: string): Column<T, TNullable, THasDefault> {
    checkString(text, 'column.comment()', 'comment');
    return new Column({ ...this.spec, comment: text });
  }
}

Object.defineProperty(Column.prototype, 'default', {
  value: function withDefault(this: Column, value: unknown): Column {
    if (!isSqlFragment(value)) checkValue(value, this.spec.type);
    const spec: ColumnDefault = isSqlFragment(value) ? value : { kind: 'value', value };
    return new Column({ ...this.spec, default: spec });
  },
});

export type AnyColumn = Column<any, boolean, boolean>;

export function column<T extends DataType>(type: T): Column<T, true, false> {
  return new Column<T, true, false>({ type: Object.freeze(type) as T, nullable: true, default: undefined, comment: undefined });
}
