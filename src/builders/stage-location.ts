import type { StageLocation } from '../ast/common.js';
import { check, type CallSite } from '../errors.js';
import { checkPlainName } from '../schema/identifier.js';
import { nameOf, type NameRef } from './statement-builder.js';

/**
 * What the `@stage/path` token cannot hold: white space, quotes, commas, semicolons, parentheses, backticks
 * (LiteralAtString in databendlabs/databend src/query/ast/src/parser/token.rs), backslashes (its escape
 * character) and control characters.
 */
const UNSAFE_PATH_CHARACTER = /[\s,;'"`()\\\u0000-\u001f\u007f]/u;

const DOT_DOT_SEGMENT = /(?:^|\/)\.\.(?:\/|$)/;

const USER_STAGE = '~';

/**
 * Checks a stage reference and a path inside it, for every statement that reads or writes `@stage/path`. A
 * trailing `/` (a folder) is kept; a leading `/` is refused rather than guessed at, and a
 * `..` segment because on an `fs://` stage `LIST @s/../` lists the directory above the stage.
 */
export function stageLocation(stage: NameRef, path: string | undefined, call: CallSite): StageLocation {
  const name = nameOf(stage);
  // A pipeline names the same few locations over and over (LIST, preview, COPY, the task's COPY): each pair that
  // passed the checks is kept, frozen, and handed out again.
  const checked = typeof name === 'string' && typeof path === 'string' ? CHECKED.get(name)?.get(path) : undefined;
  if (checked !== undefined) return checked;
  const location = checkLocation(name, path, call);
  if (path !== undefined) {
    if (CHECKED.size >= CHECKED_STAGES_MAX) CHECKED.clear();
    let paths = CHECKED.get(location.stage);
    if (paths === undefined) CHECKED.set(location.stage, (paths = new Map()));
    if (paths.size >= CHECKED_PATHS_MAX) paths.clear();
    paths.set(path, Object.freeze(location));
  }
  return location;
}

const CHECKED = new Map<string, Map<string, StageLocation>>();
const CHECKED_STAGES_MAX = 256;
const CHECKED_PATHS_MAX = 1024;

function checkLocation(name: string, path: string | undefined, call: CallSite): StageLocation {
  // `~` is the current user's own stage (`LIST @~`).
  if (name !== USER_STAGE) checkPlainName(name, call, 'stage name');
  if (path === undefined) return { stage: name, path: '' };
  check(typeof path === 'string', call, 'a stage path must be a string', 'path');
  check(
    !UNSAFE_PATH_CHARACTER.test(path),
    call,
    'a stage path must not contain white space, quotes, commas, semicolons, parentheses, backticks, backslashes or control characters',
    'path',
  );
  check(!path.startsWith('/'), call, "a stage path is relative to the stage and must not start with '/'", 'path');
  check(!DOT_DOT_SEGMENT.test(path), call, "a stage path must not contain '..' segments", 'path');
  return { stage: name, path };
}
