import type { DataType } from '../ast/data-types.js';
import { check, checkRecord, describeValue } from '../checks.js';
import { sql } from '../builders/sql.js';
import { DatabendClient } from '../client/client.js';
import { parseType, type TypeDesc } from '../client/type-parser.js';
import { checkIdentifier } from '../schema/identifier.js';

/** A live column as the engine's catalogue describes it, in the SDK's type model. */
export interface LiveColumn {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
  /** The DEFAULT expression as the engine prints it (`1.50`, `now()`), or undefined. */
  readonly default: string | undefined;
  readonly comment: string | undefined;
  /** `AS (expr) STORED | VIRTUAL`, as the engine prints it. */
  readonly computed: { readonly mode: 'STORED' | 'VIRTUAL'; readonly expression: string } | undefined;
  /** `AUTOINCREMENT (start, step) ORDER | NOORDER`, read from SHOW CREATE TABLE (system.columns does not list it). */
  readonly autoIncrement?: { readonly start: number; readonly step: number; readonly order: boolean } | undefined;
}

/** An INVERTED, NGRAM or VECTOR index of a live table, as SHOW CREATE TABLE prints it. */
export interface LiveIndex {
  readonly type: 'INVERTED' | 'NGRAM' | 'VECTOR';
  readonly name: string;
  readonly columns: readonly string[];
  /** ASYNC: built by REFRESH or in the background; SYNC (false): while rows are written. */
  readonly async: boolean;
  /** The options by their SQL names, values as text (`{ distance: 'cosine,l2', m: '16' }`). */
  readonly options: Readonly<Record<string, string>>;
}

/** A live table read back from the engine: columns in table order, cluster key, comment, options, transient. */
export interface LiveTable {
  readonly database: string;
  readonly name: string;
  readonly columns: readonly LiveColumn[];
  /** The cluster key's expressions as the engine prints them (`['id']`, `['to_date(ts)']`), or undefined. */
  readonly clusterBy: { readonly keys: readonly string[]; readonly type: 'LINEAR' | 'HILBERT' } | undefined;
  readonly comment: string | undefined;
  /** The table options the engine keeps, keys lower-cased, values as text (`{ block_per_segment: '500' }`). */
  readonly options: Readonly<Record<string, string>>;
  readonly transient: boolean;
  /**
   * The rows the table holds (system.tables' `num_rows`); left out of a live table written by hand. Zero matters to
   * diff(): the engine cannot make a column NOT NULL in a table without rows (docs/engine-facts.md).
   */
  readonly rows?: number | undefined;
  /** The table's indexes, by name; left out of a live table written by hand (then diff() leaves indexes alone). */
  readonly indexes?: readonly LiveIndex[] | undefined;
}

export interface IntrospectOptions {
  /** The table's database; the session's current database when left out. */
  readonly database?: string;
}

/** What the engine's catalogue said that the SDK cannot read: the engine's answer, not the caller's input. */
function unreadable(call: string, what: string): never {
  throw new Error(`${call}: ${what}`);
}

const SIMPLE: Readonly<Record<string, DataType['kind']>> = {
  Boolean: 'BOOLEAN',
  Int8: 'TINYINT',
  Int16: 'SMALLINT',
  Int32: 'INT',
  Int64: 'BIGINT',
  UInt8: 'TINYINT UNSIGNED',
  UInt16: 'SMALLINT UNSIGNED',
  UInt32: 'INT UNSIGNED',
  UInt64: 'BIGINT UNSIGNED',
  Float32: 'FLOAT',
  Float64: 'DOUBLE',
  String: 'STRING',
  Binary: 'BINARY',
  Date: 'DATE',
  Timestamp: 'TIMESTAMP',
  Timestamp_Tz: 'TIMESTAMP_TZ',
  Interval: 'INTERVAL',
  Variant: 'VARIANT',
  Bitmap: 'BITMAP',
  Geometry: 'GEOMETRY',
  Geography: 'GEOGRAPHY',
};

/**
 * The SDK's data type for a type the engine prints (`Nullable(Decimal(10, 2))`, `Array(Nullable(String))`). The
 * SDK's model has no nullability inside nested types (the engine makes elements nullable by default), so only the
 * outer one is kept, by the caller. Tuple field names come from `names` (system.columns' `type` leaves them out;
 * its `data_type` numbers a positional tuple's fields from 1, so fields named `1`, `2`, ... in order read back
 * positional).
 */
