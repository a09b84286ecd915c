// Code generation on the engine: pull reads live tables into TypeScript that, written out and imported, diffs empty
// against them (every type, nullability, DEFAULTs, comments, cluster keys, options, TRANSIENT, hostile names), and
// reproduces the EverDrive declarations; infer reads the generated EverDrive batch as Parquet, CSV and NDJSON into
// tables that, created and loaded with the generated copyInto(), hold the batch's rows. The CLI commands over both.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMicros, generateBatch, writeBatch, type EverDriveBatch } from '../../examples/everdrive/batch.js';
import { BATCH_LAYOUT, type ColumnKind } from '../../examples/everdrive/batch-writers.js';
import { everdriveTables } from '../../examples/everdrive/tables.js';
import {
  createClient,
  createStage,
  createTable,
  diff,
  infer,
  listStage,
  pull,
  push,
  sql,
  string,
  table,
  type AnyTable,
  type CopyIntoTableBuilder,
  type DatabendClient,
  type GeneratedFile,
} from '../../src/index.js';
import { runInfer } from '../../src/cli/infer.js';
import { runPull } from '../../src/cli/pull.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';

const SETUP_TIMEOUT_MS = 300_000;
const QUERY_TIMEOUT_MS = 120_000;
/** The generated code imports the SDK from its source, the module instance this test uses (tables are known by identity). */
const SDK = fileURLToPath(new URL('../../src/index.ts', import.meta.url));

let engine: TestDatabase;
let client: DatabendClient;
let scratch: string;
let written = 0;

