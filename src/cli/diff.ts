import { diff } from '../migrate/push.js';
import { type Command, printJson, type Values } from './command.js';
import { changeJson, changeLines, TABLES_HELP, withTables } from './schema-changes.js';

const usage = `usage: databend-etl diff --tables MODULE [--dsn DSN] [--json] [--check]

Lists the changes that would make the live tables what their declarations say, in the order they run, each with its
SQL. Reads the catalogue only; nothing is changed.

options:
  --tables MODULE   the declared tables (see below)
  --dsn DSN         the server and database (default: $DATABEND_DSN)
  --json            print { ok, changes: [{ table, kind, columns, summary, destructive, sql, manual }] } on stdout
  --check           exit 1 when there is any change (for CI: the database matches the code)
  -h, --help        print this help

${TABLES_HELP}

Exit code: 0 (with --check: no change), 1 a change with --check or an error, 2 usage error.`;

async function run(values: Values): Promise<void> {
  const changes = await withTables(values, 'diff', usage, (client, tables) => diff(client, tables));
  if (values.json === true) printJson({ ok: true, changes: changes.map(changeJson) });
  else {
    for (const change of changes) console.log(changeLines(change));
    console.error(
      changes.length === 0
        ? 'no changes: the live tables match the declarations'
        : `${changes.length} change(s): databend-etl push makes them, databend-etl generate writes them to a migration file`,
    );
  }
  if (values.check === true && changes.length > 0) process.exitCode = 1;
}

export const diffCommand: Command = {
  summary: 'list the changes from the live tables to the declared ones',
  usage,
  options: { tables: { type: 'string' }, dsn: { type: 'string' }, json: { type: 'boolean' }, check: { type: 'boolean' } },
  run,
};
