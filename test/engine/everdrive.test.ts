// The EverDrive lakehouse guide, end to end on the local engine: once through `everdrivePipeline` + `runPipeline`
// (the demo's path), once statement by statement with the SDK's builders. Every value is checked against the
// generated batch: timestamps to the microsecond, nested JSON by path, vectors through cosine_distance.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMicros, generateBatch, writeBatch, type EverDriveBatch, type WrittenFile } from '../../examples/everdrive/batch.js';
import { everdrivePipeline, FOLDERS } from '../../examples/everdrive/pipeline.js';
import { driveSessions, everdriveTables, frameEmbeddings, frameEvents, framePayloads } from '../../examples/everdrive/tables.js';
import {
  copyInto,
  createClient,
  createConnection,
  createStage,
  createTable,
  listStage,
  selectFromStage,
  ServerError,
  sql,
  type AnyTable,
  type CopyFileResult,
  type DatabendClient,
  type StageFile,
} from '../../src/index.js';
import { runPipeline, type StepOutcome } from '../../src/pipeline/run.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';

const SETUP_TIMEOUT_MS = 300_000;
const QUERY_TIMEOUT_MS = 30_000;

type EverDriveTable = (typeof everdriveTables)[number];
type TableName = EverDriveTable['name'];
type Row = Record<string, unknown>;

let engine: TestDatabase;
let client: DatabendClient;
let scratch: string;

beforeAll(async () => {
  engine = await openTestDatabase('everdrive');
  client = createClient({ dsn: engine.dsn });
  scratch = await mkdtemp(join(tmpdir(), 'everdrive-test-'));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

// ---- What the batch says the engine must hold -------------------------------------------------------------------

function generatedRows(batch: EverDriveBatch, name: TableName): readonly Row[] {
  const rows = {
    drive_sessions: batch.sessions,
    frame_events: batch.frameEvents,
    frame_payloads: batch.framePayloads,
    frame_embeddings: batch.frameEmbeddings,
  }[name];
  return rows as unknown as readonly Row[];
}

const kindOf = (target: AnyTable, column: string): string => target.columns[column]!.spec.type.kind;
const keyOf = (target: AnyTable): string => target.columnNames[0]!;
const compareText = (a: unknown, b: unknown) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
const byKey = (key: string) => (a: Row, b: Row) => compareText(a[key], b[key]);

/**
 * The batch's rows of a table as the engine prints them: timestamps as `ts::STRING` (every microsecond), vectors
 * as the Float32 values VECTOR keeps, everything else as generated. Sorted by the table's first column.
 */
function expectedText(batch: EverDriveBatch, target: EverDriveTable): Row[] {
  return generatedRows(batch, target.name)
    .map((row) =>
      Object.fromEntries(
        target.columnNames.map((column) => {
          const value = row[column];
          switch (kindOf(target, column)) {
            case 'TIMESTAMP':
              return [column, formatMicros(value as number)];
            case 'VECTOR':
              return [column, (value as number[]).map(Math.fround)];
            default:
              return [column, value];
          }
        }),
      ),
    )
    .sort(byKey(keyOf(target)));
}

/** The same rows typed as the client decodes them: a TIMESTAMP is a Date, which keeps milliseconds only. */
function expectedTyped(batch: EverDriveBatch, target: EverDriveTable): Row[] {
  return expectedText(batch, target).map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([column, value]) => {
        if (kindOf(target, column) !== 'TIMESTAMP') return [column, value];
        const micros = generatedRows(batch, target.name).find((r) => r[keyOf(target)] === row[keyOf(target)])![column] as number;
        return [column, new Date(Math.floor(micros / 1000))];
      }),
    ),
  );
}

/** Every column of a loaded table, timestamps as text so that microseconds survive, in key order. */
function readBack(reader: DatabendClient, target: EverDriveTable): Promise<Row[]> {
  const columns = target.columnNames.map((c) => (kindOf(target, c) === 'TIMESTAMP' ? `${c}::STRING AS ${c}` : c));
  return reader.query(`SELECT ${columns.join(', ')} FROM ${target.name} ORDER BY ${keyOf(target)}`);
}

