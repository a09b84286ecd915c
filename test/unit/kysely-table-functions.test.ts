// The Kysely dialect's table functions (numbers, generateSeries) and cast(), and compiled SELECTs as unload
// sources: the exact SQL, compiled only (a dialect made from a DSN connects on the first query run, never here).
import { Kysely } from 'kysely';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { array, copyIntoStage, createTask, date, decimal, double, int, string, table } from '../../src/index.js';
import { cast, DatabendDialect, generateSeries, numbers, type KyselyDatabase } from '../../src/kysely/index.js';

const manifest = table('ticket_manifest', { ticket_id: int().notNull(), label: string(), file_path: string().notNull() });
const db = new Kysely<KyselyDatabase<[typeof manifest]>>({ dialect: new DatabendDialect({ dsn: 'databend://compile-only@localhost:1/' }) });

describe('numbers()', () => {
  it('is a source under its own name, without an alias', () => {
    expect(db.selectFrom(numbers(10)).select('number').compile().sql).toBe('select number from numbers(10)');
    expect(db.selectFrom(numbers(0)).selectAll().compile().sql).toBe('select * from numbers(0)');
    expect(db.selectFrom(numbers(10)).select('numbers.number').compile().sql).toBe('select numbers.number from numbers(10)');
  });

  it('takes an alias', () => {
    expect(db.selectFrom(numbers(3).as('n')).select('n.number').compile().sql).toBe('select n.number from numbers(3) as n');
  });

  it('joins, with or without an alias', () => {
    const query = db
      .selectFrom('ticket_manifest as m')
      .innerJoin(numbers(2), (join) => join.onTrue())
      .select(['m.ticket_id', 'number'])
      .compile().sql;
    expect(query).toBe('select m.ticket_id, number from ticket_manifest as m inner join numbers(2) on true');
    const aliased = db.selectFrom(numbers(2).as('a')).crossJoin(numbers(3).as('b')).select(['a.number as x', 'b.number as y']).compile().sql;
    expect(aliased).toBe('select a.number as x, b.number as y from numbers(2) as a cross join numbers(3) as b');
  });

  it('writes the alias when it is used as a select item (only FROM and JOIN leave it out)', () => {
    expect(
      db
        .selectNoFrom(numbers(1) as never)
        .compile()
        .sql.trim(),
    ).toBe('select numbers(1) as numbers');
  });

  it('types its rows: number is a BIGINT UNSIGNED, read as a bigint', () => {
    const query = db.selectFrom(numbers(10)).select('number');
    expectTypeOf<Awaited<ReturnType<typeof query.executeTakeFirstOrThrow>>>().toEqualTypeOf<{ number: bigint }>();
  });

  it('takes the largest safe integer', () => {
    expect(db.selectFrom(numbers(Number.MAX_SAFE_INTEGER)).select('number').limit(1).compile().sql).toBe(
      'select number from numbers(9007199254740991) limit 1',
    );
  });
});

describe('generateSeries()', () => {
  it('is a source with two or three integer arguments', () => {
    expect(db.selectFrom(generateSeries(1, 100)).selectAll().compile().sql).toBe('select * from generate_series(1, 100)');
    expect(
      db
        .selectFrom(generateSeries(10, -10, -5))
        .select('generate_series')
        .compile().sql,
    ).toBe('select generate_series from generate_series(10, -10, -5)');
    expect(
      db
        .selectFrom(generateSeries(1, 9, 4).as('s'))
        .select('s.generate_series')
        .compile().sql,
    ).toBe('select s.generate_series from generate_series(1, 9, 4) as s');
  });

  it('types its rows', () => {
    const query = db.selectFrom(generateSeries(1, 3)).selectAll();
    expectTypeOf<Awaited<ReturnType<typeof query.executeTakeFirstOrThrow>>>().toEqualTypeOf<{ generate_series: number }>();
  });
});

