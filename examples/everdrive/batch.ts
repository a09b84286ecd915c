import { check, checkInteger } from '../../src/checks.js';
import type { Micros } from './micros.js';

export { writeBatch } from './batch-writers.js';
export type { BatchFormat, WriteBatchOptions, WrittenFile } from './batch-writers.js';
export { formatMicros, type Micros } from './micros.js';

export interface DriveSession {
  readonly session_id: string;
  readonly vehicle_id: string;
  readonly route_name: string;
  readonly start_time: Micros;
  readonly end_time: Micros;
  readonly weather: string;
  readonly camera_setup: string;
}

export interface FrameEvent {
  readonly frame_id: string;
  readonly session_id: string;
  readonly frame_index: number;
  readonly captured_at: Micros;
  readonly event_type: EventType;
  readonly risk_score: number;
}

export interface Detection {
  readonly label: string;
  readonly confidence: number;
  /** x, y, width, height in pixels of a 1920x1080 frame. */
  readonly bbox: readonly [number, number, number, number];
}

export interface WeatherReading {
  readonly condition: string;
  readonly temperature_c: number;
  readonly visibility_m: number;
}

export interface Payload {
  readonly detections: readonly Detection[];
  readonly weather: WeatherReading;
  readonly speed_kmh: number;
}

export interface FramePayload {
  readonly frame_id: string;
  readonly run_stage: string;
  readonly payload: Payload;
  readonly logged_at: Micros;
}

export interface FrameEmbedding {
  readonly frame_id: string;
  readonly session_id: string;
  /** Four values with four decimals, so they survive VECTOR's Float32 and print back as written. */
  readonly embedding: readonly [number, number, number, number];
  readonly model_version: string;
  readonly created_at: Micros;
}

/** One exported road-test batch: the rows of its four files. Every frame has one event, payload and embedding. */
export interface EverDriveBatch {
  readonly seed: number;
  /** The day the sessions start, `YYYY-MM-DD`; it also names the files. */
  readonly date: string;
  readonly sessions: readonly DriveSession[];
  readonly frameEvents: readonly FrameEvent[];
  readonly framePayloads: readonly FramePayload[];
  readonly frameEmbeddings: readonly FrameEmbedding[];
}

export interface GenerateBatchOptions {
  /** Any unsigned 32-bit integer; the same seed and sizes always give the same rows. */
  readonly seed: number;
  readonly sessions: number;
  readonly framesPerSession: number;
  /** Default `2024-08-16`, the guide's batch. */
  readonly date?: string;
}

