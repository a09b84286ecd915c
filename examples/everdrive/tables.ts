import { double, int, string, table, timestamp, variant, vector } from '../../src/index.js';

/**
 * The four tables of the EverDrive lakehouse guide. The guide gives only the COPY projections; the column types
 * here are the ones those projections cast to, so `copyInto(...)` derives exactly the guide's SQL.
 */

export const driveSessions = table(
  'drive_sessions',
  {
    session_id: string().notNull().comment('one road-test session'),
    vehicle_id: string(),
    route_name: string(),
    start_time: timestamp(),
    end_time: timestamp(),
    weather: string(),
    camera_setup: string(),
  },
  { comment: 'EverDrive road-test sessions' },
);

export const frameEvents = table(
  'frame_events',
  {
    frame_id: string().notNull(),
    session_id: string(),
    frame_index: int(),
    captured_at: timestamp(),
    event_type: string(),
    risk_score: double(),
  },
  { clusterBy: ['session_id', 'captured_at'], comment: 'one row per captured frame' },
);

export const framePayloads = table(
  'frame_payloads',
  {
    frame_id: string().notNull(),
    run_stage: string(),
    payload: variant().comment('detections as nested JSON'),
    logged_at: timestamp(),
  },
  { comment: 'detection payloads' },
);

export const EMBEDDING_DIMENSION = 4;

export const frameEmbeddings = table(
  'frame_embeddings',
  {
    frame_id: string().notNull(),
    session_id: string(),
    embedding: vector(EMBEDDING_DIMENSION),
    model_version: string(),
    created_at: timestamp(),
  },
  { comment: 'frame embeddings for similarity search' },
);

export const everdriveTables = [driveSessions, frameEvents, framePayloads, frameEmbeddings] as const;
