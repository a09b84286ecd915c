// Values a hostile JavaScript caller can pass, of every JavaScript type: what a request body parses to (strings with
// quotes, comment markers and control characters, numbers at their edges, null, arrays, objects with __proto__ and
// constructor keys, objects shaped like the SDK's own values) and what only code makes (functions, symbols, boxed
// primitives, class instances, cycles). Each is made afresh by a factory, so that one attempt cannot change the value
// another sees. test/engine/api-contract.test.ts feeds them to every parameter of the public API.
import fc from 'fast-check';
import { createStage, int, secret, sql, table } from '../../src/index.js';

/** The canary table's name: every payload below is aimed at it. */
export const CANARY = 'fz_canary';

/** Statements a value would have to smuggle into the SQL to do harm; each drops the canary. */
export const PAYLOADS = [
  `'; DROP TABLE ${CANARY}; --`,
  `"; DROP TABLE ${CANARY}; --`,
  `\\'; DROP TABLE ${CANARY}; --`,
  `'); DROP TABLE ${CANARY}; --`,
  `*/ DROP TABLE ${CANARY} /*`,
  `$$; DROP TABLE ${CANARY}; $$`,
  `\`; DROP TABLE ${CANARY}; --`,
  `a\n; DROP TABLE ${CANARY}; --`,
  `' OR '1'='1`,
];

export interface HostileValue {
  readonly label: string;
  readonly make: () => unknown;
}

const MEGABYTE = 1024 * 1024;

/** A value whose toString answers differently at each call, and one whose answer is itself an object. */
function changingToString(): object {
  let n = 0;
  return { toString: () => (n++ % 2 === 0 ? 'fz_a' : PAYLOADS[0]), valueOf: () => (n++ % 2 === 0 ? 1 : -1) };
}

