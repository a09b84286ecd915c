// Corpus family `stream`: SDK expressions of the documentation's examples, and what the others lack.
import { createStream, describeStream, dropStream, selectFromStream, showStreams, sql } from '../../../src/index.js';
import type { Expressions, Missing } from './types.js';

export const expressions: Expressions = {
  'stream-001': () => createStream('sensor_readings_stream').onTable('sensor_readings').orReplace(),
  'stream-002': () => selectFromStream('sensor_readings_stream').columns(['sensor_id', 'temperature']).consume(),
  'stream-003': () => createStream('sensor_readings_stream_std').onTable('sensor_readings').orReplace().appendOnly(false),
  'stream-004': () => createStream('customers_stream').onTable('customers').orReplace(),
  'stream-005': () => createStream('orders_stream').onTable('orders').orReplace(),
  'stream-008': () => createStream('sensor_events_stream').onTable('sensor_events').orReplace().appendOnly(false),
  'stream-009': () => createStream('order_changes').onTable('orders'),
  'stream-010': () => createStream('order_changes_copy').onTable('orders').at({ stream: 'order_changes' }),
  'stream-011': () => createStream('order_changes_after_snapshot').onTable('orders').at({ snapshot: '11b9d81eabc94c7da648908f0ba313a1' }),
  'stream-012': () => createStream('order_changes_after_timestamp').onTable('orders').at({ timestamp: sql`'2024-03-28 03:24:16.611835'::TIMESTAMP` }),
  'stream-014': () => dropStream('books_stream_2023'),
  'stream-013': () => describeStream('books_stream_2023'),
  'stream-015': () => showStreams(),
};

const CTE = 'a stream read in a CTE joined with another (WITH ... AS (SELECT ... WITH CONSUME) ... JOIN ... GROUP BY): issue 13 adds consuming CTEs and joins';
export const missing: Missing = {
  'stream-006': CTE,
  'stream-007': CTE,
};

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
