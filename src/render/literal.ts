import type { DataType } from '../ast/data-types.js';
import type { TypedValue } from '../ast/dml.js';
import type { SqlFragment } from '../ast/expression.js';
import { checkDate, checkInteger, checkIntegerText, jsonText, refusedValue } from '../ast/value-contract.js';
import { describeValueKind, isPlainObject } from '../checks.js';
import { quoteString } from './quote.js';

/**
 * Where a literal stands, which decides how a FLOAT or DOUBLE value is spelled (every other value is spelled the same
 * everywhere):
 * - `expression`: inside an expression (sql``, a comparison, a query vector), where nothing converts it afterwards;
 * - `assignment`: a value the engine casts to its column's declared type (INSERT ... VALUES, UPDATE ... SET);
 * - `default`: a column DEFAULT, which the engine folds to a constant and keeps as SQL text.
 */
export type LiteralPosition = 'expression' | 'assignment' | 'default';

/**
 * Renders a JavaScript value as a Databend literal. With a `type` (a column's) the literal follows the type (MAP,
 * TUPLE, VARIANT, FLOAT); without one (a value interpolated into sql``) it follows the value, a number being a DOUBLE.
 * `position` defaults to `assignment` with a type and `expression` without.
 */
export function renderLiteral(value: unknown, type?: DataType, position: LiteralPosition = type === undefined ? 'expression' : 'assignment'): string {
  return literal(value, type, position, false);
}

/** A column DEFAULT of the column's type, spelled so that the value the engine stores is the value given. */
export function renderDefault(value: unknown, type: DataType): string {
  return literal(value, type, 'default', false);
}

/** `nested`: inside an ARRAY, MAP or VECTOR, whose members the engine gives one common type. */
function literal(value: unknown, type: DataType | undefined, position: LiteralPosition, nested: boolean): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'bigint') return checkInteger(value, type).toString();
  if (typeof value === 'number') return renderNumber(checkInteger(value, type), type, position, nested);
  if (type?.kind === 'VARIANT') return `PARSE_JSON(${quoteString(jsonText(value))})`;
  if (typeof value === 'string') return type === undefined ? renderStringValue(value) : quoteString(checkIntegerText(value, type));
  if (value instanceof Date) return renderTimestamp(checkDate(value), type);
  if (value instanceof Uint8Array) return `FROM_HEX('${Buffer.from(value).toString('hex')}')`;
  if (Array.isArray(value)) return renderArray(value, type, position, nested);
  if (isPlainObject(value)) return renderObject(value, type, position, nested);
  throw refusedValue(
    'invalid_type',
    `${describeValueKind(value)} is not a value that can be written as SQL: use a string, number, bigint, boolean, Date, Uint8Array, array or plain object`,
  );
}

/**
 * A string value in an expression. NUL is written as CHR(0), not as the `\x00` escape: INSERT ... VALUES rows made
 * only of literals are read by a separate fast parser that keeps `\x00` as four characters (and reads `\0` followed
 * by a digit differently from the SQL parser), so no escape for NUL means the same in both (the pinned engine).
 */
function renderStringValue(value: string): string {
  if (!value.includes('\0')) return quoteString(value);
  return `(${value.split('\0').map(quoteString).join(' || CHR(0) || ')})`;
}

// ---- FLOAT and DOUBLE --------------------------------------------------------------------------------------------
//
// A decimal literal such as 0.1 is a DECIMAL to Databend, and its DECIMAL -> FLOAT/DOUBLE conversion is
// `mantissa as f64 / 10^scale` (`as f32 / 10f32^scale` for FLOAT; src/query/expression/src/types/decimal.rs): exact
// only while the mantissa and the power of ten are both exact in the float, that is up to 15 digits and scale 22 for
// a DOUBLE, 7 digits and scale 10 for a FLOAT. Beyond that a value can come back one unit in the last place off
// (docs/engine-facts.md has the figures). So a float is written bare only where it is short enough, and otherwise as
// text cast to its type ('0.30000000000000004'::DOUBLE), which the engine parses correctly rounded. -0 has no
// decimal spelling ('0' is +0), and NaN and the infinities none at all.

