// Corpus family `task`: SDK expressions of the documentation's examples, and what the others lack.
import { Kysely, sql as kyselySql } from 'kysely';
import {
  alterTask,
  begin,
  commit,
  copyInto,
  copyIntoStage,
  createTask,
  deleteFrom,
  dropTask,
  executeImmediate,
  executeTask,
  insertInto,
  int,
  script,
  selectFromStream,
  showTasks,
  sql,
  streamStatus,
  table,
  update,
} from '../../../src/index.js';
import { DatabendDialect, numbers } from '../../../src/kysely/index.js';
import { named } from './tables.js';
import type { Expressions, Missing } from './types.js';

const sensorEvents = named('sensor_events');
const logs = named('logs', ['event', 'timestamp', 'user_id']);
// The page makes it AS SELECT * FROM sensor_events, the columns of task-003's query.
const sensorEventsLatest = named('sensor_events_latest', ['event_time', 'sensor_id', 'temperature', 'humidity']);
// Tables the pages do not create: one column each (the INSERT names the target's columns; see the equivalences).
const summaryTable = named('summary_table');
const newTable = named('new_table');
const martEvents = named('events', ['c'], 'mart');
const employees = named('employees', ['age']);
const compactionTest = table('test', { c: int() }, { database: 'compaction_test' });

// The tables the task bodies' SELECTs read, as Kysely sees them; the pages do not create them.
interface TaskSourcesDB {
  source_table: { c: number };
  'staging.events': { c: number };
  sales_data: { sales_date: Date; amount: number; transaction_date: Date; product_category: string };
}
// Compiling opens no session: the dialect's clients are made on the first query run, and these are only compiled.
const db = new Kysely<TaskSourcesDB>({ dialect: new DatabendDialect({ dsn: 'databend://compile-only@localhost:1/' }) });

