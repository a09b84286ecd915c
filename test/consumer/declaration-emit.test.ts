// The package as a library's dependency (issue 10): a project with `declaration: true` (a shared schema package, a
// monorepo package, `composite`) must be able to emit the declarations of `export const t = table(...)` and of every
// builder it exports. TypeScript names an inferred type through a module the consumer can import; a type that lives
// only in one of tsup's shared declaration chunks (dist/client-<hash>.d.ts) cannot be named, and the emit fails with
// TS2742 (TypeScript 5.x) or TS2883 (7.x); an interface or class no entry exports fails with TS4023 / TS4094.
//
// The test builds the package with the tsup configuration of `npm run build` (into a temporary folder, never dist/),
// packs it with `npm pack`, installs the tarball into fresh ESM and CommonJS projects, and runs `tsc` with declaration
// emit on each, with the repository's own TypeScript and with TypeScript 7. The compilers are installed once into
// tmp/consumer-typescript/ (gitignored) and reused by later runs. The installed package is also checked as a user
// meets it (issue 15): the subpaths' types under moduleResolution node10 and bundler, its CLI, and the local engine
// started from databend-etl/local with a pipeline applied by the installed CLI and rows read typed.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };

/** The repository's TypeScript (5.9.3) and `npm i typescript` at the time of writing (7.0.2, the native compiler). */
const TYPESCRIPT_VERSIONS = [manifest.devDependencies['typescript']!, '7.0.2'];
const KYSELY_VERSION = manifest.devDependencies['kysely']!;
const TYPESCRIPT_CACHE = join(root, 'tmp', 'consumer-typescript');

// ---- the consumer's sources ------------------------------------------------------------------------------------

/** A shared schema module: a table with every family of column, each builder, a client, rows and statement nodes. */
const SCHEMA_TS = `import {
  alterTask, array, bigint, bigintUnsigned, binary, boolean, copyInto, copyIntoStage, createClient, createConnection,
  createFileFormat, createStage, createStream, createTable, createTask, date, decimal, double, dropTable, executeTask,
  insertInto, insertSchema, int, interval, listStage, map, pipeline, removeFromStage, secret, selectFromStage,
  selectFromStream, selectSchema, sql, string, table, timestamp, timestampTz, tinyintUnsigned, tuple, variant, vector,
  type NewRow, type Row, staged as stagedColumns, inferSchema, listStageFiles,
} from 'databend-etl';

export const frames = table(
  'frame_events',
  {
    frame_id: string().notNull().comment('one captured frame'),
    session: int().notNull(),
    seq: bigint(),
    counter: bigintUnsigned().notNull().default(0n),
    flags: tinyintUnsigned(),
    ok: boolean().default(true),
    raw: binary(),
    price: decimal(18, 4).notNull().default('0.0000'),
    risk: double().comment('0..1'),
    day: date(),
    captured_at: timestamp().default(sql\`now()\`),
    seen_at: timestampTz(),
    age: interval(),
    payload: variant().comment('detections as nested JSON'),
    embedding: vector(4),
    tags: array(string()),
    matrix: array(array(int().notNull())),
    attributes: map(string(), array(double())),
    pair: tuple(int(), string()),
    point: tuple({ x: double(), y: double(), labels: map(string(), tuple(int(), array(string()))) }),
  },
  { comment: 'one row per frame', clusterBy: ['session', 'captured_at'] },
);

export type Frame = typeof frames.$inferSelect;
export type NewFrame = typeof frames.$inferInsert;
export type FrameRow = Row<typeof frames>;
export type FrameInsert = NewRow<typeof frames>;

export const createFrames = createTable(frames).ifNotExists();
export const connectionStart = createConnection('drive_s3');
export const connection = connectionStart.s3({ accessKeyId: 'AKIA', secretAccessKey: secret('s3cret') });
export const stage = createStage('drive_stage').url('s3://everdrive/raw/').connection(connection).fileFormat({ type: 'PARQUET' });
export const copyStart = copyInto(frames);
export const load = copyInto(frames).fromStage(stage, 'frames/').fileFormat({ type: 'PARQUET' }).onError('CONTINUE').purge();
export const mappedLoad = copyInto(frames).fromStage(stage, 'csv/').columns(['frame_id', 'session']).map({ session: '$2' });
export const preview = selectFromStage(stage, 'frames/').typedAs(frames).limit(10);
export const picked = selectFromStage(stage, 'frames/').typedAs(frames).columns('frame_id', 'point');
export const listing = listStage(stage, 'frames/').pattern('.*[.]parquet');
export const cleanup = removeFromStage(stage, 'frames/');
export const insertStart = insertInto(frames);
export const filtered = insertInto(frames).fromStage(stage, 'frames/').where(sql\`risk > \${0.8}\`);
export const unload = copyIntoStage(stage, 'out/').from(frames);
export const stream = createStream('frames_stream').onTable(frames).appendOnly(true);
export const consume = selectFromStream('frames_stream').consume();
export const draft = createTask('load_frames').schedule({ minutes: 5 });
export const task = draft.as(load);
export const alterStart = alterTask('load_frames');
export const resume = alterStart.resume();
export const execute = executeTask('load_frames');
export const format = createFileFormat('csv_format', { type: 'CSV', skipHeader: 1 });
export const drop = dropTable(frames).ifExists();
export const plan = pipeline('frames', [{ title: 'create', statement: createFrames }, { title: 'load', statement: load }]);
export const rowSchema = selectSchema(frames);
export const insertRowSchema = insertSchema(frames);
export const client = createClient({ dsn: 'databend://root:@localhost:8000/?sslmode=disable' });
export const loadNode = load.toNode();
export const createNode = createFrames.toNode();
export const pointSpec = frames.columns.point.spec;
export const attributesType = frames.columns.attributes.spec.type;
export const readFrames = () => client.query(preview);
export const readTable = () => client.query('SELECT * FROM frame_events', { table: frames, validate: true });
export const stagedColumn = stagedColumns.path(1, 'a', 0).cast(int()).as('a0');
export const stagedPreview = selectFromStage(stage, 'frames/').fileFormat('CSV').select(stagedColumns.col(1), stagedColumns.filename, stagedColumn);
export const stagedLoad = copyInto(frames).fromStage(stage, 'json/').map({ payload: stagedColumns.col(1), frame_id: stagedColumns.filename });
export const inferred = inferSchema(stage, 'frames/').fileFormat('PARQUET').maxFileCount(1);
export const stageFiles = listStageFiles(stage, 'frames/').pattern('.*');
export const readStaged = () => client.query(stagedPreview);
export const readInferred = () => client.query(inferred);
`;

