import { isShared } from '../ast/freeze.js';

/**
 * Memoises the SQL of shared statement data (see `share()` in ast/freeze.ts): the column list or cast projection
 * of a declared table cannot change, so neither can its text, per line break (a task body's lines are indented).
 * Other values are rendered every time.
 */
export function memoizeShared<K extends object>(renderText: (key: K, newline: string) => string): (key: K, newline: string) => string {
  // Only shared keys are ever stored, so a key found needs no isShared() lookup; the plain line break, by far the
  // usual one, is kept beside the map of the others.
  const cache = new WeakMap<K, { plain: string | undefined; others: Map<string, string> | undefined }>();
  return (key, newline) => {
    let entry = cache.get(key);
    if (entry === undefined) {
      if (!isShared(key)) return renderText(key, newline);
      cache.set(key, (entry = { plain: undefined, others: undefined }));
    }
    if (newline === '\n') return (entry.plain ??= renderText(key, newline));
    entry.others ??= new Map();
    let text = entry.others.get(newline);
    if (text === undefined) {
      text = renderText(key, newline);
      entry.others.set(newline, text);
    }
    return text;
  };
}