export function dataTypeOf(desc: TypeDesc, call: string, names?: TypeDesc): DataType {
  const simple = SIMPLE[desc.name];
  if (simple !== undefined) return { kind: simple } as DataType;
  const int = (arg: TypeDesc | undefined): number => {
    const n = Number(arg?.name);
    if (!Number.isSafeInteger(n)) unreadable(call, `the engine's type ${desc.name} has no integer parameter`);
    return n;
  };
  switch (desc.name) {
    case 'Decimal':
      return { kind: 'DECIMAL', precision: int(desc.args[0]), scale: int(desc.args[1]) };
    case 'Vector':
      return { kind: 'VECTOR', dimension: int(desc.args[0]) };
    case 'Array':
      return { kind: 'ARRAY', element: dataTypeOf(desc.args[0]!, call, names?.args[0]) };
    case 'Map':
      return { kind: 'MAP', key: dataTypeOf(desc.args[0]!, call, names?.args[0]), value: dataTypeOf(desc.args[1]!, call, names?.args[1]) };
    case 'Tuple': {
      const fields = names?.args.map((a) => a.field);
      // A positional tuple's fields are printed numbered (`TUPLE(1 INT32, 2 STRING)`, `TUPLE(1 INT32,)`): no names.
      const numbered = fields?.every((f, i) => f === String(i + 1)) ?? false;
      if (!numbered && fields !== undefined && fields.length === desc.args.length && fields.every((f) => f !== undefined)) {
        const record: Record<string, DataType> = {};
        desc.args.forEach((arg, i) => {
          record[fields[i]!] = dataTypeOf(arg, call, names?.args[i]);
        });
        return { kind: 'TUPLE', named: true, fields: record };
      }
      return { kind: 'TUPLE', named: false, elements: desc.args.map((arg, i) => dataTypeOf(arg, call, names?.args[i])) };
    }
    default:
      return unreadable(call, `the engine's type '${desc.name}' has no counterpart in the SDK's types`);
  }
}

interface ColumnRow {
  readonly name: string;
  readonly type: string;
  readonly data_type: string;
  readonly default_kind: string;
  readonly default_expression: string;
  readonly is_nullable: string;
  readonly comment: string;
}

interface TableRow {
  readonly cluster_by: string;
  readonly comment: string;
  readonly table_option: string;
  readonly is_transient: string;
  readonly num_rows: bigint | number | null;
}

/** ` BLOCK_PER_SEGMENT='500' CLUSTER_TYPE='linear'` -> { block_per_segment: '500', cluster_type: 'linear' }. */
export function parseTableOptions(text: string): Record<string, string> {
  const options: Record<string, string> = {};
  for (const m of text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*=\s*'((?:[^'\\]|\\.|'')*)'/g)) options[m[1]!.toLowerCase()] = m[2]!.replaceAll("''", "'");
  return options;
}

