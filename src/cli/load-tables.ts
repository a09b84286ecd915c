import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CreateConnectionBuilder } from '../builders/create-connection.js';
import { CreateFileFormatBuilder } from '../builders/create-file-format.js';
import { CreateStageBuilder } from '../builders/create-stage.js';
import { ValidationError } from '../errors.js';
import type { DeclaredObject } from '../migrate/objects.js';
import { type AnyTable, isTable } from '../schema/table.js';
import { registerTsx } from './load-pipeline.js';

/** What a module of declarations exports: its tables, and its stages, file formats and connections. */
export interface Declarations {
  readonly tables: AnyTable[];
  readonly objects: DeclaredObject[];
}

/** A declared object, told by its class (a builder of the SDK), never by its shape: its parts become SQL. */
export function isDeclaredObject(value: unknown): value is DeclaredObject {
  return value instanceof CreateStageBuilder || value instanceof CreateFileFormatBuilder || value instanceof CreateConnectionBuilder;
}

/**
 * Imports a module of declarations, for diff, push and generate: its default export (a table(), a createStage(),
 * createFileFormat() or createConnection() builder, or an array of them) first, then every named export that is one
 * or an array of them, in the order of their names; a value exported twice (alone and in a list) counts once. Two
 * different declarations of one table, or of one object of a kind, are refused.
 */
export async function loadDeclarations(path: string): Promise<Declarations> {
  const call = `loadTables('${path}')`;
  if (/\.[cm]?ts$/.test(path)) await registerTsx(call);
  const mod = (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
  const tables: AnyTable[] = [];
  const objects: DeclaredObject[] = [];
  const add = (value: unknown) => {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (isTable(item) && !tables.includes(item)) tables.push(item);
      else if (isDeclaredObject(item) && !objects.includes(item)) objects.push(item);
    }
  };
  add(mod.default);
  for (const [name, value] of Object.entries(mod)) if (name !== 'default') add(value);
  if (tables.length === 0 && objects.length === 0)
    throw new ValidationError(
      'missing',
      call,
      'the module must export table() declarations or createStage(), createFileFormat(), createConnection() builders (as exports, or arrays of them, or its default export)',
      'module',
    );
  const byName = new Set<string>();
  for (const table of tables) {
    const key = `${table.options.database ?? ''}.${table.name}`;
    if (byName.has(key)) throw new ValidationError('conflict', call, `the module exports two different declarations of table ${table.name}`, 'module');
    byName.add(key);
  }
  const objectNames = new Set<string>();
  for (const object of objects) {
    const node = object.toNode();
    const what = `${node.kind === 'CreateStageStmt' ? 'stage' : node.kind === 'CreateFileFormatStmt' ? 'file format' : 'connection'} ${node.name}`;
    if (objectNames.has(what)) throw new ValidationError('conflict', call, `the module exports two different declarations of ${what}`, 'module');
    objectNames.add(what);
  }
  return { tables, objects };
}
