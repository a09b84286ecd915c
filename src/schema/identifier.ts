import { isWellFormed } from '../ast/text.js';
import { check, checkNonEmptyString, type CallSite } from '../checks.js';

/** Databend accepts any quoted name; these rules only refuse what can never round-trip. */
const MAX_IDENTIFIER_LENGTH = 255;
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * A letter or `_`, then letters, digits, `_` (and `$` where `dollar`): one pass over the characters, where the
 * regular expression it replaced, `^[A-Za-z_][A-Za-z0-9_$]{0,254}$`, cost 60-80 ns a name, and a builder checks one
 * or two names a call.
 */
function isPlainName(name: string, dollar: boolean): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    const lower = code | 0x20; // an ASCII letter of either case, as a lower-case one
    if ((lower >= 0x61 && lower <= 0x7a) || code === 0x5f) continue;
    if (i > 0 && ((code >= 0x30 && code <= 0x39) || (dollar && code === 0x24))) continue;
    return false;
  }
  return true;
}

export function checkIdentifier(name: unknown, call: CallSite, what: string): asserts name is string {
  // Most names are plain (`frame_events`): one pass clears them of every rule below.
  if (typeof name === 'string' && name.length <= MAX_IDENTIFIER_LENGTH && isPlainName(name, true)) return;
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
export function checkPlainName(name: unknown, call: CallSite, what: string): asserts name is string {
  check(
    typeof name === 'string' && isPlainName(name, false),
    typeof name === 'string' ? 'invalid_format' : 'invalid_type',
    call,
    () => `${what} must be a plain identifier (a letter or _ followed by letters, digits or _)`,
    what,
  );
}
