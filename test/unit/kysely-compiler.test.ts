import { DummyDriver, Kysely, sql, type Compilable, type Dialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { everdriveTables, frameEvents } from '../../examples/everdrive/tables.js';
import { ValidationError } from '../../src/errors.js';
import { selectFromStage } from '../../src/index.js';
import {
  cosineDistance,
  DatabendAdapter,
  DatabendIntrospector,
  DatabendQueryCompiler,
  fromStage,
  getPath,
  innerProduct,
  l2Distance,
  UnsupportedByDatabendError,
  variantNumber,
  variantPath,
  variantString,
  type DatabendTables,
  type KyselyDatabase,
} from '../../src/kysely/index.js';
import { samples } from '../support/tables.js';

// Compile only: the dialect's adapter and compiler with Kysely's DummyDriver, which never connects.
const tables = [...everdriveTables, samples] as const;

type DB = KyselyDatabase<typeof tables> & {
  'Odd "Name"': { 'my col': string; order: number; Mixed: string };
};

function dialect(known?: DatabendTables): Dialect {
  return {
    createAdapter: () => new DatabendAdapter(),
    createDriver: () => new DummyDriver(),
    createQueryCompiler: () => new DatabendQueryCompiler(known === undefined ? {} : { tables: known }),
    createIntrospector: (kysely) => new DatabendIntrospector(kysely),
  };
}

/** Without the SDK's tables: values follow their JavaScript type. */
const db = new Kysely<DB>({ dialect: dialect() });
/** With them: values written to a column follow its declared type. */
const typed = new Kysely<DB>({ dialect: dialect(tables) });

function compiled(query: Compilable): string {
  const { sql: text, parameters } = query.compile();
  // Nothing is ever left for the driver to bind.
  expect(parameters).toEqual([]);
  return text;
}

describe('DatabendQueryCompiler: identifiers', () => {
  it('renders plain lower-case names bare and quotes the others, doubling quotes', () => {
    expect(compiled(db.selectFrom('frame_events').select(['frame_id', 'risk_score']))).toBe('select frame_id, risk_score from frame_events');
    expect(compiled(db.selectFrom('Odd "Name"').select(['my col', 'order', 'Mixed']))).toBe('select "my col", "order", "Mixed" from "Odd ""Name"""');
    expect(compiled(db.selectFrom('frame_events as e').select('e.frame_id as Frame'))).toBe('select e.frame_id as "Frame" from frame_events as e');
    expect(compiled(db.selectFrom('analytics.frame_events' as 'frame_events').select('frame_id'))).toBe('select frame_id from analytics.frame_events');
  });

  it('refuses names Databend cannot read back: a backslash, a control character', () => {
    expect(() => db.selectFrom('frame_events').select(sql.ref<string>('a\\b').as('x')).compile()).toThrow(ValidationError);
    expect(() => db.selectFrom('frame_events').select(sql.ref<string>('a\\b').as('x')).compile()).toThrow('identifier must not contain a backslash');
    expect(() => db.selectFrom('frame_events').select(sql.ref<string>('a\nb').as('x')).compile()).toThrow('identifier must not contain control characters');
  });
});

describe('DatabendQueryCompiler: values are inlined with the SDK escaping', () => {
  it('strings escape quotes, backslashes and control characters; NUL is CHR(0)', () => {
    const query = db.selectFrom('frame_events').select('frame_id').where('event_type', '=', "it's \\ a\nb\r\tc").where('session_id', '=', 'a\0b');
    expect(compiled(query)).toBe("select frame_id from frame_events where event_type = 'it\\'s \\\\ a\\nb\\r\\tc' and session_id = ('a' || CHR(0) || 'b')");
  });

  it('numbers, booleans, NULL, bigints, dates, bytes, arrays and objects', () => {
    const at = new Date('2024-08-16T08:00:00.123Z');
    const query = db
      .selectFrom('frame_events')
      .select([
        sql<number>`${1.5}`.as('a'),
        sql<number>`${-0.25}`.as('b'),
        sql<number>`${Number.NaN}`.as('c'),
        sql<number>`${Number.POSITIVE_INFINITY}`.as('d'),
        sql<bigint>`${18446744073709551615n}`.as('e'),
        sql<boolean>`${true}`.as('f'),
        sql<boolean>`${false}`.as('g'),
        sql<null>`${null}`.as('h'),
        sql<Date>`${at}`.as('i'),
        sql<Uint8Array>`${new Uint8Array([0, 255])}`.as('j'),
        sql<number[]>`${[1, 'x']}`.as('k'),
        sql<unknown>`${{ a: "it's" }}`.as('l'),
      ]);
    expect(compiled(query)).toBe(
      [
        "select 1.5::DOUBLE as a, -0.25::DOUBLE as b, 'NaN'::DOUBLE as c, 'inf'::DOUBLE as d, 18446744073709551615 as e, TRUE as f, FALSE as g,",
        "NULL as h, '2024-08-16 08:00:00.123000'::TIMESTAMP as i, FROM_HEX('00ff') as j, [1, 'x'] as k,",
        'PARSE_JSON(\'{"a":"it\\\'s"}\') as l from frame_events',
      ].join(' '),
    );
  });

  it('a JavaScript number stays a number: small integers bare, others cast (Databend reads 2.5 as DECIMAL)', () => {
    const query = db
      .selectFrom('frame_events')
      .select((eb) => [eb.val(7).as('a'), eb.val(-2147483647).as('b'), eb.val(2 ** 40).as('c'), eb.val(0.1).as('d'), eb.val(1e21).as('e'), eb.val(-0).as('f')]);
    expect(compiled(query)).toBe(
      "select 7 as a, -2147483647 as b, 1099511627776::BIGINT as c, 0.1::DOUBLE as d, '1e+21'::DOUBLE as e, '-0'::DOUBLE as f from frame_events",
    );
    // Into a declared column, the column's type decides, and refuses what it cannot hold instead of changing it.
    expect(compiled(typed.insertInto('frame_events').values({ frame_id: 'f', risk_score: 0.5, frame_index: 2 ** 20 }))).toBe(
      "insert into frame_events (frame_id, risk_score, frame_index) values ('f', 0.5, 1048576)",
    );
    expect(() =>
      typed
        .insertInto('frame_events')
        .values({ frame_id: 'f', frame_index: 2 ** 40 })
        .compile(),
    ).toThrow('value: INT takes an integer from -2147483648 to 2147483647, not 1099511627776');
    expect(() => typed.insertInto('frame_events').values({ frame_id: 'f', frame_index: 1.5 }).compile()).toThrow(
      'value: INT takes an integer (a safe integer as a number, or a bigint), not 1.5',
    );
  });

  it('IN lists, BETWEEN, LIMIT and OFFSET', () => {
    const query = db
      .selectFrom('frame_events')
      .selectAll()
      .where('frame_index', 'in', [1, 2])
      .where('event_type', 'not in', ["a'", 'b'])
      .where((eb) => eb.between('risk_score', 0.25, 0.75))
      .orderBy('risk_score', (ob) => ob.desc().nullsLast())
      .limit(10)
      .offset(20);
    expect(compiled(query)).toBe(
      "select * from frame_events where frame_index in (1, 2) and event_type not in ('a\\'', 'b') and risk_score between 0.25::DOUBLE and 0.75::DOUBLE order by risk_score desc nulls last limit 10 offset 20",
    );
  });

  it("immediate values (sql.lit, eb.lit) use the SDK escaping, not Kysely's quote doubling", () => {
    // Kysely's own escaping would give 'a\'' or 1=1 --': Databend reads \' as a quote, so the literal would end early.
    expect(compiled(db.selectFrom('frame_events').select(sql.lit("a\\' or 1=1 --").as('x')))).toBe("select 'a\\\\\\' or 1=1 --' as x from frame_events");
    expect(compiled(db.selectFrom('frame_events').select((eb) => eb.lit(true).as('t')))).toBe('select TRUE as t from frame_events');
  });

  it('IS [NOT] TRUE / FALSE, which Databend cannot parse, become is_true()', () => {
    const flag = sql<boolean>`risk_score > 0.5`;
    const where = (op: 'is' | 'is not', value: boolean) =>
      compiled(db.selectFrom('frame_events').select('frame_id').where(flag, op, value)).replace('select frame_id from frame_events where ', '');
    expect(where('is', true)).toBe('is_true(risk_score > 0.5)');
    expect(where('is not', true)).toBe('NOT is_true(risk_score > 0.5)');
    expect(where('is', false)).toBe('is_true(NOT (risk_score > 0.5))');
    expect(where('is not', false)).toBe('NOT is_true(NOT (risk_score > 0.5))');
    expect(compiled(db.selectFrom('frame_events').select('frame_id').where('risk_score', 'is', null))).toBe(
      'select frame_id from frame_events where risk_score is NULL',
    );
  });
});

describe('DatabendQueryCompiler: writes', () => {
  it('inserts inline every value; a row missing a column writes DEFAULT', () => {
    const query = db.insertInto('frame_events').values([{ frame_id: "f'1\n", risk_score: 0.5, frame_index: null }, { frame_id: 'f2' }]);
    expect(compiled(query)).toBe(
      "insert into frame_events (frame_id, risk_score, frame_index) values ('f\\'1\\n', 0.5::DOUBLE, NULL), ('f2', default, default)",
    );
  });

  it('with the SDK tables, inserted values follow the column types', () => {
    const at = new Date('2024-08-16T08:00:00.5Z');
    const row = {
      id: 1,
      s: 'a\0b',
      doc: 'just text',
      day: at,
      at,
      emb: [0.5, 1, -2],
      tags: ['x', null],
      attrs: { "k'": 1 },
      pair: [7, 'seven'] as const,
      amount: '12.35',
      big: 18446744073709551615n,
      raw: new Uint8Array([1, 2]),
      flag: false,
    };
    expect(compiled(typed.insertInto('samples').values(row))).toBe(
      [
        'insert into samples (id, s, doc, "day", "at", emb, "tags", attrs, pair, amount, big, "raw", flag) values (1,',
        "('a' || CHR(0) || 'b'), PARSE_JSON('\"just text\"'), '2024-08-16', '2024-08-16 08:00:00.500000', [0.5, 1, -2]::VECTOR(3),",
        "['x', NULL], {'k\\'': 1}, (7, 'seven'), '12.35', 18446744073709551615, FROM_HEX('0102'), FALSE)",
      ].join(' '),
    );
    // Without them the JSON string would be sent as text, which Databend parses as JSON (or refuses).
    expect(compiled(db.insertInto('samples').values({ id: 1, doc: 'just text' }))).toBe("insert into samples (id, doc) values (1, 'just text')");
  });

  it('typed values: expressions stay expressions, NUL inside a MAP or TUPLE goes through map() and CHR(0)', () => {
    expect(compiled(typed.insertInto('samples').values({ id: 1, at: sql<Date>`now()`, doc: { a: ['x\0'] } }))).toBe(
      'insert into samples (id, "at", doc) values (1, now(), PARSE_JSON(\'{"a":["x\\\\u0000"]}\'))',
    );
    expect(compiled(typed.insertInto('samples').values({ id: 1, attrs: { k: 1, 'a\0': 2 } }))).toBe(
      "insert into samples (id, attrs) values (1, map(['k', ('a' || CHR(0) || '')], [1, 2]))",
    );
    expect(compiled(typed.insertInto('samples').values({ id: 1, tags: ['a\0'] }))).toBe(
      "insert into samples (id, \"tags\") values (1, [('a' || CHR(0) || '')])",
    );
  });

  it('updates: typed SET values, aliases, FROM', () => {
    expect(
      compiled(
        typed.updateTable('frame_payloads as p').set({ payload: 'text', run_stage: 'x' }).set('p.logged_at', new Date(0)).where('p.frame_id', '=', 'f1'),
      ),
    ).toBe(
      "update frame_payloads as p set payload = PARSE_JSON('\"text\"'), run_stage = 'x', p.logged_at = '1970-01-01 00:00:00.000000' where p.frame_id = 'f1'",
    );
    const query = db
      .updateTable('frame_events')
      .from('drive_sessions')
      .set((eb) => ({ event_type: eb.ref('drive_sessions.weather') }))
      .whereRef('frame_events.session_id', '=', 'drive_sessions.session_id');
    expect(compiled(query)).toBe(
      'update frame_events set event_type = drive_sessions.weather from drive_sessions where frame_events.session_id = drive_sessions.session_id',
    );
  });

  it('deletes', () => {
    expect(compiled(db.deleteFrom('frame_events').where('risk_score', '<', 0.1))).toBe('delete from frame_events where risk_score < 0.1::DOUBLE');
  });

  it('merges, typed from the target table', () => {
    const query = typed
      .mergeInto('frame_payloads as t')
      .using('frame_events as e', 'e.frame_id', 't.frame_id')
      .whenMatchedAnd('e.risk_score', '>', 0.5)
      .thenUpdateSet({ payload: 'risky' })
      .whenMatched()
      .thenDelete()
      .whenNotMatched()
      .thenInsertValues((eb) => ({ frame_id: eb.ref('e.frame_id'), payload: [1, 2] }));
    expect(compiled(query)).toBe(
      [
        'merge into frame_payloads as t using frame_events as e on e.frame_id = t.frame_id',
        'when matched and e.risk_score > 0.5::DOUBLE then update set payload = PARSE_JSON(\'"risky"\')',
        'when matched then delete',
        "when not matched then insert (frame_id, payload) values (e.frame_id, PARSE_JSON('[1,2]'))",
      ].join(' '),
    );
  });
});

describe('DatabendQueryCompiler: queries', () => {
  it('joins, aggregates, HAVING, window functions, WITH, set operations, lateral joins', () => {
    const perSession = db
      .selectFrom('frame_events as e')
      .innerJoin('drive_sessions as s', 's.session_id', 'e.session_id')
      .select((eb) => ['s.route_name', eb.fn.countAll<number>().as('frames'), eb.fn.avg<number>('e.risk_score').as('mean')])
      .groupBy('s.route_name')
      .having((eb) => eb.fn.countAll(), '>', 1);
    expect(compiled(perSession)).toBe(
      'select s.route_name, count(*) as frames, avg(e.risk_score) as mean from frame_events as e inner join drive_sessions as s on s.session_id = e.session_id group by s.route_name having count(*) > 1',
    );
    const ranked = db.selectFrom('frame_events').select((eb) => [
      'frame_id',
      eb.fn
        .agg<number>('row_number')
        .over((ob) => ob.partitionBy('session_id').orderBy('risk_score', 'desc'))
        .as('rank'),
    ]);
    expect(compiled(ranked)).toBe('select frame_id, row_number() over(partition by session_id order by risk_score desc) as rank from frame_events');
    const cte = db
      .with('risky', (qc) => qc.selectFrom('frame_events').select('frame_id').where('risk_score', '>', 0.9))
      .selectFrom('risky')
      .select('frame_id');
    expect(compiled(cte)).toBe('with risky as (select frame_id from frame_events where risk_score > 0.9::DOUBLE) select frame_id from risky');
    const union = db
      .selectFrom('frame_events')
      .select('frame_id')
      .union(db.selectFrom('frame_payloads').select('frame_id'))
      .intersect(db.selectFrom('frame_embeddings').select('frame_id'));
    expect(compiled(union)).toBe('select frame_id from frame_events union select frame_id from frame_payloads intersect select frame_id from frame_embeddings');
    const lateral = db
      .selectFrom('drive_sessions as s')
      .innerJoinLateral(
        (eb) => eb.selectFrom('frame_events as e').select('e.frame_id').whereRef('e.session_id', '=', 's.session_id').limit(1).as('top'),
        (join) => join.onTrue(),
      )
      .select(['s.session_id', 'top.frame_id']);
    expect(compiled(lateral)).toBe(
      'select s.session_id, "top".frame_id from drive_sessions as s inner join lateral (select e.frame_id from frame_events as e where e.session_id = s.session_id limit 1) as "top" on true',
    );
  });

  it("JSON '->' and '->>' operators pass through; plain EXPLAIN too", () => {
    const query = db.selectFrom('frame_payloads').select((eb) =>
      eb
        .ref('payload', '->>')
        .key('weather' as never)
        .as('w'),
    );
    expect(compiled(query)).toBe("select payload->>'weather' as w from frame_payloads");
    expect(db.selectFrom('frame_events').select('frame_id').compile().query.kind).toBe('SelectQueryNode');
  });

  it('AUTOINCREMENT for autoIncrement() in the schema builder', () => {
    expect(
      compiled(
        db.schema
          .createTable('t')
          .ifNotExists()
          .addColumn('id', 'bigint', (c) => c.autoIncrement().notNull()),
      ),
    ).toBe('create table if not exists t (id bigint not null AUTOINCREMENT)');
  });
});

describe('DatabendQueryCompiler: what Databend has no SQL for is refused while compiling', () => {
  const refusals: [construct: string, query: () => Compilable][] = [
    ['returning()', () => db.insertInto('frame_events').values({ frame_id: 'f' }).returning('frame_id')],
    ['returning()', () => db.updateTable('frame_events').set({ event_type: 'x' }).returningAll()],
    ['returning()', () => db.deleteFrom('frame_events').returning('frame_id')],
    [
      'onConflict()',
      () =>
        db
          .insertInto('frame_events')
          .values({ frame_id: 'f' })
          .onConflict((oc) => oc.doNothing()),
    ],
    ['onDuplicateKeyUpdate()', () => db.insertInto('frame_events').values({ frame_id: 'f' }).onDuplicateKeyUpdate({ event_type: 'x' })],
    ['replaceInto()', () => db.replaceInto('frame_events').values({ frame_id: 'f' })],
    ['ignore() / orIgnore() / orReplace()', () => db.insertInto('frame_events').values({ frame_id: 'f' }).orIgnore()],
    ['defaultValues()', () => db.insertInto('frame_events').defaultValues()],
    ['distinctOn()', () => db.selectFrom('frame_events').distinctOn('session_id').select('frame_id')],
    ['forUpdate()', () => db.selectFrom('frame_events').select('frame_id').forUpdate()],
    ['forShare()', () => db.selectFrom('frame_events').select('frame_id').forShare()],
    ['skipLocked()', () => db.selectFrom('frame_events').select('frame_id').skipLocked()],
    ['noWait()', () => db.selectFrom('frame_events').select('frame_id').noWait()],
    ['top()', () => db.selectFrom('frame_events').select('frame_id').top(5)],
    ['fetch()', () => db.selectFrom('frame_events').select('frame_id').orderBy('frame_id').offset(0).fetch(5)],
    ['intersectAll()', () => db.selectFrom('frame_events').select('frame_id').intersectAll(db.selectFrom('frame_payloads').select('frame_id'))],
    ['exceptAll()', () => db.selectFrom('frame_events').select('frame_id').exceptAll(db.selectFrom('frame_payloads').select('frame_id'))],
    [
      'outerApply()',
      () =>
        db
          .selectFrom('drive_sessions as s')
          .outerApply((eb) => eb.selectFrom('frame_events').select('frame_id').as('f'))
          .select('s.session_id'),
    ],
    [
      'crossApply()',
      () =>
        db
          .selectFrom('drive_sessions as s')
          .crossApply((eb) => eb.selectFrom('frame_events').select('frame_id').as('f'))
          .select('s.session_id'),
    ],
    ['filterWhere()', () => db.selectFrom('frame_events').select((eb) => eb.fn.countAll().filterWhere('risk_score', '>', 0.5).as('n'))],
    [
      'orderBy() inside an aggregate',
      () => db.selectFrom('frame_events').select((eb) => eb.fn.agg<string[]>('array_agg', ['frame_id']).orderBy('frame_id').as('ids')),
    ],
    [
      'collate()',
      () =>
        db
          .selectFrom('frame_events')
          .select('frame_id')
          .orderBy('frame_id', (ob) => ob.collate('C')),
    ],
    ["the 'ilike' operator", () => db.selectFrom('frame_events').select('frame_id').where('event_type', 'ilike', 'x')],
    ["the '~' operator", () => db.selectFrom('frame_events').select('frame_id').where('event_type', '~', 'x')],
    ["the '<=>' operator", () => db.selectFrom('frame_events').select('frame_id').where('event_type', '<=>', 'x')],
    ["the '==' operator", () => db.selectFrom('frame_events').select('frame_id').where('frame_index', '==', 1)],
    [
      "the 'between symmetric' operator",
      () =>
        db
          .selectFrom('frame_events')
          .select('frame_id')
          .where((eb) => eb.betweenSymmetric('risk_score', 1, 0)),
    ],
    [
      "the '->$' / '->>$' JSON path",
      () =>
        db.selectFrom('frame_payloads').select((eb) =>
          eb
            .ref('payload', '->$')
            .key('weather' as never)
            .as('w'),
        ),
    ],
    ['using() in a delete', () => db.deleteFrom('frame_events').using('drive_sessions').whereRef('frame_events.session_id', '=', 'drive_sessions.session_id')],
    ['joins in a delete', () => db.deleteFrom('frame_events').innerJoin('drive_sessions', 'drive_sessions.session_id', 'frame_events.session_id')],
    ['limit() in a delete', () => db.deleteFrom('frame_events').limit(1)],
    ['orderBy() in a delete', () => db.deleteFrom('frame_events').orderBy('frame_id')],
    ['limit() in an update', () => db.updateTable('frame_events').set({ event_type: 'x' }).limit(1)],
    ['orderBy() in an update', () => db.updateTable('frame_events').set({ event_type: 'x' }).orderBy('frame_id')],
    [
      'whenNotMatchedBySource()',
      () => db.mergeInto('frame_payloads as t').using('frame_events as e', 'e.frame_id', 't.frame_id').whenNotMatchedBySource().thenDelete(),
    ],
    ['thenDoNothing()', () => db.mergeInto('frame_payloads as t').using('frame_events as e', 'e.frame_id', 't.frame_id').whenMatched().thenDoNothing()],
    ['primaryKey()', () => db.schema.createTable('t').addColumn('id', 'integer', (c) => c.primaryKey())],
    ['unique()', () => db.schema.createTable('t').addColumn('id', 'integer', (c) => c.unique())],
    ['references()', () => db.schema.createTable('t').addColumn('id', 'integer', (c) => c.references('u.id'))],
    ['addPrimaryKeyConstraint()', () => db.schema.createTable('t').addColumn('id', 'integer').addPrimaryKeyConstraint('pk', ['id'])],
    ['addUniqueConstraint()', () => db.schema.createTable('t').addColumn('id', 'integer').addUniqueConstraint('u', ['id'])],
    ['addForeignKeyConstraint()', () => db.schema.createTable('t').addColumn('id', 'integer').addForeignKeyConstraint('fk', ['id'], 'u', ['id'])],
    ['createIndex()', () => db.schema.createIndex('i').on('frame_events').column('frame_id')],
  ];

  it.each(refusals)('%s', (construct, query) => {
    let error: unknown;
    try {
      query().compile();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnsupportedByDatabendError);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as UnsupportedByDatabendError).construct).toBe(construct);
    expect((error as UnsupportedByDatabendError).code).toBe('VALIDATION');
    expect((error as Error).message).toMatch(new RegExp(`^DatabendDialect: ${construct.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&')}: .+`));
  });

  it('the message says what to do instead', () => {
    expect(() => db.insertInto('frame_events').values({ frame_id: 'f' }).returning('frame_id').compile()).toThrow(
      'DatabendDialect: returning(): Databend has no RETURNING clause: select the rows after the write',
    );
    expect(() => db.selectFrom('frame_events').select('frame_id').where('event_type', '<=>', 'x').compile()).toThrow('cosine distance, not NULL-safe equality');
  });
});

