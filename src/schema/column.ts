import type { DataType } from '../ast/data-types.js';
import type { AutoIncrement, ColumnDefault, ComputedColumn } from '../ast/ddl.js';
import type { SqlFragment } from '../ast/expression.js';
import { isSqlFragment } from '../ast/expression.js';
import { checkValue, copyValue } from '../ast/value-contract.js';
import { check, checkBoolean, checkInteger, checkRecord, checkString, describeValue, refuse } from '../checks.js';
import { ValidationError } from '../errors.js';
import { checkedType, toDataType } from './check-type.js';
import { checkIdentifier } from './identifier.js';
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
  /** `AS (expr) STORED | VIRTUAL`: a computed column (absent when the column is written by inserts). */
  readonly computed?: ComputedColumn | undefined;
  /** `AUTOINCREMENT`: numbered by the engine on insert. */
  readonly autoIncrement?: AutoIncrement | undefined;
  /** The column's former name, for diff(): a RENAME COLUMN where the live table has that name. Never rendered itself. */
  readonly renamedFrom?: string | undefined;
}

/** `autoIncrement()`'s options: Databend's defaults are start 0, step 1, ORDER. */
export interface AutoIncrementOptions {
  readonly start?: number;
  readonly step?: number;
  /** ORDER (the default): numbers increase in insert order; NOORDER lets the engine hand them out unordered. */
  readonly order?: boolean;
}

/**
 * Set just before `new Column()` over a spec this module made from a checked column's spec and checked parts: each
 * part was checked once where it was given, so a chain such as string().notNull().comment('...') checks each value
 * once, not the whole spec at every step. Reset by the constructor, so that no other call is trusted.
 */
let trusted = false;
let madeByConstructor: (value: object) => boolean;

/**
 * An immutable column declaration: every method returns a new column.
 * `TNullable` and `THasDefault` are carried in the type so rows can be inferred: `THasDefault` is `true` when an
 * insert may leave the column out (DEFAULT, AUTOINCREMENT), `'computed'` when no insert may write it.
 *
 * @example
 * string().notNull().comment('camera rig id')   // camera_setup STRING NOT NULL COMMENT 'camera rig id'
 */
export class Column<T extends DataType = DataType, TNullable extends boolean = boolean, THasDefault extends boolean | 'computed' = boolean | 'computed'> {
  readonly spec: ColumnSpec<T>;
  // The constructor's brand: a method called on an object that only looks like a column checks its spec in full.
  #made: undefined;

  static {
    madeByConstructor = (value) => #made in value;
  }

  /** Checks the spec as the column functions do: the class is exported, and its constructor is a way in too. */
  constructor(spec: ColumnSpec<T>) {
    // A spec this module made from a checked one (notNull() over a checked column, say) is not checked again.
    this.spec = Object.freeze(trusted ? spec : checkSpec(spec));
    trusted = false;
    Object.freeze(this);
  }

  /** NOT NULL. */
  notNull(): Column<T, false, THasDefault> {
    return derived(this, { ...this.spec, nullable: false });
  }

  /** NULL (Databend's default; useful to undo `notNull()`). */
  nullable(): Column<T, true, THasDefault> {
    return derived(this, { ...this.spec, nullable: true });
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
    return derived(this, { ...this.spec, comment: text });
  }

  /**
   * `AS (expr) STORED`: a computed column, kept in the table; inserts, COPY and the insert row type leave it out.
   * A Databend Enterprise feature: the local engine refuses it (1402).
   *
   * @example
   * bigint().storedAs(sql`id + 1`)   // next_id BIGINT NULL AS (id + 1) STORED
   */
  storedAs(expression: SqlFragment): Column<T, TNullable, 'computed'> {
    soleValueSource(this.spec, 'column.storedAs()');
    return new Column({ ...this.spec, computed: computed(expression, 'STORED', 'column.storedAs()') });
  }

  /**
   * `AS (expr) VIRTUAL`: a computed column, worked out when read; inserts, COPY and the insert row type leave it out.
   * A Databend Enterprise feature: the local engine refuses it (1402).
   *
   * @example
   * string().virtualAs(sql`upper(name)`)   // upper_name STRING NULL AS (upper(name)) VIRTUAL
   */
  virtualAs(expression: SqlFragment): Column<T, TNullable, 'computed'> {
    soleValueSource(this.spec, 'column.virtualAs()');
    return new Column({ ...this.spec, computed: computed(expression, 'VIRTUAL', 'column.virtualAs()') });
  }

  /**
   * `AUTOINCREMENT [(start, step)] [NOORDER]`: the engine numbers the rows an insert leaves it out of.
   *
   * @example
   * bigint().autoIncrement({ start: 1, step: 1 })   // id BIGINT NULL AUTOINCREMENT (1, 1)
   */
  autoIncrement(options: AutoIncrementOptions = {}): Column<T, TNullable, true> {
    soleValueSource(this.spec, 'column.autoIncrement()');
    return new Column({ ...this.spec, autoIncrement: autoIncrement(options, 'column.autoIncrement()') });
  }

