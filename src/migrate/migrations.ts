import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { check, checkBoolean, checkInteger, checkNonEmptyString, checkRecord, checkString } from '../checks.js';
import { sql } from '../builders/sql.js';
import type { DatabendClient } from '../client/client.js';
import { MigrationError, SchemaChangeRefusedError, ServerError } from '../errors.js';
import type { AnyTable } from '../schema/table.js';
import type { SchemaChange } from './diff.js';
import { checkClient, checkTables, diff } from './push.js';

/** The journal migrate() keeps in the session's current database: one row per migration file applied. */
export const MIGRATION_JOURNAL = '_databend_etl_migrations';
/** The table whose existence is migrate()'s lock: CREATE TABLE succeeds for one session only (docs/migrations.md). */
export const MIGRATION_LOCK = '_databend_etl_migrations_lock';

/** The line that starts each statement of a migration file; the text after `:` is a comment. */
const STATEMENT_LINE = /^-- statement(?::.*)?$/;
const FILE_NAME = /^(\d{4,9})_([a-z0-9_]+)\.sql$/;
const NAME = /^[a-z0-9_]{1,60}$/;

/** A migration file read from the folder: its number, its name, its sha256 and its statements. */
export interface MigrationFile {
  /** The number the file name starts with: `3` for `0003_add_phone.sql`. */
  readonly id: number;
  /** The file's name: `0003_add_phone.sql`. */
  readonly name: string;
  readonly path: string;
  /** The sha256 of the file's text, hex: what the journal records and compares. */
  readonly checksum: string;
  /** The statements, in order, as split at the `-- statement` lines. */
  readonly statements: readonly string[];
}

export interface GenerateOptions {
  /** The folder of migration files (made when missing). */
  readonly dir: string;
  /** The file's name after its number: lower-case letters, digits and _ (default: made from the first change). */
  readonly name?: string;
  /** Write destructive changes too (drop column, a narrowing type, NULL -> NOT NULL). Default false: refused. */
  readonly allowDestructive?: boolean;
}

/** What generate() did: the file it wrote (undefined when there was nothing to change) and the changes in it. */
export interface GeneratedMigration {
  readonly file: MigrationFile | undefined;
  readonly changes: readonly SchemaChange[];
}

export interface MigrateOptions {
  /** The folder of migration files. */
  readonly dir: string;
  /** How long to wait for another migrate() holding the lock, in ms (default 60000). */
  readonly lockTimeoutMs?: number;
}

/** One migration migrate() applied. */
export interface AppliedMigration {
  readonly id: number;
  readonly name: string;
  readonly checksum: string;
  readonly statements: number;
  readonly durationMs: number;
}

/** What migrate() did: the files it applied, and those the journal already had. */
export interface MigrateResult {
  readonly applied: readonly AppliedMigration[];
  readonly alreadyApplied: readonly string[];
}

interface JournalRow {
  readonly id: number;
  readonly name: string;
  readonly checksum: string;
}

export function checksumOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A comment line's text: a newline in a summary (a column's comment) would end the comment and start SQL. */
function commentText(text: string): string {
  return text.replace(/[\r\n]/g, (c) => (c === '\n' ? '\\n' : '\\r'));
}

/**
 * The statements of a migration file, split at the lines `-- statement` (or `-- statement: <comment>`) that
 * generate() writes before each one: never inside SQL, since no SQL the SDK renders holds a line break inside a
 * literal (quoteString() escapes it), and a hand-written statement must not either. Text before the first such line
 * may only be comments; in a section, leading comment lines and a final `;` are left out, and a section of comments
 * only runs nothing.
 */
export function splitMigration(text: string, file = 'migration'): string[] {
  checkString(text, 'splitMigration()', 'text');
  checkString(file, 'splitMigration()', 'file');
  const statements: string[] = [];
  let section: string[] | undefined;
  const close = () => {
    if (section === undefined) return;
    const lines = [...section];
    while (lines.length > 0 && (lines[0]!.trim() === '' || lines[0]!.trimStart().startsWith('--'))) lines.shift();
    const body = lines.join('\n').trimEnd().replace(/;$/, '').trimEnd();
    if (body !== '') statements.push(body);
  };
  for (const line of text.split(/\r?\n/)) {
    if (STATEMENT_LINE.test(line.trimEnd())) {
      close();
      section = [];
    } else if (section !== undefined) section.push(line);
    else if (line.trim() !== '' && !line.trimStart().startsWith('--'))
      throw new MigrationError('invalid_file', file, `${file}: SQL before the first "-- statement" line; each statement must follow one`);
  }
  close();
  return statements;
}

