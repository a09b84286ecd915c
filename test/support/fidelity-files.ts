// The table of test/engine/fidelity.test.ts and the files its write paths load: NDJSON lines, a Parquet file written
// by hyparquet-writer and a CSV file, each holding every value in a form the engine reads back exactly. What each
// form is, and why, is in docs/engine-facts.md ("Values, nested types and exact reads").
import type { SchemaElement } from 'hyparquet';
import { geojsonToWkb, parquetWriteBuffer } from 'hyparquet-writer';
import {
  array,
  bigint,
  bigintUnsigned,
  binary,
  bitmap,
  boolean,
  date,
  decimal,
  double,
  float,
  geometry,
  int,
  interval,
  intUnsigned,
  map,
  smallintUnsigned,
  sql,
  string,
  table,
  timestamp,
  timestampTz,
  tinyint,
  tuple,
  variant,
  vector,
  type FileFormat,
  type Row,
  type SqlFragment,
} from '../../src/index.js';

export const fidelityColumns = {
  k: int().notNull(),
  b: boolean(),
  i8: tinyint(),
  u16: smallintUnsigned(),
  i: int(),
  u32: intUnsigned(),
  big: bigint({ mode: 'bigint' }),
  big_text: bigint({ mode: 'string' }),
  big_num: bigint(),
  ubig: bigintUnsigned(),
  f: float(),
  d: double(),
  dec: decimal(38, 10),
  s: string(),
  bin: binary(),
  day: date(),
  at: timestamp(),
  at_tz: timestampTz(),
  span: interval(),
  v: variant(),
  tags: array(string()),
  grid: array(array(int())),
  counts: map(string(), bigint({ mode: 'string' })),
  pair: tuple({ name: string(), x: double() }),
  emb: vector(3),
  members: bitmap(),
  place: geometry(),
};
export const fidelityTable = (name: string) => table(name, fidelityColumns);
export type FidelityRow = Row<ReturnType<typeof fidelityTable>>;
type Column = keyof FidelityRow;

/** A BITMAP as the text it is written as: its members, comma-separated. */
export const bitmapText = (members: readonly bigint[] | null) => (members === null ? null : members.join(','));

/** A MAP(STRING, BIGINT) as JSON text, its integers as bare digits. */
export function countsJson(counts: Record<string, string | null>): string {
  return `{${Object.entries(counts)
    .map(([key, n]) => `${JSON.stringify(key)}:${n ?? 'null'}`)
    .join(',')}}`;
}

/** The shortest text that reads back as the same float, -0 with its sign (String(-0) is '0'). */
const floatText = (n: number) => (Object.is(n, -0) ? '-0' : String(n));
/** `YYYY-MM-DD HH:MM:SS.fff`, in UTC. */
const timeText = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
const dayText = (d: Date) => d.toISOString().slice(0, 10);
/** A DECIMAL's text as its unscaled integer: `-12.5000000000` is -125000000000 at scale 10. */
const unscaled = (text: string) => BigInt(text.replace('.', ''));
/** x and y of a generated `POINT(x y)`. */
const coordinates = (wkt: string) => wkt.slice('POINT('.length, -1).split(' ').map(Number);

// ---- NDJSON -----------------------------------------------------------------------------------------------------

/** An NDJSON line with every value as the engine reads it exactly: 64-bit integers as bare digits, floats as the
 * shortest text that reads back as the same float (with -0 signed), bytes as hex, times as text. */
