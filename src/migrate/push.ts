import type { ColumnDefinition, CreateTableStmt } from '../ast/ddl.js';
import { check, checkBoolean, checkList, checkRecord, describeValue } from '../checks.js';
import { DatabendClient } from '../client/client.js';
import { SchemaChangeRefusedError, type DriftedColumn } from '../errors.js';
import { renderDataType } from '../render/data-type.js';
import { isTable, type AnyTable } from '../schema/table.js';
import { diffTable, typeKey, type SchemaChange } from './diff.js';
import { introspectTable, type LiveColumn, type LiveTable } from './introspect.js';

export interface PushOptions {
  /** Run destructive changes too (drop column, a narrowing type, NULL -> NOT NULL). Default false: they are refused. */
  readonly allowDestructive?: boolean;
}

export function checkClient(client: unknown, call: string): asserts client is DatabendClient {
  check(
    client instanceof DatabendClient,
    'invalid_type',
    call,
    () => `client must be a client of the SDK (createClient()), not ${describeValue(client)}`,
    'client',
  );
}

export function checkTables(tables: unknown, call: string): asserts tables is readonly AnyTable[] {
  checkList(tables, call, 'tables');
  tables.forEach((t, i) =>
    check(isTable(t), 'invalid_type', call, () => `tables[${i}] must be a table declared with table(), not ${describeValue(t)}`, 'tables'),
  );
}

/**
 * The changes that make the live tables what the declared ones say (diffTable() for each, after introspectTable()),
 * in order, table by table. Reads the catalogue only.
 *
 * @example
 * for (const change of await diff(client, [people])) console.log(change.summary, change.statement?.compile());
 * // add column phone STRING NULL   ALTER TABLE people ADD COLUMN phone STRING NULL AFTER name
 */
export async function diff(client: DatabendClient, tables: readonly AnyTable[]): Promise<SchemaChange[]> {
  const call = 'diff()';
  checkClient(client, call);
  checkTables(tables, call);
  const changes: SchemaChange[] = [];
  for (const table of tables) {
    const live = await introspectTable(client, table.name, table.options.database === undefined ? {} : { database: table.options.database });
    changes.push(...diffTable(table, live));
  }
  return changes;
}

/**
 * Makes the live tables what the declared ones say (development): runs diff()'s statements in order. Refuses, before
 * running any, a change the engine cannot make in place and, without `allowDestructive`, a destructive one
 * (SchemaChangeRefusedError). Resolves to the changes it ran.
 *
 * @example
 * await push(client, [people]);                              // ALTER TABLE people ADD COLUMN phone STRING NULL AFTER name
 * await push(client, [people], { allowDestructive: true });  // ... and ALTER TABLE people DROP COLUMN fax
 */
export async function push(client: DatabendClient, tables: readonly AnyTable[], options: PushOptions = {}): Promise<SchemaChange[]> {
  const call = 'push()';
  checkClient(client, call);
  checkTables(tables, call);
  checkRecord(options, call, 'options', ['allowDestructive']);
  if (options.allowDestructive !== undefined) checkBoolean(options.allowDestructive, call, 'allowDestructive');
  const changes = await diff(client, tables);
  const refused = changes.filter((c) => c.statement === undefined || (c.destructive && options.allowDestructive !== true));
  if (refused.length > 0) throw new SchemaChangeRefusedError(refused);
  for (const change of changes) await client.execute(change.statement!);
  return changes;
}

function columnText(column: { name: string; type: ColumnDefinition['type']; nullable: boolean }): string {
  return `${column.name} ${renderDataType(column.type)} ${column.nullable ? 'NULL' : 'NOT NULL'}`;
}

/**
 * The columns by which a live table differs from a CREATE TABLE's: missing, extra, or of another type or nullability
 * (what a load depends on; comments, DEFAULTs and options are diff()'s business). Empty when they agree.
 */
export function columnDrift(create: CreateTableStmt, live: LiveTable): DriftedColumn[] {
  const drift: DriftedColumn[] = [];
  const liveByName = new Map<string, LiveColumn>(live.columns.map((c) => [c.name, c]));
  for (const column of create.columns) {
    const current = liveByName.get(column.name);
    if (current === undefined) drift.push({ column: column.name, problem: 'missing', declared: columnText(column), live: undefined });
    else if (typeKey(current.type) !== typeKey(column.type) || current.nullable !== column.nullable)
      drift.push({ column: column.name, problem: 'changed', declared: columnText(column), live: columnText(current) });
  }
  const declared = new Set(create.columns.map((c) => c.name));
  for (const column of live.columns)
    if (!declared.has(column.name)) drift.push({ column: column.name, problem: 'extra', declared: undefined, live: columnText(column) });
  return drift;
}
