// Migration files without an engine: how a file is split into statements (never inside a literal or a comment the
// generator wrote), the text generate() writes, the folder's naming rules, and generate()/migrate() input checks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bigint,
  createClient,
  generate,
  migrate,
  MigrationError,
  readMigrations,
  SchemaChangeRefusedError,
  splitMigration,
  string,
  table,
  ValidationError,
} from '../../src/index.js';
import { diffTable } from '../../src/migrate/diff.js';
import { checksumOf, migrationText } from '../../src/migrate/migrations.js';

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'migrations-unit-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const dry = () => createClient({ dsn: 'databend://root:@127.0.0.1:9/default', dryRun: true });
const people = table('people', { id: bigint().notNull(), note: string().default('a;\n-- statement: b').comment('x\n-- statement') });

describe('splitMigration', () => {
  it('splits at the "-- statement" lines only, keeping ; and -- inside literals, dropping leading comments and the final ;', () => {
    const text = [
      '-- header: anything; -- statement is fine inside a comment line',
      '',
      '-- statement: t: first',
      "INSERT INTO t VALUES ('a;b', '-- not a comment');",
      '-- statement',
      '-- a comment before the SQL',
      'CREATE TABLE u (',
      '  id INT',
      ');',
      '-- statement: commented out',
      '-- DROP TABLE t;',
      '-- statement: no semicolon',
      'SELECT 1',
      '',
    ].join('\n');
    expect(splitMigration(text)).toEqual(["INSERT INTO t VALUES ('a;b', '-- not a comment')", 'CREATE TABLE u (\n  id INT\n)', 'SELECT 1']);
  });

  it('reads CRLF files, and a "-- statement" prefix of another word is no delimiter', () => {
    expect(splitMigration('-- statement\r\nSELECT 1;\r\n-- statements are here\r\n-- statement\r\nSELECT 2;\r\n')).toEqual([
      'SELECT 1;\n-- statements are here',
      'SELECT 2',
    ]);
  });

  it('refuses SQL before the first "-- statement" line, naming the file', () => {
    const error = (() => {
      try {
        splitMigration('SELECT 1;\n-- statement\nSELECT 2;', '0001_x.sql');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ problem: 'invalid_file', file: '0001_x.sql' });
    expect((error as Error).message).toBe('0001_x.sql: SQL before the first "-- statement" line; each statement must follow one');
  });
});

describe('migrationText', () => {
  it('writes a header listing the changes and each statement after its line; newlines in summaries stay in comments', () => {
    const changes = diffTable(people, undefined);
    const text = migrationText('0001_create_people.sql', changes);
    expect(text).toBe(
      [
        '-- 0001_create_people.sql: written by databend-etl generate (generate()); migrate() applies it once, in number order.',
        '-- Its sha256 is recorded when it is applied: review and edit it before, never after.',
        '-- Each statement follows a "-- statement" line and runs as a request of its own (DDL is not transactional).',
        '-- 1 change(s):',
        '--   people: create table people',
        '',
        '-- statement: people: create table people',
        `${changes[0]!.statement!.compile()};`,
        '',
      ].join('\n'),
    );
    // The literal's newline is written as \\n, so the split finds the one statement, unchanged.
    expect(splitMigration(text)).toEqual([changes[0]!.statement!.compile()]);
    expect(changes[0]!.statement!.compile()).toContain("DEFAULT 'a;\\n-- statement: b'");
  });

  it('keeps a comment holding a line break on one comment line', () => {
    const live = { database: 'd', name: 'people', columns: [{ name: 'id', type: { kind: 'BIGINT' }, nullable: false }], options: {}, transient: false };
    const declared = table('people', { id: bigint().notNull().comment('line one\nline two') });
    const text = migrationText('0002_x.sql', diffTable(declared, live as never));
    expect(text).toContain("--   people: column id: comment 'line one\\nline two'");
    expect(splitMigration(text)).toEqual(["ALTER TABLE people MODIFY COLUMN id COMMENT 'line one\\nline two'"]);
  });
});

describe('readMigrations', () => {
  it('reads <number>_<name>.sql files in number order with their sha256, and no folder as no files', () => {
    const dir = scratch();
    writeFileSync(join(dir, '0010_b.sql'), '-- statement\nSELECT 10;\n');
    writeFileSync(join(dir, '0002_a.sql'), '-- statement\nSELECT 2;\n');
    writeFileSync(join(dir, 'README.md'), 'not a migration');
    const files = readMigrations(dir);
    expect(files.map((f) => [f.id, f.name, f.statements])).toEqual([
      [2, '0002_a.sql', ['SELECT 2']],
      [10, '0010_b.sql', ['SELECT 10']],
    ]);
    expect(files[0]!.checksum).toBe(checksumOf('-- statement\nSELECT 2;\n'));
    expect(checksumOf('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(readMigrations(join(dir, 'missing'))).toEqual([]);
  });

  it('refuses a .sql file of another name and two files of one number', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'add_phone.sql'), '');
    expect(() => readMigrations(dir)).toThrow('add_phone.sql in');
    rmSync(join(dir, 'add_phone.sql'));
    writeFileSync(join(dir, '0003_a.sql'), '');
    writeFileSync(join(dir, '0003_b.sql'), '');
    expect(() => readMigrations(dir)).toThrow('0003_b.sql and 0003_a.sql in');
  });
});

