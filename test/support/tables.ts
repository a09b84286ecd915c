// Tables that more than one test file declares, declared once. The EverDrive guide's four tables are the example's
// own (examples/everdrive/tables.ts): tests import them from there.
import { array, bigintUnsigned, binary, boolean, date, decimal, double, int, map, string, table, timestamp, tuple, variant, vector } from '../../src/index.js';

/** Where the guide's stream consumer writes the risky frames: `INSERT INTO risky_frames SELECT ... FROM frame_events_stream`. */
export const riskyFrames = table('risky_frames', { frame_id: string().notNull(), risk_score: double() });

/** One column of each kind whose values the Kysely dialect writes by the declared type. */
export const samples = table('samples', {
  id: int().notNull(),
  s: string(),
  doc: variant(),
  day: date(),
  at: timestamp(),
  emb: vector(3),
  tags: array(string()),
  attrs: map(string(), int()),
  pair: tuple(int(), string()),
  amount: decimal(10, 2),
  big: bigintUnsigned(),
  raw: binary(),
  flag: boolean(),
});