/** Kysely typed from the same tables, in a module that imports only databend-etl/kysely and its own schema. */
const DB_TS = `import { Kysely } from 'kysely';
import { cosineDistance, DatabendDialect, fromStage, variantString, type KyselyDatabase } from 'databend-etl/kysely';
import { frames, preview, stage } from './schema.js';

export const tables = [frames] as const;
export type DB = KyselyDatabase<typeof tables>;
export const dialect = new DatabendDialect({ dsn: 'databend://root:@localhost:8000/', tables });
export const db = new Kysely<DB>({ dialect });
export const risky = db.selectFrom('frame_events').select(['frame_id', 'point', 'attributes']).where('risk', '>', 0.8);
export const labels = db
  .selectFrom('frame_events')
  .select([variantString('payload', ['label']).as('label'), cosineDistance('embedding', [1, 0, 0, 0]).as('distance')]);
export const staged = fromStage(stage, 'frames/', frames, 's');
export const previewed = fromStage(preview, 'p');
`;

const LOCAL_TS = `import { LocalEngineError, PythonMissingError, startLocalDatabend } from 'databend-etl/local';

export const start = () => startLocalDatabend({ port: 0 });
export const missing = new PythonMissingError(['python3']);
export const codeOf = (error: unknown) => (error instanceof LocalEngineError ? error.code : undefined);
`;

/** No import of the root entry anywhere in the program: the subpath entries must name what they refer to. */
const SUBPATHS_TS = `import { DatabendDialect, UnsupportedByDatabendError, type DatabendDialectConfig } from 'databend-etl/kysely';
import { LocalEngineError, startLocalDatabend } from 'databend-etl/local';

export const dialect = new DatabendDialect({ dsn: 'databend://root:@localhost:8000/' });
export const clientOf = (config: DatabendDialectConfig) => ('client' in config ? config.client : undefined);
export const optionsOf = (config: DatabendDialectConfig) => ('dsn' in config ? config : undefined);
export const tablesOf = (config: DatabendDialectConfig) => config.tables;
export const refusal = (error: UnsupportedByDatabendError) => [error, error.construct] as const;
export const base = (error: LocalEngineError) => [error, error.code] as const;
export const engine = startLocalDatabend;
`;

type Kind = 'esm' | 'cjs';

