// Loading on the local engine: load metadata (a second COPY, FORCE, a new file), ON_ERROR against broken files,
// PATTERN and FILES, CSV and NDJSON next to Parquet, unload and reload, INSERT ... SELECT from a stage, REMOVE,
// named FILE FORMAT objects, and DROP of every object. Expected values come from the generated batch.
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMicros, generateBatch, writeBatch, type EverDriveBatch, type WrittenFile } from '../../examples/everdrive/batch.js';
import { BATCH_LAYOUT, type ColumnKind } from '../../examples/everdrive/batch-writers.js';
import { driveSessions, everdriveTables, frameEmbeddings, frameEvents, framePayloads } from '../../examples/everdrive/tables.js';
import {
  copyInto,
  copyIntoStage,
  createClient,
  createConnection,
  createFileFormat,
  createStage,
  createTable,
  dropConnection,
  dropFileFormat,
  dropStage,
  dropTable,
  insertInto,
  listStage,
  removeFromStage,
  selectFromStage,
  type ServerError,
  sql,
  table,
  type AnyTable,
  type CopyFileResult,
  type CreateStageBuilder,
  type DatabendClient,
  type OnErrorInput,
  type SqlFragment,
  type StageFile,
  ValidationError,
} from '../../src/index.js';
import { quoteString } from '../../src/render/quote.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';
import { serverError } from '../support/server-error.js';

const SETUP_TIMEOUT_MS = 300_000;
const QUERY_TIMEOUT_MS = 30_000;

type Row = Record<string, unknown>;

let engine: TestDatabase;
let client: DatabendClient;
let root: string;

/** The fs:// stage over `root`, with no file format of its own: every statement says which format it reads. */
let landStage: CreateStageBuilder;

beforeAll(async () => {
  engine = await openTestDatabase('loading');
  client = createClient({ dsn: engine.dsn });
  root = await mkdtemp(join(tmpdir(), 'loading-test-'));
  landStage = createStage('land').url(`fs://${root}/`);
  await client.execute(landStage);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
  if (root) await rm(root, { recursive: true, force: true });
});

// ---- Helpers -------------------------------------------------------------------------------------------------------

const batch = generateBatch({ seed: 11, sessions: 4, framesPerSession: 10 });

function generatedRows(source: EverDriveBatch, target: AnyTable): readonly Row[] {
  const rows: Record<string, unknown> = {
    drive_sessions: source.sessions,
    frame_events: source.frameEvents,
    frame_payloads: source.framePayloads,
    frame_embeddings: source.frameEmbeddings,
  };
  return rows[target.name] as readonly Row[];
}

const kindOf = (target: AnyTable, column: string): string => target.columns[column]!.spec.type.kind;
const keyOf = (target: AnyTable): string => target.columnNames[0]!;
const compareText = (a: unknown, b: unknown) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);

/** Rows as the engine prints them: timestamps to the microsecond, vectors as Float32, sorted by the first column. */
function asText(target: AnyTable, rows: readonly object[]): Row[] {
  return (rows as readonly Row[])
    .map((row) =>
      Object.fromEntries(
        target.columnNames.map((c) => {
          const kind = kindOf(target, c);
          return [c, kind === 'TIMESTAMP' ? formatMicros(row[c] as number) : kind === 'VECTOR' ? (row[c] as number[]).map(Math.fround) : row[c]];
        }),
      ),
    )
    .sort((a, b) => compareText(a[keyOf(target)], b[keyOf(target)]));
}

/** Every column of `name` (declared like `target`), timestamps as text, in key order. */
function readBack(target: AnyTable, name: string = target.name): Promise<Row[]> {
  const columns = target.columnNames.map((c) => (kindOf(target, c) === 'TIMESTAMP' ? `${c}::STRING AS ${c}` : c));
  return client.query(`SELECT ${columns.join(', ')} FROM ${name} ORDER BY ${keyOf(target)}`);
}

/** A table with the columns of `target` under another name, created fresh: its own load metadata. */
async function freshCopy<T extends AnyTable>(target: T, name: string): Promise<AnyTable> {
  const copy = table(name, target.columns);
  await client.execute(createTable(copy).orReplace());
  return copy;
}

async function count(name: string): Promise<number> {
  const [row] = await client.query<{ n: number }>(`SELECT COUNT(*)::INT AS n FROM ${name}`);
  return row!.n;
}

/** Runs a statement that must fail, and returns its ServerError. */
const byFile = (report: readonly CopyFileResult[]) => [...report].sort((a, b) => compareText(a.file, b.file));
const loaded = (files: readonly { path: string; rows: number }[]): CopyFileResult[] =>
  byFile(files.map((f) => ({ file: f.path, rowsLoaded: f.rows, errorsSeen: 0, firstError: null, firstErrorLine: null })));
const names = (files: readonly StageFile[]) => files.map((f) => f.name).sort();

/** The layout of a table's files: the column kinds in file order, which is the table's column order. */
function layoutOf(target: AnyTable) {
  const layout = BATCH_LAYOUT.find((l) => l.columns.map(([c]) => c).join() === target.columnNames.join())!;
  expect(layout, target.name).toBeDefined();
  return layout;
}

function folderOf(target: AnyTable): string {
  return layoutOf(target).folder;
}

const written = (files: readonly WrittenFile[], target: AnyTable, prefix: string) =>
  files.filter((f) => f.folder === folderOf(target)).map((f) => ({ path: `${prefix}/${f.path}`, rows: f.rows }));

/** Maps each column to an expression over the file's columns, derived from the batch layout. */
function mapping(target: AnyTable, expression: (column: string, kind: ColumnKind, position: number) => string): Record<string, SqlFragment> {
  return Object.fromEntries(layoutOf(target).columns.map(([column, kind], i) => [column, sql.raw(expression(column, kind, i + 1))]));
}

// ---- Load metadata -------------------------------------------------------------------------------------------------

