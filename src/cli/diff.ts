import { type Command, printJson, type Values } from './command.js';
import { changeJson, changeLines, objectJson, objectLines, planChanges, TABLES_HELP, withDeclarations } from './schema-changes.js';

const usage = `usage: databend-etl diff --tables MODULE [--dsn DSN] [--drop-undeclared-objects] [--json] [--check]

Lists the changes that would make the live stages, file formats, connections and tables what their declarations
say, in the order they run (objects first), each with its SQL. Reads the catalogue only; nothing is changed.

options:
  --tables MODULE   the declared tables (see below)
  --dsn DSN         the server and database (default: $DATABEND_DSN)
  --drop-undeclared-objects
                    list a DROP for each live stage, file format and connection that is not declared
  --json            print { ok, objects: [{ object, name, kind, summary, destructive, sql, notCompared }],
                    changes: [{ table, kind, columns, summary, destructive, sql, manual }] } on stdout
  --check           exit 1 when there is any change, object or table (for CI: the database matches the code)
  -h, --help        print this help

${TABLES_HELP}

Exit code: 0 (with --check: no change), 1 a change with --check or an error, 2 usage error.`;

async function run(values: Values): Promise<void> {
  const { objects, tables: changes } = await withDeclarations(values, 'diff', usage, (client, declared) =>
    planChanges(client, declared, values['drop-undeclared-objects'] === true),
  );
  const count = objects.length + changes.length;
  if (values.json === true) printJson({ ok: true, objects: objects.map(objectJson), changes: changes.map(changeJson) });
  else {
    for (const change of objects) console.log(objectLines(change));
    for (const change of changes) console.log(changeLines(change));
    console.error(
      count === 0
        ? 'no changes: the live tables and objects match the declarations'
        : `${count} change(s): databend-etl push makes them, databend-etl generate writes them to a migration file`,
    );
  }
  if (values.check === true && count > 0) process.exitCode = 1;
}

export const diffCommand: Command = {
  summary: 'list the changes from the live tables and objects to the declared ones',
  usage,
  options: {
    tables: { type: 'string' },
    dsn: { type: 'string' },
    'drop-undeclared-objects': { type: 'boolean' },
    json: { type: 'boolean' },
    check: { type: 'boolean' },
  },
  run,
};
