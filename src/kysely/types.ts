import type { ColumnType } from 'kysely';
import type { InferInsert, InferSelect } from '../schema/infer.js';
import type { AnyTable, Columns, Table } from '../schema/table.js';

/** Each column as Kysely's ColumnType<select, insert, update>, from the row types the SDK infers. */
type KyselyColumns<S, I> = {
  -readonly [K in keyof S]-?: ColumnType<S[K], K extends keyof I ? I[K] : never, K extends keyof I ? Exclude<I[K], undefined> : never>;
};

/**
 * One table's columns as a Kysely table interface: a select returns the table's select row (`$inferSelect`), an
 * insert takes its insert row (`$inferInsert`: a column may be left out when nullable or with a DEFAULT), an update
 * the same values, each optional, NULL only where the column is nullable.
 */
export type KyselyTable<T extends AnyTable> = T extends Table<string, infer C extends Columns> ? KyselyColumns<InferSelect<C>, InferInsert<C>> : never;

/**
 * Kysely's `DB` interface from the SDK's table declarations, keyed by table name, so that no table is declared twice.
 *
 * @example
 * export const everdriveTables = [driveSessions, frameEvents, framePayloads, frameEmbeddings] as const;
 * type DB = KyselyDatabase<typeof everdriveTables>;   // or a record: KyselyDatabase<{ frameEvents: typeof frameEvents }>
 * const db = new Kysely<DB>({ dialect: new DatabendDialect({ dsn, tables: everdriveTables }) });
 */
export type KyselyDatabase<Tables extends readonly AnyTable[] | Readonly<Record<string, AnyTable>>> = Tables extends readonly AnyTable[]
  ? { [T in Tables[number] as T['name']]: KyselyTable<T> }
  : { [K in keyof Tables as Tables[K] extends AnyTable ? Tables[K]['name'] : never]: Tables[K] extends AnyTable ? KyselyTable<Tables[K]> : never };
