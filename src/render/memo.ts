import { isShared } from '../ast/freeze.js';

/**
 * Memoises the SQL of shared statement data (see `share()` in ast/freeze.ts): the column list or cast projection
 * of a declared table cannot change, so neither can its text. Other values are rendered every time.
 */
export function memoizeShared<K extends object>(renderText: (key: K) => string): (key: K) => string {
  const cache = new WeakMap<K, string>();
  return (key) => {
    if (!isShared(key)) return renderText(key);
    let text = cache.get(key);
    if (text === undefined) {
      text = renderText(key);
      cache.set(key, text);
    }
    return text;
  };
}