/** `(id, to_date(ts))` -> ['id', 'to_date(ts)']: top-level commas only. */
export function splitClusterKeys(text: string): string[] {
  const inner = text.trim().replace(/^\((.*)\)$/s, '$1');
  const keys: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      keys.push(inner.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = inner.slice(start).trim();
  if (last !== '') keys.push(last);
  return keys;
}

/**
 * Reads a live table from the engine's catalogue (`DESC`, `system.columns`, `system.tables`) into the SDK's model.
 * Resolves to undefined when the table does not exist.
 *
 * @example
 * const live = await introspectTable(client, 'frame_events');
 * live?.columns.map((c) => c.name);   // ['frame_id', 'risk_score']
 */
export async function introspectTable(client: DatabendClient, name: string, options: IntrospectOptions = {}): Promise<LiveTable | undefined> {
  const call = 'introspectTable()';
  check(
    client instanceof DatabendClient,
    'invalid_type',
    call,
    () => `client must be a client of the SDK (createClient()), not ${describeValue(client)}`,
    'client',
  );
  checkIdentifier(name, call, 'table name');
  checkRecord(options, call, 'options', ['database']);
  if (options.database !== undefined) checkIdentifier(options.database, call, 'database');
  // A dry-run client reads nothing: no database, so no table.
  const database = options.database ?? (await client.query<{ db: string }>(sql`SELECT currentDatabase() AS db`))[0]?.db;
  if (database === undefined) return undefined;
  const tables = await client.query<TableRow>(
    sql`SELECT cluster_by, comment, table_option, is_transient, num_rows FROM system.tables WHERE database = ${database} AND name = ${name}`,
  );
  const tableRow = tables[0];
  if (tableRow === undefined) return undefined;
  const rows = await client.query<ColumnRow>(
    sql`SELECT name, type, data_type, default_kind, default_expression, is_nullable, comment FROM system.columns WHERE database = ${database} AND table = ${name}`,
  );
  // system.columns has no order; DESC lists the columns in table order.
  const order = await client.query<{ Field: string }>(sql`DESC ${sql.id(database)}.${sql.id(name)}`);
  const columns = order.map(({ Field }) => {
    const row = rows.find((r) => r.name === Field);
    if (row === undefined) return unreadable(call, `column '${Field}' is in DESC but not in system.columns`);
    return liveColumn(row, call);
  });
  // AUTOINCREMENT and the indexes are printed only by SHOW CREATE TABLE.
  const shown = await client.query<{ 'Create Table': string }>(sql`SHOW CREATE TABLE ${sql.id(database)}.${sql.id(name)}`);
  const created = parseCreateTable(
    shown[0]?.['Create Table'] ?? '',
    order.map((o) => o.Field),
  );
  const withAutoIncrement = columns.map((c) => {
    const autoIncrement = created.autoIncrement.get(c.name);
    return autoIncrement === undefined ? c : Object.freeze({ ...c, autoIncrement });
  });
  const options_ = parseTableOptions(tableRow.table_option);
  const clusterType = options_.cluster_type?.toUpperCase() === 'HILBERT' ? 'HILBERT' : 'LINEAR';
  const { cluster_type: _clusterType, ...tableOptions } = options_;
  return Object.freeze({
    database,
    name,
    columns: Object.freeze(withAutoIncrement),
    indexes: Object.freeze(created.indexes),
    clusterBy: tableRow.cluster_by === '' ? undefined : Object.freeze({ keys: Object.freeze(splitClusterKeys(tableRow.cluster_by)), type: clusterType }),
    comment: tableRow.comment === '' ? undefined : tableRow.comment,
    options: Object.freeze(tableOptions),
    transient: tableRow.is_transient !== '',
    rows: tableRow.num_rows === null ? undefined : Number(tableRow.num_rows),
  });
}

const IDENTIFIER = String.raw`"(?:[^"]|"")*"|\`(?:[^\`]|\`\`)*\`|[^\s(),"\`]+`;

/** `"with space"` -> `with space`; a bare name as it is. */
function unquoteIdentifier(text: string): string {
  const t = text.trim();
  const q = t[0];
  return (q === '"' || q === '`') && t.endsWith(q) && t.length >= 2 ? t.slice(1, -1).replaceAll(q + q, q) : t;
}

/** An index's option list after its columns: `key = 'value'`, separated by spaces or commas, or nothing. */
const INDEX_OPTIONS = /^(?:\s*,?\s*[A-Za-z_][A-Za-z0-9_]*\s*=\s*'(?:[^'\\]|\\.|'')*')*\s*$/s;

/**
 * The column list of an index line, printed by the engine raw and comma-joined (`(with space, Q"x, a,b)`, names not
 * quoted): split into the table's columns where `columns` is known (the first split every part of which names a
 * column), at commas otherwise.
 */
function indexColumns(text: string, columns: readonly string[] | undefined): string[] | undefined {
  if (columns === undefined) return text.split(',').map(unquoteIdentifier);
  const split = (rest: string): string[] | undefined => {
    for (const name of columns) {
      if (rest === name) return [name];
      if (rest.startsWith(`${name}, `)) {
        const tail = split(rest.slice(name.length + 2));
        if (tail !== undefined) return [name, ...tail];
      }
    }
    return undefined;
  };
  return split(text);
}

/**
 * What SHOW CREATE TABLE alone prints: each AUTOINCREMENT column (`id BIGINT NULL AUTOINCREMENT (5, 2) ORDER`) and
 * each index (`SYNC VECTOR INDEX vi (v) distance = 'cosine'`). String literals (comments, DEFAULTs) are blanked before
 * a column line is read, so text inside them is never taken for either. `columns`, the table's column names, reads an
 * index's column list, which the engine prints without quoting the names.
 */
