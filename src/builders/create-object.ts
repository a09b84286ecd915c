import type { CreateOption } from '../ast/common.js';
import { check, type CallSite } from '../checks.js';
import { RESERVED_WORDS } from '../grammar/reserved-words.js';
import { checkPlainName } from '../schema/identifier.js';

/** The longest object name: a file name's limit, as stages are folders (the same as a table's or a column's). */
const MAX_OBJECT_NAME_LENGTH = 255;

/**
 * Stages, connections and file formats are named by bare identifiers, kept case-sensitive, and looked up by the
 * exact string elsewhere (`CONNECTION_NAME = 'x'`, `FORMAT_NAME = 'x'`): a quoted name is stored with its quotes
 * and can never be found again. So the name must be plain and not a reserved keyword (`CREATE STAGE stage` is
 * a syntax error).
 */
export function checkObjectName(name: unknown, call: CallSite, what: string): asserts name is string {
  // A pipeline names the same few objects over and over: a name that passed every rule (none depends on the call) is
  // kept, and found again by one lookup.
  if (typeof name === 'string' && CHECKED_NAMES.has(name)) return;
  checkPlainName(name, call, what);
  // The embedded engine keeps an internal stage's files in a folder named after it: CREATE STAGE with a longer name
  // failed (4000 "invalid filename") after registering the stage, which no DROP STAGE could then remove (the pinned engine).
  check(name.length <= MAX_OBJECT_NAME_LENGTH, 'too_big', call, () => `${what} must be at most ${MAX_OBJECT_NAME_LENGTH} characters`, what);
  check(!RESERVED_WORDS.has(name.toLowerCase()), 'reserved', call, () => `${what} '${name}' is a reserved keyword`, what);
  // `CREATE STAGE if ...` and `DROP STAGE if` read IF as the start of IF [NOT] EXISTS (error 1005).
  check(name.toLowerCase() !== 'if', 'reserved', call, () => `${what} 'if' cannot be told apart from IF [NOT] EXISTS`, what);
  if (CHECKED_NAMES.size >= CHECKED_NAMES_MAX) CHECKED_NAMES.clear();
  CHECKED_NAMES.add(name);
}

const CHECKED_NAMES = new Set<string>();
const CHECKED_NAMES_MAX = 4096;

/** Sets OR REPLACE or IF NOT EXISTS; asking for both is refused, as Databend's parser refuses the pair. */
export function withCreateOption(current: CreateOption, next: 'CreateOrReplace' | 'CreateIfNotExists', call: CallSite): CreateOption {
  check(current === 'Create' || current === next, 'conflict', call, 'OR REPLACE and IF NOT EXISTS cannot be used together (Databend refuses the pair)');
  return next;
}

/**
 * Task names follow the same rule, rendered bare: the engine keeps a task's name as the text written
 * (`name: task.to_string()` in databendlabs/databend src/query/ast/src/parser/statement.rs), quotes included, while
 * AFTER names tasks by string literal, so `CREATE TASK "Parent"` and `AFTER 'Parent'` would name two tasks.
 */
export function checkTaskName(name: unknown, call: CallSite): asserts name is string {
  checkObjectName(name, call, 'task name');
}
