import { DummyDriver, Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { everdriveTables } from '../../examples/everdrive/tables.js';
import { ValidationError } from '../../src/errors.js';
import { cosineDistance, DatabendAdapter, DatabendIntrospector, DatabendQueryCompiler, fromStage, getPath, variantPath, variantString, type KyselyDatabase } from '../../src/kysely/index.js';
import { frameEvents } from '../../examples/everdrive/tables.js';

// Compile-only: the dialect's adapter and compiler with Kysely's DummyDriver.
const db = new Kysely<KyselyDatabase<typeof everdriveTables> & { 'Odd "Name"': { 'my col': string } }>({
  dialect: {
    createAdapter: () => new DatabendAdapter(),
    createDriver: () => new DummyDriver(),
    createQueryCompiler: () => new DatabendQueryCompiler(),
    createIntrospector: (kysely) => new DatabendIntrospector(kysely),
  },
});

describe('DatabendQueryCompiler', () => {
  it('renders identifiers bare when plain, values inlined as escaped literals, no parameters', () => {
    const query = db.selectFrom('frame_events').select(['frame_id', 'risk_score']).where('risk_score', '>', 0.9).where('event_type', '=', "it's \\ odd").compile();
    expect(query.sql).toBe("select frame_id, risk_score from frame_events where risk_score > 0.9 and event_type = 'it\\'s \\\\ odd'");
    expect(query.parameters).toEqual([]);
  });

  it('quotes identifiers that must be quoted', () => {
    expect(db.selectFrom('Odd "Name"').select('my col').compile().sql).toBe('select "my col" from "Odd ""Name"""');
  });

  it('renders LIMIT and OFFSET, booleans, NULL, dates and arrays as literals', () => {
    const at = new Date('2024-08-16T08:00:00.123Z');
    const query = db
      .selectFrom('frame_events')
      .selectAll()
      .where('captured_at', '>=', at)
      .where(sql<boolean>`${true}`)
      .where('session_id', 'is not', null)
      .where('frame_index', 'in', [1, 2])
      .limit(10)
      .offset(20)
      .compile();
    expect(query.sql).toBe(
      "select * from frame_events where captured_at >= '2024-08-16 08:00:00.123000'::TIMESTAMP and TRUE and session_id is not null and frame_index in (1, 2) limit 10 offset 20",
    );
  });

  it('renders inserts with every value inlined', () => {
    const query = db.insertInto('frame_events').values({ frame_id: "f'1\n", risk_score: 0.5, frame_index: null }).compile();
    expect(query.sql).toBe("insert into frame_events (frame_id, risk_score, frame_index) values ('f\\'1\\n', 0.5, NULL)");
  });

  it('refuses RETURNING and ON CONFLICT with a typed error', () => {
    expect(() => db.insertInto('frame_events').values({ frame_id: 'f' }).returning('frame_id').compile()).toThrow(ValidationError);
    expect(() => db.insertInto('frame_events').values({ frame_id: 'f' }).returning('frame_id').compile()).toThrow(
      'DatabendDialect: Databend has no RETURNING clause: select the rows after the insert or update',
    );
    expect(() => db.insertInto('frame_events').values({ frame_id: 'f' }).onConflict((oc) => oc.doNothing()).compile()).toThrow('no ON CONFLICT clause');
  });

  it('refuses identifiers Databend cannot quote', () => {
    expect(() => db.selectFrom('frame_events').select(sql.ref<string>('a\\b').as('x')).compile()).toThrow(ValidationError);
  });

  it('renders the VARIANT, vector and stage helpers', () => {
    const query = db
      .selectFrom('frame_payloads as p')
      .select([
        variantPath('p.payload', ['detections', 0, 'label']).as('label'),
        variantString('p.payload', ['weather', 'it\'s']).as('odd'),
        getPath('p.payload', 'weather.condition').as('weather'),
      ])
      .compile();
    expect(query.sql).toBe(
      "select p.payload:detections[0]:label as label, p.payload:weather['it\\'s']::STRING as odd, get_path(p.payload, 'weather.condition') as weather from frame_payloads as p",
    );
    expect(db.selectFrom('frame_embeddings').select(cosineDistance('embedding', [1, 0, 0.5, 0]).as('d')).compile().sql).toBe(
      'select cosine_distance(embedding, [1, 0, 0.5, 0]::VECTOR(4)) as d from frame_embeddings',
    );
    expect(() => cosineDistance('embedding', [1, Number.NaN])).toThrow('vector values must be finite numbers');
    expect(() => variantPath('payload', ['a', -1])).toThrow('an array index must be a non-negative integer');
    expect(db.selectFrom(fromStage('drive_stage', 'frame-events/', frameEvents, 'f')).select('f.frame_id').compile().sql).toBe(
      [
        'select f.frame_id from (SELECT frame_id::STRING AS frame_id,',
        '       session_id::STRING AS session_id,',
        '       frame_index::INT AS frame_index,',
        '       captured_at::TIMESTAMP AS captured_at,',
        '       event_type::STRING AS event_type,',
        '       risk_score::DOUBLE AS risk_score',
        'FROM @drive_stage/frame-events/) as f',
      ].join('\n'),
    );
  });
});