describe('load metadata', { timeout: QUERY_TIMEOUT_MS }, () => {
  let files: WrittenFile[];
  let target: AnyTable;
  const load = () => copyInto(target).fromStage(landStage, 'meta/frame-events/').fileFormat({ type: 'PARQUET' });

  beforeAll(async () => {
    files = await writeBatch(batch, join(root, 'meta'), { format: 'parquet', filesPerFolder: 2 });
    target = await freshCopy(frameEvents, 'meta_frame_events');
  });

  it('the first COPY loads every file of the folder', async () => {
    expect(byFile(await client.copy(load()))).toEqual(loaded(written(files, frameEvents, 'meta')));
    expect(await readBack(frameEvents, target.name)).toEqual(asText(frameEvents, batch.frameEvents));
  });

  it('a second COPY of the same files loads nothing and reports nothing', async () => {
    expect(await client.copy(load())).toEqual([]);
    expect(await count(target.name)).toBe(batch.frameEvents.length);
  });

  it('FORCE reloads every file', async () => {
    expect(byFile(await client.copy(load().force()))).toEqual(loaded(written(files, frameEvents, 'meta')));
    const [row] = await client.query<{ rows: number; frames: number }>(
      `SELECT COUNT(*)::INT AS rows, COUNT(DISTINCT frame_id)::INT AS frames FROM ${target.name}`,
    );
    expect(row).toEqual({ rows: 2 * batch.frameEvents.length, frames: batch.frameEvents.length });
  });

  it('a new file in the folder is the only one loaded', async () => {
    const next = generateBatch({ seed: 12, sessions: 2, framesPerSession: 5, date: '2024-08-17' });
    const added = await writeBatch(next, join(root, 'meta'), { format: 'parquet' });
    expect(byFile(await client.copy(load()))).toEqual(loaded(written(added, frameEvents, 'meta')));
    expect(await count(target.name)).toBe(2 * batch.frameEvents.length + next.frameEvents.length);
    const ids = next.frameEvents.map((e) => `'${e.frame_id}'`).join(', ');
    const rows = await client.query(
      `SELECT frame_id, session_id, frame_index, captured_at::STRING AS captured_at, event_type, risk_score FROM ${target.name} WHERE frame_id IN (${ids}) ORDER BY frame_id`,
    );
    expect(rows).toEqual(asText(frameEvents, next.frameEvents));
    expect(await client.copy(load())).toEqual([]);
  });
});

// ---- PATTERN and FILES ---------------------------------------------------------------------------------------------

describe('PATTERN and FILES', { timeout: QUERY_TIMEOUT_MS }, () => {
  let parts: { path: string; rows: number; frames: readonly Row[] }[];
  const folder = 'select/frame-events/';

  beforeAll(async () => {
    const files = written(await writeBatch(batch, join(root, 'select'), { format: 'parquet', filesPerFolder: 3 }), frameEvents, 'select');
    // writeBatch cuts each folder's rows in order, so each part holds the next slice of the generated rows.
    let start = 0;
    parts = files.map((f) => {
      const frames: readonly Row[] = batch.frameEvents.slice(start, start + f.rows).map((e) => ({ ...e }));
      start += f.rows;
      return { ...f, frames };
    });
    expect(parts.map((p) => p.path.replace(/.*_/, ''))).toEqual(['001.parquet', '002.parquet', '003.parquet']);
  });

  it('PATTERN loads only the files whose path after the folder matches, as LIST selects them', async () => {
    const pattern = '.*_part_00[13][.]parquet';
    expect(names(await client.list(listStage(landStage, folder).pattern(pattern)))).toEqual([parts[0]!.path, parts[2]!.path]);
    const target = await freshCopy(frameEvents, 'pattern_frame_events');
    const report = await client.copy(copyInto(target).fromStage(landStage, folder).pattern(pattern).fileFormat({ type: 'PARQUET' }));
    expect(byFile(report)).toEqual(loaded([parts[0]!, parts[2]!]));
    expect(await readBack(frameEvents, target.name)).toEqual(asText(frameEvents, [...parts[0]!.frames, ...parts[2]!.frames]));
  });

  it('a PATTERN that matches nothing loads nothing', async () => {
    const target = await freshCopy(frameEvents, 'no_match_frame_events');
    expect(await client.copy(copyInto(target).fromStage(landStage, folder).pattern('.*[.]csv').fileFormat({ type: 'PARQUET' }))).toEqual([]);
    expect(await count(target.name)).toBe(0);
  });

  it('FILES loads exactly the files named, relative to the folder', async () => {
    const target = await freshCopy(frameEvents, 'files_frame_events');
    const name = parts[1]!.path.slice(folder.length);
    const report = await client.copy(copyInto(target).fromStage(landStage, folder).files([name]).fileFormat({ type: 'PARQUET' }));
    expect(byFile(report)).toEqual(loaded([parts[1]!]));
    expect(await readBack(frameEvents, target.name)).toEqual(asText(frameEvents, parts[1]!.frames));
  });

  it('a preview reads the same files with FILES => and PATTERN =>', async () => {
    const preview = selectFromStage(landStage, folder).fileFormat('PARQUET').typedAs(frameEvents).columns('frame_id');
    const ids = async (query: typeof preview) => (await client.query(query)).map((r) => r.frame_id).sort();
    expect(await ids(preview.files([parts[1]!.path.slice(folder.length)]))).toEqual(parts[1]!.frames.map((f) => f.frame_id).sort());
    expect(await ids(preview.pattern('.*_part_003[.]parquet'))).toEqual(parts[2]!.frames.map((f) => f.frame_id).sort());
  });
});

// ---- ON_ERROR ------------------------------------------------------------------------------------------------------

