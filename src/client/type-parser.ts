/**
 * A parsed Databend type string, as the HTTP API and databend-driver's `Field.dataType` print it:
 * `Nullable(Decimal(38, 4))`, `Array(String NULL)`, `Map(String, Int32)`, `Tuple(lat Float64, lon Float64)`.
 */
export interface TypeDesc {
  /** `Int64`, `Decimal`, `Tuple`...; for a parameter such as Decimal's precision, the number as text. */
  readonly name: string;
  readonly args: readonly TypeDesc[];
  /** Set by a `Nullable(...)` wrapper or a trailing `NULL`. */
  readonly nullable: boolean;
  /** The field name when this is an element of a named tuple. */
  readonly field: string | undefined;
}

const TOKEN = /\s*(?:([A-Za-z0-9_]+)|"((?:[^"]|"")*)"|`((?:[^`]|``)*)`|([(),]))/y;

interface Token {
  readonly word: string | undefined;
  readonly punct: string | undefined;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (m === null) {
      if (text.slice(start).trim() === '') break;
      throw new SyntaxError(`Cannot parse Databend type '${text}' at offset ${start}`);
    }
    const quoted = m[2]?.replaceAll('""', '"') ?? m[3]?.replaceAll('``', '`');
    tokens.push({ word: m[1] ?? quoted, punct: m[4] });
  }
  return tokens;
}

/**
 * Parses a Databend type string. `Nullable(T)` and `T NULL` both give T with `nullable: true`.
 *
 * @example
 * parseType('Nullable(Array(Int32 NULL))')
 * // { name: 'Array', nullable: true, field: undefined, args: [{ name: 'Int32', nullable: true, ... }] }
 */
export function parseType(text: string): TypeDesc {
  const tokens = tokenize(text);
  let pos = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`Cannot parse Databend type '${text}': ${what}`);
  };
  const word = (): string => tokens[pos++]?.word ?? fail(`expected a name at token ${pos}`);
  const punct = (p: string): boolean => {
    if (tokens[pos]?.punct !== p) return false;
    pos++;
    return true;
  };
  const followedByWord = (): boolean => tokens[pos]?.word !== undefined;

  const parseOne = (): TypeDesc => {
    let name = word();
    let field: string | undefined;
    // Two names in a row: a named tuple's `field Type`, unless the second is the NULL marker of `Type NULL`.
    if (followedByWord() && tokens[pos]?.word !== 'NULL') {
      field = name;
      name = word();
    }
    const args: TypeDesc[] = [];
    // A one-field tuple prints with a trailing comma: `Tuple(Int32,)`.
    if (punct('(') && !punct(')')) {
      do args.push(parseOne());
      while (punct(',') && tokens[pos]?.punct !== ')');
      if (!punct(')')) fail(`expected ')' at token ${pos}`);
    }
    let nullable = false;
    if (tokens[pos]?.word === 'NULL') {
      pos++;
      nullable = true;
    }
    if (name === 'Nullable') {
      const [inner] = args;
      if (inner === undefined || args.length !== 1) return fail('Nullable takes one type');
      return { ...inner, nullable: true, field };
    }
    return { name, args, nullable, field };
  };

  const type = parseOne();
  if (pos !== tokens.length) fail(`unexpected text after token ${pos}`);
  return type;
}
