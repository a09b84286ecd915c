import { MASK, Secret } from '../ast/secret.js';
import { quoteString } from '../render/quote.js';

/**
 * Option keys whose values are credentials, across Databend's storage backends (S3, Azure, GCS, OSS, COS, OBS,
 * HDFS/WebHDFS) and connection options. Databend's own `Connection::mask` masks every value of a connection;
 * raw SQL has no such structure, so these names are what marks a value as secret.
 */
const SECRET_KEYS = [
  'ACCESS_KEY_ID',
  'SECRET_ACCESS_KEY',
  'ACCESS_KEY_SECRET',
  'SECRET_KEY',
  'SECRET_ID',
  'SESSION_TOKEN',
  'SECURITY_TOKEN',
  'AWS_KEY_ID',
  'AWS_SECRET_KEY',
  'AWS_TOKEN',
  'MASTER_KEY',
  'ACCOUNT_KEY',
  'SAS_TOKEN',
  'CREDENTIAL',
  'CREDENTIALS',
  'PASSWORD',
  'PRIVATE_KEY',
  'TOKEN',
] as const;

// KEY = 'value' with backslash escapes or doubled quotes inside, or KEY = "value"; the key must not be the tail
// of a longer word, so ROLE_TOKEN_X is left alone but AWS_TOKEN matches.
const SECRET_OPTION = new RegExp(
  `(?<![A-Za-z0-9_])(${SECRET_KEYS.join('|')})(\\s*=>?\\s*)('(?:[^'\\\\]|\\\\.|'')*'|"(?:[^"\\\\]|\\\\.|"")*")`,
  'gi',
);

/**
 * Replaces the values of credential options in SQL text with '***'.
 *
 * @example
 * maskSqlSecrets("CREATE CONNECTION c STORAGE_TYPE = 's3' SECRET_ACCESS_KEY = 'abc'")
 * // CREATE CONNECTION c STORAGE_TYPE = 's3' SECRET_ACCESS_KEY = '***'
 */
export function maskSqlSecrets(sql: string): string {
  return sql.replace(SECRET_OPTION, (_match, key: string, eq: string) => `${key}${eq}'${MASK}'`);
}

/** The credential values written in SQL text, unescaped as far as needed to find them again in an echo. */
export function secretsInSql(sql: string): string[] {
  return [...sql.matchAll(SECRET_OPTION)].flatMap((m) => {
    const inner = m[3]!.slice(1, -1);
    return inner === '' ? [] : [inner, inner.replace(/\\(.)/g, '$1')];
  });
}

/**
 * Every credential inside a statement node, revealed, raw and as escaped in a literal, so that a server message
 * echoing the SQL can be scrubbed.
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

/**
 * Replaces each of `values` in `text` with '***', longest first so that overlapping secrets are fully hidden. Each
 * is also looked for as a JSON string would carry it (a driver error may quote the server's JSON body).
 */
export function scrub(text: string, values: readonly string[]): string {
  const spellings = values.flatMap((v) => [v, JSON.stringify(v).slice(1, -1)]).filter((v) => v !== '');
  return [...new Set(spellings)].sort((a, b) => b.length - a.length).reduce((t, v) => t.replaceAll(v, MASK), text);
}
