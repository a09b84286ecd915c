import type { Column } from './column.js';
import type { Columns, Table } from './table.js';
import type { InsertValue, SelectValue } from './values.js';

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** True for `any`: the rows of a table of unknown columns (`AnyTable`) are `unknown`, not an endless expansion. */
type IsAny<T> = 0 extends 1 & T ? true : false;

type SelectOf<C> =
  C extends Column<infer T, infer N, any> ? (IsAny<T> extends true ? unknown : N extends true ? SelectValue<T> | null : SelectValue<T>) : never;
type InsertOf<C> =
  C extends Column<infer T, infer N, any> ? (IsAny<T> extends true ? unknown : N extends true ? InsertValue<T> | null : InsertValue<T>) : never;

/** A column may be left out of an insert when it is nullable or has a DEFAULT (or AUTOINCREMENT). */
type OptionalOnInsert<C extends Columns> = {
  [K in keyof C]: C[K] extends Column<any, infer N, infer D> ? (N extends true ? K : D extends true ? K : never) : never;
}[keyof C];

/** The row a query over the columns returns. */
export type InferSelect<C extends Columns> = Simplify<{ -readonly [K in keyof C]: SelectOf<C[K]> }>;

/** Computed columns: no insert writes them. */
type ComputedKeys<C extends Columns> = { [K in keyof C]: C[K] extends Column<any, any, infer D> ? ([D] extends ['computed'] ? K : never) : never }[keyof C];

/** The row an insert into the columns accepts; computed columns are not part of it. */
export type InferInsert<C extends Columns> = Simplify<
  { -readonly [K in Exclude<keyof C, OptionalOnInsert<C> | ComputedKeys<C>>]: InsertOf<C[K]> } & {
    -readonly [K in Exclude<OptionalOnInsert<C>, ComputedKeys<C>>]?: InsertOf<C[K]>;
  }
>;

/** The row type of a table: `Row<typeof frameEvents>`. */
export type Row<T extends Table<string, any>> = T['$inferSelect'];
/** The insert type of a table. */
export type NewRow<T extends Table<string, any>> = T['$inferInsert'];
