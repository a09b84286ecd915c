import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeExact } from '../../src/client/decode.js';
import { JsonNumber, JsonObject, parseExactJson } from '../../src/client/exact-json.js';
import { exactFormOf, exactQuery, probeQuery } from '../../src/client/exact-read.js';
import { parseType } from '../../src/client/type-parser.js';
import { wallTimeToDate } from '../../src/client/wall-time.js';
import { renderCastType, renderDataType } from '../../src/render/data-type.js';
import { array, bigint, date, decimal, double, float, int, map, string, tuple } from '../../src/schema/column-types.js';

const context = { column: 'c', zone: 'UTC' };

describe('renderCastType', () => {
  it.each([
    [array(int()), 'ARRAY(INT NULL)', 'ARRAY(INT)'],
    [array(array(string())), 'ARRAY(ARRAY(STRING NULL) NULL)', 'ARRAY(ARRAY(STRING))'],
    [map(string(), double()), 'MAP(STRING, DOUBLE NULL)', 'MAP(STRING, DOUBLE)'],
    [tuple(int(), string()), 'TUPLE(INT NULL, STRING NULL)', 'TUPLE(INT, STRING)'],
    [tuple({ lat: double(), Lon: double() }), 'TUPLE(lat DOUBLE NULL, "Lon" DOUBLE NULL)', 'TUPLE(lat DOUBLE, "Lon" DOUBLE)'],
    [decimal(10, 2), 'DECIMAL(10, 2)', 'DECIMAL(10, 2)'],
  ])('%# casts nested members as the nullable types the engine stores', (column, cast, ddl) => {
    expect(renderCastType(column.spec.type)).toBe(cast);
    expect(renderDataType(column.spec.type)).toBe(ddl);
  });
});

describe('exactFormOf', () => {
  const form = (type: string, declared?: Parameters<typeof exactFormOf>[1]) => exactFormOf(parseType(type), declared);

  it('reads nested values holding strings, 64-bit integers, decimals or times through VARIANT', () => {
    expect(form('Array(String NULL)')).toBe('variant');
    expect(form('Nullable(Map(String, Int64 NULL))')).toBe('variant');
    expect(form('Tuple(Float64 NULL, Array(Date NULL) NULL)')).toBe('variant');
    expect(form('Array(Decimal(38, 2) NULL)')).toBe('variant');
  });

  it('leaves nested booleans, small integers and floats to the driver, which reads them exactly (NaN included)', () => {
    expect(form('Array(Float32 NULL)')).toBeUndefined();
    expect(form('Map(Int32, Array(Float64 NULL) NULL)')).toBeUndefined();
    expect(form('Tuple(Boolean NULL, UInt8 NULL)')).toBeUndefined();
  });

  it('reads a BIGINT as text only in the exact modes, and a BITMAP as its members', () => {
    expect(form('Int64')).toBeUndefined();
    expect(form('Nullable(Int64)', bigint({ mode: 'bigint' }).spec.type)).toBe('text');
    expect(form('Int64', bigint({ mode: 'string' }).spec.type)).toBe('text');
    expect(form('Int64', bigint({ mode: 'number' }).spec.type)).toBeUndefined();
    expect(form('UInt64')).toBeUndefined();
    expect(form('Nullable(Bitmap)')).toBe('bitmap');
    expect(form('String')).toBeUndefined();
  });
});

