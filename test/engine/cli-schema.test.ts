// The schema commands as a user runs them against the engine: `databend-etl diff | push | generate | migrate` with
// --tables, --dsn and --json, their exit codes, a refused destructive change, a pending file, and a tampered one.
import { spawn } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/index.js';
import { CLI_OBJECTS_SECRET } from '../fixtures/cli-objects.js';
import { openTestDatabase, type TestDatabase } from '../support/engine.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let db: TestDatabase;
let scratch: string;

beforeAll(async () => {
  db = await openTestDatabase('cli_schema');
  scratch = await mkdtemp(join(tmpdir(), 'cli-schema-test-'));
});

afterAll(async () => {
  await db?.release();
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

function cli(args: string[], version: string, more: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const { DATABEND_DSN: _dsn, ...rest } = process.env;
  const env = { ...rest, CLI_TABLES_VERSION: version, CLI_TABLES_PREFIX: 'cli', ...more };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const TABLES = ['--tables', 'test/fixtures/cli-tables.ts'];

interface ChangeJson {
  table: string;
  kind: string;
  summary: string;
  destructive: boolean;
  sql: string | null;
}

describe('databend-etl diff, push, generate and migrate on the local engine', () => {
  it('diff lists a missing table as CREATE TABLE (--check exits 1), push makes it, then diff is empty', async () => {
    const listed = await cli(['diff', ...TABLES, '--dsn', db.dsn, '--json'], '1');
    expect(listed.status).toBe(0);
    const report = JSON.parse(listed.stdout) as { ok: boolean; changes: ChangeJson[] };
    expect(report.ok).toBe(true);
    expect(report.changes).toHaveLength(1);
    expect(report.changes[0]).toMatchObject({ table: 'cli_people', kind: 'create_table', destructive: false });
    expect(report.changes[0]!.sql).toBe('CREATE TABLE cli_people (\n  id BIGINT NOT NULL,\n  name STRING NULL\n)');

    const check = await cli(['diff', ...TABLES, '--dsn', db.dsn, '--check'], '1');
    expect(check.status).toBe(1);
    expect(check.stdout).toBe(
      'cli_people: create table cli_people\n    CREATE TABLE cli_people (\n      id BIGINT NOT NULL,\n      name STRING NULL\n    );\n',
    );

    const pushed = await cli(['push', ...TABLES, '--dsn', db.dsn, '--json'], '1');
    expect(pushed.status).toBe(0);
    expect((JSON.parse(pushed.stdout) as { applied: ChangeJson[] }).applied.map((c) => c.kind)).toEqual(['create_table']);

    const clean = await cli(['diff', ...TABLES, '--dsn', db.dsn, '--check'], '1');
    expect(clean.status).toBe(0);
    expect(clean.stdout).toBe('');
    expect(clean.stderr).toContain('no changes: the live tables and objects match the declarations');
  }, 120_000);

  it('generate writes a numbered file, refuses while one is pending, and migrate applies it once', async () => {
    const dir = join(scratch, 'migrations');
    const generated = await cli(['generate', ...TABLES, '--dsn', db.dsn, '--dir', dir, '--name', 'add_phone', '--json'], '2');
    expect(generated.status).toBe(0);
    const report = JSON.parse(generated.stdout) as { ok: boolean; file: { name: string; path: string; statements: number }; changes: ChangeJson[] };
    expect(report.file).toMatchObject({ name: '0001_add_phone.sql', path: join(dir, '0001_add_phone.sql'), statements: 1 });
    expect(report.changes.map((c) => c.summary)).toEqual(['add column phone STRING NULL']);
    const text = readFileSync(join(dir, '0001_add_phone.sql'), 'utf8');
    expect(text).toContain('-- statement: cli_people: add column phone STRING NULL\nALTER TABLE cli_people ADD COLUMN phone STRING NULL AFTER name;\n');

    const pending = await cli(['generate', ...TABLES, '--dsn', db.dsn, '--dir', dir, '--json'], '2');
    expect(pending.status).toBe(1);
    expect(JSON.parse(pending.stdout)).toMatchObject({ ok: false, error: { code: 'MIGRATION', problem: 'pending', file: '0001_add_phone.sql' } });

    const migrated = await cli(['migrate', '--dsn', db.dsn, '--dir', dir, '--json'], '2');
    expect(migrated.status).toBe(0);
    const applied = JSON.parse(migrated.stdout) as { ok: boolean; applied: { name: string; checksum: string }[]; alreadyApplied: string[] };
    expect(applied.applied.map((m) => m.name)).toEqual(['0001_add_phone.sql']);
    expect(applied.alreadyApplied).toEqual([]);

    const again = await cli(['migrate', '--dsn', db.dsn, '--dir', dir], '2');
    expect(again.status).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('nothing to apply: 1 migration(s) applied before');

    const nothing = await cli(['generate', ...TABLES, '--dsn', db.dsn, '--dir', dir], '2');
    expect(nothing.status).toBe(0);
    expect(nothing.stderr).toContain('no changes: the live tables match the declarations; nothing written');
    expect(readdirSync(dir)).toEqual(['0001_add_phone.sql']);
  }, 120_000);

  it('a destructive change is refused without --allow-destructive; a tampered applied file stops migrate', async () => {
    const dir = join(scratch, 'migrations');
    const refused = await cli(['push', ...TABLES, '--dsn', db.dsn], '3');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('push refused 1 change(s), and ran none:');
    expect(refused.stderr).toContain('cli_people: drop column name (not declared; its values are lost): destructive');
    const refusedJson = await cli(['generate', ...TABLES, '--dsn', db.dsn, '--dir', dir, '--json'], '3');
    expect(refusedJson.status).toBe(1);
    expect(JSON.parse(refusedJson.stdout)).toMatchObject({
      ok: false,
      error: { code: 'SCHEMA_CHANGE_REFUSED', refused: [{ table: 'cli_people', summary: 'drop column name (not declared; its values are lost)' }] },
    });
    expect(readdirSync(dir)).toEqual(['0001_add_phone.sql']);

    const written = await cli(['generate', ...TABLES, '--dsn', db.dsn, '--dir', dir, '--allow-destructive'], '3');
    expect(written.status).toBe(0);
    expect(written.stdout).toBe(`${join(dir, '0002_drop_column_cli_people_name.sql')}\n`);

    appendFileSync(join(dir, '0001_add_phone.sql'), '-- edited after it was applied\n');
    const tampered = await cli(['migrate', '--dsn', db.dsn, '--dir', dir], '3');
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toContain('databend-etl: 0001_add_phone.sql changed after it was applied');
    const diffed = await cli(['diff', ...TABLES, '--dsn', db.dsn, '--json'], '3');
    // Nothing ran: the column is still there.
    expect((JSON.parse(diffed.stdout) as { changes: ChangeJson[] }).changes.map((c) => c.kind)).toEqual(['drop_column']);
  }, 120_000);

  it('declared file format, connection and stage: diff lists them before the table, push makes them, a changed format is replaced; no credential printed', async () => {
    const OBJECTS = ['--tables', 'test/fixtures/cli-objects.ts'];
    const run = (args: string[], version: string) => cli(args, '1', { CLI_OBJECTS_VERSION: version, CLI_OBJECTS_ROOT: scratch, CLI_OBJECTS_PREFIX: 'clio' });
    const client = createClient({ dsn: db.dsn });
    const outputs: string[] = [];
    const seen = async (args: string[], version: string) => {
      const result = await run(args, version);
      outputs.push(result.stdout, result.stderr);
      return result;
    };

    const listed = await seen(['diff', ...OBJECTS, '--dsn', db.dsn, '--json'], '1');
    expect(listed.status, listed.stderr).toBe(0);
    const report = JSON.parse(listed.stdout) as { objects: { object: string; name: string; kind: string; sql: string }[]; changes: ChangeJson[] };
    expect(report.objects.map((o) => `${o.kind} ${o.object} ${o.name}`)).toEqual([
      'create_object file_format clio_csv',
      'create_object connection clio_lake',
      'create_object stage clio_landing',
    ]);
    expect(report.objects[1]!.sql).toContain("SECRET_ACCESS_KEY = '***'");
    expect(report.changes.map((c) => `${c.kind} ${c.table}`)).toEqual(['create_table clio_events']);
    expect((await seen(['diff', ...OBJECTS, '--dsn', db.dsn, '--check'], '1')).status).toBe(1);

    const pushed = await seen(['push', ...OBJECTS, '--dsn', db.dsn], '1');
    expect(pushed.status, pushed.stderr).toBe(0);
    expect(pushed.stderr).toContain('4 change(s) made');
    const stages = await client.query<{ name: string; url: string }>('SHOW STAGES');
    expect(stages.find((s) => s.name === 'clio_landing')?.url).toBe(`fs://${scratch}/landing/`);
    const formats = await client.query<{ name: string; format_options: string }>('SHOW FILE FORMATS');
    expect(formats.find((f) => f.name === 'clio_csv')?.format_options).toContain("FIELD_DELIMITER = '|'");

    const clean = await seen(['diff', ...OBJECTS, '--dsn', db.dsn, '--check'], '1');
    expect(clean.status, clean.stdout).toBe(0);
    expect(clean.stdout).toBe('');
    expect(clean.stderr).toContain('no changes: the live tables and objects match the declarations');

    // Version 2 changes the file format's delimiter: replaced (CREATE OR REPLACE), nothing else.
    const changed = await seen(['diff', ...OBJECTS, '--dsn', db.dsn, '--json', '--check'], '2');
    expect(changed.status).toBe(1);
    const changedReport = JSON.parse(changed.stdout) as { objects: { kind: string; name: string; summary: string; sql: string }[]; changes: ChangeJson[] };
    expect(changedReport.changes).toEqual([]);
    expect(changedReport.objects.map((o) => [o.kind, o.name, o.summary])).toEqual([
      ['replace_object', 'clio_csv', 'replace file format clio_csv (field_delimiter: ; -> |)'],
    ]);
    expect(changedReport.objects[0]!.sql).toMatch(/^CREATE OR REPLACE FILE FORMAT clio_csv TYPE = CSV FIELD_DELIMITER = ';'/);
    expect((await seen(['push', ...OBJECTS, '--dsn', db.dsn], '2')).status).toBe(0);
    const replaced = await client.query<{ name: string; format_options: string }>('SHOW FILE FORMATS');
    expect(replaced.find((f) => f.name === 'clio_csv')?.format_options).toContain("FIELD_DELIMITER = ';'");
    expect((await seen(['diff', ...OBJECTS, '--dsn', db.dsn, '--check'], '2')).status).toBe(0);

    // Dropping undeclared objects is destructive: listed, then refused without --allow-destructive.
    await client.execute('CREATE FILE FORMAT clio_stray TYPE = CSV');
    const drops = await seen(['push', ...OBJECTS, '--dsn', db.dsn, '--drop-undeclared-objects'], '2');
    expect(drops.status).toBe(1);
    expect(drops.stderr).toContain('file format clio_stray: drop file format clio_stray (not declared): destructive');
    expect((await client.query<{ name: string }>('SHOW FILE FORMATS')).map((f) => f.name)).toContain('clio_stray');

    // generate writes table changes only, and says it left the objects out.
    const generated = await seen(['generate', ...OBJECTS, '--dsn', db.dsn, '--dir', join(scratch, 'objects-migrations')], '2');
    expect(generated.status, generated.stderr).toBe(0);
    expect(generated.stderr).toContain('3 declared stage(s), file format(s) or connection(s) not written');

    for (const text of outputs) expect(text).not.toContain(CLI_OBJECTS_SECRET);
    await client.close();
  }, 240_000);
});
