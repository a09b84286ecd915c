// Table statements on the engine: CREATE TABLE with indexes, AUTOINCREMENT and expression cluster keys, LIKE and AS
// a query, each ALTER TABLE action, CREATE / REFRESH / DROP of INVERTED, NGRAM and VECTOR indexes, and the Kysely
// dialect's vector helpers over a table with a vector index. Each statement is read back from the catalogue
// (system.columns, system.indexes, system.tables) or by the rows it makes. Computed columns and AUTOINCREMENT NOORDER
// are refused by the local engine, each for its own reason.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosineDistance, DatabendDialect } from '../../src/kysely/index.js';
import {
  alterTable,
  bigint,
  createClient,
  createIndex,
  copyIntoStage,
  createStage,
  createTable,
  dropIndex,
  insertInto,
  int,
  invertedIndex,
  ngramIndex,
  refreshIndex,
  selectFromStage,
  selectFromStream,
  sql,
  string,
  table,
  timestamp,
  vector,
  vectorIndex,
  type DatabendClient,
} from '../../src/index.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';
import { serverError } from '../support/server-error.js';

const SETUP_TIMEOUT_MS = 300_000;
const QUERY_TIMEOUT_MS = 60_000;

let engine: TestDatabase;
let client: DatabendClient;
let dir: string;

