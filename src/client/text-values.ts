import { parseType, type TypeDesc } from './type-parser.js';
import { wallTimeToDate } from './wall-time.js';

/**
 * The HTTP API's text cells (`data` of a query page, see the reference's "Value encoding") turned into the values
 * databend-driver 0.33.7 would give for them (its `string_decoder.rs` and the Node binding's mapping), so that rows
 * read over HTTP go through the same decoder (decode.ts) and come out identical to the driver's rows. Only types whose
 * driver value is known exactly are converted: `textCellReader` answers undefined for any other, and the client then
 * reads the statement through the driver.
 */
export type CellReader = (cell: string | null) => unknown;

/** Nested leaves the driver reads exactly, as exact-read.ts lists them; a nested string, date or decimal is not. */
const NESTED_NUMBERS = new Set(['Int8', 'Int16', 'Int32', 'UInt8', 'UInt16', 'UInt32', 'Float32', 'Float64']);
const INTEGER_KEYS = new Set(['Int8', 'Int16', 'Int32', 'UInt8', 'UInt16', 'UInt32']);

/** The reader of one result column, from its type as the HTTP schema prints it; `zone` is the page's timezone. */
export function textCellReader(typeText: string, zone: string): CellReader | undefined {
  let type: TypeDesc;
  try {
    type = parseType(typeText);
  } catch {
    return undefined;
  }
  const read = topLevel(type, zone);
  if (read === undefined) return undefined;
  // The driver reads the text NULL as null in a nullable column of any type but String (old servers wrote it).
  const nullText = type.nullable && type.name !== 'String';
  return (cell) => (cell === null || (nullText && cell === 'NULL') ? null : read(cell));
}

function topLevel(type: TypeDesc, zone: string): ((cell: string) => unknown) | undefined {
  switch (type.name) {
    case 'Boolean':
      return (cell) => cell === '1';
    case 'Int8':
    case 'Int16':
    case 'Int32':
    case 'UInt8':
    case 'UInt16':
    case 'UInt32':
    case 'Int64':
      // Int64 through a double, as napi_create_int64 makes it (decode.ts refuses one past 2^53).
      return (cell) => Number(cell);
    case 'UInt64':
      return (cell) => BigInt(cell);
    case 'Float64':
      return floatText;
    case 'Float32':
      return (cell) => Math.fround(floatText(cell));
    case 'Decimal':
    case 'String':
    case 'Variant':
      return (cell) => cell;
    case 'Binary':
      return (cell) => Buffer.from(cell, 'hex');
    case 'Date':
      return (cell) => wallTimeToDate(cell, 'UTC');
    case 'Timestamp':
      return (cell) => timestampText(cell, zone);
    case 'NULL':
    case 'Null':
      return () => null;
    case 'Vector':
      return (cell) => vectorText(cell);
    case 'Array':
    case 'Map':
    case 'Tuple': {
      if (type.args.length === 1 && type.args[0]!.name === 'Nothing') return type.name === 'Array' ? () => [] : type.name === 'Map' ? () => ({}) : undefined;
      const nested = nestedReader(type);
      return nested === undefined ? undefined : (cell) => parseNested(cell, nested);
    }
    default:
      // Interval, Bitmap, Geometry, Geography, Timestamp_Tz: the driver's value for these was not pinned here.
      return undefined;
  }
}

/**
 * A TIMESTAMP as the driver gives it: milliseconds of the microseconds since the epoch divided toward zero, so that
 * `1969-12-31 23:59:59.999999` is the epoch itself (wallTimeToDate rounds down, to 23:59:59.999).
 */
function timestampText(cell: string, zone: string): Date | string {
  const date = wallTimeToDate(cell, zone);
  if (typeof date === 'string' || date.getTime() >= 0) return date;
  const micros = /\.\d{3}(\d{1,3})$/.exec(cell)?.[1];
  return micros !== undefined && Number(micros) > 0 ? new Date(date.getTime() + 1) : date;
}

/** Rust's float parse of the server's text: `NaN`, `Infinity`, `inf` in any case, else the number. */
function floatText(cell: string): number {
  const lower = cell.toLowerCase();
  if (lower === 'nan') return Number.NaN;
  if (lower === 'inf' || lower === 'infinity' || lower === '+inf' || lower === '+infinity') return Number.POSITIVE_INFINITY;
  if (lower === '-inf' || lower === '-infinity') return Number.NEGATIVE_INFINITY;
  return Number(cell);
}