function folderOf(target: EverDriveTable): string {
  return FOLDERS[target.name];
}

function writtenIn(files: readonly WrittenFile[], target: EverDriveTable): WrittenFile[] {
  return files.filter((f) => `${f.folder}/` === folderOf(target));
}

/** What LIST must show for these files: the path from the stage root and the size on disk. */
const listed = (files: readonly WrittenFile[]) => files.map((f) => ({ name: f.path, size: f.bytes })).sort((a, b) => (a.name < b.name ? -1 : 1));
const nameAndSize = (files: readonly StageFile[]) => files.map(({ name, size }) => ({ name, size })).sort((a, b) => (a.name < b.name ? -1 : 1));

/** What COPY must report for these files: every row loaded, no error. */
const loadedReport = (files: readonly WrittenFile[]): CopyFileResult[] =>
  files.map((f) => ({ file: f.path, rowsLoaded: f.rows, errorsSeen: 0, firstError: null, firstErrorLine: null })).sort((a, b) => (a.file < b.file ? -1 : 1));
const sortedReport = (report: readonly CopyFileResult[]) => [...report].sort((a, b) => (a.file < b.file ? -1 : 1));

/** The cosine distance computed in JavaScript over the Float32 values the engine stores. */
function cosineDistance(a: readonly number[], b: readonly number[]): number {
  const fa = a.map(Math.fround);
  const fb = b.map(Math.fround);
  const dot = fa.reduce((sum, x, i) => sum + x * fb[i]!, 0);
  const norm = (v: number[]) => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
  return 1 - dot / (norm(fa) * norm(fb));
}

/** SHOW CONNECTIONS prints every parameter masked but for its last three characters, sorted by name. */
function maskedParams(params: Readonly<Record<string, string>>): string {
  return Object.entries(params)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, value]) => `${key}=******${value.slice(-3)}`)
    .join(' ');
}

// ---- The checks both paths share ------------------------------------------------------------------------------

/** The same values as the batch in every column of every table, timestamps to the microsecond. */
async function expectTablesHoldBatch(reader: DatabendClient, batch: EverDriveBatch): Promise<void> {
  for (const target of everdriveTables) {
    expect(await readBack(reader, target), target.name).toEqual(expectedText(batch, target));
  }
}

async function expectNestedJsonReachable(reader: DatabendClient, batch: EverDriveBatch): Promise<void> {
  const rows = await reader.query(sql`
    SELECT frame_id,
           payload:detections[0]:label::STRING AS first_label,
           payload:detections[0]:confidence::DOUBLE AS first_confidence,
           payload:detections[0]:bbox[2]::INT AS first_width,
           payload:detections[1]:label::STRING AS second_label,
           payload:weather:condition::STRING AS condition,
           payload:weather:temperature_c::DOUBLE AS temperature_c,
           payload:speed_kmh::DOUBLE AS speed_kmh
    FROM frame_payloads
    ORDER BY frame_id`);
  const expected = [...batch.framePayloads]
    .sort((a, b) => compareText(a.frame_id, b.frame_id))
    .map(({ frame_id, payload }) => ({
      frame_id,
      first_label: payload.detections[0]?.label ?? null,
      first_confidence: payload.detections[0]?.confidence ?? null,
      first_width: payload.detections[0]?.bbox[2] ?? null,
      second_label: payload.detections[1]?.label ?? null,
      condition: payload.weather.condition,
      temperature_c: payload.weather.temperature_c,
      speed_kmh: payload.speed_kmh,
    }));
  expect(rows).toEqual(expected);
  // The batch has frames with no detection, one, and several: every branch above was taken.
  expect(new Set(expected.map((r) => (r.first_label === null ? 0 : r.second_label === null ? 1 : 2)))).toEqual(new Set([0, 1, 2]));
}

