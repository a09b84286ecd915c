// What diff, push and generate share: loading the declarations, a client over --dsn, and how a change is printed.
import { createClient, type DatabendClient } from '../client/client.js';
import type { SchemaChange } from '../migrate/diff.js';
import type { AnyTable } from '../schema/table.js';
import { dsnOf, required, type Values } from './command.js';
import { loadTables } from './load-tables.js';

export const TABLES_HELP = `The declared tables come from --tables MODULE: a module (TypeScript through tsx, or JavaScript) whose exports
are table() declarations or arrays of them (its default export first, then the others by name; one declaration
per table name).`;

/** A change as the JSON output gives it: what diff() says, with the statement as SQL. */
export function changeJson(change: SchemaChange): Record<string, unknown> {
  return {
    table: change.table,
    kind: change.kind,
    columns: change.columns,
    summary: change.summary,
    destructive: change.destructive,
    sql: change.statement?.compile() ?? null,
    manual: change.manual ?? null,
  };
}

/** A change as lines: its summary, marked when refused without a flag or not doable, then its SQL or the manual path. */
export function changeLines(change: SchemaChange): string {
  const mark = change.statement === undefined ? ' [not doable in place]' : change.destructive ? ' [destructive: needs --allow-destructive]' : '';
  const detail = change.statement === undefined ? `by hand: ${change.manual ?? ''}` : `${change.statement.compile()};`;
  return `${change.table}: ${change.summary}${mark}\n${detail.replace(/^/gm, '    ')}`;
}

/** Runs `body` with the tables of --tables and a client over --dsn (closed after). */
export async function withTables<T>(
  values: Values,
  command: string,
  usage: string,
  body: (client: DatabendClient, tables: AnyTable[]) => Promise<T>,
): Promise<T> {
  const module = required(values, 'tables', command, usage);
  const dsn = dsnOf(values, command, usage);
  const tables = await loadTables(module);
  const client = createClient({ dsn });
  try {
    return await body(client, tables);
  } finally {
    await client.close();
  }
}
