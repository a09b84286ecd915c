import type { DataType } from '../ast/data-types.js';
import type { LiveColumn, LiveIndex, LiveTable } from './introspect.js';

/** A file of generated TypeScript: a path relative to the output folder (`/` separators) and its text. */
export interface GeneratedFile {
  readonly path: string;
  readonly contents: string;
}

/** Biome's line width in this project (biome.json); the generated code is laid out to be left unchanged by it. */
const LINE_WIDTH = 160;

/**
 * A string as a TypeScript literal that can hold nothing but the string: quotes, backslashes, line breaks, U+2028/9,
 * control characters and lone surrogates escaped (JSON.stringify's escaping), in the quote Biome would pick (single,
 * unless the text holds more single quotes than double ones).
 */
export function stringLiteral(text: string): string {
  const json = JSON.stringify(text).replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029');
  const singles = text.split("'").length - 1;
  const doubles = text.split('"').length - 1;
  if (singles > doubles) return json;
  return `'${json.slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`;
}

/** SQL text as a `sql` template: backslashes, backticks and `${` escaped, line breaks and control characters spelled out. */
export function sqlTemplate(text: string): string {
  const body = text.replace(/[\\`\u0000-\u001f\u2028\u2029]|\$\{/g, (c) => {
    if (c === '\\' || c === '`') return `\\${c}`;
    if (c === '${') return '\\${';
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
  return `sql\`${body}\``;
}

const IDENTIFIER_NAME = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

/**
 * An object key: bare when it is a plain identifier, a quoted literal otherwise, and `['__proto__']` for the one key
 * an object literal would read as its prototype (a column of that name would be lost).
 */
export function propertyKey(name: string): string {
  if (name === '__proto__') return "['__proto__']";
  return IDENTIFIER_NAME.test(name) ? name : stringLiteral(name);
}

/** JavaScript's reserved words and the names a generated module imports or declares itself. */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package ' +
    'private protected public await arguments eval undefined NaN Infinity'
  ).split(' '),
);

/**
 * A TypeScript identifier for a table's constant (`drive_sessions` -> `driveSessions`): letters and digits of the
 * name in camelCase, `_` first when it would start with a digit, `Table` after a reserved word or a name taken.
 */
export function constantName(name: string, taken: ReadonlySet<string>): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  let id = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  // Long names make long lines: 64 characters name a table well enough.
  id = id.slice(0, 64);
  if (id === '') id = 'table';
  if (/^[0-9]/.test(id)) id = `_${id}`;
  if (RESERVED.has(id) || taken.has(id)) id = `${id}Table`;
  let candidate = id;
  for (let n = 2; taken.has(candidate) || RESERVED.has(candidate); n++) candidate = `${id}${n}`;
  return candidate;
}

/** A file name for a constant (`driveSessions` -> `drive-sessions`): only [a-z0-9-], so never a path of its own. */
export function fileStem(constant: string): string {
  const stem = constant
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/^-+|-+$/g, '');
  return stem === '' ? 'table' : stem;
}

/** Columns of text as Biome counts them: East Asian wide characters and emoji take two. */
export function textWidth(text: string): number {
  let width = 0;
  for (const c of text) {
    const code = c.codePointAt(0)!;
    width +=
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x1f300
        ? 2
        : 1;
  }
  return width;
}

const SIMPLE_FUNCTIONS: Readonly<Record<string, string>> = {
  BOOLEAN: 'boolean',
  TINYINT: 'tinyint',
  SMALLINT: 'smallint',
  INT: 'int',
  BIGINT: 'bigint',
  'TINYINT UNSIGNED': 'tinyintUnsigned',
  'SMALLINT UNSIGNED': 'smallintUnsigned',
  'INT UNSIGNED': 'intUnsigned',
  'BIGINT UNSIGNED': 'bigintUnsigned',
  FLOAT: 'float',
  DOUBLE: 'double',
  STRING: 'string',
  BINARY: 'binary',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
  TIMESTAMP_TZ: 'timestampTz',
  INTERVAL: 'interval',
  VARIANT: 'variant',
  BITMAP: 'bitmap',
  GEOMETRY: 'geometry',
  GEOGRAPHY: 'geography',
};

