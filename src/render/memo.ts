import { isShared } from '../ast/freeze.js';

/**
 * Memoises the SQL of shared statement data (see `share()` in ast/freeze.ts): the column list or cast projection
 * of a declared table cannot change, so neither can its text, per line break (a task body's lines are indented).
 * Other values are rendered every time.
 */
export function memoizeShared<K extends object>(renderText: (key: K, newline: string) => string): (key: K, newline: string) => string {
  // Only shared keys are ever stored, so a key found needs no isShared() lookup. The texts of one key are few (one
  // per indentation), kept as [newline, text, newline, text, ...] and found by comparing: a task body's line break is
  // made afresh for each statement, and a Map would hash it every time.
  const cache = new WeakMap<K, string[]>();
  return (key, newline) => {
    let texts = cache.get(key);
    if (texts === undefined) {
      if (!isShared(key)) return renderText(key, newline);
      cache.set(key, (texts = []));
    }
    for (let i = 0; i < texts.length; i += 2) if (texts[i] === newline) return texts[i + 1]!;
    const text = flat(renderText(key, newline));
    // A bound, for callers that indent without end: the first texts stay, the others are rendered every time.
    if (texts.length < MAX_TEXTS_PER_KEY * 2) texts.push(newline, text);
    return text;
  };
}

const MAX_TEXTS_PER_KEY = 8;

const read = { numbers: 0 };

/**
 * The text as one flat string, for a text that is kept and used again. A string made by `+` or a template literal is a
 * tree of its pieces, and every join or concatenation that copies it walks the tree again: a kept text was copied
 * piece by piece into every statement that used it (over ten times the cost of copying a flat one). Reading a string as
 * a number makes V8 flatten it in place (the flatstr technique); the number is kept in a counter so that the read
 * cannot be optimised away.
 */
export function flat(text: string): string {
  read.numbers += Number(text) || 0;
  return text;
}