/** ESM under node16 with `declaration`; CommonJS under nodenext with `composite` (which implies `declaration`). */
function tsconfig(kind: Kind, include: string, outDir: string, skipLibCheck: boolean): string {
  const module = kind === 'esm' ? 'node16' : 'nodenext';
  const emit = kind === 'esm' ? { declaration: true } : { composite: true };
  const compilerOptions = { target: 'es2022', module, moduleResolution: module, strict: true, ...emit, rootDir: include, outDir, skipLibCheck, types: [] };
  return `${JSON.stringify({ compilerOptions, include: [include] }, null, 2)}\n`;
}

// ---- processes -------------------------------------------------------------------------------------------------

interface Run {
  readonly code: number;
  readonly stdout: string;
  /** stdout and stderr. */
  readonly output: string;
}

// Under `npm test` npm exports its own project folder as npm_config_local_prefix: a nested npm would install there.
const { npm_config_local_prefix: _prefix, ...childEnv } = process.env;

function run(command: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: childEnv, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, output: `${stdout}${stderr}`.trim() });
    });
  });
}

async function mustRun(command: string, args: readonly string[], cwd: string): Promise<string> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) throw new Error(`'${command} ${args.join(' ')}' failed in ${cwd} (exit ${result.code}):\n${result.output}`);
  return result.stdout;
}

