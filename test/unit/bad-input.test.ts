// Every class of bad input tried, and the error it gets: the source of docs/bad-input.md. Each case is run and must
// throw (or reject with) exactly its error class, reason code and message; the doc's table is rendered from the same cases and
// must be the one in docs/bad-input.md.
// Regenerate the doc after changing a case: UPDATE_BAD_INPUT_DOC=1 npx vitest run --project unit test/unit/bad-input.test.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DriverField, DriverModule } from '../../src/client/driver-types.js';
import { Kysely } from 'kysely';
import { cast, cosineDistance, DatabendDialect, fromStage, generateSeries, numbers, variantPath } from '../../src/kysely/index.js';
import { ensureLocalEngine, startLocalDatabend } from '../../src/local/index.js';
import {
  alterTable,
  alterTask,
  createIndex,
  invertedIndex,
  ngramIndex,
  refreshIndex,
  vectorIndex,
  array,
  copyInto,
  copyIntoStage,
  copyIntoLocation,
  location,
  presign,
  createClient,
  createConnection,
  createFileFormat,
  createStage,
  createStream,
  createTask,
  decimal,
  insertInto,
  double,
  DatabendEtlError,
  int,
  listStage,
  map,
  pipeline,
  RowValidationError,
  selectFromStage,
  sql,
  string,
  table,
  Table,
  timestamp,
  tinyint,
  bigint,
  variant,
  tuple,
  Column,
  createTable,
  selectFromStream,
  maskDsn,
  render,
  renderPlan,
  runPipeline,
  diff,
  diffObjects,
  diffTable,
  generateDeclarations,
  infer,
  introspectObjects,
  pushObjects,
  introspectTable,
  pull,
  push,
  generate,
  migrate,
  splitMigration,
  dropStage,
  describeStage,
  describeTask,
  showStages,
  showStreams,
  showTasks,
  insertSchema,
  secret,
  ValidationError,
  VALIDATION_REASONS,
  staged,
  inferSchema,
  listStageFiles,
  vector,
  update,
  deleteFrom,
  mergeInto,
  optimizeTable,
  statement,
  script,
  executeImmediate,
  type Compilable,
  type ValidationReason,
} from '../../src/index.js';

const DOC = fileURLToPath(new URL('../../docs/bad-input.md', import.meta.url));

/** A case: a ValidationError with its reason code, or a RowValidationError (which has none). */
type BadInput = {
  readonly area: string;
  /** What was wrong, as the doc says it. */
  readonly input: string;
  readonly attempt: () => unknown;
  readonly message: string;
} & (
  | { readonly error: typeof ValidationError; readonly reason: ValidationReason }
  | { readonly error: typeof RowValidationError; readonly reason?: undefined }
);

const events = table('events', { id: int().notNull(), name: string(), score: double(), at: timestamp(), embedding: vector(2) });
const sessions = table('sessions', { session_id: string().notNull() });
const body = copyInto(sessions).fromStage('s', 'p/');

/** A databend-driver stand-in answering every query with these rows, typed as `events`' columns. */
function driverAnswering(rows: unknown[][]): DriverModule {
  const fields: DriverField[] = [
    { name: 'id', dataType: 'Int32' },
    { name: 'name', dataType: 'Nullable(String)' },
    { name: 'score', dataType: 'Nullable(Float64)' },
    { name: 'at', dataType: 'Nullable(Timestamp)' },
    { name: 'embedding', dataType: 'Nullable(Vector(2))' },
  ];
  return {
    Client: class {
      async getConn() {
        return {
          exec: async () => 0,
          queryIter: async () => {
            let i = 0;
            return { schema: () => ({ fields: () => fields }), next: async () => (i < rows.length ? { values: () => rows[i++]! } : null), close: () => {} };
          },
          close: async () => {},
        };
      }
    },
  };
}

/** RowValidationError's message: the row's index and the schema's issues, as zod prints them (indented JSON). */
const rowMessage = (index: number, issues: readonly object[]) => `Row ${index} does not match the schema: ${JSON.stringify(issues, null, 2)}`;

const readEvents = (rows: unknown[][]) => () =>
  createClient({ dsn: 'databend://root:@127.0.0.1:9/default', driver: driverAnswering(rows) }).query('SELECT * FROM events', { table: events, validate: true });
const at = new Date('2024-08-16T10:00:00Z');