describe('generate() and migrate() without an engine', () => {
  it('generate() writes the next number, named from the first change unless named', async () => {
    const dir = scratch();
    writeFileSync(join(dir, '0007_earlier.sql'), '-- statement\nSELECT 1;\n');
    // A dry-run client reads no catalogue: the table is missing, the diff one CREATE TABLE.
    const { file } = await generate(dry(), [people], { dir });
    expect(file!.name).toBe('0008_create_people.sql');
    expect((await generate(dry(), [people], { dir, name: 'people_again' })).file!.name).toBe('0009_people_again.sql');
  });

  it('SchemaChangeRefusedError names generate when generate() refused (the engine test refuses a real diff)', () => {
    const error = new SchemaChangeRefusedError([{ table: 't', summary: 'drop column x', destructive: true, manual: undefined }], 'generate');
    expect(error.message).toBe(
      'generate refused 1 change(s), and wrote none:\n  t: drop column x: destructive; pass allowDestructive: true (--allow-destructive) to run it',
    );
  });

  it('checks its inputs before reading or writing anything', async () => {
    const dir = scratch();
    const cases: [() => Promise<unknown>, string][] = [
      [() => generate({} as never, [people], { dir }), 'generate(): client must be a client of the SDK'],
      [() => generate(dry(), [{ name: 'people' }] as never, { dir }), 'generate(): tables[0] must be a table declared with table()'],
      [() => generate(dry(), [people], { dir: '' }), 'generate(): dir must be the folder of migration files'],
      [() => generate(dry(), [people], { dir, name: '../escape' }), 'generate(): options.name must be 1 to 60 lower-case letters'],
      [() => generate(dry(), [people], { dir, allowDestructive: 'yes' as never }), 'generate(): allowDestructive must be true or false'],
      [() => generate(dry(), [people], { dir, force: true } as never), 'generate()'],
      [() => migrate(dry(), { dir, lockTimeoutMs: -1 }), 'migrate(): options.lockTimeoutMs must be an integer of ms from 0 to 3600000'],
      [() => migrate(dry(), { dir, lockTimeoutMs: 1.5 }), 'migrate(): options.lockTimeoutMs'],
      [() => migrate(dry(), { dir: 42 } as never), 'migrate(): dir must be the folder of migration files'],
      [() => migrate(dry(), undefined as never), 'migrate()'],
      [() => migrate(dry(), { dir: 'a\0b' }), 'migrate(): dir must not hold a NUL character'],
      [() => generate(dry(), [people], { dir: `${dir}/${'x'.repeat(256)}` }), 'generate(): dir must have no part (between slashes) longer than 255'],
      [async () => readMigrations('x/'.repeat(2049)), 'readMigrations(): dir must be at most 4096 characters, not 4098'],
    ];
    for (const [run, message] of cases) {
      const error = await run().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, message).toBeInstanceOf(ValidationError);
      expect((error as Error).message, message).toContain(message);
    }
    expect(readMigrations(dir)).toEqual([]);
  });

  it('migrate() with a dry-run client plans the journal, the lock, each statement, the record and the unlock', async () => {
    const dir = scratch();
    writeFileSync(join(dir, '0001_a.sql'), '-- statement\nCREATE TABLE a (id INT);\n-- statement\nALTER TABLE a ADD COLUMN b INT;\n');
    const client = dry();
    const { applied } = await migrate(client, { dir });
    expect(applied.map((m) => [m.name, m.statements])).toEqual([['0001_a.sql', 2]]);
    const plan = client.plan;
    expect(plan[0]).toMatch(/^CREATE TABLE IF NOT EXISTS _databend_etl_migrations \(/);
    expect(plan[1]).toMatch(/^CREATE TABLE _databend_etl_migrations_lock \(/);
    expect(plan[2]).toMatch(/^INSERT INTO _databend_etl_migrations_lock/);
    expect(plan[3]).toBe("SELECT count(*) AS n FROM system.tables WHERE database = currentDatabase() AND name = '_databend_etl_migrations'");
    expect(plan.slice(4, 6)).toEqual(['CREATE TABLE a (id INT)', 'ALTER TABLE a ADD COLUMN b INT']);
    expect(plan[6]).toContain(`VALUES (1, '0001_a.sql', '${applied[0]!.checksum}', 2, now(), `);
    expect(plan[7]).toBe('DROP TABLE IF EXISTS _databend_etl_migrations_lock');
    expect(plan).toHaveLength(8);
  });
});
