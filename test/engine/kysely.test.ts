import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMicros, generateBatch, writeBatch, type EverDriveBatch } from '../../examples/everdrive/batch.js';
import { FOLDERS } from '../../examples/everdrive/pipeline.js';
import { everdriveTables, frameEvents } from '../../examples/everdrive/tables.js';
import { ServerError } from '../../src/errors.js';
import {
  copyInto,
  createClient,
  createStage,
  createTable,
  double,
  int,
  selectFromStage,
  sql as sdkSql,
  string,
  table,
  timestamp,
  variant,
  type DatabendClient,
} from '../../src/index.js';
import {
  cosineDistance,
  DatabendDialect,
  fromStage,
  getPath,
  innerProduct,
  l2Distance,
  UnsupportedByDatabendError,
  variantNumber,
  variantPath,
  variantString,
  type KyselyDatabase,
} from '../../src/kysely/index.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';
import { samples } from '../support/tables.js';

// Tables of the tests, declared once with the SDK: created with createTable(), typed for Kysely by KyselyDatabase.
const kv = table('kv', { id: int().notNull(), v: string() });
const docs = table('docs', { id: int().notNull(), doc: variant() });
const sessionStats = table('session_stats', { session_id: string().notNull(), frames: int(), worst: double(), route: string() });
const ledger = table('ledger', { id: int().notNull(), note: string() });
const withDefaults = table('with_defaults', { id: int().notNull(), note: string().default('n/a'), at: timestamp().default(sdkSql`now()`) });
const testTables = [kv, samples, docs, sessionStats, ledger, withDefaults] as const;
const allTables = [...everdriveTables, ...testTables] as const;

type DB = KyselyDatabase<typeof allTables>;

let engine: TestDatabase;
let client: DatabendClient;
/** One session (the SDK client's), values typed by the declared tables. */
let db: Kysely<DB>;
/** The same session, without the tables: values follow their JavaScript type. */
let untyped: Kysely<DB>;
/** Up to two sessions of its own, opened from the DSN. */
let pool: Kysely<DB>;
let batch: EverDriveBatch;
let batchDir: string;

const STAGE = 'kysely_stage';
const byRiskThenId = (a: { risk_score: number; frame_id: string }, b: { risk_score: number; frame_id: string }) =>
  b.risk_score - a.risk_score || a.frame_id.localeCompare(b.frame_id);
const byId = <T extends { frame_id: string }>(a: T, b: T) => (a.frame_id < b.frame_id ? -1 : a.frame_id > b.frame_id ? 1 : 0);

beforeAll(async () => {
  engine = await openTestDatabase('kysely');
  client = createClient({ dsn: engine.dsn });
  db = new Kysely<DB>({ dialect: new DatabendDialect({ client, tables: allTables }) });
  untyped = new Kysely<DB>({ dialect: new DatabendDialect({ client }) });
  pool = new Kysely<DB>({ dialect: new DatabendDialect({ dsn: engine.dsn, tables: allTables, maxConnections: 2 }) });
  batch = generateBatch({ seed: 7, sessions: 3, framesPerSession: 40 });
  batchDir = await mkdtemp(join(tmpdir(), 'kysely-batch-'));
  await writeBatch(batch, batchDir, { format: 'parquet', filesPerFolder: 1 });
  const stage = createStage(STAGE).url(`fs://${batchDir}/`).fileFormat({ type: 'PARQUET' });
  await client.execute(stage);
  for (const target of everdriveTables) {
    await client.execute(createTable(target));
    await client.copy(copyInto(target).fromStage(stage, FOLDERS[target.name]));
  }
  for (const target of testTables) await client.execute(createTable(target));
}, 300_000);

afterAll(async () => {
  await pool?.destroy();
  await db?.destroy();
  await untyped?.destroy();
  await client?.close();
  await engine?.release();
  if (batchDir) await rm(batchDir, { recursive: true, force: true });
});

