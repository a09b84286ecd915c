import { isWellFormed } from '../ast/text.js';
import { ValidationError } from '../errors.js';
import { KEYWORDS } from '../grammar/keywords.js';

/** The only escaping module: every renderer quotes identifiers and literals through these functions. */

const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

// The same few names are quoted over and over (every column of every statement over a table); a bounded cache
// keeps that to one map lookup.
const quotedIdentifiers = new Map<string, string>();
const QUOTED_IDENTIFIER_CACHE_SIZE = 4096;

/**
 * Renders an identifier bare when it is a plain lower-case name that is not a keyword of the engine, double-quoted
 * otherwise. Not only reserved words: a bare non-reserved keyword can change what a statement means (keywords.ts).
 */
export function quoteIdentifier(name: string): string {
  let quoted = quotedIdentifiers.get(name);
  if (quoted === undefined) {
    if (!isWellFormed(name))
      throw new ValidationError(
        'not_exact',
        'identifier',
        'a name holding a lone surrogate (an unpaired U+D800..U+DFFF) cannot be sent exactly: UTF-8 has no form for it',
        'name',
      );
    quoted = PLAIN_IDENTIFIER.test(name) && !KEYWORDS.has(name) ? name : doubleQuoted(name);
    if (quotedIdentifiers.size >= QUOTED_IDENTIFIER_CACHE_SIZE) quotedIdentifiers.clear();
    quotedIdentifiers.set(name, quoted);
  }
  return quoted;
}

/**
 * Renders an identifier double-quoted even when it is plain: a quoted name matches a staged file's column exactly,
 * where a bare one matches it in any case (docs/engine-facts.md).
 */
export function quoteIdentifierExactly(name: string): string {
  const quoted = quoteIdentifier(name);
  return quoted.charCodeAt(0) === 34 ? quoted : doubleQuoted(name);
}

function doubleQuoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Renders `[database.]name`. */
export function quoteObjectName(ref: { readonly database?: string | undefined; readonly name: string }): string {
  return ref.database === undefined ? quoteIdentifier(ref.name) : `${quoteIdentifier(ref.database)}.${quoteIdentifier(ref.name)}`;
}

const STRING_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  // Not `\0`: Databend reads `\0` and the digits after it as an octal escape ('\05' is U+0005).
  '\0': '\\x00',
};

const NEEDS_ESCAPE = /[\\'\n\r\t\0]/;
const ESCAPED_CHARACTERS = /[\\'\n\r\t\0]/g;

/**
 * Renders a string literal. Databend always honours backslash escapes inside '...'
 * (src/query/ast/src/parser/token.rs, ast/quote.rs), so backslashes are escaped as well as quotes; control
 * characters are escaped so that printed SQL stays on one line per literal.
 */
export function quoteString(value: string): string {
  // A lone surrogate has no UTF-8 form: the driver would send U+FFFD instead, a silent change of the value.
  if (!isWellFormed(value))
    throw new ValidationError(
      'not_exact',
      'string literal',
      'a string holding a lone surrogate (an unpaired U+D800..U+DFFF) cannot be sent exactly: UTF-8 has no form for it',
      'value',
    );
  if (!NEEDS_ESCAPE.test(value)) return `'${value}'`;
  return `'${value.replace(ESCAPED_CHARACTERS, (ch) => STRING_ESCAPES[ch] ?? ch)}'`;
}
