// Normalises Databend SQL for the documentation corpus test (test/engine/docs-corpus.test.ts): two statements that
// the engine reads the same way normalise to the same text, so the SDK's rendering of a documentation example can be
// compared with the example itself. What is made equal:
// - white space and comments (`--`, `/* */`), a trailing `;`;
// - the case of keywords and unquoted names (Databend folds unquoted names to lower case);
// - quoting of names: `"a"`, `` `a` `` and a are one name when a is a plain lower-case name (a quoted name with
//   upper-case letters or other characters stays quoted, as it means something else);
// - string quote escapes: 'it''s' and 'it\'s', '\n' and a real newline are the same value;
// - option lists: the order of `KEY = value` (and `name => value`) items in a row of them, with or without commas,
//   inside `( ... )` and at the top level of the statement, and `=` spacing;
// - enum option values written as a word or as a string: TYPE = CSV and TYPE = 'csv' (the keys of ENUM_KEYS only,
//   never a credential or a path).
// Everything else (expressions, order of columns, order of FILES) must match token for token.

/** Keys whose values are keywords the engine reads case-insensitively whether quoted or not. */
const ENUM_KEYS = new Set([
  'TYPE',
  'COMPRESSION',
  'ON_ERROR',
  'STORAGE_TYPE',
  'BINARY_FORMAT',
  'EMPTY_FIELD_AS',
  'QUOTED_EMPTY_FIELD_AS',
  'MISSING_FIELD_AS',
  'NULL_FIELD_AS',
  'COLUMN_MATCH_MODE',
  'ENCODING_ERROR_MODE',
]);

/** Words that end an option's value: a clause or a boolean operator, never part of a `KEY = value` run. */
const VALUE_STOP = new Set(['AS', 'WHEN', 'AFTER', 'FROM', 'ON', 'SELECT', 'WITH', 'BEGIN', 'LIKE', 'AND', 'OR', 'NOT', 'WHERE', 'INTO']);

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'punct' | 'location' | 'dollar' | 'variable';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

const PLAIN_NAME = /^[a-z_][a-z0-9_]*$/;
const STRING_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', Z: '\x1a' };
const PUNCTS = ['=>', '::', '||', '<=', '>=', '<>', '!=', ':='];

/** Splits SQL into tokens, dropping white space and comments. Throws on an unterminated string or comment. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) throw new Error(`tokenize: unterminated comment at ${i}`);
      i = end + 2;
      continue;
    }
    if (c === '$' && sql[i + 1] === '$') {
      const end = sql.indexOf('$$', i + 2);
      if (end < 0) throw new Error(`tokenize: unterminated $$ at ${i}`);
      tokens.push({
        kind: 'dollar',
        text: `$$${sql
          .slice(i + 2, end)
          .trim()
          .replace(/\s+/g, ' ')}$$`,
      });
      i = end + 2;
      continue;
    }
    if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= n) throw new Error('tokenize: unterminated string');
        const d = sql[i] as string;
        if (d === '\\') {
          const e = sql[i + 1] as string;
          value += STRING_ESCAPES[e] ?? e;
          i += 2;
        } else if (d === "'") {
          if (sql[i + 1] === "'") {
            value += "'";
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          value += d;
          i++;
        }
      }
      tokens.push({ kind: 'string', text: value });
      continue;
    }
    if (c === '"' || c === '`') {
      let name = '';
      i++;
      for (;;) {
        if (i >= n) throw new Error('tokenize: unterminated quoted name');
        const d = sql[i] as string;
        if (d === c) {
          if (sql[i + 1] === c) {
            name += c;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        name += d;
        i++;
      }
      tokens.push(PLAIN_NAME.test(name) ? { kind: 'word', text: name.toUpperCase() } : { kind: 'quoted', text: name });
      continue;
    }
    if (c === '@') {
      // A stage location token: @stage/path/, @~, @~/a.csv (the path is case-sensitive).
      let j = i + 1;
      while (j < n && !/[\s(),;]/.test(sql[j] as string)) j++;
      const text = sql.slice(i, j);
      const slash = text.indexOf('/');
      // The stage name folds like any name; the path does not.
      tokens.push({ kind: 'location', text: slash < 0 ? text.toLowerCase() : text.slice(0, slash).toLowerCase() + text.slice(slash) });
      i = j;
      continue;
    }
    if (c === '$' && /[0-9]/.test(sql[i + 1] ?? '')) {
      let j = i + 1;
      while (j < n && /[0-9]/.test(sql[j] as string)) j++;
      tokens.push({ kind: 'variable', text: sql.slice(i, j) });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(sql.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      const m = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/.exec(sql.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'word', text: m[0].toUpperCase() });
      i += m[0].length;
      continue;
    }
    const two = sql.slice(i, i + 2);
    if (PUNCTS.includes(two)) {
      tokens.push({ kind: 'punct', text: two });
      i += 2;
      continue;
    }
    tokens.push({ kind: 'punct', text: c });
    i++;
  }
  while (tokens.length > 0 && tokens[tokens.length - 1]?.text === ';' && tokens[tokens.length - 1]?.kind === 'punct') tokens.pop();
  return tokens;
}

/** A token or a parenthesised group of nodes. */
type Node = Token | { readonly kind: 'group'; readonly items: Node[] };

