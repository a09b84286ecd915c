// Streams and tasks on the open-source engine: streams need a commercial licence (1402), tasks need Databend Cloud
// (1702). Every STREAM and TASK statement form the SDK renders is sent anyway: Databend parses it before it refuses,
// so a refusal (and never 1005, a syntax error) proves the engine's own parser accepts the SQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everdrivePipeline } from '../../examples/everdrive/pipeline.js';
import { frameEvents } from '../../examples/everdrive/tables.js';
import {
  alterTask,
  copyInto,
  createClient,
  createStream,
  createTable,
  createTask,
  dropStream,
  dropTask,
  executeTask,
  insertInto,
  selectFromStream,
  ServerError,
  sql,
  streamStatus,
  type Compilable,
  type DatabendClient,
} from '../../src/index.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';
import { riskyFrames } from '../support/tables.js';

const SETUP_TIMEOUT_MS = 300_000;
const QUERY_TIMEOUT_MS = 30_000;

// The file's database on the shared engine, named here because the statements below qualify names with it.
const DATABASE = 'refusals';
let engine: TestDatabase;
let client: DatabendClient;

const seeded = [
  { frame_id: 'f1', risk_score: 0.95 },
  { frame_id: 'f2', risk_score: 0.12 },
  { frame_id: 'f3', risk_score: 0.81 },
];

beforeAll(async () => {
  engine = await openTestDatabase(DATABASE);
  client = createClient({ dsn: engine.dsn });
  await client.execute(createTable(frameEvents));
  await client.execute(createTable(riskyFrames));
  await client.execute(
    `INSERT INTO frame_events (frame_id, session_id, risk_score) VALUES ${seeded.map((r) => `('${r.frame_id}', 's1', ${r.risk_score})`).join(', ')}`,
  );
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
});

/** Runs a statement that must fail, and returns its ServerError. */
async function refusal(statement: Compilable): Promise<ServerError> {
  const error = await client.execute(statement).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServerError);
  return error as ServerError;
}

interface Expected {
  readonly code: number;
  readonly message: string;
}

const LICENCE: Expected = { code: 1402, message: 'Need Commercial License' };

/** 1702, worded after the statement: create, alter, execute or drop. */
function cloud(statement: Compilable): Expected {
  const verbs = { CreateTaskStmt: 'create', AlterTaskStmt: 'alter', ExecuteTaskStmt: 'execute', DropStmt: 'drop' } as Record<string, string>;
  const verb = verbs[statement.toNode().kind];
  expect(verb, statement.toNode().kind).toBeDefined();
  return { code: 1702, message: `cannot ${verb} task without cloud control enabled, please set cloud_control_grpc_server_address in config` };
}

/** The statement reached the engine as the builder rendered it, and was refused for `expected`, not as a syntax error. */
async function expectRefused(statement: Compilable, expected: Expected): Promise<void> {
  const error = await refusal(statement);
  expect(error.serverCode).not.toBe(1005);
  expect({ code: error.serverCode, message: error.serverMessage }).toEqual(expected);
  expect(error.sql).toBe(statement.compile());
}

/**
 * The unknown-stream refusal (1025). For a one-line statement, the server's pretty form of a binding error: the
 * statement with a caret under the name (`--> SQL:1:<column>`), as the local server writes it too; the local server
 * knows no position in a statement of several lines, and gives the message alone (docs/engine-facts.md).
 */
function unknownStream(statement: Compilable): Expected {
  const sql = statement.compile();
  const at = sql.indexOf(STREAM);
  const text = `Unknown table "default"."${DATABASE}".${STREAM} .`;
  if (sql.includes('\n')) return { code: 1025, message: text };
  return { code: 1025, message: `error: \n  --> SQL:1:${at + 1}\n  |\n1 | ${sql}\n  | ${' '.repeat(at)}${'^'.repeat(STREAM.length)} ${text}` };
}

// ---- Streams -------------------------------------------------------------------------------------------------------

const STREAM = 'frame_events_stream';
const stream = createStream(STREAM).onTable(frameEvents);