describe('selects, joins, aggregates and windows over the loaded batch', () => {
  it('typed select with WHERE, ORDER BY, LIMIT and OFFSET', async () => {
    const rows = await db
      .selectFrom('frame_events')
      .select(['frame_id', 'risk_score', 'event_type', 'captured_at'])
      .where('risk_score', '>', 0.5)
      .orderBy('risk_score', 'desc')
      .orderBy('frame_id')
      .limit(5)
      .offset(2)
      .execute();
    const expected = batch.frameEvents
      .filter((e) => e.risk_score > 0.5)
      .sort(byRiskThenId)
      .slice(2, 7)
      .map((e) => ({ frame_id: e.frame_id, risk_score: e.risk_score, event_type: e.event_type, captured_at: new Date(Math.floor(e.captured_at / 1000)) }));
    expect(expected).toHaveLength(5);
    expect(rows).toEqual(expected);
  });

  it('joins the four EverDrive tables', async () => {
    const rows = await db
      .selectFrom('frame_events as e')
      .innerJoin('drive_sessions as s', 's.session_id', 'e.session_id')
      .innerJoin('frame_payloads as p', 'p.frame_id', 'e.frame_id')
      .innerJoin('frame_embeddings as m', 'm.frame_id', 'e.frame_id')
      .select(['e.frame_id', 's.route_name', 'p.run_stage', 'm.model_version', 'm.embedding'])
      .orderBy('e.frame_id')
      .execute();
    const sessions = new Map(batch.sessions.map((s) => [s.session_id, s]));
    const payloads = new Map(batch.framePayloads.map((p) => [p.frame_id, p]));
    const embeddings = new Map(batch.frameEmbeddings.map((m) => [m.frame_id, m]));
    const expected = [...batch.frameEvents].sort(byId).map((e) => ({
      frame_id: e.frame_id,
      route_name: sessions.get(e.session_id)!.route_name,
      run_stage: payloads.get(e.frame_id)!.run_stage,
      model_version: embeddings.get(e.frame_id)!.model_version,
      // VECTOR stores Float32: each value comes back as the nearest Float32.
      embedding: embeddings.get(e.frame_id)!.embedding.map(Math.fround),
    }));
    expect(rows).toEqual(expected);
  });

  it('aggregates per session, with HAVING', async () => {
    const rows = await db
      .selectFrom('frame_events as e')
      .innerJoin('drive_sessions as s', 's.session_id', 'e.session_id')
      .select((eb) => [
        's.session_id',
        's.route_name',
        eb.fn.countAll<bigint>().as('frames'),
        eb.fn.max('e.risk_score').as('worst'),
        eb.fn.min('e.risk_score').as('calmest'),
        eb.fn.avg<number>('e.risk_score').as('mean'),
        eb.fn.count<bigint>('e.event_type').distinct().as('kinds'),
      ])
      .groupBy(['s.session_id', 's.route_name'])
      .having((eb) => eb.fn.max('e.risk_score'), '>', 0.5)
      .orderBy('s.session_id')
      .execute();
    const expected = batch.sessions
      .map((s) => {
        const events = batch.frameEvents.filter((e) => e.session_id === s.session_id);
        const risks = events.map((e) => e.risk_score);
        return {
          session_id: s.session_id,
          route_name: s.route_name,
          frames: BigInt(events.length),
          worst: Math.max(...risks),
          calmest: Math.min(...risks),
          mean: risks.reduce((sum, r) => sum + r, 0) / risks.length,
          kinds: BigInt(new Set(events.map((e) => e.event_type)).size),
        };
      })
      .filter((s) => s.worst > 0.5)
      .sort((a, b) => a.session_id.localeCompare(b.session_id));
    expect(rows.map(({ mean, ...rest }) => rest)).toEqual(expected.map(({ mean, ...rest }) => rest));
    // The mean is summed in another order than here: equal to the last bits.
    rows.forEach((row, i) => expect(row.mean).toBeCloseTo(expected[i]!.mean, 12));
  });

  it('window functions: the riskiest frame of each session, and frames per session on every row', async () => {
    const ranked = db
      .selectFrom('frame_events')
      .select((eb) => [
        'session_id',
        'frame_id',
        eb.fn
          .agg<bigint>('row_number')
          .over((ob) => ob.partitionBy('session_id').orderBy('risk_score', 'desc').orderBy('frame_id'))
          .as('rank'),
        eb.fn
          .countAll<bigint>()
          .over((ob) => ob.partitionBy('session_id'))
          .as('in_session'),
      ])
      .as('ranked');
    const rows = await db.selectFrom(ranked).select(['session_id', 'frame_id', 'in_session']).where('rank', '=', 1n).orderBy('session_id').execute();
    const expected = batch.sessions
      .map((s) => {
        const events = batch.frameEvents.filter((e) => e.session_id === s.session_id).sort(byRiskThenId);
        return { session_id: s.session_id, frame_id: events[0]!.frame_id, in_session: BigInt(events.length) };
      })
      .sort((a, b) => a.session_id.localeCompare(b.session_id));
    expect(rows).toEqual(expected);
  });

  it('CTEs, set operations and lateral joins', async () => {
    const threshold = 0.8;
    const rows = await db
      .with('risky', (qc) => qc.selectFrom('frame_events').select('frame_id').where('risk_score', '>', threshold))
      .selectFrom('risky')
      .select('frame_id')
      .union(db.selectFrom('frame_payloads').select('frame_id').where('run_stage', '=', 'review'))
      .orderBy('frame_id')
      .execute();
    const expected = new Set([
      ...batch.frameEvents.filter((e) => e.risk_score > threshold).map((e) => e.frame_id),
      ...batch.framePayloads.filter((p) => p.run_stage === 'review').map((p) => p.frame_id),
    ]);
    expect(rows.map((r) => r.frame_id)).toEqual([...expected].sort());

    const latest = await db
      .selectFrom('drive_sessions as s')
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom('frame_events as e')
            .select(['e.frame_id', 'e.frame_index'])
            .whereRef('e.session_id', '=', 's.session_id')
            .orderBy('e.frame_index', 'desc')
            .limit(1)
            .as('last'),
        (join) => join.onTrue(),
      )
      .select(['s.session_id', 'last.frame_id'])
      .orderBy('s.session_id')
      .execute();
    const expectedLatest = batch.sessions
      .map((s) => {
        const events = batch.frameEvents.filter((e) => e.session_id === s.session_id).sort((a, b) => b.frame_index - a.frame_index);
        return { session_id: s.session_id, frame_id: events[0]!.frame_id };
      })
      .sort((a, b) => a.session_id.localeCompare(b.session_id));
    expect(latest).toEqual(expectedLatest);
  });
});

