// Every statement kind the SDK builds runs on the engine at least once. The examples are keyed by StatementKind
// with a mapped type, so a new kind in src/ast/statement.ts does not compile here until it has an example.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { generateBatch, writeBatch, type WrittenFile } from '../../examples/everdrive/batch.js';
import { frameEvents } from '../../examples/everdrive/tables.js';
import {
  alterTable,
  alterTask,
  begin,
  rollback,
  boolean,
  createIndex,
  dropIndex,
  invertedIndex,
  refreshIndex,
  copyInto,
  copyIntoStage,
  createClient,
  createConnection,
  createFileFormat,
  createStage,
  createStream,
  createTable,
  createTask,
  deleteFrom,
  dropTable,
  executeImmediate,
  executeTask,
  presign,
  insertInto,
  listStage,
  listStageFiles,
  mergeInto,
  optimizeTable,
  removeFromStage,
  script,
  selectFromStage,
  selectFromStream,
  sql,
  statement,
  truncateTable,
  update,
  type Compilable,
  type DatabendClient,
  type Statement,
  type StatementKind,
  describeConnection,
  showStages,
  type ConnectionRow,
  type DescribeBuilder,
  type ShowStagesBuilder,
} from '../../src/index.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';
import { riskyFrames } from '../support/tables.js';
import { serverError } from '../support/server-error.js';

const SETUP_TIMEOUT_MS = 300_000;
const QUERY_TIMEOUT_MS = 30_000;

let engine: TestDatabase;
let client: DatabendClient;
let dir: string;
let files: WrittenFile[];

const batch = generateBatch({ seed: 3, sessions: 2, framesPerSession: 6 });
const RISK = 0.5;
const risky = batch.frameEvents.filter((e) => e.risk_score > RISK);

