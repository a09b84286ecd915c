import { MASK, Secret } from '../ast/secret.js';
import { quoteString } from './quote.js';

/**
 * Every credential inside a statement node (a `secret()` in an option or in an sql`` fragment), revealed, raw and as
 * escaped in a literal, so that masked output and a server message echoing the SQL can be scrubbed of it by value.
 */
export function collectSecrets(node: unknown, found: string[] = []): string[] {
  if (node instanceof Secret) {
    const value = node.reveal();
    if (value !== '') found.push(value, quoteString(value).slice(1, -1));
  } else if (typeof node === 'object' && node !== null) {
    for (const child of Object.values(node)) collectSecrets(child, found);
  }
  return found;
}

const SQL_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\x00' };

/**
 * The ways a credential can be spelled in text that quotes it: as is, escaped in an SQL literal (backslashes, or a
 * doubled quote), escaped in a JSON string (a server's body, a Rust debug print), both, and percent-encoded (a URL).
 */
function spellings(value: string): string[] {
  const sql = value.replace(/[\\'\n\r\t\0]/g, (c) => SQL_ESCAPES[c]!);
  const json = (text: string) => JSON.stringify(text).slice(1, -1);
  let percent = value;
  try {
    percent = encodeURIComponent(value);
  } catch {
    // a lone surrogate has no percent-encoding; nothing can carry it in that form
  }
  return [value, sql, value.replaceAll("'", "''"), json(value), json(sql), percent];
}

/**
 * Replaces each of `values` in `text` with '***', in every spelling a message could carry it (see `spellings`),
 * longest first so that overlapping secrets are fully hidden.
 */
export function scrub(text: string, values: readonly string[]): string {
  if (values.length === 0 || text === '') return text;
  const all = new Set<string>();
  for (const value of values) if (value !== '') for (const spelling of spellings(value)) all.add(spelling);
  return [...all].sort((a, b) => b.length - a.length).reduce((t, v) => (t.includes(v) ? t.replaceAll(v, MASK) : t), text);
}

/**
 * What marks a value in raw SQL as a credential: an option whose key names one, bare or quoted, across Databend's
 * storage backends and connection options (ACCESS_KEY_ID, SECRET_ACCESS_KEY, AWS_SECRET_ACCESS_KEY, SAS_TOKEN,
 * "s3.secret-access-key" and "s3.access-key-id" of an Iceberg catalog, "adls.account-key", PASSWORD ...), and
 * `IDENTIFIED [WITH plugin] BY '...'` of CREATE and ALTER USER. Raw SQL has no structure to tell a secret by; once
 * found, a value is scrubbed by value from everything the client reports later (client.ts), whatever key it came with.
 */
const SECRET_KEY =
  /secret|passw|passphrase|token|credential|private|delegation|(?:access|account|master|api|session|encryption)[-_.]?key|key[-_.]?id|(?:^|[-_.])sas(?:[-_.]|$)/i;

// A string literal in '...', "..." or $$...$$ (Databend's code string).
const QUOTED_VALUE = `'(?:[^'\\\\]|\\\\[\\s\\S]|'')*'|"(?:[^"\\\\]|\\\\[\\s\\S]|"")*"|\\$\\$[\\s\\S]*?\\$\\$`;
// KEY = 'value' (or =>, or a double-quoted value) with the key bare, double- or single-quoted; the key must not be the
// tail of a longer word.
const OPTION = new RegExp(`(?<![A-Za-z0-9_$])("(?:[^"]|"")*"|'(?:[^'\\\\]|\\\\.)*'|[A-Za-z_][A-Za-z0-9_]*)(\\s*=>?\\s*)(${QUOTED_VALUE})`, 'g');
const IDENTIFIED_BY = new RegExp(`(?<![A-Za-z0-9_$])(IDENTIFIED(?:\\s+WITH\\s+[A-Za-z0-9_]+)?\\s+BY)(\\s+)(${QUOTED_VALUE})`, 'gi');

function keyText(key: string): string {
  return key.startsWith('"') || key.startsWith("'") ? key.slice(1, -1) : key;
}

// A word every credential key or IDENTIFIED BY holds: text without one (a large INSERT ... VALUES) is not scanned.
const CANDIDATE = /secret|passw|token|credential|private|delegation|key|sas|identified/i;

/** Each credential in SQL text: where its option starts, its length, the text before the value, the quoted value. */
function* secretOptions(sql: string): Generator<{ readonly index: number; readonly length: number; readonly head: string; readonly value: string }> {
  if (!CANDIDATE.test(sql)) return;
  for (const m of sql.matchAll(OPTION)) {
    if (SECRET_KEY.test(keyText(m[1]!))) yield { index: m.index, length: m[0].length, head: m[1]! + m[2]!, value: m[3]! };
  }
  for (const m of sql.matchAll(IDENTIFIED_BY)) yield { index: m.index, length: m[0].length, head: m[1]! + m[2]!, value: m[3]! };
}

/**
 * Replaces the values of credential options (and IDENTIFIED BY) in SQL text with '***'.
 *
 * @example
 * maskSqlSecrets("CREATE CONNECTION c STORAGE_TYPE = 's3' SECRET_ACCESS_KEY = 'abc'")
 * // CREATE CONNECTION c STORAGE_TYPE = 's3' SECRET_ACCESS_KEY = '***'
 */
export function maskSqlSecrets(sql: string): string {
  // Earliest first; a match inside an earlier one (an IDENTIFIED BY written inside an option's value) is left to it.
  const found = [...secretOptions(sql)].sort((a, b) => a.index - b.index);
  const outer: typeof found = [];
  for (const option of found) if (outer.length === 0 || option.index >= outer.at(-1)!.index + outer.at(-1)!.length) outer.push(option);
  let text = sql;
  for (const { index, length, head } of outer.reverse()) text = `${text.slice(0, index)}${head}'${MASK}'${text.slice(index + length)}`;
  return text;
}

const BACKSLASH_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '0': '\0', Z: '\x1a' };

/** A quoted value's text as the engine reads it: backslash escapes and doubled quotes resolved. */
function unquote(quoted: string): string {
  if (quoted.startsWith('$$')) return quoted.slice(2, -2);
  const quote = quoted[0]!;
  return quoted
    .slice(1, -1)
    .replace(/\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})|\\([\s\S])|(['"])\4/g, (_, hex?: string, unicode?: string, escaped?: string, doubled?: string) => {
      if (hex !== undefined) return String.fromCharCode(parseInt(hex, 16));
      if (unicode !== undefined) return String.fromCharCode(parseInt(unicode, 16));
      if (escaped !== undefined) return BACKSLASH_ESCAPES[escaped] ?? escaped;
      return doubled === quote ? quote : doubled! + doubled!;
    });
}

/** The credential values written in SQL text: as written between the quotes, and as the engine reads them. */
export function secretsInSql(sql: string): string[] {
  return [...secretOptions(sql)].flatMap(({ value }) => {
    const inner = value.startsWith('$$') ? value.slice(2, -2) : value.slice(1, -1);
    if (inner === '') return [];
    const read = unquote(value);
    return read === inner ? [inner, inner] : [inner, read];
  });
}

/**
 * The text of a statement masked for display: credential options found by key name masked, and every credential
 * the statement holds (its `secret()` values, the values of those options) scrubbed wherever else it appears.
 */
export function maskSqlText(text: string, own: readonly string[]): string {
  return scrub(maskSqlSecrets(text), [...own, ...secretsInSql(text)]);
}
