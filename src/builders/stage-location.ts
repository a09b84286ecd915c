import type { StageLocation } from '../ast/common.js';
import { isWellFormed } from '../ast/text.js';
import { check, checkNonEmptyString, type CallSite } from '../checks.js';
import { NOT_IN_BARE_STAGE_PATH } from '../grammar/stage-path.js';
import { checkPlainName } from '../schema/identifier.js';
import { nameOf, type NameRef } from './statement-builder.js';

/**
 * Backslashes (on an `fs://` stage a file unloaded to `'@s/a\\b/'` is then looked for at `a/b/`) and control
 * characters, which no form of a stage location is checked to carry.
 */
const REFUSED_PATH_CHARACTER = /[\\\u0000-\u001f\u007f]/;

/** Object stores cap a key at 1,024 bytes; nothing longer is a file the engine could find. */
export const MAX_PATH_LENGTH = 1024;

/**
 * The rules every text naming a place in storage follows (a stage path, a FILES entry, the path of a URL): no
 * backslash or control character, no white space (U+0085 included) at either end, no lone
 * surrogate, at most 1,024 characters.
 */
export function checkPathText(text: unknown, call: CallSite, what: string, field: string): asserts text is string {
  if (typeof text === 'string' && text.length <= MAX_PATH_LENGTH && isPlainPathText(text, false)) return;
  check(typeof text === 'string', 'invalid_type', call, () => `${what} must be a string`, field);
  check(text.length <= MAX_PATH_LENGTH, 'too_big', call, () => `${what} must be at most ${MAX_PATH_LENGTH} characters`, field);
  check(!REFUSED_PATH_CHARACTER.test(text), 'invalid_format', call, () => `${what} must not contain backslashes or control characters`, field);
  check(!WHITE_SPACE_AT_AN_END.test(text), 'invalid_format', call, () => `${what} must not start or end with white space (the engine trims it)`, field);
  check(isWellFormed(text), 'not_exact', call, () => `${what} must not hold a lone surrogate (UTF-8 has no form for it)`, field);
}

/**
 * Most paths are printable ASCII without spaces or backslashes (`frame-events/`, `s3://bucket/raw/`): one pass over
 * their characters clears them of the rules above, each of which a text of only these characters passes. The regular
 * expressions and isWellFormed cost about 200 ns a path. A `relative` path (a stage path) must also not start with `/`
 * nor hold `..` anywhere, so that it passes checkStagePath's rules too; any other text is checked rule by rule, which
 * says what is wrong with it.
 */
function isPlainPathText(text: string, relative: boolean): boolean {
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || code >= 0x7f || code === 0x5c) return false;
    if (relative && ((i === 0 && code === 0x2f) || (code === 0x2e && previous === 0x2e))) return false;
    previous = code;
  }
  return true;
}

/** The engine trims white space at the ends of a location: `'@s/ a/'` unloads to `a/`, then reading it panics. */
const WHITE_SPACE_AT_AN_END = /^[\s\u0085]|[\s\u0085]$/u;

const DOT_DOT_SEGMENT = /(?:^|\/)\.\.(?:\/|$)/;

const USER_STAGE = '~';

/**
 * Checks a stage reference and a path inside it, for every statement that reads or writes `@stage/path`. A
 * trailing `/` (a folder) is kept; a leading `/` is refused rather than guessed at, and a
 * `..` segment because on an `fs://` stage `LIST @s/../` lists the directory above the stage. A path the bare
 * `@stage/path` token cannot hold (a space, a quote, ...) is rendered quoted, `'@stage/path'`.
 */
export function stageLocation(stage: NameRef, path: string | undefined, call: CallSite): StageLocation {
  const name = nameOf(stage, call, 'stage name');
  // `~` is the current user's own stage (`LIST @~`).
  if (name !== USER_STAGE) checkPlainName(name, call, 'stage name');
  if (path === undefined) return { stage: name, path: '' };
  // Checked on every call. A cache of the checked pairs (until 2026-12-05) found a repeated plan's locations in 30 ns,
  // but a new path (a batch's file names) cost 770 ns, most of it hashing the new string into the cache; one pass
  // over a plain path's characters costs 20-40 ns.
  if (typeof path !== 'string' || path.length > MAX_PATH_LENGTH || !isPlainPathText(path, true)) checkStagePath(path, call);
  return { stage: name, path };
}

function checkStagePath(path: unknown, call: CallSite): void {
  checkPathText(path, call, 'a stage path', 'path');
  check(!path.startsWith('/'), 'invalid_format', call, "a stage path is relative to the stage and must not start with '/'", 'path');
  check(!DOT_DOT_SEGMENT.test(path), 'invalid_format', call, "a stage path must not contain '..' segments", 'path');
}

/**
 * stageLocation for LIST and REMOVE, which take only the bare `@stage/path` token: the quoted form is a syntax
 * error there (1005 "expecting `LiteralAtString`"), so a path that needs it is refused.
 */
export function bareStageLocation(stage: NameRef, path: string | undefined, call: CallSite, statement: 'LIST' | 'REMOVE'): StageLocation {
  const location = stageLocation(stage, path, call);
  check(
    !NOT_IN_BARE_STAGE_PATH.test(location.path),
    'unsupported',
    call,
    () =>
      `${statement} takes only a bare @stage/path (the quoted '@stage/path' is a syntax error there), which cannot hold white space, quotes, commas, semicolons, parentheses or backticks: name a parent folder and match the rest with pattern()`,
    'path',
  );
  return location;
}

/** FILES = ('a', ...): a non-empty list of file names relative to the stage path. */
export function checkFiles(files: readonly string[], call: CallSite): void {
  check(Array.isArray(files) && files.length > 0, Array.isArray(files) ? 'too_small' : 'invalid_type', call, 'FILES needs at least one file name', 'files');
  for (const file of files) {
    checkNonEmptyString(file, call, 'FILES entries must be non-empty strings', 'files');
    // On an fs:// stage the engine resolves `..` too: FILES = ('../../x.csv') reads and loads a file outside the stage.
    check(!file.split('/').includes('..'), 'invalid_format', call, "FILES entries must not contain '..' segments", 'files');
    // The storage layer trims the path it is given: FILES = ('a ') would read the file `a`.
    check(file.trimEnd() === file, 'invalid_format', call, 'FILES entries must not end with white space', 'files');
    // And every rule of a stage path: FILES names files under it.
    checkPathText(file, call, 'a FILES entry', 'files');
  }
}

export function checkPattern(pattern: string, call: CallSite): void {
  checkNonEmptyString(pattern, call, 'PATTERN must be a non-empty regular expression', 'pattern');
}

export const FILES_WITH_PATTERN = 'FILES and PATTERN cannot be used together: list the files or match them, not both';