describe('cast()', () => {
  it('casts a column by name, a value and a function call without parentheses', () => {
    const query = db
      .selectFrom(numbers(5))
      .select((eb) => [
        cast('number', string()).as('s'),
        cast(eb.val('2022-01-01'), date()).as('d'),
        cast(eb.fn('now', []), date()).as('today'),
        cast('numbers.number', decimal(10, 2)).as('n'),
      ])
      .compile().sql;
    expect(query).toBe("select number::STRING as s, '2022-01-01'::DATE as d, now()::DATE as today, numbers.number::DECIMAL(10, 2) as n from numbers(5)");
  });

  it('parenthesises an operation and a negative value', () => {
    const query = db
      .selectNoFrom((eb) => [cast(eb(eb.val(1), '+', eb.val(2)), string()).as('a'), cast(eb.val(-1), double()).as('b'), cast(eb.lit(-2), int()).as('c')])
      .compile().sql;
    expect(query).toBe('select (1 + 2)::STRING as a, (-1)::DOUBLE as b, (-2)::INT as c');
  });

  it("names nested types as the SDK's casts do (elements nullable) and takes a type node", () => {
    expect(db.selectNoFrom((eb) => [cast(eb.val('[1,2]'), array(int())).as('a'), cast(eb.val('1.5'), { kind: 'DOUBLE' }).as('b')]).compile().sql).toBe(
      "select '[1,2]'::ARRAY(INT NULL) as a, '1.5'::DOUBLE as b",
    );
  });

  it('takes a column declared NOT NULL or with a default (only its type counts)', () => {
    expect(
      db
        .selectFrom(numbers(1))
        .select([cast('number', string().notNull()).as('a'), cast('number', int().default(0)).as('b')])
        .compile().sql,
    ).toBe('select number::STRING as a, number::INT as b from numbers(1)');
  });

  it('quotes a column name that needs it', () => {
    expect(db.selectFrom('ticket_manifest').select(cast('label', string()).as('Label')).compile().sql).toBe(
      'select label::STRING as "Label" from ticket_manifest',
    );
  });

  it('types the result: nullable unless the expression is not', () => {
    const query = db
      .selectFrom('ticket_manifest')
      .select((eb) => [cast(eb.ref('ticket_id'), string()).as('id'), cast(eb.ref('label'), string()).as('label'), cast('file_path', double()).as('p')]);
    type Row = Awaited<ReturnType<typeof query.executeTakeFirstOrThrow>>;
    expectTypeOf<Row>().toEqualTypeOf<{ id: string; label: string | null; p: number | null }>();
  });
});

describe('compiled SELECTs as unload sources', () => {
  it('unloads a compiled SELECT from a table function', () => {
    const compiled = db
      .selectFrom(numbers(5))
      .select((eb) => [eb.ref('number').as('user_id'), eb(eb.val('user_'), '||', cast('number', string())).as('user_name')])
      .compile();
    expect(copyIntoStage('test_csv_headers').from(compiled).fileFormat({ type: 'CSV', outputHeader: true }).compile()).toBe(
      [
        'COPY INTO @test_csv_headers',
        'FROM (',
        "  select number as user_id, 'user_' || number::STRING as user_name from numbers(5)",
        ')',
        "FILE_FORMAT = (TYPE = 'CSV', OUTPUT_HEADER = TRUE)",
      ].join('\n'),
    );
  });

  it('unloads a UNION of constant rows, and takes the unload as a task body', () => {
    const rows = db
      .selectNoFrom((eb) => [eb.val(1).as('id'), eb.val('SF').as('city')])
      .unionAll(db.selectNoFrom((eb) => [eb.val(2).as('id'), eb.val('NYC').as('city')]))
      .compile();
    expect(
      createTask('t')
        .as(copyIntoStage('s', 'out/').from(rows).fileFormat({ type: 'NDJSON' }))
        .compile(),
    ).toBe(
      [
        'CREATE TASK t',
        'AS',
        '  COPY INTO @s/out/',
        '  FROM (',
        "    select 1 as id, 'SF' as city union all select 2 as id, 'NYC' as city",
        '  )',
        "  FILE_FORMAT = (TYPE = 'NDJSON')",
      ].join('\n'),
    );
  });
});