describe('helpers', () => {
  it("variantPath: :key for plain keys, ['key'] for reserved or other keys, [n] for indexes", () => {
    const query = db
      .selectFrom('frame_payloads as p')
      .select([
        variantPath('p.payload', ['detections', 0, 'label']).as('a'),
        variantPath('p.payload', ['order', 'Label', "it's", 'a b', 3]).as('b'),
        variantString('p.payload', ['weather', 'condition']).as('c'),
        variantNumber('p.payload', ['speed_kmh']).as('d'),
        getPath('p.payload', "weather['it''s']").as('e'),
      ]);
    expect(compiled(query)).toBe(
      [
        'select p.payload:detections[0]:label as a,',
        "p.payload['order']:Label['it\\'s']['a b'][3] as b,",
        'p.payload:weather:condition::STRING as c,',
        'TRY_CAST(p.payload:speed_kmh AS DOUBLE) as d,',
        "get_path(p.payload, 'weather[\\'it\\'\\'s\\']') as e from frame_payloads as p",
      ].join(' '),
    );
  });

  it('variantPath: keys holding a quote or a backslash, or empty, go through ->', () => {
    expect(compiled(db.selectFrom('frame_payloads').select(variantString('payload', ['a"b', 0, 'c\\d', '']).as('x')))).toBe(
      "select (payload->'a\"b'->0->'c\\\\d'->'')::STRING as x from frame_payloads",
    );
  });

  it('typed references: eb.ref() of a VARIANT or VECTOR column, parenthesised expressions', () => {
    const query = db
      .selectFrom('frame_payloads as p')
      .select((eb) => [variantPath(eb.ref('p.payload'), ['weather']).as('a'), variantPath(sql<unknown>`parse_json('{}')`, ['x']).as('b')]);
    expect(compiled(query)).toBe("select p.payload:weather as a, (parse_json('{}')):x as b from frame_payloads as p");
  });

  it('vector distances cast the query vector to VECTOR(n); a subquery is a query vector too', () => {
    const query = db
      .selectFrom('frame_embeddings as m')
      .select((eb) => [
        cosineDistance('m.embedding', [1, 0, 0.5, -0.25]).as('c'),
        l2Distance(eb.ref('m.embedding'), [1e-7, 2, 3, 4]).as('l'),
        innerProduct('m.embedding', eb.selectFrom('frame_embeddings as q').select('q.embedding').where('q.frame_id', '=', 'f1')).as('i'),
      ]);
    expect(compiled(query)).toBe(
      [
        'select cosine_distance(m.embedding, [1, 0, 0.5, -0.25]::VECTOR(4)) as c,',
        "l2_distance(m.embedding, ['1e-7'::FLOAT, 2, 3, 4]::VECTOR(4)) as l,",
        "inner_product(m.embedding, ((select q.embedding from frame_embeddings as q where q.frame_id = 'f1'))) as i from frame_embeddings as m",
      ].join(' '),
    );
  });

  it('helpers check their arguments when called', () => {
    expect(() => cosineDistance('embedding', [1, Number.NaN])).toThrow('cosine_distance(): query vector values must be finite numbers');
    expect(() => cosineDistance('embedding', [])).toThrow('a query vector needs 1 to 4096 values');
    expect(() => variantPath('payload', ['a', -1])).toThrow('variantPath(): an array index must be a non-negative integer');
    expect(() => variantPath('payload', [])).toThrow('a VARIANT path needs at least one step');
    expect(() => getPath('payload', '')).toThrow('getPath(): the path must be a non-empty string');
  });

  it('fromStage: a stage, a path and a table, or any selectFromStage builder', () => {
    expect(compiled(db.selectFrom(fromStage('drive_stage', 'frame-events/', frameEvents, 'f')).select('f.frame_id'))).toBe(
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
    const builder = selectFromStage('drive_stage', 'frame-events/')
      .fileFormat('PARQUET')
      .pattern('.*[.]parquet')
      .typedAs(frameEvents)
      .columns('frame_id', 'risk_score');
    expect(compiled(db.selectFrom(fromStage(builder, 'f')).select(['f.frame_id', 'f.risk_score']))).toBe(
      [
        'select f.frame_id, f.risk_score from (SELECT frame_id::STRING AS frame_id,',
        '       risk_score::DOUBLE AS risk_score',
        "FROM @drive_stage/frame-events/ (FILE_FORMAT => 'PARQUET', PATTERN => '.*[.]parquet')) as f",
      ].join('\n'),
    );
  });
});
