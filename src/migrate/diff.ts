import type { DataType } from '../ast/data-types.js';
import type { SqlFragment } from '../ast/expression.js';
import { alterTable, type AlterTableBuilder } from '../builders/alter-table.js';
import { createTable, type CreateTableBuilder } from '../builders/create-table.js';
import { createIndex, dropIndex, refreshIndex, type CreateIndexBuilder, type DropIndexBuilder, type RefreshIndexBuilder } from '../builders/create-index.js';
import type { TableIndexDefinition } from '../ast/ddl.js';
import { renderDataType } from '../render/data-type.js';
import { renderDefault } from '../render/literal.js';
import type { AnyColumn } from '../schema/column.js';
import { checkBoolean, checkInteger, checkList, checkPlainObject, checkRecord, checkString, check, type CallSite } from '../checks.js';
import { toDataType } from '../schema/check-type.js';
import { checkTable, table as table_, type AnyTable, type Columns, type TableOptions } from '../schema/table.js';
import type { LiveColumn, LiveIndex, LiveTable } from './introspect.js';

/** What a change does to a table. */
export type SchemaChangeKind =
  | 'create_table'
  | 'rename_column'
  | 'add_column'
  | 'modify_column'
  | 'column_comment'
  | 'drop_column'
  | 'drop_index'
  | 'create_index'
  | 'refresh_index'
  | 'table_comment'
  | 'cluster_by'
  | 'drop_cluster_key'
  | 'set_options'
  | 'not_in_place';

/** One change from a live table to its declaration, in the order diff() lists them. */
export interface SchemaChange {
  readonly kind: SchemaChangeKind;
  /** The table's name as declared. */
  readonly table: string;
  /** The columns the change touches (empty for table-level changes). */
  readonly columns: readonly string[];
  /** What changes, in words: `add column phone STRING NULL`. */
  readonly summary: string;
  /** Loses data or may fail on the rows the table holds (drop column, a narrowing type, NULL -> NOT NULL). */
  readonly destructive: boolean;
  /** The statement that makes the change; undefined when the engine cannot make it in place (see `manual`). */
  readonly statement: AlterTableBuilder | CreateTableBuilder | CreateIndexBuilder | DropIndexBuilder | RefreshIndexBuilder | undefined;
  /** For a change the engine cannot make in place: the way to make it by hand. */
  readonly manual: string | undefined;
}

const INTEGER_BITS: Readonly<Record<string, readonly [bits: number, signed: boolean]>> = {
  TINYINT: [8, true],
  SMALLINT: [16, true],
  INT: [32, true],
  BIGINT: [64, true],
  'TINYINT UNSIGNED': [8, false],
  'SMALLINT UNSIGNED': [16, false],
  'INT UNSIGNED': [32, false],
  'BIGINT UNSIGNED': [64, false],
};

/** The decimal digits an integer type needs: DECIMAL(p, s) holds it when p - s reaches this. */
const INTEGER_DIGITS: Readonly<Record<number, number>> = { 8: 3, 16: 5, 32: 10, 64: 20 };

/**
 * A type as text to compare: the DDL spelling, tuple field names lower-cased (system.columns prints them upper-cased,
 * docs/engine-facts.md), the 64-bit integer mode left out (it never changes the SQL type).
 */
export function typeKey(type: DataType): string {
  return renderDataType(lowerTupleNames(type));
}

function lowerTupleNames(type: DataType): DataType {
  switch (type.kind) {
    case 'ARRAY':
      return { kind: 'ARRAY', element: lowerTupleNames(type.element) };
    case 'MAP':
      return { kind: 'MAP', key: lowerTupleNames(type.key), value: lowerTupleNames(type.value) };
    case 'TUPLE':
      return type.named
        ? {
            kind: 'TUPLE',
            named: true,
            fields: Object.fromEntries(Object.entries(type.fields as Record<string, DataType>).map(([k, v]) => [k.toLowerCase(), lowerTupleNames(v)])),
          }
        : { kind: 'TUPLE', named: false, elements: (type.elements as readonly DataType[]).map(lowerTupleNames) };
    default:
      return type.kind === 'BIGINT' || type.kind === 'BIGINT UNSIGNED' ? ({ kind: type.kind } as DataType) : type;
  }
}

