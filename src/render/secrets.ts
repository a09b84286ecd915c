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

/**
 * Replaces each of `values` in `text` with '***', longest first so that overlapping secrets are fully hidden. Each
 * is also looked for as a JSON string would carry it (a driver error may quote the server's JSON body).
 */
export function scrub(text: string, values: readonly string[]): string {
  if (values.length === 0) return text;
  const spellings = values.flatMap((v) => [v, JSON.stringify(v).slice(1, -1)]).filter((v) => v !== '');
  return [...new Set(spellings)].sort((a, b) => b.length - a.length).reduce((t, v) => t.replaceAll(v, MASK), text);
}
