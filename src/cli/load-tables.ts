import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ValidationError } from '../errors.js';
import { type AnyTable, isTable } from '../schema/table.js';
import { registerTsx } from './load-pipeline.js';

/**
 * Imports a module of declared tables, for diff, push and generate: its default export (a table() or an array of
 * them) first, then every named export that is a table() or an array of them, in the order of their names; a table
 * exported twice (alone and in a list) counts once. Two different declarations of one table name are refused.
 */
export async function loadTables(path: string): Promise<AnyTable[]> {
  const call = `loadTables('${path}')`;
  if (/\.[cm]?ts$/.test(path)) await registerTsx(call);
  const mod = (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
  const found: AnyTable[] = [];
  const add = (value: unknown) => {
    for (const item of Array.isArray(value) ? value : [value]) if (isTable(item) && !found.includes(item)) found.push(item);
  };
  add(mod.default);
  for (const [name, value] of Object.entries(mod)) if (name !== 'default') add(value);
  if (found.length === 0)
    throw new ValidationError('missing', call, 'the module must export table() declarations (as exports, or arrays of them, or its default export)', 'module');
  const byName = new Map<string, AnyTable>();
  for (const table of found) {
    const key = `${table.options.database ?? ''}.${table.name}`;
    if (byName.has(key)) throw new ValidationError('conflict', call, `the module exports two different declarations of table ${table.name}`, 'module');
    byName.set(key, table);
  }
  return found;
}