/** Names a generated module imports or declares itself: a table's constant never takes one of them. */
export const GENERATED_NAMES: ReadonlySet<string> = new Set([
  ...Object.values(SIMPLE_FUNCTIONS),
  'decimal',
  'vector',
  'array',
  'map',
  'tuple',
  'table',
  'sql',
  'copyInto',
  'tables',
  'vectorIndex',
  'invertedIndex',
  'ngramIndex',
]);

/** A data type as the column function call that declares it (`array(decimal(10, 2))`); the functions used go in `uses`. */
export function typeCode(type: DataType, uses: Set<string>): string {
  const simple = SIMPLE_FUNCTIONS[type.kind];
  if (simple !== undefined) {
    uses.add(simple);
    return `${simple}()`;
  }
  switch (type.kind) {
    case 'DECIMAL':
      uses.add('decimal');
      return `decimal(${type.precision}, ${type.scale})`;
    case 'VECTOR':
      uses.add('vector');
      return `vector(${type.dimension})`;
    case 'ARRAY':
      uses.add('array');
      return `array(${typeCode(type.element, uses)})`;
    case 'MAP':
      uses.add('map');
      return `map(${typeCode(type.key, uses)}, ${typeCode(type.value, uses)})`;
    case 'TUPLE': {
      uses.add('tuple');
      if (!type.named) return `tuple(${(type.elements as readonly DataType[]).map((e) => typeCode(e, uses)).join(', ')})`;
      const fields = Object.entries(type.fields as Readonly<Record<string, DataType>>).map(([name, t]) => `${propertyKey(name)}: ${typeCode(t, uses)}`);
      return `tuple({ ${fields.join(', ')} })`;
    }
    default:
      throw new Error(`no column function declares the type ${type.kind}`);
  }
}

/**
 * The engine's tuple field names as declared: system.columns prints them upper-cased, while unquoted names are kept
 * lower-cased (docs/engine-facts.md); and a positional tuple, printed `TUPLE(1 INT32, 2 STRING)`, has no names.
 */
export function declaredType(type: DataType): DataType {
  switch (type.kind) {
    case 'ARRAY':
      return { kind: 'ARRAY', element: declaredType(type.element) };
    case 'MAP':
      return { kind: 'MAP', key: declaredType(type.key), value: declaredType(type.value) };
    case 'TUPLE': {
      if (!type.named) return { kind: 'TUPLE', named: false, elements: (type.elements as readonly DataType[]).map(declaredType) };
      const entries = Object.entries(type.fields as Readonly<Record<string, DataType>>);
      if (entries.every(([name], i) => name === String(i + 1))) return { kind: 'TUPLE', named: false, elements: entries.map(([, t]) => declaredType(t)) };
      const fields: Record<string, DataType> = {};
      for (const [name, t] of entries) Object.defineProperty(fields, name.toLowerCase(), { value: declaredType(t), enumerable: true });
      return { kind: 'TUPLE', named: true, fields };
    }
    default:
      return type;
  }
}

const NUMERIC = new Set([
  'TINYINT',
  'SMALLINT',
  'INT',
  'BIGINT',
  'TINYINT UNSIGNED',
  'SMALLINT UNSIGNED',
  'INT UNSIGNED',
  'BIGINT UNSIGNED',
  'FLOAT',
  'DOUBLE',
]);

/**
 * A DEFAULT the engine prints, as the argument of `.default()`: a JavaScript value where the engine's text is a plain
 * literal the value gives back exactly (a safe integer, a string, a boolean; a DECIMAL's digits as text), otherwise the
 * engine's own SQL in a `sql` template.
 */