export function ndjsonLine(r: FidelityRow): string {
  const num = (n: number | null) => (n === null ? 'null' : Object.is(n, -0) ? '-0.0' : String(n));
  const time = (d: Date | null, dateOnly = false) => (d === null ? 'null' : JSON.stringify(dateOnly ? dayText(d) : timeText(d)));
  const fields: [string, string][] = [
    ['k', String(r.k)],
    ['b', JSON.stringify(r.b)],
    ['i8', JSON.stringify(r.i8)],
    ['u16', JSON.stringify(r.u16)],
    ['i', JSON.stringify(r.i)],
    ['u32', JSON.stringify(r.u32)],
    ['big', r.big === null ? 'null' : String(r.big)],
    ['big_text', r.big_text ?? 'null'],
    ['big_num', JSON.stringify(r.big_num)],
    ['ubig', r.ubig === null ? 'null' : String(r.ubig)],
    ['f', num(r.f)],
    ['d', num(r.d)],
    ['dec', r.dec === null ? 'null' : JSON.stringify(r.dec)],
    ['s', JSON.stringify(r.s)],
    ['bin', r.bin === null ? 'null' : JSON.stringify(Buffer.from(r.bin).toString('hex'))],
    ['day', time(r.day, true)],
    ['at', time(r.at)],
    ['at_tz', r.at_tz === null ? 'null' : JSON.stringify(`${timeText(r.at_tz)} +0000`)],
    ['span', JSON.stringify(r.span)],
    ['v', JSON.stringify(r.v)],
    ['tags', JSON.stringify(r.tags)],
    ['grid', JSON.stringify(r.grid)],
    ['counts', r.counts === null ? 'null' : countsJson(r.counts)],
    ['pair', r.pair === null ? 'null' : `{"name":${JSON.stringify(r.pair.name)},"x":${num(r.pair.x)}}`],
    ['emb', r.emb === null ? 'null' : `[${r.emb.map(num).join(',')}]`],
    ['members', JSON.stringify(bitmapText(r.members))],
    ['place', JSON.stringify(r.place)],
  ];
  return `{${fields.map(([key, value]) => `"${key}":${value}`).join(',')}}`;
}

// ---- Parquet ----------------------------------------------------------------------------------------------------

/** A column of the Parquet file: its schema elements (the column first, then its children) and its value in a row. */
interface ParquetColumn {
  readonly schema: readonly SchemaElement[];
  readonly value: (r: FidelityRow) => unknown;
}