beforeAll(async () => {
  engine = await openTestDatabase('table_statements');
  client = createClient({ dsn: engine.dsn });
  dir = await mkdtemp(join(tmpdir(), 'table-statements-'));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface ColumnRow {
  name: string;
  type: string;
  is_nullable: string;
  default_expression: string;
  comment: string;
}

/** The table's columns as the catalogue keeps them, in table order. */
async function columnsOf(name: string): Promise<ColumnRow[]> {
  const desc = await client.query<{ Field: string }>(`DESC ${name}`);
  const rows = await client.query<ColumnRow>(
    sql`SELECT name, type, is_nullable, default_expression, comment FROM system.columns WHERE database = ${engine.database} AND table = ${name}`,
  );
  return desc.map((d) => rows.find((r) => r.name === d.Field)!);
}

async function indexesOf(name: string): Promise<{ name: string; type: string; definition: string }[]> {
  return client.query(sql`SELECT name, type, definition FROM system.indexes WHERE database = ${engine.database} AND table = ${name} ORDER BY name`);
}

const frames = table(
  'frames',
  {
    id: bigint().notNull().autoIncrement({ start: 10, step: 5 }),
    ts: timestamp(),
    device_id: string(),
    embedding: vector(3),
    notes: string(),
  },
  {
    clusterBy: [sql`to_date(ts)`, 'device_id'],
    indexes: [
      vectorIndex('frames_embedding', ['embedding'], { distance: ['cosine', 'l2'], m: 16, efConstruct: 100 }),
      ngramIndex('frames_device', ['device_id'], { gramSize: 3 }),
    ],
  },
);

describe('table statements on the engine', { timeout: QUERY_TIMEOUT_MS }, () => {
  it('CREATE TABLE with AUTOINCREMENT, expression cluster keys and VECTOR / NGRAM indexes', async () => {
    await client.execute(createTable(frames));
    expect((await columnsOf('frames')).map((c) => c.name)).toEqual(frames.columnNames);
    expect(await indexesOf('frames')).toEqual([
      { name: 'frames_device', type: 'NGRAM', definition: "frames(device_id)gram_size='3'" },
      { name: 'frames_embedding', type: 'VECTOR', definition: "frames(embedding)distance='cosine,l2' ef_construct='100' m='16'" },
    ]);
    const [cluster] = await client.query<{ cluster_by: string }>(
      sql`SELECT cluster_by FROM system.tables WHERE database = ${engine.database} AND name = 'frames'`,
    );
    expect(cluster!.cluster_by).toBe('(to_date(ts), device_id)');
    // AUTOINCREMENT (10, 5) numbers the rows an insert leaves the column out of.
    await client.execute(sql`INSERT INTO frames (ts, device_id, embedding, notes) VALUES
      ('2024-08-16 10:00:00', 'cam-front', [1, 2, 3], 'pedestrian crossing ahead'),
      ('2024-08-16 10:00:01', 'cam-rear', [3, 2, 1], 'clear road'),
      ('2024-08-16 10:00:02', 'cam-front', [1, 0, 0], 'pedestrian on the kerb')`);
    const ids = await client.query<{ id: bigint | number }>('SELECT id FROM frames ORDER BY id');
    expect(ids.map((r) => Number(r.id))).toEqual([10, 15, 20]);
  });

  it('AUTOINCREMENT NOORDER is rendered and refused by the engine: it takes ORDER only', async () => {
    const t = table('frames_noorder', { id: bigint().autoIncrement({ order: false }) });
    expect(createTable(t).compile()).toContain('AUTOINCREMENT NOORDER');
    const error = await serverError(client.execute(createTable(t)));
    expect([error.serverCode, error.serverMessage]).toEqual([1065, 'AUTOINCREMENT only support ORDER now']);
  });

  it('computed columns are rendered and refused by the local engine: an Enterprise feature (1402)', async () => {
    const stored = table('frames_stored', { id: bigint(), next_id: bigint().storedAs(sql`id + 1`) });
    const virtual = table('frames_virtual', { id: bigint(), next_id: bigint().virtualAs(sql`id + 1`) });
    for (const statement of [createTable(stored), createTable(virtual), alterTable(frames).addColumn('next_id', bigint().notNull().storedAs(sql`id + 1`))]) {
      const error = await serverError(client.execute(statement));
      expect([error.serverCode, error.serverMessage]).toEqual([1402, 'Need Commercial License']);
    }
  });

  it('the VECTOR index answers ORDER BY cosine_distance LIMIT n, through the Kysely dialect', async () => {
    await client.execute(refreshIndex('VECTOR', 'frames_embedding', frames));
    const db = new Kysely<{ frames: { id: bigint; embedding: number[] } }>({ dialect: new DatabendDialect({ client }) });
    const query = db
      .selectFrom('frames')
      .select(['id', cosineDistance('embedding', [1, 2, 3]).as('distance')])
      .orderBy('distance')
      .limit(2);
    const nearest = await query.execute();
    expect(nearest.map((r) => Number(r.id))).toEqual([10, 15]);
    // The plan reads the index's score (`_vector_score`) and prunes blocks by it: the index is used.
    const compiled = query.compile();
    const plan = (await client.query<{ explain: string }>(`EXPLAIN ${compiled.sql}`)).map((r) => r.explain).join('\n');
    expect(plan).toContain('_vector_score');
    expect(plan).toMatch(/vector pruning/);
  });

  it('CREATE / REFRESH / DROP INVERTED INDEX, and match() over it', async () => {
    await client.execute(createIndex(invertedIndex('frames_notes', ['notes'], { tokenizer: 'english', filters: ['english_stop'] }), frames).ifNotExists());
    expect((await indexesOf('frames')).map((i) => [i.name, i.type])).toContainEqual(['frames_notes', 'INVERTED']);
    await client.execute(refreshIndex('INVERTED', 'frames_notes', frames).limit(10));
    const matched = await client.query<{ id: bigint | number }>(sql`SELECT id FROM frames WHERE match(notes, 'pedestrian') ORDER BY id`);
    expect(matched.map((r) => Number(r.id))).toEqual([10, 20]);
    await client.execute(dropIndex('INVERTED', 'frames_notes', frames));
    expect((await indexesOf('frames')).map((i) => i.name)).not.toContain('frames_notes');
    await client.execute(dropIndex('INVERTED', 'frames_notes', frames).ifExists());
  });

  it('CREATE / REFRESH / DROP NGRAM and VECTOR INDEX by name', async () => {
    await client.execute(dropIndex('NGRAM', 'frames_device', 'frames'));
    await client.execute(createIndex(ngramIndex('frames_device2', ['device_id'], { gramSize: 2, bloomSize: 1024 }), 'frames'));
    await client.execute(refreshIndex('NGRAM', 'frames_device2', 'frames'));
    const liked = await client.query<{ id: bigint | number }>(sql`SELECT id FROM frames WHERE device_id LIKE '%front%' ORDER BY id`);
    expect(liked.map((r) => Number(r.id))).toEqual([10, 20]);
    await client.execute(dropIndex('VECTOR', 'frames_embedding', frames));
    await client.execute(createIndex(vectorIndex('frames_embedding_l1', ['embedding'], { distance: ['l1'] }), frames).orReplace());
    expect(await indexesOf('frames')).toEqual([
      { name: 'frames_device2', type: 'NGRAM', definition: "frames(device_id)bloom_size='1024' gram_size='2'" },
      { name: 'frames_embedding_l1', type: 'VECTOR', definition: "frames(embedding)distance='l1'" },
    ]);
  });

  it('CREATE TABLE ... LIKE copies the columns, not the rows', async () => {
    await client.execute(createTable('frames_like').like(frames));
    expect((await columnsOf('frames_like')).map((c) => [c.name, c.type])).toEqual((await columnsOf('frames')).map((c) => [c.name, c.type]));
    expect(await client.query('SELECT * FROM frames_like')).toEqual([]);
  });

  it('CREATE TABLE ... AS a fragment, a SELECT FROM a table, and a stage SELECT', async () => {
    await client.execute(createTable('front_frames').as(sql`SELECT id, notes FROM frames WHERE device_id = ${'cam-front'}`));
    expect((await client.query<{ id: bigint | number }>('SELECT id FROM front_frames ORDER BY id')).map((r) => Number(r.id))).toEqual([10, 20]);

    // A declared table keeps its columns: the query's are cast to them.
    const frameIds = table('frame_ids', { id: int().notNull(), device_id: string() });
    await client.execute(createTable(frameIds).as(selectFromStream('frames').columns(['id', 'device_id'])));
    expect((await columnsOf('frame_ids')).map((c) => [c.name, c.type])).toEqual([
      ['id', 'Int32'],
      ['device_id', 'Nullable(String)'],
    ]);
    expect(await client.query('SELECT id, device_id FROM frame_ids ORDER BY id')).toEqual([
      { id: 10, device_id: 'cam-front' },
      { id: 15, device_id: 'cam-rear' },
      { id: 20, device_id: 'cam-front' },
    ]);

    // A stage SELECT: the rows unloaded to Parquet files are read back into a new table.
    const stage = createStage('table_statements_stage').url(`fs://${dir}/`);
    await client.execute(stage);
    await client.execute(copyIntoStage(stage, 'frame-ids/').from(frameIds).fileFormat({ type: 'PARQUET' }));
    await client.execute(
      createTable('staged_ids').as(selectFromStage(stage, 'frame-ids/').fileFormat('PARQUET').typedAs(frameIds).where(sql`device_id = 'cam-rear'`)),
    );
    expect(await client.query('SELECT id, device_id FROM staged_ids')).toEqual([{ id: 15, device_id: 'cam-rear' }]);
  });

  it('ALTER TABLE: ADD / MODIFY / RENAME / DROP COLUMN, read back from system.columns', async () => {
    const t = 'frames_like';
    await client.execute(alterTable(t).addColumn('lane', int().notNull().default(3).comment('lane id'), { after: 'id' }));
    await client.execute(alterTable(t).addColumn('camera', string(), { first: true }));
    await client.execute(alterTable(t).addColumn('camera', string(), { ifNotExists: true }));
    let columns = await columnsOf(t);
    expect(columns.map((c) => c.name)).toEqual(['camera', 'id', 'lane', 'ts', 'device_id', 'embedding', 'notes']);
    expect(columns[2]).toEqual({ name: 'lane', type: 'Int32', is_nullable: 'NO', default_expression: '3', comment: 'lane id' });

    await client.execute(alterTable(t).modifyColumn('lane', bigint().default(5).comment('lane number')));
    columns = await columnsOf(t);
    expect(columns[2]).toEqual({ name: 'lane', type: 'Nullable(Int64)', is_nullable: 'YES', default_expression: '5', comment: 'lane number' });
    await client.execute(alterTable(t).modifyColumnComment('lane', "the car's lane"));
    expect((await columnsOf(t))[2]!.comment).toBe("the car's lane");

    await client.execute(alterTable(t).renameColumn('lane', 'lane_no'));
    expect((await columnsOf(t)).map((c) => c.name)).toContain('lane_no');
    await client.execute(alterTable(t).dropColumn('lane_no'));
    await client.execute(alterTable(t).dropColumn('camera'));
    expect((await columnsOf(t)).map((c) => c.name)).toEqual(frames.columnNames);
  });

  it('ALTER TABLE: CLUSTER BY expressions, DROP CLUSTER KEY, SET OPTIONS, COMMENT, RENAME TO', async () => {
    const t = 'frames_like';
    const tableRow = async (name: string) => {
      const [row] = await client.query<{ cluster_by: string; comment: string }>(
        sql`SELECT cluster_by, comment FROM system.tables WHERE database = ${engine.database} AND name = ${name}`,
      );
      return row;
    };
    await client.execute(alterTable(t).clusterBy([sql`to_date(ts)`, 'device_id'], 'LINEAR'));
    expect((await tableRow(t))!.cluster_by).toBe('(to_date(ts), device_id)');
    await client.execute(alterTable(t).dropClusterKey());
    expect((await tableRow(t))!.cluster_by).toBe('');
    await client.execute(alterTable(t).setOptions({ block_per_segment: 500, data_retention_period_in_hours: 24 }));
    const [options] = await client.query<{ table_option: string }>(
      sql`SELECT table_option FROM system.tables WHERE database = ${engine.database} AND name = ${t}`,
    );
    expect(options!.table_option).toMatch(/BLOCK_PER_SEGMENT='500'/i);
    expect(options!.table_option).toMatch(/DATA_RETENTION_PERIOD_IN_HOURS='24'/i);
    await client.execute(alterTable(t).comment('frames, shaped like frames'));
    expect((await tableRow(t))!.comment).toBe('frames, shaped like frames');
    await client.execute(alterTable(t).renameTo('frames_renamed'));
    expect(await tableRow(t)).toBeUndefined();
    expect((await tableRow('frames_renamed'))!.comment).toBe('frames, shaped like frames');
    // IF EXISTS: the pinned engine honours it for RENAME TO and COMMENT only; the column and option actions still
    // answer 1025 for a missing table (docs/engine-facts.md).
    await client.execute(alterTable('frames_gone').renameTo('frames_gone2').ifExists());
    await client.execute(alterTable('frames_gone').comment('none').ifExists());
    const error = await serverError(client.execute(alterTable('frames_gone').dropColumn('x').ifExists()));
    expect([error.serverCode, error.serverMessage]).toEqual([1025, "Unknown table 'frames_gone'"]);
  });

  it('ALTER TABLE: UNSET OPTIONS, MODIFY COLUMN of several columns, SWAP WITH; CREATE TABLE ... AS with engine options', async () => {
    const t = 'frames_renamed';
    const optionsOf = async (name: string) => {
      const [row] = await client.query<{ table_option: string }>(
        sql`SELECT table_option FROM system.tables WHERE database = ${engine.database} AND name = ${name}`,
      );
      return row!.table_option;
    };
    await client.execute(alterTable(t).setOptions({ block_per_segment: 500, data_retention_period_in_hours: 24 }));
    await client.execute(alterTable(t).unsetOptions(['block_per_segment', 'data_retention_period_in_hours']));
    expect(await optionsOf(t)).not.toMatch(/BLOCK_PER_SEGMENT|DATA_RETENTION_PERIOD_IN_HOURS/i);

    // Making a column NOT NULL: the pinned engine does it on a table with rows, and refuses it on an empty one
    // (1058, docs/engine-facts.md).
    const modify = alterTable(t).modifyColumns({ device_id: string().default('cam'), notes: string().notNull().default('') });
    const empty = await serverError(client.execute(modify));
    expect(empty.serverCode).toBe(1058);
    await client.execute(sql`INSERT INTO frames_renamed (ts, device_id, embedding, notes) VALUES ('2026-01-01 00:00:00', 'cam-1', [1, 2, 3], 'n')`);
    await client.execute(modify);
    const columns = await columnsOf(t);
    expect(columns.find((c) => c.name === 'device_id')).toMatchObject({ type: 'Nullable(String)', default_expression: "'cam'" });
    expect(columns.find((c) => c.name === 'notes')).toMatchObject({ type: 'String', is_nullable: 'NO', default_expression: "''" });

    await client.execute(createTable('swap_a').as(sql`SELECT 1 AS a`).engineOptions({ compression: 'lz4' }));
    expect(await optionsOf('swap_a')).toMatch(/COMPRESSION='lz4'/i);
    await client.execute(createTable('swap_b').as(sql`SELECT 'b' AS b`));
    await client.execute(alterTable('swap_a').swapWith('swap_b'));
    expect(await client.query('SELECT * FROM swap_a')).toEqual([{ b: 'b' }]);
    expect(await client.query('SELECT * FROM swap_b')).toEqual([{ a: 1 }]);
  });

  it('ALTER TABLE ... FLASHBACK TO a snapshot and a timestamp of the table', async () => {
    const history = table('history', { id: int() });
    await client.execute(createTable(history));
    await client.execute(sql`INSERT INTO history VALUES (1)`);
    const [first] = await client.query<{ snapshot_id: string; at: string }>(
      sql`SELECT snapshot_id, timestamp::STRING AS at FROM fuse_snapshot(${engine.database}, 'history')`,
    );
    await client.execute(sql`INSERT INTO history VALUES (2)`);
    await client.execute(alterTable(history).flashbackTo({ snapshot: first!.snapshot_id }));
    expect(await client.query('SELECT id FROM history')).toEqual([{ id: 1 }]);
    await client.execute(sql`INSERT INTO history VALUES (3)`);
    await client.execute(alterTable(history).flashbackTo({ timestamp: sql`${first!.at}::TIMESTAMP` }));
    expect(await client.query('SELECT id FROM history')).toEqual([{ id: 1 }]);
    const error = await serverError(client.execute(alterTable(history).flashbackTo({ snapshot: 'no-such-snapshot' })));
    expect(error.serverCode).toBe(2013);
  });

  it('a load into a table with a computed column leaves it out (INSERT ... SELECT renders no computed column)', () => {
    const withComputed = table('with_computed', { id: bigint(), next_id: bigint().storedAs(sql`id + 1`), name: string() });
    expect(insertInto(withComputed).fromTable('src').compile()).toBe('INSERT INTO with_computed (id, name)\nSELECT id, name FROM src');
  });
});
