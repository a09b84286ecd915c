import { expectTypeOf, test } from 'vitest';
import { copyInto } from '../../src/builders/copy-into-table.js';
import { insertInto } from '../../src/builders/insert.js';
import { sql } from '../../src/builders/sql.js';
import type { Compilable } from '../../src/builders/statement-builder.js';
import { createStream } from '../../src/builders/create-stream.js';
import { alterTask } from '../../src/builders/alter-task.js';
import { createTask } from '../../src/builders/create-task.js';
import { copyIntoStage } from '../../src/builders/copy-into-location.js';
import { table, type AnyTable } from '../../src/schema/table.js';
import * as t from '../../src/schema/column-types.js';

const frames = table('frames', { frame_id: t.string().notNull(), risk_score: t.double() });

test('COPY INTO needs a source before any option', () => {
  // @ts-expect-error: no source yet
  copyInto(frames).force();
  // @ts-expect-error: no source yet
  copyInto(frames).compile();
  expectTypeOf(copyInto(frames).fromStage('s', 'p/').force()).toExtend<Compilable>();
});

test('columns and mappings are typed by the table', () => {
  const copy = copyInto(frames).fromStage('s');
  copy.columns(['frame_id', 'risk_score']);
  // @ts-expect-error: not a column of frames
  copy.columns(['frame_idx']);
  copy.map({ frame_id: 'id', risk_score: sql`$2::DOUBLE` });
  // @ts-expect-error: not a column of frames
  copy.map({ score: 'risk' });
  // @ts-expect-error: not a column of frames
  insertInto(frames).fromStream('s').columns(['nope']);
  // A table whose columns are unknown to the compiler takes any name.
  copyInto(frames as AnyTable)
    .fromStage('s')
    .columns(['anything']);
});

test('options take only their domain', () => {
  const copy = copyInto(frames).fromStage('s');
  copy.onError('CONTINUE').onError({ abortAfter: 3 }).onError({ skipFileAfter: 1 });
  // @ts-expect-error: not an ON_ERROR mode
  copy.onError('IGNORE');
  // @ts-expect-error: not a column match mode
  copy.columnMatchMode('case-sensitive');
  // @ts-expect-error: CSV has no USE_LOGIC_TYPE
  copy.fileFormat({ type: 'CSV', useLogicType: true });
});

test('an unload, an insert and a stream need their source first', () => {
  // @ts-expect-error: no source yet
  copyIntoStage('s').single();
  // @ts-expect-error: no source yet
  insertInto(frames).where(sql`1 = 1`);
  // @ts-expect-error: no table yet
  createStream('s').orReplace();
  // Stage-only options exist only on a stage source.
  // @ts-expect-error: a stream source has no PATTERN
  insertInto(frames).fromStream('s').pattern('.*');
  expectTypeOf(insertInto(frames).fromStage('s').where(sql`1 = 1`).pattern('.*')).toExtend<Compilable>();
});

test('a task without a body does not compile', () => {
  // @ts-expect-error: no AS body
  createTask('t').warehouse('default').schedule({ minutes: 5 }).compile();
  // @ts-expect-error: a task draft is not a statement
  const statement: Compilable = createTask('t');
  expectTypeOf(createTask('t').as(copyInto(frames).fromStage('s'))).toExtend<Compilable>();
  // @ts-expect-error: ALTER TASK needs an action
  alterTask('t').ifExists().compile();
  // @ts-expect-error: not a schedule
  createTask('t').schedule({ hours: 1 });
  void statement;
});

test('a computed column is no target of COPY or INSERT', () => {
  const withComputed = table('with_computed', { id: t.bigint().notNull(), next_id: t.bigint().storedAs(sql`id + 1`), name: t.string() });
  copyInto(withComputed).fromStage('s', 'p/').columns(['id', 'name']);
  // @ts-expect-error next_id is computed: no load writes it
  copyInto(withComputed).fromStage('s', 'p/').columns(['next_id']);
  insertInto(withComputed).fromTable('src').columns(['name']);
  // @ts-expect-error next_id is computed: no insert writes it
  insertInto(withComputed).fromTable('src').columns(['next_id']);
});