describe('ON_ERROR against a corrupt file and a file of another schema', { timeout: QUERY_TIMEOUT_MS }, () => {
  // Ten frames: five in a good file, five in a corrupt one (two of them broken), and the sessions file, whose
  // seven columns do not fit the six of frame_events.
  const small = generateBatch({ seed: 5, sessions: 2, framesPerSession: 5 });
  const good = small.frameEvents.slice(0, 5);
  const corrupt = small.frameEvents.slice(5, 10);
  const validInCorrupt = [corrupt[0]!, corrupt[2]!, corrupt[4]!];
  let tables = 0;
  const nextTable = () => freshCopy(frameEvents, `on_error_${++tables}`);

  beforeAll(async () => {
    const source = join(root, 'errors-source');
    await writeBatch(small, source, { format: 'csv' });
    await writeBatch(small, source, { format: 'ndjson' });
    await writeBatch(small, join(root, 'errors-pq'), { format: 'parquet' });
    const text = async (path: string) => (await readFile(join(source, path), 'utf8')).split('\n').filter((l) => l !== '');

    // CSV: header + five rows each; in the corrupt file row 2 has a word for frame_index, row 4 no timestamp.
    const [header, ...lines] = await text('frame-events/frame_events_2024_08_16.csv');
    const broken = (line: string, field: number, value: string) =>
      line
        .split(',')
        .map((v, i) => (i === field ? value : v))
        .join(',');
    await mkdir(join(root, 'errors-csv'), { recursive: true });
    await writeFile(join(root, 'errors-csv/good.csv'), [header, ...lines.slice(0, 5), ''].join('\n'));
    await writeFile(
      join(root, 'errors-csv/corrupt.csv'),
      [header, lines[5], broken(lines[6]!, 2, 'seven'), lines[7], broken(lines[8]!, 3, 'not-a-time'), lines[9], ''].join('\n'),
    );
    await copyFile(join(source, 'sessions/session_2024_08_16.csv'), join(root, 'errors-csv/mismatch.csv'));

    // NDJSON: the same rows; in the corrupt file line 2 is not JSON and line 4 has a word for frame_index.
    const json = await text('frame-events/frame_events_2024_08_16.ndjson');
    await mkdir(join(root, 'errors-nd'), { recursive: true });
    await writeFile(join(root, 'errors-nd/good.ndjson'), [...json.slice(0, 5), ''].join('\n'));
    await writeFile(
      join(root, 'errors-nd/corrupt.ndjson'),
      [json[5], '{"frame_id": broken', json[7], json[8]!.replace(/"frame_index":\d+/, '"frame_index":"seven"'), json[9], ''].join('\n'),
    );
    await copyFile(join(source, 'sessions/session_2024_08_16.ndjson'), join(root, 'errors-nd/mismatch.ndjson'));

    // Parquet: a file that is not Parquet next to a good one; the sessions file next to a frame events one.
    await writeFile(join(root, 'errors-pq/frame-events/zz_corrupt.parquet'), 'PAR1 this is not a Parquet file\n');
    await mkdir(join(root, 'errors-pq/mixed'), { recursive: true });
    await copyFile(join(root, 'errors-pq/frame-events/frame_events_2024_08_16.parquet'), join(root, 'errors-pq/mixed/events.parquet'));
    await copyFile(join(root, 'errors-pq/sessions/session_2024_08_16.parquet'), join(root, 'errors-pq/mixed/sessions.parquet'));
  });

  const csvLoad = (target: AnyTable, files: string[], mode?: OnErrorInput) => {
    const load = copyInto(target).fromStage(landStage, 'errors-csv/').raw().files(files).fileFormat({ type: 'CSV', skipHeader: 1 });
    return mode === undefined ? load : load.onError(mode);
  };
  const ndjsonLoad = (target: AnyTable, files: string[], mode: OnErrorInput) =>
    copyInto(target).fromStage(landStage, 'errors-nd/').raw().files(files).fileFormat({ type: 'NDJSON' }).onError(mode);

  it('ABORT (the default) loads nothing and throws ServerError 1046 naming the file and the bad value', async () => {
    const target = await nextTable();
    for (const mode of [undefined, 'ABORT'] as const) {
      const bad = await serverError(client.copy(csvLoad(target, ['good.csv', 'corrupt.csv'], mode)));
      expect(bad.serverCode).toBe(1046);
      expect(bad.serverMessage).toMatch(/^Invalid value 'seven' for column 2 \(frame_index Int32 NULL\)/);
      expect(bad.serverMessage).toContain("at file 'errors-csv/corrupt.csv'");
      const mismatch = await serverError(client.copy(csvLoad(target, ['good.csv', 'mismatch.csv'], mode)));
      expect(mismatch.serverCode).toBe(1046);
      expect(mismatch.serverMessage).toMatch(/^Number of columns in file \(7\) does not match that of the corresponding table \(6\)/);
      expect(mismatch.serverMessage).toContain("at file 'errors-csv/mismatch.csv'");
    }
    expect(await count(target.name)).toBe(0);
  });

  it('CONTINUE loads every valid row and reports the errors of each file (CSV)', async () => {
    const target = await nextTable();
    const report = await client.copy(csvLoad(target, ['good.csv', 'corrupt.csv', 'mismatch.csv'], 'CONTINUE'));
    expect(byFile(report)).toEqual([
      {
        file: 'errors-csv/corrupt.csv',
        rowsLoaded: 3,
        errorsSeen: 2,
        firstError: expect.stringMatching(/^Invalid value 'seven' for column 2/),
        firstErrorLine: 3,
      },
      { file: 'errors-csv/good.csv', rowsLoaded: 5, errorsSeen: 0, firstError: null, firstErrorLine: null },
      // Every record of the sessions file counts, its header too (checked for its column count before it is skipped).
      {
        file: 'errors-csv/mismatch.csv',
        rowsLoaded: 0,
        errorsSeen: small.sessions.length + 1,
        firstError: 'Number of columns in file (7) does not match that of the corresponding table (6)',
        firstErrorLine: 1,
      },
    ]);
    expect(await readBack(frameEvents, target.name)).toEqual(asText(frameEvents, [...good, ...validInCorrupt]));
  });

  it('CONTINUE loads every valid row and reports the errors of each file (NDJSON)', async () => {
    const target = await nextTable();
    const report = await client.copy(ndjsonLoad(target, ['good.ndjson', 'corrupt.ndjson', 'mismatch.ndjson'], 'CONTINUE'));
    expect(byFile(report)).toEqual([
      { file: 'errors-nd/corrupt.ndjson', rowsLoaded: 3, errorsSeen: 2, firstError: expect.stringMatching(/^Invalid NDJSON row/), firstErrorLine: 2 },
      { file: 'errors-nd/good.ndjson', rowsLoaded: 5, errorsSeen: 0, firstError: null, firstErrorLine: null },
      {
        file: 'errors-nd/mismatch.ndjson',
        rowsLoaded: 0,
        errorsSeen: small.sessions.length,
        firstError: 'Missing value for column 0 (frame_id String)',
        firstErrorLine: 1,
      },
    ]);
    expect(await readBack(frameEvents, target.name)).toEqual(asText(frameEvents, [...good, ...validInCorrupt]));
  });

  it('SKIP_FILE and SKIP_FILE_n abort on CSV and NDJSON: the engine handles only CONTINUE and ABORT_n row by row (1046, nothing loaded)', async () => {
    // databendlabs/databend src/query/storages/stage/src/read/error_handler.rs: every other mode returns the error.
    const target = await nextTable();
    for (const mode of ['SKIP_FILE', { skipFileAfter: 1 }, { skipFileAfter: 3 }] as const) {
      expect((await serverError(client.copy(csvLoad(target, ['good.csv', 'corrupt.csv'], mode)))).serverCode, JSON.stringify(mode)).toBe(1046);
      expect((await serverError(client.copy(csvLoad(target, ['good.csv', 'mismatch.csv'], mode)))).serverCode, JSON.stringify(mode)).toBe(1046);
      expect((await serverError(client.copy(ndjsonLoad(target, ['good.ndjson', 'corrupt.ndjson'], mode)))).serverCode, JSON.stringify(mode)).toBe(1046);
    }
    expect(await count(target.name)).toBe(0);
  });

  it('ABORT_n skips bad rows until the nth error, then aborts; the skipped rows are not reported', async () => {
    const aborted = await nextTable();
    const error = await serverError(client.copy(csvLoad(aborted, ['good.csv', 'corrupt.csv'], { abortAfter: 2 })));
    expect(error.serverCode).toBe(1046);
    expect(error.serverMessage).toMatch(/^abort after 2 errors! the last error: Invalid value 'not-a-time' for column 3 \(captured_at Timestamp NULL\)/);
    expect(await count(aborted.name)).toBe(0);

    const target = await nextTable();
    const report = await client.copy(csvLoad(target, ['good.csv', 'corrupt.csv'], { abortAfter: 3 }));
    expect(byFile(report)).toEqual(
      loaded([
        { path: 'errors-csv/corrupt.csv', rows: 3 },
        { path: 'errors-csv/good.csv', rows: 5 },
      ]),
    );
    expect(await readBack(frameEvents, target.name)).toEqual(asText(frameEvents, [...good, ...validInCorrupt]));
  });

  it.each(['ABORT', 'CONTINUE', 'SKIP_FILE'] as const)('Parquet with %s: a corrupt file fails the whole COPY with 1046, nothing loaded', async (mode) => {
    const target = await nextTable();
    const error = await serverError(
      client.copy(copyInto(target).fromStage(landStage, 'errors-pq/frame-events/').fileFormat({ type: 'PARQUET' }).onError(mode)),
    );
    expect(error.serverCode).toBe(1046);
    expect(error.serverMessage).toBe("Invalid Parquet file 'errors-pq/frame-events/zz_corrupt.parquet': Parquet error: Invalid Parquet file. Corrupt footer");
    expect(await count(target.name)).toBe(0);
  });

  it.each(['ABORT', 'CONTINUE', 'SKIP_FILE'] as const)(
    'Parquet with %s: a file of another schema fails the whole COPY with 1303, nothing loaded',
    async (mode) => {
      const target = await nextTable();
      const error = await serverError(client.copy(copyInto(target).fromStage(landStage, 'errors-pq/mixed/').fileFormat({ type: 'PARQUET' }).onError(mode)));
      expect(error.serverCode).toBe(1303);
      expect(error.serverMessage).toMatch(
        /^infer schema from 'errors-pq\/mixed\/events\.parquet', but get diff schema in file 'errors-pq\/mixed\/sessions\.parquet'/,
      );
      expect(await count(target.name)).toBe(0);
    },
  );

  it('RETURN_FAILED_ONLY reports only the files with errors', async () => {
    const target = await nextTable();
    const report = await client.copy(csvLoad(target, ['good.csv', 'corrupt.csv'], 'CONTINUE').returnFailedOnly());
    expect(report.map((f) => [f.file, f.rowsLoaded, f.errorsSeen])).toEqual([['errors-csv/corrupt.csv', 3, 2]]);
    expect(await count(target.name)).toBe(good.length + validInCorrupt.length);
  });
});