describe('exactQuery', () => {
  it('re-reads a plain query as a subquery, converting only the columns that need it', () => {
    expect(exactQuery('SELECT * FROM t;  ', ['id', 'tags', 'n'], ['text', 'variant', undefined])).toBe(
      'SELECT id::STRING AS id, IF("tags" IS NULL, NULL, "tags"::VARIANT) AS "tags", n FROM (\nSELECT * FROM t\n) AS "databend_etl_exact"',
    );
  });

  it('keeps a trailing line comment from swallowing the closing parenthesis, and skips leading comments', () => {
    expect(exactQuery('-- top\n/* note */ with x AS (SELECT 1 AS a) SELECT a FROM x -- tail', ['a'], ['variant'])).toBe(
      'SELECT IF(a IS NULL, NULL, a::VARIANT) AS a FROM (\nwith x AS (SELECT 1 AS a) SELECT a FROM x -- tail\n) AS "databend_etl_exact"',
    );
  });

  it('quotes column names as identifiers where needed (tags is a keyword)', () => {
    expect(exactQuery('VALUES (1)', ['a"b'], ['bitmap'])).toBe(
      'SELECT BITMAP_TO_ARRAY("a""b")::VARIANT AS "a""b" FROM (\nVALUES (1)\n) AS "databend_etl_exact"',
    );
  });

  it.each([
    ['SHOW TABLES', ['a']],
    ['LIST @s', ['a']],
    ['COPY INTO t FROM @s', ['a']],
    ['SELECT * FROM s WITH CONSUME', ['a']],
    ['INSERT INTO t SELECT 1', ['a']],
    ['SELECT 1 AS a, 2 AS a', ['a', 'a']],
  ])('leaves %j alone: re-running it could change what runs, or its columns cannot be named', (sql, names) => {
    expect(
      exactQuery(
        sql,
        names,
        names.map(() => 'variant' as const),
      ),
    ).toBeUndefined();
  });
});

describe('probeQuery', () => {
  it('asks a plain query for its columns and no row', () => {
    expect(probeQuery('  SELECT * FROM t ORDER BY k; ')).toBe('SELECT * FROM (\nSELECT * FROM t ORDER BY k\n) AS "databend_etl_probe" LIMIT 0');
    expect(probeQuery('WITH x AS (SELECT 1) SELECT * FROM x -- note')).toBe(
      'SELECT * FROM (\nWITH x AS (SELECT 1) SELECT * FROM x -- note\n) AS "databend_etl_probe" LIMIT 0',
    );
  });

  it.each(['SHOW TABLES', 'LIST @s', 'SELECT * FROM s WITH CONSUME', 'INSERT INTO t SELECT 1', 'COPY INTO t FROM @s'])('does not probe %j', (sql) => {
    expect(probeQuery(sql)).toBeUndefined();
  });
});

describe('parseExactJson', () => {
  it('keeps every number as written, objects in order with duplicate keys', () => {
    expect(parseExactJson('[9223372036854775807, -0.0, 1.50, 5e-324]')).toEqual([
      new JsonNumber('9223372036854775807'),
      new JsonNumber('-0.0'),
      new JsonNumber('1.50'),
      new JsonNumber('5e-324'),
    ]);
    expect(parseExactJson(' {"2": true, "1": null, "1": "x"} ')).toEqual(
      new JsonObject([
        ['2', true],
        ['1', null],
        ['1', 'x'],
      ]),
    );
    expect(parseExactJson('"a\\"b\\\\c\\u0000\\ud83d\\ude00"')).toBe('a"b\\c\0😀');
    expect(parseExactJson('{"__proto__": []}')).toEqual(new JsonObject([['__proto__', []]]));
  });

  it.each(['[1,', '{"a" 1}', '[1] x', 'nul', '"abc', ''])('refuses %j with a SyntaxError', (text) => {
    expect(() => parseExactJson(text)).toThrow(SyntaxError);
  });
});

describe('decodeExact', () => {
  it('gives nested values the types the driver gives them elsewhere, exactly', () => {
    const declared = tuple({ name: string(), n: bigint({ mode: 'bigint' }), when: array(date()), d: decimal(40, 3), f: float() }).spec.type;
    const type = parseType('Tuple(String NULL, Int64 NULL, Array(Date NULL) NULL, Decimal(40, 3) NULL, Float32 NULL)');
    expect(
      decodeExact('{"1":"a\\"b\\\\","2":9223372036854775807,"3":["2024-02-29",null],"4":1.500,"5":0.10000000149011612}', 'variant', type, declared, context),
    ).toEqual({
      name: 'a"b\\',
      n: 9223372036854775807n,
      when: [new Date('2024-02-29T00:00:00Z'), null],
      d: '1.500',
      f: Math.fround(0.1),
    });
  });

  it('decodes MAP values by their type and keeps keys as text', () => {
    const type = parseType('Map(String, Array(Binary NULL) NULL)');
    expect(decodeExact('{"k\\"":["00FF"],"__proto__":null}', 'variant', type, undefined, context)).toEqual(
      Object.fromEntries([
        ['k"', [new Uint8Array([0, 255])]],
        ['__proto__', null],
      ]),
    );
  });

  it('reads BIGINT text in the column mode, and BITMAP members as bigints', () => {
    expect(decodeExact('-9223372036854775808', 'text', parseType('Int64'), bigint({ mode: 'bigint' }).spec.type, context)).toBe(-9223372036854775808n);
    expect(decodeExact('9007199254740993', 'text', parseType('Int64'), bigint({ mode: 'string' }).spec.type, context)).toBe('9007199254740993');
    expect(decodeExact('[1,18446744073709551615]', 'bitmap', parseType('Bitmap'), undefined, context)).toEqual([1n, 18446744073709551615n]);
    expect(decodeExact(null, 'variant', parseType('Array(String)'), undefined, context)).toBeNull();
  });
});