const OPTIONAL = 'OPTIONAL';
const UTF8 = { converted_type: 'UTF8', logical_type: { type: 'STRING' } } as const;
const leaf = (name: string, element: Omit<SchemaElement, 'name'>): SchemaElement => ({ name, repetition_type: OPTIONAL, ...element });
/** The standard three-level LIST: `<name> (LIST) / list (REPEATED) / element`. */
function list(name: string, element: readonly SchemaElement[]): SchemaElement[] {
  const [head, ...children] = element;
  return [
    { name, repetition_type: OPTIONAL, converted_type: 'LIST', logical_type: { type: 'LIST' }, num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { ...head!, name: 'element' },
    ...children,
  ];
}
const scalar =
  (element: Omit<SchemaElement, 'name'>, value: (r: FidelityRow) => unknown) =>
  (name: string): ParquetColumn => ({ schema: [leaf(name, element)], value });
const orNull = <T, U>(value: T | null, convert: (v: T) => U): U | null => (value === null ? null : convert(value));

/**
 * Each column in the Parquet type the engine reads as the declared type (or casts to it in the default projection,
 * `col::TYPE`). Where Parquet has a type of its own that the engine refuses, the column is written in a form it reads
 * (docs/engine-facts.md has the errors):
 * - GEOMETRY: Parquet's GEOMETRY logical type is refused (1046 "Cannot annotate Geometry from BYTE_ARRAY"); plain
 *   BYTE_ARRAY holding the WKB, which is what the engine's own unload writes, casts to GEOMETRY.
 * - INTERVAL: Parquet's INTERVAL is refused (1001 "Unsupported Arrow type: Interval(DayTime)"); the engine's text.
 * - BITMAP: Parquet has no such type and a LIST of UINT_64 does not cast (1006 "unable to cast type `Array(UInt64)`
 *   to type `Bitmap`"); the members' text, `1,5,7`.
 * - VARIANT: a JSON-typed string (Parquet's VARIANT type reads as a tuple of two binaries).
 * - TIMESTAMP_TZ: a UTC TIMESTAMP, which casts to TIMESTAMP_TZ at offset +00:00.
 * Logical INTEGER annotations are left out: hyparquet-writer 0.17 writes their bit width as an i32 where Thrift
 * wants an i8, and the engine refuses the footer (1046 "Could not parse metadata: protocol error"); the converted
 * types INT_8, UINT_16, UINT_32 and UINT_64 carry the same.
 */
const PARQUET: { readonly [C in Column]: (name: string) => ParquetColumn } = {
  k: (name) => ({ schema: [{ name, type: 'INT32', repetition_type: 'REQUIRED' }], value: (r) => r.k }),
  b: scalar({ type: 'BOOLEAN' }, (r) => r.b),
  i8: scalar({ type: 'INT32', converted_type: 'INT_8' }, (r) => r.i8),
  u16: scalar({ type: 'INT32', converted_type: 'UINT_16' }, (r) => r.u16),
  i: scalar({ type: 'INT32' }, (r) => r.i),
  u32: scalar({ type: 'INT32', converted_type: 'UINT_32' }, (r) => r.u32),
  big: scalar({ type: 'INT64' }, (r) => r.big),
  big_text: scalar({ type: 'INT64' }, (r) => orNull(r.big_text, BigInt)),
  big_num: scalar({ type: 'INT64' }, (r) => orNull(r.big_num, BigInt)),
  ubig: scalar({ type: 'INT64', converted_type: 'UINT_64' }, (r) => r.ubig),
  f: scalar({ type: 'FLOAT' }, (r) => r.f),
  d: scalar({ type: 'DOUBLE' }, (r) => r.d),
  dec: scalar(
    {
      type: 'FIXED_LEN_BYTE_ARRAY',
      type_length: 16,
      converted_type: 'DECIMAL',
      precision: 38,
      scale: 10,
      logical_type: { type: 'DECIMAL', precision: 38, scale: 10 },
    },
    (r) => orNull(r.dec, unscaled),
  ),
  s: scalar({ type: 'BYTE_ARRAY', ...UTF8 }, (r) => r.s),
  bin: scalar({ type: 'BYTE_ARRAY' }, (r) => r.bin),
  day: scalar({ type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } }, (r) => r.day),
  at: scalar({ type: 'INT64', converted_type: 'TIMESTAMP_MICROS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' } }, (r) =>
    orNull(r.at, (d) => BigInt(d.getTime()) * 1000n),
  ),
  at_tz: scalar({ type: 'INT64', converted_type: 'TIMESTAMP_MICROS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' } }, (r) =>
    orNull(r.at_tz, (d) => BigInt(d.getTime()) * 1000n),
  ),
  span: scalar({ type: 'BYTE_ARRAY', ...UTF8 }, (r) => r.span),
  // The JSON text is written here: given values for a JSON converted type, hyparquet-writer rebuilds each object by
  // assignment (hyparquet's toJson), which drops a '__proto__' key. The logical type alone leaves the text as it is.
  v: scalar({ type: 'BYTE_ARRAY', logical_type: { type: 'JSON' } }, (r) => orNull(r.v, (v) => JSON.stringify(v))),
  tags: (name) => ({ schema: list(name, [leaf('element', { type: 'BYTE_ARRAY', ...UTF8 })]), value: (r) => r.tags }),
  grid: (name) => ({ schema: list(name, list('element', [leaf('element', { type: 'INT32' })])), value: (r) => r.grid }),
  counts: (name) => ({
    schema: [
      { name, repetition_type: OPTIONAL, converted_type: 'MAP', logical_type: { type: 'MAP' }, num_children: 1 },
      { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
      { name: 'key', repetition_type: 'REQUIRED', type: 'BYTE_ARRAY', ...UTF8 },
      leaf('value', { type: 'INT64' }),
    ],
    // Entries as [key, value] pairs: an object would lose a '__proto__' key on the way.
    value: (r) => orNull(r.counts, (counts) => Object.entries(counts).map(([key, n]) => [key, orNull(n, BigInt)])),
  }),
  pair: (name) => ({
    schema: [{ name, repetition_type: OPTIONAL, num_children: 2 }, leaf('name', { type: 'BYTE_ARRAY', ...UTF8 }), leaf('x', { type: 'DOUBLE' })],
    value: (r) => r.pair,
  }),
  // VECTOR's elements are never NULL: a REQUIRED FLOAT element reads as Array(Float32), which casts to VECTOR(3).
  emb: (name) => ({ schema: list(name, [{ name: 'element', repetition_type: 'REQUIRED', type: 'FLOAT' }]), value: (r) => r.emb }),
  members: scalar({ type: 'BYTE_ARRAY', ...UTF8 }, (r) => bitmapText(r.members)),
  place: scalar({ type: 'BYTE_ARRAY' }, (r) => orNull(r.place, (wkt) => geojsonToWkb({ type: 'Point', coordinates: coordinates(wkt) }))),
};

