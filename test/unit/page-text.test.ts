import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../src/client/http-query.js';
import { pageRow, splitPage } from '../../src/client/page-text.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

/** Every row of a split page, decoded as the reader decodes them. */
function rowsOf(text: string): unknown[] | undefined {
  const body = bytes(text);
  const split = splitPage(body);
  if (split === undefined) return undefined;
  return Array.from({ length: split.spans.length / 2 }, (_, k) => pageRow(body, split.spans, k));
}

/** Strings that stress the scanner: quotes, backslashes before quotes, brackets and commas, non-ASCII, controls. */
const hostile = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', '"', '\\', '\\"', '\\\\"', '"]', '],[', '"],["', '{"data":[]}', 'null', 'ünï 数据 🚗', '\u2028\n\r\t\u0000', ']]', '[['),
);
const cell = fc.oneof({ weight: 4, arbitrary: hostile }, { weight: 1, arbitrary: fc.constant(null) });
const pageData = fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 12 });
const extra = fc.dictionary(
  fc.string().filter((k) => k !== 'data'),
  fc.jsonValue(),
  { maxKeys: 4 },
);

describe('splitPage: a page body split into its head and its rows', () => {
  it('gives the same rows and head as JSON.parse of the whole body, for any rows, keys and spacing', () => {
    fc.assert(
      fc.property(pageData, extra, fc.constantFrom(undefined, 1, 2, '\t'), fc.boolean(), (data, others, space, dataFirst) => {
        const object = dataFirst ? { data, ...others } : { ...others, data };
        const text = JSON.stringify(object, null, space);
        const split = splitPage(bytes(text));
        expect(split).toBeDefined();
        expect(rowsOf(text)).toEqual(data);
        expect(split!.head).toEqual({ ...(JSON.parse(text) as object), data: [] });
      }),
      { seed: 1616, numRuns: 400 },
    );
  });

  it('reads a key as JSON.parse does: escaped, and the last of repeated keys', () => {
    expect(rowsOf('{"d\\u0061ta":[["a"]]}')).toEqual([['a']]);
    expect(rowsOf('{"data":[["first"]],"x":1,"data":[["last"]]}')).toEqual([['last']]);
    expect(splitPage(bytes('{"data":[["first"]],"x":1,"data":[["last"]]}'))!.head).toEqual({ data: [], x: 1 });
    expect(rowsOf('{"datum":[["a"]],"data":[]}')).toEqual([]);
  });

  it('declines what is not an object with rows of strings and nulls: the caller then parses the body whole', () => {
    for (const text of [
      '',
      'null',
      '[]',
      '{"id":"q"}',
      '{"data":null}',
      '{"data":[1]}',
      '{"data":[[1]]}',
      '{"data":[["a",true]]}',
      '{"data":[["a"],]}',
      '{"data":[["a"]]',
      '{"data":[["a]]}',
      '{"data":[["a"]],"x":}',
      '{"data":[["a"]]} trailing',
      '\uFEFF{"data":[]}',
    ]) {
      expect(splitPage(bytes(text)), text).toBeUndefined();
    }
  });

  it('leaves a bad string inside a row to JSON.parse, which refuses it when the row is read', () => {
    const body = bytes('{"data":[["ok"],["bad \\x escape"]]}');
    const split = splitPage(body)!;
    expect(pageRow(body, split.spans, 0)).toEqual(['ok']);
    expect(pageRow(body, split.spans, 1)).toBeUndefined();
  });
});

describe('parsePage over a split body', () => {
  const page = (data: string) => `{"id":"q1","schema":[{"name":"s","type":"String"}],"data":${data},"state":"Succeeded","error":null}`;

  it('reads the rows one by one as they are iterated, and counts them at once', () => {
    const parsed = parsePage(200, 'OK', page('[["a"],[null],["\\"],["]]'), false);
    expect(parsed.data.length).toBe(3);
    expect([...parsed.data]).toEqual([['a'], [null], ['"],[']]);
  });

  it('fails at the row that is not JSON, with a DecodeError', () => {
    const parsed = parsePage(200, 'OK', page('[["a"],["\\q"]]'), false);
    const seen: unknown[] = [];
    expect(() => {
      for (const row of parsed.data) seen.push(row);
    }).toThrow(/^APIError: DecodeError: .*row 1 of data/);
    expect(seen).toEqual([['a']]);
  });

  it('refuses to read a page whose buffer the reader has reused', () => {
    let generation = 0;
    const parsed = parsePage(200, 'OK', { bytes: bytes(page('[["a"],["b"]]')), generation: () => generation }, false);
    const rows = parsed.data[Symbol.iterator]();
    expect(rows.next().value).toEqual(['a']);
    generation++;
    expect(() => rows.next()).toThrow(/after the next page replaced it/);
  });
});
