// databend-etl pull: live tables -> TypeScript table() declarations.
import { basename, dirname } from 'node:path';
import { pull, PULL_LAYOUTS, type PullLayout } from '../migrate/pull.js';
import { clientFrom, parse, runCommand, UsageError, writeFiles, type CommandIo } from './codegen-io.js';

export const PULL_USAGE = `usage: databend-etl pull [--dsn DSN] [--database DB] [--table NAME ...] [--out FILE.ts | --out DIR] [--layout one-file|per-table] [--json]

Reads the live tables of a database and prints (or writes) their TypeScript table() declarations, so that
\`databend-etl diff\` against the generated code finds nothing to change.

options:
  --dsn DSN          the server (default: $DATABEND_DSN)
  --database DB      the database to read (default: the DSN's)
  --table NAME       a table to pull; repeat for several (default: every base table of the database)
  --out FILE.ts      write one file
  --out DIR          write into DIR: a file per table and index.ts (or --layout one-file: DIR/schema.ts)
  --layout L         one-file or per-table (default: one-file, and per-table with --out DIR)
  --import-from M    the module the code imports from (default: databend-etl)
  --json             print { files: [{ path, contents }] } (or, with --out, { written: [paths] }) on stdout
  -h, --help         print this help

Without --out the one file is printed on stdout. Exit code: 0 done, 1 failed, 2 usage error.`;

/** `databend-etl pull ...`: resolves to the exit code. */
export async function runPull(argv: readonly string[], io: CommandIo): Promise<number> {
  return runCommand('pull', io, async () => {
    const { values, positionals } = parse(argv, {
      dsn: { type: 'string' },
      database: { type: 'string' },
      table: { type: 'string', multiple: true },
      out: { type: 'string' },
      layout: { type: 'string' },
      'import-from': { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help === true) {
      io.out(PULL_USAGE);
      return;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const out = values.out as string | undefined;
    const layoutGiven = values.layout as string | undefined;
    if (layoutGiven !== undefined && !(PULL_LAYOUTS as readonly string[]).includes(layoutGiven))
      throw new UsageError(`--layout must be one of ${PULL_LAYOUTS.join(', ')}, got '${layoutGiven}'`);
    const toFile = out?.endsWith('.ts') === true;
    if (toFile && layoutGiven === 'per-table') throw new UsageError('--layout per-table writes a folder: give --out a folder, not a .ts file');
    if (out === undefined && layoutGiven === 'per-table') throw new UsageError('--layout per-table writes several files: give --out a folder');
    const layout: PullLayout = (layoutGiven as PullLayout | undefined) ?? (out !== undefined && !toFile ? 'per-table' : 'one-file');
    const client = clientFrom(values, 'pull');
    try {
      const files = await pull(client, {
        layout,
        ...(values.database === undefined ? {} : { database: values.database as string }),
        ...(values.table === undefined ? {} : { tables: values.table as string[] }),
        ...(values['import-from'] === undefined ? {} : { importFrom: values['import-from'] as string }),
        ...(toFile ? { fileName: basename(out!) } : {}),
      });
      if (out === undefined) {
        io.out(values.json === true ? JSON.stringify({ files }, null, 2) : files[0]!.contents.trimEnd());
        return;
      }
      const written = await writeFiles(toFile ? dirname(out) : out, files);
      io.out(values.json === true ? JSON.stringify({ written }, null, 2) : written.join('\n'));
    } finally {
      await client.close();
    }
  });
}
