// Names and paths the engine takes (issue 10): stage paths that need the quoted '@stage/path' form, each statement
// run where the SDK now renders it and refused by hand where the SDK refuses it, so the two are seen to agree.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyInto,
  copyIntoStage,
  createClient,
  createConnection,
  createStage,
  createTable,
  createTask,
  dropStage,
  insertInto,
  int,
  listStage,
  removeFromStage,
  selectFromStage,
  ServerError,
  sql,
  string,
  table,
  type CreateStageBuilder,
  type DatabendClient,
} from '../../src/index.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';

const SETUP_TIMEOUT_MS = 300_000;
const QUERY_TIMEOUT_MS = 30_000;

let engine: TestDatabase;
let client: DatabendClient;
let root: string;
let stage: CreateStageBuilder;

const readings = table('readings', { id: string().notNull(), value: int() });
const rows = [
  { id: 'r1', value: 1 },
  { id: 'r2', value: 2 },
];
const source = sql`SELECT * FROM (VALUES ('r1', 1), ('r2', 2)) AS v(id, value)`;

beforeAll(async () => {
  engine = await openTestDatabase('names');
  client = createClient({ dsn: engine.dsn });
  root = await mkdtemp(join(tmpdir(), 'names-test-'));
  stage = createStage('names_fs').url(`fs://${root}/`);
  await client.execute(stage);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
  if (root) await rm(root, { recursive: true, force: true });
});

/** The ServerError code a statement ends with, or 0 when it succeeds. */
async function outcome(run: Promise<unknown>): Promise<number> {
  try {
    await run;
    return 0;
  } catch (error) {
    if (error instanceof ServerError) return error.serverCode ?? -1;
    throw error;
  }
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);

