// Migration files on the engine: ten successive declaration edits, each written by generate() and applied by
// migrate() on a development database; the ten files applied twice to a fresh database (the second run applies
// nothing) leave its table equal to the last declaration; a tampered or missing applied file is refused before any
// statement runs; and two migrate() calls at once, on two clients, apply each file once (the lock table).
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  array,
  bigint,
  createClient,
  diff,
  generate,
  int,
  introspectTable,
  migrate,
  MIGRATION_JOURNAL,
  MIGRATION_LOCK,
  MigrationError,
  SchemaChangeRefusedError,
  ServerError,
  sql,
  string,
  table,
  type AnyTable,
  type DatabendClient,
  type StatementEvent,
} from '../../src/index.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';

const SETUP_TIMEOUT_MS = 300_000;
const RUN_TIMEOUT_MS = 180_000;

let engine: TestDatabase;
let dev: DatabendClient;
let scratch: string;
const opened: DatabendClient[] = [];

beforeAll(async () => {
  engine = await openTestDatabase('migrations');
  dev = createClient({ dsn: engine.dsn });
  scratch = await mkdtemp(join(tmpdir(), 'migrations-engine-test-'));
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  for (const client of opened) await client.close();
  await dev?.close();
  await engine?.release();
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

/** A client on a new database of the shared engine (released with the file's). */
async function database(name: string): Promise<DatabendClient> {
  await dev.execute(sql`CREATE DATABASE ${sql.id(name)}`);
  const client = createClient({ dsn: engine.dsnFor(name) });
  opened.push(client);
  return client;
}

const contacts = <C extends Parameters<typeof table>[1]>(columns: C, options: { comment?: string; clusterBy?: Extract<keyof C, string>[] } = {}) =>
  table('contacts', columns, options);

// Ten declarations of the same tables, each one edit from the one before (the 9th is destructive).
const base = { id: bigint().notNull(), name: string() };
const VERSIONS: readonly { readonly edit: string; readonly tables: readonly AnyTable[]; readonly destructive?: boolean }[] = [
  { edit: 'create contacts', tables: [contacts(base)] },
  { edit: 'add email', tables: [contacts({ ...base, email: string() })] },
  // A DEFAULT holding ; and -- : the file splits at its own "-- statement" lines, never inside a literal.
  { edit: 'add age and note', tables: [contacts({ ...base, email: string(), age: int().default(0), note: string().default("it's; -- statement") })] },
  {
    edit: 'comment name',
    tables: [contacts({ ...base, name: string().comment('full name'), email: string(), age: int().default(0), note: string().default("it's; -- statement") })],
  },
  {
    edit: 'widen age',
    tables: [
      contacts({ ...base, name: string().comment('full name'), email: string(), age: bigint().default(0), note: string().default("it's; -- statement") }),
    ],
  },
];
const v6Columns = {
  ...base,
  name: string().comment('full name'),
  mail: string().renamedFrom('email'),
  age: bigint().default(0),
  note: string().default("it's; -- statement"),
};
const { age: _age, ...v9Columns } = v6Columns;
const v10Columns = { ...v9Columns, tags: array(string()) };
const notes = table('notes', { id: bigint().notNull(), body: string() });
const ALL: typeof VERSIONS = [
  ...VERSIONS,
  { edit: 'rename email to mail', tables: [contacts(v6Columns)] },
  { edit: 'table comment', tables: [contacts(v6Columns, { comment: 'people we know' })] },
  { edit: 'cluster key', tables: [contacts(v6Columns, { comment: 'people we know', clusterBy: ['id'] })] },
  { edit: 'drop age', tables: [contacts(v9Columns, { comment: 'people we know', clusterBy: ['id'] })], destructive: true },
  { edit: 'add tags and the notes table', tables: [contacts(v10Columns, { comment: 'people we know', clusterBy: ['id'] }), notes] },
];
const LAST = ALL[ALL.length - 1]!.tables;

let dir: string;

describe('generate() and migrate()', () => {
  it(
    'ten declaration edits make ten migration files, each applied once on the development database',
    async () => {
      dir = join(scratch, 'migrations');
      for (const [index, version] of ALL.entries()) {
        if (version.destructive === true) {
          const refused = await generate(dev, version.tables, { dir }).catch((error: unknown) => error);
          expect(refused).toBeInstanceOf(SchemaChangeRefusedError);
          expect((refused as Error).message).toContain('generate refused 1 change(s), and wrote none');
          expect(readdirSync(dir)).toHaveLength(index);
        }
        const { file, changes } = await generate(dev, version.tables, { dir, ...(version.destructive === true ? { allowDestructive: true } : {}) });
        expect(file, version.edit).toBeDefined();
        expect(file!.name).toMatch(new RegExp(`^${String(index + 1).padStart(4, '0')}_[a-z0-9_]+\\.sql$`));
        expect(file!.statements).toHaveLength(changes.length);
        const { applied, alreadyApplied } = await migrate(dev, { dir });
        expect(applied.map((m) => m.name)).toEqual([file!.name]);
        expect(alreadyApplied).toHaveLength(index);
        // Nothing is left to change, so the next generate() writes nothing.
        expect(await generate(dev, version.tables, { dir })).toEqual({ file: undefined, changes: [] });
      }
      const files = readdirSync(dir).sort();
      expect(files).toHaveLength(10);
      expect(files[0]).toBe('0001_create_contacts.sql');
      const third = readFileSync(join(dir, files[2]!), 'utf8');
      expect(third).toContain("-- statement: contacts: add column note STRING NULL DEFAULT 'it\\'s; -- statement'");
      expect(third).toContain("ALTER TABLE contacts ADD COLUMN note STRING NULL DEFAULT 'it\\'s; -- statement' AFTER age;");
      expect(readFileSync(join(dir, files[8]!), 'utf8')).toContain('ALTER TABLE contacts DROP COLUMN age;');
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'the ten files applied to a fresh database: the second run applies nothing, and the tables equal the last declaration',
    async () => {
      const prod = await database('migrations_prod');
      const first = await migrate(prod, { dir });
      expect(first.applied.map((m) => m.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(first.alreadyApplied).toEqual([]);
      const second = await migrate(prod, { dir });
      expect(second.applied).toEqual([]);
      expect(second.alreadyApplied).toEqual(readdirSync(dir).sort());
      expect(await diff(prod, LAST)).toEqual([]);
      // And the same tables as on the database the files were generated from.
      for (const name of ['contacts', 'notes']) {
        const { database: _a, ...live } = (await introspectTable(prod, name))!;
        const { database: _b, ...expected } = (await introspectTable(dev, name))!;
        expect(live).toEqual(expected);
      }
      const journal = await prod.query<{ id: number; name: string; checksum: string }>(
        sql`SELECT id, name, checksum FROM ${sql.id(MIGRATION_JOURNAL)} ORDER BY id`,
      );
      expect(journal.map((row) => row.name)).toEqual(readdirSync(dir).sort());
      expect(journal.every((row) => /^[0-9a-f]{64}$/.test(row.checksum))).toBe(true);
      expect(await prod.query(sql`SELECT name FROM system.tables WHERE database = currentDatabase() AND name = ${MIGRATION_LOCK}`)).toEqual([]);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'refuses a tampered or missing applied file, and a pending file numbered below an applied one, before running anything',
    async () => {
      const prod = await database('migrations_tamper');
      const copy = join(scratch, 'tamper');
      const files = readdirSync(dir).sort();
      const originals = new Map(files.map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
      mkdirSync(copy);
      // The first five only, then tamper with the third and add the sixth: migrate() must run none of the sixth.
      for (const name of files.slice(0, 5)) writeFileSync(join(copy, name), originals.get(name)!);
      expect((await migrate(prod, { dir: copy })).applied).toHaveLength(5);
      appendFileSync(join(copy, files[2]!), '-- a harmless looking edit\n');
      writeFileSync(join(copy, files[5]!), originals.get(files[5]!)!);
      const changed = await migrate(prod, { dir: copy }).catch((error: unknown) => error);
      expect(changed).toBeInstanceOf(MigrationError);
      expect(changed).toMatchObject({ problem: 'changed', file: files[2] });
      expect((changed as Error).message).toContain(`${files[2]} changed after it was applied`);
      expect((await introspectTable(prod, 'contacts'))!.columns.map((c) => c.name)).not.toContain('mail');

      writeFileSync(join(copy, files[2]!), originals.get(files[2]!)!);
      rmSync(join(copy, files[1]!));
      const missing = await migrate(prod, { dir: copy }).catch((error: unknown) => error);
      expect(missing).toMatchObject({ problem: 'missing', file: files[1] });
      expect((await introspectTable(prod, 'contacts'))!.columns.map((c) => c.name)).not.toContain('mail');

      writeFileSync(join(copy, files[1]!), originals.get(files[1]!)!);
      writeFileSync(join(copy, '0000_late_branch.sql'), '-- statement\nSELECT 1;\n');
      const early = await migrate(prod, { dir: copy }).catch((error: unknown) => error);
      expect(early).toMatchObject({ problem: 'out_of_order', file: '0000_late_branch.sql' });
      rmSync(join(copy, '0000_late_branch.sql'));

      // generate() diffs against the live tables: a file not applied yet must be applied first.
      const pending = await generate(prod, LAST, { dir: copy }).catch((error: unknown) => error);
      expect(pending).toMatchObject({ problem: 'pending', file: files[5] });
      expect((await migrate(prod, { dir: copy })).applied.map((m) => m.name)).toEqual([files[5]]);
      // The lock is released after a refusal too.
      expect(await prod.query(sql`SELECT name FROM system.tables WHERE database = currentDatabase() AND name = ${MIGRATION_LOCK}`)).toEqual([]);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'two migrate() calls at once, on two clients, apply each file once',
    async () => {
      const a = await database('migrations_race');
      // Every lock attempt either client made, and how it ended: the race is real only if one was turned away.
      const attempts: string[] = [];
      const observe = (who: string) => (event: StatementEvent) => {
        if (event.sql.startsWith(`CREATE TABLE ${MIGRATION_LOCK}`))
          attempts.push(`${who}: ${event.error === undefined ? 'took it' : event.error.message.split('\n')[0]}`);
      };
      const a2 = createClient({ dsn: engine.dsnFor('migrations_race'), observe: observe('a') });
      const b = createClient({ dsn: engine.dsnFor('migrations_race'), observe: observe('b') });
      opened.push(a2, b);
      const [ra, rb] = await Promise.all([migrate(a2, { dir }), migrate(b, { dir })]);
      expect(attempts.filter((line) => line.endsWith('took it'))).toHaveLength(2);
      expect(attempts.some((line) => line.includes("Databend error 2302: Table '_databend_etl_migrations_lock' already exists"))).toBe(true);
      const names = [...ra.applied, ...rb.applied].map((m) => m.name).sort();
      expect(names).toEqual(readdirSync(dir).sort());
      // The one that waited for the lock found every file applied.
      expect([ra.applied.length, rb.applied.length].sort()).toEqual([0, 10]);
      const journal = await a.query<{ name: string }>(sql`SELECT name FROM ${sql.id(MIGRATION_JOURNAL)} ORDER BY id`);
      expect(journal.map((row) => row.name)).toEqual(readdirSync(dir).sort());
      expect(await diff(a, LAST)).toEqual([]);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'a failing statement names the file and the statement; the file is not recorded, and the lock is released',
    async () => {
      const broken = await database('migrations_failed');
      const folder = join(scratch, 'failing');
      mkdirSync(folder);
      writeFileSync(join(folder, '0001_ok.sql'), '-- statement\nCREATE TABLE a (id INT);\n');
      writeFileSync(join(folder, '0002_bad.sql'), '-- statement\nALTER TABLE a ADD COLUMN b INT;\n-- statement\nALTER TABLE a ADD COLUMN b INT;\n');
      const failed = await migrate(broken, { dir: folder }).catch((error: unknown) => error);
      expect(failed).toMatchObject({ problem: 'failed', file: '0002_bad.sql' });
      expect((failed as Error).message).toContain(
        '0002_bad.sql: statement 2 of 2 failed (statements 1..1 of it ran and stay applied); the file is not recorded',
      );
      expect((failed as Error).cause).toBeInstanceOf(ServerError);
      const journal = await broken.query<{ name: string }>(sql`SELECT name FROM ${sql.id(MIGRATION_JOURNAL)} ORDER BY id`);
      expect(journal.map((row) => row.name)).toEqual(['0001_ok.sql']);
      expect(await broken.query(sql`SELECT name FROM system.tables WHERE database = currentDatabase() AND name = ${MIGRATION_LOCK}`)).toEqual([]);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'a lock held past the timeout is reported with its holder, and nothing runs',
    async () => {
      const held = await database('migrations_locked');
      await held.execute(sql`CREATE TABLE ${sql.id(MIGRATION_LOCK)} (owner STRING NOT NULL, acquired_at TIMESTAMP NOT NULL)`);
      await held.execute(sql`INSERT INTO ${sql.id(MIGRATION_LOCK)} VALUES ('other-host:4242:cafe', now())`);
      const locked = await migrate(held, { dir, lockTimeoutMs: 300 }).catch((error: unknown) => error);
      expect(locked).toBeInstanceOf(MigrationError);
      expect(locked).toMatchObject({ problem: 'locked', file: undefined });
      expect((locked as Error).message).toContain('another migrate() holds the lock (other-host:4242:cafe since');
      expect((locked as Error).message).toContain(`DROP TABLE ${MIGRATION_LOCK}`);
      expect(await held.query(sql`SELECT name FROM system.tables WHERE database = currentDatabase() AND name = 'contacts'`)).toEqual([]);
      // The lock is the other process's: it stays.
      expect(await held.query(sql`SELECT owner FROM ${sql.id(MIGRATION_LOCK)}`)).toEqual([{ owner: 'other-host:4242:cafe' }]);
    },
    RUN_TIMEOUT_MS,
  );
});
