/**
 * A query page's JSON body, as bytes, read in two parts: the object without its `data` array, parsed at once, and the
 * rows of `data`, each decoded and parsed only when the reader takes it.
 *
 * Why (docs/benchmarks.md, "peak RSS"): a page's text as one string is a megabyte-sized object that V8 places in the
 * old generation at once, and JSON.parse of the whole page makes every row's array and strings together, alive while
 * the consumer works through the page, long enough to be moved to the old generation too. A stream of a million rows
 * then leaves megabytes of old garbage a page, and the heap grows to about four times its live size before each full
 * collection. Bytes stay in a buffer the reader reuses, and a row decoded when taken dies young.
 *
 * The scanner only finds where values start and end (strings by their closing quote, which in UTF-8 is never part of
 * another character; nested values by depth); JSON.parse still reads every value, so what a row means is
 * JSON.parse's answer. Anything the scanner does not expect makes it answer undefined, and the caller parses the
 * whole body as one text, as before.
 */

/** The page without its rows, and where each row's bytes lie in the body. */
export interface SplitPage {
  /** The page's object with `data` as an empty array. */
  readonly head: Record<string, unknown>;
  /** Start and end offsets of each row of `data`: row k is bytes [spans[2k], spans[2k + 1]). */
  readonly spans: readonly number[];
}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const N = 110;
const U = 117;
const L = 108;

const isSpace = (c: number | undefined) => c === 32 || c === 10 || c === 13 || c === 9;

function skipSpace(bytes: Buffer, i: number): number {
  while (i < bytes.length && isSpace(bytes[i])) i++;
  return i;
}

/** The offset past the string that opens at `i` (a quote), or -1. */
function skipString(bytes: Buffer, i: number): number {
  let from = i + 1;
  for (;;) {
    const quote = bytes.indexOf(QUOTE, from);
    if (quote < 0) return -1;
    let k = quote - 1;
    while (bytes[k] === BACKSLASH) k--;
    // An even count of backslashes before the quote: the quote is not escaped.
    if ((quote - 1 - k) % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** The offset past the value that starts at `i`, or -1. */
function skipValue(bytes: Buffer, i: number): number {
  const c = bytes[i];
  if (c === QUOTE) return skipString(bytes, i);
  if (c === OPEN_BRACE || c === OPEN_BRACKET) {
    let depth = 0;
    for (let j = i; j < bytes.length; ) {
      const d = bytes[j];
      if (d === QUOTE) {
        j = skipString(bytes, j);
        if (j < 0) return -1;
        continue;
      }
      if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
      else if (d === CLOSE_BRACE || d === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return -1;
  }
  // A number, true, false or null: up to the next delimiter.
  let j = i;
  while (j < bytes.length) {
    const d = bytes[j];
    if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || isSpace(d)) break;
    j++;
  }
  return j > i ? j : -1;
}

const isNull = (bytes: Buffer, j: number) => bytes[j] === N && bytes[j + 1] === U && bytes[j + 2] === L && bytes[j + 3] === L;

/** The spans of the rows of the array that opens at `i`, and the offset past it; undefined when a row is not an array of strings and nulls. */
function scanRows(bytes: Buffer, i: number): { spans: number[]; end: number } | undefined {
  const spans: number[] = [];
  let j = skipSpace(bytes, i + 1);
  if (bytes[j] === CLOSE_BRACKET) return { spans, end: j + 1 };
  for (;;) {
    if (bytes[j] !== OPEN_BRACKET) return undefined;
    const start = j;
    j = skipSpace(bytes, j + 1);
    if (bytes[j] === CLOSE_BRACKET) j++;
    else {
      for (;;) {
        if (bytes[j] === QUOTE) j = skipString(bytes, j);
        else if (isNull(bytes, j)) j += 4;
        else return undefined;
        if (j < 0) return undefined;
        j = skipSpace(bytes, j);
        const d = bytes[j];
        if (d === CLOSE_BRACKET) {
          j++;
          break;
        }
        if (d !== COMMA) return undefined;
        j = skipSpace(bytes, j + 1);
      }
    }
    spans.push(start, j);
    j = skipSpace(bytes, j);
    const d = bytes[j];
    if (d === CLOSE_BRACKET) return { spans, end: j + 1 };
    if (d !== COMMA) return undefined;
    j = skipSpace(bytes, j + 1);
  }
}

/**
 * The page split into its head and its rows' spans, or undefined when the body is not an object whose `data` is an
 * array of arrays of strings and nulls (the caller then parses it whole, and reports what is wrong as before).
 */
export function splitPage(bytes: Buffer): SplitPage | undefined {
  let i = skipSpace(bytes, 0);
  if (bytes[i] !== OPEN_BRACE) return undefined;
  i = skipSpace(bytes, i + 1);
  // JSON.parse keeps the last of repeated keys: so does this.
  let rows: { spans: number[]; start: number; end: number } | undefined;
  if (bytes[i] !== CLOSE_BRACE) {
    for (;;) {
      if (bytes[i] !== QUOTE) return undefined;
      const keyEnd = skipString(bytes, i);
      if (keyEnd < 0) return undefined;
      const isData = safeParse(bytes.toString('utf8', i, keyEnd)) === 'data';
      i = skipSpace(bytes, keyEnd);
      if (bytes[i] !== COLON) return undefined;
      i = skipSpace(bytes, i + 1);
      if (isData) {
        if (bytes[i] !== OPEN_BRACKET) return undefined;
        const scanned = scanRows(bytes, i);
        if (scanned === undefined) return undefined;
        rows = { spans: scanned.spans, start: i, end: scanned.end };
        i = scanned.end;
      } else {
        i = skipValue(bytes, i);
        if (i < 0) return undefined;
      }
      i = skipSpace(bytes, i);
      const c = bytes[i];
      if (c === CLOSE_BRACE) break;
      if (c !== COMMA) return undefined;
      i = skipSpace(bytes, i + 1);
    }
  }
  if (rows === undefined) return undefined;
  const head = safeParse(`${bytes.toString('utf8', 0, rows.start)}[]${bytes.toString('utf8', rows.end)}`);
  if (typeof head !== 'object' || head === null || Array.isArray(head)) return undefined;
  return { head: head as Record<string, unknown>, spans: rows.spans };
}

/** Row k of a split page: JSON.parse of its bytes, checked to be an array of strings and nulls. */
export function pageRow(bytes: Buffer, spans: readonly number[], k: number): (string | null)[] | undefined {
  const row = safeParse(bytes.toString('utf8', spans[2 * k], spans[2 * k + 1]));
  if (!Array.isArray(row)) return undefined;
  for (const cell of row) if (cell !== null && typeof cell !== 'string') return undefined;
  return row as (string | null)[];
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
