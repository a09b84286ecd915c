import {
  DEFAULT_MIGRATION_LOCK_TABLE,
  DEFAULT_MIGRATION_TABLE,
  sql,
  type ColumnMetadata,
  type DatabaseIntrospector,
  type DatabaseMetadata,
  type DatabaseMetadataOptions,
  Kysely,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';
import { check, checkBoolean, checkRecord, describeValue } from '../checks.js';

interface TableRow {
  database: string;
  name: string;
  table_type: string;
}

interface ColumnRow {
  database: string;
  table: string;
  name: string;
  data_type: string;
  is_nullable: string;
  default_kind: string;
  default_expression: string;
  comment: string;
}

const SYSTEM_DATABASES = sql`('system', 'information_schema')`;

/**
 * Tables, views and their columns from `system.tables` and `system.columns`, every database but `system` and
 * `information_schema`. Not from information_schema.columns: there every `ordinal_position` is 1 and `column_default`
 * is NULL even for a column with a DEFAULT (the pinned engine). Columns come in declaration order, which is the order
 * system.columns lists them in; `dataType` is Databend's name (`VARCHAR` for STRING, `VECTOR(4)`, `DECIMAL(10, 2)`).
 */
/** Kysely's metadata options, as a caller of db.introspection may pass them. */
function checkMetadataOptions(options: unknown, call: string): void {
  checkRecord(options, call, 'options', ['withInternalKyselyTables']);
  if (options.withInternalKyselyTables !== undefined) checkBoolean(options.withInternalKyselyTables, call, 'withInternalKyselyTables');
}

export class DatabendIntrospector implements DatabaseIntrospector {
  readonly #db: Kysely<unknown>;

  constructor(db: Kysely<unknown>) {
    check(db instanceof Kysely, 'invalid_type', 'new DatabendIntrospector()', () => `db must be a Kysely instance, not ${describeValue(db)}`, 'db');
    this.#db = db;
  }

  async getSchemas(): Promise<SchemaMetadata[]> {
    const result = await sql<{ name: string }>`SELECT name FROM system.databases ORDER BY name`.execute(this.#db);
    return result.rows.map((row) => ({ name: row.name }));
  }

  async getTables(options: DatabaseMetadataOptions = { withInternalKyselyTables: false }): Promise<TableMetadata[]> {
    checkMetadataOptions(options, 'DatabendIntrospector.getTables()');
    const tables = await sql<TableRow>`
      SELECT database, name, table_type FROM system.tables
      WHERE database NOT IN ${SYSTEM_DATABASES} ORDER BY database, name`.execute(this.#db);
    // No ORDER BY and no join: the rows keep system.columns' order, each table's columns as declared.
    const columns = await sql<ColumnRow>`
      SELECT database, "table", name, data_type, is_nullable, default_kind, default_expression, comment FROM system.columns
      WHERE database NOT IN ${SYSTEM_DATABASES}`.execute(this.#db);
    const byTable = new Map<string, ColumnMetadata[]>();
    for (const row of columns.rows) {
      const key = `${row.database}.${row.table}`;
      const list = byTable.get(key) ?? [];
      list.push({
        name: row.name,
        dataType: row.data_type,
        isNullable: row.is_nullable === 'YES',
        isAutoIncrementing: /\bnextval\s*\(/i.test(row.default_expression),
        hasDefaultValue: row.default_kind !== '',
        ...(row.comment === '' ? {} : { comment: row.comment }),
      });
      byTable.set(key, list);
    }
    const internal = new Set([DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE]);
    return tables.rows
      .filter((table) => options.withInternalKyselyTables || !internal.has(table.name))
      .map((table) => ({
        name: table.name,
        schema: table.database,
        isView: table.table_type === 'VIEW',
        columns: byTable.get(`${table.database}.${table.name}`) ?? [],
      }));
  }

  async getMetadata(options?: DatabaseMetadataOptions): Promise<DatabaseMetadata> {
    if (options !== undefined) checkMetadataOptions(options, 'DatabendIntrospector.getMetadata()');
    return { tables: await this.getTables(options) };
  }
}
