import { isWellFormed } from '../ast/text.js';
import { check, checkNonEmptyString, type CallSite } from '../checks.js';

/** Databend accepts any quoted name; these rules only refuse what can never round-trip. */
const MAX_IDENTIFIER_LENGTH = 255;
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

// Most names are plain (`frame_events`): one test clears them of every rule below.
const PLAIN_SHORT_NAME = /^[A-Za-z_][A-Za-z0-9_$]{0,254}$/;

export function checkIdentifier(name: unknown, call: CallSite, what: string): asserts name is string {
  if (typeof name === 'string' && PLAIN_SHORT_NAME.test(name)) return;
  checkNonEmptyString(name, call, () => `${what} must be a non-empty string`, what);
  check(name.length <= MAX_IDENTIFIER_LENGTH, 'too_big', call, () => `${what} must be at most ${MAX_IDENTIFIER_LENGTH} characters`, what);
  check(!CONTROL_CHARACTER.test(name), 'invalid_format', call, () => `${what} must not contain control characters`, what);
  check(isWellFormed(name), 'not_exact', call, () => `${what} must not hold a lone surrogate (UTF-8 has no form for it)`, what);
  check(name.trim() === name, 'invalid_format', call, () => `${what} must not start or end with white space`, what);
  // Databend's tokenizer reads a backslash in a quoted name as the start of an escape: `"a\"` never ends, and
  // `SELECT * FROM "t\x"` fails as an invalid escape though CREATE TABLE "t\x" works (the pinned engine).
  check(!name.includes('\\'), 'invalid_format', call, () => `${what} must not contain a backslash (Databend reads escapes in quoted names)`, what);
}

/** Stage names are plain unquoted identifiers in Databend's grammar (`@name`), so they are validated, never quoted. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkPlainName(name: unknown, call: CallSite, what: string): asserts name is string {
  check(
    typeof name === 'string' && PLAIN_NAME.test(name),
    typeof name === 'string' ? 'invalid_format' : 'invalid_type',
    call,
    () => `${what} must be a plain identifier (a letter or _ followed by letters, digits or _)`,
    what,
  );
}