/** The longest bare spelling, in characters without the sign: 15 digits and a point (DOUBLE), 7 and a point (FLOAT). */
const SHORT_DOUBLE = 16;
const SHORT_FLOAT = 8;
/** Digits a DECIMAL's mantissa may have to convert exactly, and the scale its power of ten may have. */
const EXACT_DIGITS_DOUBLE = 15;
const EXACT_DIGITS_FLOAT = 7;
const EXACT_SCALE_FLOAT = 10;
/**
 * A constant DEFAULT is folded and stored as the text of its value (`system.columns.default_expression`), read as a
 * decimal again at each INSERT. The text has at most 10 fractional digits (truncated: '0.30000000000000004'::DOUBLE
 * is stored as 0.3, 1e-12 as 0, -0 as 0), and a FLOAT's has at most about 8 digits, rounded digit by digit (13.079 is
 * stored as 13.079001: foldedFloat32Text). A DOUBLE of at most 15 digits and 10 fractional digits, and a FLOAT whose
 * stored text is the text written, survive that.
 */
const DEFAULT_SCALE = 10;

/** How a float's decimal text may be written: bare (an integer, or short), or only as text cast to its type. */
const INTEGER = 0;
const SHORT = 1;
const CAST_TEXT = 2;
type Grade = typeof INTEGER | typeof SHORT | typeof CAST_TEXT;

function renderNumber(value: number, type: DataType | undefined, position: LiteralPosition, nested: boolean): string {
  const kind = type === undefined ? 'DOUBLE' : type.kind;
  if (kind === 'FLOAT') return renderFloat(value, true, position, nested);
  if (kind === 'DOUBLE') return renderFloat(value, false, position, nested);
  return Number.isFinite(value) ? String(value) : nonFiniteText(value, 'DOUBLE');
}

/**
 * The shortest decimal text that reads back as the same float32 (`value` already rounded to float32): its own double
 * text when that is at most 8 characters (the value exactly, and short enough to be written bare), else the fewest
 * digits that read back (9 always do). About a microsecond a value; only FLOAT-typed values pay it.
 */
function float32Text(value: number): string {
  const own = String(value);
  if (own.length <= 8 && !own.includes('e')) return own;
  for (let digits = 1; digits < 9; digits++) {
    const text = value.toPrecision(digits);
    if (Math.fround(Number(text)) === value) return String(Number(text));
  }
  return String(Number(value.toPrecision(9)));
}

const F32 = new Float32Array(1);
const F32_BITS = new Uint32Array(F32.buffer);

/**
 * The text the engine stores for a folded FLOAT constant (Databend prints a Float32 scalar through rust_decimal's
 * `Decimal::from_f32`, then keeps 10 fractional digits, truncated: src/query/expression/src/utils/display.rs).
 * from_f32 converts the float exactly and then drops digits while the mantissa is 2^24 or more, rounding half up at
 * each digit, so the text can differ from the shortest one. Undefined when the value does not fit a Decimal.
 */
function foldedFloat32Text(value: number): string | undefined {
  F32[0] = value;
  const raw = F32_BITS[0]!;
  const biased = (raw >>> 23) & 0xff;
  const exponent2 = (biased === 0 ? -126 : biased - 127) - 23;
  let mantissa = BigInt((raw & 0x7fffff) | (biased === 0 ? 0 : 0x800000));
  const limit = 1n << 96n;
  // mantissa × 2^exponent2 = mantissa × 10^exponent10 / 5^exponent5 ... as in rust_decimal's base2_to_decimal
  let exponent5 = -exponent2;
  let exponent10 = exponent2;
  while (exponent5 > 0) {
    exponent5--;
    if ((mantissa & 1n) === 0n || mantissa * 5n >= limit) {
      exponent10++;
      mantissa >>= 1n;
    } else {
      mantissa *= 5n;
    }
  }
  while (exponent5 < 0) {
    if (mantissa < limit >> 1n) {
      exponent10--;
      exponent5++;
      mantissa <<= 1n;
    } else if (exponent10 * 2 > -exponent5) {
      return undefined;
    } else {
      exponent5++;
      mantissa /= 5n;
    }
  }
  for (; exponent10 > 0; exponent10--) {
    mantissa *= 10n;
    if (mantissa >= limit) return undefined;
  }
  const dropDigit = () => {
    const remainder = mantissa % 10n;
    mantissa /= 10n;
    exponent10++;
    if (remainder >= 5n) mantissa++;
  };
  while (exponent10 < -28) {
    dropDigit();
    if (mantissa === 0n) exponent10 = 0;
  }
  while (exponent10 < 0 && mantissa >= 1n << 24n) dropDigit();
  if (exponent10 < -DEFAULT_SCALE) {
    mantissa /= 10n ** BigInt(-DEFAULT_SCALE - exponent10);
    exponent10 = -DEFAULT_SCALE;
  }
  if (mantissa === 0n) return '0';
  while (exponent10 < 0 && mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent10++;
  }
  const digits = mantissa.toString().padStart(1 - exponent10, '0');
  const text = exponent10 < 0 ? `${digits.slice(0, exponent10)}.${digits.slice(exponent10)}` : digits;
  return (raw >>> 31 === 1 ? '-' : '') + text;
}

