import { argText, check, checkBoolean, checkList, checkPlainObject, checkString, describeValue, type CallSite } from '../checks.js';
import { CLUSTER_TYPES, type ClusterType, type TableEngineOptions, type TableIndexDefinition } from '../ast/ddl.js';
import { isSqlFragment, type SqlFragment } from '../ast/expression.js';
import { isIndexDefinition } from './table-index.js';
import { Column } from './column.js';
import { NOT_A_BARE_COLUMN } from '../grammar/keywords.js';
import { RESERVED_WORDS } from '../grammar/reserved-words.js';
import type { AnyColumn } from './column.js';
import { checkIdentifier } from './identifier.js';
import type { InferInsert, InferSelect } from './infer.js';

export interface TableOptions<C extends string = string> {
  readonly database?: string;
  readonly comment?: string;
  /** CLUSTER BY [LINEAR | HILBERT] (keys): columns by name, or expressions such as sql`to_date(ts)`. */
  readonly clusterBy?: readonly (C | SqlFragment)[] | { readonly columns: readonly (C | SqlFragment)[]; readonly type?: ClusterType };
  /** CREATE TRANSIENT TABLE: no time-travel history. */
  readonly transient?: boolean;
  /** Fuse options such as `{ block_per_segment: 1000, compression: 'zstd' }`. */
  readonly engineOptions?: TableEngineOptions;
  /** Indexes made with `vectorIndex()`, `invertedIndex()` or `ngramIndex()`, declared inside CREATE TABLE. */
  readonly indexes?: readonly TableIndexDefinition[];
}

export type Columns = Readonly<Record<string, AnyColumn>>;

const PLAIN_OPTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Column names Databend keeps for its own columns: CREATE TABLE refuses them with 1110 "Cannot create table has
 * column with the same name as internal column" (each checked on the pinned engine; the match is case-sensitive).
 */
const INTERNAL_COLUMN_NAMES: ReadonlySet<string> = new Set([
  '_row_id',
  '_block_name',
  '_segment_name',
  '_snapshot_name',
  '_base_row_id',
  '_base_block_ids',
  '_search_matched',
  '_search_score',
  '_vector_score',
  '_predicate',
  '_origin_version',
  '_origin_block_id',
  '_origin_block_row_num',
  'change$action',
  'change$is_update',
  'change$row_id',
  'metadata$filename',
  'metadata$file_row_number',
]);

let keptOf: (table: object) => unknown[] | undefined;
let keptSlots = 0;

/**
 * Memoises `derive(table)` per declared table, in the table's own private list of kept values: a table is frozen, so
 * what is derived from it is derived once. An object that is no declared table is derived for every time.
 */
export function keptPerTable<V>(derive: (table: AnyTable) => V): (table: AnyTable) => V {
  const slot = keptSlots++;
  return (table) => {
    const kept = keptOf(table);
    if (kept === undefined) return derive(table);
    let value = kept[slot] as V | undefined;
    if (value === undefined) {
      value = derive(table);
      kept[slot] = value;
    }
    return value;
  };
}

/**
 * A table declared in TypeScript: its name, its columns in declaration order, and its options. The row types
 * are carried as `$inferSelect` / `$inferInsert` (types only).
 */
export class Table<Name extends string = string, C extends Columns = Columns> {
  readonly name: Name;
  readonly columns: C;
  readonly options: TableOptions<Extract<keyof C, string>>;
  declare readonly $inferSelect: InferSelect<C>;
  declare readonly $inferInsert: InferInsert<C>;
  // What lowerTable() and the projections derive from the table, kept with it (see keptPerTable): a WeakMap per
  // derivation cost an entry per table in each, and the collector's work on them, for a table used once. Set once the
  // declaration is checked, it is also the mark of a declared table (see isTable): only this constructor sets it.
  #kept: unknown[] | undefined;