// ---- CSV, NDJSON and Parquet ---------------------------------------------------------------------------------------

describe('CSV and NDJSON load the same values as Parquet', { timeout: QUERY_TIMEOUT_MS }, () => {
  beforeAll(async () => {
    for (const format of ['parquet', 'csv', 'ndjson'] as const) await writeBatch(batch, join(root, format), { format, filesPerFolder: 2 });
  });

  /** CSV columns by position; JSON parsed; a vector through ARRAY(FLOAT), as a string does not cast to VECTOR. */
  const csvMapping = (target: AnyTable) =>
    mapping(target, (_, kind, i) => (kind === 'json' ? `parse_json($${i})` : kind === 'vector' ? `parse_json($${i})::ARRAY(FLOAT)::VECTOR(4)` : `$${i}`));
  /** NDJSON keys of `$1`, cast to each column's type; a vector through ARRAY(FLOAT), as a VARIANT does not cast to VECTOR. */
  const ndjsonMapping = (target: AnyTable) =>
    mapping(target, (column, kind) => {
      const cast = { string: 'STRING', int: 'INT', double: 'DOUBLE', timestamp: 'TIMESTAMP', json: '', vector: 'ARRAY(FLOAT)::VECTOR(4)' }[kind];
      return `$1:${column}${cast === '' ? '' : `::${cast}`}`;
    });

  it.each(everdriveTables.map((t) => [t.name, t] as const))('%s: Parquet, CSV and NDJSON (transform and raw) all load the batch', async (name, target) => {
    const loads = [
      [
        'parquet',
        copyInto(await freshCopy(target, `pq_${name}`))
          .fromStage(landStage, `parquet/${folderOf(target)}/`)
          .fileFormat({ type: 'PARQUET' }),
      ],
      [
        'csv',
        copyInto(await freshCopy(target, `csv_${name}`))
          .fromStage(landStage, `csv/${folderOf(target)}/`)
          .map(csvMapping(target))
          .fileFormat({ type: 'CSV', skipHeader: 1 }),
      ],
      [
        'ndjson',
        copyInto(await freshCopy(target, `nd_${name}`))
          .fromStage(landStage, `ndjson/${folderOf(target)}/`)
          .map(ndjsonMapping(target))
          .fileFormat({ type: 'NDJSON', missingFieldAs: 'ERROR', nullFieldAs: 'NULL' }),
      ],
      // Without a transform, NDJSON keys fill the columns of the same name (a JSON array fills the VECTOR).
      [
        'ndjson',
        copyInto(await freshCopy(target, `ndraw_${name}`))
          .fromStage(landStage, `ndjson/${folderOf(target)}/`)
          .raw()
          .fileFormat({ type: 'NDJSON' }),
      ],
    ] as const;
    for (const [format, load] of loads) {
      const report = await client.copy(load);
      const expected = (await client.list(listStage(landStage, `${format}/${folderOf(target)}/`))).map((f) => f.name);
      expect(
        byFile(report).map((f) => [f.file, f.errorsSeen]),
        format,
      ).toEqual(expected.sort().map((f) => [f, 0]));
      expect(report.reduce((n, f) => n + f.rowsLoaded, 0)).toBe(generatedRows(batch, target).length);
      expect(await readBack(target, load.toNode().table.name), load.toNode().table.name).toEqual(asText(target, generatedRows(batch, target)));
    }
  });

  it('a CSV string does not cast straight to VECTOR (1006): the detour through parse_json and ARRAY(FLOAT) is needed', async () => {
    const target = await freshCopy(frameEmbeddings, 'csv_direct_embeddings');
    const error = await serverError(
      client.copy(
        copyInto(target)
          .fromStage(landStage, 'csv/embeddings/')
          .map({ ...csvMapping(frameEmbeddings), embedding: sql`$3::VECTOR(4)` })
          .fileFormat({ type: 'CSV', skipHeader: 1 }),
      ),
    );
    expect(error.serverCode).toBe(1006);
    expect(error.serverMessage).toContain('unable to cast type `String NULL` to type `Vector(4)`');
    expect(await count(target.name)).toBe(0);
  });
});

