import type { DataType } from '../schema/data-types.js';
import { quoteString } from './quote.js';

/**
 * Renders a JavaScript value as a Databend literal. With a `type` (a column DEFAULT) the literal follows the
 * type (MAP, TUPLE, VARIANT); without one (a value interpolated into sql``) it follows the value.
 */
export function renderLiteral(value: unknown, type?: DataType): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return renderNumber(value);
  if (type?.kind === 'VARIANT') return `PARSE_JSON(${quoteString(JSON.stringify(value))})`;
  if (typeof value === 'string') return type === undefined ? renderStringValue(value) : quoteString(value);
  if (value instanceof Date) return renderTimestamp(value, type);
  if (value instanceof Uint8Array) return `FROM_HEX('${Buffer.from(value).toString('hex')}')`;
  if (Array.isArray(value)) return renderArray(value, type);
  if (typeof value === 'object') return renderObject(value as Record<string, unknown>, type);
  throw new TypeError(`Cannot render a ${typeof value} as an SQL literal`);
}

/**
 * A string value in an expression. NUL is written as CHR(0), not as the `\x00` escape: INSERT ... VALUES rows made
 * only of literals are read by a separate fast parser that keeps `\x00` as four characters (and reads `\0` followed
 * by a digit differently from the SQL parser), so no escape for NUL means the same in both (engine v1.2.895).
 */
function renderStringValue(value: string): string {
  if (!value.includes('\0')) return quoteString(value);
  return `(${value.split('\0').map(quoteString).join(' || CHR(0) || ')})`;
}

function renderNumber(value: number): string {
  if (Number.isFinite(value)) return String(value);
  // Databend reads these spellings when casting text to a float.
  return Number.isNaN(value) ? "'NaN'::DOUBLE" : value > 0 ? "'inf'::DOUBLE" : "'-inf'::DOUBLE";
}

/** Dates are rendered in UTC; the SDK's client pins the session time zone to UTC so they read back unchanged. */
function renderTimestamp(value: Date, type?: DataType): string {
  const iso = value.toISOString();
  if (type?.kind === 'DATE') return quoteString(iso.slice(0, 10));
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 23)}000`;
  return type === undefined ? `${quoteString(text)}::TIMESTAMP` : quoteString(text);
}

function renderArray(values: readonly unknown[], type?: DataType): string {
  if (type?.kind === 'TUPLE' && !type.named) {
    const elements = type.elements as readonly DataType[];
    return `(${values.map((v, i) => renderLiteral(v, elements[i])).join(', ')}${values.length === 1 ? ',' : ''})`;
  }
  const element = type?.kind === 'ARRAY' ? type.element : undefined;
  const rendered = `[${values.map((v) => renderLiteral(v, element)).join(', ')}]`;
  return type?.kind === 'VECTOR' ? `${rendered}::VECTOR(${type.dimension})` : rendered;
}

function renderObject(value: Record<string, unknown>, type?: DataType): string {
  if (type?.kind === 'MAP') {
    const entries = Object.entries(value).map(([k, v]) => `${renderLiteral(k, type.key)}: ${renderLiteral(v, type.value)}`);
    return `{${entries.join(', ')}}`;
  }
  if (type?.kind === 'TUPLE' && type.named) {
    const fields = type.fields as Record<string, DataType>;
    const names = Object.keys(fields);
    return `(${names.map((n) => renderLiteral(value[n], fields[n])).join(', ')}${names.length === 1 ? ',' : ''})`;
  }
  return `PARSE_JSON(${quoteString(JSON.stringify(value))})`;
}