/**
 * Whether every value of `from` is kept exactly by `to`: a larger integer, FLOAT to DOUBLE, a DECIMAL with room for
 * the digits on both sides of the point, anything scalar to STRING, DATE to TIMESTAMP, and the same inside ARRAY, MAP
 * and TUPLE. Any other type change is narrowing: the engine converts the rows, and a value that does not fit fails
 * or changes.
 */
export function isWidening(from: DataType, to: DataType): boolean {
  if (typeKey(from) === typeKey(to)) return true;
  const a = INTEGER_BITS[from.kind];
  const b = INTEGER_BITS[to.kind];
  if (a !== undefined && b !== undefined) return a[1] === b[1] ? b[0] >= a[0] : !a[1] && b[1] && b[0] > a[0];
  if (a !== undefined && to.kind === 'DOUBLE') return a[0] <= 32;
  if (a !== undefined && to.kind === 'DECIMAL') return to.precision - to.scale >= INTEGER_DIGITS[a[0]]!;
  if (from.kind === 'FLOAT' && to.kind === 'DOUBLE') return true;
  if (from.kind === 'DATE' && to.kind === 'TIMESTAMP') return true;
  if (from.kind === 'DECIMAL' && to.kind === 'DECIMAL') return to.scale >= from.scale && to.precision - to.scale >= from.precision - from.scale;
  if (to.kind === 'STRING') return a !== undefined || ['FLOAT', 'DOUBLE', 'DECIMAL', 'BOOLEAN', 'DATE', 'TIMESTAMP'].includes(from.kind);
  if (from.kind === 'ARRAY' && to.kind === 'ARRAY') return isWidening(from.element, to.element);
  if (from.kind === 'MAP' && to.kind === 'MAP') return typeKey(from.key) === typeKey(to.key) && isWidening(from.value, to.value);
  if (from.kind === 'TUPLE' && to.kind === 'TUPLE') {
    const fromElements = tupleElements(from);
    const toElements = tupleElements(to);
    return fromElements.length === toElements.length && fromElements.every((e, i) => isWidening(e, toElements[i]!));
  }
  return false;
}

function tupleElements(type: DataType & { kind: 'TUPLE' }): readonly DataType[] {
  return type.named ? Object.values(type.fields as Record<string, DataType>) : (type.elements as readonly DataType[]);
}

/**
 * Whether the engine refuses the type change on a table with rows: to or from a VECTOR (1006 "unable to cast",
 * engine-facts), even when every value is NULL. A table without rows takes any type change (nothing to cast).
 */
function refusedInPlace(from: DataType, to: DataType): boolean {
  const hasVector = (t: DataType): boolean =>
    t.kind === 'VECTOR' ||
    (t.kind === 'ARRAY' && hasVector(t.element)) ||
    (t.kind === 'MAP' && hasVector(t.value)) ||
    (t.kind === 'TUPLE' && tupleElements(t).some(hasVector));
  return (hasVector(from) || hasVector(to)) && typeKey(from) !== typeKey(to);
}

