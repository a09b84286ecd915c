// What diff, push and generate share: loading the declarations, a client over --dsn, and how a change is printed.
import { createClient, type DatabendClient } from '../client/client.js';
import type { SchemaChange } from '../migrate/diff.js';
import { diffObjects, introspectObjects, type ObjectChange, refusedObjectChanges } from '../migrate/objects.js';
import { diff } from '../migrate/push.js';
import { SchemaChangeRefusedError } from '../errors.js';
import { dsnOf, required, type Values } from './command.js';
import { type Declarations, loadDeclarations } from './load-tables.js';

export const TABLES_HELP = `The declared tables come from --tables MODULE: a module (TypeScript through tsx, or JavaScript) whose exports
are table() declarations or arrays of them (its default export first, then the others by name; one declaration
per table name). Exported createStage(), createFileFormat() and createConnection() builders are declared objects:
they are compared with the live ones (SHOW STAGES / FILE FORMATS / CONNECTIONS) and made before the tables, file
formats and connections before the stages that may name them. Credentials are never read back (the engine masks
them) nor printed. Live objects that are not declared are left alone unless --drop-undeclared-objects is given.`;

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

/** An object change as the JSON output gives it: its SQL with any credential masked. */
export function objectJson(change: ObjectChange): Record<string, unknown> {
  return {
    object: change.object,
    name: change.name,
    kind: change.kind,
    summary: change.summary,
    destructive: change.destructive,
    sql: change.statement.compile({ maskSecrets: true }),
    notCompared: change.notCompared,
  };
}

/** An object change as lines: its summary, marked when refused without a flag, its SQL (credentials masked), what was not compared. */
export function objectLines(change: ObjectChange): string {
  const mark = change.destructive ? ' [destructive: needs --allow-destructive]' : '';
  const detail = [`${change.statement.compile({ maskSecrets: true })};`];
  if (change.notCompared.length > 0) detail.push(`-- not compared: ${change.notCompared.join('; ')}`);
  return `${change.object.replace('_', ' ')} ${change.name}: ${change.summary}${mark}\n${detail.join('\n').replace(/^/gm, '    ')}`;
}

/** The object changes and the table changes, objects first (the order they run in). */
export interface PlannedChanges {
  readonly objects: ObjectChange[];
  readonly tables: SchemaChange[];
}

/**
 * The object changes (diffObjects() against the live objects, read only when some are declared or undeclared ones are
 * to be dropped) and the table changes (diff()).
 */
export async function planChanges(client: DatabendClient, declared: Declarations, dropUndeclared: boolean): Promise<PlannedChanges> {
  const objects = declared.objects.length === 0 && !dropUndeclared ? [] : diffObjects(declared.objects, await introspectObjects(client), { dropUndeclared });
  const tables = declared.tables.length === 0 ? [] : await diff(client, declared.tables);
  return { objects, tables };
}

/** Throws SchemaChangeRefusedError for every change refused (not doable in place, or destructive without the flag). */
export function refuseChanges(planned: PlannedChanges, allowDestructive: boolean, by: 'push' | 'generate' = 'push'): void {
  const refused = [
    ...refusedObjectChanges(planned.objects, allowDestructive),
    ...planned.tables.filter((c) => c.statement === undefined || (c.destructive && !allowDestructive)),
  ];
  if (refused.length > 0) throw new SchemaChangeRefusedError(refused, by);
}

/** Runs `body` with the declarations of --tables (tables and objects) and a client over --dsn (closed after). */
export async function withDeclarations<T>(
  values: Values,
  command: string,
  usage: string,
  body: (client: DatabendClient, declared: Declarations) => Promise<T>,
): Promise<T> {
  const module = required(values, 'tables', command, usage);
  const dsn = dsnOf(values, command, usage);
  const declared = await loadDeclarations(module);
  const client = createClient({ dsn });
  try {
    return await body(client, declared);
  } finally {
    await client.close();
  }
}
