import { expectTypeOf, test } from 'vitest';
import type { CopyFileResult, DatabendClient, StageFile } from '../../src/index.js';
import {
  array,
  bigint,
  bitmap,
  copyInto,
  double,
  int,
  listStage,
  selectFromStage,
  selectFromStream,
  sql,
  string,
  table,
  tuple,
  type Row,
} from '../../src/index.js';

const t = table('t', { id: int().notNull(), name: string() });
declare const client: DatabendClient;

test('query() with a table returns its rows, also into an annotated variable (no TS2589)', async () => {
  // A contextual type used to send TypeScript into inferring T back from Row<T> ("excessively deep").
  const rows: Row<typeof t>[] = await client.query('SELECT * FROM t', { table: t });
  expectTypeOf(rows[0]!.id).toEqualTypeOf<number>();
  expectTypeOf(rows[0]!.name).toEqualTypeOf<string | null>();
  expectTypeOf(client.query('SELECT * FROM t', { table: t })).resolves.toEqualTypeOf<Row<typeof t>[]>();
});

test('returning query() from a function declared with the row type compiles', () => {
  const load = async (): Promise<Row<typeof t>[]> => client.query('SELECT * FROM t', { table: t });
  expectTypeOf(load).returns.resolves.items.toHaveProperty('id');
});

test('stream() with a table yields its rows', () => {
  const rows: AsyncIterable<Row<typeof t>> = client.stream('SELECT * FROM t', { table: t });
  expectTypeOf(rows).toEqualTypeOf<AsyncIterable<Row<typeof t>>>();
  void (async () => {
    // @ts-expect-error a row has no column 'missing'
    for await (const row of client.stream('SELECT * FROM t', { table: t })) void row.missing;
  })();
});

// ---- Every statement the client accepts gives the row type docs/api.md promises -------------------------------------

const events = table('events', {
  id: bigint({ mode: 'bigint' }).notNull(),
  code: bigint({ mode: 'string' }),
  n: bigint(),
  members: bitmap(),
  tags: array(string()),
  pos: tuple({ lat: double(), lon: double() }),
});

test('a typed stage query (typedAs) returns the table rows, without the table option', () => {
  const preview = selectFromStage('s', 'events/').typedAs(events);
  expectTypeOf(client.query(preview)).resolves.toEqualTypeOf<Row<typeof events>[]>();
  expectTypeOf(client.stream(preview)).toEqualTypeOf<AsyncIterable<Row<typeof events>>>();
  expectTypeOf(client.query(preview.limit(3))).resolves.items.toEqualTypeOf<Row<typeof events>>();
});

test('columns() after typedAs() picks those columns of the row', () => {
  const picked = selectFromStage('s').typedAs(events).columns('id', 'tags');
  expectTypeOf(client.query(picked)).resolves.items.toEqualTypeOf<{ id: bigint; tags: (string | null)[] | null }>();
});

test('an untyped stage query, a stream read, text and sql fragments give records', () => {
  expectTypeOf(client.query(selectFromStage('s'))).resolves.items.toEqualTypeOf<Record<string, unknown>>();
  expectTypeOf(client.query(selectFromStream('st'))).resolves.items.toEqualTypeOf<Record<string, unknown>>();
  expectTypeOf(client.query('SELECT 1')).resolves.items.toEqualTypeOf<Record<string, unknown>>();
  expectTypeOf(client.query(sql`SELECT ${1}`)).resolves.items.toEqualTypeOf<Record<string, unknown>>();
  expectTypeOf(client.query<{ one: number }>('SELECT 1 AS one')).resolves.items.toEqualTypeOf<{ one: number }>();
});

test('a table option types the rows of any statement: BIGINT modes, BITMAP members, named tuples', () => {
  expectTypeOf(client.query(selectFromStream('st'), { table: events })).resolves.items.toEqualTypeOf<Row<typeof events>>();
  const row = {} as Row<typeof events>;
  expectTypeOf(row.id).toEqualTypeOf<bigint>();
  expectTypeOf(row.code).toEqualTypeOf<string | null>();
  expectTypeOf(row.n).toEqualTypeOf<number | null>();
  expectTypeOf(row.members).toEqualTypeOf<bigint[] | null>();
  expectTypeOf(row.pos).toEqualTypeOf<{ lat: number | null; lon: number | null } | null>();
});

test('copy() and list() give their reports', () => {
  expectTypeOf(client.copy(copyInto(events).fromStage('s'))).resolves.items.toEqualTypeOf<CopyFileResult>();
  expectTypeOf(client.list(listStage('s'))).resolves.items.toEqualTypeOf<StageFile>();
  // @ts-expect-error copy() takes a COPY INTO <table>, not a stage query
  void client.copy(selectFromStage('s'));
});

test('a typed stage query does not type-check against another row type', () => {
  const preview = selectFromStage('s').typedAs(t);
  // @ts-expect-error the rows are t's: id is a number, not a string
  const wrong: Promise<{ id: string }[]> = client.query(preview);
  void wrong;
});