const NPM_FLAGS = ['--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];

/** The `tsc` of a TypeScript version, installed into the cache on first use (a folder per version, renamed into place). */
async function typescript(version: string): Promise<string> {
  const folder = join(TYPESCRIPT_CACHE, version);
  const tsc = join(folder, 'node_modules', 'typescript', 'bin', 'tsc');
  const installed = (dir: string) => {
    const file = join(dir, 'node_modules', 'typescript', 'package.json');
    return existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version === version;
  };
  if (installed(folder)) return tsc;
  mkdirSync(TYPESCRIPT_CACHE, { recursive: true });
  const staging = mkdtempSync(join(TYPESCRIPT_CACHE, `${version}-installing-`));
  writeFileSync(join(staging, 'package.json'), '{ "private": true }\n');
  try {
    await mustRun('npm', ['install', `typescript@${version}`, '--prefix', staging, '--no-package-lock', ...NPM_FLAGS], staging);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  if (installed(folder)) {
    rmSync(staging, { recursive: true, force: true }); // another run installed it meanwhile
    return tsc;
  }
  rmSync(folder, { recursive: true, force: true }); // a broken install
  try {
    renameSync(staging, folder);
  } catch (error) {
    // Another run installed the same version meanwhile.
    rmSync(staging, { recursive: true, force: true });
    if (!installed(folder)) throw error;
  }
  return tsc;
}

// ---- set-up: build, pack, install ------------------------------------------------------------------------------

let work = '';
let dist = '';
const projects = new Map<Kind, string>();
const compilers = new Map<string, string>();

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'databend-etl-consumer-'));
  const packageDir = join(work, 'package');
  dist = join(packageDir, 'dist');
  const build = mustRun(process.execPath, [join(root, 'node_modules/tsup/dist/cli-default.js'), '--out-dir', dist], root);
  const installs = Promise.all(TYPESCRIPT_VERSIONS.map(async (version) => compilers.set(version, await typescript(version))));
  await Promise.all([build, installs]);

  // The files npm would pack from the repository, with the fresh build as dist/.
  for (const file of ['package.json', 'README.md', 'LICENSE', 'docs', 'src/local/python']) {
    if (existsSync(join(root, file))) cpSync(join(root, file), join(packageDir, file), { recursive: true });
  }
  const packed = JSON.parse(await mustRun('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work, '--loglevel=error'], packageDir)) as {
    filename: string;
  }[];
  const tarball = join(work, packed[0]!.filename);

  await Promise.all(
    (['esm', 'cjs'] as const).map(async (kind) => {
      const project = join(work, `consumer-${kind}`);
      mkdirSync(join(project, 'src'), { recursive: true });
      mkdirSync(join(project, 'subpaths'), { recursive: true });
      // The ESM project also runs the package (the CLI, the engine, a query): it needs the driver.
      const dependencies = {
        'databend-etl': `file:${tarball}`,
        kysely: KYSELY_VERSION,
        ...(kind === 'esm' ? { 'databend-driver': manifest.devDependencies['databend-driver']! } : {}),
      };
      const type = kind === 'esm' ? 'module' : 'commonjs';
      writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: `consumer-${kind}`, private: true, type, dependencies }, null, 2)}\n`);
      writeFileSync(join(project, 'tsconfig.json'), tsconfig(kind, 'src', 'out', false));
      // skipLibCheck here only: the first program already checks the package's declarations.
      writeFileSync(join(project, 'tsconfig.subpaths.json'), tsconfig(kind, 'subpaths', 'out-subpaths', true));
      writeFileSync(join(project, 'src', 'schema.ts'), SCHEMA_TS);
      writeFileSync(join(project, 'src', 'db.ts'), DB_TS);
      writeFileSync(join(project, 'src', 'local.ts'), LOCAL_TS);
      writeFileSync(join(project, 'subpaths', 'index.ts'), SUBPATHS_TS);
      // The subpaths' types under the older and the bundler resolutions (node16/nodenext above).
      for (const resolution of ['node10', 'bundler'] as const) {
        const compilerOptions = {
          target: 'es2022',
          module: resolution === 'node10' ? 'commonjs' : 'esnext',
          moduleResolution: resolution,
          strict: true,
          noEmit: true,
          types: [],
        };
        writeFileSync(join(project, `tsconfig.${resolution}.json`), `${JSON.stringify({ compilerOptions, include: ['subpaths'] }, null, 2)}\n`);
      }
      await mustRun('npm', ['install', '--prefix', project, '--no-package-lock', ...NPM_FLAGS], project);
      projects.set(kind, project);
    }),
  );
}, 240_000);

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

// ---- the checks ------------------------------------------------------------------------------------------------

describe.concurrent('declaration emit in a consumer project', () => {
  for (const version of TYPESCRIPT_VERSIONS) {
    for (const kind of ['esm', 'cjs'] as const) {
      it(`TypeScript ${version}, ${kind === 'esm' ? 'ESM (node16, declaration)' : 'CommonJS (nodenext, composite)'}`, async () => {
        const project = projects.get(kind)!;
        const tsc = compilers.get(version)!;
        const outDir = join(project, `out-${version}`);
        // Both compilers run at once in the same project: each writes to its own folder.
        const main = await run(process.execPath, [tsc, '-p', 'tsconfig.json', '--outDir', outDir, '--pretty', 'false'], project);
        expect(main.output, `tsc ${version} on src/ (${kind})`).toBe('');
        expect(main.code).toBe(0);
        const subpaths = await run(process.execPath, [tsc, '-p', 'tsconfig.subpaths.json', '--outDir', `${outDir}-subpaths`, '--pretty', 'false'], project);
        expect(subpaths.output, `tsc ${version} on subpaths/ (${kind})`).toBe('');
        expect(subpaths.code).toBe(0);

        // The emitted declarations name the SDK's types through the package, with nothing lost to `any`.
        const schema = readFileSync(join(outDir, 'schema.d.ts'), 'utf8');
        expect(schema).toContain('export declare const frames: import("databend-etl").Table<"frame_events", {');
        expect(schema).toContain('frame_id: import("databend-etl").Column<import("databend-etl").SimpleType<"STRING">, false, false>;');
        expect(schema).toContain('price: import("databend-etl").Column<import("databend-etl").DecimalType, false, true>;');
        expect(schema).toContain('embedding: import("databend-etl").Column<import("databend-etl").VectorType, true, false>;');
        expect(schema).toContain(
          'matrix: import("databend-etl").Column<import("databend-etl").ArrayType<import("databend-etl").ArrayType<import("databend-etl").SimpleType<"INT">>>, true, false>;',
        );
        expect(schema).toContain('export declare const stage: import("databend-etl").CreateStageBuilder<"s3">;');
        expect(schema).toContain('export declare const load: import("databend-etl").CopyIntoTableBuilder<');
        expect(schema).toContain('export declare const draft: import("databend-etl").TaskDraft;');
        expect(schema).toContain('export declare const loadNode: import("databend-etl").CopyIntoTableStmt;');
        const db = readFileSync(join(outDir, 'db.d.ts'), 'utf8');
        expect(db).toContain('export declare const db: Kysely<{\n    frame_events: {\n        frame_id: import("kysely").ColumnType<string, string, string>;');
        expect(db).toContain('export declare const dialect: DatabendDialect;');
        for (const [file, text] of [
          ['schema.d.ts', schema],
          ['db.d.ts', db],
        ] as const)
          expect(text.match(/\bany\b/g), file).toBeNull();
      }, 120_000);
    }
  }
});

/**
 * Run in the installed package, ESM and CommonJS: what one entry makes, another takes by instanceof (a client and
 * tables from the root given to the Kysely dialect), and errors thrown by any entry are the root's classes. With a
 * private copy of the SDK in each bundle, the dialect refused the root's own client.
 */
const IDENTITY_SCRIPT = (load: (entry: string) => string) => `
const root = ${load('databend-etl')};
const kysely = ${load('databend-etl/kysely')};
const local = ${load('databend-etl/local')};
const results = {};
const client = root.createClient({ dsn: 'databend://u:p@127.0.0.1:9/db', dryRun: true });
const frames = root.table('frames', { id: root.int() });
new kysely.DatabendDialect({ client, tables: [frames] });
results.clientAndTablesAccepted = true;
try { new kysely.DatabendDialect({ dsn: 42 }); } catch (error) { results.dialectError = error instanceof root.ValidationError && error instanceof root.DatabendEtlError; }
const unsupported = new kysely.UnsupportedByDatabendError('returning', 'no RETURNING');
results.unsupportedIsValidation = unsupported instanceof root.ValidationError;
results.localErrorIsRoot = new local.PythonMissingError([]) instanceof root.DatabendEtlError;
console.log(JSON.stringify(results));
`;

describe.concurrent('one copy of the SDK across entry points at run time', () => {
  for (const kind of ['esm', 'cjs'] as const) {
    it(`${kind === 'esm' ? 'ESM' : 'CommonJS'}: classes made by one entry pass instanceof in another`, async () => {
      const project = projects.get(kind)!;
      const file = join(project, kind === 'esm' ? 'identity.mjs' : 'identity.cjs');
      writeFileSync(file, kind === 'esm' ? IDENTITY_SCRIPT((e) => `await import('${e}')`) : IDENTITY_SCRIPT((e) => `require('${e}')`));
      const result = await run(process.execPath, [file], project);
      expect(result.code, result.output).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ clientAndTablesAccepted: true, dialectError: true, unsupportedIsValidation: true, localErrorIsRoot: true });
    }, 30_000);
  }
});

describe('the built declarations', () => {
  const ENTRIES = ['index', 'kysely', 'local'];

  /** The declaration files of the build (entries and tsup's shared chunks), and what each entry exports. */
  function inspect(extension: '.d.ts' | '.d.cts') {
    const program = ts.createProgram(
      ENTRIES.map((entry) => join(dist, `${entry}${extension}`)),
      { noEmit: true, types: [], module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
    );
    const checker = program.getTypeChecker();
    const resolve = (symbol: ts.Symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol);
    const files = program.getSourceFiles().filter((file) => file.fileName.startsWith(dist));
    const exports = new Map<string, Set<ts.Symbol>>();
    for (const entry of ENTRIES) {
      const file = program.getSourceFile(join(dist, `${entry}${extension}`))!;
      exports.set(entry, new Set(checker.getExportsOfModule(checker.getSymbolAtLocation(file)!).map(resolve)));
    }
    return { checker, resolve, files, exports };
  }

  for (const extension of ['.d.ts', '.d.cts'] as const) {
    it(`export every interface and class they declare from an entry point (${extension})`, () => {
      // Type aliases are left out: where an alias cannot be named, TypeScript writes out what it stands for.
      const { checker, files, exports } = inspect(extension);
      const exported = new Set([...exports.values()].flatMap((symbols) => [...symbols]));
      const unnamed = files.flatMap((file) =>
        file.statements
          .filter((statement) => ts.isInterfaceDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement))
          .filter((statement) => !exported.has(checker.getSymbolAtLocation(statement.name!)!))
          .map((statement) => `${file.fileName.slice(dist.length + 1)}: ${statement.name!.text}`),
      );
      expect(unnamed).toEqual([]);
    });

    it(`re-export from each entry what it imports from a shared chunk (${extension})`, () => {
      const { checker, resolve, files, exports } = inspect(extension);
      const missing: string[] = [];
      for (const entry of ENTRIES) {
        const file = files.find((candidate) => candidate.fileName === join(dist, `${entry}${extension}`))!;
        for (const statement of file.statements) {
          if (!ts.isImportDeclaration(statement) || !(statement.moduleSpecifier as ts.StringLiteral).text.startsWith('.')) continue;
          const bindings = statement.importClause?.namedBindings;
          if (bindings === undefined || !ts.isNamedImports(bindings)) continue;
          for (const element of bindings.elements) {
            if (!exports.get(entry)!.has(resolve(checker.getSymbolAtLocation(element.name)!))) missing.push(`${entry}: ${element.name.text}`);
          }
        }
      }
      expect(missing).toEqual([]);
    });
  }
});

/** A pipeline module in JavaScript (TypeScript ones need tsx), as a user of the installed package writes one. */
const PIPELINE_MJS = `import { createTable, int, pipeline, string, table } from 'databend-etl';
export const items = table('consumer_items', { id: int(), name: string() });
export default pipeline('consumer', [{ title: 'create consumer_items', statement: createTable(items).orReplace() }]);
`;

/** Starts the engine from databend-etl/local, applies the pipeline with the installed CLI, then queries with types. */
const RUN_MJS = `import { execFileSync } from 'node:child_process';
import { createClient, sql } from 'databend-etl';
import { startLocalDatabend } from 'databend-etl/local';
import { items } from './pipeline.mjs';
const engine = await startLocalDatabend();
try {
  const applied = execFileSync(process.execPath, ['node_modules/databend-etl/dist/cli.js', 'apply', 'pipeline.mjs', '--dsn', engine.dsn], { encoding: 'utf8' });
  const client = createClient({ dsn: engine.dsn });
  await client.execute(sql\`INSERT INTO consumer_items VALUES (1, 'one'), (2, 'two')\`);
  const rows = await client.query('SELECT * FROM consumer_items ORDER BY id', { table: items, validate: true });
  await client.close();
  console.log(JSON.stringify({ applied, rows }));
} finally {
  await engine.stop();
}
`;

/** The same query in TypeScript: its rows are typed by the declared table. */
const TYPED_TS = `import { createClient, int, string, table } from 'databend-etl';
const items = table('consumer_items', { id: int(), name: string() });
export async function names(dsn: string): Promise<string[]> {
  const rows = await createClient({ dsn }).query('SELECT * FROM consumer_items', { table: items });
  const id: number | null = rows[0]!.id;
  // @ts-expect-error a row's id is a number (or NULL), not a string
  const wrong: string = rows[0]!.id;
  return [String(id), String(wrong), ...rows.map((row) => row.name ?? '')];
}
`;

describe('the installed package', () => {
  for (const kind of ['esm', 'cjs'] as const) {
    for (const resolution of ['node10', 'bundler'] as const) {
      it(`types databend-etl/local and /kysely under moduleResolution ${resolution} (${kind} project)`, async () => {
        const project = projects.get(kind)!;
        const tsc = compilers.get(TYPESCRIPT_VERSIONS[0]!)!;
        const result = await run(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`, '--pretty', 'false'], project);
        expect(result.output).toBe('');
        expect(result.code).toBe(0);
      }, 120_000);
    }
  }

  it('runs its CLI: --version and --help', async () => {
    const project = projects.get('esm')!;
    const version = await run(process.execPath, ['node_modules/.bin/databend-etl', '--version'], project);
    expect(version.stdout).toBe(`${(manifest as unknown as { version: string }).version}\n`);
    const help = await run(process.execPath, ['node_modules/.bin/databend-etl', 'apply', '--help'], project);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: databend-etl apply <pipeline-module>');
  }, 60_000);

  it('starts the engine, applies a pipeline with its CLI and reads typed rows', async () => {
    const project = projects.get('esm')!;
    writeFileSync(join(project, 'pipeline.mjs'), PIPELINE_MJS);
    writeFileSync(join(project, 'run.mjs'), RUN_MJS);
    mkdirSync(join(project, 'typed'), { recursive: true });
    writeFileSync(join(project, 'typed', 'query.ts'), TYPED_TS);
    const compilerOptions = { target: 'es2022', module: 'node16', moduleResolution: 'node16', strict: true, noEmit: true, types: [] };
    writeFileSync(join(project, 'tsconfig.typed.json'), `${JSON.stringify({ compilerOptions, include: ['typed'] }, null, 2)}\n`);
    const typed = await run(process.execPath, [compilers.get(TYPESCRIPT_VERSIONS[0]!)!, '-p', 'tsconfig.typed.json', '--pretty', 'false'], project);
    expect(typed.output).toBe('');

    const result = await run(process.execPath, ['run.mjs'], project);
    expect(result.code, result.output).toBe(0);
    const { applied, rows } = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { applied: string; rows: unknown[] };
    expect(applied).toMatch(/^\[1\/1\] create consumer_items: ok \(\d+ ms\)\n$/);
    expect(rows).toEqual([
      { id: 1, name: 'one' },
      { id: 2, name: 'two' },
    ]);
  }, 180_000);
});
