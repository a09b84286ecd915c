import { isShared } from '../ast/freeze.js';

/**
 * Memoises the SQL of shared statement data (see `share()` in ast/freeze.ts): the column list or cast projection
 * of a declared table cannot change, so neither can its text, per line break (a task body's lines are indented).
 * Other values are rendered every time.
 */
export function memoizeShared<K extends object>(renderText: (key: K, newline: string) => string): (key: K, newline: string) => string {
  const cache = new WeakMap<K, Map<string, string>>();
  return (key, newline) => {
    if (!isShared(key)) return renderText(key, newline);
    let byNewline = cache.get(key);
    if (byNewline === undefined) cache.set(key, (byNewline = new Map()));
    let text = byNewline.get(newline);
    if (text === undefined) {
      text = renderText(key, newline);
      byNewline.set(newline, text);
    }
    return text;
  };
}
