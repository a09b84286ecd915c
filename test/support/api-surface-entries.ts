// The parameter table of the package's other entry points, databend-etl/kysely and databend-etl/local, in the form
// of test/support/api-surface.ts (which holds the root entry and the kinds). The API contract test walks these
// entries too and fails on a method neither table describes.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isOperationNodeSource, Kysely, sql as kyselySql, type Expression } from 'kysely';
import { Column, createClient, DatabendClient, selectFromStage, SelectStageBuilder, string } from '../../src/index.js';
import {
  cast,
  cosineDistance,
  DatabendDialect,
  DatabendIntrospector,
  DatabendKyselyDriver,
  DatabendQueryCompiler,
  fromStage,
  generateSeries,
  getPath,
  innerProduct,
  l2Distance,
  numbers,
  variantNumber,
  variantPath,
  variantString,
} from '../../src/kysely/index.js';
import { engineHome, ensureLocalEngine, LocalEngineError, startLocalDatabend } from '../../src/local/index.js';
import { pythonAssetsDir, venvDir } from '../../src/local/python-env.js';
import {
  expectEqual,
  FS_STAGE,
  isJsonValue,
  isPlainObject,
  K,
  kind,
  list,
  literal,
  p,
  shapes,
  T,
  type Exactly,
  type Exempt,
  type Spec,
} from './api-surface.js';

const isString = (v: unknown): v is string => typeof v === 'string';
const dsn = 'databend://root:@127.0.0.1:9/default';

// ---- databend-etl/kysely ----------------------------------------------------------------------------------------

const dryDialect = () => new DatabendDialect({ dsn, dryRun: true, tables: [T] });
const dryKysely = () => new Kysely<any>({ dialect: dryDialect() });
/** The SQL of a SELECT of one expression over the test table, as Kysely compiles it with the SDK's compiler. */
const selecting = (expression: Expression<unknown>) => dryKysely().selectFrom('fz_t').select(kyselySql`${expression}`.as('v')).compile().sql;

/** What the helpers render goes into Kysely's SQL text: kept exactly means the engine reads it as given. */
const inSql: Exactly = { how: 'engine', says: 'rendered into the SELECT the engine runs' };
const column = kind('column name or Kysely expression', (v) => (isString(v) && v.length > 0) || isOperationNodeSource(v), {
  how: 'engine',
  says: 'a name the compiler quotes; the engine resolves it',
});
const variantSteps = list(
  'VARIANT path (keys and indexes)',
  kind('key or index', (v) => isString(v) || (Number.isSafeInteger(v) && (v as number) >= 0), inSql),
);
const queryVector = kind(
  'query vector (numbers, or a Kysely expression)',
  (v) => (Array.isArray(v) && v.length > 0) || isOperationNodeSource(v),
  { how: 'engine', says: 'the distance runs on the engine' },
  {
    element: kind('finite number', (v) => typeof v === 'number' && Number.isFinite(v), inSql),
  },
);
/** The SDK's tables: a list, or a record of them (as `{ frameEvents, sessions }`). */
const tablesKind = kind('table() declarations (a list or a record)', (v) => Array.isArray(v) || isPlainObject(v), shapes, { element: K.table });
const clientOptions = {
  dsn: K.dsn,
  timezone: kind('IANA time zone', isString, shapes),
  observe: K.func,
  dryRun: kind('boolean', (v) => typeof v === 'boolean', shapes),
  connectTimeoutMs: kind('integer 0..2^31-1', (v) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) < 2 ** 31, shapes),
  connectRetries: kind('integer 0..10', (v) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 10, shapes),
  tables: tablesKind,
  maxConnections: kind('integer >= 1', (v) => Number.isSafeInteger(v) && (v as number) >= 1, shapes),
};
const dialectConfig = kind('dialect config ({ dsn, ... } or { client })', isPlainObject, shapes, { keys: clientOptions, closed: true });

/** A bound of generate_series: a safe integer. */
const integerBound = kind('integer within ±(2^53-1)', (v) => Number.isSafeInteger(v), inSql);

/** Runs the helper's SELECT over fz_t on the engine: it must run, or be refused without a syntax error. */
const onEngine = { query: true } as const;