export function defaultCode(text: string, type: DataType, uses: Set<string>): string {
  const t = text.trim();
  if (NUMERIC.has(type.kind) && /^-?\d+$/.test(t) && Number.isSafeInteger(Number(t)) && String(Number(t)) === t) return t;
  if (type.kind === 'DECIMAL' && /^-?\d+(\.\d+)?$/.test(t)) return stringLiteral(t);
  if (type.kind === 'BOOLEAN' && (t === 'true' || t === 'false')) return t;
  if (type.kind === 'STRING') {
    const quoted = /^'((?:[^'\\]|\\.|'')*)'$/s.exec(t);
    // Only the escapes whose meaning is certain (\\ and \'); anything else stays the engine's SQL.
    if (quoted !== null && /^(?:[^\\]|\\[\\'])*$/s.test(quoted[1]!)) return stringLiteral(quoted[1]!.replace(/\\(.)/gs, '$1').replaceAll("''", "'"));
  }
  uses.add('sql');
  return sqlTemplate(t);
}

/** The chained calls after a column's type: `.notNull()`, `.default(...)`, `.storedAs(...)`, `.comment(...)`. */
function columnCalls(column: LiveColumn, type: DataType, uses: Set<string>): string[] {
  const calls: string[] = [];
  if (!column.nullable) calls.push('notNull()');
  if (column.default !== undefined) calls.push(`default(${defaultCode(column.default, type, uses)})`);
  if (column.computed !== undefined) {
    uses.add('sql');
    calls.push(`${column.computed.mode === 'STORED' ? 'storedAs' : 'virtualAs'}(${sqlTemplate(column.computed.expression)})`);
  }
  if (column.autoIncrement !== undefined) {
    // Only what differs from Databend's defaults (start 0, step 1, ORDER), as a declaration would say it.
    const { start, step, order } = column.autoIncrement;
    const parts = [start !== 0 && `start: ${start}`, step !== 1 && `step: ${step}`, !order && 'order: false'].filter((p) => p !== false);
    calls.push(parts.length === 0 ? 'autoIncrement()' : `autoIncrement({ ${parts.join(', ')} })`);
  }
  if (column.comment !== undefined) calls.push(`comment(${stringLiteral(column.comment)})`);
  return calls;
}

/** Each index kind's helper, and its options: the SQL name, the helper's key, and how the text is written back. */
const INDEX_HELPERS: Readonly<
  Record<LiveIndex['type'], { readonly helper: string; readonly options: Readonly<Record<string, readonly [string, 'list' | 'integer' | 'text']>> }>
> = {
  VECTOR: { helper: 'vectorIndex', options: { distance: ['distance', 'list'], m: ['m', 'integer'], ef_construct: ['efConstruct', 'integer'] } },
  INVERTED: { helper: 'invertedIndex', options: { tokenizer: ['tokenizer', 'text'], filters: ['filters', 'list'], index_record: ['indexRecord', 'text'] } },
  NGRAM: { helper: 'ngramIndex', options: { gram_size: ['gramSize', 'integer'], bloom_size: ['bloomSize', 'integer'] } },
};

/**
 * An index as the helper call that declares it (`vectorIndex('vi', ['v'], { distance: ['cosine'], m: 16 })`): the
 * name, columns and text values as escaped literals; the call's arguments, and the options' properties.
 */
export function indexCode(index: LiveIndex, uses: Set<string>): { head: string; args: string[]; properties: string[] } {
  const { helper, options } = INDEX_HELPERS[index.type];
  uses.add(helper);
  const properties: string[] = [];
  for (const [key, value] of Object.entries(index.options)) {
    const known = options[key];
    if (known === undefined) throw new Error(`no option of ${helper}() declares the ${index.type} index option '${key}' of index '${index.name}'`);
    const [name, form] = known;
    if (form === 'integer' && !/^(0|[1-9]\d{0,14})$/.test(value))
      throw new Error(`the ${index.type} index option '${key}' of index '${index.name}' is no integer: ${JSON.stringify(value)}`);
    const code = form === 'integer' ? value : form === 'text' ? stringLiteral(value) : `[${value.split(',').map(stringLiteral).join(', ')}]`;
    properties.push(`${name}: ${code}`);
  }
  if (index.async) properties.push('async: true');
  const args = [stringLiteral(index.name), `[${index.columns.map(stringLiteral).join(', ')}]`];
  return { head: helper, args, properties };
}

/**
 * An index's call as an item of the `indexes` list, laid out as Biome lays it out: on one line when it fits;
 * otherwise the options object hugged (one property a line) when the line up to its `{` fits; otherwise one argument
 * a line (the columns list broken too when it is still too long).
 */
function indexLines(indent: string, index: LiveIndex, uses: Set<string>): string[] {
  const { head, args, properties } = indexCode(index, uses);
  const object = properties.length === 0 ? undefined : `{ ${properties.join(', ')} }`;
  const all = object === undefined ? args : [...args, object];
  const oneLine = `${indent}${head}(${all.join(', ')}),`;
  if (textWidth(oneLine) <= LINE_WIDTH) return [oneLine];
  const inner = `${indent}  `;
  if (object !== undefined) {
    const hugged = `${indent}${head}(${args.join(', ')}, {`;
    if (textWidth(hugged) <= LINE_WIDTH) return [hugged, ...properties.map((p) => `${inner}${p},`), `${indent}}),`];
  }
  const lines = [`${indent}${head}(`, `${inner}${args[0]},`];
  const columns = `${inner}${args[1]},`;
  if (textWidth(columns) <= LINE_WIDTH) lines.push(columns);
  else lines.push(`${inner}[`, ...index.columns.map((c) => `${inner}  ${stringLiteral(c)},`), `${inner}],`);
  if (object !== undefined) {
    const objectLine = `${inner}${object},`;
    if (textWidth(objectLine) <= LINE_WIDTH) lines.push(objectLine);
    else lines.push(`${inner}{`, ...properties.map((p) => `${inner}  ${p},`), `${inner}},`);
  }
  lines.push(`${indent}),`);
  return lines;
}

/**
 * `key: head.call().call(),` at an indent, laid out as Biome lays it out: on one line when it fits; otherwise, with
 * one call, the call's argument on a line of its own; with more, one call per line (each call's argument broken
 * when that line is still too long).
 */
function chainLines(indent: string, key: string, head: string, calls: readonly string[]): string[] {
  const oneLine = `${indent}${key}: ${head}${calls.map((c) => `.${c}`).join('')},`;
  if (textWidth(oneLine) <= LINE_WIDTH || calls.length === 0) return [oneLine];
  const broken = (prefix: string, call: string, end: string, inner: string): string[] => {
    const line = `${prefix}${call}${end}`;
    if (textWidth(line) <= LINE_WIDTH) return [line];
    const open = call.indexOf('(');
    return [`${prefix}${call.slice(0, open + 1)}`, `${inner}${call.slice(open + 1, -1)},`, `${inner.slice(2)})${end}`];
  };
  if (calls.length === 1) return broken(`${indent}${key}: ${head}.`, calls[0]!, ',', `${indent}  `);
  const lines = [`${indent}${key}: ${head}`];
  calls.forEach((call, i) => lines.push(...broken(`${indent}  .`, call, i === calls.length - 1 ? ',' : '', `${indent}    `)));
  return lines;
}

/** `key: 'value',` at an indent; a value too long for the line goes on the next, as Biome puts it. */
function propertyLines(indent: string, key: string, value: string): string[] {
  const line = `${indent}${key}: ${value},`;
  if (textWidth(line) <= LINE_WIDTH || (!value.startsWith("'") && !value.startsWith('"'))) return [line];
  return [`${indent}${key}:`, `${indent}  ${value},`];
}

/** `[a, b]` on one line when it fits, one item per line otherwise. */
function listLines(indent: string, key: string, items: readonly string[]): string[] {
  const line = `${indent}${key}: [${items.join(', ')}],`;
  if (textWidth(line) <= LINE_WIDTH) return [line];
  return [`${indent}${key}: [`, ...items.map((item) => `${indent}  ${item},`), `${indent}],`];
}

/**
 * Options the engine writes into every table's `table_option` whatever CREATE TABLE said (the local engine's values):
 * left out of the generated options when they hold these values, so that a table declared without options is pulled
 * without them.
 */
const ENGINE_SET_OPTIONS: Readonly<Record<string, string>> = { compression: 'lz4', storage_format: 'native', enable_auto_analyze: '1' };

/**
 * Options that are the engine's bookkeeping, never CREATE TABLE's: `snapshot_location` (after the first write) and
 * `transient` (`'T'`, which the generated `transient: true` says).
 */
const ENGINE_STATE_OPTIONS: ReadonlySet<string> = new Set(['snapshot_location', 'transient']);

function optionValue(value: string): string {
  return /^(0|[1-9]\d{0,14})$/.test(value) ? value : stringLiteral(value);
}

/** The lines of a table's declaration (`export const name = table(...)`), and the column functions it uses. */
export function tableDeclaration(live: LiveTable, constant: string, uses: Set<string>): string[] {
  uses.add('table');
  const columnLines = (indent: string) =>
    live.columns.flatMap((column) => {
      const type = declaredType(column.type);
      return chainLines(indent, propertyKey(column.name), typeCode(type, uses), columnCalls(column, type, uses));
    });
  const optionLines: string[] = [];
  if (live.comment !== undefined) optionLines.push(...propertyLines('    ', 'comment', stringLiteral(live.comment)));
  if (live.clusterBy !== undefined) {
    const names = new Set(live.columns.map((c) => c.name));
    const keys = live.clusterBy.keys.map((key) => {
      if (names.has(key)) return stringLiteral(key);
      uses.add('sql');
      return sqlTemplate(key);
    });
    if (live.clusterBy.type === 'LINEAR') optionLines.push(...listLines('    ', 'clusterBy', keys));
    else optionLines.push('    clusterBy: {', ...listLines('      ', 'columns', keys), `      type: 'HILBERT',`, '    },');
  }
  if (live.transient) optionLines.push('    transient: true,');
  if (live.indexes !== undefined && live.indexes.length > 0) {
    const items = live.indexes.map((index) => indexLines('      ', index, uses));
    const oneLine = `    indexes: [${items.map((lines) => lines[0]!.trim().slice(0, -1)).join(', ')}],`;
    if (items.every((lines) => lines.length === 1) && textWidth(oneLine) <= LINE_WIDTH) optionLines.push(oneLine);
    else optionLines.push('    indexes: [', ...items.flat(), '    ],');
  }
  const options = Object.entries(live.options)
    .filter(([key, value]) => ENGINE_SET_OPTIONS[key] !== value.toLowerCase() && !ENGINE_STATE_OPTIONS.has(key))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (options.length > 0)
    optionLines.push('    engineOptions: {', ...options.flatMap(([key, value]) => propertyLines('      ', propertyKey(key), optionValue(value))), '    },');
  const name = stringLiteral(live.name);
  const hugged = `export const ${constant} = table(${name}, {`;
  if (optionLines.length === 0 && textWidth(hugged) <= LINE_WIDTH) return [hugged, ...columnLines('  '), '});'];
  const lines = [`export const ${constant} = table(`, `  ${name},`, '  {', ...columnLines('    '), '  },'];
  if (optionLines.length > 0) lines.push('  {', ...optionLines, '  },');
  lines.push(');');
  return lines;
}

/** `import { a, b } from 'module';`, names sorted, broken one per line when too long. */
export function importLine(names: Iterable<string>, from: string): string[] {
  const sorted = [...new Set(names)].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
  const line = `import { ${sorted.join(', ')} } from ${stringLiteral(from)};`;
  if (textWidth(line) <= LINE_WIDTH) return [line];
  return ['import {', ...sorted.map((n) => `  ${n},`), `} from ${stringLiteral(from)};`];
}