/** A Parquet file holding every column of the fidelity table, in the table's column order. */
export function parquetFile(rows: readonly FidelityRow[]): Uint8Array {
  const columns = (Object.keys(fidelityColumns) as Column[]).map((name) => [name, PARQUET[name](name)] as const);
  const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }, ...columns.flatMap(([, column]) => column.schema)];
  const columnData = columns.map(([name, column]) => ({ name, data: rows.map(column.value) }));
  return new Uint8Array(parquetWriteBuffer({ columnData, schema }));
}

// ---- CSV --------------------------------------------------------------------------------------------------------

/**
 * The CSV dialect of the file: every value quoted (a quote doubled), no escape character (a backslash is a
 * character), NULL as an unquoted `\N`; a quoted `\N` is the two characters and `""` the empty string.
 */
export const CSV_FORMAT = {
  type: 'CSV',
  fieldDelimiter: ',',
  recordDelimiter: '\n',
  quote: '"',
  escape: '',
  nullDisplay: '\\N',
  allowQuotedNulls: false,
  quotedEmptyFieldAs: 'STRING',
} as const satisfies FileFormat;

/** A CSV column: the text a row holds (null for NULL) and the expression that reads field `$n` into the column. */
interface CsvColumn {
  readonly text: (r: FidelityRow) => string | null;
  readonly source: (field: string) => string;
}

const cast = (type: string) => (field: string) => `${field}::${type}`;
/**
 * A float inside JSON, written with an exponent: the engine parses such a number as a DOUBLE, exactly and with the
 * sign of -0, while a number with a fraction and no exponent becomes a DECIMAL whose cast to DOUBLE is not correctly
 * rounded and drops the sign of -0.0 (docs/engine-facts.md). toExponential() gives the shortest digits.
 */
const jsonFloat = (n: number | null) => (n === null ? 'null' : Object.is(n, -0) ? '-0e0' : n.toExponential());

/**
 * Scalars are read from their text with a cast (the cast from text is exact for FLOAT and DOUBLE); nested values
 * from JSON through parse_json, since text does not cast to ARRAY, MAP or TUPLE (1006 "unable to cast type `String`
 * to type `Array(String)`"), and a VARIANT does not cast to TUPLE (1006), so the tuple is built from its fields.
 */
