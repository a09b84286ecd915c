// Schema evolution on the engine: introspectTable() reads a table back into the SDK's model; for each change kind a
// declaration is pushed and read back equal (diff empty); destructive changes are refused without the flag; a change
// the engine cannot make in place is reported, and the engine confirms it refuses it; and a pipeline whose declared
// table drifted from the live one stops before its first statement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alterTable,
  array,
  bigint,
  createClient,
  createTable,
  decimal,
  diff,
  int,
  introspectTable,
  map,
  pipeline,
  push,
  runPipeline,
  SchemaChangeRefusedError,
  SchemaDriftError,
  ServerError,
  sql,
  string,
  table,
  tuple,
  vector,
  type AnyTable,
  type DatabendClient,
} from '../../src/index.js';
import { everdriveTables } from '../../examples/everdrive/tables.js';
import { diffTable } from '../../src/migrate/diff.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';

const SETUP_TIMEOUT_MS = 300_000;
const QUERY_TIMEOUT_MS = 120_000;

let engine: TestDatabase;
let client: DatabendClient;

beforeAll(async () => {
  engine = await openTestDatabase('migrate');
  client = createClient({ dsn: engine.dsn });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
});

/** Pushes a declaration, then reads the table back: nothing is left to change. */
async function pushAndReadBack(declared: AnyTable, options: { allowDestructive?: boolean } = {}): Promise<string[]> {
  const applied = await push(client, [declared], options);
  const live = await introspectTable(client, declared.name);
  expect(diffTable(declared, live).map((c) => c.summary)).toEqual([]);
  return applied.map((c) => c.statement!.compile());
}

describe('introspectTable', () => {
  it(
    'reads types (nested, VECTOR, DECIMAL), nullability, defaults, comments, cluster key, options, transient',
    async () => {
      await client.execute(
        sql`CREATE TABLE intro (id BIGINT NOT NULL, amount DECIMAL(10, 2) DEFAULT 1.5 COMMENT 'amt', v VECTOR(3), tags ARRAY(STRING), attrs MAP(STRING, INT), point TUPLE(lat DOUBLE, lon DOUBLE), n INT NOT NULL DEFAULT 3) CLUSTER BY (id) COMMENT = 'hello' block_per_segment = 500`,
      );
      const live = await introspectTable(client, 'intro');
      expect(live).toMatchObject({
        database: 'migrate',
        name: 'intro',
        comment: 'hello',
        clusterBy: { keys: ['id'], type: 'LINEAR' },
        transient: false,
      });
      expect(live!.options.block_per_segment).toBe('500');
      expect(live!.columns).toEqual([
        { name: 'id', type: { kind: 'BIGINT' }, nullable: false, default: undefined, comment: undefined, computed: undefined },
        { name: 'amount', type: { kind: 'DECIMAL', precision: 10, scale: 2 }, nullable: true, default: '1.50', comment: 'amt', computed: undefined },
        { name: 'v', type: { kind: 'VECTOR', dimension: 3 }, nullable: true, default: undefined, comment: undefined, computed: undefined },
        { name: 'tags', type: { kind: 'ARRAY', element: { kind: 'STRING' } }, nullable: true, default: undefined, comment: undefined, computed: undefined },
        {
          name: 'attrs',
          type: { kind: 'MAP', key: { kind: 'STRING' }, value: { kind: 'INT' } },
          nullable: true,
          default: undefined,
          comment: undefined,
          computed: undefined,
        },
        {
          name: 'point',
          // system.columns prints a tuple's field names upper-cased (docs/engine-facts.md).
          type: { kind: 'TUPLE', named: true, fields: { LAT: { kind: 'DOUBLE' }, LON: { kind: 'DOUBLE' } } },
          nullable: true,
          default: undefined,
          comment: undefined,
          computed: undefined,
        },
        { name: 'n', type: { kind: 'INT' }, nullable: false, default: '3', comment: undefined, computed: undefined },
      ]);
      const declared = table(
        'intro',
        {
          id: bigint().notNull(),
          amount: decimal(10, 2).default('1.5').comment('amt'),
          v: vector(3),
          tags: array(string()),
          attrs: map(string(), int()),
          point: tuple({ lat: bigint(), lon: bigint() }),
          n: int().notNull().default(3),
        },
        { clusterBy: ['id'], comment: 'hello', engineOptions: { block_per_segment: 500 } },
      );
      // Only the tuple's field types differ from this declaration.
      expect(diffTable(declared, live).map((c) => c.columns)).toEqual([['point']]);
    },
    QUERY_TIMEOUT_MS,
  );

  it(
    'a TRANSIENT table, and a missing one',
    async () => {
      await client.execute(sql`CREATE TRANSIENT TABLE intro_transient (id INT)`);
      expect((await introspectTable(client, 'intro_transient'))!.transient).toBe(true);
      expect(await introspectTable(client, 'no_such_table')).toBeUndefined();
    },
    QUERY_TIMEOUT_MS,
  );
});