describe('wallTimeToDate', () => {
  it('reads Databend wall times in the session zone, DATEs at midnight UTC, and offsets as given', () => {
    expect(wallTimeToDate('2024-08-16 09:30:00.123456', 'UTC')).toEqual(new Date('2024-08-16T09:30:00.123Z'));
    expect(wallTimeToDate('2024-08-16 09:30:00.000000', 'Asia/Shanghai')).toEqual(new Date('2024-08-16T01:30:00Z'));
    expect(wallTimeToDate('2024-03-10 03:30:00.000000', 'America/New_York')).toEqual(new Date('2024-03-10T07:30:00Z'));
    expect(wallTimeToDate('2024-08-16 09:30:00.000000 +0800', 'UTC')).toEqual(new Date('2024-08-16T01:30:00Z'));
    expect((wallTimeToDate('0001-01-01', 'UTC') as Date).toISOString()).toBe('0001-01-01T00:00:00.000Z');
    expect(wallTimeToDate('not a time', 'UTC')).toBe('not a time');
  });

  // 'UTC' takes a digit-by-digit reading of the usual forms; any other spelling of the zone ('utc') the expression.
  // The two must agree on every text, well formed or not.
  it('reads the usual UTC forms digit by digit exactly as the expression reads them', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const sep = (usual: string) =>
      fc.oneof({ weight: 8, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constantFrom(' ', 'T', '-', ':', '.', 'x', '') });
    const wallTime = fc
      .tuple(
        fc.integer({ min: 0, max: 12_000 }).map((y) => pad(y, 4)),
        sep('-'),
        fc.integer({ min: 0, max: 13 }).map((m) => pad(m, 2)),
        sep('-'),
        fc.integer({ min: 0, max: 32 }).map((d) => pad(d, 2)),
        fc.option(
          fc.tuple(
            sep(' '),
            fc.integer({ min: 0, max: 25 }).map((h) => pad(h, 2)),
            sep(':'),
            fc.integer({ min: 0, max: 61 }).map((m) => pad(m, 2)),
            sep(':'),
            fc.integer({ min: 0, max: 61 }).map((s) => pad(s, 2)),
            fc.option(fc.tuple(sep('.'), fc.stringMatching(/^\d{0,10}$/))),
            fc.option(fc.constantFrom(' +0800', '-05:30', '+00', ' -0000')),
          ),
        ),
      )
      .map((parts) =>
        parts
          .flat(3)
          .filter((p) => p !== null)
          .join(''),
      );
    fc.assert(
      fc.property(fc.oneof({ weight: 6, arbitrary: wallTime }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) }), (text) => {
        const fast = wallTimeToDate(text, 'UTC');
        const slow = wallTimeToDate(text, 'utc');
        expect(typeof fast === 'string' ? fast : fast.getTime(), text).toEqual(typeof slow === 'string' ? slow : slow.getTime());
      }),
      { numRuns: 5000 },
    );
    for (const text of [
      '2024-08-16 09:30:00',
      '2024-08-16 09:30:00.5',
      '2024-08-16 09:30:00.12',
      '2024-02-30 25:61:61.999999999',
      '1000-01-01',
      '0999-12-31 23:59:59',
      '2024-08-16T09:30:00',
    ])
      expect((wallTimeToDate(text, 'UTC') as Date).getTime(), text).toEqual((wallTimeToDate(text, 'utc') as Date).getTime());
  });
});