describe('the downstream queries of docs/kysely.md', () => {
  it('the riskiest frames with their route and payload fields', async () => {
    const riskiest = await db
      .selectFrom('frame_events as e')
      .innerJoin('drive_sessions as s', 's.session_id', 'e.session_id')
      .innerJoin('frame_payloads as p', 'p.frame_id', 'e.frame_id')
      .select([
        'e.frame_id',
        's.route_name',
        'e.event_type',
        'e.risk_score',
        variantString('p.payload', ['detections', 0, 'label']).as('top_label'),
        variantNumber('p.payload', ['speed_kmh']).as('speed_kmh'),
        variantString('p.payload', ['weather', 'condition']).as('weather'),
      ])
      .where('e.risk_score', '>=', 0.8)
      .orderBy('e.risk_score', 'desc')
      .orderBy('e.frame_id')
      .limit(10)
      .execute();
    const sessions = new Map(batch.sessions.map((s) => [s.session_id, s]));
    const payloads = new Map(batch.framePayloads.map((p) => [p.frame_id, p.payload]));
    const expected = batch.frameEvents
      .filter((e) => e.risk_score >= 0.8)
      .sort(byRiskThenId)
      .slice(0, 10)
      .map((e) => ({
        frame_id: e.frame_id,
        route_name: sessions.get(e.session_id)!.route_name,
        event_type: e.event_type,
        risk_score: e.risk_score,
        top_label: payloads.get(e.frame_id)!.detections[0]?.label ?? null,
        speed_kmh: payloads.get(e.frame_id)!.speed_kmh,
        weather: payloads.get(e.frame_id)!.weather.condition,
      }));
    expect(expected.length).toBeGreaterThan(0);
    expect(riskiest).toEqual(expected);
  });

  it('the three riskiest frames of each session', async () => {
    const ranked = db
      .selectFrom('frame_events')
      .select((eb) => [
        'session_id',
        'frame_id',
        'risk_score',
        eb.fn
          .agg<bigint>('row_number')
          .over((ob) => ob.partitionBy('session_id').orderBy('risk_score', 'desc').orderBy('frame_id'))
          .as('rank'),
      ])
      .as('ranked');
    const top3 = await db.selectFrom(ranked).selectAll().where('rank', '<=', 3n).orderBy('session_id').orderBy('rank').execute();
    const expected = [...batch.sessions]
      .sort((a, b) => a.session_id.localeCompare(b.session_id))
      .flatMap((s) =>
        batch.frameEvents
          .filter((e) => e.session_id === s.session_id)
          .sort(byRiskThenId)
          .slice(0, 3)
          .map((e, i) => ({ session_id: s.session_id, frame_id: e.frame_id, risk_score: e.risk_score, rank: BigInt(i + 1) })),
      );
    expect(top3).toEqual(expected);
  });
});