/** A DEFAULT as text to compare: the engine prints `1.50` for 1.5, `CAST(now() AS Timestamp NULL)`, `'it\'s'`. */
export function defaultKey(text: string | undefined, numeric = false): string | undefined {
  if (text === undefined) return undefined;
  let t = text.trim();
  const cast = /^CAST\((.*) AS [^()]*(?:\([^()]*\))?[^()]*\)$/is.exec(t);
  if (cast !== null) t = cast[1]!.trim();
  const quoted = /^'((?:[^'\\]|\\.|'')*)'$/s.exec(t);
  // The SDK writes a DECIMAL's DEFAULT as text ('1.5'), the engine prints the number (1.50).
  if (quoted !== null && numeric && /^[+-]?\d+(\.\d+)?$/.test(quoted[1]!)) t = quoted[1]!;
  else if (quoted !== null) return `s:${quoted[1]!.replace(/\\(.)/gs, '$1').replaceAll("''", "'")}`;
  if (/^[+-]?\d+(\.\d+)?$/.test(t)) {
    const [whole, fraction = ''] = t.replace(/^\+/, '').split('.');
    const f = fraction.replace(/0+$/, '');
    return `n:${BigInt(whole!).toString()}${f === '' ? '' : `.${f}`}${whole!.startsWith('-') && BigInt(whole!) === 0n ? '-' : ''}`;
  }
  return `e:${t.replace(/\s+/g, '').toLowerCase()}`;
}

function declaredDefault(column: AnyColumn): string | undefined {
  const d = column.spec.default;
  if (d === undefined) return undefined;
  return d.kind === 'SqlFragment' ? (d as SqlFragment).sql : renderDefault(d.value, column.spec.type);
}

function describeColumn(name: string, column: AnyColumn): string {
  const d = declaredDefault(column);
  return `${name} ${renderDataType(column.spec.type)} ${column.spec.nullable ? 'NULL' : 'NOT NULL'}${d === undefined ? '' : ` DEFAULT ${d}`}`;
}

function describeLive(column: LiveColumn): string {
  return `${column.name} ${renderDataType(column.type)} ${column.nullable ? 'NULL' : 'NOT NULL'}${column.default === undefined ? '' : ` DEFAULT ${column.default}`}`;
}

const MANUAL_TYPE =
  'add a new column of the new type, fill it with UPDATE ... SET new = CAST(old AS ...), drop the old column and rename the new one; or CREATE TABLE ... AS SELECT into a new table and ALTER TABLE ... SWAP WITH';

/**
 * The changes that make a live table what its declaration says, in the order they can run: renames, added columns,
 * modified columns, dropped columns, then the table's comment, cluster key and options. Pure: `live` comes from
 * introspectTable() (undefined: the table is missing, and the one change is CREATE TABLE).
 * A column is renamed only when declared so (`renamedFrom()`); table options are compared for the declared keys only.
 *
 * @example
 * diffTable(people, await introspectTable(client, 'people')).map((c) => c.statement?.compile())
 * // ['ALTER TABLE people ADD COLUMN phone STRING NULL AFTER name']
 */
