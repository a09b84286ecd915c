import { createClient } from '../client/client.js';
import { migrate } from '../migrate/migrations.js';
import { type Command, dsnOf, printJson, UsageError, type Values } from './command.js';

const usage = `usage: databend-etl migrate [--dir DIR] [--dsn DSN] [--lock-timeout MS] [--json]

Applies the migration files of DIR that the database's journal (table _databend_etl_migrations) does not list, in
number order, each once, and records each with its sha256. Before running anything it refuses an applied file that
changed or is missing, and a pending file numbered below an applied one. Two migrate runs at once on one database
apply each file once: the first holds a lock table (_databend_etl_migrations_lock), the other waits for it.

options:
  --dir DIR          the folder of migration files (default: migrations)
  --dsn DSN          the server and database (default: $DATABEND_DSN)
  --lock-timeout MS  how long to wait for another migrate holding the lock (default 60000)
  --json             print { ok, applied: [{ id, name, checksum, statements, durationMs }], alreadyApplied } on stdout
  -h, --help         print this help

Exit code: 0 done (or nothing pending), 1 refused or failed (the error names the file), 2 usage error.`;

async function run(values: Values): Promise<void> {
  const dir = (values.dir as string | undefined) ?? 'migrations';
  const timeout = values['lock-timeout'] === undefined ? undefined : Number(values['lock-timeout']);
  if (timeout !== undefined && !(Number.isSafeInteger(timeout) && timeout >= 0 && timeout <= 3_600_000))
    throw new UsageError(`--lock-timeout must be 0..3600000 (ms), got '${values['lock-timeout']}'`, usage);
  const client = createClient({ dsn: dsnOf(values, 'migrate', usage) });
  let result: Awaited<ReturnType<typeof migrate>>;
  try {
    result = await migrate(client, { dir, ...(timeout === undefined ? {} : { lockTimeoutMs: timeout }) });
  } finally {
    await client.close();
  }
  if (values.json === true) {
    printJson({ ok: true, ...result });
    return;
  }
  for (const m of result.applied) console.log(`applied ${m.name}: ${m.statements} statement(s) (${m.durationMs} ms)`);
  console.error(
    result.applied.length === 0
      ? `nothing to apply: ${result.alreadyApplied.length} migration(s) applied before`
      : `${result.applied.length} migration(s) applied, ${result.alreadyApplied.length} before`,
  );
}

export const migrateCommand: Command = {
  summary: 'apply the pending migration files, each once, in order',
  usage,
  options: { dir: { type: 'string' }, dsn: { type: 'string' }, 'lock-timeout': { type: 'string' }, json: { type: 'boolean' } },
  run,
};