beforeAll(async () => {
  engine = await openTestDatabase('codegen');
  client = createClient({ dsn: engine.dsn });
  scratch = await mkdtemp(join(tmpdir(), 'codegen-test-'));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Writes generated files into a folder of their own and imports one of them (by its path). */
async function importGenerated(files: readonly GeneratedFile[], entry: string): Promise<Record<string, unknown>> {
  const dir = join(scratch, `gen-${written++}`);
  await mkdir(dir, { recursive: true });
  for (const file of files) await writeFile(join(dir, file.path), file.contents);
  return (await import(/* @vite-ignore */ join(dir, entry))) as Record<string, unknown>;
}

const BIOME = fileURLToPath(new URL('../../node_modules/.bin/biome', import.meta.url));

/** What Biome makes of a TypeScript source, formatted with the project's biome.json. */
function biomeFormat(source: string): string {
  return execFileSync(BIOME, ['format', '--stdin-file-path=generated.ts'], {
    input: source,
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    encoding: 'utf8',
  });
}

const HOSTILE_TEXT = 'it\'s "quoted" */ `${process.exit(1)}` \\ back\\slash\nline \u2028 é 中文';

describe('pull', () => {
  it(
    'generated declarations of every kind of column diff empty against the live tables',
    async () => {
      await client.execute(
        sql`CREATE TABLE kinds (id BIGINT NOT NULL DEFAULT 7, amount DECIMAL(10, 2) DEFAULT 1.5 COMMENT 'amt', big DECIMAL(38, 0) NOT NULL, v VECTOR(3), tags ARRAY(STRING), nested ARRAY(ARRAY(INT)), attrs MAP(STRING, ARRAY(INT)), point TUPLE(lat DOUBLE, lon DOUBLE), pair TUPLE(INT, STRING), f BOOLEAN DEFAULT true, d DATE DEFAULT '2024-01-02', ts TIMESTAMP DEFAULT now(), tz TIMESTAMP_TZ, doc VARIANT NOT NULL, b BINARY, u8 TINYINT UNSIGNED, u64 BIGINT UNSIGNED, small SMALLINT DEFAULT -3, fl FLOAT, db DOUBLE DEFAULT 0.1, s STRING NOT NULL DEFAULT 'it''s \\\\ x', iv INTERVAL, bm BITMAP, g GEOMETRY) CLUSTER BY (id, to_date(ts)) COMMENT = 'every kind' block_per_segment = 500 compression = 'zstd'`,
      );
      await client.execute(sql`CREATE TRANSIENT TABLE scratchpad (a INT NOT NULL, "Mixed Case" STRING COMMENT 'quoted name')`);
      // A write adds SNAPSHOT_LOCATION to the table's options, and TRANSIENT adds TRANSIENT='T': the engine's, not CREATE TABLE's.
      await client.execute(sql`INSERT INTO kinds (id, big, doc, s) VALUES (1, 2, parse_json('{}'), 'x')`);
      await client.execute(sql`INSERT INTO scratchpad (a) VALUES (1)`);
      // Hostile names and comments, made through the SDK's own quoting.
      const hostile = table(
        'we\'ird "table" */ ${x}',
        {
          'a\'b"c': string().comment(HOSTILE_TEXT),
          ['__proto__']: string().notNull(),
          'select from': string().default("'); DROP TABLE kinds; --"),
        },
        { comment: HOSTILE_TEXT },
      );
      await client.execute(createTable(hostile));

      const files = await pull(client, { layout: 'per-table', importFrom: SDK });
      expect(files.map((f) => f.path)).toEqual(['kinds.ts', 'scratchpad.ts', 'we-ird-table-x.ts', 'index.ts']);
      for (const file of files) expect(biomeFormat(file.contents), file.path).toBe(file.contents);
      const generated = await importGenerated(files, 'index.ts');
      const tables = Object.values(generated) as AnyTable[];
      expect(tables.map((t) => t.name)).toEqual(['kinds', 'scratchpad', hostile.name]);
      expect((await diff(client, tables)).map((c) => c.summary)).toEqual([]);

      const kinds = await readFile(join(scratch, `gen-${written - 1}`, 'kinds.ts'), 'utf8');
      expect(kinds).toContain("    amount: decimal(10, 2).default('1.50').comment('amt'),");
      expect(kinds).toContain('    point: tuple({ lat: double(), lon: double() }),');
      expect(kinds).toContain('    pair: tuple(int(), string()),');
      expect(kinds).toContain("    clusterBy: ['id', sql`to_date(ts)`],");
      expect(kinds).toContain("      compression: 'zstd',");
      const [kindsTable, scratchpad, pulledHostile] = tables;
      expect(kindsTable!.options.engineOptions).toEqual({ block_per_segment: 500, compression: 'zstd' });
      expect(scratchpad!.options.transient).toBe(true);
      expect(scratchpad!.options.engineOptions).toBeUndefined();
      // The hostile names and comments came back exactly, and nothing in them ran.
      expect(pulledHostile!.columnNames).toEqual(hostile.columnNames);
      expect(pulledHostile!.options.comment).toBe(HOSTILE_TEXT);
      expect(pulledHostile!.columns['a\'b"c'].spec.comment).toBe(HOSTILE_TEXT);
      expect(pulledHostile!.columns['select from'].spec.default).toEqual({ kind: 'value', value: "'); DROP TABLE kinds; --" });
      expect((await client.query<{ n: number }>(sql`SELECT count(*)::INT AS n FROM system.tables WHERE database = 'codegen'`))[0]!.n).toBe(3);
    },
    QUERY_TIMEOUT_MS,
  );

  it(
    'a table with each index kind (options, SYNC and ASYNC) and AUTOINCREMENT columns pulls back into code that diffs empty',
    async () => {
      await client.execute(
        sql`CREATE TABLE indexed (id BIGINT AUTOINCREMENT (5, 2), seq BIGINT NOT NULL AUTOINCREMENT, note STRING, "Body ""Text""" STRING, v VECTOR(3), VECTOR INDEX v_idx (v) distance = 'cosine,l2' m = 16 ef_construct = 100, INVERTED INDEX note_idx (note, "Body ""Text""") tokenizer = 'english' filters = 'english_stop,english_stemmer' index_record = 'position', ASYNC NGRAM INDEX "it's ""ngram""" (note) gram_size = 3 bloom_size = 1024)`,
      );
      await client.execute(sql`CREATE TABLE async_vectors (v VECTOR(2), s STRING)`);
      await client.execute(sql`CREATE ASYNC VECTOR INDEX av ON async_vectors (v) distance = 'l1'`);
      await client.execute(sql`CREATE ASYNC INVERTED INDEX ai ON async_vectors (s)`);
      await client.execute(sql`INSERT INTO indexed (note, "Body ""Text""", v) VALUES ('a note', 'body', [1, 0, 0])`);

      const files = await pull(client, { tables: ['indexed', 'async_vectors'], importFrom: SDK, fileName: 'indexed.ts' });
      expect(biomeFormat(files[0]!.contents)).toBe(files[0]!.contents);
      const generated = await importGenerated(files, 'indexed.ts');
      const pulled = generated.tables as readonly AnyTable[];
      expect((await diff(client, pulled)).map((c) => c.summary)).toEqual([]);

      const source = files[0]!.contents;
      expect(source).toContain('    id: bigint().autoIncrement({ start: 5, step: 2 }),');
      expect(source).toContain('    seq: bigint().notNull().autoIncrement(),');
      expect(source).toContain("      vectorIndex('v_idx', ['v'], { distance: ['cosine', 'l2'], efConstruct: 100, m: 16 }),");
      expect(source).toContain("    indexes: [invertedIndex('ai', ['s'], { async: true }), vectorIndex('av', ['v'], { distance: ['l1'], async: true })],");
      const [asyncVectors, indexed] = pulled;
      expect(asyncVectors!.name).toBe('async_vectors');
      expect(indexed!.options.indexes!.map((i) => [i.type, i.name, i.columns, i.async, i.options])).toEqual([
        ['NGRAM', 'it\'s "ngram"', ['note'], true, { gram_size: 3, bloom_size: 1024 }],
        ['INVERTED', 'note_idx', ['note', 'Body "Text"'], false, { tokenizer: 'english', filters: 'english_stop,english_stemmer', index_record: 'position' }],
        ['VECTOR', 'v_idx', ['v'], false, { distance: 'cosine,l2', m: 16, ef_construct: 100 }],
      ]);
      expect(indexed!.columns.id.spec.autoIncrement).toEqual({ start: 5, step: 2, order: true });
      // The pulled declarations, pushed to a database without the tables, make the same tables (the ASYNC VECTOR index
      // by CREATE INDEX after CREATE TABLE).
      await client.execute(sql`DROP TABLE async_vectors`);
      await client.execute(sql`DROP TABLE indexed`);
      const applied = await push(client, pulled);
      expect(applied.map((c) => [c.kind, c.table])).toEqual([
        ['create_table', 'async_vectors'],
        ['create_index', 'async_vectors'],
        ['create_table', 'indexed'],
      ]);
      expect((await diff(client, pulled)).map((c) => c.summary)).toEqual([]);
    },
    QUERY_TIMEOUT_MS,
  );

  it(
    'every EverDrive table pulls back as declared: the same columns, types, comments and options',
    async () => {
      for (const declared of everdriveTables) await client.execute(createTable(declared));
      const files = await pull(client, { tables: everdriveTables.map((t) => t.name), importFrom: SDK, fileName: 'everdrive.ts' });
      const generated = await importGenerated(files, 'everdrive.ts');
      const pulled = generated.tables as readonly AnyTable[];
      expect((await diff(client, pulled)).map((c) => c.summary)).toEqual([]);
      // The constants are the example's own names; each table is the declared one, column by column.
      expect(Object.keys(generated).sort()).toEqual(['driveSessions', 'frameEmbeddings', 'frameEvents', 'framePayloads', 'tables']);
      for (const declared of everdriveTables as readonly AnyTable[]) {
        const twin = pulled.find((t) => t.name === declared.name)!;
        expect(twin.columnNames, declared.name).toEqual(declared.columnNames);
        for (const name of declared.columnNames) expect(twin.columns[name].spec, `${declared.name}.${name}`).toEqual(declared.columns[name].spec);
        expect(twin.options, declared.name).toEqual(declared.options);
      }
    },
    QUERY_TIMEOUT_MS,
  );
});

// ---- infer on the EverDrive batch ----------------------------------------------------------------------------------

const FORMATS = ['parquet', 'csv', 'ndjson'] as const;
let batch: EverDriveBatch;

/**
 * The batch's value of a column as the inferred table must hold it: timestamps as the engine prints them (read as
 * text), JSON documents and vectors as values (parsed where the inferred column is text), FLOAT32 elements rounded.
 */
function expected(kind: ColumnKind, value: unknown, type: string): unknown {
  switch (kind) {
    case 'timestamp':
      return formatMicros(value as number);
    case 'vector':
      return type === 'ARRAY(FLOAT)' ? (value as number[]).map(Math.fround) : value;
    default:
      return value;
  }
}

function loaded(value: unknown, kind: ColumnKind): unknown {
  return (kind === 'json' || kind === 'vector') && typeof value === 'string' ? JSON.parse(value) : value;
}

describe('infer', () => {
  beforeAll(async () => {
    batch = generateBatch({ seed: 11, sessions: 3, framesPerSession: 8 });
    for (const format of FORMATS) await writeBatch(batch, join(scratch, 'batch', format), { format, filesPerFolder: 2 });
    await client.execute(createStage('land').url(`fs://${join(scratch, 'batch')}/`));
  }, SETUP_TIMEOUT_MS);

  it.each(FORMATS.flatMap((format) => BATCH_LAYOUT.map((layout) => [format, layout.folder, layout] as const)))(
    '%s %s: the inferred table, loaded by the generated COPY, holds the batch',
    async (format, folder, layout) => {
      const name = `${format}_${layout.stem}`;
      const { table: inferred, files } = await infer(client, {
        stage: 'land',
        path: `${format}/${folder}/`,
        format: format.toUpperCase() as 'PARQUET' | 'CSV' | 'NDJSON',
        table: name,
        importFrom: SDK,
      });
      // The header (CSV), the keys (NDJSON) and the schema (Parquet) give the batch's column names, in its order.
      expect(inferred.columns.map((c) => c.name)).toEqual(layout.columns.map(([column]) => column));
      expect(biomeFormat(files[0]!.contents)).toBe(files[0]!.contents);
      const generated = await importGenerated(files, files[0]!.path);
      const [declared, load] = Object.values(generated) as [AnyTable, CopyIntoTableBuilder];
      await client.execute(createTable(declared));
      const report = await client.copy(load);
      const rows = layout.rows(batch);
      expect(report.reduce((n, f) => n + f.rowsLoaded, 0)).toBe(rows.length);
      expect(report.every((f) => f.errorsSeen === 0)).toBe(true);

      const typeOf = (column: string) => {
        const t = declared.columns[column].spec.type;
        return t.kind === 'ARRAY' ? `ARRAY(${t.element.kind})` : t.kind;
      };
      const select = layout.columns.map(([column]) => (typeOf(column) === 'TIMESTAMP' ? sql`${sql.id(column)}::STRING AS ${sql.id(column)}` : sql.id(column)));
      const key = layout.columns[0]![0];
      const list = select.reduce((all, item, i) => (i === 0 ? item : sql`${all}, ${item}`));
      const back = await client.query<Record<string, unknown>>(sql`SELECT ${list} FROM ${sql.id(name)} ORDER BY ${sql.id(key)}`);
      const want = [...rows]
        .sort((a, b) => (String(a[key]) < String(b[key]) ? -1 : 1))
        .map((row) => Object.fromEntries(layout.columns.map(([column, kind]) => [column, expected(kind, row[column], typeOf(column))])));
      expect(back.map((row) => Object.fromEntries(layout.columns.map(([column, kind]) => [column, loaded(row[column], kind)])))).toEqual(want);
    },
    QUERY_TIMEOUT_MS,
  );

  it('a CSV infer leaves no FILE FORMAT of its own behind', async () => {
    expect(await client.query(sql`SHOW FILE FORMATS`)).toEqual([]);
  });
});

// ---- The CLI commands ----------------------------------------------------------------------------------------------

/** Runs a command function and keeps what it printed. */
async function capture(run: (argv: readonly string[], io: { out: (s: string) => void; err: (s: string) => void }) => Promise<number>, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the pull and infer commands', () => {
  it('--help prints the usage; a missing DSN or argument is a usage error (2)', async () => {
    const help = await capture(runPull, ['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^usage: databend-etl pull /);
    expect((await capture(runInfer, ['-h'])).out).toMatch(/^usage: databend-etl infer /);
    const saved = process.env.DATABEND_DSN;
    delete process.env.DATABEND_DSN;
    try {
      const noDsn = await capture(runPull, []);
      expect(noDsn).toEqual({ code: 2, out: '', err: 'databend-etl pull: pull needs --dsn or DATABEND_DSN\n(databend-etl pull --help lists the options)' });
    } finally {
      if (saved !== undefined) process.env.DATABEND_DSN = saved;
    }
    expect((await capture(runPull, ['--dsn', engine.dsn, '--layout', 'tree'])).code).toBe(2);
    expect((await capture(runInfer, ['--dsn', engine.dsn, '@land/csv/sessions/'])).err).toMatch(/infer needs --table NAME/);
    expect((await capture(runInfer, ['--dsn', engine.dsn, '@land/csv/sessions/', '--table', 't'])).err).toMatch(/infer needs --format/);
  });

  it(
    'pull prints the one file, --json the files, --out writes them; an engine failure is exit code 1',
    async () => {
      const printed = await capture(runPull, ['--dsn', engine.dsn, '--table', 'drive_sessions']);
      expect(printed.code).toBe(0);
      expect(printed.out).toContain("export const driveSessions = table(\n  'drive_sessions',");
      expect(printed.out).toContain("import { string, table, timestamp } from 'databend-etl';");
      const json = await capture(runPull, ['--dsn', engine.dsn, '--table', 'drive_sessions', '--table', 'frame_events', '--json']);
      const { files } = JSON.parse(json.out) as { files: GeneratedFile[] };
      expect(files.map((f) => f.path)).toEqual(['schema.ts']);
      expect(files[0]!.contents).toContain('export const tables = [driveSessions, frameEvents] as const;');
      const dir = join(scratch, 'cli-out');
      const wrote = await capture(runPull, ['--dsn', engine.dsn, '--table', 'frame_events', '--table', 'drive_sessions', '--out', dir]);
      expect(wrote.out.split('\n')).toEqual([join(dir, 'drive-sessions.ts'), join(dir, 'frame-events.ts'), join(dir, 'index.ts')]);
      expect(await readFile(join(dir, 'drive-sessions.ts'), 'utf8')).toContain("export const driveSessions = table(\n  'drive_sessions',");
      const missing = await capture(runPull, ['--dsn', engine.dsn, '--table', 'no_such_table']);
      expect(missing).toMatchObject({ code: 1, err: "databend-etl pull: pull(): there is no table 'no_such_table' in database 'codegen'" });
    },
    QUERY_TIMEOUT_MS,
  );

  it(
    'infer prints the table and its COPY (format from the extension), --json its columns, --out the file',
    async () => {
      const printed = await capture(runInfer, ['--dsn', engine.dsn, '@land/ndjson/frame-events/', '--format', 'ndjson', '--table', 'events']);
      expect(printed.code).toBe(0);
      expect(printed.out).toContain(
        "export const loadEvents = copyInto(events).fromStage('land', 'ndjson/frame-events/').raw().fileFormat({ type: 'NDJSON' });",
      );
      const file = (await client.list(listStage('land', 'csv/sessions/'))).map((f) => f.name)[0]!;
      const json = await capture(runInfer, ['--dsn', engine.dsn, `@land/${file}`, '--table', 'sessions', '--json']);
      const report = JSON.parse(json.out) as { table: string; columns: { name: string; type: { kind: string }; nullable: boolean }[] };
      expect(report.table).toBe('sessions');
      expect(report.columns.map((c) => [c.name, c.type.kind])).toEqual([
        ['session_id', 'STRING'],
        ['vehicle_id', 'STRING'],
        ['route_name', 'STRING'],
        ['start_time', 'TIMESTAMP'],
        ['end_time', 'TIMESTAMP'],
        ['weather', 'STRING'],
        ['camera_setup', 'STRING'],
      ]);
      const out = join(scratch, 'cli-infer', 'sessions.ts');
      const wrote = await capture(runInfer, ['--dsn', engine.dsn, `@land/${file}`, '--table', 'sessions', '--out', out]);
      expect(wrote).toEqual({ code: 0, out, err: '' });
      const source = await readFile(out, 'utf8');
      expect(source).toContain('.raw()');
      expect(source).toContain(".fileFormat({ type: 'CSV', skipHeader: 1 });");
      expect(biomeFormat(source)).toBe(source);
      const nothing = await capture(runInfer, ['--dsn', engine.dsn, '@land/none/', '--format', 'parquet', '--table', 't']);
      expect(nothing.code).toBe(1);
    },
    QUERY_TIMEOUT_MS,
  );
});