export function parseCreateTable(
  text: string,
  columns?: readonly string[],
): { autoIncrement: Map<string, NonNullable<LiveColumn['autoIncrement']>>; indexes: LiveIndex[] } {
  const autoIncrement = new Map<string, NonNullable<LiveColumn['autoIncrement']>>();
  const indexes: LiveIndex[] = [];
  // The engine prints `CREATE TABLE name (`, a line for each column and index, then `) ENGINE=...`: the lines between,
  // found by line, since a quoted table or column name may hold parentheses of its own.
  const all = text.split('\n');
  let end = all.length - 1;
  while (end > 0 && !all[end]!.startsWith(')')) end--;
  for (const raw of all.slice(1, end)) {
    const line = raw.trim().replace(/,$/, '');
    // The index's name is quoted as a column's is; a column (`sync`, `"SYNC"`) never prints as `SYNC <type> INDEX`.
    const head = new RegExp(`^(SYNC|ASYNC)\\s+(INVERTED|NGRAM|VECTOR)\\s+INDEX\\s+(${IDENTIFIER})\\s*\\(`, 's').exec(line);
    if (head !== null) {
      const body = line.slice(head[0].length);
      // The list ends at the first `)` after which only options follow and before which the table's columns are listed.
      let found: { columns: string[]; rest: string } | undefined;
      for (let i = body.indexOf(')'); i >= 0 && found === undefined; i = body.indexOf(')', i + 1)) {
        const rest = body.slice(i + 1);
        const list = INDEX_OPTIONS.test(rest) ? indexColumns(body.slice(0, i), columns) : undefined;
        if (list !== undefined) found = { columns: list, rest };
      }
      if (found === undefined) throw new Error(`introspectTable(): SHOW CREATE TABLE printed an index the SDK cannot read: ${line}`);
      const options: Record<string, string> = {};
      for (const m of found.rest.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*=\s*'((?:[^'\\]|\\.|'')*)'/g)) {
        // index_record is kept as JSON text ('"position"').
        const value = m[2]!.replace(/\\(.)/gs, '$1').replaceAll("''", "'");
        options[m[1]!.toLowerCase()] = /^"[^"]*"$/.test(value) ? value.slice(1, -1) : value;
      }
      indexes.push(
        Object.freeze({
          type: head[2] as LiveIndex['type'],
          name: unquoteIdentifier(head[3]!),
          columns: Object.freeze(found.columns),
          async: head[1] === 'ASYNC',
          options: Object.freeze(options),
        }),
      );
      continue;
    }
    // Quoted names are read past first: a quote inside one (`"it's"`) starts no string literal.
    const blank = line.replace(/"(?:[^"]|"")*"|`(?:[^`]|``)*`|'(?:[^'\\]|\\.|'')*'/gs, (m) =>
      m[0] === "'" ? `'${' '.repeat(Math.max(0, m.length - 2))}'` : m,
    );
    const column = new RegExp(`^(${IDENTIFIER})\\s`).exec(blank);
    const ai = /\bAUTOINCREMENT\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)(?:\s+(NOORDER|ORDER))?/i.exec(blank);
    if (column !== null && ai !== null)
      autoIncrement.set(unquoteIdentifier(column[1]!), Object.freeze({ start: Number(ai[1]), step: Number(ai[2]), order: ai[3]?.toUpperCase() !== 'NOORDER' }));
  }
  return { autoIncrement, indexes };
}

function liveColumn(row: ColumnRow, call: string): LiveColumn {
  const desc = parseType(row.type);
  let names: TypeDesc | undefined;
  try {
    names = parseType(row.data_type);
  } catch {
    names = undefined;
  }
  const kind = row.default_kind.toUpperCase();
  const computed = kind === 'STORED' || kind === 'VIRTUAL' ? Object.freeze({ mode: kind, expression: row.default_expression }) : undefined;
  return Object.freeze({
    name: row.name,
    type: dataTypeOf(desc, call, names),
    nullable: row.is_nullable === 'YES',
    default: kind === 'DEFAULT' ? row.default_expression : undefined,
    comment: row.comment === '' ? undefined : row.comment,
    computed,
  });
}