export function diffTable(declared: AnyTable, live: LiveTable | undefined): SchemaChange[] {
  checkTable(declared, 'diffTable()', 'declared');
  if (live !== undefined) live = checkLiveTable(live, 'diffTable()');
  const table = declared.name;
  if (live === undefined) {
    // CREATE TABLE cannot hold an ASYNC VECTOR index (createTable() refuses it): the table is made without it, and
    // the index by CREATE ASYNC VECTOR INDEX after (no REFRESH: the new table has no rows).
    const indexes = declared.options.indexes ?? [];
    const later = indexes.filter((index) => index.async && index.type === 'VECTOR');
    const created: AnyTable =
      later.length === 0
        ? declared
        : (table_ as (name: string, columns: object, options: TableOptions) => AnyTable)(declared.name, declared.columns, {
            ...(declared.options as TableOptions),
            indexes: indexes.filter((i) => !later.includes(i)),
          });
    return [
      {
        kind: 'create_table',
        table,
        columns: declared.columnNames,
        summary: `create table ${table}`,
        destructive: false,
        statement: createTable(created),
        manual: undefined,
      },
      ...later.map(
        (index): SchemaChange => ({
          kind: 'create_index',
          table,
          columns: [...index.columns],
          summary: `create ASYNC ${index.type} index ${index.name} (${index.columns.join(', ')})`,
          destructive: false,
          statement: createIndex(index, declared),
          manual: undefined,
        }),
      ),
    ];
  }
  const changes: SchemaChange[] = [];
  const change = (c: Omit<SchemaChange, 'table' | 'manual'> & { manual?: string }) => changes.push({ table, manual: undefined, ...c });
  const columns = declared.columns as Columns;
  const names = Object.keys(columns);
  const liveByName = new Map(live.columns.map((c) => [c.name, c]));
  const matched = new Set<string>();
  const adds: SchemaChange[] = [];
  const modifies: SchemaChange[] = [];

  if (live.transient !== (declared.options.transient ?? false))
    change({
      kind: 'not_in_place',
      columns: [],
      summary: `table ${table} is ${live.transient ? '' : 'not '}TRANSIENT on the engine and declared ${live.transient ? 'not ' : ''}TRANSIENT`,
      destructive: false,
      statement: undefined,
      manual: 'CREATE TABLE ... AS SELECT into a new table of the declared kind, then ALTER TABLE ... SWAP WITH and drop the old one',
    });

  names.forEach((name, index) => {
    const column = columns[name]!;
    let current = liveByName.get(name);
    const from = column.spec.renamedFrom;
    if (current === undefined && from !== undefined && liveByName.has(from) && !names.includes(from)) {
      current = liveByName.get(from)!;
      change({
        kind: 'rename_column',
        columns: [from, name],
        summary: `rename column ${from} to ${name}`,
        destructive: false,
        statement: alterTable(declared).renameColumn(from, name),
      });
    }
    if (current === undefined) {
      const position = index === 0 ? { first: true } : { after: names[index - 1]! };
      adds.push({
        kind: 'add_column',
        table,
        columns: [name],
        summary: `add column ${describeColumn(name, column)}`,
        destructive: false,
        statement: alterTable(declared).addColumn(name, column, position),
        manual: undefined,
      });
      return;
    }
    matched.add(current.name);
    modifies.push(...columnChanges(declared, name, column, current, live.rows));
  });
  changes.push(...adds, ...modifies);

  for (const column of live.columns) {
    if (matched.has(column.name)) continue;
    change({
      kind: 'drop_column',
      columns: [column.name],
      summary: `drop column ${column.name} (not declared; its values are lost)`,
      destructive: true,
      statement: alterTable(declared).dropColumn(column.name),
    });
  }

  const comment = declared.options.comment ?? '';
  if (comment !== (live.comment ?? ''))
    change({ kind: 'table_comment', columns: [], summary: `table comment '${comment}'`, destructive: false, statement: alterTable(declared).comment(comment) });

  const cluster = declared.options.clusterBy;
  const keys = cluster === undefined ? undefined : Array.isArray(cluster) ? cluster : (cluster as { columns: readonly (string | SqlFragment)[] }).columns;
  const type = cluster === undefined || Array.isArray(cluster) ? 'LINEAR' : ((cluster as { type?: 'LINEAR' | 'HILBERT' }).type ?? 'LINEAR');
  const keyText = (k: string | SqlFragment) => (typeof k === 'string' ? `c:${k}` : clusterKeyKey(k.sql));
  if (keys === undefined) {
    if (live.clusterBy !== undefined)
      change({ kind: 'drop_cluster_key', columns: [], summary: 'drop the cluster key', destructive: false, statement: alterTable(declared).dropClusterKey() });
  } else if (
    live.clusterBy === undefined ||
    live.clusterBy.type !== type ||
    live.clusterBy.keys.map(clusterKeyKey).join('\n') !== keys.map(keyText).join('\n')
  ) {
    // The engine refuses to drop or retype a column its cluster key names (1132): a key that changes anyway is
    // dropped first, before the columns change, and the new one set last.
    const touched = new Set(
      changes
        .filter((c) => c.kind === 'drop_column' || c.kind === 'modify_column' || c.kind === 'not_in_place')
        .flatMap((c) => c.columns.flatMap((n) => [n, (columns[n]?.spec.renamedFrom as string | undefined) ?? n])),
    );
    const names = (key: string) => (key.startsWith('c:') ? touched.has(key.slice(2)) : [...touched].some((n) => key.includes(n.toLowerCase())));
    if (live.clusterBy?.keys.some((k) => names(clusterKeyKey(k))))
      change({
        kind: 'drop_cluster_key',
        columns: [],
        summary: 'drop the cluster key (it names a column that changes)',
        destructive: false,
        statement: alterTable(declared).dropClusterKey(),
      });
    change({
      kind: 'cluster_by',
      columns: keys.filter((k): k is string => typeof k === 'string'),
      summary: `cluster by ${type} (${keys.map((k) => (typeof k === 'string' ? k : k.sql)).join(', ')})`,
      destructive: false,
      statement: alterTable(declared).clusterBy(keys, type),
    });
  }

  if (live.indexes !== undefined) changes.push(...indexChanges(declared, live, live.indexes, changes));

  const wanted = declared.options.engineOptions ?? {};
  const differing = Object.entries(wanted).filter(([key, value]) => live.options[key.toLowerCase()]?.toLowerCase() !== String(value).toLowerCase());
  if (differing.length > 0)
    change({
      kind: 'set_options',
      columns: [],
      summary: `set options (${differing.map(([k, v]) => `${k} = ${String(v)}`).join(', ')})`,
      destructive: false,
      statement: alterTable(declared).setOptions(Object.fromEntries(differing)),
    });
  return order(changes);
}