describe('VARIANT and VECTOR queries', () => {
  it('reads VARIANT paths of the payloads', async () => {
    const rows = await db
      .selectFrom('frame_payloads as p')
      .select((eb) => [
        'p.frame_id',
        variantString('p.payload', ['detections', 0, 'label']).as('label'),
        variantNumber('p.payload', ['speed_kmh']).as('speed'),
        variantPath(eb.ref('p.payload'), ['weather']).as('weather'),
        getPath('p.payload', 'detections[0].bbox[2]').as('width'),
      ])
      .orderBy('p.frame_id')
      .execute();
    const expected = [...batch.framePayloads].sort(byId).map((p) => ({
      frame_id: p.frame_id,
      label: p.payload.detections[0]?.label ?? null,
      speed: p.payload.speed_kmh,
      weather: p.payload.weather,
      width: p.payload.detections[0]?.bbox[2] ?? null,
    }));
    expect(rows).toEqual(expected);
  });

  it('filters and groups on a VARIANT path', async () => {
    const rows = await db
      .selectFrom('frame_payloads as p')
      .select((eb) => [variantString('p.payload', ['weather', 'condition']).as('condition'), eb.fn.countAll<bigint>().as('frames')])
      .where(variantNumber('p.payload', ['speed_kmh']), '>', 30)
      .groupBy(variantString('p.payload', ['weather', 'condition']))
      .orderBy('condition')
      .execute();
    const counts = new Map<string, number>();
    for (const p of batch.framePayloads)
      if (p.payload.speed_kmh > 30) counts.set(p.payload.weather.condition, (counts.get(p.payload.weather.condition) ?? 0) + 1);
    expect(rows).toEqual([...counts].sort(([a], [b]) => a.localeCompare(b)).map(([condition, frames]) => ({ condition, frames: BigInt(frames) })));
  });

  it('any JSON key, quotes, backslashes, reserved words and the empty key included, is read back through variantPath', async () => {
    const key = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', 'B', '_', '0', ' ', '.', '"', "'", '\\', '[', ']', ':', '{', '}', ',', 'é', '😀', '\n', '\0'), maxLength: 6 }),
      fc.constantFrom('select', 'order', 'from', 'Label', 'array', 'as', 'key', 'value', ''),
    );
    let id = 0;
    await fc.assert(
      fc.asyncProperty(key, fc.integer(), async (k, value) => {
        id += 1;
        const doc = { [k]: value, nested: { [k]: [value, { [k]: String(value) }] } };
        await db.insertInto('docs').values({ id, doc }).execute();
        const [row] = await db
          .selectFrom('docs')
          .select([variantPath('doc', [k]).as('top'), variantNumber('doc', ['nested', k, 0]).as('first'), variantString('doc', ['nested', k, 1, k]).as('deep')])
          .where('id', '=', id)
          .execute();
        expect(row).toEqual({ top: value, first: value, deep: String(value) });
      }),
      {
        numRuns: 80,
        examples: [
          ['a"b', 1],
          ['c\\d', 2],
          ['', 3],
          ['select', 4],
        ],
      },
    );
  }, 60_000);

  const query = [0.5, -0.25, 0.75, 0.1];
  const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);
  const norm = (v: readonly number[]) => Math.sqrt(dot(v, v));
  /** The k nearest in JS, checked to be apart by more than Float32 rounding, so the engine must rank them the same. */
  function topK(score: (v: readonly number[]) => number, k: number, direction: 1 | -1 = 1) {
    const ranked = batch.frameEmbeddings.map((m) => ({ frame_id: m.frame_id, score: score(m.embedding) })).sort((a, b) => direction * (a.score - b.score));
    expect(ranked.slice(0, k + 1).every((e, i, all) => i === 0 || Math.abs(e.score - all[i - 1]!.score) > 1e-5)).toBe(true);
    return ranked.slice(0, k);
  }

  it('top-k nearest frames to a query vector by cosine distance, L2 distance and inner product', async () => {
    const cosine = await db
      .selectFrom('frame_embeddings')
      .select(['frame_id', cosineDistance('embedding', query).as('distance')])
      .orderBy('distance')
      .limit(5)
      .execute();
    const expectedCosine = topK((v) => 1 - dot(v, query) / (norm(v) * norm(query)), 5);
    expect(cosine.map((r) => r.frame_id)).toEqual(expectedCosine.map((e) => e.frame_id));
    cosine.forEach((row, i) => expect(row.distance).toBeCloseTo(expectedCosine[i]!.score, 5));

    const l2 = await db
      .selectFrom('frame_embeddings as m')
      .select((eb) => ['m.frame_id', l2Distance(eb.ref('m.embedding'), query).as('distance')])
      .orderBy('distance')
      .limit(5)
      .execute();
    const expectedL2 = topK((v) => Math.hypot(...v.map((x, i) => x - query[i]!)), 5);
    expect(l2.map((r) => r.frame_id)).toEqual(expectedL2.map((e) => e.frame_id));
    l2.forEach((row, i) => expect(row.distance).toBeCloseTo(expectedL2[i]!.score, 5));

    const inner = await db
      .selectFrom('frame_embeddings')
      .select(['frame_id', innerProduct('embedding', query).as('score')])
      .orderBy('score', 'desc')
      .limit(5)
      .execute();
    const expectedInner = topK((v) => dot(v, query), 5, -1);
    expect(inner.map((r) => r.frame_id)).toEqual(expectedInner.map((e) => e.frame_id));
    inner.forEach((row, i) => expect(row.score).toBeCloseTo(expectedInner[i]!.score, 5));
  });

  it('frames nearest to another frame: the query vector is a subquery', async () => {
    const anchor = batch.frameEmbeddings[17]!;
    const rows = await db
      .selectFrom('frame_embeddings as m')
      .innerJoin('frame_events as e', 'e.frame_id', 'm.frame_id')
      .select((eb) => [
        'm.frame_id',
        'e.risk_score',
        cosineDistance('m.embedding', eb.selectFrom('frame_embeddings as a').select('a.embedding').where('a.frame_id', '=', anchor.frame_id)).as('distance'),
      ])
      .where('m.frame_id', '!=', anchor.frame_id)
      .orderBy('distance')
      .limit(3)
      .execute();
    const expected = batch.frameEmbeddings
      .filter((m) => m.frame_id !== anchor.frame_id)
      .map((m) => ({ frame_id: m.frame_id, distance: 1 - dot(m.embedding, anchor.embedding) / (norm(m.embedding) * norm(anchor.embedding)) }))
      .sort((a, b) => a.distance - b.distance);
    expect(expected.slice(0, 4).every((e, i, all) => i === 0 || e.distance - all[i - 1]!.distance > 1e-5)).toBe(true);
    const risk = new Map(batch.frameEvents.map((e) => [e.frame_id, e.risk_score]));
    expect(rows.map((r) => ({ frame_id: r.frame_id, risk_score: r.risk_score }))).toEqual(
      expected.slice(0, 3).map((e) => ({ frame_id: e.frame_id, risk_score: risk.get(e.frame_id) })),
    );
    rows.forEach((row, i) => expect(row.distance).toBeCloseTo(expected[i]!.distance, 5));
  });
});

