// One local engine for the whole engine project, and a database of its own for each test file.
//
// vitest.config.ts names this file the engine project's globalSetup: the default export starts one engine before
// the first file and stops it after the last, and hands its address to the test files (`provide`/`inject`). A test
// file calls openTestDatabase() in its beforeAll and release() in its afterAll.
//
// Isolation: the files run one after another (fileParallelism: false). Tables live in the file's own database (the
// DSN's path selects it); stages, connections, file formats, user functions, databases and the user stage are
// global in Databend, so opening and releasing a database both reset the engine to what a fresh one holds: no
// database but `default` (itself emptied), and no stage, connection, file format, function or file in `@~`. A file
// therefore starts on an engine as empty as the one it used to start for itself, and sees nothing of the others.
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';
import { KEYWORDS } from '../../src/grammar/keywords.js';
import { createClient, dropConnection, dropFileFormat, dropStage, sql, type DatabendClient } from '../../src/index.js';
import { startLocalDatabend } from '../../src/local/index.js';

/** What the global set-up hands to the test files: the shared engine, as `startLocalDatabend` returned it. */
interface SharedEngine {
  /** `databend://root:@127.0.0.1:<port>/default?sslmode=disable` */
  readonly dsn: string;
  readonly host: string;
  readonly port: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    localEngine: SharedEngine;
  }
}

/** The engine project's global set-up: one engine for every file, stopped by the returned teardown. */
export default async function startSharedEngine(project: TestProject): Promise<() => Promise<void>> {
  const engine = await startLocalDatabend();
  project.provide('localEngine', { dsn: engine.dsn, host: engine.host, port: engine.port });
  return () => engine.stop();
}

export interface TestDatabase {
  /** The file's database, as named to openTestDatabase(). */
  readonly database: string;
  /** The shared engine's DSN with the file's database selected. */
  readonly dsn: string;
  readonly host: string;
  readonly port: number;
  /** The same engine's DSN selecting another database (one the file created). */
  dsnFor(database: string): string;
  /** Drops the database and every global object the file made (see the top of this file). Idempotent. */
  release(): Promise<void>;
}

const DATABASE_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const KEPT_DATABASES = ['default', 'system', 'information_schema'];
let opened: string | undefined;

/**
 * Creates `database` on the shared engine, after resetting the engine to a fresh one's state, and returns its DSN.
 * One at a time per file: open the next after releasing the last.
 */
export async function openTestDatabase(database: string): Promise<TestDatabase> {
  // Not a keyword either: the engine names the database bare where it rewrites a statement (an unload of a table in
  // `properties` runs `SELECT * FROM default.properties.t` and fails with 1005).
  if (!DATABASE_NAME.test(database) || KEPT_DATABASES.includes(database) || KEYWORDS.has(database)) {
    throw new Error(`openTestDatabase('${database}'): a lower-case name of letters, digits and _, no engine keyword, not ${KEPT_DATABASES.join(', ')}`);
  }
  if (opened !== undefined) throw new Error(`openTestDatabase('${database}'): '${opened}' is still open; release it first`);
  const engine = inject('localEngine');
  if (engine === undefined) throw new Error('openTestDatabase(): no shared engine; the engine project of vitest.config.ts starts it');
  const dsnFor = (name: string) => {
    const dsn = engine.dsn.replace('/default?', `/${name}?`);
    if (dsn === engine.dsn) throw new Error(`dsnFor('${name}'): the engine's DSN ${engine.dsn} names no /default database`);
    return dsn;
  };
  const admin = createClient({ dsn: engine.dsn });
  opened = database;
  try {
    await resetEngine(admin);
    await admin.execute(sql`CREATE DATABASE ${sql.id(database)}`);
  } catch (error) {
    opened = undefined;
    await admin.close();
    throw error;
  }
  let released: Promise<void> | undefined;
  return {
    database,
    dsn: dsnFor(database),
    host: engine.host,
    port: engine.port,
    dsnFor,
    release: () =>
      (released ??= (async () => {
        try {
          await resetEngine(admin);
        } finally {
          opened = undefined;
          await admin.close();
        }
      })()),
  };
}

type Row = Record<string, unknown>;

async function names(client: DatabendClient, query: string): Promise<string[]> {
  return (await client.query<Row>(query)).map((row) => String(row.name));
}

/** Drops every database but `default` and the system ones, every table and view of `default`, and every global object. */
async function resetEngine(client: DatabendClient): Promise<void> {
  const failed: string[] = [];
  const drop = async (what: string, run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (error) {
      failed.push(`${what}: ${(error as Error).message}`);
    }
  };
  for (const name of await names(client, 'SELECT name FROM system.databases')) {
    if (!KEPT_DATABASES.includes(name)) await drop(`database ${name}`, () => client.execute(sql`DROP DATABASE IF EXISTS ${sql.id(name)}`));
  }
  for (const row of await client.query<Row>("SELECT name, table_type FROM system.tables WHERE database = 'default'")) {
    const name = String(row.name);
    const kind = row.table_type === 'VIEW' ? sql.raw('VIEW') : sql.raw('TABLE');
    await drop(`table default.${name}`, () => client.execute(sql`DROP ${kind} IF EXISTS "default".${sql.id(name)}`));
  }
  for (const name of await names(client, 'SHOW STAGES')) await drop(`stage ${name}`, () => client.execute(dropStage(name).ifExists()));
  for (const name of await names(client, 'SHOW CONNECTIONS')) await drop(`connection ${name}`, () => client.execute(dropConnection(name).ifExists()));
  for (const name of await names(client, 'SHOW FILE FORMATS')) await drop(`file format ${name}`, () => client.execute(dropFileFormat(name).ifExists()));
  // Not SHOW USER FUNCTIONS: on the local engine it grows without bound once a function exists, until the OS kills it.
  for (const name of await names(client, 'SELECT name FROM system.user_functions')) {
    await drop(`function ${name}`, () => client.execute(sql`DROP FUNCTION IF EXISTS ${sql.id(name)}`));
  }
  await drop('the user stage', () => client.execute('REMOVE @~'));
  if (failed.length > 0) throw new Error(`the shared engine could not be reset:\n${failed.join('\n')}`);
}