/**
 * The magnitude from which a folded DOUBLE DEFAULT with a fraction may be stored one unit in the last place off: seen
 * between 2^32 and 2^33 (4318318803.737 stored as 4318318803.737001, 3 of about 3,000 such values; none of 800 below
 * 2^32 nor between 2^33 and 2^34 or 2^40 and 2^41: docs/engine-facts.md). From there such a DEFAULT is not folded.
 */
const DEFAULT_DOUBLE_FOLDED_BELOW = 2 ** 32;

/** Whether a DEFAULT the engine folds keeps the float written as `text`. */
function defaultKeeps(value: number, text: string, g: Grade, single: boolean): boolean {
  if (g === INTEGER) return !single || Math.abs(value) <= 2 ** 24;
  if (g !== SHORT || fractionDigits(text) > DEFAULT_SCALE) return false;
  return single ? foldedFloat32Text(value) === text : Math.abs(value) < DEFAULT_DOUBLE_FOLDED_BELOW;
}

function floatText(value: number, single: boolean): string {
  if (Object.is(value, -0)) return '-0';
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'inf' : '-inf';
  return single ? float32Text(value) : String(value);
}

function grade(value: number, text: string, single: boolean): Grade {
  if (Number.isSafeInteger(value) && !Object.is(value, -0)) return INTEGER;
  if (!Number.isFinite(value) || Object.is(value, -0) || text.includes('e')) return CAST_TEXT;
  return text.length - (text.charCodeAt(0) === 45 ? 1 : 0) <= (single ? SHORT_FLOAT : SHORT_DOUBLE) ? SHORT : CAST_TEXT;
}