/** An index as text to compare: type, columns, SYNC/ASYNC and options (values as text). */
function indexKey(index: TableIndexDefinition | LiveIndex): string {
  const options = Object.entries(index.options as Record<string, unknown>)
    .map(([k, v]) => `${k.toLowerCase()}=${String(v)}`)
    .sort();
  return JSON.stringify([index.type, index.columns, index.async, options]);
}

/**
 * The declared indexes against the live ones, by name: a missing one is created (and refreshed when the table has
 * rows, which a new index does not cover until REFRESH), an undeclared one dropped, a changed one dropped and created
 * again. The engine refuses to drop or retype a column an index covers (1111): such an index is dropped first and
 * created again after the columns change.
 */
function indexChanges(declared: AnyTable, live: LiveTable, liveIndexes: readonly LiveIndex[], columnChanges: readonly SchemaChange[]): SchemaChange[] {
  const table = declared.name;
  const columns = declared.columns as Columns;
  const touched = new Set(
    columnChanges
      .filter((c) => c.kind === 'drop_column' || c.kind === 'modify_column')
      .flatMap((c) => c.columns.flatMap((n) => [n, (columns[n]?.spec.renamedFrom as string | undefined) ?? n])),
  );
  const wanted = declared.options.indexes ?? [];
  const changes: SchemaChange[] = [];
  const base = { table, destructive: false, manual: undefined } as const;
  for (const index of liveIndexes) {
    const want = wanted.find((w) => w.name === index.name);
    const covers = index.columns.some((c) => touched.has(c));
    if (want !== undefined && indexKey(want) === indexKey(index) && !covers) continue;
    const why = want === undefined ? 'not declared' : indexKey(want) === indexKey(index) ? 'it covers a column that changes' : 'changed';
    changes.push({
      ...base,
      kind: 'drop_index',
      columns: [...index.columns],
      summary: `drop ${index.type} index ${index.name} (${why})`,
      statement: dropIndex(index.type, index.name, declared),
    });
  }
  for (const want of wanted) {
    const current = liveIndexes.find((i) => i.name === want.name);
    if (current !== undefined && indexKey(want) === indexKey(current) && !current.columns.some((c) => touched.has(c))) continue;
    changes.push({
      ...base,
      kind: 'create_index',
      columns: [...want.columns],
      summary: `create ${want.async ? 'ASYNC ' : ''}${want.type} index ${want.name} (${want.columns.join(', ')})`,
      statement: createIndex(want, declared),
    });
    if (live.rows !== 0)
      changes.push({
        ...base,
        kind: 'refresh_index',
        columns: [...want.columns],
        summary: `refresh ${want.type} index ${want.name} (the rows written before it)`,
        statement: refreshIndex(want.type, want.name, declared),
      });
  }
  return changes;
}