describe('the EverDrive tables', () => {
  it(
    'created from their declarations, read back with nothing to change',
    async () => {
      await push(client, [...everdriveTables]);
      expect(await diff(client, [...everdriveTables])).toEqual([]);
    },
    QUERY_TIMEOUT_MS,
  );
});

describe('push: each change kind, read back equal', () => {
  const v1 = table('people', { id: bigint().notNull(), name: string(), phone: string() });

  it(
    'create table, then add, rename, modify (type, nullability, DEFAULT), comments, cluster key, options',
    async () => {
      expect(await pushAndReadBack(v1)).toEqual(['CREATE TABLE people (\n  id BIGINT NOT NULL,\n  name STRING NULL,\n  phone STRING NULL\n)']);
      await client.execute(sql`INSERT INTO people VALUES (1, 'ann', '555')`);
      expect(await pushAndReadBack(v1)).toEqual([]);

      const added = table('people', { id: bigint().notNull(), name: string(), phone: string(), age: int().default(0) });
      expect(await pushAndReadBack(added)).toEqual(['ALTER TABLE people ADD COLUMN age INT NULL DEFAULT 0 AFTER phone']);

      const renamed = table('people', { id: bigint().notNull(), name: string(), mobile: string().renamedFrom('phone'), age: int().default(0) });
      expect(await pushAndReadBack(renamed)).toEqual(['ALTER TABLE people RENAME COLUMN phone TO mobile']);

      const modified = table('people', {
        id: bigint().notNull(),
        name: string().notNull().default('').comment('full name'),
        mobile: string().comment('mobile number'),
        age: bigint().default(18),
      });
      // name NULL -> NOT NULL is destructive: refused without the flag, run with it.
      await expect(push(client, [modified])).rejects.toThrow(SchemaChangeRefusedError);
      expect(await pushAndReadBack(modified, { allowDestructive: true })).toEqual([
        "ALTER TABLE people MODIFY COLUMN name STRING NOT NULL DEFAULT '' COMMENT 'full name'",
        'ALTER TABLE people MODIFY COLUMN age BIGINT NULL DEFAULT 18',
        "ALTER TABLE people MODIFY COLUMN mobile COMMENT 'mobile number'",
      ]);

      const options = table('people', modified.columns, { comment: 'who is who', clusterBy: ['id'], engineOptions: { block_per_segment: 500 } });
      expect(await pushAndReadBack(options)).toEqual([
        "ALTER TABLE people COMMENT = 'who is who'",
        'ALTER TABLE people CLUSTER BY LINEAR (id)',
        'ALTER TABLE people SET OPTIONS (block_per_segment = 500)',
      ]);
      const unclustered = table('people', modified.columns, { comment: 'who is who', engineOptions: { block_per_segment: 500 } });
      expect(await pushAndReadBack(unclustered)).toEqual(['ALTER TABLE people DROP CLUSTER KEY']);
      const rows = await client.query<{ id: number; name: string; mobile: string; age: number }>(sql`SELECT id, name, mobile, age FROM people`);
      expect(rows).toEqual([{ id: 1, name: 'ann', mobile: '555', age: 0 }]);
    },
    QUERY_TIMEOUT_MS,
  );

  it(
    'a dropped column and a narrowing type are refused without allowDestructive, and nothing runs',
    async () => {
      await client.execute(sql`CREATE TABLE shrink (id BIGINT, keep STRING, fax STRING)`);
      const declared = table('shrink', { id: int(), keep: string() });
      const error = await push(client, [declared]).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SchemaChangeRefusedError);
      expect((error as SchemaChangeRefusedError).refused.map((c) => c.summary)).toEqual([
        'modify column id BIGINT NULL -> id INT NULL (narrowing: values that do not fit fail or change)',
        'drop column fax (not declared; its values are lost)',
      ]);
      expect((await introspectTable(client, 'shrink'))!.columns.map((c) => c.name)).toEqual(['id', 'keep', 'fax']);
      expect(await pushAndReadBack(declared, { allowDestructive: true })).toEqual([
        'ALTER TABLE shrink MODIFY COLUMN id INT NULL',
        'ALTER TABLE shrink DROP COLUMN fax',
      ]);
    },
    QUERY_TIMEOUT_MS,
  );

  it(
    'a VECTOR dimension change is reported as not doable in place; the engine refuses it',
    async () => {
      await client.execute(sql`CREATE TABLE embeddings (id INT, v VECTOR(3))`);
      await client.execute(sql`INSERT INTO embeddings VALUES (1, [1, 2, 3])`);
      const declared = table('embeddings', { id: int(), v: vector(4) });
      const [change] = await diff(client, [declared]);
      expect(change).toMatchObject({ kind: 'not_in_place', columns: ['v'], statement: undefined });
      await expect(push(client, [declared], { allowDestructive: true })).rejects.toThrow(/cannot do this in place; by hand: add a new column/);
      const refusal = await client.execute(alterTable('embeddings').modifyColumn('v', vector(4))).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(refusal).toBeInstanceOf(ServerError);
      expect((refusal as ServerError).serverCode).toBe(1006);
      expect((refusal as ServerError).serverMessage).toMatch(/unable to cast type `Vector\(3\) NULL` to type `Vector\(4\) NULL`/);
    },
    QUERY_TIMEOUT_MS,
  );
});