function fractionDigits(text: string): number {
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

/**
 * A DEFAULT the engine does not fold: an `if` on a non-deterministic condition is kept as written, so the text cast
 * inside it is parsed at each INSERT instead of being stored as the folded, truncated constant. The text is quoted
 * even when short: `-0.5::DOUBLE` is a negation, which is folded there too.
 */
function unfolded(text: string, single: boolean): string {
  return `if(rand() >= 0, '${text}'::${single ? 'FLOAT' : 'DOUBLE'}, NULL)`;
}

function renderFloat(value: number, single: boolean, position: LiteralPosition, nested: boolean): string {
  const rounded = single ? Math.fround(value) : value;
  const text = floatText(rounded, single);
  return spell(rounded, text, grade(rounded, text, single), single, position, nested);
}

/** One float (rounded to its type) from its text, not part of a list written bare together (floatMembers). */
function spell(value: number, text: string, g: Grade, single: boolean, position: LiteralPosition, nested: boolean): string {
  // In a list not written bare together (floatMembers), every fraction is kept from folding: a constant list is read
  // again with one DECIMAL type for all its members. An integer keeps its value either way.
  if (position === 'default') return (!nested || g === INTEGER) && defaultKeeps(value, text, g, single) ? text : unfolded(text, single);
  if (g === INTEGER) return text;
  // The column's cast converts a lone short decimal exactly; anywhere else it needs its own, or it would be a DECIMAL
  // (and, inside an array or a map, share one DECIMAL type with its neighbours: a wider mantissa).
  if (position === 'assignment' && !nested && g === SHORT) return text;
  const cast = single ? '::FLOAT' : '::DOUBLE';
  return g === CAST_TEXT ? `'${text}'${cast}` : `${text}${cast}`;
}

/**
 * The members of a list of floats (an ARRAY, a VECTOR, a MAP's values). With `together`, they are written bare when
 * the engine converts every one of them exactly: bare decimals in a list share one DECIMAL type, the longest integer
 * part with the longest fraction, so it is that type's mantissa that must stay within the exact digits.
 */
function floatMembers(values: readonly unknown[], element: DataType, position: LiteralPosition, together: boolean): string[] {
  const single = element.kind === 'FLOAT';
  const texts: (string | undefined)[] = [];
  const grades: Grade[] = [];
  const rounded: number[] = [];
  let bare = together;
  let integerDigits = 0;
  let fraction = 0;
  for (const value of values) {
    if (typeof value !== 'number') {
      texts.push(undefined);
      grades.push(CAST_TEXT);
      rounded.push(NaN);
      if (value !== null && value !== undefined) bare = false;
      continue;
    }
    const x = single ? Math.fround(value) : value;
    const text = floatText(x, single);
    const g = grade(x, text, single);
    texts.push(text);
    grades.push(g);
    rounded.push(x);
    if (!bare) continue;
    if (g === CAST_TEXT || (position === 'default' && !defaultKeeps(x, text, g, single))) {
      bare = false;
      continue;
    }
    const start = text.charCodeAt(0) === 45 ? 1 : 0;
    const point = text.indexOf('.');
    const whole = (point < 0 ? text.length : point) - start;
    if (!(whole === 1 && text[start] === '0' && point > 0) && whole > integerDigits) integerDigits = whole;
    if (point > 0 && text.length - point - 1 > fraction) fraction = text.length - point - 1;
  }
  const maxScale = position === 'default' ? DEFAULT_SCALE : single ? EXACT_SCALE_FLOAT : Infinity;
  if (bare && integerDigits + fraction <= (single ? EXACT_DIGITS_FLOAT : EXACT_DIGITS_DOUBLE) && fraction <= maxScale) {
    return texts.map((text) => text ?? 'NULL');
  }
  return values.map((value, i) => {
    const text = texts[i];
    return text === undefined ? literal(value, element, position, true) : spell(rounded[i]!, text, grades[i]!, single, position, true);
  });
}

function nonFiniteText(value: number, cast: 'FLOAT' | 'DOUBLE'): string {
  // Databend reads these spellings when casting text to a float.
  return `'${Number.isNaN(value) ? 'NaN' : value > 0 ? 'inf' : '-inf'}'::${cast}`;
}

// ---- Other values --------------------------------------------------------------------------------------------------

/** Dates are rendered in UTC; the SDK's client pins the session time zone to UTC so they read back unchanged. */
function renderTimestamp(value: Date, type?: DataType): string {
  const iso = value.toISOString();
  if (type?.kind === 'DATE') return quoteString(iso.slice(0, 10));
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`;
  return type === undefined ? `${quoteString(text)}::TIMESTAMP` : quoteString(text);
}

/**
 * A list's members. A list of floats is written bare when they convert exactly together: at the top of a column's
 * value (the column's cast converts them), or as a VECTOR, which carries its own cast (except inside a folded DEFAULT,
 * where the enclosing list would give it one type with its neighbours).
 */
function members(values: readonly unknown[], element: DataType | undefined, position: LiteralPosition, nested: boolean, ownCast: boolean): string[] {
  if (element?.kind === 'FLOAT' || element?.kind === 'DOUBLE') {
    return floatMembers(values, element, position, ownCast ? !(nested && position === 'default') : !nested && position !== 'expression');
  }
  return values.map((v) => literal(v, element, position, true));
}

const FLOAT: DataType = Object.freeze({ kind: 'FLOAT' });

function renderArray(values: readonly unknown[], type: DataType | undefined, position: LiteralPosition, nested: boolean): string {
  if (type?.kind === 'TUPLE' && !type.named) {
    const elements = type.elements as readonly DataType[];
    return `(${values.map((v, i) => literal(v, elements[i], position, nested)).join(', ')}${values.length === 1 ? ',' : ''})`;
  }
  if (type?.kind === 'VECTOR') return `[${members(values, FLOAT, position, nested, true).join(', ')}]::VECTOR(${type.dimension})`;
  return `[${members(values, type?.kind === 'ARRAY' ? type.element : undefined, position, nested, false).join(', ')}]`;
}

function renderObject(value: Record<string, unknown>, type: DataType | undefined, position: LiteralPosition, nested: boolean): string {
  if (type?.kind === 'MAP') {
    const keys = Object.keys(value);
    const values = members(
      keys.map((k) => value[k]),
      type.value,
      position,
      nested,
      false,
    );
    return `{${keys.map((k, i) => `${literal(k, type.key, position, true)}: ${values[i]}`).join(', ')}}`;
  }
  if (type?.kind === 'TUPLE' && type.named) {
    const fields = type.fields as Record<string, DataType>;
    const names = Object.keys(fields);
    return `(${names.map((n) => literal(value[n], fields[n], position, nested)).join(', ')}${names.length === 1 ? ',' : ''})`;
  }
  return `PARSE_JSON(${quoteString(jsonText(value))})`;
}

/** A value given to a column (UPDATE SET, MERGE, INSERT VALUES): a literal of the column's type, or an sql`` expression. */
export function renderValue(value: TypedValue | SqlFragment): string {
  return value.kind === 'TypedValue' ? renderLiteral(value.value, value.type) : value.sql;
}