describe('staged files as a typed source', () => {
  it('a stage, a path and a table', async () => {
    const rows = await db
      .selectFrom(fromStage(STAGE, FOLDERS.frame_events, frameEvents, 'f'))
      .select(['f.frame_id', 'f.frame_index', 'f.captured_at'])
      .orderBy('f.frame_id')
      .execute();
    expect(rows).toEqual(
      [...batch.frameEvents]
        .sort(byId)
        .map((e) => ({ frame_id: e.frame_id, frame_index: e.frame_index, captured_at: new Date(Math.floor(e.captured_at / 1000)) })),
    );
  });

  it('a selectFromStage builder with a pattern, joined to a loaded table', async () => {
    const staged = selectFromStage(STAGE, FOLDERS.frame_events).pattern('.*[.]parquet').typedAs(frameEvents).columns('frame_id', 'risk_score');
    const rows = await db
      .selectFrom(fromStage(staged, 'f'))
      .innerJoin('frame_payloads as p', 'p.frame_id', 'f.frame_id')
      .select(['f.frame_id', 'f.risk_score', 'p.run_stage'])
      .where('f.risk_score', '>', 0.7)
      .orderBy('f.frame_id')
      .execute();
    const stages = new Map(batch.framePayloads.map((p) => [p.frame_id, p.run_stage]));
    expect(rows).toEqual(
      batch.frameEvents
        .filter((e) => e.risk_score > 0.7)
        .sort(byId)
        .map((e) => ({ frame_id: e.frame_id, risk_score: e.risk_score, run_stage: stages.get(e.frame_id) })),
    );
  });
});

