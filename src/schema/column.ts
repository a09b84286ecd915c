import type { DataType } from '../ast/data-types.js';
import type { ColumnDefault } from '../ast/ddl.js';
import type { SqlFragment } from '../ast/expression.js';
import { isSqlFragment } from '../ast/expression.js';
import { checkValue, copyValue } from '../ast/value-contract.js';
import { check, checkBoolean, checkRecord, checkString } from '../checks.js';
import { ValidationError } from '../errors.js';
import { checkedType, toDataType } from './check-type.js';
import type { InsertValue } from './values.js';

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

  /** Checks the spec as the column functions do: the class is exported, and its constructor is a way in too. */
  constructor(spec: ColumnSpec<T>) {
    this.spec = Object.freeze(checkSpec(spec));
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
    return new Column({ ...this.spec, default: isSqlFragment(value) ? value : keptDefault(defaultValue(value, this.spec.type, 'column.default()')) });
  },
});

/**
 * A DEFAULT value, checked against the column's type and copied: the declaration keeps its own copy, so that the
 * caller's object is neither frozen with the table nor able to change the DEFAULT afterwards.
 */
function defaultValue(value: unknown, type: DataType, call: string): unknown {
  try {
    checkValue(value, type);
    return copyValue(value);
  } catch (error) {
    // The value rules name no call of their own ('value: ...'): the message names this one.
    if (error instanceof ValidationError && error.call === 'value') throw new ValidationError(error.reason, call, error.rule, 'default');
    throw error;
  }
}

/** The DEFAULTs this module checked and copied: a column made from another's spec keeps them as they are. */
const keptDefaults = new WeakSet<object>();

function keptDefault(value: unknown): ColumnDefault {
  const kept = Object.freeze({ kind: 'value' as const, value });
  keptDefaults.add(kept);
  return kept;
}

const SPEC_KEYS = ['type', 'nullable', 'default', 'comment'];

function checkSpec<T extends DataType>(spec: ColumnSpec<T>): ColumnSpec<T> {
  const call = 'new Column()';
  checkRecord(spec, call, 'spec', SPEC_KEYS);
  const type = toDataType(spec.type, call, 'spec.type') as T;
  checkBoolean(spec.nullable, call, 'spec.nullable');
  const given: unknown = spec.default;
  let value: ColumnDefault | undefined;
  if (given !== undefined && !isSqlFragment(given) && !keptDefaults.has(given as object)) {
    checkRecord(given, call, 'spec.default', ['kind', 'value']);
    check(given.kind === 'value', 'invalid_value', call, "spec.default must be an sql`` fragment or { kind: 'value', value }", 'spec.default');
    value = keptDefault(defaultValue(given.value, type, call));
  } else value = given as ColumnDefault | undefined;
  if (spec.comment !== undefined) checkString(spec.comment, call, 'spec.comment');
  return { type, nullable: spec.nullable, default: value, comment: spec.comment };
}

export type AnyColumn = Column<any, boolean, boolean>;

export function column<T extends DataType>(type: T): Column<T, true, false> {
  return new Column<T, true, false>({ type: checkedType(type), nullable: true, default: undefined, comment: undefined });
}