describe('pipeline drift check', () => {
  it(
    'a declared table that differs from the live one stops the run before its first statement',
    async () => {
      const v1 = table('contacts', { id: int(), name: string() });
      const plan = (t: AnyTable) =>
        pipeline('contacts', [
          { title: 'create table', statement: createTable(t).ifNotExists() },
          { title: 'load', statement: sql`INSERT INTO contacts (id, name) VALUES (1, 'ann')` },
        ]);
      expect((await runPipeline(client, plan(v1))).map((o) => o.status)).toEqual(['done', 'done']);

      const v2 = table('contacts', { id: int(), name: string(), phone: string() });
      const steps: string[] = [];
      const error = await runPipeline(client, plan(v2), { onStep: (o) => steps.push(o.step.title) }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SchemaDriftError);
      expect((error as SchemaDriftError).table).toBe('contacts');
      expect((error as SchemaDriftError).columns).toEqual([{ column: 'phone', problem: 'missing', declared: 'phone STRING NULL', live: undefined }]);
      expect((error as SchemaDriftError).message).toMatch(
        /Table contacts differs from its declaration:\n {2}phone: declared \(phone STRING NULL\), missing on the engine\nNothing was run\. diff\(client, \[table\]\)/,
      );
      expect(steps).toEqual([]);
      expect(await client.query(sql`SELECT count(*) AS n FROM contacts`)).toEqual([{ n: 1n }]);

      // push() makes the change; the run then goes through.
      await push(client, [v2]);
      expect((await runPipeline(client, plan(v2))).map((o) => o.status)).toEqual(['done', 'done']);
      // checkDrift: false skips the check.
      const v3 = table('contacts', { id: int(), name: string() });
      await expect(runPipeline(client, plan(v3), { checkDrift: false })).resolves.toHaveLength(2);
    },
    QUERY_TIMEOUT_MS,
  );
});