// ---- Unload and reload -------------------------------------------------------------------------------------------

describe('unload with copyIntoStage, then reload', { timeout: QUERY_TIMEOUT_MS }, () => {
  const unloadStage = createStage('unload_stage');

  beforeAll(async () => {
    await writeBatch(batch, join(root, 'source'), { format: 'parquet' });
    await client.execute(unloadStage);
    for (const target of everdriveTables) {
      const source = await freshCopy(target, `src_${target.name}`);
      await client.copy(
        copyInto(source)
          .fromStage(landStage, `source/${folderOf(target)}/`)
          .fileFormat({ type: 'PARQUET' }),
      );
    }
  });

  // drive_sessions carries commas, quotes, line breaks, backslashes and non-ASCII text: CSV must keep them all.
  it.each([
    ['drive_sessions', driveSessions, 'CSV'],
    ['frame_events', frameEvents, 'PARQUET'],
    ['frame_payloads', framePayloads, 'NDJSON'],
    ['frame_embeddings', frameEmbeddings, 'PARQUET'],
    ['frame_embeddings', frameEmbeddings, 'CSV'],
    ['frame_payloads', framePayloads, 'TSV'],
  ] as const)('%s as %s round-trips every value', async (_, target, type) => {
    const folder = `${target.name}_${type.toLowerCase()}/`;
    const unload = copyIntoStage(unloadStage, folder).from(`src_${target.name}`).fileFormat({ type }).detailedOutput();
    const written = await client.query<{ file_name: string; file_size: number | bigint; row_count: number | bigint }>(unload);
    expect(written.reduce((n, f) => n + Number(f.row_count), 0)).toBe(generatedRows(batch, target).length);
    const listedFiles = await client.list(listStage(unloadStage, folder));
    expect(listedFiles.map((f) => [f.name, f.size]).sort()).toEqual(written.map((f) => [f.file_name, Number(f.file_size)]).sort());

    const copy = await freshCopy(target, `rt_${target.name}_${type.toLowerCase()}`);
    const report = await client.copy(copyInto(copy).fromStage(unloadStage, folder).raw().fileFormat({ type }));
    expect(byFile(report)).toEqual(loaded(written.map((f) => ({ path: f.file_name, rows: Number(f.row_count) }))));
    expect(await readBack(target, copy.name)).toEqual(asText(target, generatedRows(batch, target)));
  });

  it('an unloaded query with PARTITION BY writes one folder per value', async () => {
    const unload = copyIntoStage(unloadStage, 'by_event/')
      .from(sql`SELECT frame_id, event_type, risk_score FROM src_frame_events`)
      .partitionBy(sql`'event=' || event_type`)
      .fileFormat({ type: 'PARQUET' });
    await client.execute(unload);
    const folders = new Set((await client.list(listStage(unloadStage, 'by_event/'))).map((f) => f.name.split('/')[1]));
    expect(folders).toEqual(new Set(batch.frameEvents.map((e) => `event=${e.event_type}`)));
    const [counted] = await client.query<{ n: number }>(sql`SELECT COUNT(*)::INT AS n FROM @unload_stage/by_event/ (FILE_FORMAT => 'PARQUET')`);
    expect(counted!.n).toBe(batch.frameEvents.length);
  });

  it('SINGLE with USE_RAW_PATH writes exactly the path given, and OVERWRITE replaces it', async () => {
    const unload = (where: SqlFragment) =>
      copyIntoStage(unloadStage, 'single/frame_events.parquet')
        .from(sql`SELECT * FROM src_frame_events WHERE ${where}`)
        .fileFormat({ type: 'PARQUET' })
        .single()
        .useRawPath()
        .overwrite();
    const risky = batch.frameEvents.filter((e) => e.risk_score > 0.5);
    for (const [where, rows] of [
      [sql`TRUE`, batch.frameEvents],
      [sql`risk_score > ${0.5}`, risky],
    ] as const) {
      await client.execute(unload(where));
      expect(names(await client.list(listStage(unloadStage, 'single/')))).toEqual(['single/frame_events.parquet']);
      const copy = await freshCopy(frameEvents, 'single_frame_events');
      expect(byFile(await client.copy(copyInto(copy).fromStage(unloadStage, 'single/frame_events.parquet').raw().fileFormat({ type: 'PARQUET' })))).toEqual(
        loaded([{ path: 'single/frame_events.parquet', rows: rows.length }]),
      );
      expect(await readBack(frameEvents, copy.name)).toEqual(asText(frameEvents, rows));
    }
  });

  it('NDJSON unload corrupts characters U+2040 to U+2FFF (engine defect): the file cannot be read back', async () => {
    // The writer escapes the lead byte E2 as \u00e2 and copies the next two bytes raw: '→' becomes `\u00e2` 0x86 0x92.
    await client.execute('CREATE OR REPLACE TABLE ndjson_text (id INT, s STRING)');
    await client.execute("INSERT INTO ndjson_text VALUES (1, 'Straße 17 → München'), (2, '5 €'), (3, 'em — dash')");
    await client.execute(copyIntoStage(landStage, 'ndjson-defect.ndjson').from('ndjson_text').fileFormat({ type: 'NDJSON' }).single().useRawPath());
    const bytes = await readFile(join(root, 'ndjson-defect.ndjson'));
    const raw = bytes.toString('latin1');
    expect(raw).toContain('Stra\u00c3\u009fe 17 \\u00e2\u0086\u0092 M\u00c3\u00bcnchen');
    expect(raw).toContain('5 \\u00e2\u0082\u00ac');
    expect(raw).toContain('em \u00e2\u0080\u0094 dash');
    const error = await serverError(client.query(sql`SELECT $1 FROM @land/ndjson-defect.ndjson (FILE_FORMAT => 'NDJSON')`));
    expect(error.serverCode).toBe(1046);
    expect(error.serverMessage).toMatch(/^Invalid NDJSON row: invalid unicode code point/);
  });
});

