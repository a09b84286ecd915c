import type { DataType } from './data-types.js';
import { MASK, type Secret } from './secret.js';

/**
 * A piece of SQL the caller wrote (an expression in WHERE, WHEN, DEFAULT or a COPY projection), kept as
 * pre-rendered text: values interpolated through the `sql` tag were already escaped when the fragment was made.
 */
export interface SqlFragment {
  readonly kind: 'SqlFragment';
  readonly sql: string;
  /** The `secret()` values interpolated into it, revealed in `sql`: masked output scrubs them. Absent when none. */
  readonly secrets?: readonly Secret[];
}

/**
 * The fragments made by `sql`, `sql.id` and `sql.raw`. A fragment is recognised by identity, never by its shape: an
 * object parsed from a request body (`{ "kind": "SqlFragment", "sql": "..." }`) is a value, rendered as a literal.
 */
const fragments = new WeakSet<object>();

/** Makes a fragment of `text`: the only way text reaches the SQL as it is. */
export function makeFragment(text: string, secrets?: readonly Secret[]): SqlFragment {
  const fragment: SqlFragment =
    secrets === undefined || secrets.length === 0
      ? { kind: 'SqlFragment', sql: text }
      : withMaskedPrinting({ kind: 'SqlFragment', sql: text, secrets: Object.freeze([...secrets]) });
  Object.freeze(fragment);
  fragments.add(fragment);
  return fragment;
}

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

/** A fragment holding credentials prints masked through JSON.stringify and util.inspect, as a Secret does. */
function withMaskedPrinting(fragment: SqlFragment): SqlFragment {
  const masked = (): { kind: 'SqlFragment'; sql: string } => ({
    kind: 'SqlFragment',
    sql: (fragment.secrets ?? []).reduce((text, secret) => maskValue(text, secret.reveal()), fragment.sql),
  });
  Object.defineProperty(fragment, 'toJSON', { value: masked });
  Object.defineProperty(fragment, inspectSymbol, { value: () => masked() });
  return fragment;
}

/** Replaces a credential in text as written and as escaped in a string literal (the escapes of quoteString, render/quote.ts). */
function maskValue(text: string, value: string): string {
  if (value === '') return text;
  const escaped = value.replace(/[\\'\n\r\t\0]/g, (c) => ({ '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t', '\0': '\\x00' })[c]!);
  return text.replaceAll(escaped, MASK).replaceAll(value, MASK);
}

export function isSqlFragment(value: unknown): value is SqlFragment {
  return typeof value === 'object' && value !== null && fragments.has(value);
}

/** A column of the rows being read, by name (quoted by the renderer when it must be). */
export interface ColumnRef {
  readonly kind: 'ColumnRef';
  readonly name: string;
  /**
   * Quoted even when plain, so that it matches a staged file's column exactly: set where the table it is read for
   * has another source name equal to it but for case, which a bare name would match too (1065 ambiguous).
   */
  readonly exact?: boolean;
}

/** `expression::TYPE`: a column of staged files read as its table column's type. */
export interface Cast {
  readonly kind: 'Cast';
  readonly expression: Expression;
  readonly type: DataType;
}

/** A key (`:title`, `['x y']`) or an index (`[0]`) in a path into a VARIANT. */
export type PathStep = string | number;

/**
 * `$n` with an optional path into it (`$1:a.b[0]`): the n-th column of staged CSV or TSV files, or, for NDJSON,
 * Parquet, Avro and ORC, `$1`, each row as one VARIANT.
 */
export interface StagedColumn {
  readonly kind: 'StagedColumn';
  readonly position: number;
  readonly path: readonly PathStep[];
}

/** The metadata columns of staged files: `metadata$filename`, `metadata$file_row_number`. */
export type StageMetadataName = 'filename' | 'file_row_number';

/** `metadata$filename` or `metadata$file_row_number`. */
export interface StageMetadata {
  readonly kind: 'StageMetadata';
  readonly name: StageMetadataName;
}

/** `*`, every column of the files, beside other items (`SELECT *, metadata$filename`). */
export interface Star {
  readonly kind: 'Star';
}

/** The aggregate functions over staged-file columns the SDK builds. */
export type AggregateFunction = 'COUNT';

/** `COUNT(expr)`: an aggregate over the rows read (a SELECT of aggregates only, with no GROUP BY). */
export interface Aggregate {
  readonly kind: 'Aggregate';
  readonly func: AggregateFunction;
  readonly argument: Expression;
}

/** An expression in a SELECT list: a column, a cast, SQL the caller wrote, a staged file's column, or an aggregate of one. */
export type Expression = SqlFragment | ColumnRef | Cast | StagedColumn | StageMetadata | Star | Aggregate;
