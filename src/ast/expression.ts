/**
 * A piece of SQL the caller wrote (an expression in WHERE, WHEN, DEFAULT or a COPY projection), kept as
 * pre-rendered text: values interpolated through the `sql` tag were already escaped when the fragment was made.
 */
export interface SqlFragment {
  readonly kind: 'SqlFragment';
  readonly sql: string;
}

/**
 * The fragments made by `sql`, `sql.id` and `sql.raw`. A fragment is recognised by identity, never by its shape: an
 * object parsed from a request body (`{ "kind": "SqlFragment", "sql": "..." }`) is a value, rendered as a literal.
 */
const fragments = new WeakSet<object>();

/** Makes a fragment of `text`: the only way text reaches the SQL as it is. */
export function makeFragment(text: string): SqlFragment {
  const fragment: SqlFragment = Object.freeze({ kind: 'SqlFragment', sql: text });
  fragments.add(fragment);
  return fragment;
}

export function isSqlFragment(value: unknown): value is SqlFragment {
  return typeof value === 'object' && value !== null && fragments.has(value);
}