// ---- INSERT ... SELECT from a stage --------------------------------------------------------------------------------

describe('INSERT INTO ... SELECT from a stage', { timeout: QUERY_TIMEOUT_MS }, () => {
  beforeAll(async () => {
    await writeBatch(batch, join(root, 'insert'), { format: 'parquet', filesPerFolder: 2 });
  });

  it('loads only the rows the WHERE keeps, and keeps no load metadata', async () => {
    const target = await freshCopy(frameEvents, 'risky_frame_events');
    const insert = insertInto(target)
      .fromStage(landStage, 'insert/frame-events/')
      .fileFormat('PARQUET')
      .where(sql`risk_score > ${0.5} AND event_type <> ${'cruise'}`);
    const risky = batch.frameEvents.filter((e) => e.risk_score > 0.5 && e.event_type !== 'cruise');
    expect(risky.length).toBeGreaterThan(0);
    expect(risky.length).toBeLessThan(batch.frameEvents.length);
    expect((await client.execute(insert)).rowsAffected).toBe(risky.length);
    expect(await readBack(frameEvents, target.name)).toEqual(asText(frameEvents, risky));
    // Unlike COPY, running it again inserts the rows again.
    expect((await client.execute(insert)).rowsAffected).toBe(risky.length);
    expect(await count(target.name)).toBe(2 * risky.length);
  });

  it('OVERWRITE replaces the rows; columns() and FILES narrow what is read', async () => {
    const target = await freshCopy(frameEvents, 'overwrite_frame_events');
    const [first] = (await client.list(listStage(landStage, 'insert/frame-events/'))).map((f) => f.name).sort();
    const firstRows = batch.frameEvents.slice(0, Math.ceil(batch.frameEvents.length / 2));
    await client.execute(insertInto(target).fromStage(landStage, 'insert/frame-events/').fileFormat('PARQUET'));
    const insert = insertInto(target)
      .fromStage(landStage, 'insert/frame-events/')
      .fileFormat('PARQUET')
      .files([first!.slice('insert/frame-events/'.length)])
      .columns(['frame_id', 'risk_score'])
      .where(sql`event_type = ${'cruise'}`)
      .overwrite();
    const cruise = firstRows.filter((e) => e.event_type === 'cruise');
    expect((await client.execute(insert)).rowsAffected).toBe(cruise.length);
    const rows = await client.query(`SELECT frame_id, session_id, risk_score FROM ${target.name} ORDER BY frame_id`);
    expect(rows).toEqual(
      cruise.map((e) => ({ frame_id: e.frame_id, session_id: null, risk_score: e.risk_score })).sort((a, b) => compareText(a.frame_id, b.frame_id)),
    );
  });
});

// ---- REMOVE --------------------------------------------------------------------------------------------------------

