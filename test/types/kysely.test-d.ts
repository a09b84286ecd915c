import { DummyDriver, Kysely, type Insertable, type Selectable, type Updateable } from 'kysely';
import { describe, expectTypeOf, it } from 'vitest';
import { type driveSessions, everdriveTables, type frameEmbeddings, frameEvents, framePayloads } from '../../examples/everdrive/tables.js';
import { bigintUnsigned, decimal, int, selectFromStage, string, table, variant, vector } from '../../src/index.js';
import {
  cosineDistance,
  DatabendAdapter,
  DatabendIntrospector,
  DatabendQueryCompiler,
  fromStage,
  getPath,
  l2Distance,
  variantNumber,
  variantPath,
  variantString,
  type KyselyDatabase,
  type KyselyTable,
} from '../../src/kysely/index.js';
import type { JsonValue } from '../../src/schema/values.js';

type DB = KyselyDatabase<typeof everdriveTables>;
const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new DatabendAdapter(),
    createDriver: () => new DummyDriver(),
    createQueryCompiler: () => new DatabendQueryCompiler({ tables: everdriveTables }),
    createIntrospector: (k) => new DatabendIntrospector(k),
  },
});

describe('KyselyDatabase from table() schemas', () => {
  it('has one table per declaration, named as declared; a record of tables works the same', () => {
    expectTypeOf<keyof DB>().toEqualTypeOf<'drive_sessions' | 'frame_events' | 'frame_payloads' | 'frame_embeddings'>();
    type FromRecord = KyselyDatabase<{ events: typeof frameEvents; sessions: typeof driveSessions }>;
    expectTypeOf<keyof FromRecord>().toEqualTypeOf<'frame_events' | 'drive_sessions'>();
    expectTypeOf<FromRecord['frame_events']>().toEqualTypeOf<DB['frame_events']>();
  });

  it("a table's Selectable, Insertable and Updateable are the SDK's row types", () => {
    expectTypeOf<Selectable<KyselyTable<typeof frameEvents>>>().toEqualTypeOf<typeof frameEvents.$inferSelect>();
    // Both ways assignable: the same type up to how optional properties spell `undefined`.
    expectTypeOf<Insertable<KyselyTable<typeof frameEvents>>>().toExtend<typeof frameEvents.$inferInsert>();
    expectTypeOf<typeof frameEvents.$inferInsert>().toExtend<Insertable<KyselyTable<typeof frameEvents>>>();
    type EventUpdate = {
      frame_id?: string;
      session_id?: string | null;
      frame_index?: number | null;
      captured_at?: Date | string | null;
      event_type?: string | null;
      risk_score?: number | null;
    };
    expectTypeOf<Updateable<KyselyTable<typeof frameEvents>>>().toExtend<EventUpdate>();
    expectTypeOf<EventUpdate>().toExtend<Updateable<KyselyTable<typeof frameEvents>>>();
    const money = table('money', { id: bigintUnsigned().notNull(), amount: decimal(10, 2).notNull().default('0'), note: string() });
    expectTypeOf<Selectable<KyselyTable<typeof money>>>().toEqualTypeOf<{ id: bigint; amount: string; note: string | null }>();
    type MoneyInsert = { id: number | bigint; amount?: string | number | bigint; note?: string | null };
    expectTypeOf<Insertable<KyselyTable<typeof money>>>().toExtend<MoneyInsert>();
    expectTypeOf<MoneyInsert>().toExtend<Insertable<KyselyTable<typeof money>>>();
    // @ts-expect-error id is required
    expectTypeOf<{ amount: string }>().toExtend<Insertable<KyselyTable<typeof money>>>();
  });
});