const QUERY_VECTOR = [0.5, -0.25, 0.75, 0.1];

async function expectCosineDistancesMatch(reader: DatabendClient, batch: EverDriveBatch): Promise<void> {
  const rows = await reader.query<{ frame_id: string; distance: number }>(
    sql`SELECT frame_id, cosine_distance(embedding, ${QUERY_VECTOR}::VECTOR(4)) AS distance FROM frame_embeddings ORDER BY frame_id`,
  );
  const expected = [...batch.frameEmbeddings].sort((a, b) => compareText(a.frame_id, b.frame_id));
  expect(rows.map((r) => r.frame_id)).toEqual(expected.map((e) => e.frame_id));
  rows.forEach((row, i) => expect(row.distance, row.frame_id).toBeCloseTo(cosineDistance(expected[i]!.embedding, QUERY_VECTOR), 5));

  // A nearest-neighbour query ranks the frames as JavaScript does (the 5th and 6th differ by far more than Float32 error).
  const ranked = expected.map((e) => ({ id: e.frame_id, d: cosineDistance(e.embedding, QUERY_VECTOR) })).sort((a, b) => a.d - b.d);
  expect(ranked[5]!.d - ranked[4]!.d).toBeGreaterThan(1e-4);
  const nearest = await reader.query<{ frame_id: string }>(
    sql`SELECT frame_id FROM frame_embeddings ORDER BY cosine_distance(embedding, ${QUERY_VECTOR}::VECTOR(4)) LIMIT 5`,
  );
  expect(nearest.map((r) => r.frame_id)).toEqual(ranked.slice(0, 5).map((r) => r.id));
}

// ---- The guide as the demo runs it ----------------------------------------------------------------------------

