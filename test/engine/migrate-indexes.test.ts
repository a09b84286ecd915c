// Indexes and AUTOINCREMENT on the engine: a table declared with them is created, read back equal (introspectTable
// reads SHOW CREATE TABLE) and diffs empty; each index change (added, changed, dropped, over a column that changes) is
// pushed and read back equal; an AUTOINCREMENT change is reported as not doable in place, and the engine refuses the
// ALTER it would need.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alterTable,
  bigint,
  createClient,
  diff,
  int,
  introspectTable,
  invertedIndex,
  ngramIndex,
  push,
  SchemaChangeRefusedError,
  sql,
  string,
  table,
  variant,
  vector,
  vectorIndex,
  type AnyTable,
  type DatabendClient,
} from '../../src/index.js';
import { diffTable } from '../../src/migrate/diff.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';
import { serverError } from '../support/server-error.js';

const SETUP_TIMEOUT_MS = 300_000;
const QUERY_TIMEOUT_MS = 120_000;

let engine: TestDatabase;
let client: DatabendClient;

beforeAll(async () => {
  engine = await openTestDatabase('migrate_indexes');
  client = createClient({ dsn: engine.dsn });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await client?.close();
  await engine?.release();
});

/** Pushes a declaration, reads the table back: nothing is left to change. Resolves to the statements run. */
async function pushAndReadBack(declared: AnyTable): Promise<string[]> {
  const applied = await push(client, [declared], { allowDestructive: true });
  const live = await introspectTable(client, declared.name);
  expect(diffTable(declared, live).map((c) => c.summary)).toEqual([]);
  return applied.map((c) => c.statement!.compile());
}

describe('indexes', () => {
  const columns = { id: bigint().autoIncrement({ start: 5, step: 2 }), note: string(), 'Body Text': string(), v: vector(3) };

  it(
    'declared in CREATE TABLE, read back with their options; then added, changed, dropped, each read back equal',
    async () => {
      const v1 = table('docs', columns, {
        indexes: [
          vectorIndex('v_idx', ['v'], { distance: ['cosine', 'l2'], m: 16, efConstruct: 100 }),
          invertedIndex('note_idx', ['note', 'Body Text'], { tokenizer: 'english', filters: ['english_stop'], indexRecord: 'position' }),
        ],
      });
      await pushAndReadBack(v1);
      const live = await introspectTable(client, 'docs');
      expect(live!.indexes).toEqual([
        {
          type: 'INVERTED',
          name: 'note_idx',
          columns: ['note', 'Body Text'],
          async: false,
          options: { filters: 'english_stop', index_record: 'position', tokenizer: 'english' },
        },
        { type: 'VECTOR', name: 'v_idx', columns: ['v'], async: false, options: { distance: 'cosine,l2', ef_construct: '100', m: '16' } },
      ]);
      expect(live!.columns[0]).toMatchObject({ name: 'id', autoIncrement: { start: 5, step: 2, order: true } });
      await client.execute(sql`INSERT INTO docs (note, "Body Text", v) VALUES ('the quick fox', 'jumps', [1, 0, 0])`);

      // Added: created, then refreshed over the row already there.
      const v2 = table('docs', columns, { indexes: [...v1.options.indexes!, ngramIndex('note_ngram', ['note'], { gramSize: 3 })] });
      expect(await pushAndReadBack(v2)).toEqual(['CREATE NGRAM INDEX note_ngram ON docs (note) gram_size = 3', 'REFRESH NGRAM INDEX note_ngram ON docs']);

      // Changed: dropped and created again.
      const v3 = table('docs', columns, {
        indexes: [
          vectorIndex('v_idx', ['v'], { distance: ['l2'] }),
          invertedIndex('note_idx', ['note', 'Body Text'], { tokenizer: 'english', filters: ['english_stop'], indexRecord: 'position' }),
          ngramIndex('note_ngram', ['note'], { gramSize: 3 }),
        ],
      });
      expect(await pushAndReadBack(v3)).toEqual([
        'DROP VECTOR INDEX v_idx ON docs',
        "CREATE VECTOR INDEX v_idx ON docs (v) distance = 'l2'",
        'REFRESH VECTOR INDEX v_idx ON docs',
      ]);

      // Dropped (in the order the engine lists them: by name).
      const v4 = table('docs', columns, { indexes: [v3.options.indexes![1]!] });
      expect(await pushAndReadBack(v4)).toEqual(['DROP NGRAM INDEX note_ngram ON docs', 'DROP VECTOR INDEX v_idx ON docs']);
      const rows = await client.query<{ note: string }>(sql`SELECT note FROM docs WHERE match(note, 'quick')`);
      expect(rows).toEqual([{ note: 'the quick fox' }]);
    },
    QUERY_TIMEOUT_MS,
  );

  it(
    'a column an index covers is retyped: the engine refuses it while the index is there (1111); diff drops the index first and makes it again',
    async () => {
      const v1 = table('notes', { id: int(), body: string() }, { indexes: [invertedIndex('body_idx', ['body'])] });
      await pushAndReadBack(v1);
      await client.execute(sql`INSERT INTO notes VALUES (1, '{"a": "quick"}')`);
      const refusal = await serverError(client.execute(alterTable('notes').modifyColumn('body', variant())));
      expect([refusal.serverCode, refusal.serverMessage]).toEqual([1111, 'column `body` is referenced by INVERTED index, drop index `body_idx` first']);
      const v2 = table('notes', { id: int(), body: variant() }, { indexes: [invertedIndex('body_idx', ['body'])] });
      expect(await pushAndReadBack(v2)).toEqual([
        'DROP INVERTED INDEX body_idx ON notes',
        'ALTER TABLE notes MODIFY COLUMN body VARIANT NULL',
        'CREATE INVERTED INDEX body_idx ON notes (body)',
        'REFRESH INVERTED INDEX body_idx ON notes',
      ]);
    },
    QUERY_TIMEOUT_MS,
  );
});

