import { MASK } from '../ast/secret.js';

/**
 * What marks a value in raw SQL as a credential: an option whose key names one, bare or quoted, across Databend's
 * storage backends and connection options (ACCESS_KEY_ID, SECRET_ACCESS_KEY, AWS_SECRET_ACCESS_KEY, SAS_TOKEN,
 * "s3.secret-access-key" of an Iceberg catalog, PASSWORD ...), and `IDENTIFIED [WITH plugin] BY '...'` of CREATE and
 * ALTER USER. Raw SQL has no structure to tell a secret by; once found, a value is scrubbed by value from everything
 * the client reports later (client.ts), whatever key it came with.
 */
const SECRET_KEY = /secret|passw|token|credential|private|access_?key|key_?id|account_?key|master_?key|api_?key|sas_|_sas|^sas$|session_?key/i;

const QUOTED_VALUE = `'(?:[^'\\\\]|\\\\.|'')*'|"(?:[^"\\\\]|\\\\.|"")*"`;
// KEY = 'value' (or =>, or a double-quoted value) with the key bare, double- or single-quoted; the key must not be the
// tail of a longer word.
const OPTION = new RegExp(`(?<![A-Za-z0-9_$])("(?:[^"]|"")*"|'(?:[^'\\\\]|\\\\.)*'|[A-Za-z_][A-Za-z0-9_]*)(\\s*=>?\\s*)(${QUOTED_VALUE})`, 'g');
const IDENTIFIED_BY = new RegExp(`(?<![A-Za-z0-9_$])(IDENTIFIED(?:\\s+WITH\\s+[A-Za-z0-9_]+)?\\s+BY)(\\s+)(${QUOTED_VALUE})`, 'gi');

function keyText(key: string): string {
  return key.startsWith('"') || key.startsWith("'") ? key.slice(1, -1) : key;
}

/** Each credential in SQL text: where its option starts, its length, the text before the value, the quoted value. */
function* secretOptions(sql: string): Generator<{ readonly index: number; readonly length: number; readonly head: string; readonly value: string }> {
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
  const found = [...secretOptions(sql)].sort((a, b) => b.index - a.index);
  let text = sql;
  for (const { index, length, head } of found) text = `${text.slice(0, index)}${head}'${MASK}'${text.slice(index + length)}`;
  return text;
}

/** The credential values written in SQL text, unescaped as far as needed to find them again in an echo. */
export function secretsInSql(sql: string): string[] {
  return [...secretOptions(sql)].flatMap(({ value }) => {
    const inner = value.slice(1, -1);
    return inner === '' ? [] : [inner, inner.replace(/\\(.)/g, '$1')];
  });
}

export { collectSecrets, scrub } from '../render/secrets.js';
