/**
 * A JSON parser that keeps every number's text: the VARIANT form of a nested value carries BIGINT and DECIMAL digits
 * that a double cannot hold, and JSON.parse in Node 20 has no way to see a number's source. Strings, arrays and
 * objects are parsed as JSON.parse would; the input is the engine's own JSON output, so errors are not expected, but
 * a malformed text throws a SyntaxError naming the offset.
 */

/** A JSON number as written. */
export class JsonNumber {
  constructor(readonly text: string) {}
}

/** A JSON object as written: its members in order (a TUPLE's fields are positional), duplicate keys kept. */
export class JsonObject {
  constructor(readonly entries: readonly (readonly [string, ExactJson])[]) {}
}

export type ExactJson = null | boolean | string | JsonNumber | ExactJson[] | JsonObject;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\]|\\.)*"/y;
const SPACE = /[ \t\n\r]*/y;

export function parseExactJson(text: string): ExactJson {
  let pos = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`Cannot parse the engine's JSON at offset ${pos}: ${what}`);
  };
  const skip = (): void => {
    SPACE.lastIndex = pos;
    SPACE.exec(text);
    pos = SPACE.lastIndex;
  };
  const match = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = pos;
    const m = pattern.exec(text);
    if (m === null) return undefined;
    pos = pattern.lastIndex;
    return m[0];
  };
  const value = (): ExactJson => {
    skip();
    const c = text[pos];
    if (c === '"') return JSON.parse(match(STRING) ?? fail('unterminated string')) as string;
    if (c === '[') {
      pos++;
      const items: ExactJson[] = [];
      skip();
      if (text[pos] === ']') {
        pos++;
        return items;
      }
      for (;;) {
        items.push(value());
        skip();
        const next = text[pos++];
        if (next === ']') return items;
        if (next !== ',') fail("expected ',' or ']'");
      }
    }
    if (c === '{') {
      pos++;
      const entries: [string, ExactJson][] = [];
      skip();
      if (text[pos] === '}') {
        pos++;
        return new JsonObject(entries);
      }
      for (;;) {
        skip();
        const key = JSON.parse(match(STRING) ?? fail('expected a key')) as string;
        skip();
        if (text[pos++] !== ':') fail("expected ':'");
        entries.push([key, value()]);
        skip();
        const next = text[pos++];
        if (next === '}') return new JsonObject(entries);
        if (next !== ',') fail("expected ',' or '}'");
      }
    }
    if (text.startsWith('true', pos)) return ((pos += 4), true);
    if (text.startsWith('false', pos)) return ((pos += 5), false);
    if (text.startsWith('null', pos)) return ((pos += 4), null);
    return new JsonNumber(match(NUMBER) ?? fail('unexpected character'));
  };
  const result = value();
  skip();
  if (pos !== text.length) fail('unexpected text after the value');
  return result;
}
