// How FLOAT, DOUBLE and VECTOR values are spelled in SQL, per position (docs/api.md, "Numbers"; the engine's rules in
// docs/engine-facts.md). test/engine/floats.test.ts checks on the engine that each spelling reads back bit for bit.
import { DummyDriver, Kysely, sql as kyselySql, type Compilable } from 'kysely';
import { describe, expect, it } from 'vitest';
import { array, createTable, double, float, int, map, sql, string, table, tuple, vector } from '../../src/index.js';
import { cosineDistance, DatabendAdapter, DatabendIntrospector, DatabendQueryCompiler, type KyselyDatabase } from '../../src/kysely/index.js';

const measures = table('measures', {
  k: int().notNull(),
  d: double(),
  f: float(),
  ds: array(double()),
  fs: array(float()),
  v: vector(3),
  m: map(string(), float()),
  t: tuple(double(), float()),
});
type DB = KyselyDatabase<readonly [typeof measures]>;

const kysely = (tables?: readonly [typeof measures]) =>
  new Kysely<DB>({
    dialect: {
      createAdapter: () => new DatabendAdapter(),
      createDriver: () => new DummyDriver(),
      createQueryCompiler: () => new DatabendQueryCompiler(tables === undefined ? {} : { tables }),
      createIntrospector: (db) => new DatabendIntrospector(db),
    },
  });
const typed = kysely([measures]);
const untyped = kysely();

const compiled = (query: Compilable) => query.compile().sql;
const tag = (value: unknown) => sql`${value}`.sql;
/** The DEFAULT clause of a one-column table. */
const defaultOf = (column: Parameters<typeof table>[1][string]) => /DEFAULT (.*)\n\)$/.exec(createTable(table('t', { c: column })).compile())?.[1];

describe('the sql tag: a number is a DOUBLE', () => {
  it('integers stay bare; a short decimal is cast; anything longer is text cast', () => {
    expect(tag(3)).toBe('3');
    expect(tag(-2147483648)).toBe('-2147483648');
    expect(tag(0.8)).toBe('0.8::DOUBLE');
    expect(tag(-0.25)).toBe('-0.25::DOUBLE');
    // 15 digits in 16 characters is the longest bare decimal: its mantissa and power of ten are exact doubles.
    expect(tag(0.12345678901234)).toBe('0.12345678901234::DOUBLE');
    expect(tag(-0.12345678901234)).toBe('-0.12345678901234::DOUBLE');
    expect(tag(0.123456789012345)).toBe("'0.123456789012345'::DOUBLE");
    expect(tag(0.1 + 0.2)).toBe("'0.30000000000000004'::DOUBLE");
    expect(tag(1e-7)).toBe("'1e-7'::DOUBLE");
    expect(tag(2 ** 60)).toBe("'1152921504606847000'::DOUBLE");
    expect(tag(Number.MAX_VALUE)).toBe("'1.7976931348623157e+308'::DOUBLE");
  });

  it('-0, subnormals, NaN and the infinities have no decimal spelling', () => {
    expect(tag(-0)).toBe("'-0'::DOUBLE");
    expect(tag(5e-324)).toBe("'5e-324'::DOUBLE");
    expect(tag(-2.225073858507201e-308)).toBe("'-2.225073858507201e-308'::DOUBLE");
    expect(tag(NaN)).toBe("'NaN'::DOUBLE");
    expect(tag(Infinity)).toBe("'inf'::DOUBLE");
    expect(tag(-Infinity)).toBe("'-inf'::DOUBLE");
  });

  it('each member of an array is spelled alone, so no two share a DECIMAL type', () => {
    expect(tag([1, 0.5, 0.1 + 0.2, -0])).toBe("[1, 0.5::DOUBLE, '0.30000000000000004'::DOUBLE, '-0'::DOUBLE]");
    expect(sql`risk_score > ${0.8} AND event_type = ${'hard_brake'}`.sql).toBe("risk_score > 0.8::DOUBLE AND event_type = 'hard_brake'");
  });
});

