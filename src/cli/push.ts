import { push } from '../migrate/push.js';
import { type Command, printJson, type Values } from './command.js';
import { changeJson, changeLines, TABLES_HELP, withTables } from './schema-changes.js';

const usage = `usage: databend-etl push --tables MODULE [--dsn DSN] [--allow-destructive] [--json]

Makes the live tables what their declarations say by running the diff directly (for development; for a shared
database, review migration files: databend-etl generate, then migrate). Before running anything it refuses the whole
diff when a change cannot be made in place (the way by hand is printed) or is destructive without the flag.

options:
  --tables MODULE       the declared tables (see below)
  --dsn DSN             the server and database (default: $DATABEND_DSN)
  --allow-destructive   run destructive changes too: dropped columns, narrowing types, NULL -> NOT NULL
  --json                print { ok, applied: [changes] } on stdout (on a refusal: { ok: false, error: { refused } })
  -h, --help            print this help

${TABLES_HELP}

Exit code: 0 done, 1 refused or failed, 2 usage error.`;

async function run(values: Values): Promise<void> {
  const applied = await withTables(values, 'push', usage, (client, tables) => push(client, tables, { allowDestructive: values['allow-destructive'] === true }));
  if (values.json === true) printJson({ ok: true, applied: applied.map(changeJson) });
  else {
    for (const change of applied) console.log(changeLines(change));
    console.error(applied.length === 0 ? 'no changes: the live tables match the declarations' : `${applied.length} change(s) made`);
  }
}

export const pushCommand: Command = {
  summary: 'make the live tables match the declared ones (development)',
  usage,
  options: { tables: { type: 'string' }, dsn: { type: 'string' }, 'allow-destructive': { type: 'boolean' }, json: { type: 'boolean' } },
  run,
};
