/**
 * A piece of SQL the caller wrote (an expression in WHERE, WHEN, DEFAULT or a COPY projection), kept as
 * pre-rendered text: values interpolated through the `sql` tag were already escaped when the fragment was made.
 */
export interface SqlFragment {
  readonly kind: 'SqlFragment';
  readonly sql: string;
}

export function isSqlFragment(value: unknown): value is SqlFragment {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'SqlFragment';
}