const streamStatements: readonly (readonly [string, Compilable])[] = [
  ['CREATE STREAM ... ON TABLE', stream],
  ['CREATE OR REPLACE STREAM', stream.orReplace()],
  ['CREATE STREAM IF NOT EXISTS', stream.ifNotExists()],
  ['AT (TIMESTAMP => a Date)', stream.at({ timestamp: sql`${new Date('2024-08-16T00:00:00.000Z')}` })],
  ['AT (TIMESTAMP => an expression)', stream.at({ timestamp: sql`now() - INTERVAL 1 HOUR` })],
  ['AT (SNAPSHOT => id)', stream.at({ snapshot: 'a9d3c41e27f04b7c9a0f5d2e8b1c6f30' })],
  ['APPEND_ONLY = TRUE', stream.appendOnly()],
  ['APPEND_ONLY = FALSE', stream.appendOnly(false)],
  ['COMMENT with quotes, backslash, newline and unicode', stream.comment('it\'s a \\ "stream"\nof frames ✓')],
  ['every option together', stream.orReplace().at({ snapshot: 'a9d3c41e' }).appendOnly(false).comment('all')],
  ['a qualified, quoted stream name', createStream({ database: DATABASE, name: 'Frame Stream' }).onTable(frameEvents).ifNotExists()],
  ['ON TABLE by name', createStream(STREAM).onTable('frame_events')],
  ['ON a table that does not exist (the licence is checked first)', createStream(STREAM).onTable('no_such_table')],
  ['DROP STREAM', dropStream(STREAM)],
  ['DROP STREAM IF EXISTS', dropStream(stream).ifExists()],
  ['DROP STREAM of a qualified, quoted name', dropStream({ database: DATABASE, name: 'Frame Stream' })],
];

describe('every STREAM statement is refused for the licence (1402)', { timeout: QUERY_TIMEOUT_MS }, () => {
  it.each(streamStatements)('%s', async (_, statement) => {
    await expectRefused(statement, LICENCE);
  });

  it("the guide's CREATE STREAM step", async () => {
    const step = everdrivePipeline().steps.find((s) => s.statement.toNode().kind === 'CreateStreamStmt')!;
    expect(step.requires).toBe('enterprise-license');
    await expectRefused(step.statement, LICENCE);
  });
});

// Without a licence no stream can exist, so reading one fails on the name (1025) after the statement was parsed;
// the same statements over a table named in its place run, or fail on the stream-only clause (3902), which shows
// that the engine bound every clause.
const streamReads = (source: string): readonly (readonly [string, Compilable])[] => [
  ['SELECT * FROM stream', selectFromStream(source)],
  ['SELECT ... WITH CONSUME', selectFromStream(source).consume()],
  ['SELECT columns, change$ columns', selectFromStream(source).columns(['frame_id', 'change$action', 'change$is_update', 'change$row_id'])],
  ['SELECT ... WHERE', selectFromStream(source).where(sql`risk_score > ${0.8}`)],
  ['SELECT ... LIMIT', selectFromStream(source).limit(2)],
  ['SELECT columns WITH CONSUME WHERE LIMIT', selectFromStream(source).columns(['frame_id']).consume().where(sql`risk_score > ${0.8}`).limit(2)],
  ['INSERT INTO ... SELECT FROM stream', insertInto(riskyFrames).fromStream(source)],
  [
    'INSERT INTO (columns) ... SELECT mapped FROM stream WHERE',
    insertInto(riskyFrames)
      .fromStream(source)
      .columns(['frame_id', 'risk_score'])
      .map({ risk_score: sql`risk_score * ${100}` })
      .where(sql`risk_score > ${0.8}`),
  ],
  ['INSERT OVERWRITE ... SELECT FROM stream', insertInto(riskyFrames).fromStream(source).overwrite()],
];