describe('DEFAULT: what the engine stores as text must read back as the value', () => {
  it('DOUBLE: bare up to 15 digits and 10 fractional digits, else kept from folding', () => {
    expect(defaultOf(double().default(0.5))).toBe('0.5');
    expect(defaultOf(double().default(-1234.5))).toBe('-1234.5');
    expect(defaultOf(double().default(2 ** 53 - 1))).toBe('9007199254740991');
    expect(defaultOf(double().default(0.1234567891))).toBe('0.1234567891');
    expect(defaultOf(double().default(0.12345678901))).toBe("if(rand() >= 0, '0.12345678901'::DOUBLE, NULL)");
    // A fraction from 2^32 on: the folded DEFAULT was seen stored one unit in the last place off (4318318803.737001).
    expect(defaultOf(double().default(4294967295.5))).toBe('4294967295.5');
    expect(defaultOf(double().default(4318318803.737))).toBe("if(rand() >= 0, '4318318803.737'::DOUBLE, NULL)");
    expect(defaultOf(double().default(-4318318803.737))).toBe("if(rand() >= 0, '-4318318803.737'::DOUBLE, NULL)");
    expect(defaultOf(double().default(4318318803))).toBe('4318318803');
    expect(defaultOf(double().default(0.1 + 0.2))).toBe("if(rand() >= 0, '0.30000000000000004'::DOUBLE, NULL)");
    expect(defaultOf(double().default(-0.00006103515625))).toBe("if(rand() >= 0, '-0.00006103515625'::DOUBLE, NULL)");
    expect(defaultOf(double().default(1e-12))).toBe("if(rand() >= 0, '1e-12'::DOUBLE, NULL)");
    expect(defaultOf(double().default(-0))).toBe("if(rand() >= 0, '-0'::DOUBLE, NULL)");
    expect(defaultOf(double().default(NaN))).toBe("if(rand() >= 0, 'NaN'::DOUBLE, NULL)");
  });

  it('FLOAT: the float32 value by its shortest text, bare up to 7 digits', () => {
    expect(defaultOf(float().default(0.1))).toBe('0.1');
    expect(defaultOf(float().default(Math.fround(0.2124)))).toBe('0.2124');
    expect(defaultOf(float().default(0.1 + 0.2))).toBe('0.3');
    expect(defaultOf(float().default(16777217))).toBe('16777216');
    // The engine would store 13.079 as 13.079001 (it rounds a FLOAT's digits one at a time), 13.07 as itself.
    expect(defaultOf(float().default(13.079))).toBe("if(rand() >= 0, '13.079'::FLOAT, NULL)");
    expect(defaultOf(float().default(13.07))).toBe('13.07');
    expect(defaultOf(float().default(0.12345678))).toBe("if(rand() >= 0, '0.12345678'::FLOAT, NULL)");
    expect(defaultOf(float().default(1e-45))).toBe("if(rand() >= 0, '1e-45'::FLOAT, NULL)");
    expect(defaultOf(float().default(-Infinity))).toBe("if(rand() >= 0, '-inf'::FLOAT, NULL)");
  });

  it('lists: bare while their common DECIMAL type stays exact, else every fraction kept from folding', () => {
    expect(defaultOf(vector(3).default([0.5, -0.25, 1]))).toBe('[0.5, -0.25, 1]::VECTOR(3)');
    expect(defaultOf(vector(3).default([0.1, 1e-7, 2]))).toBe("[if(rand() >= 0, '0.1'::FLOAT, NULL), if(rand() >= 0, '1e-7'::FLOAT, NULL), 2]::VECTOR(3)");
    expect(defaultOf(array(double()).default([0.1, 123456789.3]))).toBe('[0.1, 123456789.3]');
    // A fraction from 2^32 on is kept from folding in a list too.
    expect(defaultOf(array(double()).default([0.1, 123456789012.3]))).toBe(
      "[if(rand() >= 0, '0.1'::DOUBLE, NULL), if(rand() >= 0, '123456789012.3'::DOUBLE, NULL)]",
    );
    // 12 integer digits and 10 fractional ones: 22 digits in the shared DECIMAL, more than a double holds exactly.
    expect(defaultOf(array(double()).default([123456789012.3, 0.0000000001]))).toBe(
      "[if(rand() >= 0, '123456789012.3'::DOUBLE, NULL), if(rand() >= 0, '1e-10'::DOUBLE, NULL)]",
    );
    expect(defaultOf(map(string(), float()).default({ a: 0.5, b: 0.1 + 0.2 }))).toBe("{'a': 0.5, 'b': 0.3}");
    // A tuple's fields are converted one by one.
    expect(defaultOf(tuple(double(), float()).default([1.5, 0.1 + 0.2]))).toBe('(1.5, 0.3)');
    expect(defaultOf(tuple(double(), double()).default([1.5, 0.1 + 0.2]))).toBe("(1.5, if(rand() >= 0, '0.30000000000000004'::DOUBLE, NULL))");
  });

  it("through Kysely's defaultTo() on a FLOAT, DOUBLE or VECTOR column", () => {
    const create = typed.schema
      .createTable('t')
      .addColumn('d', kyselySql`DOUBLE`, (c) => c.defaultTo(0.1 + 0.2))
      .addColumn('e', 'float8', (c) => c.defaultTo(0.5))
      .addColumn('f', 'real', (c) => c.defaultTo(1e-45))
      .addColumn('v', kyselySql`VECTOR(2)`, (c) => c.defaultTo(kyselySql`[0.5, 1]::VECTOR(2)`))
      .addColumn('n', 'integer', (c) => c.defaultTo(3));
    expect(compiled(create)).toBe(
      "create table t (d DOUBLE default if(rand() >= 0, '0.30000000000000004'::DOUBLE, NULL), e float8 default 0.5, f real default if(rand() >= 0, '1e-45'::FLOAT, NULL), v VECTOR(2) default [0.5, 1]::VECTOR(2), n integer default 3)",
    );
  });
});