/**
 * The migration files of a folder, in number order. Refuses a .sql file whose name is not `<number>_<name>.sql` and
 * two files of the same number (two branches that each generated one: renumber one).
 */
export function readMigrations(dir: string): MigrationFile[] {
  checkFolder(dir, 'readMigrations()');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: MigrationFile[] = [];
  for (const name of names.filter((n) => n.endsWith('.sql')).sort()) {
    const match = FILE_NAME.exec(name);
    if (match === null) throw new MigrationError('invalid_file', name, `${name} in ${dir}: a migration file is named <number>_<name>.sql (0003_add_phone.sql)`);
    const id = Number(match[1]);
    const same = files.find((f) => f.id === id);
    if (same !== undefined) throw new MigrationError('invalid_file', name, `${name} and ${same.name} in ${dir} have the same number ${id}: renumber one`);
    const path = join(dir, name);
    const text = readFileSync(path, 'utf8');
    files.push(Object.freeze({ id, name, path, checksum: checksumOf(text), statements: Object.freeze(splitMigration(text, name)) }));
  }
  return files.sort((a, b) => a.id - b.id);
}

/**
 * A folder path as the file system takes it: no NUL (no path can hold one), at most 4096 characters, and no part
 * longer than 255 (the common limits, PATH_MAX and NAME_MAX): refused here rather than as an error of `fs`.
 */
function checkFolder(dir: unknown, call: string): asserts dir is string {
  checkNonEmptyString(dir, call, 'dir must be the folder of migration files (a non-empty string)', 'dir');
  check(!dir.includes('\0'), 'invalid_format', call, 'dir must not hold a NUL character (no file system path can)', 'dir');
  check(dir.length <= 4096, 'too_big', call, () => `dir must be at most 4096 characters, not ${dir.length}`, 'dir');
  check(
    dir.split(/[\\/]/).every((part) => part.length <= 255),
    'too_big',
    call,
    'dir must have no part (between slashes) longer than 255 characters',
    'dir',
  );
}

/** The journal's rows, or none when it does not exist yet. */
async function readJournal(client: DatabendClient): Promise<JournalRow[]> {
  const exists = await client.query<{ n: unknown }>(
    sql`SELECT count(*) AS n FROM system.tables WHERE database = currentDatabase() AND name = ${MIGRATION_JOURNAL}`,
  );
  if (Number(exists[0]?.n ?? 0) === 0) return [];
  const rows = await client.query<{ id: unknown; name: string; checksum: string }>(
    sql`SELECT id, name, checksum FROM ${sql.id(MIGRATION_JOURNAL)} ORDER BY id`,
  );
  return rows.map((r) => ({ id: Number(r.id), name: r.name, checksum: r.checksum }));
}

function defaultName(changes: readonly SchemaChange[]): string {
  const first = changes[0]!;
  const words = [first.kind === 'create_table' ? 'create' : first.kind, first.table, ...(first.kind === 'create_table' ? [] : first.columns.slice(-1))];
  const slug = words
    .join('_')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  const more = changes.length > 1 ? '_and_more' : '';
  return `${slug.slice(0, 60 - more.length) || 'migration'}${more}`;
}