describe('inferred result rows', () => {
  it('selects: each column with its declared type, nullable unless NOT NULL', async () => {
    const rows = await db.selectFrom('frame_events').select(['frame_id', 'risk_score', 'captured_at']).execute();
    expectTypeOf(rows).toEqualTypeOf<{ frame_id: string; risk_score: number | null; captured_at: Date | null }[]>();
    const all = await db.selectFrom('frame_embeddings').selectAll().executeTakeFirstOrThrow();
    expectTypeOf(all).toEqualTypeOf<typeof frameEmbeddings.$inferSelect>();
    expectTypeOf(all.embedding).toEqualTypeOf<number[] | null>();
    const payloads = await db.selectFrom('frame_payloads').select(['payload']).execute();
    expectTypeOf(payloads).toEqualTypeOf<{ payload: JsonValue | null }[]>();
  });

  it('joins and aggregates', async () => {
    const rows = await db
      .selectFrom('frame_events as e')
      .innerJoin('drive_sessions as s', 's.session_id', 'e.session_id')
      .leftJoin('frame_payloads as p', 'p.frame_id', 'e.frame_id')
      .select((eb) => ['s.route_name', 'p.run_stage', eb.fn.countAll<bigint>().as('frames'), eb.fn.max('e.risk_score').as('worst')])
      .groupBy(['s.route_name', 'p.run_stage'])
      .execute();
    expectTypeOf(rows).toEqualTypeOf<{ route_name: string | null; run_stage: string | null; frames: bigint; worst: number | null }[]>();
  });

  it('VARIANT helpers: a VARIANT, a string or a number, NULL where the path leads nowhere', async () => {
    const rows = await db
      .selectFrom('frame_payloads as p')
      .select((eb) => [
        variantPath('p.payload', ['detections', 0]).as('first'),
        variantString(eb.ref('p.payload'), ['weather', 'condition']).as('weather'),
        variantNumber('p.payload', ['speed_kmh']).as('speed'),
        getPath('p.payload', 'weather.condition').as('path'),
      ])
      .execute();
    expectTypeOf(rows).toEqualTypeOf<{ first: JsonValue | null; weather: string | null; speed: number | null; path: JsonValue | null }[]>();
  });

  it('vector distances: a number, or NULL when the column may be NULL', async () => {
    const measures = table('measures', { id: int().notNull(), v: vector(2).notNull(), w: vector(2) });
    const mdb = db as unknown as Kysely<KyselyDatabase<[typeof measures]>>;
    const rows = await mdb
      .selectFrom('measures')
      .select((eb) => [cosineDistance(eb.ref('v'), [1, 0]).as('exact'), l2Distance(eb.ref('w'), [1, 0]).as('maybe'), cosineDistance('v', [1, 0]).as('by_name')])
      .execute();
    expectTypeOf(rows).toEqualTypeOf<{ exact: number; maybe: number | null; by_name: number | null }[]>();
  });

  it('staged files: the table row, or the builder row', async () => {
    const rows = await db
      .selectFrom(fromStage('drive_stage', 'frame-events/', frameEvents, 'f'))
      .selectAll('f')
      .execute();
    expectTypeOf(rows).toEqualTypeOf<(typeof frameEvents.$inferSelect)[]>();
    const picked = await db
      .selectFrom(fromStage(selectFromStage('drive_stage', 'frame-events/').typedAs(frameEvents).columns('frame_id', 'risk_score'), 'f'))
      .innerJoin('frame_payloads as p', 'p.frame_id', 'f.frame_id')
      .select(['f.frame_id', 'f.risk_score', 'p.payload'])
      .execute();
    expectTypeOf(picked).toEqualTypeOf<{ frame_id: string; risk_score: number | null; payload: JsonValue | null }[]>();
  });
});

describe('misuse is a type error', () => {
  it('inserts: NOT NULL columns are required, values must have the column type', () => {
    db.insertInto('frame_events').values({ frame_id: 'f' });
    db.insertInto('frame_payloads').values({ frame_id: 'f', payload: { detections: [], speed_kmh: 3 } });
    db.insertInto('frame_embeddings').values({ frame_id: 'f', embedding: [1, 0, 0, 0] });
    // @ts-expect-error frame_id is NOT NULL without a default
    db.insertInto('frame_events').values({ risk_score: 0.5 });
    // @ts-expect-error risk_score is a number
    db.insertInto('frame_events').values({ frame_id: 'f', risk_score: 'high' });
    // @ts-expect-error a VECTOR takes numbers
    db.insertInto('frame_embeddings').values({ frame_id: 'f', embedding: ['a'] });
    // @ts-expect-error a VARIANT takes JSON values, not functions
    db.insertInto('frame_payloads').values({ frame_id: 'f', payload: () => 1 });
  });

  it('updates: a NOT NULL column cannot be set to NULL', () => {
    db.updateTable('frame_events').set({ risk_score: null });
    // @ts-expect-error frame_id is NOT NULL
    db.updateTable('frame_events').set({ frame_id: null });
  });

  it('unknown tables and columns', () => {
    // @ts-expect-error no such table
    db.selectFrom('frames');
    // @ts-expect-error no such column
    db.selectFrom('frame_events').select(['nope']);
    // @ts-expect-error the column belongs to another table
    db.selectFrom('frame_events').select(['payload']);
  });

  it('helpers take a reference of the right type', () => {
    db.selectFrom('frame_payloads as p').select((eb) => variantPath(eb.ref('p.payload'), ['weather']).as('w'));
    // @ts-expect-error run_stage is a STRING, not a VARIANT
    db.selectFrom('frame_payloads as p').select((eb) => variantPath(eb.ref('p.run_stage'), ['weather']).as('w'));
    db.selectFrom('frame_embeddings as m').select((eb) => cosineDistance(eb.ref('m.embedding'), [1, 0, 0, 0]).as('d'));
    // @ts-expect-error model_version is a STRING, not a VECTOR
    db.selectFrom('frame_embeddings as m').select((eb) => cosineDistance(eb.ref('m.model_version'), [1, 0, 0, 0]).as('d'));
    // @ts-expect-error a query vector is numbers
    cosineDistance('embedding', ['1', '0']);
    // @ts-expect-error a path step is a key or an index
    variantPath('payload', [true]);
  });

  it('a schema with a VARIANT column keeps JSON values', () => {
    const events = table('events', { id: int().notNull(), body: variant().notNull() });
    expectTypeOf<Selectable<KyselyTable<typeof events>>>().toEqualTypeOf<{ id: number; body: JsonValue }>();
    expectTypeOf(framePayloads.$inferSelect.payload).toEqualTypeOf<JsonValue | null>();
  });
});
