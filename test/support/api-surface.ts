// The parameter table of the public API (src/index.ts): every entry point, every method of every builder the entry
// points return, and the constructors of the exported classes, each with its parameters and what each parameter is.
// test/engine/api-contract.test.ts walks the API by reflection and fails on a method this table does not describe,
// then feeds every described parameter hostile values (test/support/hostile-values.ts).
//
// A parameter's kind says which JavaScript values it may take at all (`accepts`): any other value must be refused
// with a ValidationError before SQL exists. A value it may take can still be refused by a content rule (those rules
// have their own tests, test/unit/bad-input.test.ts and test/engine/properties.test.ts); if it is accepted, `exactly`
// says what "kept exactly" means for it, and the engine run (a sampled subset) checks it where the engine can show it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSqlFragment } from '../../src/ast/expression.js';
import { isWellFormed } from '../../src/ast/text.js';
import { StatementBuilder } from '../../src/builders/statement-builder.js';
import { isIndexDefinition } from '../../src/schema/table-index.js';
import {
  alterTable,
  AlterTableBuilder,
  createIndex,
  CreateIndexBuilder,
  dropIndex,
  DropIndexBuilder,
  INVERTED_FILTERS,
  INVERTED_INDEX_RECORDS,
  INVERTED_TOKENIZERS,
  invertedIndex,
  ngramIndex,
  refreshIndex,
  RefreshIndexBuilder,
  TABLE_INDEX_TYPES,
  VECTOR_DISTANCES,
  vectorIndex,
  alterTask,
  array,
  bigint,
  bigintUnsigned,
  binary,
  bitmap,
  boolean,
  CLUSTER_TYPES,
  TABLE_ENGINES,
  Column,
  COLUMN_MATCH_MODES,
  copyInto,
  copyIntoStage,
  copyIntoLocation,
  CopyIntoStageBuilder,
  CopyIntoTableBuilder,
  createClient,
  createConnection,
  CreateConnectionBuilder,
  createFileFormat,
  CreateFileFormatBuilder,
  createStage,
  CreateStageBuilder,
  createStream,
  CreateStreamBuilder,
  createTable,
  CreateTableBuilder,
  createTask,
  CreateTaskBuilder,
  AlterTaskBuilder,
  DatabendClient,
  DATA_TYPE_NAMES,
  date,
  decimal,
  DECIMAL_MAX_PRECISION,
  double,
  dropConnection,
  DropBuilder,
  dropFileFormat,
  dropStage,
  dropStream,
  dropTable,
  dropTask,
  executeTask,
  ExecuteTaskBuilder,
  FILE_FORMAT_OPTIONS,
  FILE_FORMAT_TYPES,
  float,
  geography,
  geometry,
  insertInto,
  InsertFromStageBuilder,
  insertSchema,
  InsertSelectBuilder,
  InsertValuesBuilder,
  InsertQueryBuilder,
  int,
  INT64_MODES,
  interval,
  intUnsigned,
  listStage,
  ListStageBuilder,
  location,
  presign,
  PresignBuilder,
  selectFromLocation,
  map,
  maskDsn,
  MAX_FILES_LIMIT,
  ON_ERROR_MODES,
  pipeline,
  diff,
  diffObjects,
  diffTable,
  generateDeclarations,
  infer,
  ValidationError,
  introspectObjects,
  introspectTable,
  pushObjects,
  generate,
  migrate,
  readMigrations,
  splitMigration,
  pull,
  push,
  removeFromStage,
  RemoveStageBuilder,
  render,
  renderPlan,
  runPipeline,
  secret,
  Secret,
  selectFromStage,
  SelectStageBuilder,
  selectFromStream,
  SelectFromStreamBuilder,
  selectSchema,
  smallint,
  smallintUnsigned,
  sql,
  stage,
  STEP_REQUIREMENTS,
  STORAGE_PARAMETERS,
  streamStatus,
  string,
  table,
  Table,
  timestamp,
  timestampTz,
  tinyint,
  tinyintUnsigned,
  tuple,
  variant,
  vector,
  VECTOR_MAX_DIMENSION,
  update,
  UpdateBuilder,
  deleteFrom,
  DeleteBuilder,
  mergeInto,
  MergeIntoBuilder,
  truncateTable,
  TruncateTableBuilder,
  optimizeTable,
  OptimizeTableBuilder,
  statement,
  SqlStatementBuilder,
  script,
  begin,
  commit,
  rollback,
  ScriptBuilder,
  executeImmediate,
  ExecuteImmediateBuilder,
  TransactionBuilder,
  JOIN_KINDS,
  type Compilable,
  type DatabendClient as Client,
  inferSchema,
  InferSchemaBuilder,
  listStageFiles,
  ListStageFilesBuilder,
  TABLE_FUNCTION_COLUMNS,
  MAX_STAGED_POSITION,
  staged,
  type StagedExpr,
  DescribeBuilder,
  describeConnection,
  describeStage,
  describeStream,
  describeTask,
  ShowBuilder,
  showConnections,
  showFileFormats,
  showStages,
  ShowStagesBuilder,
  showStreams,
  ShowStreamsBuilder,
  showTasks,
  ShowTasksBuilder,
} from '../../src/index.js';
import { isCompiledByDialect } from '../../src/ast/script.js';
import { CANARY } from './hostile-values.js';

// ---- Kinds ---------------------------------------------------------------------------------------------------------

/** How an accepted value is kept: as given in the statement data, or in another documented form. */
export type Exactly =
  /** The statement data (toNode()) holds the value as given (a string, number or boolean found by ===). */
  | { readonly how: 'held' }
  /** It holds `form(value)`: an enum spelled in upper case, a cron expression with single spaces. */
  | { readonly how: 'held as'; readonly form: (value: unknown) => unknown; readonly says: string }
  /** An SDK object (a table, a fragment, a statement) taken by identity; what it says is its own. */
  | { readonly how: 'identity' }
  /** Checked on the engine only (a value read back, a name in the catalogue); the statement is deterministic. */
  | { readonly how: 'engine'; readonly says: string }
  /** Not statement data: it shapes a call (render options, client options); the call's result is checked instead. */
  | { readonly how: 'shapes the call' };

export interface Kind {
  readonly id: string;
  /** An object standing for a named thing: the statement holds its name. */
  readonly byName?: boolean;
  /** Whether a value may be accepted at all. A value failing this must be refused with a ValidationError. */
  readonly accepts: (value: unknown) => boolean;
  readonly exactly: Exactly;
  /** A record's keys and their kinds; `closed` records refuse any other key. */
  readonly keys?: Readonly<Record<string, Kind>>;
  readonly closed?: boolean;
  /** A list's elements. */
  readonly element?: Kind;
}

const held: Exactly = { how: 'held' };
export const identity: Exactly = { how: 'identity' };
export const shapes: Exactly = { how: 'shapes the call' };

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStatement = (v: unknown): boolean => v instanceof StatementBuilder;
/** What may stand for a named object: its name, or an object (not a function) with a string name. */
const isNameRef = (v: unknown): boolean =>
  isString(v) || (typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { name?: unknown }).name === 'string');

export function kind(id: string, accepts: (value: unknown) => boolean, exactly: Exactly = held, extra: Partial<Kind> = {}): Kind {
  return { id, accepts, exactly, ...extra };
}

export const K = {
  identifier: kind('identifier (a quoted name: table, column, stream, database)', isString),
  plainName: kind('plain name (stage, connection, file format, task)', isString),
  text: kind('text (stored as given)', isString),
  path: kind('stage path', isString),
  url: kind('URL', isString),
  pattern: kind('PATTERN', isString),
  dsn: kind('DSN', isString, shapes),
  boolean: kind('boolean', (v) => typeof v === 'boolean'),
  positive: (max = Number.MAX_SAFE_INTEGER) => kind(`integer 1..${max}`, (v) => Number.isSafeInteger(v) && (v as number) > 0 && (v as number) <= max),
  nonNegative: kind('integer >= 0', (v) => Number.isSafeInteger(v) && (v as number) >= 0),
  oneOf: (list: readonly string[], caseInsensitive = false) =>
    caseInsensitive
      ? kind(`one of ${list.join(', ')} (any case)`, (v) => isString(v) && list.includes(v.toUpperCase()), {
          how: 'held as',
          form: (v) => (v as string).toUpperCase(),
          says: 'in upper case',
        })
      : kind(`one of ${list.join(', ')}`, (v) => isString(v) && list.includes(v)),
  fragment: kind('sql`` fragment', (v) => isSqlFragment(v), identity),
  table: kind('declared table', (v) => v instanceof Table, identity),
  tableRef: kind('declared table or table name', (v) => v instanceof Table || isString(v), held, { byName: true }),
  nameRef: kind('name, or an object with a name', isNameRef, held, { byName: true }),
  streamRef: kind(
    'stream name, or { name, database? }',
    (v) => isString(v) || (typeof v === 'object' && v !== null && !Array.isArray(v) && isString((v as { name?: unknown }).name)),
    held,
    { byName: true },
  ),
  statement: kind('built statement', isStatement, identity),
  rawSql: kind('SQL text (verbatim by design)', isString, { how: 'engine', says: 'never run with a generated string: it is SQL' }),
  node: kind('statement node (statement data, SQL by design)', (v) => isPlainObject(v) && isString((v as { kind?: unknown }).kind), shapes),
  func: kind('function', (v) => typeof v === 'function', shapes),
};

/**
 * A value the SDK can write as a literal exactly. A plain object is JSON (a VARIANT) where `json` is set, as in the
 * sql tag; a column's DEFAULT may be a MAP or a named TUPLE, whose members are literals of their own.
 */
export function isLiteralValue(value: unknown, depth = 0, json = true): boolean {
  if (depth > 64) return false;
  if (value === null || value === undefined || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'bigint') return true;
  if (typeof value === 'string') return isWellFormed(value);
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  if (value instanceof Uint8Array) return Object.getPrototypeOf(value) === Uint8Array.prototype;
  if (isSqlFragment(value) || value instanceof Secret) return true;
  if (Array.isArray(value)) return Object.getPrototypeOf(value) === Array.prototype && value.every((v) => isLiteralValue(v, depth + 1, json));
  return isPlainObject(value) && (json ? isJsonValue(value, depth) : Object.values(value).every((v) => isLiteralValue(v, depth + 1, json)));
}

/** A JSON value JSON.stringify writes exactly (a VARIANT): no NaN, infinities or -0, no undefined, nothing but plain data. */
export function isJsonValue(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'string') return isWellFormed(value);
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value))
    return Object.getPrototypeOf(value) === Array.prototype && Object.keys(value).length === value.length && value.every((v) => isJsonValue(v, depth + 1));
  return isPlainObject(value) && Object.keys(value).every((k) => isWellFormed(k) && isJsonValue(value[k], depth + 1));
}

export const literal = kind('value rendered as a literal', isLiteralValue, { how: 'engine', says: 'SELECT reads the value back' });

export function record(id: string, keys: Readonly<Record<string, Kind>>, closed = true): Kind {
  return kind(id, isPlainObject, held, { keys, closed });
}

export function list(id: string, element: Kind, minLength = 1): Kind {
  return kind(id, (v) => Array.isArray(v) && v.length >= minLength, held, { element });
}

/** One of the storage parameter tables, as a record kind: strings, secrets and booleans. */
function storageKind(storage: keyof typeof STORAGE_PARAMETERS): Kind {
  const rules = STORAGE_PARAMETERS[storage] as Readonly<Record<string, { kind: string }>>;
  return record(
    `${storage} parameters`,
    Object.fromEntries(
      Object.entries(rules).map(([key, rule]) => [
        key,
        rule.kind === 'boolean'
          ? K.boolean
          : rule.kind === 'secret'
            ? kind('credential (string or secret())', (v) => isString(v) || v instanceof Secret, identity)
            : K.text,
      ]),
    ),
  );
}

/** An inline file format of one type, as a record kind derived from FILE_FORMAT_OPTIONS. */
function fileFormatKind(type: keyof typeof FILE_FORMAT_OPTIONS): Kind {
  const rules = FILE_FORMAT_OPTIONS[type] as Readonly<Record<string, { kind: string; values?: readonly string[] }>>;
  const option = (rule: { kind: string; values?: readonly string[] }): Kind => {
    switch (rule.kind) {
      case 'uint':
        return K.nonNegative;
      case 'boolean':
        return K.boolean;
      case 'keyword':
        return K.oneOf(rule.values!, true);
      case 'choice':
        return K.oneOf(rule.values!);
      case 'stringList':
        return list('list of strings', K.text, 0);
      default:
        return K.text;
    }
  };
  return record(`${type} file format`, {
    type: K.oneOf(FILE_FORMAT_TYPES, true),
    ...Object.fromEntries(Object.entries(rules).map(([k, r]) => [k, option(r)])),
  });
}

const csvFormat = fileFormatKind('CSV');
/** `{ type, ...options }` or `{ formatName }`: the CSV form is the one attacked key by key. */
const fileFormatInput = kind('file format ({ type, ... } or { formatName })', isPlainObject, held, {
  keys: { ...csvFormat.keys, formatName: K.plainName },
  closed: true,
});
const fileFormatArg = kind(
  'format type (any case) or { formatName }',
  (v) => (isString(v) && (FILE_FORMAT_TYPES as readonly string[]).includes(v.toUpperCase())) || isPlainObject(v),
  held,
  {
    keys: { formatName: K.plainName },
    closed: true,
  },
);

/** A column declaration, or a type node that is a valid data type. */
function isTypeNode(v: unknown, depth = 0): boolean {
  if (depth > 32 || !isPlainObject(v) || !(DATA_TYPE_NAMES as readonly unknown[]).includes(v.kind)) return false;
  const keys = Object.keys(v).sort().join(',');
  switch (v.kind) {
    case 'DECIMAL':
      return (
        keys === 'kind,precision,scale' &&
        Number.isSafeInteger(v.precision) &&
        (v.precision as number) >= 1 &&
        (v.precision as number) <= DECIMAL_MAX_PRECISION &&
        Number.isSafeInteger(v.scale) &&
        (v.scale as number) >= 0 &&
        (v.scale as number) <= (v.precision as number)
      );
    case 'VECTOR':
      return keys === 'dimension,kind' && Number.isSafeInteger(v.dimension) && (v.dimension as number) >= 1 && (v.dimension as number) <= VECTOR_MAX_DIMENSION;
    case 'ARRAY':
      return keys === 'element,kind' && isTypeNode(v.element, depth + 1);
    case 'MAP':
      return keys === 'key,kind,value' && isTypeNode(v.key, depth + 1) && isTypeNode(v.value, depth + 1);
    case 'TUPLE':
      return v.named === true
        ? keys === 'fields,kind,named' &&
            isPlainObject(v.fields) &&
            Object.keys(v.fields).length > 0 &&
            Object.values(v.fields).every((f) => isTypeNode(f, depth + 1))
        : keys === 'elements,kind,named' &&
            v.named === false &&
            Array.isArray(v.elements) &&
            v.elements.length > 0 &&
            v.elements.every((e) => isTypeNode(e, depth + 1));
    case 'BIGINT':
    case 'BIGINT UNSIGNED':
      return keys === 'kind' || (keys === 'kind,mode' && (INT64_MODES as readonly unknown[]).includes(v.mode));
    default:
      return keys === 'kind';
  }
}

const typeLike = kind('column declaration or data type node', (v) => v instanceof Column || isTypeNode(v), identity);
const columnsKind = kind('columns ({ name: column })', isPlainObject, identity, {
  keys: { id: kind('column', (v) => v instanceof Column, identity) },
  closed: false,
});

// ---- Fixtures --------------------------------------------------------------------------------------------------------