describe('reading a stream fails on the missing stream (1025), not on the syntax', { timeout: QUERY_TIMEOUT_MS }, () => {
  it.each(streamReads(STREAM))('%s', async (_, statement) => {
    await expectRefused(statement, unknownStream(statement));
  });

  it.each(
    everdrivePipeline()
      .steps.filter((s) => s.statement.toNode().kind === 'SelectTableStmt')
      .map((s) => [s.title, s.statement] as const),
  )("the guide's step '%s'", async (_, statement) => {
    await expectRefused(statement, unknownStream(statement));
  });

  it('AT (STREAM => name) checks the named stream before the licence: 1025 when missing, 1302 for a table', async () => {
    await expectRefused(stream.at({ stream: 'other_stream' }), { code: 1025, message: "Unknown table 'other_stream'" });
    await expectRefused(stream.at({ stream: { database: DATABASE, name: 'frame_events' } }), { code: 1302, message: `${DATABASE}.frame_events is not STREAM` });
  });
});

describe('the same reads over a table in place of the stream are parsed and bound', { timeout: QUERY_TIMEOUT_MS }, () => {
  const reads = streamReads('frame_events');
  const read = (title: string) => reads.find(([name]) => name === title)![1];

  beforeAll(async () => {
    await client.execute('TRUNCATE TABLE risky_frames');
  });

  it.each(reads.filter(([, s]) => s.compile().includes('WITH CONSUME')))('%s: 3902, WITH CONSUME is for streams only', async (_, statement) => {
    await expectRefused(statement, { code: 3902, message: 'WITH CONSUME only support in STREAM' });
  });

  it('SELECT * and SELECT ... WHERE ... LIMIT return the rows', async () => {
    const byId = (a: { frame_id: unknown }, b: { frame_id: unknown }) => (String(a.frame_id) < String(b.frame_id) ? -1 : 1);
    const all = await client.query(read('SELECT * FROM stream'));
    expect(all.map(({ frame_id, risk_score }) => ({ frame_id, risk_score })).sort(byId)).toEqual(seeded);
    const risky = await client.query(read('SELECT ... WHERE'));
    expect(risky.map((r) => r.frame_id).sort()).toEqual(['f1', 'f3']);
    expect(await client.query(read('SELECT ... LIMIT'))).toHaveLength(2);
  });

  it('SELECT with change$ columns fails on the first column a table lacks (1065)', async () => {
    const error = await refusal(read('SELECT columns, change$ columns'));
    expect(error.serverCode).toBe(1065);
    expect(error.serverMessage).toContain('change$action');
  });

  it('INSERT ... SELECT inserts the rows, mapped and filtered', async () => {
    expect((await client.execute(read('INSERT INTO (columns) ... SELECT mapped FROM stream WHERE'))).rowsAffected).toBe(2);
    expect(await client.query('SELECT frame_id, risk_score FROM risky_frames ORDER BY frame_id')).toEqual([
      { frame_id: 'f1', risk_score: 95 },
      { frame_id: 'f3', risk_score: 81 },
    ]);
    expect((await client.execute(read('INSERT OVERWRITE ... SELECT FROM stream'))).rowsAffected).toBe(3);
    expect((await client.execute(read('INSERT INTO ... SELECT FROM stream'))).rowsAffected).toBe(3);
    const [counted] = await client.query<{ n: number }>('SELECT COUNT(*)::INT AS n FROM risky_frames');
    expect(counted!.n).toBe(6);
  });
});

// ---- Tasks ---------------------------------------------------------------------------------------------------------

const TASK = 'task_load_frame_events';
const load = copyInto(frameEvents).fromStage('drive_stage', 'frame-events/').fileFormat({ type: 'PARQUET' });
const consume = insertInto(riskyFrames).fromStream(STREAM).where(sql`risk_score > ${0.8}`);
const task = createTask(TASK);
const parent = createTask('task_load_sessions').schedule({ minutes: 5 }).as(load);
// A parent and its child named in mixed case: rendered bare, CREATE TASK Parent is the task AFTER 'Parent' names.
const mixedParent = createTask('Parent').warehouse('default').schedule({ minutes: 5 }).as(load);
const mixedChild = createTask('Child').warehouse('default').after(mixedParent).as(consume);

