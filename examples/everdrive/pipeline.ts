import {
  alterTask,
  copyInto,
  createConnection,
  createStage,
  createStream,
  createTable,
  createTask,
  listStage,
  pipeline,
  secret,
  selectFromStage,
  selectFromStream,
  type AnyTable,
  type Pipeline,
  type PipelineStep,
} from '../../src/index.js';
import { driveSessions, everdriveTables, frameEmbeddings, frameEvents, framePayloads } from './tables.js';

/**
 * The EverDrive lakehouse load of the seed guide as one pipeline:
 * CREATE TABLE x4 -> CONNECTION -> STAGE -> LIST x4 -> 2 previews -> COPY INTO x4 -> STREAM and its consumption ->
 * a load TASK per table with ALTER TASK ... RESUME.
 */
export interface EverDriveConfig {
  /** The export's root. The guide's bucket by default; the demo points it at a local `fs://` folder. */
  readonly stageUrl: string;
  /** S3 credentials; the guide's placeholders when absent, so the plan prints the guide's SQL. */
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** The day of the batch, as in the preview file names (`session_2024_08_16.parquet`). */
  readonly batchDate: string;
  /** Warehouse of the load tasks. */
  readonly warehouse: string;
}

export const GUIDE_CONFIG: EverDriveConfig = {
  stageUrl: 's3://everdrive-lakehouse/raw/',
  accessKeyId: '<AWS_ACCESS_KEY_ID>',
  secretAccessKey: '<AWS_SECRET_ACCESS_KEY>',
  batchDate: '2024-08-16',
  warehouse: 'default',
};

/** The configuration from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, EVERDRIVE_STAGE_URL, ...). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): EverDriveConfig {
  return {
    stageUrl: env.EVERDRIVE_STAGE_URL ?? GUIDE_CONFIG.stageUrl,
    accessKeyId: env.AWS_ACCESS_KEY_ID ?? GUIDE_CONFIG.accessKeyId,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? GUIDE_CONFIG.secretAccessKey,
    batchDate: env.EVERDRIVE_BATCH_DATE ?? GUIDE_CONFIG.batchDate,
    warehouse: env.EVERDRIVE_WAREHOUSE ?? GUIDE_CONFIG.warehouse,
  };
}

/** Each table's folder under the stage, as the export writes them. */
export const FOLDERS = {
  drive_sessions: 'sessions/',
  frame_events: 'frame-events/',
  frame_payloads: 'payloads/',
  frame_embeddings: 'embeddings/',
} as const;

/** The load task of each table, named as in the guide. */
export const TASK_NAMES = {
  drive_sessions: 'task_load_sessions',
  frame_events: 'task_load_frame_events',
  frame_payloads: 'task_load_payloads',
  frame_embeddings: 'task_load_embeddings',
} as const;

type EverDriveTable = (typeof everdriveTables)[number];

export function everdrivePipeline(overrides: Partial<EverDriveConfig> = {}): Pipeline {
  const config = { ...GUIDE_CONFIG, ...overrides };
  const day = config.batchDate.replaceAll('-', '_');

  const connection = createConnection('everdrive_s3')
    .orReplace()
    .s3({ accessKeyId: config.accessKeyId, secretAccessKey: secret(config.secretAccessKey) });
  const stageOnUrl = createStage('drive_stage').orReplace().url(config.stageUrl);
  // A local fs:// stage (the demo's) needs no connection; the connection is still created, as the guide does.
  const driveStage = (config.stageUrl.startsWith('fs://') ? stageOnUrl : stageOnUrl.connection(connection.name)).fileFormat({ type: 'PARQUET' });

  const load = (target: EverDriveTable) => copyInto(target).fromStage(driveStage, FOLDERS[target.name]).fileFormat({ type: 'PARQUET' });
  const stream = createStream('frame_events_stream').onTable(frameEvents).orReplace();

  const loadTask = (target: EverDriveTable): PipelineStep[] => [
    {
      title: `create task ${TASK_NAMES[target.name]}`,
      statement: createTask(TASK_NAMES[target.name]).orReplace().warehouse(config.warehouse).schedule({ minutes: 5 }).as(load(target)),
      requires: 'cloud-control',
    },
    { title: `resume task ${TASK_NAMES[target.name]}`, statement: alterTask(TASK_NAMES[target.name]).resume(), requires: 'cloud-control' },
  ];

  return pipeline('everdrive', [
    ...everdriveTables.map((target: AnyTable) => ({ title: `create table ${target.name}`, statement: createTable(target).ifNotExists() })),
    { title: 'create connection everdrive_s3', statement: connection },
    { title: 'create stage drive_stage', statement: driveStage },
    ...everdriveTables.map((target) => ({ title: `list ${FOLDERS[target.name]}`, statement: listStage(driveStage, FOLDERS[target.name]) })),
    {
      title: 'preview sessions',
      statement: selectFromStage(driveStage, `sessions/session_${day}.parquet`).limit(5),
    },
    {
      title: 'preview frame events',
      statement: selectFromStage(driveStage, `frame-events/frame_events_${day}.parquet`).limit(5),
    },
    ...everdriveTables.map((target) => ({ title: `load ${target.name}`, statement: load(target) })),
    { title: 'create stream frame_events_stream', statement: stream, requires: 'enterprise-license' as const },
    { title: 'read new frame events', statement: selectFromStream(stream), requires: 'enterprise-license' as const },
    // The guide's `CONSUME STREAM frame_events_stream;` is not Databend SQL: reading WITH CONSUME advances the offset.
    { title: 'consume frame_events_stream', statement: selectFromStream(stream).consume(), requires: 'enterprise-license' as const },
    ...loadTask(driveSessions),
    ...loadTask(frameEvents),
    ...loadTask(framePayloads),
    ...loadTask(frameEmbeddings),
  ]);
}

/** `databend-etl apply examples/everdrive/pipeline.ts --dsn ...` runs this: the guide's load with the environment's config. */
export default everdrivePipeline(configFromEnv());