/** The folder behind the fs:// stage the statements read and write. */
export const ROOT = mkdtempSync(join(tmpdir(), 'api-contract-'));
export const T = table('fz_t', { id: int(), name: string(), doc: variant(), at: timestamp() });
export const SOURCE = table('fz_src', { id: int(), name: string(), doc: variant(), at: timestamp() });
/** The table CREATE TABLE attempts make (and drop). */
const MADE = table('fz_made', { id: int(), name: string() });
export const FS_STAGE = 'fz_stage';
export const fsStage = () => createStage(FS_STAGE).url(`fs://${ROOT}/`);
/** A body for tasks: a COPY the engine parses. */
const body = () => copyInto(T).fromStage(FS_STAGE, 'in/').fileFormat({ type: 'CSV' });
/** Every row of client.query() or client.stream(). */
async function readAll(client: Client, method: 'query' | 'stream', statement: unknown, options: unknown): Promise<unknown[]> {
  const run = client[method] as (s: unknown, o: unknown) => Promise<unknown[]> | AsyncIterable<unknown>;
  if (method === 'query') return (await run.call(client, statement, options)) as unknown[];
  const rows: unknown[] = [];
  for await (const row of run.call(client, statement, options) as AsyncIterable<unknown>) rows.push(row);
  return rows;
}
const dryClient = () => createClient({ dsn: 'databend://root:@127.0.0.1:9/default', dryRun: true });

// ---- The engine runs -------------------------------------------------------------------------------------------------

export type Executable = Compilable | string | ReturnType<typeof sql>;

export interface EngineRun {
  /** How the finished statement runs: executed (default) or queried. */
  readonly query?: boolean;
  /** Server codes the statement must end with (streams 1402, tasks 1702); otherwise it runs, or fails but not with 1005. */
  readonly refusedWith?: readonly number[];
  /** Reads what the engine stored or returned and checks it is the value given; gets the run's rows. */
  readonly readBack?: (client: Client, args: readonly unknown[], rows: readonly Record<string, unknown>[]) => Promise<void>;
  /** Statements that undo the run (drops), from the arguments. */
  readonly cleanup?: (args: readonly unknown[]) => Executable[];
  /** Runs the call on the engine's client instead (client methods). */
  readonly viaClient?: (client: Client, args: readonly unknown[]) => Promise<unknown>;
}

export interface Param {
  readonly name: string;
  readonly kind: Kind;
  /** undefined takes the default, as JavaScript's default parameters do. */
  readonly optional?: boolean;
  /** A rest parameter: the hostile value is passed as one more argument. */
  readonly rest?: boolean;
}

export interface Spec {
  /** `entry`, `Class.method`, `new Class` or `entry().method`, as the reflection walk names them. */
  readonly key: string;
  /** Several specs may share a key: one per receiver (Column.default on each column type). */
  readonly variant?: string;
  readonly params: readonly Param[];
  readonly args: () => unknown[];
  readonly call: (args: unknown[]) => unknown;
  /** The statement the result makes (undefined: the result is not one, `exactly` applies to the result itself). */
  readonly finish?: (result: any, args: readonly unknown[]) => Executable | undefined;
  readonly engine?: EngineRun;
  /** Values not fed to this spec, and why: only for values another library defines the meaning of. */
  readonly skips?: { readonly when: (value: unknown) => boolean; readonly why: string };
}

/** Describes the methods without parameters; hostile extra arguments are ignored by them. */
export interface Exempt {
  readonly key: string;
  readonly why: string;
}

export const p = (name: string, k: Kind, extra: Partial<Param> = {}): Param => ({ name, kind: k, ...extra });

/** Drops an object named by an argument, if that argument is a name the SDK accepted. */
const dropping = (make: (name: any) => Compilable) => (args: readonly unknown[]) => {
  try {
    return [make(args[0])];
  } catch {
    return [];
  }
};

async function rowsOf(client: Client, statement: Executable): Promise<Record<string, unknown>[]> {
  return client.query<Record<string, unknown>>(statement as never);
}

/** JSON with object keys sorted (the engine sorts a VARIANT's keys) and bigints spelled out. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    typeof v === 'bigint'
      ? `${v}n`
      : isPlainObject(v)
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, v[k]]),
          )
        : v,
  );
}

export function expectEqual(actual: unknown, expected: unknown, what: string): void {
  const a = canonical(actual);
  const e = canonical(expected);
  if (a !== e) throw new Error(`${what}: read back ${a.slice(0, 200)}, given ${e.slice(0, 200)}`);
}

/** The table was created with the name, comment and columns given. */
async function tableReadBack(client: Client, name: string, comment: string | undefined, columns: readonly string[]): Promise<void> {
  const [t] = await rowsOf(client, sql`SELECT name, comment FROM system.tables WHERE database = 'default' AND name = ${name}`);
  expectEqual(t, { name, comment: comment ?? '' }, 'system.tables');
  const stored = await rowsOf(client, sql`SELECT name FROM system.columns WHERE database = 'default' AND table = ${name}`);
  expectEqual(stored.map((c) => c.name).sort(), [...columns].sort(), 'system.columns');
}

const createdTable = (name: unknown, cols: Record<string, unknown>, options: unknown): EngineRun => ({
  readBack: (client) => tableReadBack(client, name as string, (options as { comment?: string } | undefined)?.comment, Object.keys(cols)),
});

/** A column in a one-column table: created, a row inserted by its DEFAULT, read back. */
const columnTable = (c: Column) => table('fz_col', { k: int(), c });
const columnRun = (
  read?: (row: Record<string, unknown>, args: readonly unknown[]) => void,
  readComment?: boolean,
  select = 'c::STRING AS text',
): EngineRun => ({
  readBack: async (client, args) => {
    if (readComment) {
      const [col] = await rowsOf(client, "SELECT comment FROM system.columns WHERE database = 'default' AND table = 'fz_col' AND name = 'c'");
      expectEqual(col?.comment, args[0], 'column comment');
    }
    if (read) {
      await client.execute('INSERT INTO fz_col (k) VALUES (1)');
      // As text: the column's own type is not declared to the client here (a BIGINT beyond 2^53 would be refused).
      const [row] = await rowsOf(client, `SELECT ${select} FROM fz_col`);
      read(row!, args);
    }
  },
  cleanup: () => ['DROP TABLE IF EXISTS fz_col'],
});

const typeTable = (c: unknown) => createTable(table('fz_types', { c: c as Column }));
const typeRun: EngineRun = { cleanup: () => ['DROP TABLE IF EXISTS fz_types'] };

const STREAM = [1402];
const TASK = [1702];

// ---- The table -------------------------------------------------------------------------------------------------------

const scalarTypes = {
  boolean,
  tinyint,
  smallint,
  int,
  tinyintUnsigned,
  smallintUnsigned,
  intUnsigned,
  float,
  double,
  string,
  binary,
  date,
  timestamp,
  timestampTz,
  interval,
  variant,
  bitmap,
  geometry,
  geography,
};

const clusterKey = kind('cluster key (a column name or sql``)', (v) => isString(v) || isSqlFragment(v), held);
const indexDefinition = kind('index (vectorIndex(), invertedIndex(), ngramIndex())', isIndexDefinition, identity);
const clusterBy = kind('CLUSTER BY columns or { columns, type }', (v) => Array.isArray(v) || isPlainObject(v), held, {
  keys: { columns: list('cluster keys', clusterKey), type: K.oneOf(CLUSTER_TYPES) },
  closed: true,
  element: clusterKey,
});
const tableOptions = record('table options', {
  database: K.identifier,
  comment: K.text,
  clusterBy,
  transient: K.boolean,
  engineOptions: kind('engine options', isPlainObject, held, {
    keys: { block_per_segment: kind('option value', (v) => isString(v) || typeof v === 'boolean' || (Number.isSafeInteger(v) && (v as number) >= 0)) },
    closed: false,
  }),
  indexes: list('indexes', indexDefinition, 0),
});
const int64Options = record('{ mode }', { mode: K.oneOf(INT64_MODES) });
const renderOptions = kind('render options { maskSecrets }', isPlainObject, shapes, { keys: { maskSecrets: K.boolean }, closed: true });
const onError = kind(
  'ON_ERROR mode or { abortAfter | skipFileAfter }',
  (v) => (isString(v) && (ON_ERROR_MODES as readonly string[]).includes(v)) || isPlainObject(v),
  held,
  {
    keys: { abortAfter: K.positive() },
    closed: true,
  },
);
const projected: Exactly = { how: 'engine', says: 'the projection reads the column named (quoted in its expression); the engine runs it' };
const mapping = kind('column mapping { column: source name | sql`` }', isPlainObject, held, {
  keys: { name: kind('source column name or sql``', (v) => isString(v) || isSqlFragment(v), projected) },
  closed: false,
});
const files = list('FILES entries', K.path);
const schedule = kind('SCHEDULE { minutes | seconds | milliseconds | cron, timezone }', isPlainObject, held, {
  keys: {
    cron: kind('cron expression', isString, { how: 'held as', form: (v) => (v as string).trim().split(/\s+/).join(' '), says: 'with single spaces' }),
    timezone: K.text,
  },
  closed: true,
});
const settings = kind('task settings { name: value }', isPlainObject, held, {
  keys: { timezone: kind('setting value', (v) => isString(v) || typeof v === 'boolean' || (Number.isSafeInteger(v) && (v as number) >= 0)) },
  closed: false,
});
const taskOptions = record('task options', {
  warehouse: K.text,
  schedule,
  suspendTaskAfterNumFailures: K.nonNegative,
  errorIntegration: K.text,
  comment: K.text,
  settings,
});
/** A statement a task body, a pipeline step or a script takes: a builder's, an sql`` fragment, a Kysely-compiled query. */
const anyStatement = kind('statement, sql`` fragment or Kysely-compiled query', (v) => isStatement(v) || isSqlFragment(v) || isCompiledByDialect(v), identity);
const taskBody = kind('task body (a statement, or a list of them)', (v) => anyStatement.accepts(v) || (Array.isArray(v) && v.length > 0), identity, {
  element: anyStatement,
});
/** Column values of T for UPDATE and MERGE: literals of the columns' types or sql`` expressions. */
const columnValues = record('column values { column: value or sql`` }', { id: literal, name: literal, doc: literal, at: literal });
const joinOptions = record('join options { kind, alias }', { kind: K.oneOf(JOIN_KINDS), alias: K.identifier });
const selectItems = kind('select items { alias: column name or sql`` }', isPlainObject, held, {
  keys: { id: kind('column name or sql``', (v) => isString(v) || isSqlFragment(v), projected) },
  closed: false,
});
const mergeSource = kind(
  'MERGE source (table, table name, stream read, sql`` or Kysely-compiled query)',
  (v) => v instanceof Table || isString(v) || v instanceof SelectFromStreamBuilder || isSqlFragment(v) || isCompiledByDialect(v),
  held,
  { byName: true },
);
const purgeBefore = kind('PURGE before { snapshot } or { timestamp }', isPlainObject, held, {
  keys: { snapshot: K.text, timestamp: kind('Date or sql``', (v) => (v instanceof Date && !Number.isNaN(v.getTime())) || isSqlFragment(v), identity) },
  closed: true,
});
const scriptBody = kind('script([...]) or sql`` script text', (v) => v instanceof ScriptBuilder || isSqlFragment(v), identity);
const streamStart = kind('AT { timestamp | snapshot | stream }', isPlainObject, held, { keys: { snapshot: K.text }, closed: true });
const steps = list('pipeline steps', record('pipeline step', { title: K.text, statement: anyStatement, requires: K.oneOf(STEP_REQUIREMENTS) }), 0);
const queryOptions = kind('query options { table, validate }', isPlainObject, shapes, {
  keys: {
    table: K.table,
    validate: kind(
      'true, false or a schema',
      (v) => typeof v === 'boolean' || (typeof v === 'object' && v !== null && typeof (v as { parse?: unknown }).parse === 'function'),
      shapes,
    ),
  },
  closed: true,
});
const clientOptions = kind('client options', isPlainObject, shapes, {
  keys: {
    dsn: K.dsn,
    timezone: K.text,
    observe: K.func,
    dryRun: K.boolean,
    driver: kind('databend-driver module', (v) => typeof v === 'object' && v !== null && typeof (v as { Client?: unknown }).Client === 'function', shapes),
    connectTimeoutMs: kind('integer 0..2^31-1', (v) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) < 2 ** 31, shapes),
    connectRetries: kind('integer 0..10', (v) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 10, shapes),
  },
  closed: true,
});
const columnSpec = record('column spec', {
  type: typeLike,
  nullable: K.boolean,
  default: kind('column default', (v) => isSqlFragment(v) || (isPlainObject(v) && v.kind === 'value'), identity),
  comment: K.text,
});
/** A URL, or a location() value (the builders take only those location() made). */
const locationArg = kind('location (a URL string or location())', (v) => isString(v) || (isPlainObject(v) && v.kind === 'UriLocation'), held);
const locationOptions = record('location options', {
  connection: kind(
    'connection (a name, a createConnection() builder or parameters)',
    (v) => isString(v) || isPlainObject(v) || v instanceof CreateConnectionBuilder,
    held,
  ),
});
const schemaEvolutionValue = kind('positive integer or AUTO', (v) => v === 'AUTO' || (Number.isSafeInteger(v) && (v as number) > 0));
const schemaEvolution = record('SCHEMA_EVOLUTION sampling', {
  sampleFiles: schemaEvolutionValue,
  sampleRecordsPerFile: schemaEvolutionValue,
  sampleTotalRecords: schemaEvolutionValue,
});
const unloadSource = kind(
  'unload source (table, table name, sql`` or Kysely-compiled SELECT)',
  (v) => v instanceof Table || isString(v) || isSqlFragment(v) || isCompiledByDialect(v),
  held,
  { byName: true },
);
const executable = kind('statement, sql`` or SQL text', (v) => isString(v) || isSqlFragment(v) || isStatement(v), {
  how: 'engine',
  says: 'a generated string is SQL and never run',
});
const copyStatement = kind('built COPY INTO <table>', (v) => v instanceof CopyIntoTableBuilder, identity);
const listStatement = kind('built LIST', (v) => v instanceof ListStageBuilder, identity);
const connectionArg = kind('connection name or createConnection builder', (v) => isString(v) || v instanceof CreateConnectionBuilder);
/** A function the SDK calls (a class cannot be called). */
const callback = kind('function (not a class)', (v) => typeof v === 'function' && !/^class\b/.test(Function.prototype.toString.call(v)), shapes);
const clientKind = kind('client of the SDK', (v) => v instanceof DatabendClient, shapes);
const tablesKind = kind('list of declared tables', (v) => Array.isArray(v) && v.every((t) => t instanceof Table), shapes, {
  element: kind('declared table', (v) => v instanceof Table, shapes),
});
/** introspectTable()'s answer: plain data compared with a declaration; its column names become DROP COLUMN. */
const liveTableKind = kind('live table (introspectTable())', isPlainObject, shapes);
const LIVE = {
  database: 'default',
  name: 'fz_t',
  columns: [{ name: 'a', type: { kind: 'INT' }, nullable: true, default: undefined, comment: 'c', computed: undefined }],
  clusterBy: undefined,
  comment: undefined,
  options: {},
  transient: false,
};
function pullOptionsKind(id: string, reads: boolean): Kind {
  return kind(id, isPlainObject, shapes, {
    keys: {
      ...(reads
        ? { tables: kind('list of identifiers', (v) => Array.isArray(v) && v.every(isString), shapes), database: kind('identifier', isString, shapes) }
        : {}),
      layout: kind("'one-file' | 'per-table'", (v) => v === 'one-file' || v === 'per-table', shapes),
      importFrom: kind('module name', isString, shapes),
      fileName: kind('file name ending in .ts', isString, shapes),
    },
    closed: true,
  });
}
/** introspectObjects()'s answer: plain data; its names become DROP statements. */
const liveObjectsKind = kind('list of live objects (introspectObjects())', (v) => Array.isArray(v), shapes);
const declaredObjectsKind = kind(
  'list of createStage / createFileFormat / createConnection builders',
  (v) => Array.isArray(v) && v.every((d) => d instanceof CreateStageBuilder || d instanceof CreateFileFormatBuilder || d instanceof CreateConnectionBuilder),
  shapes,
);
// pipeline() makes an object of its own class; a plan written as an object literal is checked as pipeline() checks one.
const pipelineKind = kind(
  'pipeline (from pipeline())',
  (v) => typeof v === 'object' && v !== null && isString((v as { name?: unknown }).name) && Array.isArray((v as { steps?: unknown }).steps),
  identity,
);
const tableQuery = kind(
  'sql`` or a SELECT builder',
  (v) => isSqlFragment(v) || v instanceof SelectStageBuilder || v instanceof SelectFromStreamBuilder,
  identity,
);
const addColumnOptions = record('ADD COLUMN options', { ifNotExists: K.boolean, first: K.boolean, after: K.identifier });
const setOptionsKind = kind('table options { key: value }', (v) => isPlainObject(v) && Object.keys(v).length > 0, held, {
  keys: { block_per_segment: kind('option value', (v) => isString(v) || typeof v === 'boolean' || (Number.isSafeInteger(v) && (v as number) >= 0)) },
  closed: false,
});
const modifyColumnsKind = kind(
  'columns { name: column declaration }',
  (v) => isPlainObject(v) && Object.keys(v).length > 0 && Object.values(v).every((c) => c instanceof Column),
  identity,
);
const vectorIndexOptions = record('VECTOR index options', {
  distance: list('distances', K.oneOf(VECTOR_DISTANCES)),
  m: K.positive(),
  efConstruct: kind('integer >= 4', (v) => Number.isSafeInteger(v) && (v as number) >= 4),
  async: K.boolean,
});
const invertedIndexOptions = record('INVERTED index options', {
  tokenizer: K.oneOf(INVERTED_TOKENIZERS),
  filters: list('filters', K.oneOf(INVERTED_FILTERS)),
  indexRecord: K.oneOf(INVERTED_INDEX_RECORDS),
  async: K.boolean,
});
const ngramIndexOptions = record('NGRAM index options', {
  gramSize: K.positive(),
  bloomSize: kind('integer 512..10485760', (v) => Number.isSafeInteger(v) && (v as number) >= 512 && (v as number) <= 10_485_760),
  async: K.boolean,
});
const autoIncrementOptions = record('AUTOINCREMENT options', { start: K.nonNegative, step: K.positive(), order: K.boolean });
const secretValue = kind('credential (string or secret())', (v) => isString(v) || v instanceof Secret);
const templateStrings = kind('template strings (sql`...`)', () => false, identity);

