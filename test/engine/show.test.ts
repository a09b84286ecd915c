// SHOW and DESC on the engine: the rows of stages, connections and file formats as the SDK types them, LIKE, WHERE
// and LIMIT applied by the engine, and streams and tasks refused for the local engine's reasons (1402, 1702).
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  createClient,
  createConnection,
  createFileFormat,
  createStage,
  describeConnection,
  describeStage,
  describeStream,
  describeTask,
  showConnections,
  showFileFormats,
  showStages,
  showStreams,
  showTasks,
  sql,
  type ConnectionRow,
  type DatabendClient,
  type FileFormatRow,
  type StageRow,
} from '../../src/index.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';
import { serverError } from '../support/server-error.js';

const SETUP_TIMEOUT_MS = 300_000;

let engine: TestDatabase;
let client: DatabendClient;

const KEYS = { accessKeyId: 'AKIASHOWTEST', secretAccessKey: 'show/secret/key' };

beforeAll(async () => {
  engine = await openTestDatabase('show_describe');
  client = createClient({ dsn: engine.dsn });
  await client.execute(createStage('show_internal').fileFormat({ type: 'CSV', fieldDelimiter: '|' }).comment('internal'));
  await client.execute(createStage('show_fs').url('fs:///tmp/'));
  await client.execute(
    createStage('other_s3')
      .url('s3://bucket/x/')
      .credentials({ ...KEYS, endpointUrl: 'http://127.0.0.1:9' }),
  );
  await client.execute(createConnection('show_conn').s3(KEYS));
  await client.execute(createFileFormat('show_csv', { type: 'CSV', fieldDelimiter: '|' }));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
});

describe('SHOW STAGES and DESC STAGE', () => {
  it('return a StageRow per stage, with the columns the SDK types', async () => {
    const rows = await client.query(showStages());
    expectTypeOf(rows).toEqualTypeOf<StageRow[]>();
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect([...byName.keys()].sort()).toEqual(['other_s3', 'show_fs', 'show_internal']);
    const internal = byName.get('show_internal')!;
    expect(Object.keys(internal)).toEqual([
      'name',
      'stage_type',
      'storage_type',
      'url',
      'endpoint',
      'has_credentials',
      'has_encryption_key',
      'storage_params',
      'file_format_options',
      'creator',
      'created_on',
      'comment',
      'owner',
    ]);
    expect(internal).toMatchObject({
      stage_type: 'Internal',
      storage_type: null,
      url: null,
      has_credentials: false,
      storage_params: null,
      file_format_options: { type: 'Csv', field_delimiter: '|' },
      // The engine shows an empty comment, whatever COMMENT the stage was created with.
      comment: '',
    });
    expect(internal.created_on).toBeInstanceOf(Date);
    // The engine masks a stage's credentials but for their last three characters.
    expect(byName.get('other_s3')).toMatchObject({
      stage_type: 'External',
      storage_type: 's3',
      url: 's3://bucket/x/',
      has_credentials: true,
      storage_params: { access_key_id: '******EST', secret_access_key: '******key' },
    });
  });

  it('applies LIKE, WHERE and LIMIT', async () => {
    const names = async (rows: Promise<StageRow[]>) => (await rows).map((r) => r.name).sort();
    expect(await names(client.query(showStages().like('show%')))).toEqual(['show_fs', 'show_internal']);
    expect(await names(client.query(showStages().where(sql`stage_type = ${'External'}`)))).toEqual(['other_s3', 'show_fs']);
    expect(await client.query(showStages().like('show%').limit(1))).toHaveLength(1);
    // SHOW STAGES matches LIKE without regard to case (the engine lowers the pattern and the name); a quote in a
    // name is matched with WHERE, which the engine keeps escaped.
    expect(await names(client.query(showStages().like('SHOW_F%')))).toEqual(['show_fs']);
    expect(await client.query(showStages().where(sql`name = ${"it's none"}`))).toEqual([]);
  });

  it('DESC STAGE describes one, and returns no row for a stage that does not exist', async () => {
    const [row, ...rest] = await client.query(describeStage('show_fs'));
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ name: 'show_fs', stage_type: 'External', storage_type: 'fs', url: 'fs:///tmp/' });
    expect(await client.query(describeStage('show_missing'))).toEqual([]);
  });
});

describe('connections and file formats', () => {
  it('SHOW CONNECTIONS and DESC CONNECTION return ConnectionRows, masked', async () => {
    const expected: ConnectionRow = {
      name: 'show_conn',
      storage_type: 's3',
      storage_params: 'access_key_id=******EST secret_access_key=******key',
    };
    expect(await client.query(showConnections())).toEqual([expected]);
    expect(await client.query(describeConnection('show_conn'))).toEqual([expected]);
    expect((await serverError(client.query(describeConnection('show_missing')))).serverCode).toBe(2510);
  });

  it('SHOW FILE FORMATS returns FileFormatRows', async () => {
    const rows = await client.query(showFileFormats());
    expectTypeOf(rows).toEqualTypeOf<FileFormatRow[]>();
    expect(rows.map((r) => r.name)).toEqual(['show_csv']);
    expect(rows[0]?.format_options).toMatch(/^TYPE = CSV .*FIELD_DELIMITER = '\|'/);
  });
});

describe('streams and tasks', () => {
  it('are refused by the local engine for its reasons, not for their syntax', async () => {
    for (const statement of [showStreams(), showStreams().full().from(engine.database).like('s%'), describeStream('s')]) {
      const error = await serverError(client.query(statement));
      expect([statement.compile(), error.serverCode]).toEqual([statement.compile(), 1402]);
    }
    for (const statement of [showTasks(), showTasks().like('task_%'), showTasks().where(sql`name = ${'t'}`), describeTask('t')]) {
      const error = await serverError(client.query(statement));
      expect([statement.compile(), error.serverCode]).toEqual([statement.compile(), 1702]);
    }
  });
});