export const KYSELY_SURFACE: readonly Spec[] = [
  {
    key: 'new DatabendDialect',
    params: [p('config', dialectConfig)],
    args: () => [{ dsn, dryRun: true, tables: [T] }],
    call: ([c]) => new DatabendDialect(c as never),
  },
  {
    key: 'new DatabendDialect',
    variant: 'client',
    params: [
      p(
        'config',
        kind('{ client, tables }', isPlainObject, shapes, {
          keys: { client: kind('client of the SDK', (v) => v instanceof DatabendClient, shapes), tables: tablesKind },
          closed: true,
        }),
      ),
    ],
    args: () => [{ client: createClient({ dsn, dryRun: true }), tables: [T] }],
    call: ([c]) => new DatabendDialect(c as never),
  },
  {
    key: 'new DatabendKyselyDriver',
    params: [
      p(
        'source',
        kind('{ client } or { createClient, maxConnections }', isPlainObject, shapes, {
          keys: { createClient: K.func, maxConnections: clientOptions.maxConnections },
          closed: true,
        }),
      ),
      p('tables', tablesKind, { optional: true }),
    ],
    args: () => [{ createClient: () => createClient({ dsn, dryRun: true }), maxConnections: 2 }, [T]],
    call: ([s, t]) => new DatabendKyselyDriver(s as never, t as never),
  },
  {
    key: 'new DatabendQueryCompiler',
    params: [p('options', kind('{ tables }', isPlainObject, shapes, { keys: { tables: tablesKind }, closed: true }), { optional: true })],
    args: () => [{ tables: [T] }],
    call: ([o]) => new DatabendQueryCompiler(o as never),
  },
  {
    // Values reach the compiler from the caller's data (.values(), .where()); each is inlined as a literal.
    key: 'DatabendQueryCompiler.compileQuery',
    params: [p('value', literal)],
    args: () => ['fz value'],
    skips: {
      when: (v) => typeof v === 'function',
      why: "Kysely's eb.val() and .values() call a function as an expression factory: Kysely's API, before the SDK sees a value",
    },
    call: ([v]) =>
      dryKysely()
        .selectNoFrom((eb) => eb.val(v).as('v'))
        .compile().sql,
    engine: {
      query: true,
      readBack: async (_client, [v], rows) => {
        if (typeof v === 'string' || (isPlainObject(v) && isJsonValue(v))) expectEqual(rows[0]?.v, v, 'SELECT');
      },
    },
  },
  {
    key: 'new DatabendIntrospector',
    params: [
      p(
        'db',
        kind('a Kysely instance', (v) => v instanceof Kysely, shapes),
      ),
    ],
    args: () => [dryKysely()],
    call: ([db]) => new DatabendIntrospector(db as never),
  },
  ...(['getTables', 'getMetadata'] as const).map(
    (method): Spec => ({
      key: `DatabendIntrospector.${method}`,
      params: [
        p(
          'options',
          kind('{ withInternalKyselyTables }', isPlainObject, shapes, {
            keys: { withInternalKyselyTables: kind('boolean', (v) => typeof v === 'boolean', shapes) },
            closed: true,
          }),
          { optional: true },
        ),
      ],
      args: () => [{ withInternalKyselyTables: false }],
      call: ([o]) => new DatabendIntrospector(dryKysely())[method](o as never),
    }),
  ),
  ...(
    [
      ['variantPath', variantPath],
      ['variantString', variantString],
      ['variantNumber', variantNumber],
    ] as const
  ).map(
    ([name, helper]): Spec => ({
      key: name,
      params: [p('column', column), p('path', variantSteps)],
      args: () => ['doc', ['a', 0]],
      call: ([c, path]) => selecting(helper(c as string, path as never)),
      engine: onEngine,
    }),
  ),
  {
    key: 'getPath',
    params: [p('column', column), p('path', kind('Databend path text', isString, inSql))],
    args: () => ['doc', 'a[0]'],
    call: ([c, path]) => selecting(getPath(c as string, path as string)),
    engine: onEngine,
  },
  ...(
    [
      ['cosineDistance', cosineDistance],
      ['l2Distance', l2Distance],
      ['innerProduct', innerProduct],
    ] as const
  ).map(
    ([name, helper]): Spec => ({
      key: name,
      params: [p('column', column), p('vector', queryVector)],
      // Not run on the engine: the test table has no VECTOR column; the values' rendering has engine tests of its own.
      args: () => ['id', [0.5, 0.25]],
      call: ([c, v]) => selecting(helper(c as string, v as never)),
    }),
  ),
  {
    key: 'fromStage',
    params: [
      p('stage', kind('stage name, or an object with a name', K.nameRef.accepts, inSql)),
      p('path', kind('stage path', isString, inSql)),
      p('table', K.table),
      p('alias', kind('alias', isString, inSql)),
    ],
    args: () => [FS_STAGE, 'in/', T, 'f'],
    call: ([s, path, t, a]) =>
      dryKysely()
        .selectFrom(fromStage(s as string, path as string, t as never, a as string))
        .selectAll()
        .compile().sql,
    engine: onEngine,
  },
  {
    key: 'fromStage',
    variant: 'builder',
    params: [
      p(
        'source',
        kind('selectFromStage(...) builder', (v) => v instanceof SelectStageBuilder, { how: 'identity' }),
      ),
      p('alias', kind('alias', isString, inSql)),
    ],
    args: () => [selectFromStage(FS_STAGE, 'in/').columns('$1').fileFormat('CSV'), 'f'],
    call: ([s, a]) =>
      dryKysely()
        .selectFrom(fromStage(s as never, a as string))
        .selectAll()
        .compile().sql,
    engine: onEngine,
  },
  // ---- Table functions and casts: each compiled into a SELECT (a LIMIT keeps numbers() of any size quick).
  {
    key: 'numbers',
    params: [
      p(
        'count',
        kind('integer 0..2^53-1', (v) => Number.isSafeInteger(v) && (v as number) >= 0, inSql),
      ),
    ],
    args: () => [3],
    call: ([n]) => numbers(n as number),
    finish: (source) => dryKysely().selectFrom(source).selectAll().limit(3).compile().sql,
    engine: onEngine,
  },
  {
    key: 'TableFunctionSource.as',
    params: [p('alias', kind('alias', isString, inSql))],
    args: () => ['n'],
    call: ([a]) =>
      dryKysely()
        .selectFrom(numbers(3).as(a as string))
        .selectAll()
        .compile().sql,
    engine: onEngine,
  },
  {
    key: 'generateSeries',
    params: [
      p('start', integerBound),
      p('stop', integerBound),
      p(
        'step',
        kind('integer other than 0, within ±(2^53-1)', (v) => Number.isSafeInteger(v) && v !== 0, inSql),
        { optional: true },
      ),
    ],
    // Not run on the engine: generate_series makes its whole series before a LIMIT applies (engine-facts.md), and
    // hostile bounds would make billions of rows; the SQL is checked here and the function has engine tests of its own.
    args: () => [1, 3, 1],
    call: ([start, stop, step]) => generateSeries(start as number, stop as number, step as number | undefined),
    finish: (source) => dryKysely().selectFrom(source).selectAll().compile().sql,
  },
  {
    key: 'cast',
    params: [
      p('expression', column),
      p(
        'type',
        kind('column function or type node', (v) => v instanceof Column || isPlainObject(v), {
          how: 'engine',
          says: "rendered as the SDK's cast types; the engine runs the cast",
        }),
      ),
    ],
    args: () => ['id', string()],
    call: ([e, t]) => selecting(cast(e as string, t as never)),
    engine: onEngine,
  },
];

