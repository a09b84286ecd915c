// Corpus family `stream`: SDK expressions of the documentation's examples, and what the others lack.
import { createStream, describeStream, dropStream, selectFromStream, showStreams, sql } from '../../../src/index.js';
import type { Expressions, Missing } from './types.js';

/** The guide's incremental join of two consumed streams, each read in its own CTE. */
function ordersWithSegments() {
  return selectFromStream('orders_stream')
    .columns(['customer_id', 'amount'])
    .consume()
    .asCte('orders_delta')
    .as('o')
    .joinCte('customers_delta', selectFromStream('customers_stream').columns(['customer_id', 'segment']).consume(), sql`o.customer_id = c.customer_id`, {
      alias: 'c',
    })
    .select({ customer_id: sql`o.customer_id`, segment: sql`c.segment`, incremental_sales: sql`SUM(o.amount)` })
    .groupBy(sql`o.customer_id, c.segment`)
    .orderBy(sql`o.customer_id`);
}

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
  'stream-006': ordersWithSegments,
  'stream-007': ordersWithSegments,
  'stream-014': () => dropStream('books_stream_2023'),
  'stream-013': () => describeStream('books_stream_2023'),
  'stream-015': () => showStreams(),
};

export const missing: Missing = {};

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