/**
 * A cluster key as text to compare: a column as `c:name` (the engine prints a name that needs quoting in double quotes,
 * `"with space"`, and a plain one, non-ASCII letters included, bare and lower-cased), an expression without spaces,
 * lower-cased.
 */
export function clusterKeyKey(text: string): string {
  const t = text.trim();
  const quoted = /^"((?:[^"]|"")*)"$/s.exec(t) ?? /^`((?:[^`]|``)*)`$/s.exec(t);
  if (quoted !== null) return `c:${quoted[1]!.replaceAll(t[0]!.repeat(2), t[0]!)}`;
  if (/^[\p{L}_][\p{L}\p{N}_$]*$/u.test(t)) return `c:${t.toLowerCase()}`;
  return `e:${t.replace(/\s+/g, '').toLowerCase()}`;
}

// DROP CLUSTER KEY comes before the columns change: the engine refuses to drop or retype a column the key names.
const ORDER: readonly SchemaChangeKind[] = [
  'not_in_place',
  'create_table',
  'drop_cluster_key',
  'drop_index',
  'rename_column',
  'add_column',
  'modify_column',
  'column_comment',
  'drop_column',
  'create_index',
  'refresh_index',
  'table_comment',
  'cluster_by',
  'set_options',
];

function order(changes: SchemaChange[]): SchemaChange[] {
  // A stable sort: within a kind, declaration order.
  return changes
    .map((c, i) => [c, i] as const)
    .sort((a, b) => ORDER.indexOf(a[0].kind) - ORDER.indexOf(b[0].kind) || a[1] - b[1])
    .map(([c]) => c);
}

const MANUAL_AUTOINCREMENT =
  'MODIFY COLUMN cannot add, change or remove AUTOINCREMENT (the engine refuses AUTOINCREMENT there as a syntax error, and a MODIFY COLUMN without it drops it): CREATE TABLE ... AS SELECT into a new table declared so, then ALTER TABLE ... SWAP WITH and drop the old one';

const MANUAL_NOT_NULL_EMPTY =
  "the engine checks NOT NULL against the table's column statistics, which a table without rows does not have (1058 'Cannot find statistics for column'): with no rows to keep, drop the column and add it again as declared, or make the change after the first load";

