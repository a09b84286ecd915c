import { describe, expect, it } from 'vitest';
import { decodeValue, rowDecoder } from '../../src/client/decode.js';
import { parseType, type TypeDesc } from '../../src/client/type-parser.js';
import { table } from '../../src/schema/table.js';
import { InexactReadError } from '../../src/errors.js';
import { array, bigint, bigintUnsigned, double, int, map, string, tuple, variant } from '../../src/schema/column-types.js';

/** A TypeDesc for expectations: a name, its args, and flags only where set. */
function t(name: string, args: TypeDesc[] = [], extra: Partial<TypeDesc> = {}): TypeDesc {
  return { name, args, nullable: false, field: undefined, ...extra };
}

describe('parseType', () => {
  it.each([
    ['Boolean', t('Boolean')],
    ['Int64', t('Int64')],
    ['UInt64', t('UInt64')],
    ['String', t('String')],
    ['Variant', t('Variant')],
    ['Timestamp', t('Timestamp')],
    ['NULL', t('NULL')],
    ['Decimal(38, 4)', t('Decimal', [t('38'), t('4')])],
    ['Decimal(76,0)', t('Decimal', [t('76'), t('0')])],
    ['Vector(4)', t('Vector', [t('4')])],
    ['Array(Int32)', t('Array', [t('Int32')])],
    ['Array(Nothing)', t('Array', [t('Nothing')])],
    ['Map(String, Int32)', t('Map', [t('String'), t('Int32')])],
    ['Map(Nothing)', t('Map', [t('Nothing')])],
    ['Tuple(Float64, String)', t('Tuple', [t('Float64'), t('String')])],
    ['Tuple(Int32,)', t('Tuple', [t('Int32')])],
    ['Timestamp_Tz', t('Timestamp_Tz')],
    ['Array(TimestampTz NULL)', t('Array', [t('TimestampTz', [], { nullable: true })])],
    ['DateTime()', t('DateTime')],
  ])('%s', (text, expected) => {
    expect(parseType(text)).toEqual(expected);
  });

  it('unwraps Nullable(...) into a nullable flag, at every depth', () => {
    expect(parseType('Nullable(Variant)')).toEqual(t('Variant', [], { nullable: true }));
    expect(parseType('Nullable(Decimal(38, 4))')).toEqual(t('Decimal', [t('38'), t('4')], { nullable: true }));
    expect(parseType('Array(Nullable(String))')).toEqual(t('Array', [t('String', [], { nullable: true })]));
    expect(parseType('Nullable(Array(Nullable(Int32)))')).toEqual(t('Array', [t('Int32', [], { nullable: true })], { nullable: true }));
  });

  it('reads the trailing NULL marker the server prints for nested nullable types', () => {
    expect(parseType('Array(String NULL)')).toEqual(t('Array', [t('String', [], { nullable: true })]));
    expect(parseType('Nullable(Map(String, String NULL))')).toEqual(t('Map', [t('String'), t('String', [], { nullable: true })], { nullable: true }));
    expect(parseType('Nullable(Tuple(String NULL, Array(Tuple(Array(Int32 NULL) NULL, Array(String NULL) NULL) NULL) NULL))')).toEqual(
      t(
        'Tuple',
        [
          t('String', [], { nullable: true }),
          t(
            'Array',
            [
              t(
                'Tuple',
                [t('Array', [t('Int32', [], { nullable: true })], { nullable: true }), t('Array', [t('String', [], { nullable: true })], { nullable: true })],
                { nullable: true },
              ),
            ],
            { nullable: true },
          ),
        ],
        { nullable: true },
      ),
    );
  });

  it('reads the field names of a named tuple, plain or quoted', () => {
    expect(parseType('Tuple(lat Float64, lon Float64 NULL)')).toEqual(
      t('Tuple', [t('Float64', [], { field: 'lat' }), t('Float64', [], { nullable: true, field: 'lon' })]),
    );
    expect(parseType('Tuple(a Nullable(Int32), "b c" String, `d``e` Array(Int8))')).toEqual(
      t('Tuple', [t('Int32', [], { nullable: true, field: 'a' }), t('String', [], { field: 'b c' }), t('Array', [t('Int8')], { field: 'd`e' })]),
    );
  });

  it.each(['Array(Int32', 'Array(Int32))', 'Nullable(Int32, Int8)', 'Nullable()', 'Int32 %', '', '(Int32)', 'Tuple(,)', 'Tuple(Int32,,)'])(
    'rejects %j',
    (text) => {
      expect(() => parseType(text)).toThrow(SyntaxError);
    },
  );
});