describe('REMOVE', { timeout: QUERY_TIMEOUT_MS }, () => {
  let files: WrittenFile[];

  beforeAll(async () => {
    files = await writeBatch(batch, join(root, 'remove'), { format: 'parquet', filesPerFolder: 3 });
  });

  const onDisk = async (folder: string) => (await readdir(join(root, 'remove', folder))).sort();

  it('deletes the files a PATTERN matches and nothing else', async () => {
    const events = files.filter((f) => f.folder === 'frame-events').map((f) => f.path.split('/')[1]!);
    expect(events).toHaveLength(3);
    await client.execute(removeFromStage(landStage, 'remove/frame-events/').pattern('.*_part_00[12][.]parquet'));
    expect(names(await client.list(listStage(landStage, 'remove/frame-events/')))).toEqual([`remove/frame-events/${events[2]}`]);
    expect(await onDisk('frame-events')).toEqual([events[2]]);
    expect(await onDisk('sessions')).toHaveLength(3);
  });

  it('deletes one file by its path, then a whole folder', async () => {
    const [session] = files.filter((f) => f.folder === 'sessions');
    await client.execute(removeFromStage(landStage, `remove/${session!.path}`));
    expect(names(await client.list(listStage(landStage, 'remove/sessions/')))).toEqual(
      files.filter((f) => f.folder === 'sessions' && f !== session).map((f) => `remove/${f.path}`),
    );
    await client.execute(removeFromStage(landStage, 'remove/'));
    expect(await client.list(listStage(landStage, 'remove/'))).toEqual([]);
    for (const folder of ['sessions', 'frame-events', 'payloads', 'embeddings']) {
      expect(await onDisk(folder).catch(() => []), folder).toEqual([]);
    }
  });
});

// ---- Named FILE FORMAT objects -------------------------------------------------------------------------------------

describe('named FILE FORMAT objects', { timeout: QUERY_TIMEOUT_MS }, () => {
  const csvFormat = createFileFormat('everdrive_csv', { type: 'CSV', skipHeader: 1 });
  const ndjsonFormat = createFileFormat('everdrive_ndjson', { type: 'NDJSON', missingFieldAs: 'FIELD_DEFAULT' });
  let stageOnCsv: CreateStageBuilder;

  beforeAll(async () => {
    await writeBatch(batch, join(root, 'formats-csv'), { format: 'csv' });
    await writeBatch(batch, join(root, 'formats-ndjson'), { format: 'ndjson' });
    stageOnCsv = createStage('everdrive_csv_stage').url(`fs://${root}/formats-csv/`).fileFormat(csvFormat);
  });

  it('CREATE FILE FORMAT stores the options', async () => {
    await client.execute(csvFormat);
    await client.execute(ndjsonFormat);
    const formats = await client.query<{ name: string; format_options: string }>('SHOW FILE FORMATS');
    const options = (name: string) => formats.find((f) => f.name === name)?.format_options;
    // The engine prints `SKIP_HEADER= 1`, without the space before `=`.
    expect(options('everdrive_csv')).toMatch(/^TYPE = CSV .* SKIP_HEADER= 1 /);
    expect(options('everdrive_ndjson')).toBe('TYPE = NDJSON, COMPRESSION = None MISSING_FIELD_AS = FIELD_DEFAULT NULL_FIELDS_AS = NULL');
  });

  it('a stage created with a named format reads with it: a COPY without FILE_FORMAT loads the CSV', async () => {
    await client.execute(stageOnCsv);
    const [described] = await client.query(`DESC STAGE ${stageOnCsv.name}`);
    // The stage keeps a copy of the format's options; SKIP_HEADER shows as `headers`.
    expect(described).toMatchObject({ file_format_options: { type: 'Csv', headers: 1, field_delimiter: ',' } });
    for (const target of everdriveTables) {
      const copy = await freshCopy(target, `fmt_csv_${target.name}`);
      const report = await client.copy(
        copyInto(copy)
          .fromStage(stageOnCsv, `${folderOf(target)}/`)
          .raw(),
      );
      expect(report.map((f) => [f.file, f.rowsLoaded, f.errorsSeen])).toEqual([
        [`${folderOf(target)}/${layoutOf(target).stem}_2024_08_16.csv`, generatedRows(batch, target).length, 0],
      ]);
      expect(await readBack(target, copy.name), target.name).toEqual(asText(target, generatedRows(batch, target)));
    }
  });

  it('a COPY and a preview name the format with FORMAT_NAME', async () => {
    const copy = await freshCopy(framePayloads, 'fmt_nd_frame_payloads');
    const report = await client.copy(copyInto(copy).fromStage(landStage, 'formats-ndjson/payloads/').raw().fileFormat({ formatName: ndjsonFormat.formatName }));
    expect(report.map((f) => [f.file, f.rowsLoaded])).toEqual([['formats-ndjson/payloads/frame_payloads_2024_08_16.ndjson', batch.framePayloads.length]]);
    expect(await readBack(framePayloads, copy.name)).toEqual(asText(framePayloads, batch.framePayloads));

    const preview = selectFromStage(landStage, 'formats-csv/sessions/')
      .fileFormat(csvFormat)
      .typedAs(driveSessions, { session_id: sql`$1`, route_name: sql`$3` })
      .columns('session_id', 'route_name');
    const rows = await client.query(preview);
    expect([...rows].sort((a, b) => compareText(a.session_id, b.session_id))).toEqual(
      batch.sessions.map(({ session_id, route_name }) => ({ session_id, route_name })).sort((a, b) => compareText(a.session_id, b.session_id)),
    );
  });
});