/** A migration file's text: a header listing the changes, then each statement after its `-- statement:` line. */
export function migrationText(file: string, changes: readonly SchemaChange[]): string {
  const lines = [
    `-- ${file}: written by databend-etl generate (generate()); migrate() applies it once, in number order.`,
    '-- Its sha256 is recorded when it is applied: review and edit it before, never after.',
    '-- Each statement follows a "-- statement" line and runs as a request of its own (DDL is not transactional).',
    `-- ${changes.length} change(s):`,
    ...changes.map((c) => `--   ${commentText(`${c.table}: ${c.summary}${c.destructive ? ' [destructive]' : ''}`)}`),
  ];
  for (const change of changes) {
    const statement = change.statement!.compile();
    // The split is line-based: a statement holding a line that reads as a delimiter would be cut in two.
    if (statement.split(/\r?\n/).some((line) => STATEMENT_LINE.test(line.trimEnd())))
      throw new MigrationError('invalid_file', file, `${file}: the statement for '${change.summary}' holds a "-- statement" line`);
    lines.push('', `-- statement: ${commentText(`${change.table}: ${change.summary}`)}`, `${statement};`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Writes the next numbered migration file in `dir`: the SQL of diff(client, tables), one statement after each
 * `-- statement:` line, under a header listing the changes. The diff is taken against the live database, so every
 * file of `dir` must be applied there first (else MigrationError 'pending'). Refuses, writing nothing, a change the
 * engine cannot make in place and, without `allowDestructive`, a destructive one (SchemaChangeRefusedError). Resolves
 * with no file when there is nothing to change.
 *
 * @example
 * const { file } = await generate(client, [contacts], { dir: 'migrations', name: 'add_phone' });
 * // migrations/0003_add_phone.sql:
 * // -- statement: contacts: add column phone STRING NULL
 * // ALTER TABLE contacts ADD COLUMN phone STRING NULL AFTER name;
 */
export async function generate(client: DatabendClient, tables: readonly AnyTable[], options: GenerateOptions): Promise<GeneratedMigration> {
  const call = 'generate()';
  checkClient(client, call);
  checkTables(tables, call);
  checkRecord(options, call, 'options', ['dir', 'name', 'allowDestructive']);
  checkFolder(options.dir, call);
  if (options.name !== undefined)
    check(
      typeof options.name === 'string' && NAME.test(options.name),
      'invalid_format',
      call,
      'options.name must be 1 to 60 lower-case letters, digits and _ (the file is <number>_<name>.sql)',
      'name',
    );
  if (options.allowDestructive !== undefined) checkBoolean(options.allowDestructive, call, 'allowDestructive');
  const files = readMigrations(options.dir);
  const applied = new Set((await readJournal(client)).map((row) => row.name));
  const pending = files.find((f) => !applied.has(f.name));
  if (pending !== undefined && !client.dryRun)
    throw new MigrationError(
      'pending',
      pending.name,
      `${pending.name} is not applied to this database yet: generate() compares the declarations with the live tables, so apply the pending files first (migrate())`,
    );
  const changes = await diff(client, tables);
  const refused = changes.filter((c) => c.statement === undefined || (c.destructive && options.allowDestructive !== true));
  if (refused.length > 0) throw new SchemaChangeRefusedError(refused, 'generate');
  if (changes.length === 0) return Object.freeze({ file: undefined, changes: Object.freeze([]) });
  const id = Math.max(0, ...files.map((f) => f.id)) + 1;
  const name = `${String(id).padStart(4, '0')}_${options.name ?? defaultName(changes)}.sql`;
  const text = migrationText(name, changes);
  mkdirSync(options.dir, { recursive: true });
  const path = join(options.dir, name);
  // 'wx': a file of that name written meanwhile (another generate) is an error, never overwritten.
  writeFileSync(path, text, { encoding: 'utf8', flag: 'wx' });
  const file = Object.freeze({ id, name, path, checksum: checksumOf(text), statements: Object.freeze(splitMigration(text, name)) });
  return Object.freeze({ file, changes: Object.freeze([...changes]) });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the lock: CREATE TABLE of the lock table, which the engine's catalogue lets one session make and answers
 * every other with 2302 "already exists" (docs/engine-facts.md). Retries until `timeoutMs`, then names the holder.
 */
async function acquireLock(client: DatabendClient, owner: string, timeoutMs: number): Promise<void> {
  const started = Date.now();
  for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
    try {
      await client.execute(sql`CREATE TABLE ${sql.id(MIGRATION_LOCK)} (owner STRING NOT NULL, acquired_at TIMESTAMP NOT NULL)`);
      await client.execute(sql`INSERT INTO ${sql.id(MIGRATION_LOCK)} (owner, acquired_at) VALUES (${owner}, now())`);
      return;
    } catch (error) {
      if (!(error instanceof ServerError && error.serverCode === 2302)) throw error;
    }
    if (Date.now() - started >= timeoutMs) {
      let holder = 'a session that has not written its name yet';
      try {
        const rows = await client.query<{ owner: string; acquired_at: unknown }>(sql`SELECT owner, acquired_at FROM ${sql.id(MIGRATION_LOCK)}`);
        if (rows[0] !== undefined) holder = `${rows[0].owner} since ${String(rows[0].acquired_at)}`;
      } catch {
        holder = 'a session that has just released it';
      }
      throw new MigrationError(
        'locked',
        undefined,
        `another migrate() holds the lock (${holder}) and did not release it within ${timeoutMs} ms; if that process is gone, DROP TABLE ${MIGRATION_LOCK} and run again`,
      );
    }
    await sleep(wait);
  }
}

/**
 * Applies the migration files of `dir` that the journal table `_databend_etl_migrations` does not list, in number
 * order, each exactly once: runs its statements, then records its number, name and sha256. Before running anything it
 * refuses (MigrationError naming the file) an applied file that changed or is missing, and a pending file numbered
 * below an applied one. Holds a lock table meanwhile, so that two processes migrating at once apply each file once.
 *
 * @example
 * const { applied } = await migrate(client, { dir: 'migrations' });
 * // CREATE TABLE _databend_etl_migrations_lock (...); ALTER TABLE contacts ADD COLUMN phone STRING NULL AFTER name;
 * // INSERT INTO _databend_etl_migrations (...) VALUES (3, '0003_add_phone.sql', '<sha256>', ...); DROP TABLE _databend_etl_migrations_lock
 */
export async function migrate(client: DatabendClient, options: MigrateOptions): Promise<MigrateResult> {
  const call = 'migrate()';
  checkClient(client, call);
  checkRecord(options, call, 'options', ['dir', 'lockTimeoutMs']);
  checkFolder(options.dir, call);
  if (options.lockTimeoutMs !== undefined)
    checkInteger(options.lockTimeoutMs, 0, 3_600_000, call, 'options.lockTimeoutMs must be an integer of ms from 0 to 3600000', 'lockTimeoutMs');
  // Read (and split) every file before taking the lock: a file that cannot be read stops the run before any SQL.
  const files = readMigrations(options.dir);
  await client.execute(
    sql`CREATE TABLE IF NOT EXISTS ${sql.id(MIGRATION_JOURNAL)} (id INT NOT NULL, name STRING NOT NULL, checksum STRING NOT NULL, statements INT NOT NULL, applied_at TIMESTAMP NOT NULL, duration_ms BIGINT NOT NULL, applied_by STRING NOT NULL)`,
  );
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  await acquireLock(client, owner, options.lockTimeoutMs ?? 60_000);
  const unlock = () => client.execute(sql`DROP TABLE IF EXISTS ${sql.id(MIGRATION_LOCK)}`);
  let result: MigrateResult;
  try {
    result = await applyPending(client, files, options.dir, owner);
  } catch (error) {
    // The error that stopped the run says more than the unlock's (a server gone meanwhile fails both).
    await unlock().catch(() => undefined);
    throw error;
  }
  await unlock();
  return result;
}

/** Checks the journal against the files and applies the pending ones: only while the lock is held. */
async function applyPending(client: DatabendClient, files: readonly MigrationFile[], dir: string, owner: string): Promise<MigrateResult> {
  const journal = await readJournal(client);
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const row of journal) {
    const file = byName.get(row.name);
    if (file === undefined)
      throw new MigrationError('missing', row.name, `${row.name} was applied (journal id ${row.id}) but is not in ${dir}; nothing was run`);
    if (file.checksum !== row.checksum)
      throw new MigrationError(
        'changed',
        row.name,
        `${row.name} changed after it was applied (sha256 ${file.checksum.slice(0, 12)}..., applied ${row.checksum.slice(0, 12)}...); nothing was run. Restore it, and put the new change in a new migration`,
      );
  }
  const done = new Set(journal.map((row) => row.name));
  const last = Math.max(0, ...journal.map((row) => row.id));
  const pending = files.filter((f) => !done.has(f.name));
  const early = pending.find((f) => f.id < last);
  if (early !== undefined)
    throw new MigrationError(
      'out_of_order',
      early.name,
      `${early.name} is not applied but numbered below the last applied migration (${last}); nothing was run. Renumber it after ${last}`,
    );
  const applied: AppliedMigration[] = [];
  for (const file of pending) {
    const started = performance.now();
    for (const [index, statement] of file.statements.entries()) {
      try {
        await client.execute(statement);
      } catch (error) {
        throw new MigrationError(
          'failed',
          file.name,
          `${file.name}: statement ${index + 1} of ${file.statements.length} failed${index > 0 ? ` (statements 1..${index} of it ran and stay applied)` : ''}; the file is not recorded: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
    const durationMs = Math.round(performance.now() - started);
    await client.execute(
      sql`INSERT INTO ${sql.id(MIGRATION_JOURNAL)} (id, name, checksum, statements, applied_at, duration_ms, applied_by) VALUES (${file.id}, ${file.name}, ${file.checksum}, ${file.statements.length}, now(), ${durationMs}, ${owner})`,
    );
    applied.push(Object.freeze({ id: file.id, name: file.name, checksum: file.checksum, statements: file.statements.length, durationMs }));
  }
  return Object.freeze({ applied: Object.freeze(applied), alreadyApplied: Object.freeze(journal.map((row) => row.name)) });
}