const taskStatements: readonly (readonly [string, Compilable])[] = [
  ['CREATE TASK ... AS one statement', task.as(load)],
  ['CREATE OR REPLACE TASK', task.orReplace().as(load)],
  ['CREATE TASK IF NOT EXISTS', task.ifNotExists().as(load)],
  ['WAREHOUSE', task.warehouse('default').as(load)],
  ['SCHEDULE = n MINUTE', task.schedule({ minutes: 5 }).as(load)],
  ['SCHEDULE = n SECOND', task.schedule({ seconds: 30 }).as(load)],
  ['SCHEDULE = n MILLISECOND', task.schedule({ milliseconds: 500 }).as(load)],
  ['SCHEDULE = USING CRON', task.schedule({ cron: '0 0 9 * * *' }).as(load)],
  ['SCHEDULE = USING CRON with a time zone', task.schedule({ cron: '0 30 6 * * MON-FRI', timezone: 'Asia/Shanghai' }).as(load)],
  ['SCHEDULE = USING CRON with a year and ?', task.schedule({ cron: '0 0 0 1 1 ? 2030', timezone: 'UTC' }).as(load)],
  ['AFTER one task', task.after('task_load_sessions').as(load)],
  ['AFTER several tasks, by name and by builder', task.after(parent, 'task_load_payloads').as(load)],
  ['WHEN STREAM_STATUS', task.when(streamStatus(STREAM)).as(consume)],
  ['WHEN STREAM_STATUS of a qualified stream AND a condition', task.when(sql`${streamStatus({ database: DATABASE, name: STREAM })} AND 1 = 1`).as(consume)],
  ['SUSPEND_TASK_AFTER_NUM_FAILURES', task.suspendTaskAfterNumFailures(3).as(load)],
  ['ERROR_INTEGRATION', task.errorIntegration('everdrive_alerts').as(load)],
  ['COMMENT with quotes, backslash, newline and unicode', task.comment('it\'s a \\ "task"\nfor frames ✓').as(load)],
  ['session settings', task.settings({ timezone: 'UTC', max_threads: 4, enable_query_result_cache: true }).as(load)],
  ['a body of a stream read WITH CONSUME', task.as(selectFromStream(STREAM).consume())],
  ['BEGIN ... END of several statements', task.as([load, consume, selectFromStream(STREAM).consume().limit(1)])],
  [
    'every option together',
    task
      .orReplace()
      .warehouse('default')
      .schedule({ cron: '0 */5 * * * *', timezone: 'Europe/Berlin' })
      .suspendTaskAfterNumFailures(2)
      .errorIntegration('everdrive_alerts')
      .comment('all')
      .when(streamStatus(STREAM))
      .settings({ timezone: 'UTC' })
      .as([load, consume]),
  ],
  ['a parent named in mixed case', mixedParent],
  ['its child, AFTER the parent by the same name', mixedChild],
  ['ALTER TASK RESUME', alterTask(TASK).resume()],
  ['ALTER TASK SUSPEND', alterTask(TASK).suspend()],
  ['ALTER TASK IF EXISTS', alterTask(TASK).ifExists().suspend()],
  ['ALTER TASK SET WAREHOUSE', alterTask(TASK).set({ warehouse: 'etl' })],
  ['ALTER TASK SET SCHEDULE minutes', alterTask(TASK).set({ schedule: { minutes: 10 } })],
  ['ALTER TASK SET SCHEDULE cron with a time zone', alterTask(TASK).set({ schedule: { cron: '0 0 */2 * * *', timezone: 'America/New_York' } })],
  ['ALTER TASK SET SUSPEND_TASK_AFTER_NUM_FAILURES', alterTask(TASK).set({ suspendTaskAfterNumFailures: 0 })],
  ['ALTER TASK SET ERROR_INTEGRATION', alterTask(TASK).set({ errorIntegration: 'everdrive_alerts' })],
  ['ALTER TASK SET COMMENT', alterTask(TASK).set({ comment: "new 'comment'" })],
  ['ALTER TASK SET settings', alterTask(TASK).set({ settings: { timezone: 'UTC', max_threads: 2 } })],
  [
    'ALTER TASK SET every option',
    alterTask(TASK).set({
      warehouse: 'etl',
      schedule: { seconds: 45 },
      suspendTaskAfterNumFailures: 5,
      errorIntegration: 'everdrive_alerts',
      comment: 'c',
      settings: { timezone: 'UTC' },
    }),
  ],
  ['ALTER TASK UNSET WAREHOUSE', alterTask(TASK).unsetWarehouse()],
  ['ALTER TASK MODIFY AS one statement', alterTask(TASK).modifyAs(load)],
  ['ALTER TASK MODIFY AS BEGIN ... END', alterTask(TASK).modifyAs([load, consume])],
  ['ALTER TASK MODIFY WHEN', alterTask(TASK).modifyWhen(streamStatus(STREAM))],
  ['ALTER TASK ADD AFTER', alterTask(TASK).addAfter('task_load_sessions', parent)],
  ['ALTER TASK REMOVE AFTER', alterTask(TASK).removeAfter('task_load_sessions')],
  ['ALTER TASK ADD AFTER a mixed-case parent', alterTask(mixedChild).addAfter(mixedParent)],
  ['EXECUTE TASK', executeTask(TASK)],
  ['EXECUTE TASK of a mixed-case name', executeTask(mixedParent)],
  ['DROP TASK', dropTask(TASK)],
  ['DROP TASK IF EXISTS', dropTask(parent).ifExists()],
  ['DROP TASK of a mixed-case name', dropTask(mixedChild)],
];