const V = ValidationError;
const CASES: readonly BadInput[] = [
  // ---- Schema
  {
    area: 'schema',
    input: 'an empty table name',
    attempt: () => table('', { a: int() }),
    error: V,
    reason: 'too_small',
    message: "table(''): table name must be a non-empty string",
  },
  {
    area: 'schema',
    input: 'a table name of 256 characters',
    attempt: () => table('t'.repeat(256), { a: int() }),
    error: V,
    reason: 'too_big',
    message: `table('${'t'.repeat(256)}'): table name must be at most 255 characters`,
  },
  {
    area: 'schema',
    input: 'a column name with a newline',
    attempt: () => table('t', { 'a\nb': int() }),
    error: V,
    reason: 'invalid_format',
    message: "table('t'): column name 'a\nb' must not contain control characters",
  },
  {
    area: 'schema',
    input: 'a column name with a trailing space',
    attempt: () => table('t', { 'a ': int() }),
    error: V,
    reason: 'invalid_format',
    message: "table('t'): column name 'a ' must not start or end with white space",
  },
  {
    area: 'schema',
    input: 'a column name with a backslash',
    attempt: () => table('t', { 'a\\b': int() }),
    error: V,
    reason: 'invalid_format',
    message: "table('t'): column name 'a\\b' must not contain a backslash (Databend reads escapes in quoted names)",
  },
  {
    area: 'schema',
    input: "a column named like an internal column ('_row_id')",
    attempt: () => table('t', { _row_id: int() }),
    error: V,
    reason: 'reserved',
    message: "table('t'): column name '_row_id' is a Databend internal column",
  },
  {
    area: 'schema',
    input: 'a table without columns',
    attempt: () => table('t', {}),
    error: V,
    reason: 'too_small',
    message: "table('t'): a table needs at least one column",
  },
  {
    area: 'schema',
    input: 'CLUSTER BY a column the table lacks',
    attempt: () => table('t', { a: int() }, { clusterBy: ['b' as 'a'] }),
    error: V,
    reason: 'unknown_key',
    message: "table('t'): CLUSTER BY names an unknown column 'b'",
  },
  {
    area: 'schema',
    input: 'a table option key that is SQL (`compression = 1 COMMENT`)',
    attempt: () => table('t', { a: int() }, { engineOptions: { 'compression = 1 COMMENT': 'x' } }),
    error: V,
    reason: 'invalid_format',
    message: "table('t'): table option 'compression = 1 COMMENT' must be a plain identifier",
  },
  {
    area: 'schema',
    input: 'a table option named by a reserved keyword, CLUSTER or ENGINE',
    attempt: () => table('t', { a: int() }, { engineOptions: { engine: 'FUSE' } }),
    error: V,
    reason: 'reserved',
    message: "table('t'): table option 'engine' is a reserved keyword (or CLUSTER, ENGINE), which CREATE TABLE reads as its own",
  },
  {
    area: 'schema',
    input: 'CLUSTER BY a column the engine would store as a keyword (`current_date`, `div`, reserved words)',
    attempt: () => table('t', { current_date: int() }, { clusterBy: ['current_date'] }),
    error: V,
    reason: 'reserved',
    message:
      "table('t'): CLUSTER BY column 'current_date': Databend stores cluster keys unquoted and would read 'current_date' back as a keyword, not the column",
  },
  {
    area: 'schema',
    input: 'a table option that is not a finite number',
    attempt: () => table('t', { a: int() }, { engineOptions: { block_per_segment: Number.NaN } }),
    error: V,
    reason: 'not_exact',
    message: "table('t'): table option 'block_per_segment' must be a string, a boolean or an integer from 0 to 2^53 - 1",
  },
  {
    area: 'schema',
    input: 'DECIMAL(77, 0)',
    attempt: () => decimal(77),
    error: V,
    reason: 'too_big',
    message: 'decimal(77, 0): precision must be an integer from 1 to 76',
  },
  {
    area: 'schema',
    input: 'DECIMAL(10, 11)',
    attempt: () => decimal(10, 11),
    error: V,
    reason: 'too_big',
    message: 'decimal(10, 11): scale must be an integer from 0 to the precision',
  },
  {
    area: 'schema',
    input: 'VECTOR(0)',
    attempt: () => vector(0),
    error: V,
    reason: 'too_small',
    message: 'vector(0): dimension must be an integer from 1 to 4096',
  },
  {
    area: 'schema',
    input: 'VECTOR(4097)',
    attempt: () => vector(4097),
    error: V,
    reason: 'too_big',
    message: 'vector(4097): dimension must be an integer from 1 to 4096',
  },
  {
    area: 'schema',
    input: 'a MAP keyed by an ARRAY',
    attempt: () => map(array(string()), int()),
    error: V,
    reason: 'invalid_value',
    message:
      'map(ARRAY, …): the key type must be one of BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, TINYINT UNSIGNED, SMALLINT UNSIGNED, INT UNSIGNED, BIGINT UNSIGNED, DECIMAL, STRING, DATE, TIMESTAMP',
  },
  {
    area: 'schema',
    input: 'a TUPLE field name with a NUL',
    attempt: () => tuple({ ['a\0b']: int() }),
    error: V,
    reason: 'invalid_format',
    message: 'tuple({...}): field name must not contain control characters',
  },
  {
    area: 'schema',
    input: "an ARRAY of a type name ('INT') instead of a column function",
    attempt: () => array('INT' as never),
    error: V,
    reason: 'invalid_type',
    message: 'array(): the element type must be a column function such as string() or int()',
  },
  {
    area: 'schema',
    input: 'the Table constructor called directly with a bad name',
    attempt: () => new Table('a\nb', { id: int() }),
    error: V,
    reason: 'invalid_format',
    message: "table('a\nb'): table name must not contain control characters",
  },
  {
    area: 'options',
    input: 'ON_ERROR given two modes at once',
    attempt: () => body.onError({ abortAfter: 1, skipFileAfter: 2 } as never),
    error: V,
    reason: 'conflict',
    message: "copyInto('sessions').onError(): ON_ERROR takes ABORT, CONTINUE, SKIP_FILE, { abortAfter: n } or { skipFileAfter: n } with n a positive integer",
  },
  {
    area: 'options',
    input: "a client time zone that is no zone ('Mars/Olympus')",
    attempt: () => createClient({ dsn: 'databend://u:p@h:8000/', timezone: 'Mars/Olympus' }),
    error: V,
    reason: 'invalid_format',
    message: "createClient(): timezone must be an IANA time zone name such as 'UTC' or 'Asia/Shanghai'",
  },
  {
    area: 'options',
    input: "dryRun: 'false' (a string)",
    attempt: () => createClient({ dsn: 'databend://u:p@h:8000/', dryRun: 'false' as never }),
    error: V,
    reason: 'invalid_type',
    message: 'createClient(): dryRun must be true or false (a boolean), not a string',
  },
  {
    area: 'options',
    input: 'connectTimeoutMs: -1',
    attempt: () => createClient({ dsn: 'databend://u:p@h:8000/', connectTimeoutMs: -1 }),
    error: V,
    reason: 'too_small',
    message: 'createClient(): connectTimeoutMs must be an integer 0..2147483647 (0: no check), not -1',
  },
  {
    area: 'options',
    input: "connectRetries: '3' (a string)",
    attempt: () => createClient({ dsn: 'databend://u:p@h:8000/', connectRetries: '3' as never }),
    error: V,
    reason: 'invalid_type',
    message: 'createClient(): connectRetries must be an integer 0..10, not a string',
  },
  {
    area: 'values',
    input: 'int().default(1.5) (it stored 2)',
    attempt: () => int().default(1.5),
    error: V,
    reason: 'not_exact',
    message: 'column.default(): INT takes an integer (a safe integer as a number, or a bigint), not 1.5',
  },
  {
    area: 'values',
    input: 'a DEFAULT out of the column type range',
    attempt: () => tinyint().default(300),
    error: V,
    reason: 'too_big',
    message: 'column.default(): TINYINT takes an integer from -128 to 127, not 300',
  },
  {
    area: 'values',
    input: 'a BIGINT given 2**60 as a number (not a safe integer)',
    attempt: () => bigint().default(2 ** 60),
    error: V,
    reason: 'not_exact',
    message: 'column.default(): BIGINT takes an integer (a safe integer as a number, or a bigint), not 1152921504606847000',
  },
  {
    area: 'values',
    input: "a BIGINT in 'string' mode given text that is no integer",
    attempt: () => bigint({ mode: 'string' }).default('12a'),
    error: V,
    reason: 'invalid_format',
    message: "column.default(): BIGINT takes an integer as decimal digits, not '12a'",
  },
  {
    area: 'values',
    input: 'a Map where a MAP value goes (it was stored as {})',
    attempt: () => map(string(), int()).default(new Map([['a', 1]]) as never),
    error: V,
    reason: 'invalid_type',
    message:
      'column.default(): a Map is not a value that can be written as SQL: use a string, number, bigint, boolean, Date, Uint8Array, array or plain object',
  },
  {
    area: 'values',
    input: 'an invalid Date in the sql tag',
    attempt: () => sql`SELECT ${new Date(NaN)}`,
    error: V,
    reason: 'not_exact',
    message: 'sql``: an invalid Date (its time is NaN) has no value to write',
  },
  {
    area: 'values',
    input: 'a bigint inside a VARIANT value',
    attempt: () => variant().default({ n: 1n } as never),
    error: V,
    reason: 'invalid_type',
    message: 'column.default(): a VARIANT (JSON) value cannot hold a bigint',
  },
  {
    area: 'values',
    input: 'a cycle inside an object in the sql tag',
    attempt: () => {
      const o: Record<string, unknown> = {};
      o.self = o;
      return sql`SELECT ${o}`;
    },
    error: V,
    reason: 'not_exact',
    message: 'sql``: a value holding itself (a cycle) cannot be written',
  },
  {
    area: 'values',
    input: 'a function in the sql tag',
    attempt: () => sql`SELECT ${() => 1}`,
    error: V,
    reason: 'invalid_type',
    message: 'sql``: a function is not a value that can be written as SQL: use a string, number, bigint, boolean, Date, Uint8Array, array or plain object',
  },
  {
    area: 'schema',
    input: 'a TUPLE without fields',
    attempt: () => tuple({}),
    error: V,
    reason: 'too_small',
    message: 'tuple({}): a tuple needs at least one field',
  },
  {
    area: 'schema',
    input: "CLUSTER BY type pasted as SQL ('LINEAR (a) AS SELECT ...')",
    attempt: () => table('t', { a: int() }, { clusterBy: { columns: ['a'], type: 'LINEAR (a) AS SELECT * FROM other --' as never } }),
    error: V,
    reason: 'invalid_value',
    message: "table('t'): clusterBy.type must be one of LINEAR, HILBERT",
  },
  {
    area: 'schema',
    input: "CLUSTER BY a string ('a') instead of a list",
    attempt: () => table('t', { a: int() }, { clusterBy: 'a' as never }),
    error: V,
    reason: 'invalid_type',
    message: "table('t'): clusterBy must list column names or sql`` expressions: ['a', sql`to_date(ts)`] or { columns: ['a'], type: 'LINEAR' | 'HILBERT' }",
  },
  {
    area: 'schema',
    input: 'an unknown table option',
    attempt: () => table('t', { a: int() }, { clusterby: ['a'] } as never),
    error: V,
    reason: 'unknown_key',
    message: "table('t'): unknown table option 'clusterby' (known: database, comment, clusterBy, transient, engineOptions, indexes)",
  },
  {
    area: 'schema',
    input: "transient: 'false' (a string)",
    attempt: () => table('t', { a: int() }, { transient: 'false' as never }),
    error: V,
    reason: 'invalid_type',
    message: "table('t'): transient must be true or false (a boolean), not a string",
  },
  {
    area: 'schema',
    input: 'a column that is not a column declaration',
    attempt: () => table('t', { a: 'INT' as never }),
    error: V,
    reason: 'invalid_type',
    message: "table('t'): column 'a' must be declared with a column function such as string() or int(), not a string",
  },
  {
    area: 'schema',
    input: 'a column comment that is an array',
    attempt: () => int().comment(['a'] as never),
    error: V,
    reason: 'invalid_type',
    message: 'column.comment(): comment must be a string, not an array',
  },

  // ---- Object names: stages, connections, file formats
  {
    area: 'names',
    input: 'a NUL in sql.id() (a result column name with a NUL took the local engine down)',
    attempt: () => sql.id('a\0b'),
    error: V,
    reason: 'invalid_format',
    message: 'sql.id(): identifier must not contain control characters',
  },
  {
    area: 'names',
    input: 'a lone surrogate in a column name',
    attempt: () => table('t', { ['a\ud800']: int() }),
    error: V,
    reason: 'not_exact',
    message: "table('t'): column name 'a\ud800' must not hold a lone surrogate (UTF-8 has no form for it)",
  },
  {
    area: 'names',
    input: 'a lone surrogate in a string value',
    attempt: () => sql`SELECT ${'x\udc00'}`,
    error: V,
    reason: 'not_exact',
    message: 'string literal: a string holding a lone surrogate (an unpaired U+D800..U+DFFF) cannot be sent exactly: UTF-8 has no form for it',
  },
  {
    area: 'names',
    input: 'a stage name with a space',
    attempt: () => createStage('raw files'),
    error: V,
    reason: 'invalid_format',
    message: "createStage('raw files'): stage name must be a plain identifier (a letter or _ followed by letters, digits or _)",
  },
  {
    area: 'names',
    input: 'a reserved keyword as a stage name',
    attempt: () => createStage('select'),
    error: V,
    reason: 'reserved',
    message: "createStage('select'): stage name 'select' is a reserved keyword",
  },
  {
    area: 'names',
    input: "'if' as a connection name",
    attempt: () => createConnection('IF'),
    error: V,
    reason: 'reserved',
    message: "createConnection('IF'): connection name 'if' cannot be told apart from IF [NOT] EXISTS",
  },
  {
    area: 'names',
    input: 'a format type as a file format name',
    attempt: () => createFileFormat('Parquet', { type: 'PARQUET' }),
    error: V,
    reason: 'reserved',
    message:
      "createFileFormat('Parquet'): file format name 'Parquet' is reserved: it names a format type (csv, text, tsv, tabseparated, ndjson, jsoneachrow, parquet, lance, xml, json, orc, avro)",
  },
  {
    area: 'names',
    input: 'OR REPLACE with IF NOT EXISTS',
    attempt: () => createConnection('c').orReplace().ifNotExists(),
    error: V,
    reason: 'conflict',
    message: "createConnection('c').ifNotExists(): OR REPLACE and IF NOT EXISTS cannot be used together (Databend refuses the pair)",
  },

  // ---- Credentials
  {
    area: 'credentials',
    input: 'a parameter s3 does not have',
    attempt: () => createConnection('c').s3({ accessKey: 'x' } as never),
    error: V,
    reason: 'unknown_key',
    message:
      "createConnection('c').s3(): s3 storage has no parameter 'accessKey' (accepted: accessKeyId, secretAccessKey, endpointUrl, region, sessionToken, roleArn, externalId, masterKey, enableVirtualHostStyle)",
  },
  {
    area: 'credentials',
    input: "a parameter named like an Object.prototype member ('toString')",
    attempt: () => createConnection('c').s3({ accessKeyId: 'a', secretAccessKey: 'b', toString: 'x' } as never),
    error: V,
    reason: 'unknown_key',
    message:
      "createConnection('c').s3(): s3 storage has no parameter 'toString' (accepted: accessKeyId, secretAccessKey, endpointUrl, region, sessionToken, roleArn, externalId, masterKey, enableVirtualHostStyle)",
  },
  {
    area: 'credentials',
    input: 'an empty access key',
    attempt: () => createConnection('c').s3({ accessKeyId: '' }),
    error: V,
    reason: 'too_small',
    message: "createConnection('c').s3(): ACCESS_KEY_ID (accessKeyId) must be a non-empty string",
  },
  {
    area: 'credentials',
    input: 'gcs without its CREDENTIAL',
    attempt: () => createConnection('c').gcs({} as never),
    error: V,
    reason: 'missing',
    message: "createConnection('c').gcs(): gcs storage needs CREDENTIAL (credential)",
  },
  {
    area: 'credentials',
    input: 'oss without its endpoint',
    attempt: () => createConnection('c').oss({ accessKeyId: 'k' } as never),
    error: V,
    reason: 'missing',
    message: "createConnection('c').oss(): oss storage needs ENDPOINT_URL (endpointUrl)",
  },
  {
    area: 'credentials',
    input: "ENABLE_VIRTUAL_HOST_STYLE = 'yes'",
    attempt: () => createConnection('c').s3({ enableVirtualHostStyle: 'yes' as never }),
    error: V,
    reason: 'invalid_type',
    message: "createConnection('c').s3(): ENABLE_VIRTUAL_HOST_STYLE (enableVirtualHostStyle) must be true or false",
  },
  {
    area: 'credentials',
    input: 'credentials for a local (fs://) stage',
    attempt: () =>
      createStage('s')
        .url('fs:///data/')
        .credentials({} as never),
    error: V,
    reason: 'unsupported',
    message: "createStage('s').credentials(): fs:// stages take no credentials",
  },
  {
    area: 'credentials',
    input: 'a connection for an internal stage',
    attempt: () => createStage('s').connection('c'),
    error: V,
    reason: 'missing',
    message: "createStage('s').connection(): an internal stage has no connection: call url() first",
  },
  {
    area: 'credentials',
    input: 'a gcs connection for an s3:// stage',
    attempt: () =>
      createStage('s')
        .url('s3://b/raw/')
        .connection(createConnection('g').gcs({ credential: 'x' }) as never),
    error: V,
    reason: 'conflict',
    message: "createStage('s').connection(): connection g is for gcs, the URL is s3://",
  },

  // ---- Stage URLs
  {
    area: 'URLs',
    input: "a stage URL without the final '/'",
    attempt: () => createStage('s').url('s3://b/raw'),
    error: V,
    reason: 'invalid_format',
    message: "createStage('s').url(): path in URL must end with '/' when CREATE STAGE",
  },
  {
    area: 'URLs',
    input: 'a bare local path',
    attempt: () => createStage('s').url('/data/raw/'),
    error: V,
    reason: 'invalid_format',
    message: "createStage('s').url(): local filesystem paths must use fs:///path/ instead of /path/",
  },
  {
    area: 'URLs',
    input: 'a file:// URL',
    attempt: () => createStage('s').url('file:///data/raw/'),
    error: V,
    reason: 'invalid_format',
    message: "createStage('s').url(): local filesystem paths must use fs:///path/ instead of file:///path/",
  },
  {
    area: 'URLs',
    input: 'an ftp:// URL',
    attempt: () => createStage('s').url('ftp://host/raw/'),
    error: V,
    reason: 'invalid_value',
    message: "createStage('s').url(): URL scheme must be one of s3://, gcs://, azblob://, oss://, cos://, obs://, hf://, fs://",
  },
  {
    area: 'URLs',
    input: 'a relative fs:// path',
    attempt: () => createStage('s').url('fs://data/raw/'),
    error: V,
    reason: 'invalid_format',
    message: "createStage('s').url(): a local URL takes an absolute path: fs:///path/",
  },
  {
    area: 'URLs',
    input: "'?' in an s3:// URL",
    attempt: () => createStage('s').url('s3://b/raw/?v=2/'),
    error: V,
    reason: 'invalid_format',
    message: "createStage('s').url(): an object-store URL must not contain '?' or '#' (the engine drops what follows)",
  },
  {
    area: 'URLs',
    input: 'an s3:// URL without a bucket',
    attempt: () => createStage('s').url('s3:///raw/'),
    error: V,
    reason: 'invalid_format',
    message: "createStage('s').url(): an object-store URL names its bucket: s3://bucket/path/",
  },

  // ---- Paths inside a stage, FILES and PATTERN
  {
    area: 'paths',
    input: 'a stage path with a space, in LIST (COPY, INSERT and stage SELECT quote it)',
    attempt: () => listStage('s', 'raw files/'),
    error: V,
    reason: 'unsupported',
    message:
      "listStage(): LIST takes only a bare @stage/path (the quoted '@stage/path' is a syntax error there), which cannot hold white space, quotes, commas, semicolons, parentheses or backticks: name a parent folder and match the rest with pattern()",
  },
  {
    area: 'paths',
    input: 'a stage path with a backslash',
    attempt: () => selectFromStage('s', 'raw\\files/'),
    error: V,
    reason: 'invalid_format',
    message: 'selectFromStage(): a stage path must not contain backslashes or control characters',
  },
  {
    area: 'paths',
    input: 'a stage path starting with a space',
    attempt: () => copyInto(sessions).fromStage('s', ' raw/'),
    error: V,
    reason: 'invalid_format',
    message: "copyInto('sessions').fromStage(): a stage path must not start or end with white space (the engine trims it)",
  },
  {
    area: 'paths',
    input: "a stage path starting with '/'",
    attempt: () => selectFromStage('s', '/raw/'),
    error: V,
    reason: 'invalid_format',
    message: "selectFromStage(): a stage path is relative to the stage and must not start with '/'",
  },
  {
    area: 'paths',
    input: "a stage path climbing out with '..'",
    attempt: () => copyInto(sessions).fromStage('s', 'raw/../../etc/'),
    error: V,
    reason: 'invalid_format',
    message: "copyInto('sessions').fromStage(): a stage path must not contain '..' segments",
  },
  {
    area: 'paths',
    input: 'a stage name that is not plain',
    attempt: () => listStage('drive-stage'),
    error: V,
    reason: 'invalid_format',
    message: 'listStage(): stage name must be a plain identifier (a letter or _ followed by letters, digits or _)',
  },
  {
    area: 'paths',
    input: 'FILES with no file',
    attempt: () => body.files([]),
    error: V,
    reason: 'too_small',
    message: "copyInto('sessions').files(): FILES needs at least one file name",
  },
  {
    area: 'paths',
    input: "a FILES entry climbing out with '..'",
    attempt: () => body.files(['../../secrets.csv']),
    error: V,
    reason: 'invalid_format',
    message: "copyInto('sessions').files(): FILES entries must not contain '..' segments",
  },
  {
    area: 'paths',
    input: 'a FILES entry ending in a space',
    attempt: () => body.files(['a.parquet ']),
    error: V,
    reason: 'invalid_format',
    message: "copyInto('sessions').files(): FILES entries must not end with white space",
  },
  {
    area: 'paths',
    input: 'FILES and PATTERN together',
    attempt: () => body.files(['a.parquet']).pattern('.*'),
    error: V,
    reason: 'conflict',
    message: "copyInto('sessions').pattern(): FILES and PATTERN cannot be used together: list the files or match them, not both",
  },
  {
    area: 'paths',
    input: 'an empty PATTERN',
    attempt: () => selectFromStage('s').pattern(''),
    error: V,
    reason: 'too_small',
    message: "selectFromStage('s').pattern(): PATTERN must be a non-empty regular expression",
  },
  {
    area: 'paths',
    input: "a quote in LIST's PATTERN",
    attempt: () => listStage('s').pattern("it's.*"),
    error: V,
    reason: 'unsupported',
    message:
      "listStage('s').pattern(): LIST's PATTERN must not contain a quote or a backslash: the engine pastes it unescaped into another query (write [.] for a literal dot)",
  },

  // ---- Load, unload and file format options
  {
    area: 'options',
    input: "ON_ERROR 'continue' (lower case)",
    attempt: () => body.onError('continue' as never),
    error: V,
    reason: 'invalid_value',
    message: "copyInto('sessions').onError(): ON_ERROR must be one of ABORT, CONTINUE, SKIP_FILE",
  },
  {
    area: 'options',
    input: 'ON_ERROR ABORT_0',
    attempt: () => body.onError({ abortAfter: 0 }),
    error: V,
    reason: 'too_small',
    message: "copyInto('sessions').onError(): ON_ERROR takes ABORT, CONTINUE, SKIP_FILE, { abortAfter: n } or { skipFileAfter: n } with n a positive integer",
  },
  {
    area: 'options',
    input: 'purge(undefined): a flag read from a body that lacks it (it turned PURGE on)',
    attempt: () => body.purge(undefined),
    error: V,
    reason: 'invalid_type',
    message: "copyInto('sessions').purge(): value must be true or false (a boolean), not undefined",
  },
  {
    area: 'options',
    input: "force('TRUE PURGE = TRUE'): a string where a boolean goes",
    attempt: () => body.force('TRUE PURGE = TRUE' as never),
    error: V,
    reason: 'invalid_type',
    message: "copyInto('sessions').force(): value must be true or false (a boolean), not a string",
  },
  {
    area: 'options',
    input: "overwrite('false') on INSERT",
    attempt: () =>
      insertInto(sessions)
        .fromTable('other')
        .overwrite('false' as never),
    error: V,
    reason: 'invalid_type',
    message: "insertInto('sessions').overwrite(): value must be true or false (a boolean), not a string",
  },
  {
    area: 'options',
    input: "appendOnly('false') on a stream",
    attempt: () =>
      createStream('st')
        .onTable('t')
        .appendOnly('false' as never),
    error: V,
    reason: 'invalid_type',
    message: "createStream('st').appendOnly(): value must be true or false (a boolean), not a string",
  },
  {
    area: 'options',
    input: 'single(1) on an unload',
    attempt: () =>
      copyIntoStage('s')
        .from('t')
        .single(1 as never),
    error: V,
    reason: 'invalid_type',
    message: "copyIntoStage('s').single(): value must be true or false (a boolean), not a number",
  },
  {
    area: 'options',
    input: 'MAX_FILES = 15001',
    attempt: () => body.maxFiles(15001),
    error: V,
    reason: 'too_big',
    message: "copyInto('sessions').maxFiles(): MAX_FILES must be an integer from 1 to 15000",
  },
  {
    area: 'options',
    input: 'SIZE_LIMIT = 1.5',
    attempt: () => body.sizeLimit(1.5),
    error: V,
    reason: 'invalid_type',
    message: "copyInto('sessions').sizeLimit(): SIZE_LIMIT must be a positive integer",
  },
  {
    area: 'options',
    input: 'COLUMN_MATCH_MODE for CSV',
    attempt: () => body.fileFormat({ type: 'CSV' }).columnMatchMode('CASE_INSENSITIVE'),
    error: V,
    reason: 'conflict',
    message: "copyInto('sessions').columnMatchMode(): COLUMN_MATCH_MODE applies only to PARQUET files",
  },
  {
    area: 'options',
    input: 'COPY columns() naming a column twice',
    attempt: () => body.columns(['session_id', 'session_id']),
    error: V,
    reason: 'conflict',
    message: "copyInto('sessions').columns(): columns() lists a column twice",
  },
  {
    area: 'options',
    input: 'a COPY map() key not among the columns chosen with columns()',
    attempt: () =>
      copyInto(table('pairs', { a: string(), b: string() }))
        .fromStage('s')
        .columns(['a'])
        .map({ a: 'x', b: 'y' }),
    error: V,
    reason: 'conflict',
    message:
      "copyInto('pairs').map(): map() key 'b' is not among the columns chosen with columns() (a): a mapping key must be one of the chosen columns, or its source is ignored",
  },
  {
    area: 'options',
    input: "a file format option named like an Object.prototype member ('constructor')",
    attempt: () => body.fileFormat({ type: 'CSV', constructor: 'x' } as never),
    error: V,
    reason: 'unknown_key',
    message:
      "copyInto('sessions').fileFormat(): CSV files have no option 'constructor' (accepted: compression, skipHeader, fieldDelimiter, recordDelimiter, quote, escape, nanDisplay, nullDisplay, emptyFieldAs, quotedEmptyFieldAs, binaryFormat, errorOnColumnCountMismatch, allowQuotedNulls, trimSpace, outputHeader, encoding, encodingErrorMode)",
  },
  {
    area: 'options',
    input: "NAN_DISPLAY 'NAN' (the engine takes nan, NaN, null, NULL)",
    attempt: () => body.fileFormat({ type: 'CSV', nanDisplay: 'NAN' as never }),
    error: V,
    reason: 'invalid_value',
    message: `copyInto('sessions').fileFormat(): NAN_DISPLAY (nanDisplay) must be one of "nan", "NaN", "null", "NULL"`,
  },
  {
    area: 'options',
    input: "a two-character RECORD_DELIMITER ('||')",
    attempt: () => body.fileFormat({ type: 'CSV', recordDelimiter: '||' }),
    error: V,
    reason: 'invalid_format',
    message: "copyInto('sessions').fileFormat(): RECORD_DELIMITER (recordDelimiter) must be one ASCII character that is not a letter or digit, or '\\r\\n'",
  },
  {
    area: 'options',
    input: "a TSV FIELD_DELIMITER that is a letter ('a')",
    attempt: () => body.fileFormat({ type: 'TSV', fieldDelimiter: 'a' }),
    error: V,
    reason: 'invalid_format',
    message: "copyInto('sessions').fileFormat(): FIELD_DELIMITER (fieldDelimiter) must be one ASCII character that is not a letter or digit (or empty)",
  },
  {
    area: 'options',
    input: 'an empty ENCODING',
    attempt: () => body.fileFormat({ type: 'CSV', encoding: '' }),
    error: V,
    reason: 'invalid_format',
    message: "copyInto('sessions').fileFormat(): ENCODING (encoding) must be an encoding label such as utf-8 or gbk, not empty",
  },
  {
    area: 'options',
    input: 'a file format TYPE that does not exist',
    attempt: () => body.fileFormat({ type: 'XLSX' } as never),
    error: V,
    reason: 'invalid_value',
    message: "copyInto('sessions').fileFormat(): file format TYPE must be one of CSV, TSV, NDJSON, PARQUET, ORC, AVRO",
  },
  {
    area: 'options',
    input: 'a CSV option on PARQUET',
    attempt: () => body.fileFormat({ type: 'PARQUET', skipHeader: 1 } as never),
    error: V,
    reason: 'unknown_key',
    message: "copyInto('sessions').fileFormat(): PARQUET files have no option 'skipHeader' (accepted: compression, missingFieldAs, useLogicType, nullIf)",
  },
  {
    area: 'options',
    input: "QUOTE = '|' for CSV",
    attempt: () => createFileFormat('f', { type: 'CSV', quote: '|' as never }),
    error: V,
    reason: 'invalid_value',
    message: `createFileFormat('f'): QUOTE (quote) must be one of "'", "\\"", "\`"`,
  },
  {
    area: 'options',
    input: 'COMPRESSION = LZ4',
    attempt: () => createFileFormat('f', { type: 'NDJSON', compression: 'LZ4' as never }),
    error: V,
    reason: 'invalid_value',
    message: "createFileFormat('f'): COMPRESSION (compression) must be one of AUTO, NONE, GZIP, BZ2, BROTLI, ZSTD, DEFLATE, RAWDEFLATE, XZ, SNAPPY, ZIP",
  },
  {
    area: 'options',
    input: 'SKIP_HEADER = -1',
    attempt: () => createFileFormat('f', { type: 'CSV', skipHeader: -1 }),
    error: V,
    reason: 'too_small',
    message: "createFileFormat('f'): SKIP_HEADER (skipHeader) must be a non-negative integer",
  },
  {
    area: 'options',
    input: 'unload USE_RAW_PATH without SINGLE',
    attempt: () => copyIntoStage('s', 'out.csv').from(sessions).useRawPath(),
    error: V,
    reason: 'missing',
    message: "copyIntoStage('s').useRawPath(): USE_RAW_PATH = TRUE needs SINGLE = TRUE (call .single() first)",
  },
  {
    area: 'options',
    input: 'unload to ORC',
    attempt: () => copyIntoStage('s', 'out/').from(sessions).fileFormat({ type: 'ORC' }),
    error: V,
    reason: 'unsupported',
    message: "copyIntoStage('s').fileFormat(): unload writes only CSV, TSV, NDJSON, PARQUET, LANCE files",
  },
  {
    area: 'options',
    input: 'LIMIT -1 on a stage query',
    attempt: () => selectFromStage('s').limit(-1),
    error: V,
    reason: 'too_small',
    message: "selectFromStage('s').limit(): LIMIT must be a non-negative integer",
  },

  // ---- URL locations, LANCE, SCHEMA_EVOLUTION, PRESIGN
  {
    area: 'locations',
    input: 'a shell-style range {1..3} in an https glob',
    attempt: () => location('https://repo.example/file{1..3}.csv'),
    error: V,
    reason: 'invalid_format',
    message: "location('https://repo.example/file{1..3}.csv'): a URL's glob takes a range as [1-3], not {1..3} (Databend reads {1..3} as the text '1..3')",
  },
  {
    area: 'locations',
    input: "a '%' escape in an object-store URL",
    attempt: () => location('s3://b/a%20b/'),
    error: V,
    reason: 'invalid_format',
    message: "location('s3://b/a%20b/'): a URL must not contain '%' (the engine percent-decodes the path): write the characters themselves",
  },
  {
    area: 'locations',
    input: 'a connection on an fs:// location',
    attempt: () => location('fs:///data/', { connection: 'c' } as never),
    error: V,
    reason: 'unsupported',
    message: "location('fs:///data/'): fs:// locations take no connection (the engine ignores it)",
  },
  {
    area: 'locations',
    input: "another storage's parameters for a location",
    attempt: () => location('gcs://b/p/', { connection: { accessKeyId: 'k' } as never }),
    error: V,
    reason: 'unknown_key',
    message: "location('gcs://b/p/'): gcs storage has no parameter 'accessKeyId' (accepted: credential, endpointUrl)",
  },
  {
    area: 'locations',
    input: 'a location object not made by location()',
    attempt: () => copyInto(sessions).fromLocation({ kind: 'UriLocation', url: "s3://b/' --", connection: undefined } as never),
    error: V,
    reason: 'invalid_type',
    message: "copyInto('sessions').fromLocation(): a location is a URL string or what location('s3://...') returns, not an object",
  },
  {
    area: 'locations',
    input: 'an unload to an https:// location',
    attempt: () => copyIntoLocation('https://repo.example/out/' as never),
    error: V,
    reason: 'unsupported',
    message: 'copyIntoLocation(): https:// locations are read only: an unload cannot write to them',
  },
  {
    area: 'options',
    input: 'SINGLE with a LANCE unload',
    attempt: () => copyIntoStage('s', 'out/').from(sessions).single().fileFormat({ type: 'LANCE' }),
    error: V,
    reason: 'conflict',
    message: "copyIntoStage('s').fileFormat(): SINGLE cannot be used with a LANCE dataset (the engine refuses it, 2004)",
  },
  {
    area: 'options',
    input: 'SCHEMA_EVOLUTION sampling 0 files',
    attempt: () => copyInto(sessions).fromStage('s', 'p/').schemaEvolution({ sampleFiles: 0 }),
    error: V,
    reason: 'too_small',
    message: "copyInto('sessions').schemaEvolution(): SCHEMA_EVOLUTION sampleFiles must be a positive integer or 'AUTO'",
  },
  {
    area: 'options',
    input: 'an option on a LANCE FILE FORMAT object',
    attempt: () => createFileFormat('my_lance', { type: 'LANCE', compression: 'NONE' } as never),
    error: V,
    reason: 'unknown_key',
    message: "createFileFormat('my_lance'): file format has no key 'compression' (known: type)",
  },
  {
    area: 'options',
    input: 'PRESIGN of a folder',
    attempt: () => presign('s', 'exports/'),
    error: V,
    reason: 'invalid_format',
    message: "presign('s'): PRESIGN signs one file: the path must not end with '/'",
  },
  {
    area: 'options',
    input: 'CONTENT_TYPE on a PRESIGN download',
    attempt: () => presign('s', 'a.csv').contentType('text/csv'),
    error: V,
    reason: 'missing',
    message: "presign('s').contentType(): CONTENT_TYPE applies only to PRESIGN UPLOAD: call .upload() first",
  },

  // ---- Tasks: schedules, cron, settings
  {
    area: 'tasks',
    input: 'a task name that needs quotes (the engine would keep them, and AFTER would not find it)',
    attempt: () => createTask('My Task'),
    error: V,
    reason: 'invalid_format',
    message: 'createTask(): task name must be a plain identifier (a letter or _ followed by letters, digits or _)',
  },
  {
    area: 'tasks',
    input: 'a schedule keyed by a prototype member ({ constructor: 1 })',
    attempt: () => createTask('t').schedule(JSON.parse('{"constructor":1}')),
    error: V,
    reason: 'unknown_key',
    message: "createTask('t').schedule(): SCHEDULE must be { minutes }, { seconds }, { milliseconds } or { cron }",
  },
  {
    area: 'tasks',
    input: 'a cron schedule with another key',
    attempt: () => createTask('t').schedule({ cron: '0 0 9 * * *', minutes: 5 } as never),
    error: V,
    reason: 'unknown_key',
    message: "createTask('t').schedule(): SCHEDULE { cron } takes only cron and timezone, not 'minutes'",
  },
  {
    area: 'tasks',
    input: 'a cron expression of 5 fields',
    attempt: () => createTask('t').schedule({ cron: '0 9 * * *' }),
    error: V,
    reason: 'invalid_format',
    message: "createTask('t').schedule(): SCHEDULE cron must have 6 fields (second minute hour day-of-month month day-of-week), or 7 with a year",
  },
  {
    area: 'tasks',
    input: 'minute 60 in a cron expression',
    attempt: () => createTask('t').schedule({ cron: '0 60 9 * * *' }),
    error: V,
    reason: 'invalid_format',
    message: "createTask('t').schedule(): SCHEDULE cron field 2 (minute) '60' is not valid: use *, 0-59, a range a-b, a step /n or a list a,b",
  },
  {
    area: 'tasks',
    input: "'?' for the hour",
    attempt: () => createTask('t').schedule({ cron: '0 0 ? * * *' }),
    error: V,
    reason: 'invalid_format',
    message: "createTask('t').schedule(): SCHEDULE cron field 3 (hour) '?' is not valid: use *, 0-23, a range a-b, a step /n or a list a,b",
  },
  {
    area: 'tasks',
    input: 'a backwards range of months (DEC-JAN)',
    attempt: () => createTask('t').schedule({ cron: '0 0 9 1 DEC-JAN *' }),
    error: V,
    reason: 'invalid_format',
    message: "createTask('t').schedule(): SCHEDULE cron field 5 (month) 'DEC-JAN' is not valid: use *, 1-12 or JAN-DEC, a range a-b, a step /n or a list a,b",
  },
  {
    area: 'tasks',
    input: 'a time zone that is not IANA',
    attempt: () => createTask('t').schedule({ cron: '0 0 9 * * *', timezone: 'CEST+1' }),
    error: V,
    reason: 'invalid_format',
    message: "createTask('t').schedule(): SCHEDULE time zone must be an IANA name such as 'UTC' or 'Asia/Shanghai'",
  },
  {
    area: 'tasks',
    input: 'SCHEDULE = 0 MINUTE',
    attempt: () => createTask('t').schedule({ minutes: 0 }),
    error: V,
    reason: 'too_small',
    message: "createTask('t').schedule(): SCHEDULE must be a positive integer",
  },
  {
    area: 'tasks',
    input: 'a schedule in hours',
    attempt: () => createTask('t').schedule({ hours: 1 } as never),
    error: V,
    reason: 'unknown_key',
    message: "createTask('t').schedule(): SCHEDULE must be { minutes }, { seconds }, { milliseconds } or { cron }",
  },
  {
    area: 'tasks',
    input: 'AFTER together with SCHEDULE',
    attempt: () => createTask('t').schedule({ minutes: 5 }).after('parent'),
    error: V,
    reason: 'conflict',
    message: "createTask('t').after(): AFTER and SCHEDULE cannot be used together: Databend child tasks cannot have a schedule",
  },
  {
    area: 'tasks',
    input: 'a negative number as a task setting',
    attempt: () => createTask('t').settings({ max_threads: -1 }),
    error: V,
    reason: 'too_small',
    message: "createTask('t').settings(): setting 'max_threads' must be a string, a boolean or a non-negative integer",
  },
  {
    area: 'tasks',
    input: 'a task setting named by a reserved keyword',
    attempt: () => alterTask('t').set({ settings: { Select: 1 } }),
    error: V,
    reason: 'reserved',
    message: "alterTask('t').set(): setting name 'Select' is a reserved keyword",
  },
  {
    area: 'tasks',
    input: 'a CREATE TASK setting called after',
    attempt: () => createTask('t').settings({ after: 1 }),
    error: V,
    reason: 'reserved',
    message: "createTask('t').settings(): setting name 'after' would start the AFTER clause of CREATE TASK",
  },
  {
    area: 'tasks',
    input: 'a task setting name that is not plain',
    attempt: () => createTask('t').settings({ 'time zone': 'UTC' }),
    error: V,
    reason: 'invalid_format',
    message: "createTask('t').settings(): setting name 'time zone' must be a plain identifier",
  },
  {
    area: 'tasks',
    input: 'ALTER TASK ... SET with nothing to set',
    attempt: () => alterTask('t').set({}),
    error: V,
    reason: 'too_small',
    message: "alterTask('t').set(): SET needs at least one option",
  },
  {
    area: 'tasks',
    input: 'a task body with no statement',
    attempt: () => createTask('t').as([]),
    error: V,
    reason: 'too_small',
    message: "createTask('t').as(): a task body needs at least one statement",
  },
  {
    area: 'tasks',
    input: 'a task body that is SQL text',
    attempt: () => createTask('t').as('SELECT 1' as never),
    error: V,
    reason: 'invalid_type',
    message: "createTask('t').as(): body statement 1 must be a built statement, an sql`` fragment or a query compiled by the Kysely dialect, not a string",
  },

  // ---- Streams
  {
    area: 'streams',
    input: 'a stream starting at two points',
    attempt: () =>
      createStream('s')
        .onTable(sessions)
        .at({ snapshot: 'a', stream: 'b' } as never),
    error: V,
    reason: 'conflict',
    message: "createStream('s').at(): AT takes exactly one of timestamp, snapshot or stream",
  },
  {
    area: 'streams',
    input: 'a stream name with a control character',
    attempt: () => createStream('s\u0000'),
    error: V,
    reason: 'invalid_format',
    message: "createStream('s\u0000'): stream name must not contain control characters",
  },

  // ---- Pipelines
  {
    area: 'pipelines',
    input: "a step requiring something the runner does not know ('licence')",
    attempt: () => pipeline('p', [{ title: 'x', statement: body, requires: 'licence' as never }]),
    error: V,
    reason: 'invalid_value',
    message: "pipeline('p'): step 'x' requires must be one of enterprise-license, cloud-control",
  },
  {
    area: 'pipelines',
    input: 'a step with a misspelt key (require)',
    attempt: () => pipeline('p', [{ title: 'x', statement: body, require: 'cloud-control' } as never]),
    error: V,
    reason: 'unknown_key',
    message: "pipeline('p'): step 'x' has an unknown key 'require' (known: title, statement, requires)",
  },
  {
    area: 'pipelines',
    input: 'a pipeline without a name',
    attempt: () => pipeline('', []),
    error: V,
    reason: 'too_small',
    message: 'pipeline(): a pipeline needs a name',
  },
  {
    area: 'pipelines',
    input: 'a pipeline step that is SQL text',
    attempt: () => pipeline('p', [{ title: 'x', statement: 'SELECT 1' as unknown as Compilable }]),
    error: V,
    reason: 'invalid_type',
    message: "pipeline('p'): step 'x' needs a built statement, an sql`` fragment or a Kysely-compiled query",
  },

  // ---- DML, table maintenance, scripts and statements written as SQL
  {
    area: 'dml',
    input: 'an UPDATE setting a column the table does not have',
    attempt: () => update(events).set({ nope: 1 } as never),
    error: V,
    reason: 'unknown_key',
    message: "update('events').set(): 'nope' is not a column of events",
  },
  {
    area: 'dml',
    input: 'an UPDATE setting an INT column to 1.5',
    attempt: () => update(events).set({ id: 1.5 }),
    error: V,
    reason: 'not_exact',
    message: "update('events').set(): 'id': INT takes an integer (a safe integer as a number, or a bigint), not 1.5",
  },
  {
    area: 'dml',
    input: 'an UPDATE setting a column to undefined',
    attempt: () => update(events).set({ score: undefined }),
    error: V,
    reason: 'missing',
    message: "update('events').set(): the value of 'score' is undefined (leave the key out, or give null)",
  },
  {
    area: 'dml',
    input: 'an UPDATE setting a NOT NULL column to null',
    attempt: () => update(events).set({ id: null as never }),
    error: V,
    reason: 'invalid_value',
    message: "update('events').set(): 'id' is NOT NULL: null cannot be written to it",
  },
  {
    area: 'dml',
    input: 'an UPDATE setting no column',
    attempt: () => update(events).set({}),
    error: V,
    reason: 'too_small',
    message: "update('events').set(): give at least one column value",
  },
  {
    area: 'dml',
    input: 'an UPDATE whose WHERE is SQL text',
    attempt: () =>
      update(events)
        .set({ score: 1 })
        .where('id = 1' as never),
    error: V,
    reason: 'invalid_type',
    message: "update('events').where(): WHERE takes an sql`` expression",
  },
  {
    area: 'dml',
    input: 'a DELETE whose WHERE is SQL text',
    attempt: () => deleteFrom(events).where('id = 1' as never),
    error: V,
    reason: 'invalid_type',
    message: "deleteFrom('events').where(): WHERE takes an sql`` expression",
  },
  {
    area: 'dml',
    input: 'a MERGE reading a query without an alias',
    attempt: () => mergeInto(events).using(sql`SELECT 1 AS id`),
    error: V,
    reason: 'missing',
    message: "mergeInto('events').using(): a query source needs an alias to name its columns by",
  },
  {
    area: 'dml',
    input: 'a MERGE reading a number',
    attempt: () => mergeInto(events).using(42 as never, 's'),
    error: V,
    reason: 'invalid_type',
    message: "mergeInto('events').using(): the source must be a table, a selectFromStream() read, an sql`` query or a Kysely-compiled query",
  },
  {
    area: 'dml',
    input: 'a MERGE reading a stream WITH CONSUME',
    attempt: () => mergeInto(events).using(selectFromStream('s').consume(), 's'),
    error: V,
    reason: 'conflict',
    message:
      "mergeInto('events').using(): a MERGE source cannot read WITH CONSUME: MERGE consumes the streams it reads, and Databend refuses WITH CONSUME inside DML",
  },
  {
    area: 'dml',
    input: 'an INSERT of the rows of SQL text',
    attempt: () => insertInto(events).select('SELECT 1' as never),
    error: V,
    reason: 'invalid_type',
    message: "insertInto('events').select(): the query must be a selectFromStream() read, an sql`` SELECT or a Kysely-compiled SELECT",
  },
  {
    area: 'dml',
    input: 'an INSERT of a stream read WITH CONSUME',
    attempt: () => insertInto(events).select(selectFromStream('s').consume()),
    error: V,
    reason: 'conflict',
    message: "insertInto('events').select(): an INSERT consumes the streams it reads, and Databend refuses WITH CONSUME inside DML",
  },
  {
    area: 'dml',
    input: 'a MERGE whose ON is SQL text',
    attempt: () =>
      mergeInto(events)
        .using('other')
        .on('true' as never),
    error: V,
    reason: 'invalid_type',
    message: "mergeInto('events').on(): ON takes an sql`` expression",
  },
  {
    area: 'dml',
    input: 'a MERGE clause whose AND is SQL text',
    attempt: () =>
      mergeInto(events)
        .using('other')
        .on(sql`true`)
        .whenMatchedThenDelete('x > 1' as never),
    error: V,
    reason: 'invalid_type',
    message: "mergeInto('events').whenMatchedThenDelete(): AND takes an sql`` expression",
  },
  {
    area: 'dml',
    input: 'OPTIMIZE TABLE with LIMIT 0',
    attempt: () => optimizeTable(events).compact().limit(0),
    error: V,
    reason: 'too_small',
    message: "optimizeTable('events').limit(): LIMIT must be a positive integer",
  },
  {
    area: 'dml',
    input: 'OPTIMIZE TABLE PURGE before a snapshot and a timestamp',
    attempt: () => optimizeTable(events).purge({ snapshot: 'a', timestamp: new Date(0) } as never),
    error: V,
    reason: 'conflict',
    message: "optimizeTable('events').purge(): before takes one of snapshot and timestamp",
  },
  {
    area: 'dml',
    input: 'OPTIMIZE TABLE COMPACT with segment as a string',
    attempt: () => optimizeTable(events).compact({ segment: 'yes' as never }),
    error: V,
    reason: 'invalid_type',
    message: "optimizeTable('events').compact(): segment must be a boolean",
  },
  {
    area: 'scripts',
    input: 'EXECUTE IMMEDIATE of a script holding $$',
    attempt: () => executeImmediate(sql`BEGIN RETURN $$x$$; END;`),
    error: V,
    reason: 'invalid_value',
    message: "executeImmediate(): the script cannot contain '$$', which would end its $$ ... $$ string",
  },
  {
    area: 'scripts',
    input: 'EXECUTE IMMEDIATE of SQL text',
    attempt: () => executeImmediate('BEGIN RETURN 1; END;' as never),
    error: V,
    reason: 'invalid_type',
    message: 'executeImmediate(): the script must be a script([...]) or an sql`` fragment of script text',
  },
  {
    area: 'scripts',
    input: 'a script block inside a script block',
    attempt: () => script([script([sql`SELECT 1`])]),
    error: V,
    reason: 'conflict',
    message: 'script(): statement 1 is a script block: a BEGIN ... END block cannot hold another',
  },
  {
    area: 'tasks',
    input: 'a script block among the statements of a task body',
    attempt: () => createTask('t').as([script([sql`SELECT 1`]), sql`SELECT 2`]),
    error: V,
    reason: 'conflict',
    message: "createTask('t').as(): body statement 1 is a script block: a BEGIN ... END block cannot hold another",
  },
  {
    area: 'scripts',
    input: 'a script with no statement',
    attempt: () => script([]),
    error: V,
    reason: 'too_small',
    message: 'script(): a script needs at least one statement',
  },
  {
    area: 'scripts',
    input: 'a script statement that is SQL text',
    attempt: () => script(['SELECT 1' as never]),
    error: V,
    reason: 'invalid_type',
    message: 'script(): statement 1 must be a built statement, an sql`` fragment or a query compiled by the Kysely dialect, not a string',
  },
  {
    area: 'scripts',
    input: 'statement() of an object shaped like a compiled query',
    attempt: () => statement({ sql: 'DROP TABLE events', parameters: [] } as never),
    error: V,
    reason: 'unsupported',
    message:
      "statement(): statement is a compiled query the SDK's Kysely dialect did not make: compile it with DatabendDialect (databend-etl/kysely), which inlines its values as literals",
  },
  {
    area: 'scripts',
    input: 'statement() of an empty fragment',
    attempt: () => statement(sql` `),
    error: V,
    reason: 'too_small',
    message: 'statement(): statement is an empty sql`` fragment',
  },
  {
    area: 'tasks',
    input: 'a task body shaped like a Kysely compiled query',
    attempt: () => createTask('t').as({ sql: 'DROP TABLE events', parameters: [] } as never),
    error: V,
    reason: 'unsupported',
    message:
      "createTask('t').as(): body statement 1 is a compiled query the SDK's Kysely dialect did not make: compile it with DatabendDialect (databend-etl/kysely), which inlines its values as literals",
  },
  {
    area: 'pipelines',
    input: 'a pipeline step shaped like a Kysely compiled query',
    attempt: () => pipeline('p', [{ title: 'x', statement: { sql: 'DROP TABLE events', parameters: [] } as never }]),
    error: V,
    reason: 'unsupported',
    message:
      "pipeline('p'): step 'x' statement is a compiled query the SDK's Kysely dialect did not make: compile it with DatabendDialect (databend-etl/kysely), which inlines its values as literals",
  },
  {
    area: 'streams',
    input: 'a stream read joined ON SQL text',
    attempt: () => selectFromStream('s').join('t', 'true' as never),
    error: V,
    reason: 'invalid_type',
    message: "selectFromStream('s').join(): ON takes an sql`` expression",
  },
  {
    area: 'streams',
    input: 'a stream read with a CROSS join',
    attempt: () => selectFromStream('s').join('t', sql`true`, { kind: 'CROSS' as never }),
    error: V,
    reason: 'invalid_value',
    message: "selectFromStream('s').join(): kind must be one of INNER, LEFT, RIGHT, FULL",
  },
  {
    area: 'dml',
    input: 'INSERT ... VALUES of rows giving different columns',
    attempt: () => insertInto(events).values([{ id: 1 }, { name: 'x' }]),
    error: V,
    reason: 'conflict',
    message: "insertInto('events').values(): rows[1] must give the same columns as rows[0] (id)",
  },
  {
    area: 'dml',
    input: 'INSERT ... VALUES of no rows',
    attempt: () => insertInto(events).values([]),
    error: V,
    reason: 'too_small',
    message: "insertInto('events').values(): values() needs at least one row",
  },
  {
    area: 'streams',
    input: 'joinCte() before asCte()',
    attempt: () => selectFromStream('s').joinCte('c', selectFromStream('t'), sql`true`),
    error: V,
    reason: 'conflict',
    message: "selectFromStream('s').joinCte(): joinCte() goes after asCte(): it adds a CTE beside the one the outer SELECT reads",
  },
  {
    area: 'streams',
    input: 'joinCte() with a name already used',
    attempt: () => selectFromStream('s').asCte('c').joinCte('c', selectFromStream('t'), sql`true`),
    error: V,
    reason: 'conflict',
    message: "selectFromStream('s').joinCte(): a CTE named 'c' is already defined",
  },
  {
    area: 'streams',
    input: 'joinCte() of an sql fragment',
    attempt: () =>
      selectFromStream('s')
        .asCte('c')
        .joinCte('d', sql`SELECT 1` as never, sql`true`),
    error: V,
    reason: 'invalid_type',
    message: "selectFromStream('s').joinCte(): the CTE must be a selectFromStream() read",
  },
  {
    area: 'streams',
    input: 'joinCte() of a read over its own CTE',
    attempt: () => selectFromStream('s').asCte('c').joinCte('d', selectFromStream('t').asCte('e'), sql`true`),
    error: V,
    reason: 'conflict',
    message: "selectFromStream('s').joinCte(): the CTE is a plain stream read, not one over a CTE of its own",
  },
  {
    area: 'streams',
    input: 'consume() after asCte()',
    attempt: () => selectFromStream('s').asCte('c').consume(),
    error: V,
    reason: 'conflict',
    message: "selectFromStream('s').consume(): consume() goes before asCte(): the outer SELECT reads the CTE",
  },
  {
    area: 'streams',
    input: 'a stream read selecting a number',
    attempt: () => selectFromStream('s').select({ n: 1 as never }),
    error: V,
    reason: 'invalid_type',
    message: "selectFromStream('s').select(): 'n' must be a column name or an sql`` expression",
  },
  {
    area: 'streams',
    input: 'an INSERT ... SELECT grouped by SQL text',
    attempt: () =>
      insertInto(events)
        .fromStream('s')
        .groupBy('id' as never),
    error: V,
    reason: 'invalid_type',
    message: "insertInto('events').groupBy(): GROUP BY takes an sql`` expression",
  },

  // ---- Values of the wrong JavaScript type, as a request body gives them (test/engine/api-contract.test.ts)
  {
    area: 'callers',
    input: 'an object shaped like a table where a table goes (it was rendered into DDL unchecked)',
    attempt: () => createTable({ name: 't', columns: {}, options: {} } as never),
    error: V,
    reason: 'invalid_type',
    message: 'createTable(): table must be a table declared with table() or a table name, not an object',
  },
  {
    area: 'callers',
    input: 'a table name for insertSchema() (a TypeError)',
    attempt: () => insertSchema('t' as never),
    error: V,
    reason: 'invalid_type',
    message: 'insertSchema(): table must be a table declared with table(), not a string',
  },
  {
    area: 'callers',
    input: "a type node whose DECIMAL precision is SQL ('1, 0)); DROP TABLE t; --')",
    attempt: () => array({ kind: 'DECIMAL', precision: '1, 0)); DROP TABLE t; --', scale: 0 } as never),
    error: V,
    reason: 'invalid_type',
    message: 'array(): the element type: precision must be an integer from 1 to 76',
  },
  {
    area: 'callers',
    input: 'the Column constructor given a spec whose type is SQL',
    attempt: () => new Column({ type: { kind: 'INT); DROP TABLE t; --' }, nullable: true, default: undefined, comment: undefined } as never),
    error: V,
    reason: 'invalid_value',
    message: `new Column(): spec.type must be a data type node whose kind is one of BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, TINYINT UNSIGNED, SMALLINT UNSIGNED, INT UNSIGNED, BIGINT UNSIGNED, FLOAT, DOUBLE, DECIMAL, STRING, BINARY, DATE, TIMESTAMP, TIMESTAMP_TZ, INTERVAL, VARIANT, ARRAY, MAP, TUPLE, BITMAP, GEOMETRY, GEOGRAPHY, VECTOR, or a column function such as int(), not an object`,
  },
  {
    area: 'callers',
    input: 'a symbol as DECIMAL precision (the message itself threw a TypeError)',
    attempt: () => decimal(Symbol('p') as never),
    error: V,
    reason: 'invalid_type',
    message: 'decimal(<a symbol>, 0): precision must be an integer from 1 to 76',
  },
  {
    area: 'callers',
    input: 'an object without a prototype as a table name (the message threw a TypeError)',
    attempt: () => table(Object.create(null), { a: int() }),
    error: V,
    reason: 'invalid_type',
    message: 'table(): table name must be a string, not an object',
  },
  {
    area: 'callers',
    input: 'an unknown key in bigint() options',
    attempt: () => bigint({ mode: 'bigint', mdoe: 'string' } as never),
    error: V,
    reason: 'unknown_key',
    message: "bigint(): options has no key 'mdoe' (known: mode)",
  },
  {
    area: 'callers',
    input: 'a DEFAULT nested 5,000 arrays deep, from JSON (a stack overflow)',
    attempt: () => variant().default(JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`) as never),
    error: V,
    reason: 'too_big',
    message: 'column.default(): a value nested more than 100 arrays or objects deep cannot be written',
  },
  {
    area: 'callers',
    input: 'a TUPLE DEFAULT with a key the tuple does not have (it was dropped)',
    attempt: () => tuple({ a: int() }).default({ a: 1, b: 2 } as never),
    error: V,
    reason: 'unknown_key',
    message: "column.default(): a TUPLE value has no field 'b' (fields: a)",
  },
  {
    area: 'callers',
    input: '-0 inside a VARIANT value (JSON writes it as 0)',
    attempt: () => variant().default({ a: -0 } as never),
    error: V,
    reason: 'not_exact',
    message: 'column.default(): a VARIANT (JSON) value cannot hold -0 (JSON writes it as 0)',
  },
  {
    area: 'callers',
    input: 'a lone surrogate inside a VARIANT value',
    attempt: () => variant().default({ a: 'x\ud800' } as never),
    error: V,
    reason: 'not_exact',
    message: 'column.default(): a VARIANT (JSON) value cannot hold a lone surrogate (UTF-8 has no form for it)',
  },
  {
    area: 'callers',
    input: 'sql called as a function with an array from JSON (its text was inlined as SQL)',
    attempt: () => (sql as unknown as (s: unknown) => unknown)(JSON.parse('["DROP TABLE t"]')),
    error: V,
    reason: 'invalid_type',
    message: 'sql``: sql is a tag: write sql`...`, not sql(text) (SQL text from a value is sql.raw(), never for input)',
  },
  {
    area: 'callers',
    input: 'sql.raw() given a number',
    attempt: () => sql.raw(1 as never),
    error: V,
    reason: 'invalid_type',
    message: 'sql.raw(): text must be a string, not a number',
  },
  {
    area: 'callers',
    input: 'secret() given a number (a TypeError when rendered)',
    attempt: () => secret(123 as never),
    error: V,
    reason: 'invalid_type',
    message: 'secret(): value must be a string, not a number',
  },
  {
    area: 'callers',
    input: "compile({ maskSecrets: 'false' })",
    attempt: () => createTable(table('t', { a: int() })).compile({ maskSecrets: 'false' } as never),
    error: V,
    reason: 'invalid_type',
    message: 'compile(): maskSecrets must be true or false (a boolean), not a string',
  },
  {
    area: 'callers',
    input: 'a function as a stage reference (its name was used)',
    attempt: () => dropStage(function drive_stage() {} as never),
    error: V,
    reason: 'invalid_type',
    message: 'dropStage(): stage name must be a name or an object with a string name (a builder, a stage() reference), not a function',
  },
  {
    area: 'callers',
    input: 'null as a stage reference (a TypeError)',
    attempt: () => listStage(null as never),
    error: V,
    reason: 'invalid_type',
    message: 'listStage(): stage name must be a name or an object with a string name (a builder, a stage() reference), not null',
  },
  {
    area: 'callers',
    input: "a number as a map() source (rendered as the text 'undefined')",
    attempt: () =>
      insertInto(table('t', { a: int(), b: string() }))
        .fromTable('s')
        .map({ b: 0 } as never),
    error: V,
    reason: 'invalid_type',
    message: "insertInto('t').map(): map() source for 'b' must be a column name, a staged column (staged.col(1)) or an sql`` expression, not a number",
  },
  {
    area: 'callers',
    input: 'a file format given as an array',
    attempt: () => createStage('s').fileFormat(['CSV'] as never),
    error: V,
    reason: 'invalid_type',
    message: "createStage('s').fileFormat(): file format must be a plain object, not an array",
  },
  {
    area: 'callers',
    input: 'a named file format with another key',
    attempt: () =>
      copyInto(table('t', { a: int() }))
        .fromStage('s')
        .fileFormat({ formatName: 'f', type: 'CSV' } as never),
    error: V,
    reason: 'unknown_key',
    message: "copyInto('t').fileFormat(): a named file format { formatName } takes no other key, not 'type'",
  },
  {
    area: 'callers',
    input: 'storage parameters given as an array',
    attempt: () =>
      createStage('s')
        .url('s3://b/p/')
        .credentials(['x'] as never),
    error: V,
    reason: 'invalid_type',
    message: "createStage('s').credentials(): s3 parameters must be a plain object, not an array",
  },
  {
    area: 'callers',
    input: 'a stage name of 256 characters (CREATE STAGE failed with 4000 and left a stage no DROP STAGE could remove)',
    attempt: () => createStage('s'.repeat(256)),
    error: V,
    reason: 'too_big',
    message: `createStage('${'s'.repeat(256)}'): stage name must be at most 255 characters`,
  },
  {
    area: 'callers',
    input: 'SQL text given to render() (it threw a plain Error)',
    attempt: () => render('DROP TABLE t' as never),
    error: V,
    reason: 'invalid_type',
    message: "render(): statement must be a statement node (what a builder's toNode() returns), not a string",
  },
  {
    area: 'callers',
    input: 'a statement node written by hand without its parts (a TypeError)',
    attempt: () => render({ kind: 'DropStmt' } as never),
    error: V,
    reason: 'invalid_type',
    message: "render(): the DropStmt node is not well formed (Cannot read properties of undefined (reading 'database'))",
  },
  {
    area: 'callers',
    input: 'a plan parsed from JSON given to renderPlan() (a TypeError)',
    attempt: () => renderPlan(JSON.parse('{"name":"p","steps":[{"title":"x","statement":"DROP TABLE t"}]}')),
    error: V,
    reason: 'invalid_type',
    message: "renderPlan(): step 'x' needs a built statement, an sql`` fragment or a Kysely-compiled query",
  },
  {
    area: 'callers',
    input: 'maskDsn(null) (a TypeError)',
    attempt: () => maskDsn(null as never),
    error: V,
    reason: 'invalid_type',
    message: 'maskDsn(): dsn must be a string, not null',
  },
  {
    area: 'callers',
    input: "a sparse array as stream columns (it rendered 'SELECT , a')",
    attempt: () => selectFromStream('s').columns([, 'a'] as never),
    error: V,
    reason: 'invalid_type',
    message: "selectFromStream('s').columns(): columns must not have holes (a sparse array): item 1 is missing",
  },
  {
    area: 'callers',
    input: "a sparse array as a DEFAULT (it rendered DEFAULT [, 'a'])",
    attempt: () => string().default([, 'a'] as never),
    error: V,
    reason: 'not_exact',
    message: 'column.default(): an array with a hole (a sparse array: item 1 is missing) has no value to write there',
  },
  {
    area: 'callers',
    input: 'a stream comment that is a number (a TypeError when rendered)',
    attempt: () =>
      createStream('s')
        .onTable(table('t', { a: int() }))
        .comment(1 as never),
    error: V,
    reason: 'invalid_type',
    message: "createStream('s').comment(): comment must be a string, not a number",
  },
  {
    area: 'callers',
    input: 'a task option method given undefined (it set nothing)',
    attempt: () => createTask('t').comment(undefined as never),
    error: V,
    reason: 'missing',
    message: "createTask('t').comment(): comment() needs a value",
  },
  {
    area: 'callers',
    input: 'a misspelt key in ALTER TASK SET options',
    attempt: () => alterTask('t').set({ comments: 'x' } as never),
    error: V,
    reason: 'unknown_key',
    message:
      "alterTask('t').set(): options has no key 'comments' (known: warehouse, schedule, suspendTaskAfterNumFailures, errorIntegration, comment, settings)",
  },
  {
    area: 'callers',
    input: 'an unload source that is a number (a TypeError)',
    attempt: () => copyIntoStage('s').from(1 as never),
    error: V,
    reason: 'invalid_type',
    message:
      "copyIntoStage('s').from(): the source must be a declared table, a table name, an sql`` query or a query compiled by the Kysely dialect, not a number",
  },
  {
    area: 'callers',
    input: 'SQL text given to client.copy() (it ran, and its rows were read as file reports)',
    attempt: () => createClient({ dsn: 'databend://u:p@h:8000/', dryRun: true }).copy('COPY INTO t FROM @s' as never),
    error: V,
    reason: 'invalid_type',
    message: 'client.copy(): the statement must be built with copyInto(table).fromStage(...), not a string',
  },
  {
    area: 'callers',
    input: "validate: 'yes' in query options (a TypeError at the first row)",
    attempt: () => createClient({ dsn: 'databend://u:p@h:8000/', dryRun: true }).query('SELECT 1', { validate: 'yes' as unknown as boolean }),
    error: V,
    reason: 'invalid_type',
    message: 'client.query(): validate must be true, false or a schema with parse() (a zod schema), not a string',
  },
  {
    area: 'callers',
    input: 'a misspelt client option (dryrun: it sent the statements)',
    attempt: () => createClient({ dsn: 'databend://u:p@h:8000/', dryrun: true } as never),
    error: V,
    reason: 'unknown_key',
    message: "createClient(): options has no key 'dryrun' (known: dsn, timezone, observe, dryRun, driver, connectTimeoutMs, connectRetries)",
  },
  {
    area: 'callers',
    input: "a driver that is not the driver module ('databend-driver')",
    attempt: () => createClient({ dsn: 'databend://u:p@h:8000/', driver: 'databend-driver' } as never),
    error: V,
    reason: 'invalid_type',
    message: 'createClient(): driver must be the databend-driver module (an object with a Client class)',
  },
  {
    area: 'callers',
    input: 'runPipeline with a DSN instead of a client',
    attempt: () => runPipeline('databend://u:p@h:8000/' as never, pipeline('p', [])),
    error: V,
    reason: 'invalid_type',
    message: 'runPipeline(): client must be a client of the SDK (createClient()), not a string',
  },
  {
    area: 'callers',
    input: 'runPipeline with a class as onStep (it cannot be called)',
    attempt: () => runPipeline(createClient({ dsn: 'databend://u:p@h:8000/', dryRun: true }), pipeline('p', []), { onStep: class {} as never }),
    error: V,
    reason: 'invalid_type',
    message: 'runPipeline(): onStep must be a function (not a class)',
  },
  {
    area: 'callers',
    input: 'runPipeline with a string checkDrift',
    attempt: () => runPipeline(createClient({ dsn: 'databend://u:p@h:8000/', dryRun: true }), pipeline('p', []), { checkDrift: 'no' as never }),
    error: V,
    reason: 'invalid_type',
    message: 'runPipeline(): checkDrift must be true or false (a boolean), not a string',
  },
  {
    area: 'schema evolution',
    input: 'push with a string allowDestructive (it would be truthy)',
    attempt: () => push(createClient({ dsn: 'databend://u:p@h:8000/', dryRun: true }), [], { allowDestructive: 'yes' as never }),
    error: V,
    reason: 'invalid_type',
    message: 'push(): allowDestructive must be true or false (a boolean), not a string',
  },
  {
    area: 'schema evolution',
    input: 'generate with a file name that climbs out of the folder',
    attempt: () => generate(createClient({ dsn: 'databend://u:p@h:8000/', dryRun: true }), [], { dir: 'migrations', name: '../escape' }),
    error: V,
    reason: 'invalid_format',
    message: 'generate(): options.name must be 1 to 60 lower-case letters, digits and _ (the file is <number>_<name>.sql)',
  },
  {
    area: 'schema evolution',
    input: 'migrate with a lock timeout in seconds as text',
    attempt: () => migrate(createClient({ dsn: 'databend://u:p@h:8000/', dryRun: true }), { dir: 'migrations', lockTimeoutMs: '60' as never }),
    error: V,
    reason: 'invalid_type',
    message: 'migrate(): options.lockTimeoutMs must be an integer of ms from 0 to 3600000',
  },
  {
    area: 'schema evolution',
    input: "splitMigration with a Buffer of the file's bytes",
    attempt: () => splitMigration(Buffer.from('-- statement\nSELECT 1') as never),
    error: V,
    reason: 'invalid_type',
    message: 'splitMigration(): text must be a string, not an object',
  },
  {
    area: 'schema evolution',
    input: 'diff with a table shaped like a declared one',
    attempt: () => diff(createClient({ dsn: 'databend://u:p@h:8000/', dryRun: true }), [{ name: 't', columns: {}, options: {} }] as never),
    error: V,
    reason: 'invalid_type',
    message: 'diff(): tables[0] must be a table declared with table(), not an object',
  },
  {
    area: 'schema evolution',
    input: 'introspectTable with a DSN instead of a client',
    attempt: () => introspectTable('databend://u:p@h:8000/' as never, 't'),
    error: V,
    reason: 'invalid_type',
    message: 'introspectTable(): client must be a client of the SDK (createClient()), not a string',
  },
  {
    area: 'schema evolution',
    input: 'diffTable with a live column whose type is not a type node',
    attempt: () =>
      diffTable(table('t', { id: int() }), {
        database: 'd',
        name: 't',
        columns: [{ name: 'id', type: 'INT', nullable: true, default: undefined, comment: undefined, computed: undefined }],
        clusterBy: undefined,
        comment: undefined,
        options: {},
        transient: false,
      } as never),
    error: V,
    reason: 'invalid_type',
    message: 'diffTable(): live.columns[0].type must be a plain object, not a string',
  },
  {
    area: 'schema evolution',
    input: 'diffTable with a live row count that is no count',
    attempt: () =>
      diffTable(table('t', { id: int() }), {
        database: 'd',
        name: 't',
        columns: [{ name: 'id', type: { kind: 'INT' }, nullable: true, default: undefined, comment: undefined, computed: undefined }],
        clusterBy: undefined,
        comment: undefined,
        options: {},
        transient: false,
        rows: -1,
      } as never),
    error: V,
    reason: 'too_small',
    message: 'diffTable(): live.rows must be an integer from 0 to 2^53 - 1',
  },
  {
    area: 'schema evolution',
    input: 'diffTable with a live index of a type the engine has not',
    attempt: () =>
      diffTable(table('t', { id: int() }), {
        database: 'd',
        name: 't',
        columns: [{ name: 'id', type: { kind: 'INT' }, nullable: true, default: undefined, comment: undefined, computed: undefined }],
        clusterBy: undefined,
        comment: undefined,
        options: {},
        transient: false,
        indexes: [{ type: 'BTREE', name: 'i', columns: ['id'], async: false, options: {} }],
      } as never),
    error: V,
    reason: 'invalid_value',
    message: "diffTable(): live.indexes[0].type must be 'INVERTED', 'NGRAM' or 'VECTOR'",
  },
  {
    area: 'schema evolution',
    input: 'diffObjects with SQL text instead of a CREATE builder',
    attempt: () => diffObjects(['CREATE STAGE s'] as never, []),
    error: V,
    reason: 'invalid_type',
    message: 'diffObjects(): declared[0] must be a createStage(), createFileFormat() or createConnection() builder, not a string',
  },
  {
    area: 'schema evolution',
    input: 'diffObjects with a live object of a kind it does not read',
    attempt: () => diffObjects([], [{ object: 'pipe', name: 'p' }] as never),
    error: V,
    reason: 'invalid_value',
    message: "diffObjects(): live[0].object must be 'stage', 'file_format' or 'connection'",
  },
  {
    area: 'schema evolution',
    input: 'pushObjects with a DSN instead of a client',
    attempt: () => pushObjects('databend://u:p@h:8000/' as never, []),
    error: V,
    reason: 'invalid_type',
    message: 'pushObjects(): client must be a client of the SDK (createClient()), not a string',
  },
  {
    area: 'schema evolution',
    input: 'pushObjects with a plain object shaped like a CREATE builder',
    attempt: () =>
      pushObjects(createClient({ dsn: 'databend://u:p@h:8000/', dryRun: true }), [{ toNode: () => ({ kind: 'CreateStageStmt', name: 's' }) }] as never),
    error: V,
    reason: 'invalid_type',
    message: 'pushObjects(): declared[0] must be a createStage(), createFileFormat() or createConnection() builder, not an object',
  },
  {
    area: 'schema evolution',
    input: "pushObjects with allowDestructive: 'yes'",
    attempt: () => pushObjects(createClient({ dsn: 'databend://u:p@h:8000/', dryRun: true }), [], { allowDestructive: 'yes' as never }),
    error: V,
    reason: 'invalid_type',
    message: 'pushObjects(): allowDestructive must be true or false (a boolean), not a string',
  },
  {
    area: 'schema evolution',
    input: 'introspectObjects with a DSN instead of a client',
    attempt: () => introspectObjects('databend://u:p@h:8000/' as never),
    error: V,
    reason: 'invalid_type',
    message: 'introspectObjects(): client must be a client of the SDK (createClient()), not a string',
  },
  {
    area: 'schema evolution',
    input: 'renamedFrom() with a name that is no identifier',
    attempt: () => string().renamedFrom(''),
    error: V,
    reason: 'too_small',
    message: 'column.renamedFrom(): previous must be a non-empty string',
  },
  {
    area: 'code generation',
    input: 'generateDeclarations with a DECIMAL precision that is code, not a number',
    attempt: () =>
      generateDeclarations([
        {
          database: 'd',
          name: 't',
          columns: [
            {
              name: 'x',
              type: { kind: 'DECIMAL', precision: '1); process.exit(1' as never, scale: 0 },
              nullable: true,
              default: undefined,
              comment: undefined,
              computed: undefined,
            },
          ],
          clusterBy: undefined,
          comment: undefined,
          options: {},
          transient: false,
        },
      ]),
    error: V,
    reason: 'invalid_type',
    message: 'generateDeclarations(): live.columns[0].type: precision must be an integer from 1 to 76',
  },
  {
    area: 'code generation',
    input: 'generateDeclarations with a file name that is a path',
    attempt: () => generateDeclarations([], { fileName: '../../etc/profile.ts' }),
    error: V,
    reason: 'invalid_format',
    message: 'generateDeclarations(): fileName must be a file name ending in .ts (letters, digits, _, . and -; no folder)',
  },
  {
    area: 'code generation',
    input: 'pull with an unknown layout',
    attempt: () => pull(createClient({ dsn: 'databend://u:p@h:8000/', dryRun: true }), { layout: 'tree' as never }),
    error: V,
    reason: 'invalid_value',
    message: 'pull(): layout must be one of one-file, per-table',
  },
  {
    area: 'code generation',
    input: 'infer with a file type INFER_SCHEMA does not read',
    attempt: () => infer(createClient({ dsn: 'databend://u:p@h:8000/', dryRun: true }), { stage: 's', format: 'TSV' as never, table: 't' }),
    error: V,
    reason: 'invalid_value',
    message: 'infer(): format must be one of PARQUET, CSV, NDJSON',
  },
  {
    area: 'code generation',
    input: 'infer with a stage name that is SQL',
    attempt: () => infer(createClient({ dsn: 'databend://u:p@h:8000/', dryRun: true }), { stage: "s'; DROP TABLE t; --", format: 'CSV', table: 't' }),
    error: V,
    reason: 'invalid_format',
    message: 'infer(): stage must be a plain identifier (a letter or _ followed by letters, digits or _)',
  },

  {
    area: 'credentials',
    input: 'a connection value that is not printable ASCII (the engine panics while masking it: 1001)',
    attempt: () => createConnection('c').s3({ accessKeyId: 'ak🚗', secretAccessKey: 'sk' }),
    error: V,
    reason: 'unsupported',
    message: "createConnection('c').s3(): ACCESS_KEY_ID (accessKeyId) must be printable ASCII (the engine fails on other characters in connection values)",
  },

  // ---- databend-etl/kysely and databend-etl/local (test/engine/api-contract.test.ts walks them too)
  {
    area: 'kysely',
    input: 'an object shaped like a client given to the dialect',
    attempt: () => new DatabendDialect({ client: { query: () => [] } } as never),
    error: V,
    reason: 'invalid_type',
    message: 'new DatabendDialect(): client must be a client of the SDK (createClient()), not an object',
  },
  {
    area: 'kysely',
    input: 'client and dsn both given to the dialect',
    attempt: () => new DatabendDialect({ client: createClient({ dsn: 'databend://u:p@h:8000/', dryRun: true }), dsn: 'databend://u:p@h:8000/' } as never),
    error: V,
    reason: 'conflict',
    message: "new DatabendDialect(): config takes either client or the client options, not both ('dsn' given with client)",
  },
  {
    area: 'kysely',
    input: 'tables that are not table() declarations',
    attempt: () => new DatabendDialect({ dsn: 'databend://u:p@h:8000/', tables: [{ name: 't', columns: {} }] } as never),
    error: V,
    reason: 'invalid_type',
    message: "new DatabendDialect(): tables must hold the SDK's table() declarations; item 0 is an object",
  },
  {
    area: 'kysely',
    input: 'fromStage() given an object with its own compile() (it was pasted as SQL)',
    attempt: () => fromStage({ compile: () => 'SELECT 1; DROP TABLE t' } as never, 'f'),
    error: V,
    reason: 'invalid_type',
    message: 'fromStage(): fromStage takes (stage, path, table, alias) or (selectFromStage(...), alias), not an object',
  },
  {
    area: 'kysely',
    input: 'a column name with four dotted parts (an Error from Kysely)',
    attempt: () => variantPath('a.b.c.d', ['x']),
    error: V,
    reason: 'invalid_format',
    message: 'variantPath(): a column name is column, table.column or schema.table.column (at most two dots)',
  },
  {
    area: 'kysely',
    input: 'a query vector shaped like an expression (a TypeError in Kysely)',
    attempt: () => cosineDistance('embedding', { toOperationNode: 1 } as never),
    error: V,
    reason: 'invalid_type',
    message: 'cosine_distance(): the query vector is an array of numbers or a Kysely expression, not an object',
  },
  {
    area: 'kysely',
    input: 'a negative count for numbers() (the engine refuses it: 2004)',
    attempt: () => numbers(-1),
    error: V,
    reason: 'too_small',
    message: 'numbers(): count must be an integer 0..9007199254740991, not -1',
  },
  {
    area: 'kysely',
    input: "numbers('10'): a count given as text",
    attempt: () => numbers('10' as never),
    error: V,
    reason: 'invalid_type',
    message: 'numbers(): count must be an integer 0..9007199254740991, not a string',
  },
  {
    area: 'kysely',
    input: 'a fractional bound for generateSeries()',
    attempt: () => generateSeries(1.5, 10),
    error: V,
    reason: 'invalid_type',
    message: 'generateSeries(): start must be an integer -9007199254740991..9007199254740991, not 1.5',
  },
  {
    area: 'kysely',
    input: 'a step of 0 for generateSeries() (the engine refuses it when the query runs: 1006)',
    attempt: () => generateSeries(1, 10, 0),
    error: V,
    reason: 'invalid_value',
    message: 'generateSeries(): step must not be 0 (the engine refuses it: "step must not be zero")',
  },
  {
    area: 'kysely',
    input: 'a table function aliased with a name holding a backslash',
    attempt: () => numbers(3).as('n\\x'),
    error: V,
    reason: 'invalid_format',
    message: 'numbers().as(): alias must not contain a backslash (Databend reads escapes in quoted names)',
  },
  {
    area: 'kysely',
    input: "a cast to a type given as text ('DOUBLE')",
    attempt: () => cast('number', 'DOUBLE' as never),
    error: V,
    reason: 'invalid_type',
    message: 'cast(): type must be a column function of the SDK such as double() or string(), or a type node, not a string',
  },
  {
    area: 'kysely',
    input: "a cast to a BIGINT with a mode (a query's column is read by its Databend type)",
    attempt: () => cast('number', bigint({ mode: 'string' })),
    error: V,
    reason: 'unsupported',
    message: "cast(): a cast's value is read by its Databend type: a BIGINT mode applies to a declared table column (cast to STRING to read the digits)",
  },
  {
    area: 'kysely',
    input: 'a cast of an empty column name',
    attempt: () => cast('', string()),
    error: V,
    reason: 'too_small',
    message: 'cast(): the column must be a column name or a Kysely expression (eb.ref(...)), not a string',
  },
  {
    area: 'kysely',
    input: 'an unload of a compiled INSERT (it would be pasted into FROM ( ... ))',
    attempt: () =>
      copyIntoStage('s').from(
        new Kysely<{ t: { a: number } }>({ dialect: new DatabendDialect({ dsn: 'databend://u:p@h:8000/', dryRun: true }) })
          .insertInto('t')
          .values({ a: 1 })
          .compile(),
      ),
    error: V,
    reason: 'unsupported',
    message: "copyIntoStage('s').from(): the compiled query must be a SELECT (db.selectFrom(...) or db.selectNoFrom(...))",
  },
  {
    area: 'kysely',
    input: 'an unload of an object shaped like a compiled query (not made by the dialect)',
    attempt: () => copyIntoStage('s').from({ sql: 'SELECT 1', parameters: [] } as never),
    error: V,
    reason: 'unsupported',
    message:
      "copyIntoStage('s').from(): source is a compiled query the SDK's Kysely dialect did not make: compile it with DatabendDialect (databend-etl/kysely), which inlines its values as literals",
  },
  {
    area: 'local',
    input: "a port given as text ('8000')",
    attempt: () => startLocalDatabend({ port: '8000' as never }),
    error: V,
    reason: 'invalid_type',
    message: 'startLocalDatabend(): port must be an integer 0..65535 (0: a free port), not a string',
  },
  {
    area: 'local',
    input: "a start timeout past setTimeout's limit (it fired at once)",
    attempt: () => startLocalDatabend({ startTimeoutMs: 2 ** 31 }),
    error: V,
    reason: 'too_big',
    message: 'startLocalDatabend(): startTimeoutMs must be an integer 1..2147483647, not 2147483648',
  },
  {
    area: 'local',
    input: 'a NUL in the engine home (a TypeError from Node)',
    attempt: () => ensureLocalEngine({ home: 'a\0b' }),
    error: V,
    reason: 'invalid_format',
    message: 'ensureLocalEngine(): home must not contain NUL',
  },

  // ---- Rows read back that fail validation
  {
    area: 'rows',
    input: 'validate: true without a table',
    attempt: () => createClient({ dsn: 'databend://root:@127.0.0.1:9/default', driver: driverAnswering([]) }).query('SELECT 1', { validate: true }),
    error: V,
    reason: 'missing',
    message: 'client.query(): validate: true needs the table option (or pass a schema to validate)',
  },
  {
    area: 'rows',
    input: 'a NULL in a NOT NULL column',
    attempt: readEvents([
      [1, 'a', 0.5, at, [1, 2]],
      [null, 'b', 0.5, at, [1, 2]],
    ]),
    error: RowValidationError,
    message: rowMessage(1, [{ expected: 'number', code: 'invalid_type', path: ['id'], message: 'Invalid input: expected number, received null' }]),
  },
  {
    area: 'rows',
    input: 'a string where a DOUBLE belongs',
    attempt: readEvents([[1, 'a', '0.5', at, [1, 2]]]),
    error: RowValidationError,
    message: rowMessage(0, [{ code: 'custom', path: ['score'], message: 'must be a number (NaN and ±Infinity included)' }]),
  },
  {
    area: 'rows',
    input: 'a vector of the wrong length',
    attempt: readEvents([[1, 'a', 0.5, at, [1, 2, 3]]]),
    error: RowValidationError,
    message: rowMessage(0, [
      { origin: 'array', code: 'too_big', maximum: 2, inclusive: true, exact: true, path: ['embedding'], message: 'must have exactly 2 numbers (VECTOR(2))' },
    ]),
  },
  {
    area: 'rows',
    input: 'an INT out of range',
    attempt: readEvents([[2 ** 31, 'a', 0.5, at, [1, 2]]]),
    error: RowValidationError,
    message: rowMessage(0, [{ code: 'custom', path: ['id'], message: 'must be an integer from -2147483648 to 2147483647 (INT)' }]),
  },
  {
    area: 'staged columns',
    input: 'count() beside a column (a SELECT of aggregates has no GROUP BY: 1065)',
    attempt: () => selectFromStage('s').select(staged.count(staged.col(1)), staged.col(1)),
    error: V,
    reason: 'conflict',
    message:
      "selectFromStage('s').select(): select() mixes count() with other items: a SELECT of aggregates has no GROUP BY, so every item must be an aggregate (engine error 1065)",
  },
  {
    area: 'staged columns',
    input: 'count() as the source of a loaded column',
    attempt: () =>
      copyInto(table('t', { n: bigint() }))
        .fromStage('s')
        .map({ n: staged.count(staged.col(1)) as never }),
    error: V,
    reason: 'unsupported',
    message: "copyInto('t').map(): map() source for 'n' is an aggregate: a load reads each row, count() is for a stage SELECT",
  },
  {
    area: 'staged columns',
    input: 'a column by name in CSV files (1065: CSV has positions only)',
    attempt: () => selectFromStage('s').fileFormat('CSV').select(staged.column('sepal_length')),
    error: V,
    reason: 'unsupported',
    message: "selectFromStage('s').select(): a column by name ('sepal_length') reads Parquet and ORC files, not CSV: read $n (engine error 1065)",
  },
  {
    area: 'staged columns',
    input: 'a column name that is empty',
    attempt: () => staged.column(''),
    error: V,
    reason: 'too_small',
    message: 'staged.column(): name must be a non-empty string',
  },
  {
    area: 'staged columns',
    input: 'a column position of 0',
    attempt: () => staged.col(0),
    error: V,
    reason: 'too_small',
    message: 'staged.col(): a column position is an integer from 1 to 65535 ($1 is the first)',
  },
  {
    area: 'staged columns',
    input: 'a column position given as a string',
    attempt: () => staged.col('1' as never),
    error: V,
    reason: 'invalid_type',
    message: 'staged.col(): a column position is an integer from 1 to 65535 ($1 is the first)',
  },
  {
    area: 'staged columns',
    input: 'a path without a step',
    attempt: () => staged.path(1),
    error: V,
    reason: 'too_small',
    message: 'staged.path(): path() needs at least one key or index after the position (staged.col(n) reads the whole column)',
  },
  {
    area: 'staged columns',
    input: 'a path index that is negative',
    attempt: () => staged.path(1, 'a', -1),
    error: V,
    reason: 'too_small',
    message: 'staged.path(): a path index is a non-negative integer',
  },
  {
    area: 'staged columns',
    input: 'an empty path key',
    attempt: () => staged.path(1, ''),
    error: V,
    reason: 'too_small',
    message: 'staged.path(): a path key must not be empty',
  },
  {
    area: 'staged columns',
    input: 'a path step that is an object',
    attempt: () => staged.path(1, { key: 'a' } as never),
    error: V,
    reason: 'invalid_type',
    message: 'staged.path(): a path step is a key (a string) or an index (a number), not an object',
  },
  {
    area: 'staged columns',
    input: 'an alias with a backslash',
    attempt: () => staged.col(1).as('a\\b'),
    error: V,
    reason: 'invalid_format',
    message: 'staged $1.as(): alias must not contain a backslash (Databend reads escapes in quoted names)',
  },
  {
    area: 'staged columns',
    input: 'a cast to a type node, not a column function',
    attempt: () => staged.col(1).cast({ kind: 'INT' } as never),
    error: V,
    reason: 'invalid_type',
    message: 'staged $1.cast(): cast() takes a column function such as int() or string(), not an object',
  },
  {
    area: 'staged columns',
    input: 'a second cast',
    attempt: () => staged.col(1).cast(int()).cast(string()),
    error: V,
    reason: 'conflict',
    message: 'staged $1.cast(): the expression is cast already: cast it once, to the type wanted',
  },
  {
    area: 'staged columns',
    input: 'a select() item that looks like a staged column',
    attempt: () => selectFromStage('s').select({ expression: { kind: 'SqlFragment', sql: '1; DROP TABLE t' }, alias: 'x' } as never),
    error: V,
    reason: 'invalid_type',
    message:
      "selectFromStage('s').select(): select() takes staged.col(), staged.path(), staged.column(), staged.count(), staged.filename, staged.fileRowNumber or '*', not an object",
  },
  {
    area: 'staged columns',
    input: 'a path in select() without a name',
    attempt: () => selectFromStage('s').select(staged.path(1, 'a', 'b') as never),
    error: V,
    reason: 'missing',
    message:
      "selectFromStage('s').select(): select() needs a name for $1 with a cast or a path other than one lower-case key (the engine's own name for it is not the SQL): give it one with .as('name')",
  },
  {
    area: 'staged columns',
    input: 'a path of one upper-case key in select() without a name (the engine lower-cases its name)',
    attempt: () => selectFromStage('s').select(staged.path(1, 'Title') as never),
    error: V,
    reason: 'missing',
    message:
      "selectFromStage('s').select(): select() needs a name for $1 with a cast or a path other than one lower-case key (the engine's own name for it is not the SQL): give it one with .as('name')",
  },
  {
    area: 'staged columns',
    input: 'two select() items of one name',
    attempt: () => selectFromStage('s').select(staged.col(1).as('a'), staged.col(2).as('a')),
    error: V,
    reason: 'conflict',
    message: "selectFromStage('s').select(): select() names two items 'a'",
  },
  {
    area: 'staged columns',
    input: "'*' beside columns of CSV files",
    attempt: () => selectFromStage('s').fileFormat('CSV').select('*', staged.filename),
    error: V,
    reason: 'unsupported',
    message: "selectFromStage('s').select(): SELECT * over staged files reads Parquet and ORC only, not CSV (engine error 1065)",
  },
  {
    area: 'staged columns',
    input: 'a path into a CSV column, the format named last',
    attempt: () => selectFromStage('s').select(staged.path(1, 'a').as('a')).fileFormat('CSV'),
    error: V,
    reason: 'unsupported',
    message: "selectFromStage('s').fileFormat(): a CSV column is a string: there is no path into $1 (cast a JSON text with parse_json() in an sql`` item)",
  },
  {
    area: 'staged columns',
    input: '$2 of NDJSON files',
    attempt: () => selectFromStage('s').fileFormat('NDJSON').select(staged.col(2)),
    error: V,
    reason: 'unsupported',
    message: "selectFromStage('s').select(): NDJSON files have one column, $1, each row as a VARIANT: read $2 as a path into $1",
  },
  {
    area: 'staged columns',
    input: 'a staged column with an alias as a mapping source',
    attempt: () =>
      copyInto(sessions)
        .fromStage('s')
        .map({ session_id: staged.col(1).as('x') } as never),
    error: V,
    reason: 'conflict',
    message: "copyInto('sessions').map(): map() source for 'session_id' has an alias: the target column names it, drop .as()",
  },
  {
    area: 'table functions',
    input: 'a zero max_records_pre_file',
    attempt: () => inferSchema('s').maxRecordsPerFile(0),
    error: V,
    reason: 'too_small',
    message: "inferSchema('@s/').maxRecordsPerFile(): max_records_pre_file must be an integer from 1 to 2147483647",
  },
  {
    area: 'table functions',
    input: 'a connection name with a quote',
    attempt: () => inferSchema('s').connectionName("c'; DROP"),
    error: V,
    reason: 'invalid_format',
    message: "inferSchema('@s/').connectionName(): connection name must be a plain identifier (a letter or _ followed by letters, digits or _)",
  },
  {
    area: 'table functions',
    input: 'an empty pattern',
    attempt: () => listStageFiles('s').pattern(''),
    error: V,
    reason: 'too_small',
    message: "listStageFiles('@s/').pattern(): PATTERN must be a non-empty regular expression",
  },
  {
    area: 'table functions',
    input: 'a list_stage() column that is not one of its columns',
    attempt: () => listStageFiles('s').columns('filename' as never),
    error: V,
    reason: 'invalid_value',
    message: "listStageFiles('@s/').columns(): a column of LIST_STAGE() is one of name, size, md5, last_modified, creator, not 'filename'",
  },
  {
    area: 'table functions',
    input: 'ORDER BY a direction in lower case',
    attempt: () => listStageFiles('s').orderBy('name', 'desc' as never),
    error: V,
    reason: 'invalid_value',
    message: "listStageFiles('@s/').orderBy(): direction must be 'ASC' or 'DESC', not a string",
  },

  {
    area: 'table functions',
    input: 'a WHERE given as a string',
    attempt: () => listStageFiles('s').where('size > 0' as never),
    error: V,
    reason: 'invalid_type',
    message: "listStageFiles('@s/').where(): WHERE takes an sql`` expression",
  },
  // ---- Table statements
  {
    area: 'tables',
    input: 'a computed column with a DEFAULT',
    attempt: () => bigint().default(1).storedAs(sql`id + 1`),
    error: V,
    reason: 'conflict',
    message: 'column.storedAs(): the column has a DEFAULT already: a column takes one of DEFAULT, a computed expression and AUTOINCREMENT',
  },
  {
    area: 'tables',
    input: 'a computed column written as a string',
    attempt: () => bigint().virtualAs('id + 1' as never),
    error: V,
    reason: 'invalid_type',
    message: 'column.virtualAs(): expression must be an sql`` fragment, not a string',
  },
  {
    area: 'tables',
    input: 'AUTOINCREMENT with a step of 0',
    attempt: () => bigint().autoIncrement({ step: 0 }),
    error: V,
    reason: 'too_small',
    message: 'column.autoIncrement(): step must be a positive integer',
  },
  {
    area: 'tables',
    input: 'an index on a column of the wrong type',
    attempt: () => table('t', { v: vector(2) }, { indexes: [ngramIndex('v_ngram', ['v'])] }),
    error: V,
    reason: 'invalid_value',
    message: "table('t'): NGRAM index 'v_ngram' takes STRING columns, not 'v' (VECTOR)",
  },
  {
    area: 'tables',
    input: 'an index shaped like one, not made by a helper',
    attempt: () => createIndex({ type: 'VECTOR', name: 'v', columns: ['v'], async: false, options: { "distance = 'l1'; DROP TABLE t; --": 1 } } as never, 't'),
    error: V,
    reason: 'invalid_type',
    message: 'createIndex(): index must be made by vectorIndex(), invertedIndex() or ngramIndex(), not an object',
  },
  {
    area: 'tables',
    input: 'a VECTOR index without a distance',
    attempt: () => vectorIndex('v', ['v'], {} as never),
    error: V,
    reason: 'invalid_type',
    message: "vectorIndex('v'): distance must be an array, not undefined",
  },
  {
    area: 'tables',
    input: 'CREATE TABLE of a table declaring an ASYNC VECTOR index (Databend parses ASYNC there as a column, 1005)',
    attempt: () => createTable(table('t', { v: vector(2) }, { indexes: [vectorIndex('vi', ['v'], { distance: ['l2'], async: true })] })),
    error: V,
    reason: 'unsupported',
    message:
      "createTable(): ASYNC VECTOR index 'vi' cannot be declared inside CREATE TABLE (Databend reads ASYNC there as a column name): create the table without it, then createIndex() it, as diff() and push() do",
  },
  {
    area: 'tables',
    input: 'an INVERTED index tokenizer the engine lacks',
    attempt: () => invertedIndex('i', ['s'], { tokenizer: 'french' as never }),
    error: V,
    reason: 'invalid_value',
    message: "invertedIndex('i'): tokenizer must be one of english, chinese, not a string",
  },
  {
    area: 'tables',
    input: 'ADD COLUMN both FIRST and AFTER another',
    attempt: () => alterTable('t').addColumn('x', int(), { first: true, after: 'id' }),
    error: V,
    reason: 'conflict',
    message: "alterTable('t').addColumn(): a column goes FIRST or AFTER another, not both",
  },
  {
    area: 'tables',
    input: 'a table over a read-only (https) location',
    attempt: () => createTable(table('t', { a: int() })).location('https://example.com/d/' as never),
    error: V,
    reason: 'unsupported',
    message: "createTable('t').location(): https:// locations are read only: a table cannot write to them",
  },
  {
    area: 'tables',
    input: 'ALTER TABLE ... CONNECTION with a number',
    attempt: () => alterTable('t').connection(42 as never),
    error: V,
    reason: 'invalid_type',
    message: "alterTable('t').connection(): connection must be a connection name or a createConnection() builder, not a number",
  },
  {
    area: 'tables',
    input: 'MODIFY COLUMN to a computed column',
    attempt: () => alterTable('t').modifyColumn('x', bigint().storedAs(sql`1`)),
    error: V,
    reason: 'conflict',
    message: "alterTable('t').modifyColumn(): MODIFY COLUMN cannot make a column computed (Databend takes a type, NOT NULL, DEFAULT and COMMENT)",
  },
  {
    area: 'tables',
    input: 'SET OPTIONS with a fraction (the engine reads integers only: 0.5 is a syntax error)',
    attempt: () => alterTable('t').setOptions({ block_per_segment: 0.5 }),
    error: V,
    reason: 'not_exact',
    message: "alterTable('t').setOptions(): table option 'block_per_segment' must be a string, a boolean or an integer from 0 to 2^53 - 1",
  },
  {
    area: 'tables',
    input: 'SET OPTIONS with an option key that is SQL',
    attempt: () => alterTable('t').setOptions({ 'a = 1) DROP TABLE t --': 1 }),
    error: V,
    reason: 'invalid_format',
    message: "alterTable('t').setOptions(): table option 'a = 1) DROP TABLE t --' must be a plain identifier",
  },
  {
    area: 'tables',
    input: 'UNSET OPTIONS with an option name that is SQL',
    attempt: () => alterTable('t').unsetOptions(['a) DROP TABLE t --']),
    error: V,
    reason: 'invalid_format',
    message: "alterTable('t').unsetOptions(): table option 'a) DROP TABLE t --' must be a plain identifier",
  },
  {
    area: 'tables',
    input: 'UNSET OPTIONS naming an option twice',
    attempt: () => alterTable('t').unsetOptions(['compression', 'compression']),
    error: V,
    reason: 'conflict',
    message: "alterTable('t').unsetOptions(): UNSET OPTIONS lists an option twice",
  },
  {
    area: 'tables',
    input: 'FLASHBACK TO both a snapshot and a timestamp',
    attempt: () => alterTable('t').flashbackTo({ snapshot: 'a', timestamp: sql`now()` } as never),
    error: V,
    reason: 'conflict',
    message: "alterTable('t').flashbackTo(): FLASHBACK TO takes exactly one of timestamp, snapshot or stream",
  },
  {
    area: 'tables',
    input: 'a masking policy name that is SQL (the engine keeps a quoted policy name with its quotes)',
    attempt: () => alterTable('t').setMaskingPolicy('email', 'p; DROP TABLE t'),
    error: V,
    reason: 'invalid_format',
    message: "alterTable('t').setMaskingPolicy(): policy name must be a plain identifier (a letter or _ followed by letters, digits or _)",
  },
  {
    area: 'tables',
    input: 'SET MASKING POLICY ... USING without the masked column first',
    attempt: () => alterTable('t').setMaskingPolicy('email', 'pii', { using: ['username', 'email'] }),
    error: V,
    reason: 'invalid_value',
    message: "alterTable('t').setMaskingPolicy(): USING lists the masked column 'email' first, then the condition columns",
  },
  {
    area: 'tables',
    input: 'SET MASKING POLICY ... USING the masked column alone (the engine wants a condition column: 2004)',
    attempt: () => alterTable('t').setMaskingPolicy('email', 'pii', { using: ['email'] }),
    error: V,
    reason: 'too_small',
    message: "alterTable('t').setMaskingPolicy(): USING needs at least 2 columns",
  },
  {
    area: 'tables',
    input: 'ADD ROW ACCESS POLICY on no columns',
    attempt: () => alterTable('t').addRowAccessPolicy('rap', []),
    error: V,
    reason: 'too_small',
    message: "alterTable('t').addRowAccessPolicy(): ROW ACCESS POLICY ... ON needs at least 1 column",
  },
  {
    area: 'tables',
    input: 'a row access policy named by a reserved keyword',
    attempt: () => alterTable('t').dropRowAccessPolicy('select'),
    error: V,
    reason: 'reserved',
    message: "alterTable('t').dropRowAccessPolicy(): policy name 'select' is a reserved keyword",
  },
  {
    area: 'tables',
    input: 'SET TAG with a value that is not a string',
    attempt: () => alterTable('t').setTag({ env: 1 as never }),
    error: V,
    reason: 'invalid_type',
    message: "alterTable('t').setTag(): tags.env must be a string, not a number",
  },
  {
    area: 'tables',
    input: 'SET TAG naming one tag twice in two cases',
    attempt: () => alterTable('t').setTag({ env: 'a', ENV: 'b' }),
    error: V,
    reason: 'conflict',
    message: "alterTable('t').setTag(): SET TAG names a tag twice",
  },
  {
    area: 'tables',
    input: 'UNSET TAG with a tag name that is SQL',
    attempt: () => alterTable('t').unsetTag(['env; DROP TABLE t']),
    error: V,
    reason: 'invalid_format',
    message: "alterTable('t').unsetTag(): tag name must be a plain identifier (a letter or _ followed by letters, digits or _)",
  },
  {
    area: 'tables',
    input: 'MODIFY COLUMN of no columns',
    attempt: () => alterTable('t').modifyColumns({}),
    error: V,
    reason: 'too_small',
    message: "alterTable('t').modifyColumns(): MODIFY COLUMN needs at least one column",
  },
  {
    area: 'tables',
    input: 'a table engine the grammar lacks (VIEW is CREATE VIEW)',
    attempt: () =>
      createTable('t')
        .like('u')
        .engine('VIEW' as never),
    error: V,
    reason: 'invalid_value',
    message: "createTable('t').engine(): engine must be one of FUSE, MEMORY, NULL, RANDOM, not a string",
  },
  {
    area: 'tables',
    input: 'CREATE TABLE engine options with a fraction (the engine reads integers only)',
    attempt: () => createTable('t').like('u').engineOptions({ block_per_segment: 0.5 }),
    error: V,
    reason: 'not_exact',
    message: "createTable('t').engineOptions(): table option 'block_per_segment' must be a string, a boolean or an integer from 0 to 2^53 - 1",
  },
  {
    area: 'tables',
    input: 'CREATE TABLE AS a statement that is no SELECT',
    attempt: () => createTable('t').as(createTable(sessions) as never),
    error: V,
    reason: 'invalid_type',
    message: "createTable('t').as(): query must be an sql`` fragment or a SELECT builder (selectFromStage(), selectFromStream()), not an object",
  },
  {
    area: 'tables',
    input: 'a REFRESH INDEX of an unknown index kind',
    attempt: () => refreshIndex('BLOOM' as never, 'i', 't'),
    error: V,
    reason: 'invalid_value',
    message: "refreshIndex('i'): type must be one of INVERTED, NGRAM, VECTOR, not a string",
  },
  {
    area: 'staged columns',
    input: 'raw() after alias() (the alias would be dropped)',
    attempt: () =>
      copyInto(table('t', { a: int() }))
        .fromStage('s')
        .alias('f')
        .raw(),
    error: V,
    reason: 'conflict',
    message: "copyInto('t').raw(): raw() loads the files without a transform SELECT, so the alias() given would be dropped",
  },
  {
    area: 'show and describe',
    input: 'LIKE after WHERE (the grammar takes one of the two)',
    attempt: () => showStages().where(sql`true`).like('a%'),
    error: V,
    reason: 'conflict',
    message: 'showStages().like(): SHOW takes LIKE or WHERE, not both: where() was given',
  },
  {
    area: 'show and describe',
    input: 'a second LIKE (it would replace the first)',
    attempt: () => showTasks().like('a%').like('b%'),
    error: V,
    reason: 'conflict',
    message: 'showTasks().like(): like() was given already',
  },
  {
    area: 'show and describe',
    input: 'a LIKE pattern holding a lone surrogate',
    attempt: () => showStreams().like('\uD800'),
    error: V,
    reason: 'not_exact',
    message: 'showStreams().like(): a LIKE pattern holding a lone surrogate cannot be sent exactly',
  },
  {
    area: 'show and describe',
    input: 'a LIKE pattern with a quote (the engine pastes it unescaped into the query SHOW is rewritten to)',
    attempt: () => showStages().like("x' OR '1' = '1"),
    error: V,
    reason: 'not_exact',
    message:
      'showStages().like(): a SHOW ... LIKE pattern cannot hold a quote or a backslash: the engine pastes it unescaped into the query it runs (use where(sql`name = ${...}`))',
  },
  {
    area: 'show and describe',
    input: 'a negative LIMIT',
    attempt: () => showStages().limit(-1),
    error: V,
    reason: 'too_small',
    message: 'showStages().limit(): LIMIT must be a non-negative integer',
  },
  {
    area: 'show and describe',
    input: 'a stage name with SQL in it',
    attempt: () => describeStage('s; DROP STAGE x'),
    error: V,
    reason: 'invalid_format',
    message: 'describeStage(): stage name must be a plain identifier (a letter or _ followed by letters, digits or _)',
  },
  {
    area: 'show and describe',
    input: 'a task name that is a reserved word',
    attempt: () => describeTask('select'),
    error: V,
    reason: 'reserved',
    message: "describeTask(): task name 'select' is a reserved keyword",
  },
];

// ---- The doc ---------------------------------------------------------------------------------------------------

/**
 * A Markdown code span holding `text`: fenced by more backticks than it contains, `|` escaped for tables, a line
 * break shown as ↵, a NUL as ␀, a lone surrogate as ⟨U+D800⟩, and a run of one character longer than 16 as {c × n}.
 */
function code(text: string): string {
  const shown = text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, (unit) => `⟨U+${unit.charCodeAt(0).toString(16).toUpperCase()}⟩`)
    .replace(/(.)\1{16,}/gu, (run: string, ch: string) => `{${ch} × ${[...run].length}}`)
    .replaceAll('\n', '↵')
    .replaceAll('\u0000', '␀')
    .replaceAll('|', '\\|');
  const fence = '`'.repeat(Math.max(0, ...[...shown.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

const cell = (text: string) => text.replaceAll('|', '\\|');

/** The API contract test's counts on three seeds, as scripts/api-contract-report.mjs kept them. */
const RUNS = JSON.parse(readFileSync(fileURLToPath(new URL('../support/api-contract-runs.json', import.meta.url)), 'utf8')) as {
  readonly measured: string;
  readonly runs: readonly Record<string, number>[];
};

const FIRST = RUNS.runs[0]!;

function renderRuns(): string {
  const n = (v: number | undefined) => (v ?? 0).toLocaleString('en-US');
  const rows = RUNS.runs.map(
    (r, i) =>
      `| ${r.seed}${i === 0 ? ' (the default)' : ''} | ${n(r.attempts)} | ${n(r.refused)} | ${n(r.built)} | ${n(r.onEngine)} | ${n(r.storedExactly)} | ${n(r.ranOnEngine)} | ${n(r.refusedByEngine)} + ${n(r.callersSyntax)} in the caller's own SQL | ${n(r.failures)} | ${r.seconds} s |`,
  );
  return [
    '| seed | attempts | refused | built | run on the engine | read back exactly | ran | refused by the engine | failures | time |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

function renderTable(): string {
  const rows = CASES.map(
    (c, i) => `| ${i + 1} | ${c.area} | ${cell(c.input)} | ${c.error.name} | ${c.reason === undefined ? '' : `\`${c.reason}\``} | ${code(c.message)} |`,
  );
  return ['| # | Area | Bad input | Error | Reason | Message |', '| ---: | --- | --- | --- | --- | --- |', ...rows].join('\n');
}

const BEGIN = '<!-- cases: generated by test/unit/bad-input.test.ts -->';
const END = '<!-- end of cases -->';

function renderDoc(): string {
  const areas = [...new Set(CASES.map((c) => c.area))];
  return `# Bad input and the error it gets

Every class of bad input tried against the SDK, and what it throws: always before any SQL exists, as a
\`ValidationError\` whose message names the call and the rule (\`call\`, \`rule\` and \`field\` are on the error too,
and \`reason\`, a code from \`VALIDATION_REASONS\`: see docs/api.md's Errors), or, for rows read back with \`validate\`,
a \`RowValidationError\` naming the row. ${CASES.length} cases in ${areas.length} areas:
${areas.join(', ')}.

Messages are shown in code, a line break as ↵, a NUL as ␀, a lone surrogate as ⟨U+D800⟩, and a run of one
character longer than 16 as {c × n}. The table is generated from the cases in \`test/unit/bad-input.test.ts\`, which runs each one and checks
its error class, reason and exact message; the test fails when this file differs from what the cases render. After
changing a case:

    UPDATE_BAD_INPUT_DOC=1 npx vitest run --project unit test/unit/bad-input.test.ts

Inputs the SDK lets through and the engine refuses are in \`docs/engine-facts.md\`; generated inputs, run on the
engine, are in \`test/engine/properties.test.ts\`, and every keyword of the engine as a name (where the SDK quotes
it, and the few places it refuses one because the engine would read it back as a keyword) in
\`test/engine/keywords.test.ts\`.

## Every public parameter under hostile values

\`test/engine/api-contract.test.ts\` holds every public parameter to one run-time contract, attacked the way a caller
without types would (values straight from a request body). It walks the public API by reflection: every entry point
of the three entries (\`databend-etl\`, \`databend-etl/kysely\`, \`databend-etl/local\`), every method of the builders
and objects they return, and the constructors of the exported classes; a method the parameter tables
(\`test/support/api-surface.ts\` and \`api-surface-entries.ts\`: ${FIRST.specs} specs over ${FIRST.methods} methods and
${FIRST.parameters} parameters, each with its kind, and ${FIRST.exempt} exemptions, each with its reason) does not describe fails the
test. It feeds each parameter, each key of an options record, an unknown key and a list's first item
(${FIRST.targets} places) the ${FIRST.hostileValues} values of \`test/support/hostile-values.ts\` (strings with quotes, backslashes, \`$$\`,
comment markers, \`;\`, NUL, CR, U+2028, lone surrogates and a megabyte; NaN, the infinities, -0, 2^64, bigints; null,
undefined, sparse and 5,000-deep arrays, objects with a changing toString, \`__proto__\` and \`constructor\` keys from
JSON.parse, objects shaped like a fragment, a table, a column or a type node; functions, symbols, boxed values, Maps,
Dates, cycles; the SDK's own objects in the wrong place), then ${FIRST.generatedRuns!.toLocaleString('en-US')} seeded values (fast-check's \`anything()\`,
hostile text, JSON). Every attempt ends in a \`ValidationError\` before any SQL exists, or in a statement that takes
only a value of a type the parameter takes and keeps it exactly: the statement data (\`toNode()\`) holds it as given (an
enum given in any case in upper case, a cron expression with single spaces; a table, fragment or statement by
identity; options of a call, such as \`compile()\`'s or the client's, are not statement data), it compiles to the same
SQL twice and again after the caller changes its value, and the caller's value is not frozen. Never a TypeError, a
RangeError or a stack overflow. The local entry's calls run against a fake engine home whose Python exits at once, so
an accepted option gets as far as the gateway's launch and ends in the entry's own typed error
(\`EngineStartError\`, \`EngineSetupError\`), never Node's. Kysely's protocol methods (the dialect's adapter, driver
and compiler, which Kysely calls with its own objects) are exempt; values reach the compiler through
\`compileQuery\`, which is attacked, except functions, which Kysely itself calls as expression factories.

A seeded sample of the built statements (per statement, up to 4 attempts with strings and 4 with other values) runs on
the local engine beside a canary table. Each reads back as given where the engine shows the value (names and comments
in \`system.tables\` and \`system.columns\`, a DEFAULT through a row that uses it, a value in \`\` sql\`\` \`\` or a Kysely
query through SELECT, an \`sql.id()\` name as the result column's name, a stage URL through DESC STAGE), runs where it
does not, or is refused with a \`ServerError\` that is not a syntax error (streams 1402 and tasks 1702 on this engine,
unknown objects 1025, bad values 1006, ...). A 1005 is allowed only in SQL the caller wrote: an \`sql.raw()\` fragment,
or a PATTERN the engine's regex compiler refuses (it quotes the pattern back). At the end the canary row, the engine
and every fixture are as they were. Seeds on 2 cores, measured ${RUNS.measured} by \`node scripts/api-contract-report.mjs\`
(which writes \`test/support/api-contract-runs.json\` and this page):

${renderRuns()}

Each run prints its seed; to replay one (\`API_CONTRACT_SEED=random\` draws a fresh seed, \`API_CONTRACT_RUNS\` sets
the number of generated values):

    API_CONTRACT_SEED=<seed> npx vitest run --project engine test/engine/api-contract.test.ts

The builder classes' constructors (exported for \`instanceof\` and their types) are attacked too: each takes a
statement node, statement data that is SQL by design as \`render()\`'s is. What is no statement node (a string, a
number, an object without a statement kind) is refused when constructed, and a node written by hand that lacks a part
is a \`ValidationError\` when it is compiled, never a TypeError. A node given to a constructor is adopted as it is,
as Kysely's builders adopt theirs: compile it before changing it.

${BEGIN}
${renderTable()}
${END}
`;
}

// ---- The tests -------------------------------------------------------------------------------------------------

describe('bad input', () => {
  it('has at least 40 cases, each input once', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((c) => c.input)).size).toBe(CASES.length);
  });

  it.each(CASES.map((c, i) => [i + 1, c.area, c.input, c] as const))('%i %s: %s', async (_, _area, _input, c) => {
    let thrown: unknown;
    try {
      await c.attempt();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(c.error);
    expect(thrown).toBeInstanceOf(DatabendEtlError);
    expect((thrown as Error).message).toBe(c.message);
    if (c.reason !== undefined) expect((thrown as ValidationError).reason).toBe(c.reason);
  });

  it('gives every ValidationError a reason from VALIDATION_REASONS, and meets each reason', async () => {
    const seen = new Set<unknown>();
    for (const c of CASES) {
      let thrown: unknown;
      try {
        await c.attempt();
      } catch (error) {
        thrown = error;
      }
      if (!(thrown instanceof ValidationError)) continue;
      expect(VALIDATION_REASONS, c.input).toContain(thrown.reason);
      seen.add(thrown.reason);
    }
    expect([...seen].sort()).toEqual([...VALIDATION_REASONS].sort());
  });

  it('docs/bad-input.md holds the table these cases render', () => {
    if (process.env.UPDATE_BAD_INPUT_DOC === '1') writeFileSync(DOC, renderDoc());
    expect(readFileSync(DOC, 'utf8')).toBe(renderDoc());
  });
});