function tree(tokens: readonly Token[]): Node[] {
  const stack: Node[][] = [[]];
  for (const token of tokens) {
    const top = stack[stack.length - 1] as Node[];
    if (token.kind === 'punct' && token.text === '(') {
      const group: Node[] = [];
      top.push({ kind: 'group', items: group });
      stack.push(group);
    } else if (token.kind === 'punct' && token.text === ')' && stack.length > 1) stack.pop();
    else top.push(token);
  }
  return stack[0] as Node[];
}

const isPunct = (node: Node | undefined, text: string): boolean => node !== undefined && node.kind === 'punct' && node.text === text;
const isAssign = (node: Node | undefined): boolean => isPunct(node, '=') || isPunct(node, '=>');
const isKey = (nodes: readonly Node[], i: number): boolean =>
  nodes[i]?.kind === 'word' && isAssign(nodes[i + 1]) && !isPunct(nodes[i - 1], '.') && !isPunct(nodes[i - 1], ':');

function render(node: Node): string {
  switch (node.kind) {
    case 'group':
      return `(${renderList(node.items)})`;
    case 'string':
      return `'${node.text.replaceAll('\\', '\\\\').replaceAll("'", "''").replaceAll('\n', '\\n').replaceAll('\r', '\\r').replaceAll('\t', '\\t')}'`;
    case 'quoted':
      return `"${node.text.replaceAll('"', '""')}"`;
    default:
      return node.text;
  }
}

/**
 * Renders a list of nodes, sorting each run of two or more `KEY = value` items (separated by commas or nothing).
 * A value is every node up to the next key, comma or VALUE_STOP word.
 */
function renderList(nodes: readonly Node[]): string {
  const out: string[] = [];
  let i = 0;
  while (i < nodes.length) {
    if (!isKey(nodes, i)) {
      out.push(render(nodes[i] as Node));
      i++;
      continue;
    }
    const items: string[] = [];
    let j = i;
    while (isKey(nodes, j)) {
      const key = (nodes[j] as Token).text;
      const assign = (nodes[j + 1] as Token).text;
      let k = j + 2;
      const value: string[] = [];
      while (k < nodes.length && !isKey(nodes, k) && !isPunct(nodes[k], ',') && !(nodes[k]?.kind === 'word' && VALUE_STOP.has((nodes[k] as Token).text))) {
        const v = nodes[k] as Node;
        value.push(ENUM_KEYS.has(key) && v.kind === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v.text) ? v.text.toUpperCase() : render(v));
        k++;
      }
      if (value.length === 0) break;
      items.push(`${key} ${assign} ${value.join(' ')}`);
      j = k;
      if (isPunct(nodes[j], ',') && isKey(nodes, j + 1)) j++;
    }
    if (items.length === 0) {
      out.push(render(nodes[i] as Node));
      i++;
      continue;
    }
    if (items.length > 1) items.sort();
    out.push(...items);
    i = j;
  }
  return out.join(' ');
}

/** The normal form of one statement (see the top of the file). */
export function normaliseSql(sql: string): string {
  return renderList(tree(tokenize(sql)));
}
