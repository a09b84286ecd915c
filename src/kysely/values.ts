import { renderLiteral } from '../render/literal.js';
import type { DataType } from '../ast/data-types.js';
import { checkNesting } from '../ast/value-contract.js';
import type { AnyTable } from '../schema/table.js';
import { isRecord } from '../checks.js';
import { UnsupportedByDatabendError } from './errors.js';

/** The SDK's table declarations a dialect knows: a tuple or a record of `table()`s. */
export type DatabendTables = readonly AnyTable[] | Readonly<Record<string, AnyTable>>;

/** Column types by table name (`name` and, for a table declared with a database, `database.name`). */
export type ColumnTypes = ReadonlyMap<string, ReadonlyMap<string, DataType>>;

export function columnTypes(tables: DatabendTables | undefined): ColumnTypes {
  const byName = new Map<string, ReadonlyMap<string, DataType>>();
  for (const table of Object.values(tables ?? {}) as AnyTable[]) {
    const columns = new Map(Object.entries(table.columns as Record<string, { spec: { type: DataType } }>).map(([name, column]) => [name, column.spec.type]));
    byName.set(table.name, columns);
    if (table.options.database !== undefined) byName.set(`${table.options.database}.${table.name}`, columns);
  }
  return byName;
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (Array.isArray(value)) return value.some(containsNul);
  if (typeof value === 'object' && value !== null && !(value instanceof Date) && !(value instanceof Uint8Array))
    return Object.entries(value).some(([k, v]) => containsNul(k) || containsNul(v));
  return false;
}

/** A TUPLE value's members with their declared types: by position for an array, by field name for an object. */
function tupleMembers(value: unknown, type: Extract<DataType, { kind: 'TUPLE' }>): [unknown, DataType][] | undefined {
  if (type.named) {
    if (!isRecord(value)) return undefined;
    return Object.entries(type.fields as Record<string, DataType>).map(([name, t]) => [Object.hasOwn(value, name) ? value[name] : null, t]);
  }
  if (!Array.isArray(value)) return undefined;
  return (type.elements as readonly DataType[]).map((t, i) => [value[i] ?? null, t]);
}

const INT32_MAX = 2 ** 31 - 1;

/**
 * A JavaScript number is a double. Databend reads `2.5` as a DECIMAL (returned as a string) and a large integer as
 * UInt64 (returned as a bigint), so only small integers stay bare; the others say what they are: a safe integer
 * `::BIGINT`, any other number a DOUBLE spelled by renderLiteral so that it arrives bit for bit.
 */
function renderNumber(value: number): string {
  if (Number.isSafeInteger(value) && !Object.is(value, -0)) return Math.abs(value) <= INT32_MAX ? String(value) : `${value}::BIGINT`;
  return renderLiteral(value);
}

/**
 * A value Kysely would bind, as a Databend literal with the SDK's escaping. With the column's declared type, the
 * literal follows it: a VARIANT takes any JSON value (a string included) through PARSE_JSON, a MAP or TUPLE its own
 * literal, a DATE a date. Without one, the literal follows the JavaScript value (objects become PARSE_JSON).
 */
export function renderValue(value: unknown, type?: DataType): string {
  // Values come from callers' data (a request body): one nested thousands deep is refused before any recursion.
  checkNesting(value);
  if (type === undefined && typeof value === 'number') return renderNumber(value);
  if (type === undefined || type.kind === 'VARIANT' || !containsNul(value)) return renderLiteral(value, type);
  // A typed literal writes NUL as `\x00`, which the fast parser of INSERT ... VALUES keeps as four characters; the
  // untyped rendering (CHR(0)) is exact, and a string or an array literal converts to the column's type.
  if (typeof value === 'string' || (Array.isArray(value) && type.kind === 'ARRAY')) return renderLiteral(value);
  // A MAP literal takes only literal keys ({'a' || CHR(0): 1} is a syntax error): the map() function takes any.
  if (type.kind === 'MAP' && isRecord(value)) {
    const entries = Object.entries(value);
    return `map([${entries.map(([key]) => renderValue(key, type.key)).join(', ')}], [${entries.map(([, v]) => renderValue(v, type.value)).join(', ')}])`;
  }
  // A TUPLE's members are expressions: each rendered on its own, NUL as CHR(0).
  if (type.kind === 'TUPLE') {
    const members = tupleMembers(value, type);
    if (members !== undefined) return `(${members.map(([v, t]) => renderValue(v, t)).join(', ')}${members.length === 1 ? ',' : ''})`;
  }
  throw new UnsupportedByDatabendError(
    'values()',
    `a NUL character inside a ${type.kind} value cannot be written exactly (Databend's INSERT ... VALUES fast parser keeps \\x00 as text)`,
  );
}
