// Table declarations for the corpus expressions: a statement over a table takes a declared table. Only the names
// matter where a statement names its columns or loads without a transform; where the SDK derives casts from the
// types, the types are the ones the page's CREATE TABLE gives.
import { type AnyColumn, string, table } from '../../../src/index.js';

/** A table of STRING columns named `columns` (types that no rendering of the statement depends on). */
export function named(name: string, columns: readonly string[] = ['c'], database?: string) {
  const spec: Record<string, AnyColumn> = {};
  for (const c of columns) spec[c] = string();
  return table(name, spec, database === undefined ? {} : { database });
}
