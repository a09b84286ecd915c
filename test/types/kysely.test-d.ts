import { DummyDriver, Kysely } from 'kysely';
import { describe, expectTypeOf, it } from 'vitest';
import { everdriveTables } from '../../examples/everdrive/tables.js';
import { cosineDistance, DatabendAdapter, DatabendIntrospector, DatabendQueryCompiler, variantString, type KyselyDatabase } from '../../src/kysely/index.js';
import type { JsonValue } from '../../src/schema/values.js';

type DB = KyselyDatabase<typeof everdriveTables>;
const db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new DatabendAdapter(),
    createDriver: () => new DummyDriver(),
    createQueryCompiler: () => new DatabendQueryCompiler(),
    createIntrospector: (k) => new DatabendIntrospector(k),
  },
});

describe('KyselyDatabase from table() schemas', () => {
  it('has one table per declaration, named as declared', () => {
    expectTypeOf<keyof DB>().toEqualTypeOf<'drive_sessions' | 'frame_events' | 'frame_payloads' | 'frame_embeddings'>();
  });

  it('types selected rows as the table declares them', async () => {
    const rows = await db.selectFrom('frame_events').select(['frame_id', 'risk_score', 'captured_at']).execute();
    expectTypeOf(rows).toEqualTypeOf<{ frame_id: string; risk_score: number | null; captured_at: Date | null }[]>();
    const embeddings = await db.selectFrom('frame_embeddings').select(['embedding']).execute();
    expectTypeOf(embeddings).toEqualTypeOf<{ embedding: number[] | null }[]>();
    const payloads = await db.selectFrom('frame_payloads').select(['payload']).execute();
    expectTypeOf(payloads).toEqualTypeOf<{ payload: JsonValue | null }[]>();
  });

  it('types joins and helpers', async () => {
    const rows = await db
      .selectFrom('frame_events as e')
      .innerJoin('frame_payloads as p', 'p.frame_id', 'e.frame_id')
      .select(['e.frame_id', variantString('p.payload', ['weather', 'condition']).as('weather')])
      .execute();
    expectTypeOf(rows).toEqualTypeOf<{ frame_id: string; weather: string | null }[]>();
    const near = await db.selectFrom('frame_embeddings').select(['frame_id', cosineDistance('embedding', [1, 0, 0, 0]).as('d')]).execute();
    expectTypeOf(near).toEqualTypeOf<{ frame_id: string; d: number }[]>();
  });

  it('requires NOT NULL columns in inserts and refuses unknown tables and columns', () => {
    db.insertInto('frame_events').values({ frame_id: 'f' });
    // @ts-expect-error frame_id is NOT NULL without a default
    db.insertInto('frame_events').values({ risk_score: 0.5 });
    // @ts-expect-error risk_score is a number
    db.insertInto('frame_events').values({ frame_id: 'f', risk_score: 'high' });
    // @ts-expect-error no such table
    db.selectFrom('frames');
    // @ts-expect-error no such column
    db.selectFrom('frame_events').select(['nope']);
  });
});