const KYSELY_PROTOCOL =
  'Kysely calls it with its own objects (the Dialect, Driver, Adapter and QueryCompiler interfaces); a caller reaches it only through Kysely';

export const KYSELY_EXEMPT: readonly Exempt[] = [
  { key: 'TableFunctionSource.toOperationNode', why: KYSELY_PROTOCOL },
  ...['DatabendDialect.createAdapter', 'DatabendDialect.createDriver', 'DatabendDialect.createQueryCompiler', 'DatabendDialect.createIntrospector'].map(
    (key) => ({ key, why: KYSELY_PROTOCOL }),
  ),
  ...[
    'init',
    'acquireConnection',
    'releaseConnection',
    'beginTransaction',
    'commitTransaction',
    'rollbackTransaction',
    'savepoint',
    'rollbackToSavepoint',
    'releaseSavepoint',
    'destroy',
  ].map((m) => ({
    key: `DatabendKyselyDriver.${m}`,
    why: KYSELY_PROTOCOL,
  })),
  { key: 'new DatabendAdapter', why: 'no parameters' },
  ...['acquireMigrationLock', 'releaseMigrationLock'].map((m) => ({ key: `DatabendAdapter.${m}`, why: KYSELY_PROTOCOL })),
  { key: 'DatabendIntrospector.getSchemas', why: 'no parameters' },
  // The compiler's overrides (protected in its type): Kysely's compiler calls them while it walks an operation node
  // tree. Caller data reaches them only as the values in that tree, which DatabendQueryCompiler.compileQuery covers.
  ...Object.getOwnPropertyNames(DatabendQueryCompiler.prototype)
    .filter((name) => name !== 'constructor' && name !== 'compileQuery')
    .map((name) => ({ key: `DatabendQueryCompiler.${name}`, why: `a compiler override: ${KYSELY_PROTOCOL}` })),
  { key: 'new UnsupportedByDatabendError', why: 'an error class: the SDK throws it with its own message parts; a caller catches it' },
];

// ---- databend-etl/local -----------------------------------------------------------------------------------------