export const EVENT_TYPES = ['cruise', 'lane_change', 'hard_brake', 'pedestrian', 'cyclist'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Relative frequency and risk range of each event; the common case is calm driving. */
const EVENTS: Readonly<Record<EventType, { weight: number; risk: readonly [number, number]; label: string }>> = {
  cruise: { weight: 60, risk: [0, 0.3], label: 'vehicle' },
  lane_change: { weight: 18, risk: [0.2, 0.6], label: 'vehicle' },
  hard_brake: { weight: 10, risk: [0.6, 0.97], label: 'vehicle' },
  pedestrian: { weight: 8, risk: [0.5, 1], label: 'pedestrian' },
  cyclist: { weight: 4, risk: [0.4, 0.9], label: 'cyclist' },
};

// Some names carry a comma, quotes, a newline, a backslash or non-ASCII text on purpose, and sessions take them in
// turn: any batch of eight sessions exercises each format's escaping on the real engine, not only in unit tests.
const ROUTES = [
  'Harbor Loop',
  'Embarcadero, northbound',
  'I-280 "Junipero Serra" Fwy',
  "O'Farrell St \\ Market St",
  'Mission St\nconstruction detour',
  'Straße 17 → München',
  '环城高速 (Ring Rd)',
  'Airport Connector',
] as const;
const CAMERA_SETUPS = ['front_wide', 'front_wide+rear', 'surround_6x, lidar_1x', 'stereo "beta" rig'] as const;
const WEATHER = ['clear', 'overcast', 'rain', 'fog', 'snow'] as const;
const RUN_STAGES = ['perception', 'tracking', 'review'] as const;
const MODEL_VERSIONS = ['evd-embed-v1.2', 'evd-embed-v2.0'] as const;
const DETECTION_LABELS = ['vehicle', 'truck', 'pedestrian', 'cyclist', 'traffic_light', 'traffic_sign'] as const;
const FLEET_SIZE = 24;

const SECOND = 1_000_000;
const HOUR = 3600 * SECOND;
/** Exports sample 5 frames a second; each capture lands somewhere in the first quarter of its slot. */
const FRAME_INTERVAL = SECOND / 5;

/**
 * Generates one batch, the same for the same options. Each session draws from its own random stream seeded by
 * `(seed, session index)`, so a batch with more sessions starts with the sessions of a smaller one.
 *
 * @example
 * const batch = generateBatch({ seed: 42, sessions: 4, framesPerSession: 250 });
 * batch.frameEvents.length; // 1000
 */
export function generateBatch(options: GenerateBatchOptions): EverDriveBatch {
  const { seed, sessions: sessionCount, framesPerSession, date = '2024-08-16' } = options;
  const call = 'generateBatch()';
  checkInteger(seed, 0, 0xffff_ffff, call, 'seed must be an integer in [0, 2^32)', 'seed');
  checkInteger(sessionCount, 1, Number.MAX_SAFE_INTEGER, call, 'sessions must be a positive integer', 'sessions');
  checkInteger(framesPerSession, 1, Number.MAX_SAFE_INTEGER, call, 'framesPerSession must be a positive integer', 'framesPerSession');
  // V8 parses 2024-02-30 as March 1st; printing the day back catches such dates.
  const dayStartMs = Date.parse(`${date}T00:00:00Z`);
  const isDay = /^\d{4}-\d{2}-\d{2}$/.test(date) && Number.isFinite(dayStartMs) && new Date(dayStartMs).toISOString().startsWith(date);
  check(isDay, 'invalid_format', call, `date must be a day as YYYY-MM-DD, got '${date}'`, 'date');
  const dayStart = dayStartMs * 1000;

  const sessions: DriveSession[] = [];
  const frameEvents: FrameEvent[] = [];
  const framePayloads: FramePayload[] = [];
  const frameEmbeddings: FrameEmbedding[] = [];
  for (let s = 0; s < sessionCount; s++) {
    const rand = random(mulberry32(hash2(seed, s)));
    const sessionId = `sess_${date.replaceAll('-', '')}_${pad(s + 1, 4)}_${rand.int(0, 0xffffff).toString(16).padStart(6, '0')}`;
    const vehicleId = `EVD-${pad(rand.int(1, FLEET_SIZE), 3)}`;
    const route = ROUTES[(s + seed) % ROUTES.length] as string;
    const camera = rand.pick(CAMERA_SETUPS);
    // One reading per session, shared by all its payloads: it saves an object per frame in million-frame batches.
    const weather: WeatherReading = { condition: rand.pick(WEATHER), temperature_c: rand.round(-5, 35, 1), visibility_m: rand.int(50, 10_000) };
    const modelVersion = rand.pick(MODEL_VERSIONS);
    const start = dayStart + 6 * HOUR + rand.int(0, 14 * HOUR);

    let capturedAt = start;
    for (let f = 0; f < framesPerSession; f++) {
      const frameId = `${sessionId}_f${pad(f, 6)}`;
      capturedAt = start + f * FRAME_INTERVAL + rand.int(0, FRAME_INTERVAL / 4);
      const eventType = pickEvent(rand);
      const event = EVENTS[eventType];
      frameEvents.push({
        frame_id: frameId,
        session_id: sessionId,
        frame_index: f,
        captured_at: capturedAt,
        event_type: eventType,
        risk_score: rand.round(event.risk[0], event.risk[1], 4),
      });
      const loggedAt = capturedAt + rand.int(5_000, 250_000);
      framePayloads.push({
        frame_id: frameId,
        run_stage: rand.pick(RUN_STAGES),
        payload: { detections: detections(rand, eventType), weather, speed_kmh: rand.round(0, 120, 1) },
        logged_at: loggedAt,
      });
      frameEmbeddings.push({
        frame_id: frameId,
        session_id: sessionId,
        embedding: [rand.round(-1, 1, 4), rand.round(-1, 1, 4), rand.round(-1, 1, 4), rand.round(-1, 1, 4)],
        model_version: modelVersion,
        created_at: loggedAt + rand.int(1_000, 2 * SECOND),
      });
    }
    sessions.push({
      session_id: sessionId,
      vehicle_id: vehicleId,
      route_name: route,
      start_time: start,
      end_time: capturedAt + rand.int(SECOND, 5 * SECOND),
      weather: weather.condition,
      camera_setup: camera,
    });
  }
  return { seed, date, sessions, frameEvents, framePayloads, frameEmbeddings };
}

/** Calm frames may see nothing; an incident's first detection is what caused it. */
function detections(rand: Random, eventType: EventType): Detection[] {
  const count = eventType === 'cruise' ? rand.int(0, 2) : rand.int(1, 3);
  return Array.from({ length: count }, (_, i) => {
    const width = rand.int(20, 600);
    const height = rand.int(20, 400);
    return {
      label: i === 0 && eventType !== 'cruise' ? EVENTS[eventType].label : rand.pick(DETECTION_LABELS),
      confidence: rand.round(0.5, 0.99, 3),
      bbox: [rand.int(0, 1920 - width), rand.int(0, 1080 - height), width, height],
    };
  });
}

const EVENT_WEIGHT_TOTAL = EVENT_TYPES.reduce((sum, type) => sum + EVENTS[type].weight, 0);

function pickEvent(rand: Random): EventType {
  let ticket = rand.next() * EVENT_WEIGHT_TOTAL;
  for (const type of EVENT_TYPES) {
    ticket -= EVENTS[type].weight;
    if (ticket < 0) return type;
  }
  return 'cruise';
}

interface Random {
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** A number in [min, max) rounded to `decimals`, so it prints short and parses back to the same double. */
  round(min: number, max: number, decimals: number): number;
  pick<T>(values: readonly T[]): T;
}

function random(next: () => number): Random {
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    round: (min, max, decimals) => {
      const scale = 10 ** decimals;
      return Math.round((min + next() * (max - min)) * scale) / scale;
    },
    pick: (values) => values[Math.floor(next() * values.length)] as (typeof values)[number],
  };
}

/** mulberry32: a 32-bit state PRNG, tiny and fast, good enough for test data (https://gist.github.com/tommyettinger/46a874533244883189143505d203312c). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}

/** Mixes two integers into one 32-bit seed (murmur3's finaliser), so neighbouring sessions get unrelated streams. */
function hash2(a: number, b: number): number {
  let h = (Math.imul(a >>> 0, 0x9e3779b1) ^ (b >>> 0)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