describe('ASYNC indexes inside CREATE TABLE', () => {
  it(
    'the engine parses ASYNC INVERTED and NGRAM there but not ASYNC VECTOR (1005); push creates the table, then CREATE ASYNC VECTOR INDEX',
    async () => {
      const inline = await serverError(client.execute(sql`CREATE TABLE av_raw (v VECTOR(3), ASYNC VECTOR INDEX vi (v) distance = 'l2')`));
      expect(inline.serverCode).toBe(1005);
      expect(inline.serverMessage).toMatch(/unexpected `INDEX`.*expecting `\(`/s);
      await client.execute(sql`CREATE TABLE ai_raw (s STRING, ASYNC INVERTED INDEX ii (s), ASYNC NGRAM INDEX ni (s))`);
      expect((await introspectTable(client, 'ai_raw'))!.indexes!.map((i) => [i.type, i.async])).toEqual([
        ['INVERTED', true],
        ['NGRAM', true],
      ]);

      const declared = table(
        'async_docs',
        { s: string(), v: vector(3) },
        { indexes: [vectorIndex('v_async', ['v'], { distance: ['l2'], async: true }), invertedIndex('s_async', ['s'], { async: true })] },
      );
      expect(await pushAndReadBack(declared)).toEqual([
        'CREATE TABLE async_docs (\n  s STRING NULL,\n  v VECTOR(3) NULL,\n  ASYNC INVERTED INDEX s_async (s)\n)',
        "CREATE ASYNC VECTOR INDEX v_async ON async_docs (v) distance = 'l2'",
      ]);
      expect((await introspectTable(client, 'async_docs'))!.indexes).toEqual([
        { type: 'INVERTED', name: 's_async', columns: ['s'], async: true, options: {} },
        { type: 'VECTOR', name: 'v_async', columns: ['v'], async: true, options: { distance: 'l2' } },
      ]);
    },
    QUERY_TIMEOUT_MS,
  );
});

describe('AUTOINCREMENT', () => {
  it(
    'a new AUTOINCREMENT column is added; a changed or removed one is not doable in place, and the engine refuses the ALTER',
    async () => {
      const v1 = table('counters', { name: string() });
      await pushAndReadBack(v1);
      const v2 = table('counters', { id: bigint().autoIncrement({ start: 1, step: 1 }), name: string() });
      expect(await pushAndReadBack(v2)).toEqual(['ALTER TABLE counters ADD COLUMN id BIGINT NULL AUTOINCREMENT (1, 1) FIRST']);
      expect((await introspectTable(client, 'counters'))!.columns[0]!.autoIncrement).toEqual({ start: 1, step: 1, order: true });

      const v3 = table('counters', { id: bigint().autoIncrement({ start: 100, step: 10 }), name: string() });
      const [change] = await diff(client, [v3]);
      expect(change).toMatchObject({
        kind: 'not_in_place',
        summary: 'column id: AUTOINCREMENT (100, 10) ORDER declared, AUTOINCREMENT (1, 1) ORDER on the engine',
        statement: undefined,
      });
      await expect(push(client, [v3], { allowDestructive: true })).rejects.toThrow(SchemaChangeRefusedError);
      // The ALTER it would need: the SDK's builder refuses it before SQL exists, and the engine's MODIFY COLUMN has no
      // AUTOINCREMENT (1005 at the keyword), sent here by hand.
      expect(() => alterTable('counters').modifyColumn('id', v3.columns.id)).toThrow(/MODIFY COLUMN cannot add AUTOINCREMENT/);
      const refusal = await serverError(client.execute(sql`ALTER TABLE counters MODIFY COLUMN id BIGINT NULL AUTOINCREMENT (100, 10)`));
      expect(refusal.serverCode).toBe(1005);
      expect(refusal.serverMessage).toMatch(/unexpected `AUTOINCREMENT`/);

      // Declared without it: a MODIFY COLUMN would drop it silently, so it is not done either.
      const v4 = table('counters', { id: bigint(), name: string() });
      expect((await diff(client, [v4])).map((c) => [c.kind, c.summary])).toEqual([
        ['not_in_place', 'column id: no AUTOINCREMENT declared, AUTOINCREMENT (1, 1) ORDER on the engine'],
      ]);
      expect((await introspectTable(client, 'counters'))!.columns[0]!.autoIncrement).toEqual({ start: 1, step: 1, order: true });
    },
    QUERY_TIMEOUT_MS,
  );
});