const scalarSpecs: Spec[] = Object.entries(scalarTypes).map(([name, make]) => ({
  key: name,
  params: [],
  args: () => [],
  call: () => (make as () => Column)(),
  finish: typeTable,
  engine: typeRun,
}));

/** Column.default on a column of each family, with what its value reads back as. */
const defaults: readonly [string, () => Column, unknown][] = [
  ['string', () => string(), 'fz_default'],
  ['int', () => int(), 7],
  ['double', () => double(), 0.5],
  ['boolean', () => boolean(), true],
  ['variant', () => variant(), { a: [1, 'x'] }],
  ['bigint string mode', () => bigint({ mode: 'string' }), '9007199254740993'],
  ['decimal', () => decimal(10, 2), '1.25'],
  ['date', () => date(), '2024-08-16'],
  ['binary', () => binary(), new Uint8Array([1, 2])],
  ['array', () => array(string()), ['a', null]],
  ['map', () => map(string(), int()), { a: 1 }],
  ['tuple', () => tuple({ a: int(), b: string() }), { a: 1, b: 'x' }],
  ['vector', () => vector(2), [0.5, 1]],
];

export const SURFACE: readonly Spec[] = [
  // ---- Schema
  ...scalarSpecs,
  {
    key: 'bigint',
    params: [p('options', int64Options, { optional: true })],
    args: () => [{ mode: 'bigint' }],
    call: ([o]) => bigint(o as never),
    finish: typeTable,
    engine: typeRun,
  },
  {
    key: 'bigintUnsigned',
    params: [p('options', int64Options, { optional: true })],
    args: () => [{ mode: 'string' }],
    call: ([o]) => bigintUnsigned(o as never),
    finish: typeTable,
    engine: typeRun,
  },
  {
    key: 'decimal',
    params: [p('precision', K.positive(DECIMAL_MAX_PRECISION)), p('scale', K.nonNegative, { optional: true })],
    args: () => [10, 2],
    call: ([a, b]) => decimal(a as number, b as number),
    finish: typeTable,
    engine: typeRun,
  },
  {
    key: 'vector',
    params: [p('dimension', K.positive(VECTOR_MAX_DIMENSION))],
    args: () => [4],
    call: ([d]) => vector(d as number),
    finish: typeTable,
    engine: typeRun,
  },
  { key: 'array', params: [p('element', typeLike)], args: () => [string()], call: ([e]) => array(e as never), finish: typeTable, engine: typeRun },
  {
    key: 'map',
    params: [p('key', typeLike), p('value', typeLike)],
    args: () => [string(), int()],
    call: ([k, v]) => map(k as never, v as never),
    finish: typeTable,
    engine: typeRun,
  },
  {
    key: 'tuple',
    variant: 'named fields',
    // A column or a type node alone is the positional form with one element.
    params: [
      p(
        'fields',
        kind('tuple fields { name: column }', (v) => (isPlainObject(v) && !('kind' in v)) || typeLike.accepts(v), identity, {
          keys: { a: typeLike },
          closed: false,
        }),
      ),
    ],
    args: () => [{ a: int(), b: string() }],
    call: ([f]) => tuple(f as never),
    finish: typeTable,
    engine: typeRun,
  },
  {
    key: 'tuple',
    variant: 'positional elements',
    params: [p('first', typeLike), p('elements', typeLike, { rest: true })],
    args: () => [int()],
    call: (args) => (tuple as (...e: unknown[]) => Column)(...args),
    finish: typeTable,
    engine: typeRun,
  },
  {
    key: 'table',
    params: [p('name', K.identifier), p('columns', columnsKind), p('options', tableOptions, { optional: true })],
    args: () => ['fz_new', { id: int(), name: string() }, { comment: 'fz comment', clusterBy: ['id'] }],
    call: ([n, c, o]) => table(n as string, c as never, o as never),
    finish: (t) => createTable(t),
    engine: {
      readBack: (client, [n, c, o]) => createdTable(n, c as Record<string, unknown>, o).readBack!(client, [], []),
      cleanup: dropping((n) => dropTable(n)),
    },
  },
  {
    key: 'new Table',
    params: [p('name', K.identifier), p('columns', columnsKind), p('options', tableOptions, { optional: true })],
    args: () => ['fz_new', { id: int() }, {}],
    call: ([n, c, o]) => new Table(n as string, c as never, o as never),
    finish: (t) => createTable(t),
    engine: { cleanup: dropping((n) => dropTable(n)) },
  },
  {
    key: 'new Column',
    params: [p('spec', columnSpec)],
    args: () => [{ type: { kind: 'INT' }, nullable: true, default: undefined, comment: 'fz' }],
    call: ([s]) => new Column(s as never),
    finish: (c) => createTable(columnTable(c)),
    engine: columnRun(),
  },
  { key: 'Column.notNull', params: [], args: () => [], call: () => int().notNull(), finish: (c) => createTable(columnTable(c)), engine: columnRun() },
  { key: 'Column.nullable', params: [], args: () => [], call: () => int().nullable(), finish: (c) => createTable(columnTable(c)), engine: columnRun() },
  {
    key: 'Column.renamedFrom',
    params: [p('previous', kind('identifier (the former column name; diff() only)', isString, shapes))],
    args: () => ['fz_old'],
    call: ([n]) => string().renamedFrom(n as string),
    finish: (c) => createTable(columnTable(c)),
    engine: columnRun(),
  },
  {
    key: 'Column.comment',
    params: [p('text', K.text)],
    args: () => ['fz comment'],
    call: ([t]) => string().comment(t as string),
    finish: (c) => createTable(columnTable(c)),
    engine: columnRun(undefined, true),
  },
  ...defaults.map(
    ([label, make, value]): Spec => ({
      key: 'Column.default',
      variant: label,
      params: [
        p(
          'value',
          kind(`DEFAULT of ${label}`, (v) => isLiteralValue(v, 0, label === 'variant') && !(v instanceof Secret), {
            how: 'engine',
            says: 'a row inserted by its DEFAULT reads the value back',
          }),
        ),
      ],
      args: () => [value],
      call: ([v]) => (make() as unknown as { default(v: unknown): Column }).default(v),
      finish: (c) => createTable(columnTable(c)),
      engine: columnRun(
        (row, [v]) => {
          // Strings and JSON read back as given; other values are read through their type's own decoding.
          if (typeof v === 'string' && (label === 'string' || label === 'bigint string mode')) expectEqual(row.text, v, 'DEFAULT');
          if (label === 'variant' && isJsonValue(v)) expectEqual(row.c, v, 'DEFAULT');
        },
        false,
        label === 'variant' ? 'c' : 'c::STRING AS text',
      ),
    }),
  ),
  {
    key: 'Column.storedAs',
    params: [p('expression', K.fragment)],
    args: () => [sql`k + 1`],
    call: ([e]) => bigint().storedAs(e as never),
    finish: (c) => createTable(columnTable(c)),
    // 1402: computed columns are an Enterprise feature; 1065: a fragment of another type than the column's is refused first.
    engine: { refusedWith: [1402, 1065] },
  },
  {
    key: 'Column.virtualAs',
    params: [p('expression', K.fragment)],
    args: () => [sql`k + 1`],
    call: ([e]) => bigint().virtualAs(e as never),
    finish: (c) => createTable(columnTable(c)),
    // 1402: computed columns are an Enterprise feature; 1065: a fragment of another type than the column's is refused first.
    engine: { refusedWith: [1402, 1065] },
  },
  {
    key: 'Column.autoIncrement',
    params: [p('options', autoIncrementOptions, { optional: true })],
    args: () => [{ start: 1, step: 2 }],
    call: ([o]) => bigint().autoIncrement(o as never),
    finish: (c) => createTable(columnTable(c)),
    engine: columnRun(),
  },
  { key: 'insertSchema', params: [p('table', K.table)], args: () => [T], call: ([t]) => insertSchema(t as never) },
  { key: 'selectSchema', params: [p('table', K.table)], args: () => [T], call: ([t]) => selectSchema(t as never) },

  // ---- The sql tag and secrets
  {
    key: 'sql',
    variant: 'values',
    params: [p('value', literal, { rest: true })],
    args: () => [],
    call: (values) => sql`SELECT ${values[0]} AS v`,
    finish: (f) => f,
    engine: {
      query: true,
      readBack: async (_client, [v], rows) => {
        // A fragment is SQL, not a value; strings and JSON objects read back as given.
        if (typeof v === 'string' || (isPlainObject(v) && !isSqlFragment(v) && isJsonValue(v))) expectEqual(rows[0]?.v, v, 'SELECT');
      },
    },
  },
  {
    key: 'sql',
    variant: 'template strings',
    params: [p('strings', templateStrings)],
    args: () => [Object.freeze(Object.assign(['SELECT 1'], { raw: Object.freeze(['SELECT 1']) }))],
    call: ([s]) => (sql as (s: unknown) => unknown)(s),
    finish: (f) => f,
  },
  {
    key: 'sql.id',
    params: [p('name', kind('identifier', isString, { how: 'engine', says: 'SELECT 1 AS <name> answers a column of that name' }))],
    args: () => ['fz id'],
    call: ([n]) => sql.id(n as string),
    finish: (f) => sql`SELECT 1 AS ${f}`,
    engine: {
      query: true,
      readBack: async (_client, [n], rows) => expectEqual(Object.keys(rows[0] ?? {}), [n], 'column name'),
    },
  },
  { key: 'sql.raw', params: [p('text', K.rawSql)], args: () => ['1'], call: ([t]) => sql.raw(t as string) },
  {
    key: 'secret',
    params: [p('value', secretValue)],
    args: () => ['fz_secret'],
    call: ([v]) => secret(v as string),
    finish: (s) => createConnection('fz_conn').s3({ accessKeyId: s }),
    engine: { cleanup: () => [dropConnection('fz_conn').ifExists()] },
  },
  {
    key: 'new Secret',
    params: [p('value', K.text)],
    args: () => ['fz_secret'],
    call: ([v]) => new Secret(v as string),
    finish: (s) => createConnection('fz_conn').s3({ accessKeyId: s }),
    engine: { cleanup: () => [dropConnection('fz_conn').ifExists()] },
  },

  // ---- Rendering
  {
    key: 'createTable',
    params: [p('table', K.tableRef)],
    args: () => [MADE],
    call: ([t]) => createTable(t as never),
    // A name starts CREATE TABLE ... LIKE / AS: the spec finishes it AS a query.
    finish: (b) => (b instanceof CreateTableBuilder ? b : b.as(sql`SELECT 1 AS id`)),
    engine: { cleanup: dropping((t) => dropTable(t).ifExists()) },
  },
  {
    key: 'createTable',
    variant: 'a name, for LIKE or AS',
    params: [p('table', K.tableRef)],
    args: () => ['fz_as'],
    call: ([t]) => createTable(t as never),
    finish: (b) => (b instanceof CreateTableBuilder ? b : b.as(sql`SELECT 1 AS id`)),
    engine: { cleanup: dropping((t) => dropTable(t).ifExists()) },
  },
  {
    key: 'createTable().like',
    params: [p('other', K.tableRef)],
    args: () => [T],
    call: ([o]) => createTable('fz_like').like(o as never),
    engine: { cleanup: () => ['DROP TABLE IF EXISTS fz_like'] },
  },
  {
    key: 'createTable().as',
    params: [p('query', tableQuery)],
    args: () => [sql`SELECT 1 AS id`],
    call: ([q]) => createTable('fz_as').as(q as never),
    engine: { cleanup: () => ['DROP TABLE IF EXISTS fz_as'] },
  },
  {
    key: 'CreateTableBuilder.as',
    params: [p('query', tableQuery)],
    args: () => [sql`SELECT 1 AS id, 'a' AS name`],
    call: ([q]) => createTable(MADE).as(q as never),
    engine: { cleanup: () => ['DROP TABLE IF EXISTS fz_made'] },
  },
  // Render only: test/engine/table-location.test.ts runs a table over fs:// and one over s3://.
  {
    key: 'CreateTableBuilder.location',
    params: [p('where', locationArg)],
    args: () => [`fs://${ROOT}/table/`],
    call: ([l]) => createTable(MADE).location(l as never),
  },

  // ---- ALTER TABLE: actions whose effect on fz_t is undone (or none) run on the engine; the others render only.
  {
    key: 'alterTable',
    params: [p('table', K.tableRef)],
    args: () => [T],
    call: ([t]) => alterTable(t as never),
    finish: (s) => s.comment('fz comment').ifExists(),
  },
  ...((): Spec[] => {
    const start = () => alterTable(T);
    const restore = () => [alterTable(T).comment('')];
    return [
      {
        key: 'alterTable().addColumn',
        params: [
          p('name', K.identifier),
          p(
            'column',
            kind('column declaration', (v) => v instanceof Column, identity),
          ),
          p('options', addColumnOptions, { optional: true }),
        ],
        args: () => ['fz_added', int(), { after: 'id', ifNotExists: true }],
        call: ([n, c, o]) => start().addColumn(n as string, c as never, o as never),
      },
      { key: 'alterTable().dropColumn', params: [p('name', K.identifier)], args: () => ['fz_gone'], call: ([n]) => start().dropColumn(n as string) },
      {
        key: 'alterTable().modifyColumn',
        params: [
          p('name', K.identifier),
          p(
            'column',
            kind('column declaration', (v) => v instanceof Column, identity),
          ),
        ],
        args: () => ['name', string()],
        call: ([n, c]) => start().modifyColumn(n as string, c as never),
      },
      {
        key: 'alterTable().modifyColumns',
        params: [p('columns', modifyColumnsKind)],
        args: () => [{ name: string() }],
        call: ([c]) => start().modifyColumns(c as never),
      },
      {
        key: 'alterTable().modifyColumnComment',
        params: [p('name', K.identifier), p('comment', K.text)],
        args: () => ['name', 'fz comment'],
        call: ([n, c]) => start().modifyColumnComment(n as string, c as string),
      },
      {
        key: 'alterTable().renameColumn',
        params: [p('from', K.identifier), p('to', K.identifier)],
        args: () => ['a', 'b'],
        call: ([a, b]) => start().renameColumn(a as string, b as string),
      },
      { key: 'alterTable().renameTo', params: [p('name', K.identifier)], args: () => ['fz_renamed'], call: ([n]) => start().renameTo(n as string) },
      {
        key: 'alterTable().setOptions',
        params: [p('options', setOptionsKind)],
        args: () => [{ block_per_segment: 1000 }],
        call: ([o]) => start().setOptions(o as never),
        engine: {},
      },
      {
        key: 'alterTable().unsetOptions',
        params: [
          p(
            'options',
            list(
              'table option names',
              kind('table option name', (v) => typeof v === 'string'),
            ),
          ),
        ],
        args: () => [['block_per_segment']],
        call: ([o]) => start().unsetOptions(o as never),
        engine: {},
      },
      {
        key: 'alterTable().flashbackTo',
        params: [p('point', kind('FLASHBACK TO { timestamp | snapshot | stream }', isPlainObject, held, { keys: { snapshot: K.text }, closed: true }))],
        args: () => [{ snapshot: 'fz_snapshot' }],
        call: ([pt]) => start().flashbackTo(pt as never),
      },
      { key: 'alterTable().swapWith', params: [p('other', K.identifier)], args: () => ['fz_other'], call: ([n]) => start().swapWith(n as string) },
      {
        key: 'alterTable().clusterBy',
        params: [p('keys', list('cluster keys', clusterKey)), p('type', K.oneOf(CLUSTER_TYPES), { optional: true })],
        args: () => [['id', sql`to_date(at)`], 'LINEAR'],
        call: ([k, t]) => start().clusterBy(k as never, t as never),
        engine: { cleanup: () => [alterTable(T).dropClusterKey()] },
      },
      { key: 'alterTable().dropClusterKey', params: [], args: () => [], call: () => start().dropClusterKey(), engine: {} },
      {
        key: 'alterTable().comment',
        params: [p('text', K.text)],
        args: () => ['fz comment'],
        call: ([t]) => start().comment(t as string),
        engine: {
          readBack: async (client, [t]) => {
            const [row] = await rowsOf(client, sql`SELECT comment FROM system.tables WHERE database = 'default' AND name = 'fz_t'`);
            expectEqual(row?.comment, t, 'table comment');
          },
          cleanup: restore,
        },
      },
      // Render only: fz_t is not over a URL location (test/engine/table-location.test.ts runs it).
      { key: 'alterTable().connection', params: [p('connection', connectionArg)], args: () => ['fz_conn'], call: ([c]) => start().connection(c as never) },
      // Render only: policies need a licence (1402) and SET TAG a tag made by CREATE TAG (test/engine/governance.test.ts runs them).
      {
        key: 'alterTable().setMaskingPolicy',
        params: [
          p('column', K.identifier),
          p('policy', K.plainName),
          p('options', record('{ using }', { using: list('USING columns', K.identifier, 2) }), { optional: true }),
        ],
        args: () => ['name', 'fz_mask', { using: ['name', 'id'] }],
        call: ([c, pol, o]) => start().setMaskingPolicy(c as string, pol as string, o as never),
      },
      {
        key: 'alterTable().unsetMaskingPolicy',
        params: [p('column', K.identifier)],
        args: () => ['name'],
        call: ([c]) => start().unsetMaskingPolicy(c as string),
      },
      {
        key: 'alterTable().addRowAccessPolicy',
        params: [p('policy', K.plainName), p('columns', list('columns', K.identifier))],
        args: () => ['fz_rap', ['name']],
        call: ([pol, c]) => start().addRowAccessPolicy(pol as string, c as never),
      },
      {
        key: 'alterTable().dropRowAccessPolicy',
        params: [p('policy', K.plainName)],
        args: () => ['fz_rap'],
        call: ([pol]) => start().dropRowAccessPolicy(pol as string),
      },
      { key: 'alterTable().dropAllRowAccessPolicies', params: [], args: () => [], call: () => start().dropAllRowAccessPolicies() },
      {
        key: 'alterTable().setTag',
        params: [p('tags', record('tags', { fz_env: K.text }, false))],
        args: () => [{ fz_env: 'fz value' }],
        call: ([t]) => start().setTag(t as never),
      },
      {
        key: 'alterTable().unsetTag',
        params: [p('tags', list('tag names', K.plainName))],
        args: () => [['fz_env']],
        call: ([t]) => start().unsetTag(t as never),
      },
      { key: 'AlterTableBuilder.ifExists', params: [], args: () => [], call: () => start().comment('fz').ifExists(), engine: { cleanup: restore } },
    ];
  })(),

  // ---- Indexes: made by the helpers, created on fz_t's text column (an INVERTED index is the one kind its columns fit).
  {
    key: 'vectorIndex',
    params: [p('name', K.identifier), p('columns', list('columns', K.identifier)), p('options', vectorIndexOptions)],
    args: () => ['fz_vec', ['v'], { distance: ['cosine'], m: 16, efConstruct: 100, async: false }],
    call: ([n, c, o]) => vectorIndex(n as string, c as never, o as never),
  },
  {
    key: 'invertedIndex',
    params: [p('name', K.identifier), p('columns', list('columns', K.identifier)), p('options', invertedIndexOptions, { optional: true })],
    args: () => ['fz_inv', ['name'], { tokenizer: 'english', filters: ['english_stop'], indexRecord: 'basic' }],
    call: ([n, c, o]) => invertedIndex(n as string, c as never, o as never),
  },
  {
    key: 'ngramIndex',
    params: [p('name', K.identifier), p('columns', list('columns', K.identifier)), p('options', ngramIndexOptions, { optional: true })],
    args: () => ['fz_ng', ['name'], { gramSize: 3, bloomSize: 1024 }],
    call: ([n, c, o]) => ngramIndex(n as string, c as never, o as never),
  },
  {
    key: 'createIndex',
    params: [p('index', indexDefinition), p('table', K.tableRef)],
    args: () => [invertedIndex('fz_inv', ['name']), T],
    call: ([i, t]) => createIndex(i as never, t as never),
    engine: { cleanup: () => [dropIndex('INVERTED', 'fz_inv', T).ifExists()] },
  },
  {
    key: 'CreateIndexBuilder.orReplace',
    params: [],
    args: () => [],
    call: () => createIndex(invertedIndex('fz_inv', ['name']), T).orReplace(),
    engine: { cleanup: () => [dropIndex('INVERTED', 'fz_inv', T).ifExists()] },
  },
  {
    key: 'CreateIndexBuilder.ifNotExists',
    params: [],
    args: () => [],
    call: () => createIndex(invertedIndex('fz_inv', ['name']), T).ifNotExists(),
    engine: { cleanup: () => [dropIndex('INVERTED', 'fz_inv', T).ifExists()] },
  },
  {
    key: 'dropIndex',
    params: [p('type', K.oneOf(TABLE_INDEX_TYPES)), p('name', K.identifier), p('table', K.tableRef)],
    args: () => ['INVERTED', 'fz_inv', T],
    call: ([k, n, t]) => dropIndex(k as never, n as string, t as never),
    finish: (d) => d.ifExists(),
  },
  { key: 'DropIndexBuilder.ifExists', params: [], args: () => [], call: () => dropIndex('INVERTED', 'fz_inv', T).ifExists(), engine: {} },
  {
    key: 'refreshIndex',
    params: [p('type', K.oneOf(TABLE_INDEX_TYPES)), p('name', K.identifier), p('table', K.tableRef)],
    args: () => ['INVERTED', 'fz_inv', T],
    call: ([k, n, t]) => refreshIndex(k as never, n as string, t as never),
  },
  {
    key: 'RefreshIndexBuilder.limit',
    params: [p('count', K.positive())],
    args: () => [10],
    call: ([c]) => refreshIndex('INVERTED', 'fz_inv', T).limit(c as number),
  },
  {
    key: 'CreateTableBuilder.orReplace',
    params: [],
    args: () => [],
    call: () => createTable(MADE).orReplace(),
    engine: { cleanup: () => ['DROP TABLE IF EXISTS fz_made'] },
  },
  {
    key: 'CreateTableBuilder.ifNotExists',
    params: [],
    args: () => [],
    call: () => createTable(MADE).ifNotExists(),
    engine: { cleanup: () => ['DROP TABLE IF EXISTS fz_made'] },
  },
  {
    key: 'CreateTableBuilder.transient',
    params: [p('value', K.boolean, { optional: true })],
    args: () => [true],
    call: ([v]) => createTable(MADE).transient(v as boolean),
    engine: { cleanup: () => ['DROP TABLE IF EXISTS fz_made'] },
  },
  {
    key: 'CreateTableBuilder.engine',
    params: [p('engine', K.oneOf(TABLE_ENGINES))],
    args: () => ['MEMORY'],
    call: ([e]) => createTable(MADE).engine(e as never),
    engine: { cleanup: () => ['DROP TABLE IF EXISTS fz_made'] },
  },
  {
    key: 'CreateTableBuilder.engineOptions',
    params: [p('options', setOptionsKind)],
    args: () => [{ block_per_segment: 1000 }],
    call: ([o]) => createTable(MADE).engineOptions(o as never),
    engine: { cleanup: () => ['DROP TABLE IF EXISTS fz_made'] },
  },
  {
    key: 'CreateTableBuilder.comment',
    params: [p('text', K.text)],
    args: () => ['fz comment'],
    call: ([t]) => createTable(MADE).comment(t as string),
    engine: {
      readBack: (client, [t]) => tableReadBack(client, 'fz_made', t as string, MADE.columnNames),
      cleanup: () => ['DROP TABLE IF EXISTS fz_made'],
    },
  },
  {
    key: 'render',
    params: [p('statement', K.node), p('options', renderOptions, { optional: true })],
    args: () => [createTable(T).toNode(), { maskSecrets: true }],
    call: ([s, o]) => render(s as never, o as never),
  },
  { key: 'StatementBuilder.toNode', params: [], args: () => [], call: () => createTable(T).toNode() },
  {
    key: 'StatementBuilder.compile',
    params: [p('options', renderOptions, { optional: true })],
    args: () => [{ maskSecrets: true }],
    call: ([o]) =>
      createConnection('fz_c')
        .s3({ accessKeyId: 'k' })
        .compile(o as never),
  },
  { key: 'StatementBuilder.toString', params: [], args: () => [], call: () => createTable(T).toString() },
  { key: 'StatementBuilder.toJSON', params: [], args: () => [], call: () => createTable(T).toJSON() },

  // ---- Connections
  {
    key: 'createConnection',
    params: [p('name', K.plainName)],
    args: () => ['fz_conn'],
    call: ([n]) => createConnection(n as string),
    finish: (s) => s.s3({}),
    engine: { cleanup: dropping((n) => dropConnection(n).ifExists()) },
  },
  ...(['orReplace', 'ifNotExists'] as const).map(
    (m): Spec => ({
      key: `ConnectionStart.${m}`,
      params: [],
      args: () => [],
      call: () => createConnection('fz_conn')[m](),
      finish: (s) => s.s3({}),
      engine: { cleanup: () => [dropConnection('fz_conn').ifExists()] },
    }),
  ),
  ...(['s3', 'gcs', 'azblob', 'oss', 'cos', 'obs'] as const).map(
    (storage): Spec => ({
      key: `ConnectionStart.${storage}`,
      params: [p('params', storageKind(storage))],
      args: () => [
        {
          s3: { accessKeyId: 'fz_key', secretAccessKey: 'fz_secret', region: 'us-east-1' },
          gcs: { credential: 'fz_credential' },
          azblob: { endpointUrl: 'https://fz.invalid', accountName: 'fz' },
          oss: { endpointUrl: 'https://fz.invalid', accessKeyId: 'fz' },
          cos: { endpointUrl: 'https://fz.invalid', secretId: 'fz' },
          obs: { endpointUrl: 'https://fz.invalid', accessKeyId: 'fz' },
        }[storage],
      ],
      call: ([params]) => (createConnection('fz_conn') as unknown as Record<string, (p: unknown) => unknown>)[storage]!(params),
      engine: { cleanup: () => [dropConnection('fz_conn').ifExists()] },
    }),
  ),
  ...(['orReplace', 'ifNotExists'] as const).map(
    (m): Spec => ({
      key: `CreateConnectionBuilder.${m}`,
      params: [],
      args: () => [],
      call: () => createConnection('fz_conn').s3({})[m](),
      engine: { cleanup: () => [dropConnection('fz_conn').ifExists()] },
    }),
  ),
  { key: 'dropConnection', params: [p('connection', K.nameRef)], args: () => ['fz_conn'], call: ([c]) => dropConnection(c as string) },
  { key: 'DropBuilder.ifExists', params: [], args: () => [], call: () => dropConnection('fz_conn').ifExists() },

  // ---- Stages
  {
    key: 'createStage',
    params: [p('name', K.plainName)],
    args: () => ['fz_new_stage'],
    call: ([n]) => createStage(n as string),
    engine: { cleanup: dropping((n) => dropStage(n).ifExists()) },
  },
  {
    key: 'stage',
    params: [p('name', K.plainName)],
    args: () => [FS_STAGE],
    call: ([n]) => stage(n as string),
    finish: (s) => listStage(s),
    engine: { query: true },
  },
  { key: 'dropStage', params: [p('stage', K.nameRef)], args: () => ['fz_new_stage'], call: ([s]) => dropStage(s as string) },
  {
    key: 'CreateStageBuilder.url',
    params: [p('url', K.url)],
    args: () => [`fs://${ROOT}/fz_url/`],
    call: ([u]) => createStage('fz_new_stage').url(u as string),
    engine: {
      readBack: async (client, [u]) => {
        const [described] = await rowsOf(client, 'DESC STAGE fz_new_stage');
        const url = u as string;
        expectEqual(described?.url, /^[a-z0-9]+:\/\/[^/]+$/.test(url) ? `${url}/` : url, 'DESC STAGE url');
      },
      cleanup: () => [dropStage('fz_new_stage').ifExists()],
    },
  },
  {
    key: 'CreateStageBuilder.connection',
    params: [p('connection', connectionArg)],
    args: () => ['fz_conn'],
    call: ([c]) =>
      createStage('fz_new_stage')
        .url('s3://fz-bucket/p/')
        .connection(c as string),
    engine: { cleanup: () => [dropStage('fz_new_stage').ifExists()] },
  },
  {
    key: 'CreateStageBuilder.credentials',
    params: [p('params', storageKind('s3'))],
    args: () => [{ accessKeyId: 'fz_key', secretAccessKey: 'fz_secret', region: 'us-east-1', endpointUrl: 'http://endpoint.invalid/' }],
    call: ([c]) =>
      createStage('fz_new_stage')
        .url('s3://fz-bucket/p/')
        .credentials(c as never),
    engine: { cleanup: () => [dropStage('fz_new_stage').ifExists()] },
  },
  {
    key: 'CreateStageBuilder.fileFormat',
    params: [p('format', fileFormatInput)],
    args: () => [{ type: 'CSV', nullDisplay: 'fz' }],
    call: ([f]) => createStage('fz_new_stage').fileFormat(f as never),
    engine: { cleanup: () => [dropStage('fz_new_stage').ifExists()] },
  },
  {
    key: 'CreateStageBuilder.comment',
    params: [p('text', K.text)],
    args: () => ['fz comment'],
    call: ([t]) => createStage('fz_new_stage').comment(t as string),
    engine: { cleanup: () => [dropStage('fz_new_stage').ifExists()] },
  },
  ...(['orReplace', 'ifNotExists'] as const).map(
    (m): Spec => ({
      key: `CreateStageBuilder.${m}`,
      params: [],
      args: () => [],
      call: () => createStage('fz_new_stage')[m](),
      engine: { cleanup: () => [dropStage('fz_new_stage').ifExists()] },
    }),
  ),

  // ---- File formats
  {
    key: 'createFileFormat',
    params: [p('name', K.plainName), p('format', csvFormat)],
    args: () => ['fz_format', { type: 'CSV', nullDisplay: 'fz null', skipHeader: 1 }],
    call: ([n, f]) => createFileFormat(n as string, f as never),
    engine: { cleanup: dropping((n) => dropFileFormat(n).ifExists()) },
  },
  ...(['orReplace', 'ifNotExists'] as const).map(
    (m): Spec => ({
      key: `CreateFileFormatBuilder.${m}`,
      params: [],
      args: () => [],
      call: () => createFileFormat('fz_format', { type: 'CSV' })[m](),
      engine: { cleanup: () => [dropFileFormat('fz_format').ifExists()] },
    }),
  ),
  { key: 'dropFileFormat', params: [p('format', K.nameRef)], args: () => ['fz_format'], call: ([f]) => dropFileFormat(f as string) },

  // ---- LIST, REMOVE, stage queries
  {
    key: 'listStage',
    params: [p('stage', K.nameRef), p('path', K.path, { optional: true })],
    args: () => [FS_STAGE, 'in/'],
    call: ([s, path]) => listStage(s as string, path as string),
    engine: { query: true },
  },
  {
    key: 'removeFromStage',
    params: [p('stage', K.nameRef), p('path', K.path, { optional: true })],
    args: () => [FS_STAGE, 'gone/'],
    call: ([s, path]) => removeFromStage(s as string, path as string),
  },
  {
    key: 'StageFilesBuilder.pattern',
    variant: 'LIST',
    params: [p('regex', K.pattern)],
    args: () => ['.*[.]csv'],
    call: ([r]) => listStage(FS_STAGE, 'in/').pattern(r as string),
    engine: { query: true },
  },
  {
    key: 'StageFilesBuilder.pattern',
    variant: 'REMOVE',
    params: [p('regex', K.pattern)],
    args: () => ['nothing[.]csv'],
    call: ([r]) => removeFromStage(FS_STAGE, 'gone/').pattern(r as string),
  },
  {
    key: 'selectFromStage',
    params: [p('stage', K.nameRef), p('path', K.path, { optional: true })],
    args: () => [FS_STAGE, 'in/a.csv'],
    call: ([s, path]) =>
      selectFromStage(s as string, path as string)
        .fileFormat('CSV')
        .columns('$1'),
    engine: { query: true },
  },
  ...((): Spec[] => {
    const preview = () => selectFromStage(FS_STAGE, 'in/').fileFormat('CSV');
    const typed = () => preview().typedAs(T, { id: sql`$1`, name: sql`$2`, doc: sql`$3`, at: sql`$4` });
    return [
      {
        key: 'SelectStageBuilder.typedAs',
        params: [p('table', K.table), p('mapping', mapping, { optional: true })],
        args: () => [T, { id: sql`$1`, name: sql`$2`, doc: sql`$3`, at: sql`$4` }],
        call: ([t, m]) => preview().typedAs(t as never, m as never),
        engine: { query: true },
      },
      {
        key: 'SelectStageBuilder.columns',
        params: [p('name', { ...K.identifier, exactly: projected }, { rest: true })],
        args: () => ['$1'],
        call: (names) => (preview().columns as (...n: unknown[]) => unknown)(...names),
        engine: { query: true },
      },
      {
        key: 'SelectStageBuilder.fileFormat',
        params: [p('format', fileFormatArg)],
        args: () => ['CSV'],
        call: ([f]) =>
          selectFromStage(FS_STAGE, 'in/')
            .columns('$1')
            .fileFormat(f as never),
        engine: { query: true },
      },
      {
        key: 'SelectStageBuilder.pattern',
        params: [p('regex', K.pattern)],
        args: () => ['.*[.]csv'],
        call: ([r]) => typed().pattern(r as string),
        engine: { query: true },
      },
      {
        key: 'SelectStageBuilder.files',
        params: [p('names', files)],
        args: () => [['a.csv']],
        call: ([f]) => typed().files(f as string[]),
        engine: { query: true },
      },
      {
        key: 'SelectStageBuilder.where',
        params: [p('condition', K.fragment)],
        args: () => [sql`$1 IS NOT NULL`],
        call: ([w]) => typed().where(w as never),
        engine: { query: true },
      },
      {
        key: 'SelectStageBuilder.limit',
        params: [p('count', K.nonNegative)],
        args: () => [5],
        call: ([n]) => typed().limit(n as number),
        engine: { query: true },
      },
      {
        key: 'SelectStageBuilder.alias',
        params: [p('name', K.identifier)],
        args: () => ['t'],
        call: ([a]) => typed().alias(a as string),
        engine: { query: true },
      },
    ];
  })(),

  // ---- Staged columns without a table, and the table functions over staged files
  ...((): Spec[] => {
    const csv = () => selectFromStage(FS_STAGE, 'in/').fileFormat('CSV');
    const pathStep = kind('path step (a key or an index >= 0)', (v) => (isString(v) && v.length > 0) || (Number.isSafeInteger(v) && (v as number) >= 0));
    const columnFunction = kind('column function (the cast type)', (v) => v instanceof Column, identity);
    const selectItem = kind(
      "staged column with a name, or '*'",
      (v) => v === '*' || (typeof v === 'object' && v !== null && 'expression' in v && (v as { name?: unknown }).name !== undefined),
      identity,
    );
    return [
      {
        key: 'staged.col',
        params: [p('position', K.positive(MAX_STAGED_POSITION))],
        args: () => [2],
        call: ([n]) => staged.col(n as number),
        finish: (expr: StagedExpr) => csv().select(expr as never),
        engine: { query: true },
      },
      {
        key: 'staged.count',
        params: [
          p(
            'expression',
            kind(
              'staged column (staged.col(), staged.path(), staged.column(), ...)',
              (v) => typeof v === 'object' && v !== null && 'expression' in v && (v as { alias?: unknown }).alias === undefined,
              identity,
            ),
          ),
        ],
        args: () => [staged.col(2)],
        call: ([e]) => staged.count(e as never),
        finish: (expr: StagedExpr) => csv().select(expr as never),
        engine: { query: true },
      },
      // Render only: the contract's staged files are CSV, which has no column names (test/engine/staged-queries.test.ts reads Parquet).
      {
        key: 'staged.column',
        params: [p('name', K.identifier)],
        args: () => ['sepal_length'],
        call: ([n]) => staged.column(n as string),
        finish: (expr: StagedExpr) => selectFromStage(FS_STAGE, 'in/').select(expr as never),
      },
      {
        key: 'staged.path',
        params: [p('position', K.positive(MAX_STAGED_POSITION)), p('path', pathStep, { rest: true })],
        args: () => [1, 'a', 0],
        call: ([n, ...path]) => staged.path(n as number, ...(path as string[])),
        finish: (expr: StagedExpr) => selectFromStage(FS_STAGE, 'in/').fileFormat('NDJSON').select(expr.as('x')),
      },
      {
        key: 'StagedExpr.as',
        params: [p('alias', { ...K.identifier, exactly: projected })],
        args: () => ['first'],
        call: ([a]) => staged.col(1).as(a as string),
        finish: (expr: StagedExpr) => csv().select(expr as never),
        engine: { query: true },
      },
      {
        key: 'StagedExpr.cast',
        params: [p('type', columnFunction)],
        args: () => [string()],
        call: ([t]) => staged.col(1).cast(t as never),
        finish: (expr: StagedExpr) => csv().select(expr.as('x')),
        engine: { query: true },
      },
      {
        key: 'SelectStageBuilder.select',
        params: [p('item', selectItem, { rest: true })],
        args: () => [staged.col(1), staged.filename.as('file_name')],
        call: (items) => (csv().select as (...i: unknown[]) => unknown)(...items),
        engine: { query: true },
      },
      {
        key: 'inferSchema',
        params: [p('stage', K.nameRef), p('path', K.path, { optional: true })],
        args: () => [FS_STAGE, 'in/'],
        call: ([s, path]) => inferSchema(s as string, path as string).fileFormat('CSV'),
        engine: { query: true },
      },
      {
        key: 'InferSchemaBuilder.fileFormat',
        params: [p('format', fileFormatArg)],
        args: () => ['CSV'],
        call: ([f]) => inferSchema(FS_STAGE, 'in/').fileFormat(f as never),
        engine: { query: true },
      },
      {
        key: 'InferSchemaBuilder.connectionName',
        params: [p('name', K.plainName)],
        args: () => ['fz_conn'],
        call: ([n]) => inferSchema(FS_STAGE, 'in/').connectionName(n as string),
      },
      {
        key: 'InferSchemaBuilder.maxRecordsPerFile',
        params: [p('count', K.positive(2 ** 31 - 1))],
        args: () => [10],
        call: ([n]) =>
          inferSchema(FS_STAGE, 'in/')
            .fileFormat('CSV')
            .maxRecordsPerFile(n as number),
        engine: { query: true },
      },
      {
        key: 'InferSchemaBuilder.maxFileCount',
        params: [p('count', K.positive(2 ** 31 - 1))],
        args: () => [1],
        call: ([n]) =>
          inferSchema(FS_STAGE, 'in/')
            .fileFormat('CSV')
            .maxFileCount(n as number),
        engine: { query: true },
      },
      {
        key: 'listStageFiles',
        params: [p('stage', K.nameRef), p('path', K.path, { optional: true })],
        args: () => [FS_STAGE, 'in/'],
        call: ([s, path]) => listStageFiles(s as string, path as string),
        engine: { query: true },
      },
      {
        key: 'TableFunctionBuilder.pattern',
        params: [p('regex', K.pattern)],
        args: () => ['.*[.]csv'],
        call: ([r]) => listStageFiles(FS_STAGE, 'in/').pattern(r as string),
        engine: { query: true },
      },
      {
        key: 'TableFunctionBuilder.where',
        params: [p('condition', K.fragment)],
        args: () => [sql`size > 0`],
        call: ([w]) => listStageFiles(FS_STAGE, 'in/').where(w as never),
        engine: { query: true },
      },
      {
        key: 'TableFunctionBuilder.orderBy',
        params: [p('column', K.oneOf(TABLE_FUNCTION_COLUMNS.LIST_STAGE)), p('direction', K.oneOf(['ASC', 'DESC']), { optional: true })],
        args: () => ['size', 'DESC'],
        call: ([c, d]) => listStageFiles(FS_STAGE, 'in/').orderBy(c as never, d as never),
        engine: { query: true },
      },
      {
        key: 'ListStageFilesBuilder.columns',
        params: [p('name', K.oneOf(TABLE_FUNCTION_COLUMNS.LIST_STAGE), { rest: true })],
        args: () => ['name', 'size'],
        call: (names) => (listStageFiles(FS_STAGE, 'in/').columns as (...n: unknown[]) => unknown)(...names),
        engine: { query: true },
      },
      {
        key: 'InferSchemaBuilder.columns',
        params: [p('name', K.oneOf(TABLE_FUNCTION_COLUMNS.INFER_SCHEMA), { rest: true })],
        args: () => ['column_name', 'type'],
        call: (names) => (inferSchema(FS_STAGE, 'in/').fileFormat('CSV').columns as (...n: unknown[]) => unknown)(...names),
        engine: { query: true },
      },
      {
        key: 'TableFunctionBuilder.limit',
        params: [p('count', K.nonNegative)],
        args: () => [5],
        call: ([n]) => listStageFiles(FS_STAGE, 'in/').limit(n as number),
        engine: { query: true },
      },
    ];
  })(),

  // ---- SHOW and DESC
  { key: 'showStages', params: [], args: () => [], call: () => showStages(), engine: { query: true } },
  { key: 'showConnections', params: [], args: () => [], call: () => showConnections(), engine: { query: true } },
  { key: 'showFileFormats', params: [], args: () => [], call: () => showFileFormats(), engine: { query: true } },
  { key: 'showStreams', params: [], args: () => [], call: () => showStreams(), engine: { refusedWith: STREAM } },
  { key: 'showTasks', params: [], args: () => [], call: () => showTasks(), engine: { refusedWith: TASK } },
  {
    key: 'FilteredShowBuilder.like',
    params: [p('pattern', K.text)],
    args: () => ['fz%'],
    call: ([l]) => showStages().like(l as string),
    engine: { query: true },
  },
  {
    key: 'FilteredShowBuilder.where',
    params: [p('condition', K.fragment)],
    args: () => [sql`name = 'fz_stage'`],
    call: ([w]) => showStages().where(w as never),
    engine: { query: true },
  },
  {
    key: 'ShowStagesBuilder.limit',
    params: [p('count', K.nonNegative)],
    args: () => [5],
    call: ([n]) => showStages().limit(n as number),
    engine: { query: true },
  },
  {
    key: 'ShowStreamsBuilder.full',
    params: [p('value', K.boolean, { optional: true })],
    args: () => [true],
    call: ([v]) => showStreams().full(v as boolean),
    engine: { refusedWith: STREAM },
  },
  {
    key: 'ShowStreamsBuilder.from',
    params: [p('database', K.identifier)],
    args: () => ['fz_db'],
    call: ([d]) => showStreams().from(d as string),
    engine: { refusedWith: STREAM },
  },
  { key: 'describeStage', params: [p('stage', K.nameRef)], args: () => [FS_STAGE], call: ([s]) => describeStage(s as string), engine: { query: true } },
  {
    key: 'describeConnection',
    params: [p('connection', K.nameRef)],
    args: () => ['fz_conn'],
    call: ([c]) => describeConnection(c as string),
  },
  {
    key: 'describeStream',
    params: [p('stream', K.streamRef)],
    args: () => ['fz_stream'],
    call: ([s]) => describeStream(s as string),
    engine: { refusedWith: STREAM },
  },
  { key: 'describeTask', params: [p('task', K.nameRef)], args: () => ['fz_task'], call: ([t]) => describeTask(t as string), engine: { refusedWith: TASK } },

  // ---- COPY INTO a table
  {
    key: 'copyInto',
    params: [p('table', K.table)],
    args: () => [T],
    call: ([t]) => copyInto(t as never),
    finish: (s) => s.fromStage(FS_STAGE, 'in/').fileFormat({ type: 'CSV' }).force(),
  },
  {
    key: 'copyInto().fromStage',
    params: [p('stage', K.nameRef), p('path', K.path, { optional: true })],
    args: () => [FS_STAGE, 'in/'],
    call: ([s, path]) => copyInto(T).fromStage(s as string, path as string),
    finish: (b) => b.fileFormat({ type: 'CSV' }).force(),
  },
  ...((): Spec[] => {
    const copy = () => copyInto(T).fromStage(FS_STAGE, 'in/').fileFormat({ type: 'CSV' }).force();
    const method = (name: string, params: Param[], args: unknown[], make = copy): Spec => ({
      key: `CopyIntoTableBuilder.${name}`,
      params,
      args: () => [...args],
      call: (a) => {
        const builder = make() as unknown as Record<string, (...x: unknown[]) => unknown>;
        return builder[name]!.apply(builder, a);
      },
    });
    const specs: Spec[] = [
      {
        key: 'CopyIntoTableBuilder.columns',
        params: [p('names', list('column names', K.identifier))],
        args: () => [['id', 'name']],
        call: ([c]) => copy().columns(c as never),
      },
      {
        key: 'CopyIntoTableBuilder.map',
        params: [p('mapping', mapping)],
        args: () => [{ id: sql`$1`, name: sql`$2`, doc: sql`$3`, at: sql`$4` }],
        call: ([m]) => copy().map(m as never),
      },
      { key: 'CopyIntoTableBuilder.raw', params: [], args: () => [], call: () => copy().raw() },
      { key: 'CopyIntoTableBuilder.alias', params: [p('name', K.identifier)], args: () => ['t'], call: ([a]) => copy().alias(a as string) },
      { key: 'CopyIntoTableBuilder.files', params: [p('names', files)], args: () => [['a.csv']], call: ([f]) => copy().files(f as string[]) },
      { key: 'CopyIntoTableBuilder.pattern', params: [p('regex', K.pattern)], args: () => ['.*[.]csv'], call: ([r]) => copy().pattern(r as string) },
      {
        key: 'CopyIntoTableBuilder.fileFormat',
        params: [p('format', fileFormatInput)],
        args: () => [{ type: 'CSV', nullDisplay: 'fz' }],
        call: ([f]) => copy().fileFormat(f as never),
      },
      { key: 'CopyIntoTableBuilder.onError', params: [p('mode', onError)], args: () => ['CONTINUE'], call: ([m]) => copy().onError(m as never) },
      ...['force', 'purge', 'disableVariantCheck', 'returnFailedOnly'].map((m) => method(m, [p('value', K.boolean, { optional: true })], [false])),
      method('maxFiles', [p('count', K.positive(MAX_FILES_LIMIT))], [10]),
      method('sizeLimit', [p('rows', K.positive())], [10]),
      method('splitSize', [p('bytes', K.positive())], [1024]),
      method('columnMatchMode', [p('mode', K.oneOf(COLUMN_MATCH_MODES))], ['CASE_INSENSITIVE'], () =>
        copyInto(T).fromStage(FS_STAGE, 'in/').fileFormat({ type: 'PARQUET' }),
      ),
    ];
    return specs.map((spec) => ({ ...spec, engine: spec.key.endsWith('columnMatchMode') ? {} : { cleanup: () => ['TRUNCATE TABLE fz_t'] } }));
  })(),

  // ---- INSERT ... SELECT
  { key: 'insertInto', params: [p('table', K.table)], args: () => [T], call: ([t]) => insertInto(t as never), finish: (s) => s.fromTable(SOURCE) },
  {
    key: 'insertInto().fromStage',
    params: [p('stage', K.nameRef), p('path', K.path, { optional: true })],
    args: () => [FS_STAGE, 'in/'],
    call: ([s, path]) =>
      insertInto(T)
        .fromStage(s as string, path as string)
        .fileFormat('CSV')
        .map({ id: sql`$1`, name: sql`$2`, doc: sql`$3`, at: sql`$4` }),
  },
  { key: 'insertInto().fromStream', params: [p('stream', K.streamRef)], args: () => ['fz_stream'], call: ([s]) => insertInto(T).fromStream(s as string) },
  { key: 'insertInto().fromTable', params: [p('table', K.tableRef)], args: () => [SOURCE], call: ([t]) => insertInto(T).fromTable(t as never) },
  {
    key: 'insertInto().values',
    params: [p('rows', list('rows of column values', columnValues))],
    args: () => [[{ id: 1, name: 'fz' }]],
    call: ([r]) => insertInto(T).values(r as never),
    engine: { cleanup: () => ['TRUNCATE TABLE fz_t'] },
  },
  {
    key: 'InsertValuesBuilder.overwrite',
    params: [p('value', K.boolean, { optional: true })],
    args: () => [false],
    call: ([v]) =>
      insertInto(T)
        .values([{ id: 1 }])
        .overwrite(v as boolean),
    engine: { cleanup: () => ['TRUNCATE TABLE fz_t'] },
  },
  ...((): Spec[] => {
    const query = () => insertInto(T).select(sql`SELECT id, name, doc, at FROM fz_src`);
    const specs: Spec[] = [
      {
        key: 'insertInto().select',
        params: [
          p(
            'query',
            kind(
              'stream read, sql`` or Kysely-compiled SELECT',
              (v) => v instanceof SelectFromStreamBuilder || isSqlFragment(v) || isCompiledByDialect(v),
              identity,
            ),
          ),
        ],
        args: () => [sql`SELECT id, name, doc, at FROM fz_src`],
        call: ([q]) => insertInto(T).select(q as never),
      },
      {
        key: 'InsertQueryBuilder.columns',
        params: [p('names', list('column names', K.identifier))],
        args: () => [['id', 'name', 'doc', 'at']],
        call: ([c]) => query().columns(c as never),
      },
      {
        key: 'InsertQueryBuilder.overwrite',
        params: [p('value', K.boolean, { optional: true })],
        args: () => [false],
        call: ([v]) => query().overwrite(v as boolean),
      },
    ];
    return specs.map((spec) => ({ ...spec, engine: { cleanup: () => ['TRUNCATE TABLE fz_t'] } }));
  })(),
  ...((): Spec[] => {
    const fromTable = () => insertInto(T).fromTable(SOURCE);
    const fromStage = () => insertInto(T).fromStage(FS_STAGE, 'in/').fileFormat('CSV').map({ id: sql`$1`, name: sql`$2`, doc: sql`$3`, at: sql`$4` });
    const specs: Spec[] = [
      {
        key: 'InsertBuilder.columns',
        params: [p('names', list('column names', K.identifier))],
        args: () => [['id', 'name']],
        call: ([c]) => fromTable().columns(c as never),
      },
      { key: 'InsertBuilder.map', params: [p('mapping', mapping)], args: () => [{ name: 'name' }], call: ([m]) => fromTable().map(m as never) },
      { key: 'InsertBuilder.where', params: [p('condition', K.fragment)], args: () => [sql`id > ${0}`], call: ([w]) => fromTable().where(w as never) },
      {
        key: 'InsertBuilder.overwrite',
        params: [p('value', K.boolean, { optional: true })],
        args: () => [false],
        call: ([v]) => fromTable().overwrite(v as boolean),
      },
      {
        key: 'InsertFromStageBuilder.fileFormat',
        params: [p('format', fileFormatArg)],
        args: () => ['CSV'],
        call: ([f]) => fromStage().fileFormat(f as never),
      },
      { key: 'InsertFromStageBuilder.pattern', params: [p('regex', K.pattern)], args: () => ['.*[.]csv'], call: ([r]) => fromStage().pattern(r as string) },
      { key: 'InsertFromStageBuilder.files', params: [p('names', files)], args: () => [['a.csv']], call: ([f]) => fromStage().files(f as string[]) },
      {
        key: 'InsertSelectBuilder.groupBy',
        params: [p('expression', K.fragment)],
        args: () => [sql`id, name, doc, at`],
        call: ([g]) => fromTable().groupBy(g as never),
      },
    ];
    return specs.map((spec) => ({ ...spec, engine: { cleanup: () => ['TRUNCATE TABLE fz_t'] } }));
  })(),

  // ---- Unload
  {
    key: 'copyIntoStage',
    params: [p('stage', K.nameRef), p('path', K.path, { optional: true })],
    args: () => [FS_STAGE, 'out/'],
    call: ([s, path]) => copyIntoStage(s as string, path as string),
    finish: (s) => s.from(T),
  },
  { key: 'copyIntoStage().from', params: [p('source', unloadSource)], args: () => [T], call: ([s]) => copyIntoStage(FS_STAGE, 'out/').from(s as never) },
  ...((): Spec[] => {
    const unload = () => copyIntoStage(FS_STAGE, 'out/').from(T).fileFormat({ type: 'CSV' });
    const single = () => copyIntoStage(FS_STAGE, 'out/one.csv').from(T).single();
    const specs: Spec[] = [
      {
        key: 'CopyIntoStageBuilder.fileFormat',
        params: [p('format', fileFormatInput)],
        args: () => [{ type: 'CSV', nullDisplay: 'fz' }],
        call: ([f]) => unload().fileFormat(f as never),
      },
      {
        key: 'CopyIntoStageBuilder.partitionBy',
        params: [p('expression', K.fragment)],
        args: () => [sql`'p=' || to_string(id)`],
        call: ([e]) => unload().partitionBy(e as never),
      },
      {
        key: 'CopyIntoStageBuilder.single',
        params: [p('value', K.boolean, { optional: true })],
        args: () => [true],
        call: ([v]) => unload().single(v as boolean),
      },
      { key: 'CopyIntoStageBuilder.maxFileSize', params: [p('bytes', K.positive())], args: () => [1 << 20], call: ([v]) => unload().maxFileSize(v as number) },
      {
        key: 'CopyIntoStageBuilder.detailedOutput',
        params: [p('value', K.boolean, { optional: true })],
        args: () => [true],
        call: ([v]) => unload().detailedOutput(v as boolean),
      },
      {
        key: 'CopyIntoStageBuilder.useRawPath',
        params: [p('value', K.boolean, { optional: true })],
        args: () => [true],
        call: ([v]) => single().useRawPath(v as boolean),
      },
      {
        key: 'CopyIntoStageBuilder.includeQueryId',
        params: [p('value', K.boolean)],
        args: () => [false],
        call: ([v]) =>
          single()
            .useRawPath()
            .includeQueryId(v as boolean),
      },
      {
        key: 'CopyIntoStageBuilder.overwrite',
        params: [p('value', K.boolean, { optional: true })],
        args: () => [true],
        call: ([v]) =>
          single()
            .useRawPath()
            .overwrite(v as boolean),
      },
    ];
    return specs.map((spec) => ({ ...spec, engine: {} }));
  })(),

  // ---- URL locations and PRESIGN. Not run on the engine by the contract: test/engine/locations.test.ts runs them
  // (a URL other than fs:/// reaches the network).
  {
    key: 'location',
    params: [p('url', K.url), p('options', locationOptions, { optional: true })],
    args: () => ['s3://fz-bucket/in/', { connection: 'fz_conn' }],
    call: ([u, o]) => location(u as string, o as never),
    finish: (l) => selectFromLocation(l),
  },
  {
    key: 'copyInto().fromLocation',
    params: [p('location', locationArg)],
    args: () => [`fs://${ROOT}/in/`],
    call: ([l]) => copyInto(T).fromLocation(l as never),
  },
  { key: 'selectFromLocation', params: [p('location', locationArg)], args: () => [`fs://${ROOT}/in/`], call: ([l]) => selectFromLocation(l as never) },
  {
    key: 'insertInto().fromLocation',
    params: [p('location', locationArg)],
    args: () => [`fs://${ROOT}/in/`],
    call: ([l]) => insertInto(T).fromLocation(l as never),
  },
  {
    key: 'copyIntoLocation',
    params: [p('location', locationArg)],
    args: () => [`fs://${ROOT}/out/`],
    call: ([l]) => copyIntoLocation(l as never),
    finish: (s) => s.from(T),
  },
  {
    key: 'copyIntoLocation().from',
    params: [p('source', unloadSource)],
    args: () => [T],
    call: ([s]) => copyIntoLocation(`fs://${ROOT}/out/`).from(s as never),
  },
  {
    key: 'CopyIntoTableBuilder.schemaEvolution',
    params: [p('sampling', schemaEvolution)],
    args: () => [{ sampleFiles: 2, sampleTotalRecords: 'AUTO' }],
    call: ([e]) =>
      copyInto(T)
        .fromStage(FS_STAGE, 'in/')
        .raw()
        .schemaEvolution(e as never),
  },
  {
    key: 'presign',
    params: [p('stage', K.nameRef), p('path', K.path)],
    args: () => [FS_STAGE, 'in/a.csv'],
    call: ([s, path]) => presign(s as string, path as string),
  },
  { key: 'PresignBuilder.download', params: [], args: () => [], call: () => presign(FS_STAGE, 'in/a.csv').download() },
  { key: 'PresignBuilder.upload', params: [], args: () => [], call: () => presign(FS_STAGE, 'in/a.csv').upload() },
  { key: 'PresignBuilder.expire', params: [p('seconds', K.positive())], args: () => [60], call: ([v]) => presign(FS_STAGE, 'in/a.csv').expire(v as number) },
  {
    key: 'PresignBuilder.contentType',
    params: [p('type', K.text)],
    args: () => ['text/csv'],
    call: ([t]) =>
      presign(FS_STAGE, 'in/a.csv')
        .upload()
        .contentType(t as string),
  },

  // ---- Streams
  {
    key: 'createStream',
    params: [p('name', K.streamRef)],
    args: () => ['fz_stream'],
    call: ([n]) => createStream(n as string),
    finish: (s) => s.onTable(T),
    engine: { refusedWith: STREAM },
  },
  {
    key: 'createStream().onTable',
    params: [p('table', K.tableRef)],
    args: () => [T],
    call: ([t]) => createStream('fz_stream').onTable(t as never),
    engine: { refusedWith: STREAM },
  },
  ...((): Spec[] => {
    const stream = () => createStream('fz_stream').onTable(T);
    const specs: Spec[] = [
      { key: 'CreateStreamBuilder.orReplace', params: [], args: () => [], call: () => stream().orReplace() },
      { key: 'CreateStreamBuilder.ifNotExists', params: [], args: () => [], call: () => stream().ifNotExists() },
      { key: 'CreateStreamBuilder.at', params: [p('start', streamStart)], args: () => [{ snapshot: 'fz_snapshot' }], call: ([s]) => stream().at(s as never) },
      {
        key: 'CreateStreamBuilder.appendOnly',
        params: [p('value', K.boolean, { optional: true })],
        args: () => [false],
        call: ([v]) => stream().appendOnly(v as boolean),
      },
      { key: 'CreateStreamBuilder.comment', params: [p('text', K.text)], args: () => ['fz comment'], call: ([t]) => stream().comment(t as string) },
    ];
    return specs.map((spec) => ({ ...spec, engine: { refusedWith: STREAM } }));
  })(),
  { key: 'dropStream', params: [p('stream', K.streamRef)], args: () => ['fz_stream'], call: ([s]) => dropStream(s as string), engine: { refusedWith: STREAM } },
  {
    key: 'selectFromStream',
    params: [p('stream', K.streamRef)],
    args: () => ['fz_stream'],
    call: ([s]) => selectFromStream(s as string),
    engine: { query: true },
  },
  ...((): Spec[] => {
    const read = () => selectFromStream('fz_stream');
    const specs: Spec[] = [
      {
        key: 'SelectFromStreamBuilder.consume',
        params: [p('value', K.boolean, { optional: true })],
        args: () => [true],
        call: ([v]) => read().consume(v as boolean),
      },
      {
        key: 'SelectFromStreamBuilder.columns',
        params: [p('names', list('column names', { ...K.identifier, exactly: projected }))],
        args: () => [['id']],
        call: ([c]) => read().columns(c as string[]),
      },
      { key: 'SelectFromStreamBuilder.where', params: [p('condition', K.fragment)], args: () => [sql`id > ${1}`], call: ([w]) => read().where(w as never) },
      { key: 'SelectFromStreamBuilder.limit', params: [p('count', K.nonNegative)], args: () => [5], call: ([n]) => read().limit(n as number) },
      {
        key: 'SelectFromStreamBuilder.select',
        params: [p('items', selectItems)],
        args: () => [{ id: 'id', n: sql`count(*)` }],
        call: ([i]) => read().select(i as never),
      },
      { key: 'SelectFromStreamBuilder.as', params: [p('alias', K.identifier)], args: () => ['s'], call: ([a]) => read().as(a as string) },
      {
        key: 'SelectFromStreamBuilder.join',
        params: [p('table', K.tableRef), p('on', K.fragment), p('options', joinOptions, { optional: true })],
        args: () => [T, sql`TRUE`, { kind: 'LEFT', alias: 'j' }],
        call: ([t, on, o]) => read().join(t as never, on as never, o as never),
      },
      { key: 'SelectFromStreamBuilder.groupBy', params: [p('expression', K.fragment)], args: () => [sql`id`], call: ([g]) => read().groupBy(g as never) },
      { key: 'SelectFromStreamBuilder.orderBy', params: [p('expression', K.fragment)], args: () => [sql`id DESC`], call: ([o]) => read().orderBy(o as never) },
      {
        key: 'SelectFromStreamBuilder.asCte',
        params: [p('name', K.identifier)],
        args: () => ['fz_cte'],
        call: ([n]) =>
          read()
            .consume()
            .asCte(n as string),
      },
      {
        key: 'SelectFromStreamBuilder.joinCte',
        params: [p('name', K.identifier), p('read', K.statement), p('on', K.fragment), p('options', joinOptions, { optional: true })],
        args: () => ['fz_cte2', read(), sql`TRUE`, { kind: 'LEFT', alias: 'j' }],
        call: ([n, r, o, opts]) =>
          read()
            .asCte('fz_cte1')
            .joinCte(n as string, r as never, o as never, opts as never),
      },
    ];
    return specs.map((spec) => ({ ...spec, engine: { query: true } }));
  })(),

  // ---- Tasks
  {
    key: 'createTask',
    params: [p('name', K.plainName)],
    args: () => ['fz_task'],
    call: ([n]) => createTask(n as string),
    finish: (d) => d.as(body()),
    engine: { refusedWith: TASK },
  },
  ...((): Spec[] => {
    const draft = () => createTask('fz_task');
    const finish = (d: { as(b: unknown): unknown }) => d.as(body()) as Compilable;
    const drafts: Spec[] = [
      { key: 'TaskDraft.orReplace', params: [], args: () => [], call: () => draft().orReplace() },
      { key: 'TaskDraft.ifNotExists', params: [], args: () => [], call: () => draft().ifNotExists() },
      { key: 'TaskDraft.warehouse', params: [p('name', K.text)], args: () => ['fz_wh'], call: ([n]) => draft().warehouse(n as string) },
      {
        key: 'TaskDraft.schedule',
        params: [p('schedule', schedule)],
        args: () => [{ cron: '0 */5 * * * *', timezone: 'UTC' }],
        call: ([s]) => draft().schedule(s as never),
      },
      {
        key: 'TaskDraft.after',
        params: [p('task', K.nameRef, { rest: true })],
        args: () => ['fz_parent'],
        call: (tasks) => (draft().after as (...t: unknown[]) => unknown)(...tasks),
      },
      { key: 'TaskDraft.when', params: [p('condition', K.fragment)], args: () => [streamStatus('fz_stream')], call: ([w]) => draft().when(w as never) },
      {
        key: 'TaskDraft.suspendTaskAfterNumFailures',
        params: [p('count', K.nonNegative)],
        args: () => [3],
        call: ([n]) => draft().suspendTaskAfterNumFailures(n as number),
      },
      { key: 'TaskDraft.errorIntegration', params: [p('name', K.text)], args: () => ['fz_notify'], call: ([n]) => draft().errorIntegration(n as string) },
      { key: 'TaskDraft.comment', params: [p('text', K.text)], args: () => ['fz comment'], call: ([t]) => draft().comment(t as string) },
      {
        key: 'TaskDraft.settings',
        params: [p('settings', settings)],
        args: () => [{ timezone: 'UTC', max_threads: 2 }],
        call: ([s]) => draft().settings(s as never),
      },
    ];
    const specs = drafts.map((spec) => ({ ...spec, finish, engine: { refusedWith: TASK } }));
    return [
      ...specs,
      { key: 'TaskDraft.as', params: [p('body', taskBody)], args: () => [body()], call: ([b]) => draft().as(b as never), engine: { refusedWith: TASK } },
    ];
  })(),
  {
    key: 'alterTask',
    params: [p('task', K.nameRef)],
    args: () => ['fz_task'],
    call: ([t]) => alterTask(t as string),
    finish: (s) => s.resume(),
    engine: { refusedWith: TASK },
  },
  ...((): Spec[] => {
    const start = () => alterTask('fz_task');
    const specs: Spec[] = [
      { key: 'AlterTaskStart.ifExists', params: [], args: () => [], call: () => start().ifExists(), finish: (s: { resume(): Compilable }) => s.resume() },
      { key: 'AlterTaskStart.resume', params: [], args: () => [], call: () => start().resume() },
      { key: 'AlterTaskStart.suspend', params: [], args: () => [], call: () => start().suspend() },
      {
        key: 'AlterTaskStart.set',
        params: [p('options', taskOptions)],
        args: () => [{ comment: 'fz comment', warehouse: 'fz_wh', settings: { timezone: 'UTC' } }],
        call: ([o]) => start().set(o as never),
      },
      { key: 'AlterTaskStart.unsetWarehouse', params: [], args: () => [], call: () => start().unsetWarehouse() },
      { key: 'AlterTaskStart.modifyAs', params: [p('body', taskBody)], args: () => [[body(), body()]], call: ([b]) => start().modifyAs(b as never) },
      {
        key: 'AlterTaskStart.modifyWhen',
        params: [p('condition', K.fragment)],
        args: () => [streamStatus('fz_stream')],
        call: ([w]) => start().modifyWhen(w as never),
      },
      {
        key: 'AlterTaskStart.addAfter',
        params: [p('task', K.nameRef, { rest: true })],
        args: () => ['fz_parent'],
        call: (t) => (start().addAfter as (...x: unknown[]) => unknown)(...t),
      },
      {
        key: 'AlterTaskStart.removeAfter',
        params: [p('task', K.nameRef, { rest: true })],
        args: () => ['fz_parent'],
        call: (t) => (start().removeAfter as (...x: unknown[]) => unknown)(...t),
      },
    ];
    return specs.map((spec) => ({ ...spec, engine: { refusedWith: TASK } }));
  })(),
  { key: 'executeTask', params: [p('task', K.nameRef)], args: () => ['fz_task'], call: ([t]) => executeTask(t as string), engine: { refusedWith: TASK } },
  { key: 'dropTask', params: [p('task', K.nameRef)], args: () => ['fz_task'], call: ([t]) => dropTask(t as string), engine: { refusedWith: TASK } },
  {
    key: 'streamStatus',
    params: [
      p('stream', {
        ...K.streamRef,
        byName: false,
        exactly: { how: 'engine', says: "the engine parses STREAM_STATUS('<name>') before it refuses the task (1702)" },
      }),
    ],
    args: () => ['fz_stream'],
    call: ([s]) => streamStatus(s as string),
    finish: (w) => createTask('fz_task').when(w).as(body()),
    engine: { refusedWith: TASK },
  },
  { key: 'dropTable', params: [p('table', K.tableRef)], args: () => ['fz_gone'], call: ([t]) => dropTable(t as string), finish: (d) => d.ifExists() },

  // ---- DML, table maintenance, scripts and statements written as SQL
  ...((): Spec[] => {
    const specs: Spec[] = [
      {
        key: 'update',
        params: [p('table', K.table)],
        args: () => [T],
        call: ([t]) => update(t as typeof T),
        finish: (u) => u.set({ name: 'fz' }).where(sql`id = ${-1}`),
      },
      {
        key: 'update().set',
        params: [p('values', columnValues)],
        args: () => [{ name: 'fz', id: 1 }],
        call: ([v]) => update(T).set(v as never),
        finish: (u) => u.where(sql`id = ${-1}`),
      },
      ...((): Spec[] => {
        const made = () => update(T).set({ name: 'fz' });
        return [
          {
            key: 'UpdateBuilder.set',
            params: [p('values', columnValues)],
            args: () => [{ id: 2 }],
            call: ([v]) => made().set(v as never),
            finish: (u) => u.where(sql`FALSE`),
          },
          { key: 'UpdateBuilder.where', params: [p('condition', K.fragment)], args: () => [sql`id = ${-1}`], call: ([w]) => made().where(w as never) },
        ];
      })(),
      { key: 'deleteFrom', params: [p('table', K.tableRef)], args: () => [T], call: ([t]) => deleteFrom(t as never), finish: (d) => d.where(sql`FALSE`) },
      { key: 'DeleteBuilder.where', params: [p('condition', K.fragment)], args: () => [sql`id = ${-1}`], call: ([w]) => deleteFrom(T).where(w as never) },
      {
        key: 'mergeInto',
        params: [p('table', K.table)],
        args: () => [T],
        call: ([t]) => mergeInto(t as typeof T),
        finish: (m) => m.using(SOURCE).on(sql`fz_t.id = fz_src.id`).whenMatchedThenDelete(sql`FALSE`),
      },
      {
        key: 'mergeInto().using',
        params: [p('source', mergeSource), p('alias', K.identifier, { optional: true })],
        args: () => [SOURCE, 's'],
        call: ([source, alias]) => mergeInto(T).using(source as never, alias as string),
        finish: (u, args) =>
          u
            .on(sql`fz_t.id = ${sql.id((args[1] as string | undefined) ?? (typeof args[0] === 'string' ? args[0] : 'fz_src'))}.id`)
            .whenMatchedThenDelete(sql`FALSE`),
      },
      {
        key: 'mergeInto().using().on',
        params: [p('condition', K.fragment)],
        args: () => [sql`fz_t.id = fz_src.id`],
        call: ([c]) =>
          mergeInto(T)
            .using(SOURCE)
            .on(c as never),
        finish: (m) => m.whenMatchedThenDelete(sql`FALSE`),
      },
      ...((): Spec[] => {
        const draft = () => mergeInto(T).using(SOURCE).on(sql`fz_t.id = fz_src.id`);
        const condition = p('condition', K.fragment, { optional: true });
        return [
          {
            key: 'MergeIntoBuilder.whenMatchedThenUpdate',
            params: [p('values', columnValues), condition],
            args: () => [{ name: sql`fz_src.name` }, sql`FALSE`],
            call: ([v, c]) => draft().whenMatchedThenUpdate(v as never, c as never),
          },
          {
            key: 'MergeIntoBuilder.whenMatchedThenUpdateAll',
            params: [condition],
            args: () => [sql`FALSE`],
            call: ([c]) => draft().whenMatchedThenUpdateAll(c as never),
          },
          {
            key: 'MergeIntoBuilder.whenMatchedThenDelete',
            params: [condition],
            args: () => [sql`FALSE`],
            call: ([c]) => draft().whenMatchedThenDelete(c as never),
          },
          {
            key: 'MergeIntoBuilder.whenNotMatchedThenInsert',
            params: [p('values', columnValues), condition],
            args: () => [{ id: sql`fz_src.id` }, sql`FALSE`],
            call: ([v, c]) => draft().whenNotMatchedThenInsert(v as never, c as never),
          },
          {
            key: 'MergeIntoBuilder.whenNotMatchedThenInsertAll',
            params: [condition],
            args: () => [sql`FALSE`],
            call: ([c]) => draft().whenNotMatchedThenInsertAll(c as never),
          },
        ];
      })(),
      // TRUNCATE of a table no one made: the engine parses it and answers 1025.
      { key: 'truncateTable', params: [p('table', K.tableRef)], args: () => ['fz_gone'], call: ([t]) => truncateTable(t as never) },
      { key: 'optimizeTable', params: [p('table', K.tableRef)], args: () => [T], call: ([t]) => optimizeTable(t as never), finish: (o) => o.compact() },
      { key: 'optimizeTable().all', params: [], args: () => [], call: () => optimizeTable(T).all() },
      {
        key: 'optimizeTable().compact',
        params: [
          p(
            'options',
            record('{ segment }', {
              segment: kind('boolean', (v) => typeof v === 'boolean', {
                how: 'held as',
                form: (v) => (v ? 'Segment' : 'Block'),
                says: "as the COMPACT target, 'Segment' or 'Block'",
              }),
            }),
            { optional: true },
          ),
        ],
        args: () => [{ segment: true }],
        call: ([o]) => optimizeTable(T).compact(o as never),
      },
      {
        key: 'optimizeTable().purge',
        params: [p('before', purgeBefore, { optional: true })],
        args: () => [{ timestamp: sql`now()` }],
        call: ([b]) => optimizeTable(T).purge(b as never),
      },
      {
        key: 'OptimizeTableBuilder.limit',
        params: [p('count', K.positive())],
        args: () => [10],
        call: ([n]) =>
          optimizeTable(T)
            .compact()
            .limit(n as number),
      },
      {
        key: 'statement',
        params: [
          p(
            'statement',
            kind('sql`` fragment or Kysely-compiled query', (v) => isSqlFragment(v) || isCompiledByDialect(v), identity),
          ),
        ],
        args: () => [sql`SELECT 1`],
        call: ([s]) => statement(s as never),
      },
      {
        key: 'script',
        params: [p('statements', list('statements', anyStatement))],
        args: () => [[deleteFrom(T).where(sql`FALSE`), sql`SELECT 1`]],
        call: ([list]) => script(list as never),
        finish: (s) => executeImmediate(s),
      },
      // Transactions: COMMIT and ROLLBACK without a transaction run; BEGIN renders only (it would leave the contract's
      // session in a transaction: test/engine/transactions.test.ts runs it).
      { key: 'begin', params: [], args: () => [], call: () => begin() },
      { key: 'commit', params: [], args: () => [], call: () => commit(), engine: {} },
      { key: 'rollback', params: [], args: () => [], call: () => rollback(), engine: {} },
      {
        key: 'executeImmediate',
        params: [p('script', scriptBody)],
        args: () => [script([deleteFrom(T).where(sql`FALSE`)])],
        call: ([s]) => executeImmediate(s as never),
      },
    ];
    // A script or a task body takes any statement builder: the catalogue's createStage('fz_other') runs, and is dropped.
    return specs.map((spec) => ({ ...spec, engine: { cleanup: () => ['DROP STAGE IF EXISTS fz_other'] } }));
  })(),

  // ---- Pipelines
  {
    key: 'pipeline',
    params: [p('name', K.text), p('steps', steps)],
    args: () => ['fz_pipeline', [{ title: 'create', statement: createTable(T), requires: 'cloud-control' }]],
    call: ([n, s]) => pipeline(n as string, s as never),
  },
  {
    key: 'renderPlan',
    params: [p('plan', pipelineKind), p('options', { ...record('{ revealSecrets }', { revealSecrets: K.boolean }), exactly: shapes }, { optional: true })],
    args: () => [pipeline('fz_pipeline', [{ title: 'create', statement: createTable(T) }]), { revealSecrets: false }],
    call: ([plan, o]) => renderPlan(plan as never, o as never),
  },
  {
    key: 'runPipeline',
    params: [
      p(
        'client',
        kind('client of the SDK', (v) => v instanceof DatabendClient, shapes),
      ),
      p('plan', pipelineKind),
      p(
        'options',
        kind('run options', isPlainObject, shapes, {
          keys: {
            onStep: callback,
            select: callback,
            retries: kind('integer 0..10', (v) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 10, shapes),
            onRetry: callback,
          },
          closed: true,
        }),
        { optional: true },
      ),
    ],
    // A dry run: every step is checked and recorded, nothing is sent.
    args: () => [dryClient(), pipeline('fz_pipeline', [{ title: 'create', statement: createTable(T) }]), { retries: 1, select: () => true }],
    call: ([c, plan, o]) => runPipeline(c as never, plan as never, o as never),
  },

  // ---- Schema evolution (a dry-run client reads no catalogue: every table is missing, every diff a CREATE TABLE)
  {
    key: 'introspectTable',
    params: [
      p('client', clientKind),
      p('name', kind('identifier (the table to read)', isString, shapes)),
      p('options', kind('{ database }', isPlainObject, shapes, { keys: { database: kind('identifier', isString, shapes) }, closed: true }), { optional: true }),
    ],
    args: () => [dryClient(), 'fz_t', { database: 'default' }],
    call: ([c, n, o]) => introspectTable(c as never, n as never, o as never),
  },
  {
    key: 'diffTable',
    params: [p('declared', K.table), p('live', liveTableKind, { optional: true })],
    args: () => [T, undefined],
    call: ([t, l]) => diffTable(t as never, l as never),
  },
  {
    key: 'introspectObjects',
    params: [p('client', clientKind)],
    args: () => [dryClient()],
    call: ([c]) => introspectObjects(c as never),
  },
  {
    key: 'diffObjects',
    params: [
      p('declared', declaredObjectsKind),
      p('live', liveObjectsKind),
      p(
        'options',
        kind('{ dropUndeclared }', isPlainObject, shapes, { keys: { dropUndeclared: kind('boolean', (v) => typeof v === 'boolean', shapes) }, closed: true }),
        { optional: true },
      ),
    ],
    args: () => [[createFileFormat('fz_ff', { type: 'CSV' })], [], { dropUndeclared: false }],
    call: ([d, l, o]) => diffObjects(d as never, l as never, o as never),
  },
  {
    key: 'diff',
    params: [p('client', clientKind), p('tables', tablesKind)],
    args: () => [dryClient(), [T]],
    call: ([c, t]) => diff(c as never, t as never),
  },
  {
    key: 'push',
    params: [
      p('client', clientKind),
      p('tables', tablesKind),
      p(
        'options',
        kind('{ allowDestructive }', isPlainObject, shapes, {
          keys: { allowDestructive: kind('boolean', (v) => typeof v === 'boolean', shapes) },
          closed: true,
        }),
        {
          optional: true,
        },
      ),
    ],
    args: () => [dryClient(), [T], { allowDestructive: false }],
    call: ([c, t, o]) => push(c as never, t as never, o as never),
  },
  {
    key: 'pushObjects',
    params: [
      p('client', clientKind),
      p('declared', declaredObjectsKind),
      p(
        'options',
        kind('{ dropUndeclared, allowDestructive }', isPlainObject, shapes, {
          keys: {
            dropUndeclared: kind('boolean', (v) => typeof v === 'boolean', shapes),
            allowDestructive: kind('boolean', (v) => typeof v === 'boolean', shapes),
          },
          closed: true,
        }),
        { optional: true },
      ),
    ],
    // A dry-run client lists no live object: the file format is a CREATE, recorded and not sent.
    args: () => [dryClient(), [createFileFormat('fz_ff', { type: 'CSV' })], { dropUndeclared: false, allowDestructive: false }],
    call: ([c, d, o]) => pushObjects(c as never, d as never, o as never),
  },

  // ---- Migration files (a dry-run client: generate() writes a CREATE TABLE file into a folder of ROOT, migrate()
  // plans the lock, the statements and the journal). A folder or a file's text is the file system's: any string is one
  // (test/unit/migrations.test.ts has their cases), so hostile strings are not fed; every other value is refused.
  {
    key: 'generate',
    params: [
      p('client', clientKind),
      p('tables', tablesKind),
      p(
        'options',
        kind('{ dir, name, allowDestructive }', isPlainObject, shapes, {
          keys: {
            dir: kind('folder path', isString, shapes),
            name: kind('file name part [a-z0-9_]', isString, shapes),
            allowDestructive: kind('boolean', (v) => typeof v === 'boolean', shapes),
          },
          closed: true,
        }),
      ),
    ],
    args: () => [dryClient(), [T], { dir: join(ROOT, 'fz_migrations'), name: 'fz', allowDestructive: false }],
    call: ([c, t, o]) => generate(c as never, t as never, o as never),
    skips: { when: (v) => typeof v === 'string', why: 'a folder path or a file name: the file system defines what a string names' },
  },
  {
    key: 'migrate',
    params: [
      p('client', clientKind),
      p(
        'options',
        kind('{ dir, lockTimeoutMs }', isPlainObject, shapes, {
          keys: {
            dir: kind('folder path', isString, shapes),
            lockTimeoutMs: kind('integer 0..3600000', (v) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 3_600_000, shapes),
          },
          closed: true,
        }),
      ),
    ],
    args: () => [dryClient(), { dir: join(ROOT, 'fz_migrations'), lockTimeoutMs: 1000 }],
    call: ([c, o]) => migrate(c as never, o as never),
    skips: { when: (v) => typeof v === 'string', why: 'a folder path: the file system defines what a string names' },
  },
  {
    key: 'readMigrations',
    params: [p('dir', kind('folder path', isString, shapes))],
    args: () => [join(ROOT, 'fz_migrations')],
    call: ([d]) => readMigrations(d as never),
    skips: { when: (v) => typeof v === 'string', why: 'a folder path: the file system defines what a string names' },
  },
  {
    key: 'splitMigration',
    params: [p('text', kind('migration file text', isString, shapes)), p('file', kind('file name', isString, shapes), { optional: true })],
    args: () => ['-- statement\nSELECT 1;\n', '0001_fz.sql'],
    call: ([t, f]) => splitMigration(t as never, f as never),
    skips: { when: (v) => typeof v === 'string', why: "a migration file's text: any string is one" },
  },

  // ---- Code generation (pull, infer): a dry-run client reads no catalogue and infers nothing
  {
    key: 'generateDeclarations',
    params: [
      p(
        'tables',
        kind('list of live tables (introspectTable())', (v) => Array.isArray(v) && v.every(isPlainObject), shapes),
      ),
      p('options', pullOptionsKind('{ layout, importFrom, fileName }', false), { optional: true }),
    ],
    args: () => [[LIVE], { layout: 'per-table', importFrom: 'databend-etl' }],
    call: ([t, o]) => generateDeclarations(t as never, o as never),
  },
  {
    key: 'pull',
    params: [p('client', clientKind), p('options', pullOptionsKind('{ tables, database, layout, importFrom, fileName }', true), { optional: true })],
    args: () => [dryClient(), { tables: ['fz_t'], database: 'default', layout: 'one-file', fileName: 'schema.ts' }],
    call: ([c, o]) => pull(c as never, o as never),
  },
  {
    key: 'infer',
    params: [
      p('client', clientKind),
      p(
        'options',
        kind('{ stage, path, format, table, pattern, formatName, importFrom }', isPlainObject, shapes, {
          keys: {
            stage: kind('plain name', isString, shapes),
            path: kind('stage path', isString, shapes),
            format: kind("'PARQUET' | 'CSV' | 'NDJSON'", (v) => v === 'PARQUET' || v === 'CSV' || v === 'NDJSON', shapes),
            table: kind('identifier', isString, shapes),
            pattern: kind('regex', isString, shapes),
            formatName: kind('plain name', isString, shapes),
            importFrom: kind('module name', isString, shapes),
          },
          closed: true,
        }),
      ),
    ],
    args: () => [dryClient(), { stage: FS_STAGE, path: 'p/', format: 'NDJSON', table: 'fz_t' }],
    // A dry run sends nothing, so INFER_SCHEMA answers no column: the one outcome of valid arguments here.
    call: ([c, o]) =>
      infer(c as never, o as never).catch((error: unknown) => {
        if (error instanceof Error && !(error instanceof ValidationError) && /found no columns/.test(error.message)) return undefined;
        throw error;
      }),
  },

  // ---- The client (a dry run: nothing is sent, every check still runs; the engine runs use the engine's client)
  {
    key: 'createClient',
    params: [p('options', clientOptions)],
    args: () => [{ dsn: 'databend://root:@127.0.0.1:9/default', dryRun: true, timezone: 'UTC', observe: () => {} }],
    call: ([o]) => createClient(o as never),
  },
  {
    key: 'new DatabendClient',
    params: [p('options', clientOptions)],
    args: () => [{ dsn: 'databend://root:@127.0.0.1:9/default', dryRun: true }],
    call: ([o]) => new DatabendClient(o as never),
  },
  { key: 'maskDsn', params: [p('dsn', K.dsn)], args: () => ['databend://u:p@h:8000/db'], call: ([d]) => maskDsn(d as string) },
  {
    key: 'DatabendClient.execute',
    params: [p('statement', executable)],
    args: () => [createTable(MADE).ifNotExists()],
    call: ([s]) => dryClient().execute(s as never),
    // A statement builder from the catalogue (createStage('fz_other')) is a statement, and runs.
    engine: { viaClient: (client, [s]) => client.execute(s as never), cleanup: () => ['DROP TABLE IF EXISTS fz_made', 'DROP STAGE IF EXISTS fz_other'] },
  },
  ...(['query', 'stream'] as const).map(
    (m): Spec => ({
      key: `DatabendClient.${m}`,
      params: [p('statement', executable), p('options', queryOptions, { optional: true })],
      args: () => [sql`SELECT 1 AS id`, {}],
      call: ([s, o]) => readAll(dryClient(), m, s, o),
      engine: { viaClient: (client, [s, o]) => readAll(client, m, s, o) },
    }),
  ),
  {
    key: 'DatabendClient.copy',
    params: [p('statement', copyStatement)],
    args: () => [copyInto(T).fromStage(FS_STAGE, 'in/').fileFormat({ type: 'CSV' }).force()],
    call: ([s]) => dryClient().copy(s as never),
    engine: { viaClient: (client, [s]) => client.copy(s as never), cleanup: () => ['TRUNCATE TABLE fz_t'] },
  },
  {
    key: 'DatabendClient.list',
    params: [p('statement', listStatement)],
    args: () => [listStage(FS_STAGE, 'in/')],
    call: ([s]) => dryClient().list(s as never),
    engine: { viaClient: (client, [s]) => client.list(s as never) },
  },
  { key: 'DatabendClient.close', params: [], args: () => [], call: () => dryClient().close() },

  // ---- The builder classes' constructors: exported for instanceof and their types, made by the entry points. Each
  // takes a statement node, statement data that is SQL by design (as render()'s); what is no statement node is
  // refused, and a node that lacks a part is a ValidationError when it is rendered. The node is adopted as given (as
  // Kysely's builders adopt theirs): the spec renders at once, as render() does.
  ...builderConstructors(),
];

