import { expectTypeOf, test } from 'vitest';
import type { z } from 'zod';
import { table } from '../../src/schema/table.js';
import type { NewRow, Row } from '../../src/schema/infer.js';
import type { JsonValue } from '../../src/schema/values.js';
import type { selectSchema } from '../../src/schema/zod.js';
import * as t from '../../src/schema/column-types.js';
import { sql } from '../../src/builders/sql.js';

const frames = table('frames', {
  frame_id: t.string().notNull(),
  frame_index: t.int().notNull().default(0),
  big: t.bigint(),
  ubig: t.bigintUnsigned().notNull(),
  price: t.decimal(10, 2),
  captured_at: t.timestamp().notNull(),
  payload: t.variant(),
  embedding: t.vector(4).notNull(),
  labels: t.array(t.string()).notNull(),
  attrs: t.map(t.string(), t.int()),
  point: t.tuple({ lat: t.double(), lon: t.double() }).notNull(),
  pair: t.tuple(t.int(), t.string()).notNull(),
  blob: t.binary(),
});

test('the select row follows the driver value mapping', () => {
  expectTypeOf<Row<typeof frames>>().toEqualTypeOf<{
    frame_id: string;
    frame_index: number;
    big: number | null;
    ubig: bigint;
    price: string | null;
    captured_at: Date;
    payload: JsonValue | null;
    embedding: number[];
    labels: (string | null)[];
    attrs: { [key: string]: number | null } | null;
    point: { lat: number | null; lon: number | null };
    pair: [number | null, string | null];
    blob: Uint8Array | null;
  }>();
});

test('the insert row makes nullable and defaulted columns optional', () => {
  type Insert = NewRow<typeof frames>;
  expectTypeOf<Insert['frame_id']>().toEqualTypeOf<string>();
  expectTypeOf<Insert['captured_at']>().toEqualTypeOf<Date | string>();
  expectTypeOf<Insert['ubig']>().toEqualTypeOf<number | bigint>();
  expectTypeOf<Insert>().toHaveProperty('frame_index');
  const minimal: Insert = {
    frame_id: 'f',
    ubig: 1,
    captured_at: new Date(),
    embedding: [1, 2, 3, 4],
    labels: [],
    point: { lat: 1, lon: 2 },
    pair: [1, 'x'],
  };
  expectTypeOf(minimal).toMatchTypeOf<Insert>();
  // @ts-expect-error frame_id is NOT NULL without a default
  const missing: Insert = { ubig: 1, captured_at: new Date(), embedding: [], labels: [], point: { lat: 1, lon: 2 }, pair: [1, 'x'] };
  void missing;
});

test('defaults are typed by the column', () => {
  t.int().default(1);
  t.timestamp().default(new Date());
  // @ts-expect-error a string is not an INT default
  t.int().default('one');
  // @ts-expect-error a number is not a VARIANT object... but it is JSON, so use a Date instead
  t.variant().default(new Date());
});

test('zod schemas carry the row type', () => {
  expectTypeOf<z.output<ReturnType<typeof selectSchema<typeof frames.columns>>>>().toEqualTypeOf<Row<typeof frames>>();
});

test('computed columns are read but never inserted; AUTOINCREMENT columns may be left out', () => {
  const withComputed = table('with_computed', {
    id: t.bigint().notNull().autoIncrement(),
    name: t.string().notNull(),
    next_id: t.bigint().notNull().storedAs(sql`id + 1`),
    label: t.string().virtualAs(sql`upper(name)`).comment('upper-cased'),
  });
  expectTypeOf<keyof Row<typeof withComputed>>().toEqualTypeOf<'id' | 'name' | 'next_id' | 'label'>();
  expectTypeOf<Row<typeof withComputed>['label']>().toEqualTypeOf<string | null>();
  expectTypeOf<keyof NewRow<typeof withComputed>>().toEqualTypeOf<'id' | 'name'>();
  expectTypeOf<{ name: string }>().toExtend<NewRow<typeof withComputed>>();
  // @ts-expect-error a computed column is no part of an insert
  const row: NewRow<typeof withComputed> = { name: 'a', next_id: 1 };
  void row;
});
