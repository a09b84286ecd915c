// The floor: the SQL the SDK renders, written by hand as template strings over plain data (no validation, no
// statement data, no escaping beyond what these fixed names need). Checked byte for byte against the SDK first.

import { GUIDE_CONFIG, type EverDriveConfig } from '../examples/everdrive/pipeline.js';

export interface PlainColumn {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
  readonly comment?: string;
}

export interface PlainTable {
  readonly name: string;
  readonly columns: readonly PlainColumn[];
  readonly clusterBy?: readonly string[];
  readonly comment?: string;
}

export function templateCreateTable(t: PlainTable): string {
  const columns = t.columns.map((c) => `  ${c.name} ${c.type} ${c.nullable ? 'NULL' : 'NOT NULL'}${c.comment ? ` COMMENT '${c.comment}'` : ''}`).join(',\n');
  let text = `CREATE TABLE IF NOT EXISTS ${t.name} (\n${columns}\n)`;
  if (t.clusterBy) text += `\nCLUSTER BY (${t.clusterBy.join(', ')})`;
  if (t.comment) text += `\nCOMMENT = '${t.comment}'`;
  return text;
}

export function templateSelect(t: PlainTable): string {
  const items = t.columns.map((c, i) => `${i === 0 ? 'SELECT ' : '       '}${c.name}::${c.type} AS ${c.name}`).join(',\n');
  return `${items}\nFROM @s/${t.name}/`;
}

const cast = (c: PlainColumn) => (c.type === 'VARIANT' ? c.name : `${c.name}::${c.type}`);

function templateCopy(t: PlainTable, folder: string, indent = ''): string {
  const names = t.columns.map((c) => c.name).join(', ');
  const select = t.columns.map((c, i) => `${i === 0 ? `${indent}  SELECT ` : `${indent}         `}${cast(c)}`).join(',\n');
  return `${indent}COPY INTO ${t.name} (${names})\n${indent}FROM (\n${select}\n${indent}  FROM @drive_stage/${folder}\n${indent})\n${indent}FILE_FORMAT = (TYPE = 'PARQUET')`;
}

const col = (name: string, type: string, nullable = true, comment?: string): PlainColumn => ({ name, type, nullable, comment });

/** The four EverDrive tables of examples/everdrive/tables.ts as plain data, with their folders and task names. */
export const EVERDRIVE: readonly (PlainTable & { folder: string; task: string })[] = [
  {
    name: 'drive_sessions',
    folder: 'sessions/',
    task: 'task_load_sessions',
    comment: 'EverDrive road-test sessions',
    columns: [
      col('session_id', 'STRING', false, 'one road-test session'),
      col('vehicle_id', 'STRING'),
      col('route_name', 'STRING'),
      col('start_time', 'TIMESTAMP'),
      col('end_time', 'TIMESTAMP'),
      col('weather', 'STRING'),
      col('camera_setup', 'STRING'),
    ],
  },
  {
    name: 'frame_events',
    folder: 'frame-events/',
    task: 'task_load_frame_events',
    clusterBy: ['session_id', 'captured_at'],
    comment: 'one row per captured frame',
    columns: [
      col('frame_id', 'STRING', false),
      col('session_id', 'STRING'),
      col('frame_index', 'INT'),
      col('captured_at', 'TIMESTAMP'),
      col('event_type', 'STRING'),
      col('risk_score', 'DOUBLE'),
    ],
  },
  {
    name: 'frame_payloads',
    folder: 'payloads/',
    task: 'task_load_payloads',
    comment: 'detection payloads',
    columns: [
      col('frame_id', 'STRING', false),
      col('run_stage', 'STRING'),
      col('payload', 'VARIANT', true, 'detections as nested JSON'),
      col('logged_at', 'TIMESTAMP'),
    ],
  },
  {
    name: 'frame_embeddings',
    folder: 'embeddings/',
    task: 'task_load_embeddings',
    comment: 'frame embeddings for similarity search',
    columns: [
      col('frame_id', 'STRING', false),
      col('session_id', 'STRING'),
      col('embedding', 'VECTOR(4)'),
      col('model_version', 'STRING'),
      col('created_at', 'TIMESTAMP'),
    ],
  },
];