beforeAll(async () => {
  engine = await openTestDatabase('statements');
  client = createClient({ dsn: engine.dsn });
  dir = await mkdtemp(join(tmpdir(), 'statements-test-'));
  files = await writeBatch(batch, dir, { format: 'parquet', filesPerFolder: 2 });
  await client.execute(createTable(riskyFrames));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const byId = <R extends { frame_id: unknown }>(rows: readonly R[]) => [...rows].sort((a, b) => (String(a.frame_id) < String(b.frame_id) ? -1 : 1));
const eventFiles = () => files.filter((f) => f.folder === 'frame-events');

/** One statement of a kind and what running it on the engine must do. */
interface Example<K extends StatementKind> {
  /** Built when the test runs, once the batch folder exists. */
  readonly build: () => Compilable<Extract<Statement, { kind: K }>>;
  readonly run: (statement: Compilable) => Promise<void>;
}

const fileFormat = createFileFormat('statements_parquet', { type: 'PARQUET', missingFieldAs: 'ERROR' });
const stage = () => createStage('statements_stage').url(`fs://${dir}/`).fileFormat(fileFormat);
const TASK = 'statements_task';
const s3 = { accessKeyId: 'AKIASTATEMENTS', secretAccessKey: 'statements/secret', region: 'us-east-1' };
const load = () => copyInto(frameEvents).fromStage(stage(), 'frame-events/');

/** In the order they run: each one builds on what the ones before it made. */
const examples: { readonly [K in StatementKind]: Example<K> } = {
  CreateTableStmt: {
    build: () => createTable(frameEvents).ifNotExists(),
    run: async (statement) => {
      await client.execute(statement);
      expect((await client.query<{ Field: string }>('DESC frame_events')).map((c) => c.Field)).toEqual(frameEvents.columnNames);
    },
  },
  CreateConnectionStmt: {
    build: () => createConnection('statements_s3').s3(s3),
    run: async (statement) => {
      await client.execute(statement);
      // Every parameter is shown masked but for its last three characters, in name order.
      const masked = (value: string) => `******${value.slice(-3)}`;
      expect(await client.query('SHOW CONNECTIONS')).toEqual([
        {
          name: 'statements_s3',
          storage_type: 's3',
          storage_params: `access_key_id=${masked(s3.accessKeyId)} region=${masked(s3.region)} secret_access_key=${masked(s3.secretAccessKey)}`,
        },
      ]);
    },
  },
  CreateFileFormatStmt: {
    build: () => fileFormat,
    run: async (statement) => {
      await client.execute(statement);
      expect(await client.query('SHOW FILE FORMATS')).toEqual([{ name: 'statements_parquet', format_options: 'TYPE = PARQUET MISSING_FIELD_AS = ERROR' }]);
    },
  },
  CreateStageStmt: {
    build: () => stage(),
    run: async (statement) => {
      await client.execute(statement);
      const [described] = await client.query('DESC STAGE statements_stage');
      expect(described).toMatchObject({ url: `fs://${dir}/`, file_format_options: { type: 'Parquet', missing_field_as: 'Error' } });
    },
  },
  ListStageStmt: {
    build: () => listStage(stage(), 'frame-events/'),
    run: async (statement) => {
      const listed = await client.query<{ name: string; size: number }>(statement);
      expect(listed.map((f) => [f.name, Number(f.size)]).sort()).toEqual(eventFiles().map((f) => [f.path, f.bytes]));
    },
  },
  SelectStageStmt: {
    build: () => selectFromStage(stage(), 'frame-events/').typedAs(frameEvents).columns('frame_id', 'risk_score').where(sql`risk_score > ${RISK}`),
    run: async (statement) => {
      const rows = await client.query<{ frame_id: string; risk_score: number }>(statement);
      expect(byId(rows)).toEqual(byId(risky.map(({ frame_id, risk_score }) => ({ frame_id, risk_score }))));
    },
  },
  SelectTableFunctionStmt: {
    build: () => listStageFiles(stage(), 'frame-events/'),
    run: async (statement) => {
      const listed = await client.query<{ name: string; size: bigint }>(statement);
      expect(listed.map((f) => [f.name, Number(f.size)]).sort()).toEqual(eventFiles().map((f) => [f.path, f.bytes]));
    },
  },
  CopyIntoTableStmt: {
    build: () => load(),
    run: async (statement) => {
      const report = await client.copy(statement as Compilable<Extract<Statement, { kind: 'CopyIntoTableStmt' }>>);
      expect(report.map((f) => [f.file, f.rowsLoaded, f.errorsSeen]).sort()).toEqual(eventFiles().map((f) => [f.path, f.rows, 0]));
    },
  },
  SelectTableStmt: {
    // The SDK's SELECT FROM a table or stream; on a table it simply reads it.
    build: () => selectFromStream('frame_events').columns(['frame_id', 'risk_score']).where(sql`risk_score > ${RISK}`),
    run: async (statement) => {
      const rows = await client.query<{ frame_id: string; risk_score: number }>(statement);
      expect(byId(rows)).toEqual(byId(risky.map(({ frame_id, risk_score }) => ({ frame_id, risk_score }))));
    },
  },
  InsertStmt: {
    build: () => insertInto(riskyFrames).fromTable(frameEvents).where(sql`risk_score > ${RISK}`),
    run: async (statement) => {
      expect((await client.execute(statement)).rowsAffected).toBe(risky.length);
      expect(byId(await client.query<{ frame_id: string; risk_score: number }>('SELECT * FROM risky_frames'))).toEqual(
        byId(risky.map(({ frame_id, risk_score }) => ({ frame_id, risk_score }))),
      );
    },
  },
  CopyIntoLocationStmt: {
    build: () => copyIntoStage(stage(), 'unloaded/').from(riskyFrames).fileFormat({ type: 'PARQUET' }),
    run: async (statement) => {
      const [unloaded] = await client.query<{ rows_unloaded: number | bigint }>(statement);
      expect(Number(unloaded!.rows_unloaded)).toBe(risky.length);
      const [counted] = await client.query<{ n: number }>(sql`SELECT COUNT(*)::INT AS n FROM @statements_stage/unloaded/`);
      expect(counted!.n).toBe(risky.length);
    },
  },
  RemoveStageStmt: {
    build: () => removeFromStage(stage(), 'unloaded/'),
    run: async (statement) => {
      expect(await client.list(listStage(stage(), 'unloaded/'))).toHaveLength(1);
      await client.execute(statement);
      expect(await client.list(listStage(stage(), 'unloaded/'))).toEqual([]);
    },
  },
  UpdateStmt: {
    build: () => update(riskyFrames).set({ risk_score: 1 }).where(sql`frame_id = ${risky[0]!.frame_id}`),
    run: async (statement) => {
      expect((await client.execute(statement)).rowsAffected).toBe(1);
      expect(await client.query(sql`SELECT risk_score FROM risky_frames WHERE frame_id = ${risky[0]!.frame_id}`)).toEqual([{ risk_score: 1 }]);
    },
  },
  MergeIntoStmt: {
    build: () =>
      mergeInto(riskyFrames)
        .using(frameEvents)
        .on(sql`risky_frames.frame_id = frame_events.frame_id`)
        .whenMatchedThenUpdate({ risk_score: sql`frame_events.risk_score` }),
    run: async (statement) => {
      await client.execute(statement);
      expect(await client.query(sql`SELECT risk_score FROM risky_frames WHERE frame_id = ${risky[0]!.frame_id}`)).toEqual([
        { risk_score: risky[0]!.risk_score },
      ]);
    },
  },
  OptimizeTableStmt: {
    build: () => optimizeTable(riskyFrames).all(),
    run: async (statement) => {
      await client.execute(statement);
      expect(await client.query(sql`SELECT COUNT(*)::INT AS n FROM risky_frames`)).toEqual([{ n: risky.length }]);
    },
  },
  SqlStmt: {
    build: () => statement(sql`DELETE FROM risky_frames WHERE frame_id = ${risky[0]!.frame_id}`),
    run: async (statement) => {
      await client.execute(statement);
      expect(await client.query(sql`SELECT COUNT(*)::INT AS n FROM risky_frames`)).toEqual([{ n: risky.length - 1 }]);
    },
  },
  ScriptStmt: {
    // A bare BEGIN starts a transaction: a script block runs on its own only inside EXECUTE IMMEDIATE (below) or as a
    // task's body, so here it is shown to parse as a task's body.
    build: () => script([deleteFrom(riskyFrames), truncateTable(riskyFrames)]),
    run: async (statement) => {
      const error = await serverError(client.execute(createTask(TASK).as(statement)));
      expect(error.serverCode).toBe(1702);
    },
  },
  ExecuteImmediateStmt: {
    build: () =>
      executeImmediate(
        script([
          insertInto(riskyFrames).fromTable(frameEvents).where(sql`risk_score > ${RISK}`),
          deleteFrom(riskyFrames).where(sql`frame_id = ${risky[1]!.frame_id}`),
        ]),
      ),
    run: async (statement) => {
      await client.execute(statement);
      expect(await client.query(sql`SELECT COUNT(*)::INT AS n FROM risky_frames`)).toEqual([{ n: 2 * risky.length - 3 }]);
    },
  },
  TransactionStmt: {
    // BEGIN on the client's session; the DELETE inside is undone by ROLLBACK (test/engine/transactions.test.ts: COMMIT).
    build: () => begin(),
    run: async (statement) => {
      const [before] = await client.query(sql`SELECT COUNT(*)::INT AS n FROM risky_frames`);
      await client.execute(statement);
      await client.execute(deleteFrom(riskyFrames));
      expect(await client.query(sql`SELECT COUNT(*)::INT AS n FROM risky_frames`)).toEqual([{ n: 0 }]);
      await client.execute(rollback());
      expect(await client.query(sql`SELECT COUNT(*)::INT AS n FROM risky_frames`)).toEqual([before]);
    },
  },
  DeleteStmt: {
    build: () => deleteFrom(riskyFrames).where(sql`frame_id = ${risky[2]!.frame_id}`),
    run: async (statement) => {
      await client.execute(statement);
      expect(await client.query(sql`SELECT COUNT(*)::INT AS n FROM risky_frames WHERE frame_id = ${risky[2]!.frame_id}`)).toEqual([{ n: 0 }]);
    },
  },
  TruncateTableStmt: {
    build: () => truncateTable(riskyFrames),
    run: async (statement) => {
      await client.execute(statement);
      expect(await client.query(sql`SELECT COUNT(*)::INT AS n FROM risky_frames`)).toEqual([{ n: 0 }]);
    },
  },
  CreateStreamStmt: {
    build: () => createStream('statements_stream').onTable(frameEvents).appendOnly(),
    run: async (statement) => {
      const error = await serverError(client.execute(statement));
      expect([error.serverCode, error.serverMessage]).toEqual([1402, 'Need Commercial License']);
    },
  },
  CreateTaskStmt: {
    build: () => createTask(TASK).schedule({ minutes: 5 }).as(load()),
    run: async (statement) => {
      const error = await serverError(client.execute(statement));
      expect(error.serverCode).toBe(1702);
      expect(error.serverMessage).toMatch(/^cannot create task without cloud control enabled/);
    },
  },
  AlterTaskStmt: {
    build: () => alterTask(TASK).resume(),
    run: async (statement) => {
      const error = await serverError(client.execute(statement));
      expect(error.serverCode).toBe(1702);
      expect(error.serverMessage).toMatch(/^cannot alter task without cloud control enabled/);
    },
  },
  ExecuteTaskStmt: {
    build: () => executeTask(TASK),
    run: async (statement) => {
      const error = await serverError(client.execute(statement));
      expect(error.serverCode).toBe(1702);
      expect(error.serverMessage).toMatch(/^cannot execute task without cloud control enabled/);
    },
  },
  AlterTableStmt: {
    build: () => alterTable(riskyFrames).addColumn('reviewed', boolean().notNull().default(false).comment('checked by hand')),
    run: async (statement) => {
      await client.execute(statement);
      expect(
        await client.query(
          sql`SELECT name, type, default_expression, comment FROM system.columns WHERE database = 'statements' AND table = 'risky_frames' AND name = 'reviewed'`,
        ),
      ).toEqual([{ name: 'reviewed', type: 'Boolean', default_expression: 'false', comment: 'checked by hand' }]);
      await client.execute(alterTable(riskyFrames).dropColumn('reviewed'));
    },
  },
  CreateTableIndexStmt: {
    build: () => createIndex(invertedIndex('risky_frames_id', ['frame_id']), riskyFrames),
    run: async (statement) => {
      await client.execute(statement);
      expect(await client.query(sql`SELECT name, type FROM system.indexes WHERE database = 'statements'`)).toEqual([
        { name: 'risky_frames_id', type: 'INVERTED' },
      ]);
    },
  },
  RefreshTableIndexStmt: {
    build: () => refreshIndex('INVERTED', 'risky_frames_id', riskyFrames),
    run: async (statement) => {
      // The TRUNCATE example above emptied the table: rows for the index to cover first.
      await client.execute(insertInto(riskyFrames).fromTable(frameEvents).where(sql`risk_score > ${RISK}`));
      await client.execute(statement);
      const [first] = risky;
      const matched = await client.query<{ frame_id: string }>(sql`SELECT frame_id FROM risky_frames WHERE match(frame_id, ${first!.frame_id})`);
      expect(matched.map((r) => r.frame_id)).toContain(first!.frame_id);
    },
  },
  DropTableIndexStmt: {
    build: () => dropIndex('INVERTED', 'risky_frames_id', riskyFrames),
    run: async (statement) => {
      await client.execute(statement);
      expect(await client.query(sql`SELECT name FROM system.indexes WHERE database = 'statements'`)).toEqual([]);
    },
  },
  PresignStmt: {
    // The engine's storage is the local filesystem, which signs nothing: the statement parses and is refused there.
    build: () => presign(stage(), 'frame-events/batch.parquet').upload().expire(600).contentType('application/octet-stream'),
    run: async (statement) => {
      const error = await serverError(client.query(statement));
      expect([error.serverCode, error.serverMessage]).toEqual([3902, "storage doesn't support presign operation"]);
    },
  },
  ShowStmt: {
    build: () => showStages().like('statements%'),
    run: async (statement) => {
      const stages = await client.query(statement as ShowStagesBuilder);
      expect(stages.map((s) => [s.name, s.stage_type, s.url, s.has_credentials])).toEqual([['statements_stage', 'External', `fs://${dir}/`, false]]);
      expect(stages[0]?.created_on).toBeInstanceOf(Date);
    },
  },
  DescribeStmt: {
    build: () => describeConnection('statements_s3'),
    run: async (statement) => {
      const [described] = await client.query(statement as DescribeBuilder<ConnectionRow>);
      expect(described).toEqual({ name: 'statements_s3', storage_type: 's3', storage_params: expect.stringMatching(/^access_key_id=\*{6}NTS /) });
    },
  },
  DropStmt: {
    build: () => dropTable(riskyFrames),
    run: async (statement) => {
      await client.execute(statement);
      expect((await serverError(client.query('SELECT * FROM risky_frames'))).serverCode).toBe(1025);
    },
  },
};

describe('every statement kind runs on the engine', { timeout: QUERY_TIMEOUT_MS }, () => {
  it('has one example per StatementKind, each building a statement of its kind', () => {
    expectTypeOf<keyof typeof examples>().toEqualTypeOf<StatementKind>();
    const entries = Object.entries(examples);
    expect(entries.map(([kind, example]) => [kind, example.build().toNode().kind])).toEqual(entries.map(([kind]) => [kind, kind]));
  });

  it.each(Object.entries(examples))('%s', async (kind, example) => {
    const statement = example.build();
    expect(statement.toNode().kind).toBe(kind);
    await example.run(statement);
  });
});