describe('writes', () => {
  it('inserts follow the declared column types and read back exactly', async () => {
    const at = new Date('2024-08-16T08:00:00.5Z');
    const full = {
      id: 1,
      s: "it's",
      doc: 'hello',
      day: at,
      at,
      emb: [0.5, 1, -2],
      tags: ['x', null, "it's"],
      attrs: { "k'": 1, b: 2 },
      pair: [7, 'seven'] as const,
      amount: '12.34',
      big: 18446744073709551615n,
      raw: new Uint8Array([0, 255, 10]),
      flag: false,
    };
    const rows = [
      full,
      { id: 2, doc: '{"a":1}' },
      { id: 3, doc: { a: [1, 'x'], b: null, c: { d: true } } },
      { id: 4, doc: [1, 'two', 3.5] },
      { id: 5, doc: 42 },
      { id: 6, doc: true },
    ];
    const result = await db.insertInto('samples').values(rows).executeTakeFirst();
    expect(result.numInsertedOrUpdatedRows).toBe(BigInt(rows.length));
    const read = await db.selectFrom('samples').selectAll().orderBy('id').execute();
    const empty = { s: null, doc: null, day: null, at: null, emb: null, tags: null, attrs: null, pair: null, amount: null, big: null, raw: null, flag: null };
    expect(read).toEqual([
      // A DATE keeps the day; a TUPLE comes back as an array.
      { ...full, day: new Date('2024-08-16T00:00:00Z'), pair: [...full.pair] },
      ...rows.slice(1).map((row) => ({ ...empty, ...row })),
    ]);
  });

  it('without the declared tables a string for a VARIANT column is parsed as JSON by Databend', async () => {
    await untyped.insertInto('docs').values({ id: 1000, doc: '{"a":1}' }).execute();
    await expect(untyped.insertInto('docs').values({ id: 1001, doc: 'hello' }).execute()).rejects.toThrow(ServerError);
    expect(await db.selectFrom('docs').select('doc').where('id', 'in', [1000, 1001]).execute()).toEqual([{ doc: { a: 1 } }]);
  });

  it('INSERT ... SELECT, UPDATE, DELETE and MERGE report the rows they wrote', async () => {
    const perSession = batch.sessions.map((s) => {
      const events = batch.frameEvents.filter((e) => e.session_id === s.session_id);
      return { session_id: s.session_id, frames: events.length, worst: Math.max(...events.map((e) => e.risk_score)), route: s.route_name };
    });
    const inserted = await db
      .insertInto('session_stats')
      .columns(['session_id', 'frames', 'worst'])
      .expression((eb) =>
        eb
          .selectFrom('frame_events')
          .select((e) => ['session_id' as const, e.fn.countAll<number>().as('frames'), e.fn.max('risk_score').as('worst')])
          .groupBy('session_id'),
      )
      .executeTakeFirst();
    expect(inserted.numInsertedOrUpdatedRows).toBe(BigInt(batch.sessions.length));

    const cut = [...perSession].sort((a, b) => a.worst - b.worst)[1]!.worst;
    const updated = await db
      .updateTable('session_stats')
      .set((eb) => ({ frames: eb('frames', '+', 1000) }))
      .where('worst', '>=', cut)
      .executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(BigInt(perSession.filter((s) => s.worst >= cut).length));

    const deleted = await db.deleteFrom('session_stats').where('frames', '<', 1000).executeTakeFirst();
    const kept = perSession.filter((s) => s.worst >= cut);
    expect(deleted.numDeletedRows).toBe(BigInt(perSession.length - kept.length));

    // The MERGE of docs/kysely.md: matched sessions get their route, deleted ones come back with only a route.
    const merged = await db
      .mergeInto('session_stats as t')
      .using('drive_sessions as s', 's.session_id', 't.session_id')
      .whenMatched()
      .thenUpdateSet((eb) => ({ route: eb.ref('s.route_name') }))
      .whenNotMatched()
      .thenInsertValues((eb) => ({ session_id: eb.ref('s.session_id'), route: eb.ref('s.route_name') }))
      .executeTakeFirst();
    expect(merged.numChangedRows).toBe(BigInt(batch.sessions.length));

    const rows = await db.selectFrom('session_stats').selectAll().orderBy('session_id').execute();
    expect(rows).toEqual(
      perSession
        .map((s) => (s.worst >= cut ? { ...s, frames: s.frames + 1000 } : { session_id: s.session_id, frames: null, worst: null, route: s.route }))
        .sort((a, b) => a.session_id.localeCompare(b.session_id)),
    );
  });
});

describe('streaming', () => {
  it('streams every row in chunks, in order', async () => {
    const ids: string[] = [];
    for await (const row of db.selectFrom('frame_embeddings').select('frame_id').orderBy('frame_id').stream(7)) ids.push(row.frame_id);
    expect(ids).toEqual(batch.frameEmbeddings.map((m) => m.frame_id).sort());
  });

  it('leaving a stream early releases the connection', async () => {
    let seen = 0;
    for await (const row of db.selectFrom('frame_events').select('frame_id').stream(3)) {
      expect(typeof row.frame_id).toBe('string');
      seen += 1;
      if (seen === 4) break;
    }
    // The dialect over one client has one connection: this query runs only if the stream gave it back.
    const [count] = await db
      .selectFrom('frame_events')
      .select((eb) => eb.fn.countAll<bigint>().as('n'))
      .execute();
    expect(count).toEqual({ n: BigInt(batch.frameEvents.length) });
  });
});