describe('decodeValue', () => {
  const decode = (value: unknown, type: string, ...declared: Parameters<typeof decodeValue>[2][]) =>
    decodeValue(value, parseType(type), declared[0], { column: 'c', zone: 'UTC' });

  it('maps null and undefined to null whatever the type', () => {
    expect(decode(null, 'Nullable(Variant)')).toBeNull();
    expect(decode(undefined, 'Nullable(Int32)')).toBeNull();
    expect(decode(null, 'Nullable(Tuple(Int32, String))')).toBeNull();
  });

  it('parses VARIANT JSON text, including scalars and JSON strings', () => {
    expect(decode('{"k":[1,2,{"n":null}]}', 'Variant')).toEqual({ k: [1, 2, { n: null }] });
    expect(decode('[1,"a",true]', 'Nullable(Variant)')).toEqual([1, 'a', true]);
    expect(decode('42', 'Variant')).toBe(42);
    expect(decode('"text"', 'Variant')).toBe('text');
    expect(decode('null', 'Variant')).toBeNull();
  });

  it('keeps an already parsed VARIANT (variantAsObject) as it is', () => {
    expect(decode({ a: 1 }, 'Variant')).toEqual({ a: 1 });
  });

  it('keeps DECIMAL text with every digit', () => {
    expect(decode('12345678901234567890.1234', 'Decimal(38, 4)')).toBe('12345678901234567890.1234');
  });

  it('keeps BIGINT a number while it is exact, and BIGINT UNSIGNED a bigint', () => {
    expect(decode(9007199254740991, 'Int64')).toBe(9007199254740991);
    expect(decode(-9007199254740991, 'Int64')).toBe(-9007199254740991);
    expect(decode(18446744073709551615n, 'UInt64')).toBe(18446744073709551615n);
  });

  it('refuses a BIGINT the driver may have rounded (beyond 2^53) instead of returning another number', () => {
    expect(() => decode(9007199254740992, 'Int64')).toThrow(InexactReadError);
    expect(() => decode(9007199254740992, 'Int64')).toThrow(/beyond 2\^53.*mode: 'bigint'/);
  });

  it('gives a 64-bit integer the declared mode', () => {
    expect(decode(42, 'Int64', bigint({ mode: 'bigint' }).spec.type)).toBe(42n);
    expect(decode(42, 'Int64', bigint({ mode: 'string' }).spec.type)).toBe('42');
    expect(decode(18446744073709551615n, 'UInt64', bigintUnsigned({ mode: 'string' }).spec.type)).toBe('18446744073709551615');
    expect(decode(7n, 'UInt64', bigintUnsigned({ mode: 'number' }).spec.type)).toBe(7);
    expect(() => decode(18446744073709551615n, 'UInt64', bigintUnsigned({ mode: 'number' }).spec.type)).toThrow(InexactReadError);
  });

  it('keeps TIMESTAMP and DATE as the Date the driver made', () => {
    const instant = new Date('2024-01-02T03:04:05.678Z');
    expect(decode(instant, 'Timestamp')).toBe(instant);
    expect(decode(instant, 'Date')).toBe(instant);
  });

  it('turns a BINARY Buffer into a plain Uint8Array over the same bytes', () => {
    const decoded = decode(Buffer.from([0, 1, 255]), 'Binary');
    expect(decoded).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(decoded)).toBe(false);
    expect([...(decoded as Uint8Array)]).toEqual([0, 1, 255]);
  });

  it('keeps VECTOR a number[] and other scalars as they are', () => {
    expect(decode([0.5, 1, -2], 'Vector(3)')).toEqual([0.5, 1, -2]);
    expect(decode(true, 'Boolean')).toBe(true);
    expect(decode('text', 'String')).toBe('text');
    expect(decode('1 day', 'Interval')).toBe('1 day');
  });

  it('decodes ARRAY elements by their type', () => {
    expect(decode(['{"a":1}', null], 'Array(Variant NULL)')).toEqual([{ a: 1 }, null]);
    expect(decode([], 'Array(Nothing)')).toEqual([]);
    expect(decode([[Buffer.from('a')]], 'Array(Array(Binary))')).toEqual([[new Uint8Array([97])]]);
  });

  it('decodes MAP values by their type and keeps the keys', () => {
    expect(decode({ x: '[1]', y: null }, 'Map(String, Nullable(Variant))')).toEqual({ x: [1], y: null });
    expect(decode({}, 'Map(Nothing)')).toEqual({});
  });

  it('keeps an unnamed TUPLE an array', () => {
    expect(decode([1, 'a', '{"b":2}'], 'Tuple(Int32, String, Variant)')).toEqual([1, 'a', { b: 2 }]);
  });

  it('names a TUPLE by the field names in its type string', () => {
    expect(decode([52.5, 13.4], 'Tuple(lat Float64, lon Float64)')).toEqual({ lat: 52.5, lon: 13.4 });
  });

  it('names a TUPLE by the declared column type when the type string has no names', () => {
    const declared = tuple({ lat: double(), lon: double(), tags: array(variant()) }).spec.type;
    expect(decode([52.5, null, ['1']], 'Tuple(Float64, Float64 NULL, Array(Variant))', declared)).toEqual({ lat: 52.5, lon: null, tags: [1] });
  });

  it('follows declared types through arrays and maps to reach nested named tuples', () => {
    const declared = map(string(), array(tuple({ a: int() }))).spec.type;
    expect(decode({ k: [[1], [2]] }, 'Map(String, Array(Tuple(Int32)))', declared)).toEqual({ k: [{ a: 1 }, { a: 2 }] });
  });

  it('keeps a tuple an array when the declared names do not fit its arity', () => {
    const declared = tuple({ a: int() }).spec.type;
    expect(decode([1, 2], 'Tuple(Int32, Int32)', declared)).toEqual([1, 2]);
  });
});

describe('rowDecoder', () => {
  const fields = [
    { name: 'id', dataType: 'Int64' },
    { name: 'payload', dataType: 'Nullable(Variant)' },
    { name: 'pos', dataType: 'Tuple(Float64, Float64)' },
  ];

  it('zips field names with values in schema order', () => {
    const row = rowDecoder(fields)([1, '{"a":1}', [1, 2]]);
    expect(row).toEqual({ id: 1, payload: { a: 1 }, pos: [1, 2] });
    expect(Object.keys(row)).toEqual(['id', 'payload', 'pos']);
  });

  it('names tuples from the declared table', () => {
    const trips = table('trips', { id: bigint(), payload: variant(), pos: tuple({ lat: double(), lon: double() }) });
    expect(rowDecoder(fields, { columns: trips.columns })([1, null, [52.5, 13.4]])).toEqual({ id: 1, payload: null, pos: { lat: 52.5, lon: 13.4 } });
  });

  it('makes a column named __proto__ an own property, not the prototype', () => {
    const row = rowDecoder([{ name: '__proto__', dataType: 'String' }])(['x']);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(row, '__proto__')?.value).toBe('x');
  });
});