function vectorText(cell: string): number[] {
  const inner = cell.trim().replace(/^\[/, '').replace(/\]$/, '').trim();
  return inner === '' ? [] : inner.split(',').map((item) => Math.fround(floatText(item.trim())));
}

// ---- Nested values of exact leaves: `[1,NULL,3]`, `{1:2.5}`, `(1,[0,1])` -------------------------------------------

type Nested =
  | { readonly kind: 'number'; readonly f32: boolean }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'null' }
  | { readonly kind: 'array'; readonly element: Nested }
  | { readonly kind: 'map'; readonly key: Nested; readonly value: Nested }
  | { readonly kind: 'tuple'; readonly members: readonly Nested[] };

function nestedReader(type: TypeDesc): Nested | undefined {
  if (NESTED_NUMBERS.has(type.name)) return { kind: 'number', f32: type.name === 'Float32' };
  if (type.name === 'Boolean') return { kind: 'boolean' };
  if (type.name === 'NULL' || type.name === 'Null') return { kind: 'null' };
  if (type.name === 'Array' && type.args.length === 1) {
    const element = nestedReader(type.args[0]!);
    return element === undefined ? undefined : { kind: 'array', element };
  }
  if (type.name === 'Map' && type.args.length === 2 && INTEGER_KEYS.has(type.args[0]!.name)) {
    const key = nestedReader(type.args[0]!);
    const value = nestedReader(type.args[1]!);
    return key === undefined || value === undefined ? undefined : { kind: 'map', key, value };
  }
  if (type.name === 'Tuple' && type.args.length > 0) {
    const members = type.args.map(nestedReader);
    return members.some((m) => m === undefined) ? undefined : { kind: 'tuple', members: members as Nested[] };
  }
  return undefined;
}

class NestedText {
  pos = 0;
  constructor(readonly text: string) {}

  fail(): never {
    throw new SyntaxError(`Cannot read the nested value '${this.text.slice(0, 200)}' at offset ${this.pos}`);
  }

  expect(char: string): void {
    if (this.text[this.pos] !== char) this.fail();
    this.pos++;
  }

  /** A bare token up to the next `,` `:` `]` `}` `)`. */
  token(): string {
    const start = this.pos;
    while (this.pos < this.text.length && !',:]})'.includes(this.text[this.pos]!)) this.pos++;
    return this.text.slice(start, this.pos).trim();
  }

  list<T>(close: string, item: (index: number) => T): T[] {
    const out: T[] = [];
    if (this.text[this.pos] === close) {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(item(out.length));
      const next = this.text[this.pos++];
      if (next === close) return out;
      if (next !== ',') this.fail();
    }
  }
}

function parseNested(cell: string, reader: Nested): unknown {
  const text = new NestedText(cell);
  const value = readNested(text, reader);
  if (text.pos !== cell.length) text.fail();
  return value;
}

function readNested(text: NestedText, reader: Nested): unknown {
  if (text.text.startsWith('NULL', text.pos) && reader.kind !== 'array' && reader.kind !== 'map' && reader.kind !== 'tuple') {
    text.pos += 4;
    return null;
  }
  switch (reader.kind) {
    case 'number': {
      const token = text.token();
      const value = floatText(token);
      if (Number.isNaN(value) && token.toLowerCase() !== 'nan') text.fail();
      return reader.f32 ? Math.fround(value) : value;
    }
    case 'boolean': {
      const token = text.token();
      if (token !== '1' && token !== '0') text.fail();
      return token === '1';
    }
    case 'null':
      return text.token() === 'NULL' ? null : text.fail();
    case 'array':
      if (text.text.startsWith('NULL', text.pos)) {
        text.pos += 4;
        return null;
      }
      text.expect('[');
      return text.list(']', () => readNested(text, reader.element));
    case 'map': {
      if (text.text.startsWith('NULL', text.pos)) {
        text.pos += 4;
        return null;
      }
      text.expect('{');
      const entries = text.list('}', () => {
        const key = readNested(text, reader.key);
        text.expect(':');
        return [String(key), readNested(text, reader.value)] as const;
      });
      return Object.fromEntries(entries);
    }
    case 'tuple': {
      if (text.text.startsWith('NULL', text.pos)) {
        text.pos += 4;
        return null;
      }
      text.expect('(');
      const values = text.list(')', (i) => readNested(text, reader.members[i] ?? text.fail()));
      return values.length === reader.members.length ? values : text.fail();
    }
  }
}