/**
 * The EverDrive plan of `renderPlan(everdrivePipeline(config), { revealSecrets: true })`, by hand. The values the
 * pipeline takes from its configuration (the keys, the stage URL, the batch date, the warehouse) come from the same
 * configuration here, interpolated as they are (no escaping), as a generator written with template strings takes them.
 * It renders the SDK's SQL for an s3 stage and values that need no escaping (the benchmark's configurations): the
 * pipeline's `fs://` form (a stage without the connection) and the escaping of a quote are not written here.
 */
export function templatePlan(overrides: Partial<EverDriveConfig> = {}): string {
  const config = { ...GUIDE_CONFIG, ...overrides };
  const day = config.batchDate.replaceAll('-', '_');
  return assemblePlan(
    `CREATE OR REPLACE CONNECTION everdrive_s3\n  STORAGE_TYPE = 's3'\n  ACCESS_KEY_ID = '${config.accessKeyId}'\n  SECRET_ACCESS_KEY = '${config.secretAccessKey}'`,
    `CREATE OR REPLACE STAGE drive_stage\n  URL = '${config.stageUrl}'\n  CONNECTION = (CONNECTION_NAME = 'everdrive_s3')\n  FILE_FORMAT = (TYPE = 'PARQUET')`,
    `SELECT *\nFROM @drive_stage/sessions/session_${day}.parquet\nLIMIT 5`,
    `SELECT *\nFROM @drive_stage/frame-events/frame_events_${day}.parquet\nLIMIT 5`,
    config.warehouse,
  );
}

/**
 * The same plan with the guide's values written into the strings: the baseline of the statement benchmarks until
 * 2026-12-05, kept as a second figure. It reads no configuration, where the SDK's pipeline reads one.
 */
export function literalTemplatePlan(): string {
  return assemblePlan(
    `CREATE OR REPLACE CONNECTION everdrive_s3\n  STORAGE_TYPE = 's3'\n  ACCESS_KEY_ID = '<AWS_ACCESS_KEY_ID>'\n  SECRET_ACCESS_KEY = '<AWS_SECRET_ACCESS_KEY>'`,
    `CREATE OR REPLACE STAGE drive_stage\n  URL = 's3://everdrive-lakehouse/raw/'\n  CONNECTION = (CONNECTION_NAME = 'everdrive_s3')\n  FILE_FORMAT = (TYPE = 'PARQUET')`,
    `SELECT *\nFROM @drive_stage/sessions/session_2024_08_16.parquet\nLIMIT 5`,
    `SELECT *\nFROM @drive_stage/frame-events/frame_events_2024_08_16.parquet\nLIMIT 5`,
    'default',
  );
}

/** The plan around the statements that read the configuration, which each baseline above writes its own way. */
function assemblePlan(connection: string, stage: string, sessionsPreview: string, eventsPreview: string, warehouse: string): string {
  const s: string[] = EVERDRIVE.map(templateCreateTable);
  s.push(connection, stage);
  for (const t of EVERDRIVE) s.push(`LIST @drive_stage/${t.folder}`);
  s.push(sessionsPreview, eventsPreview);
  for (const t of EVERDRIVE) s.push(templateCopy(t, t.folder));
  s.push(
    'CREATE OR REPLACE STREAM frame_events_stream ON TABLE frame_events',
    'SELECT * FROM frame_events_stream',
    'SELECT * FROM frame_events_stream WITH CONSUME',
  );
  for (const t of EVERDRIVE) {
    s.push(`CREATE OR REPLACE TASK ${t.task}\n  WAREHOUSE = '${warehouse}'\n  SCHEDULE = 5 MINUTE\nAS\n${templateCopy(t, t.folder, '  ')}`);
    s.push(`ALTER TASK ${t.task} RESUME`);
  }
  return `${s.map((x) => `${x};`).join('\n\n')}\n`;
}