describe('the EverDrive pipeline through runPipeline', { timeout: QUERY_TIMEOUT_MS }, () => {
  // One file per folder: the guide previews `sessions/session_2024_08_16.parquet` by name.
  const batch = generateBatch({ seed: 42, sessions: 8, framesPerSession: 30 });
  const credentials = { accessKeyId: 'AKIAEVERDRIVEPIPE42', secretAccessKey: 'pipeline/Secret+Key/42' };
  let files: WrittenFile[];
  let outcomes: StepOutcome[];
  const reported: number[] = [];
  let everdrive: ReturnType<typeof everdrivePipeline>;

  beforeAll(async () => {
    const dir = join(scratch, 'pipeline');
    files = await writeBatch(batch, dir, { format: 'parquet' });
    everdrive = everdrivePipeline({ stageUrl: `fs://${dir}/`, batchDate: batch.date, ...credentials });
    outcomes = await runPipeline(client, everdrive, { onStep: (_, index) => reported.push(index) });
  }, QUERY_TIMEOUT_MS);

  const outcome = <K extends StepOutcome['status']>(title: string, status: K) => {
    const found = outcomes.find((o) => o.step.title === title);
    expect(found?.status, title).toBe(status);
    return found as Extract<StepOutcome, { status: K }>;
  };
  const result = <K extends 'copy' | 'list' | 'rows'>(title: string, kind: K) => {
    const { result: r } = outcome(title, 'done');
    expect(r.kind, title).toBe(kind);
    return r as Extract<typeof r, { kind: K }>;
  };

  it('runs all 27 steps in order: the SQL steps done, the first stream and task step refused, the rest of them skipped', () => {
    expect(everdrive.steps).toHaveLength(27);
    expect(reported).toEqual(everdrive.steps.map((_, i) => i));
    const seen = new Set<string>();
    const expected = everdrive.steps.map((step) => {
      if (step.requires === undefined) return [step.title, 'done'];
      const first = !seen.has(step.requires);
      seen.add(step.requires);
      return [step.title, first ? 'refused' : 'skipped'];
    });
    expect(outcomes.map((o) => [o.step.title, o.status])).toEqual(expected);
    expect(outcomes.filter((o) => o.status === 'done')).toHaveLength(16);
  });

  it('reports the refusals with the licence (1402) and cloud (1702) codes', () => {
    const refusals = outcomes.filter((o): o is Extract<StepOutcome, { status: 'refused' }> => o.status === 'refused');
    expect(refusals.map((o) => [o.step.title, o.error.serverCode])).toEqual([
      ['create stream frame_events_stream', 1402],
      ['create task task_load_sessions', 1702],
    ]);
    for (const refusal of refusals) expect(refusal.error).toBeInstanceOf(ServerError);
    expect(refusals[0]!.error.serverMessage).toBe('Need Commercial License');
    expect(refusals[1]!.error.serverMessage).toMatch(/^cannot create task without cloud control enabled/);
  });

  it('created the four tables and stored the S3 connection without contacting S3', async () => {
    const tables = await client.query<{ name: string }>(`SELECT name FROM system.tables WHERE database = '${engine.database}' ORDER BY name`);
    expect(tables.map((t) => t.name)).toEqual(everdriveTables.map((t) => t.name).sort());
    const connections = await client.query('SHOW CONNECTIONS');
    expect(connections).toEqual([
      {
        name: 'everdrive_s3',
        storage_type: 's3',
        storage_params: maskedParams({ access_key_id: credentials.accessKeyId, secret_access_key: credentials.secretAccessKey }),
      },
    ]);
  });

  it('lists exactly the generated files, by name and size', () => {
    for (const target of everdriveTables) {
      expect(nameAndSize(result(`list ${folderOf(target)}`, 'list').files), target.name).toEqual(listed(writtenIn(files, target)));
    }
  });

  it('previews rows of the batch from the named files', () => {
    for (const [title, target] of [
      ['preview sessions', driveSessions],
      ['preview frame events', frameEvents],
    ] as const) {
      const { rows } = result(title, 'rows');
      const all = expectedTyped(batch, target);
      expect(rows).toHaveLength(Math.min(5, all.length));
      expect(new Set(rows.map((r) => r[keyOf(target)])).size).toBe(rows.length);
      for (const row of rows) expect(row).toEqual(all.find((r) => r[keyOf(target)] === row[keyOf(target)]));
    }
  });

  it('loads every generated row, one report line per file', () => {
    for (const target of everdriveTables) {
      expect(sortedReport(result(`load ${target.name}`, 'copy').files), target.name).toEqual(loadedReport(writtenIn(files, target)));
    }
  });

  it('reads back the same values as the batch in every column, timestamps to the microsecond', async () => {
    await expectTablesHoldBatch(client, batch);
  });

  it('reaches the nested JSON with payload:path', async () => {
    await expectNestedJsonReachable(client, batch);
  });

  it('ranks embeddings with cosine_distance as JavaScript computes it', async () => {
    await expectCosineDistancesMatch(client, batch);
  });
});

// ---- The guide statement by statement ---------------------------------------------------------------------------