const CSV: { readonly [C in Column]: CsvColumn } = {
  k: { text: (r) => String(r.k), source: cast('INT') },
  b: { text: (r) => orNull(r.b, String), source: cast('BOOLEAN') },
  i8: { text: (r) => orNull(r.i8, String), source: cast('TINYINT') },
  u16: { text: (r) => orNull(r.u16, String), source: cast('SMALLINT UNSIGNED') },
  i: { text: (r) => orNull(r.i, String), source: cast('INT') },
  u32: { text: (r) => orNull(r.u32, String), source: cast('INT UNSIGNED') },
  big: { text: (r) => orNull(r.big, String), source: cast('BIGINT') },
  big_text: { text: (r) => r.big_text, source: cast('BIGINT') },
  big_num: { text: (r) => orNull(r.big_num, String), source: cast('BIGINT') },
  ubig: { text: (r) => orNull(r.ubig, String), source: cast('BIGINT UNSIGNED') },
  f: { text: (r) => orNull(r.f, floatText), source: cast('FLOAT') },
  d: { text: (r) => orNull(r.d, floatText), source: cast('DOUBLE') },
  dec: { text: (r) => r.dec, source: cast('DECIMAL(38, 10)') },
  s: { text: (r) => r.s, source: cast('STRING') },
  // A transform reads the field as text, so BINARY_FORMAT does not apply: the hex is decoded by from_hex.
  bin: { text: (r) => orNull(r.bin, (b) => Buffer.from(b).toString('hex')), source: (field) => `from_hex(${field})` },
  day: { text: (r) => orNull(r.day, dayText), source: cast('DATE') },
  at: { text: (r) => orNull(r.at, timeText), source: cast('TIMESTAMP') },
  at_tz: { text: (r) => orNull(r.at_tz, (d) => `${timeText(d)} +0000`), source: cast('TIMESTAMP_TZ') },
  span: { text: (r) => r.span, source: cast('INTERVAL') },
  v: { text: (r) => orNull(r.v, (v) => JSON.stringify(v)), source: (field) => `parse_json(${field})` },
  tags: { text: (r) => orNull(r.tags, (tags) => JSON.stringify(tags)), source: (field) => `parse_json(${field})::ARRAY(STRING NULL)` },
  // A JSON null cast to an ARRAY is an empty array, not NULL (docs/engine-facts.md): each inner array is cast on its
  // own, and a JSON null made NULL.
  grid: {
    text: (r) => orNull(r.grid, (grid) => JSON.stringify(grid)),
    source: (field) => `array_transform(parse_json(${field})::ARRAY(VARIANT), a -> IF(is_null_value(a), NULL, a::ARRAY(INT NULL)))`,
  },
  counts: { text: (r) => orNull(r.counts, countsJson), source: (field) => `parse_json(${field})::MAP(STRING, BIGINT NULL)` },
  pair: {
    text: (r) => orNull(r.pair, (pair) => `{"name":${JSON.stringify(pair.name)},"x":${jsonFloat(pair.x)}}`),
    source: (field) => `IF(${field} IS NULL, NULL, (parse_json(${field})['name']::STRING, parse_json(${field})['x']::DOUBLE))`,
  },
  // A NULL row among vectors fails the cast to VECTOR (1006 "Array value cast to a vector has incorrect dimension",
  // docs/engine-facts.md): the cast is given three elements on every row and the NULL put back after.
  emb: {
    text: (r) => orNull(r.emb, (emb) => `[${emb.map(jsonFloat).join(',')}]`),
    source: (field) => `IF(${field} IS NULL, NULL, COALESCE(parse_json(${field})::ARRAY(FLOAT), [0, 0, 0])::VECTOR(3))`,
  },
  members: { text: (r) => bitmapText(r.members), source: cast('BITMAP') },
  place: { text: (r) => r.place, source: cast('GEOMETRY') },
};

const csvColumns = () => Object.keys(fidelityColumns) as Column[];

/** RFC 4180 with every value quoted; NULL is the unquoted NULL_DISPLAY. */
const csvField = (text: string | null) => (text === null ? CSV_FORMAT.nullDisplay : `"${text.replaceAll('"', '""')}"`);

/** A CSV file of the rows, its fields in the table's column order, without a header. */
export function csvFile(rows: readonly FidelityRow[]): string {
  return (
    rows
      .map((r) =>
        csvColumns()
          .map((column) => csvField(CSV[column].text(r)))
          .join(','),
      )
      .join('\n') + '\n'
  );
}

/** The `.map()` of a COPY from csvFile(): each column from its field, `$1`, `$2`, ... */
export function csvMapping(): Record<Column, SqlFragment> {
  return Object.fromEntries(csvColumns().map((column, i) => [column, sql.raw(CSV[column].source(`$${i + 1}`))])) as Record<Column, SqlFragment>;
}
