// Corpus family `task`: SDK expressions of the documentation's examples, and what the others lack.
import { alterTask, copyInto, copyIntoStage, createTask, dropTask, executeTask, showTasks, sql } from '../../../src/index.js';
import { named } from './tables.js';
import type { Expressions, Missing } from './types.js';

const sensorEvents = named('sensor_events');
const logs = named('logs', ['event', 'timestamp', 'user_id']);

export const expressions: Expressions = {
  'task-003': () =>
    createTask('task_generate_data')
      .orReplace()
      .warehouse('etl_wh_small')
      .schedule({ minutes: 1 })
      .as(
        copyIntoStage('sensor_events_stage')
          .from(sql`SELECT
        NOW()            AS event_time,
        number           AS sensor_id,
        20 + RAND() * 5  AS temperature,
        60 + RAND() * 10 AS humidity
    FROM numbers(100)`)
          .fileFormat({ type: 'PARQUET' }),
      ),
  'task-004': () =>
    createTask('task_consume_data')
      .orReplace()
      .warehouse('etl_wh_small')
      .schedule({ minutes: 1 })
      .as(copyInto(sensorEvents).fromStage('sensor_events_stage').raw().pattern('.*[.]parquet').fileFormat({ type: 'PARQUET' }).purge()),
  'task-005': () => alterTask('task_generate_data').resume(),
  'task-006': () => alterTask('task_consume_data').resume(),
  'task-011': () => alterTask('task_consume_data').resume(),
  'task-013': () => alterTask('task_stream_merge').resume(),
  'task-014': () => alterTask('simple_task').set({ settings: { enable_query_result_cache: 1, query_result_cache_min_execute_secs: 5 } }),
  'task-024': () => alterTask('mytask').ifExists().suspend(),
  'task-025': () =>
    alterTask('mytask')
      .ifExists()
      .set({ warehouse: 'new_warehouse', schedule: { cron: '0 12 * * * *', timezone: 'UTC' } }),
  'task-027': () => alterTask('mytaskchild').modifyWhen(sql`STREAM_STATUS('stream3') = False`),
  'task-028': () => alterTask('MyTask1').addAfter('task2'),
  'task-029': () => alterTask('MyTask1').removeAfter('task2'),
  'task-030': () => dropTask('mytask').ifExists(),
  'task-031': () => executeTask('mytask'),
  'task-034': () =>
    createTask('myvectortask')
      .ifNotExists()
      .warehouse('eric')
      .schedule({ minutes: 1 })
      .suspendTaskAfterNumFailures(3)
      .as(
        copyInto(logs)
          .fromStage('mylog')
          .map({ event: sql`$1:log:event`, timestamp: sql`$1:log:timestamp`, user_id: sql`$1:log:user_id` })
          .fileFormat({ type: 'NDJSON', compression: 'AUTO' })
          .maxFiles(10000)
          .purge(),
      ),
  'task-035': () => alterTask('myvectortask').resume(),
  'task-007': () => showTasks().like('task_%'),
  'task-032': () => showTasks(),
  'task-033': () => showTasks().like('ingest_%'),
};

/** Task bodies whose unload query is an `sql` fragment. */
export const viaSqlQuery: readonly string[] = ['task-003'];

const BODY = (what: string) => `a task body that is ${what} (issue 13: task bodies of any statement)`;
export const missing: Missing = {
  'task-001': BODY('a plain SELECT'),
  'task-002': BODY('an UPDATE'),
  'task-012': BODY('INSERT INTO t SELECT * FROM a stream (the SDK names the columns)'),
  'task-015': BODY('INSERT INTO t SELECT * FROM another table (the SDK names the columns)'),
  'task-016': BODY('a BEGIN ... END script of DELETE and INSERT ... SELECT'),
  'task-017': BODY('EXECUTE IMMEDIATE $$ ... $$'),
  'task-018': BODY('INSERT ... VALUES without a column list'),
  'task-019': BODY('a SELECT with GROUP BY'),
  'task-021': BODY('a DELETE'),
  'task-022': BODY('a BEGIN ... END script with a transaction (BEGIN; ... COMMIT;)'),
  'task-023': BODY('a SELECT with GROUP BY, with session settings'),
  'task-026': BODY('INSERT INTO t SELECT * FROM another table (MODIFY AS)'),
};