describe('every TASK statement is refused for lack of cloud control (1702)', { timeout: QUERY_TIMEOUT_MS }, () => {
  it.each(taskStatements)('%s', async (_, statement) => {
    await expectRefused(statement, cloud(statement));
  });

  it.each(
    everdrivePipeline()
      .steps.filter((s) => s.requires === 'cloud-control')
      .map((s) => [s.title, s.statement] as const),
  )("the guide's step '%s'", async (_, statement) => {
    await expectRefused(statement, cloud(statement));
  });
});

// ---- The refusals come after parsing -------------------------------------------------------------------------------

describe('a syntax error in the same statements is 1005: the refusals above come after the parser', { timeout: QUERY_TIMEOUT_MS }, () => {
  // Each is a statement of the tables above with one keyword misspelt.
  it.each([
    ['CREATE STREAM', stream.appendOnly(false), 'ON TABLE', 'ON TABLEX'],
    ['DROP STREAM', dropStream(STREAM), 'DROP STREAM', 'DROP STREAMX'],
    ['SELECT ... WITH CONSUME', selectFromStream(STREAM).consume(), 'WITH CONSUME', 'WITH CONSUMEX'],
    ['CREATE TASK schedule', task.schedule({ minutes: 5 }).as(load), 'SCHEDULE = 5 MINUTE', 'SCHEDULE = 5 MINUTES'],
    ['CREATE TASK body', task.as(load), 'COPY INTO', 'COPY INTOX'],
    ['ALTER TASK', alterTask(TASK).resume(), 'RESUME', 'RESUMEX'],
    ['EXECUTE TASK', executeTask(TASK), 'EXECUTE TASK', 'EXECUTE TASKX'],
    ['DROP TASK', dropTask(TASK), 'DROP TASK', 'DROP TASKX'],
    ['CREATE TASK of a mixed-case parent', mixedParent, 'SCHEDULE = 5 MINUTE', 'SCHEDULE = 5 MINUTES'],
    ['CREATE TASK of its child', mixedChild, "AFTER 'Parent'", "AFTERX 'Parent'"],
  ] as const)('%s', async (_, statement, keyword, misspelt) => {
    const broken = statement.compile().replace(keyword, misspelt);
    expect(broken).not.toBe(statement.compile());
    const error = await client.execute(broken).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).serverCode).toBe(1005);
  });
});
