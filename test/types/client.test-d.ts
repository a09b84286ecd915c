import { expectTypeOf, test } from 'vitest';
import type { DatabendClient } from '../../src/index.js';
import { int, string, table, type Row } from '../../src/index.js';

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
  // @ts-expect-error a row has no column 'missing'
  void (async () => { for await (const row of client.stream('SELECT * FROM t', { table: t })) void row.missing; })();
});