describe("stage paths in the quoted form '@stage/path'", { timeout: QUERY_TIMEOUT_MS }, () => {
  // A space, and every other character the bare @stage/path token cannot hold: quotes, a backtick, a comma, a
  // semicolon, parentheses, a no-break space and U+0085 (white space to the engine, not to JavaScript's \s).
  const folders = ['path with space/', `it's "a" (v2), a;b\`c/`, 'nb\u00a0sp/', 'nel\u0085x/'];

  it.each(folders)('%j: unload, stage SELECT, COPY (transform and raw) and INSERT ... SELECT all reach the files', async (folder) => {
    const unload = copyIntoStage(stage, folder).from(source).fileFormat({ type: 'PARQUET' });
    expect(unload.compile().split('\n')[0]).toMatch(/^COPY INTO '@names_fs\//);
    await client.execute(unload);
    const [file] = await readdir(join(root, folder));
    expect(file).toMatch(/[.]parquet$/);

    const preview = await client.query(selectFromStage(stage, folder).typedAs(readings).fileFormat('PARQUET'));
    expect([...preview].sort(byId)).toEqual(rows);

    const target = table(`readings_${folders.indexOf(folder)}`, readings.columns);
    await client.execute(createTable(target).orReplace());
    const copied = await client.copy(copyInto(target).fromStage(stage, folder).fileFormat({ type: 'PARQUET' }));
    expect(copied.map((f) => [f.file, f.rowsLoaded])).toEqual([[`${folder}${file}`, 2]]);
    const raw = await client.copy(copyInto(target).fromStage(stage, folder).raw().files([file!]).fileFormat({ type: 'PARQUET' }).force());
    expect(raw.map((f) => f.rowsLoaded)).toEqual([2]);
    await client.execute(insertInto(target).fromStage(stage, folder).fileFormat('PARQUET').where(sql`value > 1`));
    const stored = await client.query<{ id: string; value: number }>(sql`SELECT id, value FROM ${sql.id(target.name)}`);
    expect(stored.map((r) => r.id).sort()).toEqual(['r1', 'r1', 'r2', 'r2', 'r2']);
  });

  it('LIST and REMOVE take only the bare token: the quoted form is a syntax error (1005), so the SDK refuses the path and a parent folder with PATTERN reaches it', async () => {
    const folder = 'to list and remove/';
    await client.execute(copyIntoStage(stage, folder).from(source).fileFormat({ type: 'CSV' }));
    expect(() => listStage(stage, folder)).toThrow("listStage(): LIST takes only a bare @stage/path (the quoted '@stage/path' is a syntax error there)");
    expect(() => removeFromStage(stage, folder)).toThrow(
      "removeFromStage(): REMOVE takes only a bare @stage/path (the quoted '@stage/path' is a syntax error there)",
    );
    for (const statement of ['LIST', 'REMOVE']) {
      expect(await outcome(client.execute(`${statement} '@names_fs/${folder}'`))).toBe(1005);
      expect(await outcome(client.execute(`${statement} @names_fs/${folder}`))).toBe(1005);
    }
    const listed = await client.list(listStage(stage).pattern('to list and remove/.*'));
    expect(listed.map((f) => f.name)).toEqual((await readdir(join(root, folder))).map((name) => `${folder}${name}`));
    await client.execute(removeFromStage(stage).pattern('to list and remove/.*'));
    expect(await client.list(listStage(stage).pattern('to list and remove/.*'))).toEqual([]);
  });

  it('the bare token ends at any of those characters (1005), so the SDK quotes them even where it quoted nothing before', async () => {
    for (const folder of ['a b/', 'a,b/', 'nel\u0085x/']) {
      expect(await outcome(client.execute(`COPY INTO @names_fs/${folder} FROM (${source.sql}) FILE_FORMAT = (TYPE = 'CSV')`)), folder).toBe(1005);
    }
  });

  it('a path starting with white space is trimmed by the engine (written elsewhere than named), which is why the SDK refuses it', async () => {
    await client.execute(`COPY INTO '@names_fs/ lead/' FROM (${source.sql}) FILE_FORMAT = (TYPE = 'CSV')`);
    expect(await readdir(join(root, 'lead'))).toHaveLength(1);
    expect(() => copyIntoStage(stage, ' lead/')).toThrow(
      "copyIntoStage('names_fs'): a stage path must not start or end with white space (the engine trims it)",
    );
    expect(() => selectFromStage(stage, 'lead/ ')).toThrow('a stage path must not start or end with white space (the engine trims it)');
  });

  it('an ordinary path is still rendered bare', async () => {
    const unload = copyIntoStage(stage, 'plain/data.csv').from(source).fileFormat({ type: 'CSV' }).single().useRawPath().includeQueryId(false);
    expect(unload.compile().split('\n')[0]).toBe('COPY INTO @names_fs/plain/data.csv');
    await client.execute(unload);
    expect(await readFile(join(root, 'plain/data.csv'), 'utf8')).toBe('"r1",1\n"r2",2\n');
  });
});

describe('COPY and INSERT with columns() and map()', { timeout: QUERY_TIMEOUT_MS }, () => {
  it('load the chosen columns from the mapped sources; a mapping key outside columns() is refused before any SQL', async () => {
    await client.execute(copyIntoStage(stage, 'mapped/').from(source).fileFormat({ type: 'CSV' }));
    const target = table('readings_mapped', { id: string(), value: int() });
    await client.execute(createTable(target).orReplace());
    const load = copyInto(target).fromStage(stage, 'mapped/').fileFormat({ type: 'CSV' }).columns(['value']).map({ value: sql`$2` });
    expect((await client.copy(load)).map((f) => f.rowsLoaded)).toEqual([2]);
    await client.execute(insertInto(target).fromStage(stage, 'mapped/').fileFormat('CSV').columns(['id']).map({ id: sql`$1` }));
    const stored = await client.query<{ id: string | null; value: number | null }>(sql`SELECT id, value FROM readings_mapped ORDER BY id, value`);
    expect(stored).toEqual([
      { id: 'r1', value: null },
      { id: 'r2', value: null },
      { id: null, value: 1 },
      { id: null, value: 2 },
    ]);
    expect(() => load.map({ id: sql`$1`, value: sql`$2` })).toThrow(
      "copyInto('readings_mapped').map(): map() key 'id' is not among the columns chosen with columns() (value): a mapping key must be one of the chosen columns, or its source is ignored",
    );
  });
});

describe("bucket-root URLs without the final '/'", { timeout: QUERY_TIMEOUT_MS }, () => {
  // oss, cos and obs need an endpoint; an .invalid host is never contacted.
  const endpoint = { endpointUrl: 'https://endpoint.invalid' };
  const roots = [
    createStage('root_s3').url('s3://everdrive-lakehouse'),
    createStage('root_gcs').url('gcs://everdrive-lakehouse'),
    createStage('root_oss').url('oss://everdrive-lakehouse').credentials(endpoint),
    createStage('root_cos').url('cos://everdrive-lakehouse').credentials(endpoint),
    createStage('root_obs').url('obs://everdrive-lakehouse').credentials(endpoint),
  ];

  it('are created, and the engine stores each with its final /', async () => {
    for (const root of roots) await client.execute(root);
    const stored = await client.query<{ name: string; url: string }>("SELECT name, url FROM system.stages WHERE name LIKE 'root\\_%' ORDER BY name");
    expect(stored).toEqual(['cos', 'gcs', 'obs', 'oss', 's3'].map((scheme) => ({ name: `root_${scheme}`, url: `${scheme}://everdrive-lakehouse/` })));
    for (const root of roots) await client.execute(dropStage(root));
  });

  it('a URL typed as string takes a connection builder (the storage is checked when it runs), and the stage is created', async () => {
    const connection = createConnection('names_s3').s3({ region: 'us-east-1' });
    await client.execute(connection);
    const url: string = ['s3:/', 'everdrive-lakehouse', 'raw', ''].join('/');
    await client.execute(createStage('from_string_url').url(url).connection(connection));
    const [stored] = await client.query<{ url: string }>("SELECT url FROM system.stages WHERE name = 'from_string_url'");
    expect(stored).toEqual({ url: 's3://everdrive-lakehouse/raw/' });
    expect(() => createStage('from_string_url').url(url.replace('s3', 'gcs')).connection(connection)).toThrow(
      'connection names_s3 is for s3, the URL is gcs://',
    );
  });

  it("a path below the bucket still needs the '/', as does a Hugging Face repo (4000), and a URL without a bucket is 1005: the SDK refuses them first", async () => {
    for (const [url, code] of [
      ['s3://everdrive-lakehouse/raw', 4000],
      ['hf://org/repo', 4000],
      ['hf://org', 4000],
      ['s3://', 1005],
    ] as const) {
      expect(await outcome(client.execute(`CREATE STAGE refused_url URL = '${url}'`)), url).toBe(code);
      expect(() => createStage('refused_url').url(url), url).toThrow(
        /^createStage\('refused_url'\)\.url\(\): (path in URL must end with '\/'|an object-store URL names its bucket)/,
      );
    }
  });
});

describe('task names', { timeout: QUERY_TIMEOUT_MS }, () => {
  // Tasks need Databend Cloud: the local engine parses each statement and then refuses it with 1702, so what can be
  // seen is that the SDK's statements parse (1702, never 1005). The engine keeps a task's name as written, quotes
  // included (CreateTaskStmt.name is the identifier's text), while AFTER takes string literals: the SDK renders task
  // names bare and refuses the ones that would need quotes.
  const cloud = 'cannot create task without cloud control enabled';
  const parent = createTask('Parent').warehouse('etl').schedule({ minutes: 5 }).as(selectFromStage('names_fs', 'plain/'));
  const child = createTask('Child').warehouse('etl').after(parent).as(selectFromStage('names_fs', 'plain/'));

  it('a parent and its child, named in mixed case, render the same name bare and as AFTER, and both parse (1702)', async () => {
    expect(parent.compile().split('\n')[0]).toBe('CREATE TASK Parent');
    expect(child.compile().split('\n').slice(0, 3)).toEqual(['CREATE TASK Child', "  WAREHOUSE = 'etl'", "  AFTER 'Parent'"]);
    for (const task of [parent, child]) {
      const error = await client.execute(task).then(
        () => undefined,
        (e: unknown) => e as ServerError,
      );
      expect([error?.serverCode, error?.serverMessage]).toEqual([1702, expect.stringContaining(cloud)]);
    }
  });

  it('a quoted task name parses too (1702), but is refused by the SDK: the engine would keep "Parent" with its quotes', async () => {
    expect(await outcome(client.execute(`CREATE TASK "Parent" WAREHOUSE = 'etl' SCHEDULE = 5 MINUTE AS SELECT 1`))).toBe(1702);
    expect(() => createTask('My Task')).toThrow('createTask(): task name must be a plain identifier (a letter or _ followed by letters, digits or _)');
    expect(() => createTask('Child').after('"Parent"')).toThrow("createTask('Child').after(): task name must be a plain identifier");
    // A reserved word is a syntax error bare, so it is refused rather than quoted.
    expect(await outcome(client.execute(`CREATE TASK select AFTER 'Parent' AS SELECT 1`))).toBe(1005);
    expect(() => createTask('select')).toThrow("createTask(): task name 'select' is a reserved keyword");
  });
});