describe('the Kysely dialect', () => {
  it('typed values follow the column: a short decimal bare (the column casts it), FLOAT by its float32 text', () => {
    const row = {
      k: 1,
      d: 0.5,
      f: 0.1 + 0.2,
      ds: [0.5, 0.25],
      fs: [0.1, Math.fround(0.2124)],
      v: [0.5, 1, -0.25],
      m: { a: 0.1 },
      t: [0.1 + 0.2, 0.1 + 0.2] as [number, number],
    };
    expect(compiled(typed.insertInto('measures').values(row))).toBe(
      "insert into measures (k, d, f, ds, fs, v, m, t) values (1, 0.5, 0.3, [0.5, 0.25], [0.1, 0.2124], [0.5, 1, -0.25]::VECTOR(3), {'a': 0.1}, ('0.30000000000000004'::DOUBLE, 0.3))",
    );
    const odd = { k: 2, d: -0, f: 1e-45, ds: [1e21, 0.5], fs: [0.12345678], v: [NaN, Infinity, 0], m: { a: -0 }, t: [5e-324, -Infinity] as [number, number] };
    expect(compiled(typed.insertInto('measures').values(odd))).toBe(
      [
        "insert into measures (k, d, f, ds, fs, v, m, t) values (2, '-0'::DOUBLE, '1e-45'::FLOAT, ['1e+21'::DOUBLE, 0.5::DOUBLE], ['0.12345678'::FLOAT],",
        "['NaN'::FLOAT, 'inf'::FLOAT, 0]::VECTOR(3), {'a': '-0'::FLOAT}, ('5e-324'::DOUBLE, '-inf'::FLOAT))",
      ].join(' '),
    );
    expect(compiled(typed.updateTable('measures').set({ d: 0.1 + 0.2, f: 0.25 }))).toBe("update measures set d = '0.30000000000000004'::DOUBLE, f = 0.25");
  });

  it('untyped values and comparisons are DOUBLEs: cast, text cast when long', () => {
    expect(compiled(untyped.insertInto('measures').values({ k: 1, d: 0.5, f: 0.1 + 0.2 }))).toBe(
      "insert into measures (k, d, f) values (1, 0.5::DOUBLE, '0.30000000000000004'::DOUBLE)",
    );
    expect(
      compiled(
        typed
          .selectFrom('measures')
          .select('k')
          .where('d', '=', 0.1 + 0.2)
          .where('f', 'in', [0.25, -0]),
      ),
    ).toBe("select k from measures where d = '0.30000000000000004'::DOUBLE and f in (0.25::DOUBLE, '-0'::DOUBLE)");
  });

  it('a query vector is a VECTOR of float32 values', () => {
    const query = (vector: number[]) => compiled(typed.selectFrom('measures').select(cosineDistance('v', vector).as('c')));
    expect(query([0.5, 1, -0.25])).toBe('select cosine_distance(v, [0.5, 1, -0.25]::VECTOR(3)) as c from measures');
    expect(query([0.1 + 0.2, 1e-7, 0.12345678])).toBe(
      "select cosine_distance(v, [0.3::FLOAT, '1e-7'::FLOAT, '0.12345678'::FLOAT]::VECTOR(3)) as c from measures",
    );
  });
});