function columnChanges(declared: AnyTable, name: string, column: AnyColumn, live: LiveColumn, rows: number | undefined): SchemaChange[] {
  const table = declared.name;
  const spec = column.spec;
  const typeChanged = typeKey(spec.type) !== typeKey(live.type);
  const nullChanged = spec.nullable !== live.nullable;
  const numeric = ['DECIMAL', 'FLOAT', 'DOUBLE'].includes(spec.type.kind) || INTEGER_BITS[spec.type.kind] !== undefined;
  const defaultChanged = defaultKey(declaredDefault(column), numeric) !== defaultKey(live.default, numeric);
  const commentChanged = (spec.comment ?? '') !== (live.comment ?? '');
  const computedChanged =
    (spec.computed === undefined) !== (live.computed === undefined) ||
    (spec.computed !== undefined && live.computed !== undefined && spec.computed.mode !== live.computed.mode);
  const autoKey = (a: { start: number; step: number; order: boolean } | undefined) =>
    a === undefined ? '' : `(${a.start}, ${a.step}) ${a.order ? 'ORDER' : 'NOORDER'}`;
  if (autoKey(spec.autoIncrement) !== autoKey(live.autoIncrement))
    return [
      {
        kind: 'not_in_place',
        table,
        columns: [name],
        summary: `column ${name}: ${spec.autoIncrement === undefined ? 'no AUTOINCREMENT' : `AUTOINCREMENT ${autoKey(spec.autoIncrement)}`} declared, ${live.autoIncrement === undefined ? 'none' : `AUTOINCREMENT ${autoKey(live.autoIncrement)}`} on the engine`,
        destructive: false,
        statement: undefined,
        manual: MANUAL_AUTOINCREMENT,
      },
    ];
  if (computedChanged)
    return [
      {
        kind: 'not_in_place',
        table,
        columns: [name],
        summary: `column ${name}: ${spec.computed === undefined ? 'declared a plain column, computed on the engine' : `declared computed (${spec.computed.mode}), not so on the engine`}`,
        destructive: false,
        statement: undefined,
        manual: 'MODIFY COLUMN cannot make a column computed or plain: add a new column, drop the old one and rename the new one',
      },
    ];
  if (!typeChanged && !nullChanged && !defaultChanged) {
    if (!commentChanged) return [];
    return [
      {
        kind: 'column_comment',
        table,
        columns: [name],
        summary: `column ${name}: comment '${spec.comment ?? ''}'`,
        destructive: false,
        statement: alterTable(declared).modifyColumnComment(name, spec.comment ?? ''),
        manual: undefined,
      },
    ];
  }
  const summary = `modify column ${describeLive({ ...live, name })} -> ${describeColumn(name, column)}`;
  if (typeChanged && rows !== 0 && refusedInPlace(live.type, spec.type))
    return [{ kind: 'not_in_place', table, columns: [name], summary, destructive: false, statement: undefined, manual: MANUAL_TYPE }];
  if (spec.computed !== undefined || spec.autoIncrement !== undefined)
    return [
      {
        kind: 'not_in_place',
        table,
        columns: [name],
        summary,
        destructive: false,
        statement: undefined,
        manual: 'MODIFY COLUMN cannot declare a computed or AUTOINCREMENT column: add a new column, copy the values, drop the old one and rename the new one',
      },
    ];
  const narrowing = typeChanged && !isWidening(live.type, spec.type);
  const tightening = live.nullable && !spec.nullable;
  if (tightening && rows === 0)
    return [
      {
        kind: 'not_in_place',
        table,
        columns: [name],
        summary: `${summary} (NULL -> NOT NULL)`,
        destructive: false,
        statement: undefined,
        manual: MANUAL_NOT_NULL_EMPTY,
      },
    ];
  return [
    {
      kind: 'modify_column',
      table,
      columns: [name],
      summary: narrowing ? `${summary} (narrowing: values that do not fit fail or change)` : tightening ? `${summary} (NULL -> NOT NULL)` : summary,
      destructive: narrowing || tightening,
      statement: alterTable(declared).modifyColumn(name, column),
      manual: undefined,
    },
  ];
}

function optionalString(value: unknown, call: CallSite, field: string): string | undefined {
  if (value !== undefined) checkString(value, call, field);
  return value as string | undefined;
}

/**
 * A live table given by the caller (introspectTable()'s answer, or one written by hand): checked and copied, since
 * its column names become DROP COLUMN statements and its values are compared with the declaration's.
 */
