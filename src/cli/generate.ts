import { generate } from '../migrate/migrations.js';
import { type Command, printJson, UsageError, type Values } from './command.js';
import { changeJson, changeLines, TABLES_HELP, withDeclarations } from './schema-changes.js';

const usage = `usage: databend-etl generate --tables MODULE [--dir DIR] [--name NAME] [--dsn DSN] [--allow-destructive] [--json]

Writes the next numbered migration file (DIR/0003_NAME.sql): the SQL of the diff between the live tables and their
declarations, one statement after each "-- statement:" line, under a header listing the changes. Review it, commit
it, and apply it with databend-etl migrate. Every file of DIR must be applied to the database first (the diff is
taken against the live tables). Writes nothing when there is no change, or when a change is refused (not doable in
place, or destructive without the flag). Declared stages, file formats and connections are not written (a
migration file is committed text, and a connection's credentials must not be in it): make them with databend-etl
push; generate says how many it left out.

options:
  --tables MODULE       the declared tables (see below)
  --dir DIR             the folder of migration files (default: migrations)
  --name NAME           the file's name after its number: lower-case letters, digits, _ (default: from the first change)
  --dsn DSN             the server and database to compare with (default: $DATABEND_DSN)
  --allow-destructive   write destructive changes too: dropped columns, narrowing types, NULL -> NOT NULL
  --json                print { ok, file: { id, name, path, checksum, statements } | null, changes } on stdout
  -h, --help            print this help

${TABLES_HELP}

Exit code: 0 written (or nothing to write), 1 refused or failed, 2 usage error.`;

async function run(values: Values): Promise<void> {
  const dir = (values.dir as string | undefined) ?? 'migrations';
  const name = values.name as string | undefined;
  if (name !== undefined && !/^[a-z0-9_]{1,60}$/.test(name))
    throw new UsageError(`--name must be 1 to 60 lower-case letters, digits and _, got '${name}'`, usage);
  const { file, changes, objects } = await withDeclarations(values, 'generate', usage, async (client, declared) => {
    if (declared.tables.length === 0)
      throw new UsageError('generate: the module of --tables declares no table() (objects are made with databend-etl push)', usage);
    const generated = await generate(client, declared.tables, {
      dir,
      ...(name === undefined ? {} : { name }),
      allowDestructive: values['allow-destructive'] === true,
    });
    return { ...generated, objects: declared.objects.length };
  });
  if (objects > 0)
    console.error(
      `${objects} declared stage(s), file format(s) or connection(s) not written: a migration file holds table changes only; make them with databend-etl push`,
    );
  if (values.json === true) {
    printJson({ ok: true, file: file === undefined ? null : { ...file, statements: file.statements.length }, changes: changes.map(changeJson) });
    return;
  }
  if (file === undefined) {
    console.error('no changes: the live tables match the declarations; nothing written');
    return;
  }
  console.log(file.path);
  for (const change of changes) console.error(changeLines(change));
  console.error(`wrote ${file.path}: ${file.statements.length} statement(s); review it, then: databend-etl migrate --dir ${dir}`);
}

export const generateCommand: Command = {
  summary: 'write the diff as the next numbered migration file',
  usage,
  options: {
    tables: { type: 'string' },
    dir: { type: 'string' },
    name: { type: 'string' },
    dsn: { type: 'string' },
    'allow-destructive': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  run,
};