describe('the guide statement by statement', { timeout: QUERY_TIMEOUT_MS }, () => {
  // Several files per folder, so each COPY reports several files; its own database and stage beside the pipeline's.
  const batch = generateBatch({ seed: 7, sessions: 8, framesPerSession: 20 });
  const database = 'everdrive_steps';
  const s3 = {
    accessKeyId: 'AKIAEVERDRIVESTEPS1',
    secretAccessKey: 'steps/Secret+Key/0007',
    region: 'eu-central-1',
    endpointUrl: 'https://s3.eu-central-1.amazonaws.com',
  };
  const connection = createConnection('everdrive_steps_s3').s3(s3);
  let steps: DatabendClient;
  let dir: string;
  let files: WrittenFile[];
  let stage: ReturnType<typeof localStage>;

  const localStage = (url: string) => createStage('everdrive_steps_stage').url(url).fileFormat({ type: 'PARQUET' });

  beforeAll(async () => {
    dir = join(scratch, 'steps');
    files = await writeBatch(batch, dir, { format: 'parquet', filesPerFolder: 3 });
    stage = localStage(`fs://${dir}/`);
    await client.execute(`CREATE DATABASE ${database}`);
    steps = createClient({ dsn: engine.dsnFor(database) });
  });

  afterAll(async () => {
    await steps?.close();
  });

  it('CREATE TABLE creates the four tables with their declared columns', async () => {
    const engineType: Record<string, string> = { STRING: 'VARCHAR', INT: 'INT', DOUBLE: 'DOUBLE', TIMESTAMP: 'TIMESTAMP', VARIANT: 'VARIANT' };
    for (const target of everdriveTables as readonly AnyTable[]) {
      await steps.execute(createTable(target));
      const described = await steps.query(`DESC ${target.name}`);
      expect(described.map((c) => [c.Field, c.Type, c.Null])).toEqual(
        target.columnNames.map((column) => {
          const { type, nullable } = target.columns[column]!.spec;
          return [column, type.kind === 'VECTOR' ? `VECTOR(${type.dimension})` : engineType[type.kind], nullable ? 'YES' : 'NO'];
        }),
      );
    }
    // CLUSTER BY and COMMENT reached the engine too.
    const [events] = await steps.query<{ cluster_by: string; comment: string }>(
      `SELECT cluster_by, comment FROM system.tables WHERE database = '${database}' AND name = 'frame_events'`,
    );
    expect(events).toEqual({ cluster_by: '(session_id, captured_at)', comment: 'one row per captured frame' });
  });

  it('CREATE CONNECTION stores the S3 parameters; a stage on the bucket is created without contacting S3', async () => {
    await steps.execute(connection);
    const stored = (await steps.query('SHOW CONNECTIONS')).find((c) => c.name === connection.name);
    expect(stored).toEqual({
      name: 'everdrive_steps_s3',
      storage_type: 's3',
      storage_params: maskedParams({
        access_key_id: s3.accessKeyId,
        endpoint_url: s3.endpointUrl,
        region: s3.region,
        secret_access_key: s3.secretAccessKey,
      }),
    });

    const onS3 = createStage('everdrive_steps_s3_stage').url('s3://everdrive-lakehouse/raw/').connection(connection).fileFormat({ type: 'PARQUET' });
    await steps.execute(onS3);
    const [described] = await steps.query(`DESC STAGE ${onS3.name}`);
    expect(described).toMatchObject({
      stage_type: 'External',
      storage_type: 's3',
      url: 's3://everdrive-lakehouse/raw/',
      has_credentials: true,
      storage_params: {
        type: 'S3',
        bucket: 'everdrive-lakehouse',
        root: '/raw/',
        region: s3.region,
        endpoint_url: s3.endpointUrl,
        access_key_id: `******${s3.accessKeyId.slice(-3)}`,
        secret_access_key: `******${s3.secretAccessKey.slice(-3)}`,
      },
      file_format_options: { type: 'Parquet' },
    });
  });

  it('CREATE STAGE points at the batch folder with the Parquet format', async () => {
    await steps.execute(stage);
    const [described] = await steps.query(`DESC STAGE ${stage.name}`);
    expect(described).toMatchObject({
      stage_type: 'External',
      storage_type: 'fs',
      url: `fs://${dir}/`,
      storage_params: { type: 'Fs', root: `${dir}/` },
      file_format_options: { type: 'Parquet' },
    });
  });

  it('LIST shows exactly the generated files, per folder and for the whole stage', async () => {
    for (const target of everdriveTables) {
      expect(nameAndSize(await steps.list(listStage(stage, folderOf(target)))), target.name).toEqual(listed(writtenIn(files, target)));
    }
    expect(nameAndSize(await steps.list(listStage(stage)))).toEqual(listed(files));
    expect(files).toHaveLength(4 * 3);
  });

  it("the guide's SELECT * preview of one file returns rows of the batch", async () => {
    const [first] = writtenIn(files, driveSessions);
    const rows = await steps.query(selectFromStage(stage, first!.path).limit(5));
    const all = expectedTyped(batch, driveSessions);
    expect(rows).toHaveLength(Math.min(5, first!.rows));
    for (const row of rows) expect(row).toEqual(all.find((r) => r.session_id === row.session_id));
  });

  it('a preview typed by each table returns the rows of its folder, validated by the table schema', async () => {
    const sessions = await steps.query(selectFromStage(stage, folderOf(driveSessions)).typedAs(driveSessions), { table: driveSessions, validate: true });
    expect([...sessions].sort(byKey('session_id'))).toEqual(expectedTyped(batch, driveSessions));

    const events = await steps.query(selectFromStage(stage, folderOf(frameEvents)).typedAs(frameEvents), { table: frameEvents, validate: true });
    expect([...events].sort(byKey('frame_id'))).toEqual(expectedTyped(batch, frameEvents));

    const embeddings = await steps.query(selectFromStage(stage, folderOf(frameEmbeddings)).typedAs(frameEmbeddings), {
      table: frameEmbeddings,
      validate: true,
    });
    expect([...embeddings].sort(byKey('frame_id'))).toEqual(expectedTyped(batch, frameEmbeddings));

    // The Parquet column holds JSON text; typedAs casts it to the VARIANT the table declares, so it comes back as JSON.
    const payloads = await steps.query(selectFromStage(stage, folderOf(framePayloads)).typedAs(framePayloads), { table: framePayloads, validate: true });
    expect([...payloads].sort(byKey('frame_id'))).toEqual(expectedTyped(batch, framePayloads));
  });

  it('a typed preview narrows with columns(), WHERE and FILES', async () => {
    const part = writtenIn(files, frameEvents)[1]!;
    const preview = selectFromStage(stage, folderOf(frameEvents))
      .typedAs(frameEvents)
      .columns('frame_id', 'risk_score')
      .files([part.path.slice(folderOf(frameEvents).length)])
      .where(sql`risk_score > ${0.5}`);
    const rows = await steps.query(preview);
    const inPart = new Set(
      (await steps.query<{ frame_id: string }>(selectFromStage(stage, part.path).typedAs(frameEvents).columns('frame_id'))).map((r) => r.frame_id),
    );
    expect(inPart.size).toBe(part.rows);
    const expected = batch.frameEvents
      .filter((e) => inPart.has(e.frame_id) && e.risk_score > 0.5)
      .map(({ frame_id, risk_score }) => ({ frame_id, risk_score }))
      .sort(byKey('frame_id'));
    expect(expected.length).toBeGreaterThan(0);
    expect([...rows].sort(byKey('frame_id'))).toEqual(expected);
  });

  it('the four COPY INTO load exactly the generated rows and report each file', async () => {
    for (const target of everdriveTables) {
      const report = await steps.copy(copyInto(target).fromStage(stage, folderOf(target)).fileFormat({ type: 'PARQUET' }));
      expect(sortedReport(report), target.name).toEqual(loadedReport(writtenIn(files, target)));
    }
  });

  it('reads back the same values as the batch in every column, timestamps to the microsecond', async () => {
    await expectTablesHoldBatch(steps, batch);
    for (const target of everdriveTables) {
      const rows = await steps.query(`SELECT * FROM ${target.name} ORDER BY ${keyOf(target)}`, { table: target, validate: true });
      expect(rows, target.name).toEqual(expectedTyped(batch, target));
    }
  });

  it('reaches the nested JSON with payload:path', async () => {
    const [kind] = await steps.query('SELECT DISTINCT typeof(payload) AS kind FROM frame_payloads');
    expect(kind).toEqual({ kind: 'OBJECT' });
    await expectNestedJsonReachable(steps, batch);
  });

  it('ranks embeddings with cosine_distance as JavaScript computes it', async () => {
    await expectCosineDistancesMatch(steps, batch);
  });
});
