import { expectTypeOf, test } from 'vitest';
import { createTask } from '../../src/builders/create-task.js';
import { mergeInto } from '../../src/builders/merge-into.js';
import { executeImmediate, script, statement } from '../../src/builders/script.js';
import { sql } from '../../src/builders/sql.js';
import type { Compilable } from '../../src/builders/statement-builder.js';
import { optimizeTable, truncateTable } from '../../src/builders/table-maintenance.js';
import { deleteFrom, update } from '../../src/builders/update.js';
import { table } from '../../src/schema/table.js';
import * as t from '../../src/schema/column-types.js';

const readings = table('readings', { device: t.string().notNull(), v: t.int(), at: t.timestamp() });

test('UPDATE needs values before it compiles; values are typed by the columns', () => {
  // @ts-expect-error: no SET yet
  update(readings).compile();
  expectTypeOf(update(readings).set({ v: 1, at: new Date(), device: sql`upper(device)` }).where(sql`TRUE`)).toExtend<Compilable>();
  // @ts-expect-error: not a column of readings
  update(readings).set({ nope: 1 });
  // @ts-expect-error: v is an INT
  update(readings).set({ v: 'one' });
  // @ts-expect-error: device is NOT NULL
  update(readings).set({ device: null });
  expectTypeOf(deleteFrom(readings)).toExtend<Compilable>();
});

test('MERGE needs USING, ON and a WHEN clause before it compiles', () => {
  // @ts-expect-error: no source yet
  mergeInto(readings).on(sql`TRUE`);
  // @ts-expect-error: no WHEN clause yet
  mergeInto(readings).using('src').on(sql`TRUE`).compile();
  expectTypeOf(mergeInto(readings).using('src').on(sql`TRUE`).whenMatchedThenDelete()).toExtend<Compilable>();
  // @ts-expect-error: v is an INT
  mergeInto(readings).using('src').on(sql`TRUE`).whenNotMatchedThenInsert({ v: 'x' });
});

test('OPTIMIZE needs an action; bodies take fragments and any statement', () => {
  // @ts-expect-error: no action yet
  optimizeTable(readings).compile();
  expectTypeOf(optimizeTable(readings).compact().limit(5)).toExtend<Compilable>();
  createTask('t').as([truncateTable(readings), sql`SELECT 1`, script([deleteFrom(readings)]), executeImmediate(sql`BEGIN RETURN 1; END;`)]);
  // @ts-expect-error: statement() takes SQL, not a builder
  statement(truncateTable(readings));
  // @ts-expect-error: a task body is not SQL text
  createTask('t').as('SELECT 1');
});