/**
 * A sandbox for the local entry's calls: a fake engine home whose venv is "ready" (the stamp of today's
 * requirements) with a `python` that exits at once, so that a start gets as far as the gateway's launch and fails
 * there in milliseconds, and the folder a relative data directory or home is made in.
 */
export const LOCAL_SANDBOX = mkdtempSync(join(tmpdir(), 'api-contract-local-'));
const FAKE_HOME = join(LOCAL_SANDBOX, 'home');
const REQUIREMENTS_HASH = createHash('sha256')
  .update(readFileSync(join(pythonAssetsDir(), 'requirements.txt')))
  .digest('hex');
const FAKE_VENV = venvDir(FAKE_HOME, REQUIREMENTS_HASH);
mkdirSync(join(FAKE_VENV, 'bin'), { recursive: true });
writeFileSync(join(FAKE_VENV, 'bin', 'python'), '#!/bin/sh\nexit 3\n');
chmodSync(join(FAKE_VENV, 'bin', 'python'), 0o755);
writeFileSync(join(FAKE_VENV, '.databend-etl-requirements'), REQUIREMENTS_HASH);

/**
 * Runs a local-entry call in the sandbox: relative paths land there, and no real Python is found (a home that is not
 * the fake one would otherwise make a venv and install the engine, minutes). A LocalEngineError is the call's
 * typed answer to an input it accepted (the fake gateway exits, no Python is found): returned, not thrown.
 */
async function sandboxed<R>(run: () => Promise<R>): Promise<R | { readonly localEngineError: string }> {
  const cwd = process.cwd();
  const python = process.env.DATABEND_ETL_PYTHON;
  const home = process.env.DATABEND_ETL_HOME;
  process.chdir(LOCAL_SANDBOX);
  process.env.DATABEND_ETL_PYTHON = join(LOCAL_SANDBOX, 'no-python');
  // Not the user's cache folder, where a real engine may be set up: a call without `home` finds no venv there.
  process.env.DATABEND_ETL_HOME = join(LOCAL_SANDBOX, 'default-home');
  try {
    return await run();
  } catch (error) {
    if (error instanceof LocalEngineError) return { localEngineError: error.code };
    throw error;
  } finally {
    process.chdir(cwd);
    if (python === undefined) delete process.env.DATABEND_ETL_PYTHON;
    else process.env.DATABEND_ETL_PYTHON = python;
    if (home === undefined) delete process.env.DATABEND_ETL_HOME;
    else process.env.DATABEND_ETL_HOME = home;
  }
}

const osText = kind('path or value for the OS (no NUL)', isString, shapes);
const startOptions = kind('start options', isPlainObject, shapes, {
  keys: {
    dataDir: osText,
    port: kind('port 0..65535', (v) => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 65535, shapes),
    password: osText,
    home: osText,
    onLog: K.func,
    startTimeoutMs: kind('integer 1..2^31-1', (v) => Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) < 2 ** 31, shapes),
  },
  closed: true,
});
const engineOptions = kind('engine options', isPlainObject, shapes, {
  keys: { home: osText, projectRoot: osText, python: osText, onLog: K.func },
  closed: true,
});

export const LOCAL_SURFACE: readonly Spec[] = [
  {
    key: 'startLocalDatabend',
    params: [p('options', startOptions, { optional: true })],
    args: () => [{ home: FAKE_HOME, dataDir: 'data', port: 0, password: 'pw', startTimeoutMs: 5000 }],
    call: async ([o]) => {
      const result = await sandboxed(() => startLocalDatabend(o as never));
      // The fake Python never serves: a start that reports success would be a started engine to stop.
      if (!('localEngineError' in result)) {
        await result.stop();
        throw new Error('the fake gateway cannot have started');
      }
      return result;
    },
  },
  {
    key: 'ensureLocalEngine',
    params: [p('options', engineOptions, { optional: true })],
    args: () => [{ home: FAKE_HOME }],
    call: ([o]) => sandboxed(() => ensureLocalEngine(o as never)),
  },
  {
    key: 'engineHome',
    params: [
      p('options', kind('{ home, projectRoot }', isPlainObject, shapes, { keys: { home: osText, projectRoot: osText }, closed: true }), { optional: true }),
    ],
    args: () => [{ home: FAKE_HOME }],
    call: ([o]) => engineHome(o as never),
  },
];

export const LOCAL_EXEMPT: readonly Exempt[] = ['LocalEngineError', 'PythonMissingError', 'EngineSetupError', 'EngineStartError', 'DataDirInUseError'].map(
  (name) => ({
    key: `new ${name}`,
    why: 'an error class: the SDK throws it with its own message parts; a caller catches it',
  }),
);