describe('introspection', () => {
  const databendType: Record<string, string> = { STRING: 'VARCHAR', INT: 'INT', DOUBLE: 'DOUBLE', TIMESTAMP: 'TIMESTAMP', VARIANT: 'VARIANT' };

  it('lists the tables and their columns as declared, in declaration order', async () => {
    await db.schema
      .createView('risky_frames')
      .as(db.selectFrom('frame_events').select(['frame_id', 'risk_score']).where('risk_score', '>', 0.9))
      .execute();
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => t.name).sort()).toEqual([...allTables.map((t) => t.name), 'risky_frames'].sort());
    for (const declared of [...everdriveTables, withDefaults]) {
      const found = tables.find((t) => t.name === declared.name)!;
      expect(found.schema).toBe(engine.database);
      expect(found.isView).toBe(false);
      expect(found.columns).toEqual(
        Object.entries(declared.columns).map(([name, column]) => ({
          name,
          dataType: column.spec.type.kind === 'VECTOR' ? `VECTOR(${column.spec.type.dimension})` : databendType[column.spec.type.kind],
          isNullable: column.spec.nullable,
          isAutoIncrementing: false,
          hasDefaultValue: column.spec.default !== undefined,
          ...(column.spec.comment === undefined ? {} : { comment: column.spec.comment }),
        })),
      );
    }
    const view = tables.find((t) => t.name === 'risky_frames')!;
    expect(view.isView).toBe(true);
    expect(view.columns.map((c) => c.name)).toEqual(['frame_id', 'risk_score']);
    expect((await db.introspection.getSchemas()).map((s) => s.name)).toContain(engine.database);
  });

  it("leaves out Kysely's migration tables unless asked", async () => {
    await client.execute('CREATE TABLE kysely_migration (name STRING NOT NULL, timestamp STRING NOT NULL)');
    expect((await db.introspection.getTables()).some((t) => t.name === 'kysely_migration')).toBe(false);
    expect((await db.introspection.getTables({ withInternalKyselyTables: true })).some((t) => t.name === 'kysely_migration')).toBe(true);
    await client.execute('DROP TABLE kysely_migration');
  });
});

describe('transactions', () => {
  it('a commit keeps the rows; an error rolls them back', async () => {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('ledger').values({ id: 1, note: 'committed' }).execute();
    });
    const failure = db.transaction().execute(async (trx) => {
      await trx.insertInto('ledger').values({ id: 2, note: 'rolled back' }).execute();
      expect(await trx.selectFrom('ledger').select('id').where('id', '=', 2).execute()).toEqual([{ id: 2 }]);
      throw new Error('abort the transaction');
    });
    await expect(failure).rejects.toThrow('abort the transaction');
    expect(await db.selectFrom('ledger').select(['id', 'note']).where('id', 'in', [1, 2]).execute()).toEqual([{ id: 1, note: 'committed' }]);
  });

  it('uncommitted rows are invisible to another session until COMMIT', async () => {
    await pool.transaction().execute(async (trx) => {
      await trx.insertInto('ledger').values({ id: 10, note: 'pending' }).execute();
      expect(await trx.selectFrom('ledger').select('id').where('id', '=', 10).execute()).toEqual([{ id: 10 }]);
      // The pool's second session.
      expect(await pool.selectFrom('ledger').select('id').where('id', '=', 10).execute()).toEqual([]);
    });
    expect(await pool.selectFrom('ledger').select('id').where('id', '=', 10).execute()).toEqual([{ id: 10 }]);
  });

  it('a failed statement fails the transaction, as on a Databend server: what follows is refused (4002) and nothing commits', async () => {
    const failure = db.transaction().execute(async (trx) => {
      await trx.insertInto('ledger').values({ id: 20, note: 'before a failure' }).execute();
      await expect(sql`SELECT nope FROM ledger`.execute(trx)).rejects.toThrow(ServerError);
      await trx.insertInto('ledger').values({ id: 21, note: 'after a failure' }).execute();
    });
    await expect(failure).rejects.toMatchObject({ serverCode: 4002 });
    expect(await db.selectFrom('ledger').select('note').where('id', 'in', [20, 21]).execute()).toEqual([]);
  });

  it('DDL is not transactional: a table created in a rolled-back transaction stays', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.schema.createTable('made_in_transaction').addColumn('id', 'integer').execute();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await db.introspection.getTables()).some((t) => t.name === 'made_in_transaction')).toBe(true);
    await db.schema.dropTable('made_in_transaction').execute();
  });

  it('isolation levels and savepoints are refused before anything is sent', async () => {
    await expect(
      db
        .transaction()
        .setIsolationLevel('serializable')
        .execute(async () => undefined),
    ).rejects.toThrow(UnsupportedByDatabendError);
    const trx = await db.startTransaction().execute();
    await expect(trx.savepoint('s1').execute()).rejects.toThrow(UnsupportedByDatabendError);
    await trx.rollback().execute();
  });
});

