import type { DataType, Int64Mode } from '../ast/data-types.js';
import { quoteIdentifier } from '../render/quote.js';
import type { TypeDesc } from './type-parser.js';

/**
 * databend-driver 0.33.7 loses some values on the way from the server's text to JavaScript: a BIGINT becomes a
 * double (rounded beyond 2^53), a string inside an ARRAY, MAP or TUPLE keeps its `\"` escapes and cannot hold a
 * backslash, a nested BIGINT is rounded, and a BITMAP arrives as the placeholder `<bitmap binary>`. Such columns are
 * read in a form the driver passes through unchanged, and converted back by the SDK:
 * - `variant`: the nested value as VARIANT, whose JSON text the driver returns as it is (see exact-json.ts);
 * - `text`: a BIGINT read exactly, as its decimal digits (`::STRING`), when the column's mode is 'bigint' or 'string';
 * - `bitmap`: a BITMAP's members, `BITMAP_TO_ARRAY(x)::VARIANT`.
 */
export type ExactForm = 'variant' | 'text' | 'bitmap';

/** Leaves the driver reads exactly inside a nested value; any other leaf sends the whole column through VARIANT. */
const DRIVER_EXACT_NESTED_LEAVES: ReadonlySet<string> = new Set([
  'Boolean',
  'Int8',
  'Int16',
  'Int32',
  'UInt8',
  'UInt16',
  'UInt32',
  'Float32',
  'Float64',
  'Null',
  'Nothing',
  'EmptyArray',
  'EmptyMap',
]);

const NESTED: ReadonlySet<string> = new Set(['Array', 'Map', 'Tuple']);

function nestedNeedsVariant(type: TypeDesc): boolean {
  return type.args.some((arg) => (NESTED.has(arg.name) ? nestedNeedsVariant(arg) : !DRIVER_EXACT_NESTED_LEAVES.has(arg.name) && !/^\d+$/.test(arg.name)));
}

/** The mode a 64-bit integer is read in: the declared one, else number for BIGINT and bigint for BIGINT UNSIGNED. */
export function int64Mode(type: TypeDesc, declared: DataType | undefined): Int64Mode {
  if (declared !== undefined && 'mode' in declared) return declared.mode;
  return type.name === 'UInt64' ? 'bigint' : 'number';
}

/** The form a result column must be read in to come back exact, or undefined when the driver's value is exact. */
export function exactFormOf(type: TypeDesc, declared: DataType | undefined): ExactForm | undefined {
  if (NESTED.has(type.name)) return nestedNeedsVariant(type) ? 'variant' : undefined;
  if (type.name === 'Bitmap') return 'bitmap';
  // A UInt64 arrives as an exact bigint; an Int64 as a double, exact only up to 2^53.
  if (type.name === 'Int64' && int64Mode(type, declared) !== 'number') return 'text';
  return undefined;
}

/** The SELECT item that reads a column in its exact form, named as the column. */
export function exactItem(name: string, form: ExactForm | undefined): string {
  const id = quoteIdentifier(name);
  switch (form) {
    case undefined:
      return id;
    case 'variant':
      // A NULL TUPLE cast to VARIANT gives an object of NULL fields (the pinned engine), not NULL.
      return `IF(${id} IS NULL, NULL, ${id}::VARIANT) AS ${id}`;
    case 'text':
      return `${id}::STRING AS ${id}`;
    case 'bitmap':
      return `BITMAP_TO_ARRAY(${id})::VARIANT AS ${id}`;
  }
}

const LEADING_NOISE = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/;
const QUERY_START = /^(?:select|with|values)\b/i;
// A consuming read of a stream must run once; so must anything this cannot recognise as a plain query.
const CONSUME = /\bconsume\b/i;

/**
 * The statement re-read with some columns in their exact form, or undefined when it cannot be wrapped without
 * changing what runs: only plain queries (SELECT, WITH, VALUES) that do not consume a stream are wrapped, and only
 * when their column names are distinct. The statement runs again as a subquery: a second read of the same data.
 */
export function exactQuery(sql: string, names: readonly string[], forms: readonly (ExactForm | undefined)[]): string | undefined {
  const body = plainQueryBody(sql);
  if (body === undefined || new Set(names).size !== names.length) return undefined;
  const items = names.map((name, i) => exactItem(name, forms[i])).join(', ');
  return `SELECT ${items} FROM (\n${body}\n) AS "databend_etl_exact"`;
}

/**
 * The statement's result columns without its rows, `SELECT * FROM (<statement>) LIMIT 0`, for a plain query that may
 * be wrapped (as exactQuery): the client learns which columns need an exact form before it reads any row, so such a
 * query runs once, in its exact form. Undefined for any other statement, which is read as it is.
 */
export function probeQuery(sql: string): string | undefined {
  const body = plainQueryBody(sql);
  return body === undefined ? undefined : `SELECT * FROM (\n${body}\n) AS "databend_etl_probe" LIMIT 0`;
}

// A WITH may lead a write in Databend's grammar (`WITH t AS (...) INSERT/UPDATE/DELETE/MERGE ...`).
const WITH_WRITE = /\b(?:insert|update|delete|merge|replace)\b/i;

/**
 * Statements read as they are, never wrapped in a probe or an exact form (what `plainQueryBody` refuses), because
 * wrapping would change what runs or cannot be written:
 * - anything that does not start with SELECT, WITH or VALUES: LIST, COPY, SHOW, DESC, EXPLAIN, INSERT, CALL, ...
 *   (they are not queries a subquery can hold);
 * - a read with CONSUME anywhere (a stream read `WITH CONSUME` advances the stream's offset: run twice, the second
 *   read would see nothing);
 * - a WITH that names a write (INSERT, UPDATE, DELETE, MERGE, REPLACE) anywhere: it may be a write led by a CTE.
 * The word checks may also match inside a string or a name; such a query is then read unwrapped too, correctly,
 * through the driver's row iterator.
 */

/** The text of a plain query that may be run as a subquery (trailing semicolons dropped), or undefined. */
function plainQueryBody(sql: string): string | undefined {
  const body = sql.replace(LEADING_NOISE, '');
  if (!QUERY_START.test(body) || CONSUME.test(body)) return undefined;
  if (/^with\b/i.test(body) && WITH_WRITE.test(body)) return undefined;
  // The newline after it ends a trailing `--` comment of the statement before the closing parenthesis.
  return body.replace(/[\s;]+$/, '');
}

// USE, SET/UNSET (settings, variables, roles), transactions, temporary tables, and what may run any of them.
const SESSION_CHANGE = /^(?:use|set|unset|begin|start|commit|rollback|abort|execute|call|create\s+(?:or\s+replace\s+)?temp(?:orary)?)\b/i;

/**
 * True for a statement that may change the session beyond what the DSN sets: the database (USE), settings, roles
 * and variables (SET, UNSET), a transaction, a temporary table, or a script or procedure that may do any of these.
 * stream()'s page reader has a server session of its own, built from the DSN: after such a statement the client
 * reads streams through the driver's session instead.
 */
export function changesSession(sql: string): boolean {
  return SESSION_CHANGE.test(sql.replace(LEADING_NOISE, ''));
}
