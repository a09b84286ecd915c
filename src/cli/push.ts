import { type Command, printJson, type Values } from './command.js';
import { changeJson, changeLines, objectJson, objectLines, planChanges, refuseChanges, TABLES_HELP, withDeclarations } from './schema-changes.js';

const usage = `usage: databend-etl push --tables MODULE [--dsn DSN] [--allow-destructive] [--drop-undeclared-objects] [--json]

Makes the live stages, file formats, connections and tables what their declarations say by running the diff
directly, objects first (for development; for a shared database, review migration files: databend-etl generate,
then migrate). Before running anything it refuses the whole diff when a change cannot be made in place (the way by
hand is printed) or is destructive without the flag.

options:
  --tables MODULE       the declared tables (see below)
  --dsn DSN             the server and database (default: $DATABEND_DSN)
  --allow-destructive   run destructive changes too: dropped columns, narrowing types, NULL -> NOT NULL, a replaced
                        internal stage (its files are lost), dropped undeclared objects
  --drop-undeclared-objects
                        drop the live stages, file formats and connections that are not declared (destructive)
  --json                print { ok, objects: [object changes], applied: [table changes] } on stdout (on a refusal:
                        { ok: false, error: { refused } })
  -h, --help            print this help

${TABLES_HELP}

Exit code: 0 done, 1 refused or failed, 2 usage error.`;

async function run(values: Values): Promise<void> {
  const { objects, tables: applied } = await withDeclarations(values, 'push', usage, async (client, declared) => {
    const planned = await planChanges(client, declared, values['drop-undeclared-objects'] === true);
    refuseChanges(planned, values['allow-destructive'] === true);
    // Objects first: a table never names a stage, while a stage may name a file format or a connection (diffObjects()
    // orders those before the stages).
    for (const change of planned.objects) await client.execute(change.statement);
    for (const change of planned.tables) await client.execute(change.statement!);
    return planned;
  });
  const count = objects.length + applied.length;
  if (values.json === true) printJson({ ok: true, objects: objects.map(objectJson), applied: applied.map(changeJson) });
  else {
    for (const change of objects) console.log(objectLines(change));
    for (const change of applied) console.log(changeLines(change));
    console.error(count === 0 ? 'no changes: the live tables and objects match the declarations' : `${count} change(s) made`);
  }
}

export const pushCommand: Command = {
  summary: 'make the live tables and objects match the declared ones (development)',
  usage,
  options: {
    tables: { type: 'string' },
    dsn: { type: 'string' },
    'allow-destructive': { type: 'boolean' },
    'drop-undeclared-objects': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  run,
};