describe('errors', () => {
  it('a statement the engine refuses is a ServerError with its code', async () => {
    const failure = sql`SELECT * FROM no_such_table`.execute(db);
    await expect(failure).rejects.toBeInstanceOf(ServerError);
    await expect(failure).rejects.toMatchObject({ serverCode: 1025 });
  });
});

describe('values inlined with the SDK escaping round-trip exactly', () => {
  const hostile = fc.constantFrom(
    "'",
    '"',
    '\\',
    '\\\\',
    "\\'",
    '\n',
    '\r',
    '\t',
    '`',
    '$$',
    '--',
    '/*',
    '*/',
    ';',
    '\\x00',
    '\\0',
    '\\n',
    '%',
    '_',
    '?',
    '$1',
  );

  it('strings with quotes, backslashes, newlines and unicode (no NUL), inserted then selected and matched', async () => {
    const unit = fc.oneof(
      { arbitrary: hostile, weight: 3 },
      { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c !== '\0'), weight: 3 },
      { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), weight: 1 },
    );
    let next = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit, maxLength: 24 }), { minLength: 1, maxLength: 3 }), async (values) => {
        const first = next;
        const rows = values.map((v, i) => ({ id: first + i, v }));
        next += values.length;
        await db.insertInto('kv').values(rows).execute();
        const read = await db.selectFrom('kv').select(['id', 'v']).where('id', '>=', first).where('v', 'in', values).orderBy('id').execute();
        expect(read).toEqual(rows);
      }),
      { numRuns: 250, examples: [[["'; DROP TABLE kv; --"]], [['\\']], [["\\'", '\\"']], [['a\nb\r\tc']], [['Straße → 😀', '']]] },
    );
    const [tables] = (await sql<{ n: bigint }>`SELECT COUNT(*) AS n FROM system.tables WHERE name = 'kv'`.execute(db)).rows;
    expect(tables).toEqual({ n: 1n });
  }, 60_000);

  it('strings holding NUL, before digits too, through the untyped dialect (CHR(0))', async () => {
    const unit = fc.oneof(fc.constant('\0'), fc.constantFrom('0', '5', '7', '8', 'a', '\\', "'"), hostile);
    let next = 100_000;
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, minLength: 1, maxLength: 12 }), async (v) => {
        next += 1;
        await untyped.insertInto('kv').values({ id: next, v }).execute();
        expect(await untyped.selectFrom('kv').select('v').where('id', '=', next).where('v', '=', v).execute()).toEqual([{ v }]);
      }),
      { numRuns: 60, examples: [['\0'], ['\x005'], ['a\x0007'], ['\\x00\0']] },
    );
  }, 60_000);

  it("the SDK's own sql`` tag writes NUL the same way, so INSERT ... VALUES keeps it", async () => {
    const values = ['\0', '\x005', 'a\0b\0'];
    for (const [i, v] of values.entries()) await client.execute(sdkSql`INSERT INTO kv VALUES (${200_000 + i}, ${v})`);
    const rows = await client.query<{ v: string }>(sdkSql`SELECT v FROM kv WHERE id >= ${200_000} ORDER BY id`);
    expect(rows.map((r) => r.v)).toEqual(values);
  });

  it('numbers keep their JavaScript type: small integers bare, other numbers DOUBLE or BIGINT, bigints as they are', async () => {
    const rows = await db
      .selectFrom('frame_events')
      .select((eb) => [
        eb.val(7).as('small'),
        eb.val(2 ** 40).as('large'),
        eb.val(1.5e-7).as('tiny'),
        eb.val(-2.5).as('negative'),
        eb.val(1e21).as('huge'),
        eb.val(2n ** 63n - 1n).as('big'),
        eb.val(true).as('yes'),
        eb.val(new Date('2024-08-16T10:00:00.123Z')).as('at'),
      ])
      .limit(1)
      .execute();
    expect(rows).toEqual([
      { small: 7, large: 2 ** 40, tiny: 1.5e-7, negative: -2.5, huge: 1e21, big: 2n ** 63n - 1n, yes: true, at: new Date('2024-08-16T10:00:00.123Z') },
    ]);
    const at = batch.frameEvents[5]!;
    const found = await db
      .selectFrom('frame_events')
      .select('frame_id')
      .where('captured_at', '=', sql<Date>`${formatMicros(at.captured_at)}::TIMESTAMP`)
      .execute();
    expect(found).toEqual([{ frame_id: at.frame_id }]);
    const risky = await db.selectFrom('frame_events').select('frame_id').where('risk_score', '>=', at.risk_score).orderBy('frame_id').execute();
    expect(risky.map((r) => r.frame_id)).toEqual(
      batch.frameEvents
        .filter((e) => e.risk_score >= at.risk_score)
        .map((e) => e.frame_id)
        .sort(),
    );
  });
});
