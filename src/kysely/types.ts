import type { ColumnType } from 'kysely';
import type { InferInsert, InferSelect } from '../schema/infer.js';
import type { AnyTable, Columns, Table } from '../schema/table.js';

/** Kysely's column types from the row types a table's columns infer. */
type KyselyColumns<S, I> = {
  -readonly [K in keyof S]-?: ColumnType<S[K], K extends keyof I ? I[K] : never, K extends keyof I ? Exclude<I[K], undefined> : never>;
};

/**
 * A table's columns as a Kysely table interface: a select returns the table's select row type, an insert takes its
 * insert row type (optional where the column is nullable or has a default), an update the same without `undefined`.
 */
export type KyselyTable<T extends AnyTable> = T extends Table<string, infer C extends Columns> ? KyselyColumns<InferSelect<C>, InferInsert<C>> : never;

/**
 * Kysely's `DB` interface from the SDK's table declarations, so no table is declared twice:
 * `new Kysely<KyselyDatabase<typeof everdriveTables>>(...)` with `everdriveTables` a tuple (or record) of `table()`s.
 */
export type KyselyDatabase<Tables extends readonly AnyTable[] | Readonly<Record<string, AnyTable>>> = Tables extends readonly AnyTable[]
  ? { [T in Tables[number] as T['name']]: KyselyTable<T> }
  : { [K in keyof Tables as Tables[K] extends AnyTable ? Tables[K]['name'] : never]: Tables[K] extends AnyTable ? KyselyTable<Tables[K]> : never };