export function checkLiveTable(live: unknown, call: CallSite): LiveTable {
  checkRecord(live, call, 'live', ['database', 'name', 'columns', 'clusterBy', 'comment', 'options', 'transient', 'rows', 'indexes']);
  if (live.rows !== undefined) checkInteger(live.rows, 0, Number.MAX_SAFE_INTEGER, call, 'live.rows must be an integer from 0 to 2^53 - 1', 'live.rows');
  checkString(live.database, call, 'live.database');
  checkString(live.name, call, 'live.name');
  checkBoolean(live.transient, call, 'live.transient');
  checkList(live.columns, call, 'live.columns');
  const columns = live.columns.map((column: unknown, i): LiveColumn => {
    const field = `live.columns[${i}]`;
    checkRecord(column, call, field, ['name', 'type', 'nullable', 'default', 'comment', 'computed', 'autoIncrement']);
    let autoIncrement: LiveColumn['autoIncrement'];
    if (column.autoIncrement !== undefined) {
      checkRecord(column.autoIncrement, call, `${field}.autoIncrement`, ['start', 'step', 'order']);
      const { start, step, order } = column.autoIncrement;
      checkInteger(start, 0, Number.MAX_SAFE_INTEGER, call, `${field}.autoIncrement.start must be an integer from 0`, `${field}.autoIncrement`);
      checkInteger(step, 0, Number.MAX_SAFE_INTEGER, call, `${field}.autoIncrement.step must be an integer from 0`, `${field}.autoIncrement`);
      checkBoolean(order, call, `${field}.autoIncrement.order`);
      autoIncrement = { start, step, order };
    }
    checkString(column.name, call, `${field}.name`);
    checkBoolean(column.nullable, call, `${field}.nullable`);
    let computed: LiveColumn['computed'];
    if (column.computed !== undefined) {
      checkRecord(column.computed, call, `${field}.computed`, ['mode', 'expression']);
      const { mode, expression } = column.computed;
      check(mode === 'STORED' || mode === 'VIRTUAL', 'invalid_value', call, `${field}.computed.mode must be 'STORED' or 'VIRTUAL'`, `${field}.computed`);
      checkString(expression, call, `${field}.computed.expression`);
      computed = { mode, expression };
    }
    return {
      name: column.name,
      type: toDataType(column.type, call, `${field}.type`),
      nullable: column.nullable,
      default: optionalString(column.default, call, `${field}.default`),
      comment: optionalString(column.comment, call, `${field}.comment`),
      computed,
      autoIncrement,
    };
  });
  let clusterBy: LiveTable['clusterBy'];
  if (live.clusterBy !== undefined) {
    checkRecord(live.clusterBy, call, 'live.clusterBy', ['keys', 'type']);
    const { keys, type } = live.clusterBy;
    checkList(keys, call, 'live.clusterBy.keys');
    keys.forEach((k, i) => checkString(k, call, `live.clusterBy.keys[${i}]`));
    check(type === 'LINEAR' || type === 'HILBERT', 'invalid_value', call, "live.clusterBy.type must be 'LINEAR' or 'HILBERT'", 'live.clusterBy.type');
    clusterBy = { keys: [...(keys as string[])], type };
  }
  checkPlainObject(live.options, call, 'live.options');
  const options: Record<string, string> = {};
  for (const [key, value] of Object.entries(live.options)) {
    checkString(value, call, `live.options.${key}`);
    options[key] = value;
  }
  let indexes: LiveIndex[] | undefined;
  if (live.indexes !== undefined) {
    checkList(live.indexes, call, 'live.indexes');
    indexes = live.indexes.map((index: unknown, i): LiveIndex => {
      const field = `live.indexes[${i}]`;
      checkRecord(index, call, field, ['type', 'name', 'columns', 'async', 'options']);
      check(
        index.type === 'INVERTED' || index.type === 'NGRAM' || index.type === 'VECTOR',
        'invalid_value',
        call,
        `${field}.type must be 'INVERTED', 'NGRAM' or 'VECTOR'`,
        `${field}.type`,
      );
      // The name becomes DROP INDEX: an identifier, as the SDK's builders check it.
      checkString(index.name, call, `${field}.name`);
      checkList(index.columns, call, `${field}.columns`);
      index.columns.forEach((c, j) => checkString(c, call, `${field}.columns[${j}]`));
      checkBoolean(index.async, call, `${field}.async`);
      checkPlainObject(index.options, call, `${field}.options`);
      const options: Record<string, string> = {};
      for (const [key, value] of Object.entries(index.options)) {
        checkString(value, call, `${field}.options.${key}`);
        options[key] = value;
      }
      return { type: index.type, name: index.name, columns: [...(index.columns as string[])], async: index.async, options };
    });
  }
  return {
    indexes,
    database: live.database,
    name: live.name,
    columns,
    clusterBy,
    comment: optionalString(live.comment, call, 'live.comment'),
    options,
    transient: live.transient,
    rows: live.rows as number | undefined,
  };
}