  /**
   * The column's former name: diff() renames the live column of that name instead of dropping it and adding this one.
   * Renders nothing in CREATE TABLE; a rename is never guessed from similar columns.
   *
   * @example
   * string().renamedFrom('phone_no')   // diff: ALTER TABLE people RENAME COLUMN phone_no TO phone
   */
  renamedFrom(previous: string): Column<T, TNullable, THasDefault> {
    checkIdentifier(previous, 'column.renamedFrom()', 'previous');
    return new Column({ ...this.spec, renamedFrom: previous });
  }
}

function derived<C extends Column<any, any, any>>(from: object | undefined, spec: ColumnSpec): C {
  trusted = from === undefined || madeByConstructor(from);
  return new Column(spec) as C;
}

/** DEFAULT, a computed expression and AUTOINCREMENT each give the column its value: Databend takes one of them. */
function soleValueSource(spec: ColumnSpec, call: string): void {
  const given =
    spec.default !== undefined
      ? 'a DEFAULT'
      : spec.computed !== undefined
        ? 'a computed expression'
        : spec.autoIncrement !== undefined
          ? 'AUTOINCREMENT'
          : undefined;
  if (given !== undefined) refuse('conflict', call, `the column has ${given} already: a column takes one of DEFAULT, a computed expression and AUTOINCREMENT`);
}

function computed(expression: unknown, mode: ComputedColumn['mode'], call: string): ComputedColumn {
  check(isSqlFragment(expression), 'invalid_type', call, () => `expression must be an sql\`\` fragment, not ${describeValue(expression)}`, 'expression');
  return Object.freeze({ mode, expression });
}

/** The largest start and step kept exactly: the engine reads them as u64 and i64 literals. */
function autoIncrement(options: unknown, call: string): AutoIncrement {
  checkRecord(options, call, 'options', ['start', 'step', 'order']);
  const { start = 0, step = 1, order = true } = options as AutoIncrementOptions;
  checkInteger(start, 0, Number.MAX_SAFE_INTEGER, call, 'start must be an integer from 0', 'start');
  checkInteger(step, 1, Number.MAX_SAFE_INTEGER, call, 'step must be a positive integer', 'step');
  checkBoolean(order, call, 'order');
  return Object.freeze({ start, step, order });
}

Object.defineProperty(Column.prototype, 'default', {
  value: function withDefault(this: Column, value: unknown): Column {
    soleValueSource(this.spec, 'column.default()');
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

const SPEC_KEYS = ['type', 'nullable', 'default', 'comment', 'computed', 'autoIncrement', 'renamedFrom'];

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
  const checked: { -readonly [K in keyof ColumnSpec<T>]: ColumnSpec<T>[K] } = { type, nullable: spec.nullable, default: value, comment: spec.comment };
  // Only present when declared, so the statement data of every other column is as it was.
  if (spec.computed !== undefined) {
    checkRecord(spec.computed, call, 'spec.computed', ['mode', 'expression']);
    check(
      spec.computed.mode === 'STORED' || spec.computed.mode === 'VIRTUAL',
      'invalid_value',
      call,
      "spec.computed.mode must be 'STORED' or 'VIRTUAL'",
      'spec.computed',
    );
    checked.computed = computed(spec.computed.expression, spec.computed.mode, call);
  }
  if (spec.autoIncrement !== undefined) checked.autoIncrement = autoIncrement(spec.autoIncrement, call);
  if (spec.renamedFrom !== undefined) {
    checkIdentifier(spec.renamedFrom, call, 'spec.renamedFrom');
    checked.renamedFrom = spec.renamedFrom;
  }
  const exclusive = [
    checked.default !== undefined && 'DEFAULT',
    checked.computed !== undefined && 'a computed expression',
    checked.autoIncrement !== undefined && 'AUTOINCREMENT',
  ].filter(Boolean);
  if (exclusive.length > 1) refuse('conflict', call, `a column takes one of DEFAULT, a computed expression and AUTOINCREMENT, not ${exclusive.join(' and ')}`);
  return checked;
}

export type AnyColumn = Column<any, boolean, boolean>;

export function column<T extends DataType>(type: T): Column<T, true, false> {
  return derived(undefined, { type: checkedType(type), nullable: true, default: undefined, comment: undefined });
}

/** A column over a type node the type functions made and checked once (a simple type's one frozen node). */
export function columnOfChecked<T extends DataType>(type: T): Column<T, true, false> {
  return derived(undefined, { type, nullable: true, default: undefined, comment: undefined });
}