  static {
    keptOf = (table) => (#kept in table ? table.#kept : undefined);
  }

  /** Checks the declaration as `table()` does: the class is exported, and its constructor is a way in too. */
  constructor(name: Name, columns: C, options: TableOptions<Extract<keyof C, string>> = {}) {
    checkDeclaration(name, columns, options);
    this.name = name;
    this.columns = Object.freeze({ ...columns });
    this.options = Object.freeze(copyOptions(options));
    Object.freeze(this);
    this.#kept = [];
  }

  /** Column names in declaration order. */
  get columnNames(): Extract<keyof C, string>[] {
    return Object.keys(this.columns) as Extract<keyof C, string>[];
  }
}

/**
 * Whether a value is a table declared with table() (or the Table constructor), not an object shaped like one: the
 * constructor's private list, set after its checks, is the mark (a private field no other code can add or forge).
 */
export function isTable(value: unknown): value is AnyTable {
  return typeof value === 'object' && value !== null && keptOf(value) !== undefined;
}

/**
 * Refuses anything but a declared table: an object parsed from a request body shaped like one ({ name, columns,
 * options }) would be rendered into DDL unchecked, and a string or null failed with a TypeError deep inside.
 */
export function checkTable(value: unknown, call: CallSite, field = 'table'): asserts value is AnyTable {
  check(isTable(value), 'invalid_type', call, () => `${field} must be a table declared with table(), not ${describeValue(value)}`, field);
}

/**
 * The options as the table keeps them: its own copies of the lists and records, frozen, so that the caller's
 * objects are neither frozen with the table nor able to change it afterwards.
 */
function copyOptions<C extends string>(options: TableOptions<C>): TableOptions<C> {
  const copy: { -readonly [K in keyof TableOptions<C>]: TableOptions<C>[K] } = { ...options };
  if (options.engineOptions !== undefined) copy.engineOptions = Object.freeze({ ...options.engineOptions });
  const cluster = options.clusterBy;
  if (cluster !== undefined) {
    copy.clusterBy = Array.isArray(cluster)
      ? Object.freeze([...(cluster as readonly C[])])
      : Object.freeze({ ...cluster, columns: Object.freeze([...(cluster as { columns: readonly C[] }).columns]) });
  }
  if (options.indexes !== undefined) copy.indexes = Object.freeze([...options.indexes]);
  return copy;
}

/** Any declared table; `any` because the row types make `Table` invariant in its columns. */
export type AnyTable = Table<string, any>;

/**
 * Declares a table.
 *
 * @example
 * const frameEvents = table('frame_events', {
 *   frame_id: string().notNull(),
 *   risk_score: double(),
 * }, { clusterBy: ['frame_id'] });
 */
export function table<Name extends string, C extends Columns>(name: Name, columns: C, options: TableOptions<Extract<keyof C, string>> = {}): Table<Name, C> {
  return new Table(name, columns, options);
}

function checkDeclaration(name: string, columns: Columns, options: TableOptions): void {
  const call = `table('${argText(name)}')`;
  checkString(name, 'table()', 'table name');
  checkIdentifier(name, call, 'table name');
  checkPlainObject(columns, call, 'columns');
  checkPlainObject(options, call, 'options');
  checkTableOptions(options, call);
  if (options.database !== undefined) checkIdentifier(options.database, call, 'database');
  const names = Object.keys(columns);
  for (const column of names)
    check(
      columns[column] instanceof Column,
      'invalid_type',
      call,
      () => `column '${column}' must be declared with a column function such as string() or int(), not ${describeValue(columns[column])}`,
      column,
    );
  check(names.length > 0, 'too_small', call, 'a table needs at least one column');
  for (const column of names) checkColumnName(column, call, `column name '${column}'`);
  checkEngineOptions(options.engineOptions ?? {}, call, 'engineOptions');
  checkIndexes(options.indexes, columns, call);
  for (const column of clusterColumns(options)) {
    if (typeof column !== 'string') continue;
    check(names.includes(column), 'unknown_key', call, () => `CLUSTER BY names an unknown column '${column}'`, 'clusterBy');
    check(
      !NOT_A_BARE_COLUMN.has(column),
      'reserved',
      call,
      () => `CLUSTER BY column '${column}': Databend stores cluster keys unquoted and would read '${column}' back as a keyword, not the column`,
      'clusterBy',
    );
  }
}

/** A column's name: an identifier, and none of Databend's internal columns. */
export function checkColumnName(column: unknown, call: CallSite, what: string): asserts column is string {
  checkIdentifier(column, call, what);
  check(!INTERNAL_COLUMN_NAMES.has(column), 'reserved', call, () => `column name '${column}' is a Databend internal column`, column);
}

/** Fuse table options (`{ block_per_segment: 1000 }`): each key is rendered bare and each value as a literal. */
/** A table option's name, rendered bare (`key = value`, UNSET OPTIONS (key)): anything but a plain name would be SQL of its own. */
export function checkOptionName(key: string, call: CallSite, field: string): void {
  check(PLAIN_OPTION_NAME.test(key), 'invalid_format', call, () => `table option '${key}' must be a plain identifier`, field);
  check(
    !isCreateTableWord(key),
    'reserved',
    call,
    () => `table option '${key}' is a reserved keyword (or CLUSTER, ENGINE), which CREATE TABLE reads as its own`,
    field,
  );
}

export function checkEngineOptions(options: object, call: CallSite, field: string): void {
  for (const [key, value] of Object.entries(options)) {
    checkOptionName(key, call, field);
    // The option grammar (`option_to_string`) reads an unsigned integer literal, not a fraction, an exponent or a sign:
    // `= 0.5`, `= 1e+21` and `= -1` are syntax errors (1005) on the pinned engine.
    check(
      typeof value === 'string' || typeof value === 'boolean' || (Number.isSafeInteger(value) && (value as number) >= 0),
      typeof value === 'number' ? 'not_exact' : 'invalid_type',
      call,
      () => `table option '${key}' must be a string, a boolean or an integer from 0 to 2^53 - 1`,
      field,
    );
  }
}

/** The options' own shapes, checked at run time: each of them becomes SQL. */
function checkTableOptions(options: TableOptions, call: string): void {
  for (const key of Object.keys(options))
    check(TABLE_OPTION_KEYS.has(key), 'unknown_key', call, () => `unknown table option '${key}' (known: ${[...TABLE_OPTION_KEYS].join(', ')})`, key);
  if (options.database !== undefined) checkString(options.database, call, 'database');
  if (options.comment !== undefined) checkString(options.comment, call, 'comment');
  if (options.transient !== undefined) checkBoolean(options.transient, call, 'transient');
  if (options.engineOptions !== undefined) checkPlainObject(options.engineOptions, call, 'engineOptions');
  const cluster: unknown = options.clusterBy;
  if (cluster === undefined) return;
  const columns: unknown = Array.isArray(cluster)
    ? cluster
    : typeof cluster === 'object' && cluster !== null
      ? (cluster as { columns?: unknown }).columns
      : undefined;
  if (Array.isArray(columns)) checkList(columns, call, 'clusterBy');
  check(
    Array.isArray(columns) && columns.length > 0 && columns.every((c) => typeof c === 'string' || isSqlFragment(c)),
    Array.isArray(columns) && columns.length === 0 ? 'too_small' : 'invalid_type',
    call,
    "clusterBy must list column names or sql`` expressions: ['a', sql`to_date(ts)`] or { columns: ['a'], type: 'LINEAR' | 'HILBERT' }",
    'clusterBy',
  );
  if (!Array.isArray(cluster)) {
    checkPlainObject(cluster, call, 'clusterBy');
    for (const key of Object.keys(cluster))
      check(key === 'columns' || key === 'type', 'unknown_key', call, () => `unknown clusterBy option '${key}' (known: columns, type)`, 'clusterBy');
    const type = (cluster as { type?: unknown }).type;
    check(
      type === undefined || (CLUSTER_TYPES as readonly unknown[]).includes(type),
      'invalid_value',
      call,
      () => `clusterBy.type must be one of ${CLUSTER_TYPES.join(', ')}`,
      'clusterBy',
    );
  }
}

const TABLE_OPTION_KEYS: ReadonlySet<string> = new Set(['database', 'comment', 'clusterBy', 'transient', 'engineOptions', 'indexes']);

/** The column types each index kind takes, as the engine's binder checks them (1601 UnsupportedIndex otherwise). */
const INDEXED_TYPES: Readonly<Record<TableIndexDefinition['type'], readonly string[]>> = {
  VECTOR: ['VECTOR'],
  INVERTED: ['STRING', 'VARIANT'],
  NGRAM: ['STRING'],
};

/** Indexes made by the helpers, each named once, on columns of the table of the types its kind takes. */
export function checkIndexes(indexes: unknown, columns: Columns, call: CallSite): void {
  if (indexes === undefined) return;
  checkList(indexes, call, 'indexes');
  const names = new Set<string>();
  for (const index of indexes) {
    check(
      isIndexDefinition(index),
      'invalid_type',
      call,
      () => `indexes must hold indexes made by vectorIndex(), invertedIndex() or ngramIndex(), not ${describeValue(index)}`,
      'indexes',
    );
    check(!names.has(index.name), 'conflict', call, () => `index '${index.name}' is declared twice`, 'indexes');
    names.add(index.name);
    for (const column of index.columns) {
      check(Object.hasOwn(columns, column), 'unknown_key', call, () => `index '${index.name}' names an unknown column '${column}'`, 'indexes');
      const type = (columns[column] as AnyColumn).spec.type.kind;
      const takes = INDEXED_TYPES[index.type];
      check(
        takes.includes(type),
        'invalid_value',
        call,
        () => `${index.type} index '${index.name}' takes ${takes.join(' or ')} columns, not '${column}' (${type})`,
        'indexes',
      );
    }
  }
}

/** `cluster = 1` and `engine = 1` start CREATE TABLE's own clauses; a reserved word is a syntax error (1005). */
function isCreateTableWord(key: string): boolean {
  const word = key.toLowerCase();
  return word === 'cluster' || word === 'engine' || RESERVED_WORDS.has(word);
}

export function clusterColumns(options: TableOptions): readonly (string | SqlFragment)[] {
  const cluster = options.clusterBy;
  if (cluster === undefined) return [];
  return 'columns' in cluster ? cluster.columns : (cluster as readonly (string | SqlFragment)[]);
}