/** One spec per builder class: its constructor given a node (and, for the projecting builders, the table and mapping). */
function builderConstructors(): Spec[] {
  const nodeKind = kind('statement node (SQL by design)', (v) => isPlainObject(v) && isString(v.kind), shapes);
  const tableKind = kind('declared table', (v) => v instanceof Table, shapes);
  const mappingKind = kind('mapping { column: name or sql`` }', isPlainObject, shapes, {
    keys: { id: kind('name or fragment', (v) => isString(v) || isSqlFragment(v), shapes) },
    closed: false,
  });
  const made: readonly [new (...args: any[]) => Compilable, () => Compilable, boolean?][] = [
    [CreateTableBuilder, () => createTable(T)],
    [CreateStageBuilder, () => fsStage()],
    [CreateConnectionBuilder, () => createConnection('fz_conn').s3({ accessKeyId: 'k', secretAccessKey: 's' })],
    [CreateFileFormatBuilder, () => createFileFormat('fz_ff', { type: 'CSV' })],
    [ListStageBuilder, () => listStage(FS_STAGE, 'in/')],
    [RemoveStageBuilder, () => removeFromStage(FS_STAGE, 'out/')],
    [CopyIntoStageBuilder, () => copyIntoStage(FS_STAGE, 'out/').from(T)],
    [CreateStreamBuilder, () => createStream('fz_stream').onTable(T)],
    [SelectFromStreamBuilder, () => selectFromStream('fz_stream')],
    [CreateTaskBuilder, () => createTask('fz_task').as(body())],
    [AlterTaskBuilder, () => alterTask('fz_task').resume()],
    [ExecuteTaskBuilder, () => executeTask('fz_task')],
    [DropBuilder, () => dropTable('fz_gone').ifExists()],
    [AlterTableBuilder, () => alterTable('fz_t').comment('fz')],
    [CreateIndexBuilder, () => createIndex(invertedIndex('fz_inv', ['name']), T)],
    [DropIndexBuilder, () => dropIndex('INVERTED', 'fz_inv', T).ifExists()],
    [RefreshIndexBuilder, () => refreshIndex('INVERTED', 'fz_inv', T)],
    [SelectStageBuilder, () => selectFromStage(FS_STAGE, 'in/').columns('$1').fileFormat('CSV')],
    [InferSchemaBuilder, () => inferSchema(FS_STAGE, 'in/').fileFormat('CSV')],
    [ListStageFilesBuilder, () => listStageFiles(FS_STAGE, 'in/')],
    [DeleteBuilder, () => deleteFrom(T).where(sql`FALSE`)],
    [InsertValuesBuilder, () => insertInto(T).values([{ id: 1 }])],
    [TruncateTableBuilder, () => truncateTable('fz_gone')],
    [OptimizeTableBuilder, () => optimizeTable(T).compact()],
    [SqlStatementBuilder, () => statement(sql`SELECT 1`)],
    [ScriptBuilder, () => script([deleteFrom(T).where(sql`FALSE`)])],
    [ExecuteImmediateBuilder, () => executeImmediate(script([deleteFrom(T).where(sql`FALSE`)]))],
    [TransactionBuilder, () => begin()],
    [PresignBuilder, () => presign(FS_STAGE, 'in/a.csv')],
    [ShowBuilder, () => showConnections()],
    [ShowStagesBuilder, () => showStages().like('fz%').limit(1)],
    [ShowStreamsBuilder, () => showStreams().full().like('fz%')],
    [ShowTasksBuilder, () => showTasks().like('fz%')],
    [DescribeBuilder, () => describeStage(FS_STAGE)],
  ];
  const plain = made.map(
    ([Cls, example]): Spec => ({
      key: `new ${Cls.name}`,
      params: [p('node', nodeKind)],
      args: () => [example().toNode()],
      call: ([node]) => new Cls(node),
      finish: (builder: Compilable) => builder.compile(),
    }),
  );
  const projecting: Spec[] = [
    { Cls: CopyIntoTableBuilder, example: () => copyInto(T).fromStage(FS_STAGE, 'in/').fileFormat({ type: 'CSV' }) },
    { Cls: InsertFromStageBuilder, example: () => insertInto(T).fromStage(FS_STAGE, 'in/').fileFormat('CSV') },
    { Cls: InsertSelectBuilder, example: () => insertInto(T).fromTable(SOURCE) },
    { Cls: SelectStageBuilder, example: () => selectFromStage(FS_STAGE, 'in/').fileFormat('CSV').typedAs(T), tableOptional: true },
  ].map(({ Cls, example, tableOptional }) => ({
    key: `new ${Cls.name}`,
    variant: 'node, table and mapping',
    params: [p('node', nodeKind), p('table', tableKind, { optional: tableOptional === true }), p('mapping', mappingKind, { optional: true })],
    args: () => [example().toNode(), T, { id: 'id' }],
    call: ([node, t, m]) => new (Cls as new (...args: unknown[]) => Compilable)(node, t, m),
    finish: (builder: Compilable) => builder.compile(),
  }));
  const typed: Spec[] = [
    { Cls: UpdateBuilder, example: () => update(T).set({ name: 'fz' }).where(sql`FALSE`) },
    { Cls: InsertQueryBuilder, example: () => insertInto(T).select(sql`SELECT id, name, doc, at FROM fz_src`) },
    { Cls: MergeIntoBuilder, example: () => mergeInto(T).using(SOURCE).on(sql`fz_t.id = fz_src.id`).whenMatchedThenDelete(sql`FALSE`) },
  ].map(({ Cls, example }) => ({
    key: `new ${Cls.name}`,
    variant: 'node and table',
    params: [p('node', nodeKind), p('table', tableKind)],
    args: () => [example().toNode(), T],
    call: ([node, t]) => new (Cls as new (...args: unknown[]) => Compilable)(node, t),
    finish: (builder: Compilable) => builder.compile(),
  }));
  return [...plain, ...projecting, ...typed];
}

/** Methods without parameters, getters and classes whose constructors the SDK calls, not callers. */
export const EXEMPT: readonly Exempt[] = [
  ...[
    'Secret.reveal',
    'Secret.toString',
    'Secret.toJSON',
    'Secret.[nodejs.util.inspect.custom]',
    'StatementBuilder.[nodejs.util.inspect.custom]',
    'CheckedPipeline.[nodejs.util.inspect.custom]',
  ].map((key) => ({
    key,
    why: 'no parameters: it prints or returns what the object holds',
  })),
  ...[
    'DatabendEtlError',
    'ValidationError',
    'ServerError',
    'TransportError',
    'DriverMissingError',
    'RowValidationError',
    'InexactReadError',
    'SchemaDriftError',
    'SchemaChangeRefusedError',
    'MigrationError',
  ].map((name) => ({
    key: `new ${name}`,
    why: 'an error class: the SDK throws it with its own message parts; a caller catches it',
  })),
  { key: 'new InsertBuilder', why: 'abstract: made through insertInto()' },
];

/** The canary, for the engine test. */
export { CANARY };