export const expressions: Expressions = {
  'task-001': () =>
    createTask('ingest_orders')
      .warehouse('etl_wh')
      .as(db.selectNoFrom((eb) => eb.lit(1).as('x')).compile()),
  'task-002': () =>
    createTask('bump_age')
      .warehouse('default')
      .schedule({ cron: '0 0 1 1 * *', timezone: 'UTC' })
      .as(update(employees).set({ age: sql`age + 1` })),
  'task-012': () =>
    createTask('task_stream_merge')
      .orReplace()
      .warehouse('etl_wh_small')
      .schedule({ minutes: 1 })
      .when(sql`${streamStatus({ name: 'sensor_events_stream', database: 'task_demo' })} = TRUE`)
      .as(insertInto(sensorEventsLatest).select(selectFromStream('sensor_events_stream'))),
  'task-015': () =>
    createTask('my_daily_task')
      .warehouse('compute_wh')
      .schedule({ cron: '0 0 9 * * *', timezone: 'America/Los_Angeles' })
      .comment('Daily summary task')
      .as(insertInto(summaryTable).select(db.selectFrom('source_table').selectAll().compile())),
  'task-016': () =>
    createTask('nightly_refresh')
      .ifNotExists()
      .warehouse('etl')
      .schedule({ cron: '0 0 2 * * *', timezone: 'UTC' })
      .as([
        deleteFrom(named('events', ['event_time'], 'staging')).where(sql`event_time < DATEADD(DAY, -1, CURRENT_TIMESTAMP())`),
        insertInto(martEvents).select(db.selectFrom('staging.events').selectAll().compile()),
      ]),
  'task-017': () =>
    createTask('log_ingestion')
      .orReplace()
      .warehouse('default')
      .schedule({ minutes: 1 })
      .as(
        executeImmediate(
          script([
            sql`LET path := CONCAT('@mylog/', DATE_FORMAT(CURRENT_DATE - INTERVAL 3 DAY, '%m/%d/'))`,
            sql`LET sql := CONCAT(
        'COPY INTO logs.web_logs FROM ', path,
        ' PATTERN = ''.*[.]gz'' FILE_FORMAT = (type = NDJSON compression = AUTO) MAX_FILES = 10000'
    )`,
            sql`EXECUTE IMMEDIATE :sql`,
          ]),
        ),
      ),
  'task-018': () =>
    createTask('mytask')
      .ifNotExists()
      .warehouse('system')
      .schedule({ minutes: 2 })
      .suspendTaskAfterNumFailures(3)
      .as(insertInto(compactionTest).values([{ c: 1 }])),
  'task-019': () =>
    createTask('daily_sales_summary')
      .ifNotExists()
      .warehouse('analytics')
      .schedule({ seconds: 30 })
      .as(
        db
          .selectFrom('sales_data')
          .select((eb) => ['sales_date', eb.fn.sum('amount').as('daily_total')])
          .groupBy('sales_date')
          .compile(),
      ),
  'task-021': () =>
    createTask('hourly_data_cleanup')
      .ifNotExists()
      .warehouse('maintenance')
      .schedule({ cron: '0 0 9 * * *', timezone: 'America/Los_Angeles' })
      .when(sql`${streamStatus({ name: 'change_stream', database: 'db1' })} = TRUE`)
      .as(deleteFrom('archived_data').where(sql`archived_date < DATEADD(HOUR, -24, CURRENT_TIMESTAMP())`)),
  'task-023': () =>
    createTask('cache_enabled_task')
      .ifNotExists()
      .warehouse('analytics')
      .schedule({ minutes: 5 })
      .comment('Task with query result cache enabled')
      .settings({ enable_query_result_cache: 1, query_result_cache_min_execute_secs: 5 })
      .as(
        db
          .selectFrom('sales_data')
          .select((eb) => eb.fn.sum('amount').as('total_sales'))
          .where('transaction_date', '>=', (eb) => eb.fn('DATEADD', [kyselySql`DAY`, eb.lit(-7), eb.fn('CURRENT_DATE', [])]))
          .groupBy('product_category')
          .compile(),
      ),
  'task-026': () =>
    alterTask('mytask')
      .ifExists()
      .modifyAs(insertInto(newTable).select(db.selectFrom('source_table').selectAll().compile())),
  'task-003': () =>
    createTask('task_generate_data')
      .orReplace()
      .warehouse('etl_wh_small')
      .schedule({ minutes: 1 })
      .as(
        copyIntoStage('sensor_events_stage')
          .from(
            db
              .selectFrom(numbers(100))
              .select((eb) => [
                eb.fn<Date>('NOW', []).as('event_time'),
                eb.ref('number').as('sensor_id'),
                eb(eb.val(20), '+', eb(eb.fn<number>('RAND', []), '*', eb.val(5))).as('temperature'),
                eb(eb.val(60), '+', eb(eb.fn<number>('RAND', []), '*', eb.val(10))).as('humidity'),
              ])
              .compile(),
          )
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
  'task-022': () =>
    createTask('mytask')
      .ifNotExists()
      .warehouse('mywh')
      .schedule({ seconds: 30 })
      .errorIntegration('myerror')
      .as([
        begin(),
        insertInto(named('mytable', ['ts'])).values([{ ts: sql`CURRENT_TIMESTAMP` }]),
        deleteFrom('mytable').where(sql`ts < DATEADD(MINUTE, -5, CURRENT_TIMESTAMP())`),
        commit(),
      ]),
  'task-007': () => showTasks().like('task_%'),
  'task-032': () => showTasks(),
  'task-033': () => showTasks().like('ingest_%'),
};

/**
 * Expressed statements whose query is an `sql` fragment: task-017's script (LET and a dynamic EXECUTE IMMEDIATE, which
 * the SDK has no builders for).
 */
export const viaSqlQuery: readonly string[] = ['task-017'];
/**
 * Expressed ids whose query is built with Kysely over the SDK's dialect (typed by Kysely), compiled: task-001's
 * `SELECT 1` (Kysely names every selected expression: `select 1 as x`, see the equivalences) and task-003's unload of
 * a SELECT from numbers(100) among them.
 */
export const viaKysely: readonly string[] = ['task-001', 'task-003', 'task-015', 'task-016', 'task-019', 'task-023', 'task-026'];

export const missing: Missing = {};