describe('file format option domains', { timeout: QUERY_TIMEOUT_MS }, () => {
  // Each value is sent to the engine as raw SQL (the SDK's checks cannot stop it) and through the SDK. Where the SDK
  // refuses, the engine must refuse with 1006; where it accepts, the engine must too. ENCODING is the one option whose
  // domain the SDK checks only in part (it refuses an empty label, the engine also unknown ones).
  const cases: readonly [type: 'CSV' | 'TSV', key: string, sqlName: string, values: readonly string[]][] = [
    ['CSV', 'nanDisplay', 'NAN_DISPLAY', ['nan', 'NaN', 'null', 'NULL', 'NAN', 'Null', 'inf', '', 'None']],
    ['TSV', 'nanDisplay', 'NAN_DISPLAY', ['nan', 'NULL', 'NAN', 'x']],
    [
      'CSV',
      'recordDelimiter',
      'RECORD_DELIMITER',
      ['\n', '\r\n', '\r', '|', ';', '\t', ' ', '_', '\0', '\x7f', 'a', 'Z', '1', '||', '', 'é', '\u00a0', '\n\r'],
    ],
    ['TSV', 'recordDelimiter', 'RECORD_DELIMITER', ['\n', '\r\n', '#', 'a', '||', '']],
    ['TSV', 'fieldDelimiter', 'FIELD_DELIMITER', ['\t', ',', '', ' ', '_', '\0', 'a', '1', '||', 'é', '\r\n']],
    ['CSV', 'fieldDelimiter', 'FIELD_DELIMITER', [',', '|', '||', 'ab', 'a|', 'é', ' ', '\0', '', 'a', '1']],
    ['CSV', 'encoding', 'ENCODING', ['utf-8', 'UTF-8', ' utf-8', 'gbk', 'latin1', 'x-user-defined', '', ' ', 'bogus', 'utf_8']],
    ['TSV', 'quote', 'QUOTE', ['"', "'", '`', '\\', '', 'a', '||']],
    ['TSV', 'escape', 'ESCAPE', ['\\', '', '"', 'a', '\0']],
  ];

  it('the SDK refuses a value only when the engine does (1006), for NAN_DISPLAY, the delimiters, ENCODING and TSV QUOTE / ESCAPE', async () => {
    const verdicts: string[] = [];
    for (const [type, key, sqlName, values] of cases) {
      for (const value of values) {
        let sdk: 'ok' | 'refused' = 'ok';
        try {
          createFileFormat('domain_probe', { type, [key]: value } as never);
        } catch (error) {
          expect(error, `${type} ${key} ${JSON.stringify(value)}`).toBeInstanceOf(ValidationError);
          sdk = 'refused';
        }
        let engineVerdict: 'ok' | 'refused' = 'ok';
        try {
          await client.execute(`CREATE OR REPLACE FILE FORMAT domain_probe TYPE = ${type} ${sqlName} = ${quoteString(value)}`);
        } catch (error) {
          expect((error as ServerError).serverCode, `${type} ${sqlName} ${JSON.stringify(value)}`).toBe(1006);
          engineVerdict = 'refused';
        }
        if (sdk === 'ok' && engineVerdict === 'ok') await client.execute(createFileFormat('domain_probe', { type, [key]: value } as never).orReplace());
        const partial = key === 'encoding' && sdk === 'ok' && engineVerdict === 'refused';
        verdicts.push(`${type} ${sqlName} ${JSON.stringify(value)}: sdk ${sdk}, engine ${engineVerdict}${partial ? ' (left to the engine)' : ''}`);
        if (!partial) expect(sdk, `${type} ${sqlName} ${JSON.stringify(value)}`).toBe(engineVerdict);
      }
    }
    // The unknown labels are the only disagreement, and both are refused by the engine.
    expect(verdicts.filter((v) => v.endsWith('(left to the engine)'))).toEqual([
      'CSV ENCODING "bogus": sdk ok, engine refused (left to the engine)',
      'CSV ENCODING "utf_8": sdk ok, engine refused (left to the engine)',
    ]);
    await client.execute(dropFileFormat('domain_probe'));
  });
});

// ---- DROP ----------------------------------------------------------------------------------------------------------

describe('DROP of each object', { timeout: QUERY_TIMEOUT_MS }, () => {
  it('DROP TABLE removes the table; again without IF EXISTS is 1025', async () => {
    const doomed = await freshCopy(frameEvents, 'doomed_frame_events');
    await client.execute(dropTable(doomed));
    expect((await serverError(client.query(`SELECT * FROM ${doomed.name}`))).serverCode).toBe(1025);
    expect((await serverError(client.execute(dropTable(doomed)))).serverCode).toBe(1025);
    await client.execute(dropTable(doomed).ifExists());
  });

  it('DROP STAGE removes the stage but not the files of an fs:// stage; again without IF EXISTS is 2501', async () => {
    await writeBatch(batch, join(root, 'doomed'), { format: 'csv' });
    const doomed = createStage('doomed_stage').url(`fs://${root}/doomed/`);
    await client.execute(doomed);
    expect(await client.list(listStage(doomed, 'sessions/'))).toHaveLength(1);
    await client.execute(dropStage(doomed));
    expect((await serverError(client.list(listStage(doomed)))).serverCode).toBe(2501);
    expect((await serverError(client.execute(dropStage(doomed)))).serverCode).toBe(2501);
    await client.execute(dropStage(doomed).ifExists());
    expect(await readdir(join(root, 'doomed/sessions'))).toEqual(['session_2024_08_16.csv']);
  });

  it('DROP CONNECTION removes the connection; again without IF EXISTS is 2510', async () => {
    const doomed = createConnection('doomed_s3').s3({ accessKeyId: 'AKIADOOMED', secretAccessKey: 'doomed/secret' });
    await client.execute(doomed);
    const listed = async () => (await client.query<{ name: string }>('SHOW CONNECTIONS')).map((c) => c.name);
    expect(await listed()).toContain('doomed_s3');
    await client.execute(dropConnection(doomed));
    expect(await listed()).not.toContain('doomed_s3');
    expect((await serverError(client.execute(dropConnection(doomed)))).serverCode).toBe(2510);
    await client.execute(dropConnection(doomed).ifExists());
  });

  it('DROP FILE FORMAT removes the format: reading with it is then 2507, and so is dropping it again', async () => {
    await writeBatch(batch, join(root, 'doomed-format'), { format: 'parquet' });
    const doomed = createFileFormat('doomed_parquet', { type: 'PARQUET' });
    await client.execute(doomed);
    const read = () => client.query(selectFromStage(landStage, 'doomed-format/frame-events/').fileFormat(doomed).typedAs(frameEvents).columns('frame_id'));
    expect(await read()).toHaveLength(batch.frameEvents.length);
    await client.execute(dropFileFormat(doomed));
    expect((await client.query<{ name: string }>('SHOW FILE FORMATS')).map((f) => f.name)).not.toContain('doomed_parquet');
    expect((await serverError(read())).serverCode).toBe(2507);
    expect((await serverError(client.execute(dropFileFormat(doomed)))).serverCode).toBe(2507);
    await client.execute(dropFileFormat(doomed).ifExists());
  });
});