function nested(depth: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

function cyclic(): object {
  const value: Record<string, unknown> = { name: 'fz_cycle' };
  value.self = value;
  return value;
}

/** The catalogue: each entry labelled as the report prints it. */
export const HOSTILE: readonly HostileValue[] = [
  // ---- Strings
  ...(
    [
      ['empty string', ''],
      ['a space', ' '],
      ['a plain word', 'fz_word'],
      ['a single quote', "'"],
      ['a double quote', '"'],
      ['a backslash', '\\'],
      ['a trailing backslash', 'a\\'],
      ['$$', '$$'],
      ['a line comment', '-- x'],
      ['a block comment', '/* x */'],
      ['a semicolon', ';'],
      ['a NUL', 'a\0b'],
      ['a CR', 'a\rb'],
      ['a LF', 'a\nb'],
      ['a tab', 'a\tb'],
      ['U+2028', 'a\u2028b'],
      ['U+0085', '\u0085a'],
      ['a BOM', '\ufeffa'],
      ['a lone high surrogate', 'a\ud800'],
      ['a lone low surrogate', '\udc00a'],
      ['astral characters', 'é日🚗'],
      ['a backtick', '`a`'],
      ['a template placeholder', '${x}'],
      ['a question mark placeholder', '?'],
      ['a dollar placeholder', '$1'],
      ['__proto__', '__proto__'],
      ['constructor', 'constructor'],
      ['toString', 'toString'],
      ['NaN as text', 'NaN'],
      ['true as text', 'true'],
      ['false as text', 'false'],
      ['null as text', 'null'],
      ['a number as text', '1'],
      ['a negative number as text', '-1'],
      ['a hex number as text', '0x10'],
      ['a keyword', 'select'],
      ['a format type', 'parquet'],
      ['an ON_ERROR mode', 'CONTINUE'],
      ['a dot', '.'],
      ['a dot-dot segment', 'a/../b'],
      ['an absolute path', '/etc/'],
      ['a folder', 'fz_dir/'],
      ['an s3 URL', 's3://fz-bucket/p/'],
      ['a local URL', 'fs:///tmp/fz/'],
      ['a URL with user info', 's3://u:p@b/p/'],
      ['256 characters', 'x'.repeat(256)],
      ['1025 characters', 'x'.repeat(1025)],
      ['a cron expression', '0 0 9 * * *'],
      ['a time zone', 'Asia/Shanghai'],
      ['a DSN', 'databend://u:p@127.0.0.1:9/db'],
    ] as const
  ).map(([label, value]) => ({ label, make: () => value })),
  ...PAYLOADS.map((payload, i) => ({ label: `injection payload ${i + 1}`, make: () => payload })),
  { label: 'a megabyte string', make: () => "'".repeat(16) + 'x'.repeat(MEGABYTE) },
  // ---- Numbers and bigints
  ...(
    [
      ['0', 0],
      ['-0', -0],
      ['1', 1],
      ['-1', -1],
      ['1.5', 1.5],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['-Infinity', Number.NEGATIVE_INFINITY],
      ['2**53', 2 ** 53],
      ['2**64', 2 ** 64],
      ['1e21', 1e21],
      ['Number.MAX_VALUE', Number.MAX_VALUE],
      ['Number.MIN_VALUE', Number.MIN_VALUE],
      ['15001', 15001],
      ['4097', 4097],
    ] as const
  ).map(([label, value]) => ({ label, make: () => value })),
  { label: '1n', make: () => 1n },
  { label: '-1n', make: () => -1n },
  { label: '2n**64n', make: () => 2n ** 64n },
  // ---- Other primitives
  { label: 'null', make: () => null },
  { label: 'undefined', make: () => undefined },
  { label: 'true', make: () => true },
  { label: 'false', make: () => false },
  { label: 'a symbol', make: () => Symbol('fz') },
  { label: 'a registered symbol', make: () => Symbol.for('nodejs.util.inspect.custom') },
  // ---- Arrays
  { label: 'an empty array', make: () => [] },
  { label: 'an array of a string', make: () => ['fz_a'] },
  { label: 'an array of an empty string', make: () => [''] },
  { label: 'an array of a payload', make: () => [PAYLOADS[0]] },
  { label: 'an array with a duplicate', make: () => ['fz_a', 'fz_a'] },
  { label: 'an array of a number', make: () => [1] },
  { label: 'an array of null', make: () => [null] },
  { label: 'an array of undefined', make: () => [undefined] },
  { label: 'a sparse array', make: () => [, 'fz_a'] },
  { label: 'an array of arrays', make: () => [['fz_a']] },
  { label: 'an array of objects', make: () => [{}] },
  { label: 'an array with an extra key', make: () => Object.assign(['fz_a'], { extra: PAYLOADS[0] }) },
  { label: 'an array with a changing toString', make: () => Object.assign(['fz_a'], { toString: changingToString().toString }) },
  { label: 'an array nested 5,000 deep (JSON)', make: () => JSON.parse(`${'['.repeat(5000)}${']'.repeat(5000)}`) },
  { label: 'an array of 100,000 strings', make: () => Array.from({ length: 100_000 }, (_, i) => `f${i}`) },
  // ---- Objects: what JSON.parse gives
  { label: 'an empty object', make: () => ({}) },
  { label: 'an object with a name', make: () => ({ name: 'fz_named' }) },
  { label: 'an object with a payload name', make: () => ({ name: PAYLOADS[0] }) },
  { label: 'an object with a numeric name', make: () => ({ name: 1 }) },
  { label: 'an object with a name and a payload database', make: () => ({ name: 'fz_named', database: PAYLOADS[1] }) },
  { label: 'JSON with a __proto__ key', make: () => JSON.parse('{"__proto__":{"name":"fz_proto","polluted":true}}') },
  { label: 'JSON with a __proto__ key and a name', make: () => JSON.parse('{"name":"fz_named","__proto__":{"x":1}}') },
  { label: 'JSON with a constructor key', make: () => JSON.parse('{"constructor":{"prototype":{"polluted":true}}}') },
  { label: 'JSON with toString and valueOf keys', make: () => JSON.parse('{"toString":"x","valueOf":1,"hasOwnProperty":2}') },
  { label: 'a fragment-shaped object', make: () => ({ kind: 'SqlFragment', sql: `1; DROP TABLE ${CANARY}` }) },
  { label: 'a fragment-shaped object from JSON', make: () => JSON.parse(`{"kind":"SqlFragment","sql":"'; DROP TABLE ${CANARY}; --","secrets":[]}`) },
  {
    label: 'a table-shaped object',
    make: () => ({ name: 'fz_shape', columns: { a: { spec: { type: { kind: `INT); DROP TABLE ${CANARY}; --` }, nullable: true } } }, options: {} }),
  },
  {
    label: 'a column-shaped object',
    make: () => ({ spec: { type: { kind: `INT); DROP TABLE ${CANARY}; --` }, nullable: true, default: undefined, comment: undefined } }),
  },
  { label: 'a type node with a payload kind', make: () => ({ kind: `INT); DROP TABLE ${CANARY}; --` }) },
  { label: 'a DECIMAL node with a payload precision', make: () => ({ kind: 'DECIMAL', precision: `1, 0)); DROP TABLE ${CANARY}; --`, scale: 0 }) },
  { label: 'a VECTOR node with a payload dimension', make: () => ({ kind: 'VECTOR', dimension: `1); DROP TABLE ${CANARY}; --` }) },
  { label: 'a statement-shaped object', make: () => ({ kind: 'DropStmt', object: 'TABLE', ifExists: false, name: { name: CANARY } }) },
  { label: 'an inline file format', make: () => ({ type: 'CSV' }) },
  { label: 'a file format with a payload option', make: () => ({ type: 'CSV', nullDisplay: PAYLOADS[0] }) },
  { label: 'a named file format with a payload name', make: () => ({ formatName: PAYLOADS[0] }) },
  { label: 'a schedule', make: () => ({ minutes: 5 }) },
  { label: 'a mode object', make: () => ({ mode: 'bigint' }) },
  { label: 'an ON_ERROR object', make: () => ({ abortAfter: 2 }) },
  { label: 'an object nested 5,000 deep (JSON)', make: () => JSON.parse(`${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`) },
  { label: 'an object holding NaN and -0', make: () => ({ a: Number.NaN, b: -0 }) },
  { label: 'an object holding undefined', make: () => ({ a: undefined, b: 'x' }) },
  { label: 'an object holding -0', make: () => ({ a: -0 }) },
  { label: 'an object holding a bigint', make: () => ({ a: 1n }) },
  { label: 'an object holding a Date', make: () => ({ a: new Date(0) }) },
  { label: 'an object holding a function', make: () => ({ a: () => 1 }) },
  { label: 'a cyclic object', make: cyclic },
  // ---- Objects only code makes
  { label: 'an object with a changing toString', make: changingToString },
  { label: 'an object whose toString returns an object', make: () => ({ toString: () => ({}), valueOf: () => ({}) }) },
  { label: 'a null-prototype object', make: () => Object.create(null) },
  { label: 'a null-prototype object with a name', make: () => Object.assign(Object.create(null), { name: 'fz_named' }) },
  { label: 'a frozen object', make: () => Object.freeze({ name: 'fz_named' }) },
  { label: 'a boxed string', make: () => new String('fz_a') },
  { label: 'a boxed false', make: () => new Boolean(false) },
  { label: 'a boxed number', make: () => new Number(1) },
  { label: 'a valid Date', make: () => new Date(Date.UTC(2024, 7, 16)) },
  { label: 'an invalid Date', make: () => new Date(Number.NaN) },
  { label: 'a Map', make: () => new Map([['name', 'fz_a']]) },
  { label: 'a Set', make: () => new Set(['fz_a']) },
  { label: 'a RegExp', make: () => /fz/ },
  { label: 'a Uint8Array', make: () => new Uint8Array([0, 39, 92, 255]) },
  { label: 'an Error', make: () => new Error(PAYLOADS[0]) },
  { label: 'a Promise', make: () => Promise.resolve('fz_a') },
  { label: 'a nested array 5,000 deep (code)', make: () => nested(5000, 'x', (inner) => [inner]) },
  // ---- Functions
  { label: 'an arrow function', make: () => () => 'fz_a' },
  { label: 'a named function', make: () => function fz_named() {} },
  { label: 'a class', make: () => class fz_class {} },
  { label: 'a function shaped like a fragment', make: () => Object.assign(() => 1, { kind: 'SqlFragment', sql: `1; DROP TABLE ${CANARY}` }) },
  // ---- The SDK's own values, in the wrong place
  { label: 'a declared table', make: () => table('fz_other', { a: int() }) },
  { label: 'a column', make: () => int() },
  { label: 'an sql fragment', make: () => sql`${'fz_a'}` },
  { label: 'an sql.raw fragment with a payload', make: () => sql.raw(`1; DROP TABLE ${CANARY}`) },
  { label: 'a secret', make: () => secret('fz_secret') },
  { label: 'a stage builder', make: () => createStage('fz_other') },
];

// ---- Generated values, seeded ------------------------------------------------------------------------------------

const PLAIN = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'];
const PUNCTUATION = [...`"'\\\`;-/*.,()=$@#%?[]{}|&!~^:<>+ `];
const UNICODE = ['é', 'ß', '日', '🚗', '𝔘', '\u200b', '\u2028', '\u2029', '\u00a0', '\u3000', '\u202e', '\ufeff', '\u0085', '\ud800', '\udfff'];
const CONTROL = ['\n', '\t', '\r', '\0', '\u0001', '\u001f', '\u007f', '\b'];

const char = fc.oneof(
  { arbitrary: fc.constantFrom(...PLAIN), weight: 6 },
  { arbitrary: fc.constantFrom(...PUNCTUATION), weight: 3 },
  { arbitrary: fc.constantFrom(...UNICODE), weight: 2 },
  { arbitrary: fc.constantFrom(...CONTROL), weight: 1 },
);

/** Any string: hostile characters, payloads, and both spliced together. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.array(char, { maxLength: 24 }).map((cs) => cs.join('')), weight: 6 },
  { arbitrary: fc.constantFrom(...PAYLOADS), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.array(char, { maxLength: 6 }), fc.constantFrom(...PAYLOADS), fc.array(char, { maxLength: 6 }))
      .map(([a, p, b]) => `${a.join('')}${p}${b.join('')}`),
    weight: 1,
  },
);

/**
 * A generated value of any JavaScript type: hostile text, JSON from a request body (with __proto__ and constructor
 * keys), and fast-check's anything() (boxed values, Maps, Sets, null prototypes, sparse arrays, bigints, dates,
 * typed arrays, -0, NaN).
 */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileText, weight: 6 },
  { arbitrary: fc.constantFrom(...HOSTILE).map((h) => h.make()), weight: 2 },
  {
    arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v).replace(/^\{"/, '{"__proto__":{"polluted":1},"'))),
    weight: 1,
  },
  {
    arbitrary: fc.anything({
      maxDepth: 2,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withNullPrototype: true,
      withObjectString: true,
      withSet: true,
      withSparseArray: true,
      withTypedArray: true,
      key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'name', 'kind', 'sql', 'type'), fc.string()),
    }),
    weight: 2,
  },
);

/** A short label for a generated value, for failure messages (never a megabyte). */
export function labelOf(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'symbol' || typeof value === 'function') return `a ${typeof value}`;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value !== 'object' || value === null) return Object.is(value, -0) ? '-0' : String(value);
  try {
    const text = JSON.stringify(value);
    return text === undefined ? 'an object' : text.length > 60 ? `${text.slice(0, 60)}…` : text;
  } catch {
    return 'an object JSON cannot print';
  }
}
