// databend-etl infer: staged files -> INFER_SCHEMA -> a TypeScript table() and the copyInto() that loads the files.
import { basename, dirname } from 'node:path';
import { infer, INFER_FORMATS, type InferFormat } from '../migrate/infer.js';
import { clientFrom, parse, runCommand, UsageError, writeFiles, type CommandIo } from './codegen-io.js';

export const INFER_USAGE = `usage: databend-etl infer @STAGE[/PATH] --table NAME [--format parquet|csv|ndjson] [--pattern REGEX] [--file-format NAME] [--dsn DSN] [--out FILE.ts | --out DIR] [--json]

Reads the schema of staged files with INFER_SCHEMA and prints (or writes) a TypeScript table() for them and the
copyInto() that loads them. A CSV file's first line is its header: it gives the column names.

options:
  --table NAME        the table to declare (required)
  --format F          parquet, csv or ndjson (default: from the path's extension)
  --pattern REGEX     only the files whose path after the location matches
  --file-format NAME  a FILE FORMAT object to infer and load with (a CSV one with SKIP_HEADER = 1, ...)
  --dsn DSN           the server (default: $DATABEND_DSN)
  --out FILE.ts       write the file there; --out DIR: into DIR, named after the table
  --import-from M     the module the code imports from (default: databend-etl)
  --json              print { table, columns: [{ name, type, nullable }], files: [...] } (or { written }) on stdout
  -h, --help          print this help

Without --out the file is printed on stdout. Exit code: 0 done, 1 failed, 2 usage error.`;

const EXTENSIONS: Readonly<Record<string, InferFormat>> = { parquet: 'PARQUET', csv: 'CSV', ndjson: 'NDJSON', jsonl: 'NDJSON' };

/** `databend-etl infer ...`: resolves to the exit code. */
export async function runInfer(argv: readonly string[], io: CommandIo): Promise<number> {
  return runCommand('infer', io, async () => {
    const { values, positionals } = parse(argv, {
      dsn: { type: 'string' },
      table: { type: 'string' },
      format: { type: 'string' },
      pattern: { type: 'string' },
      'file-format': { type: 'string' },
      out: { type: 'string' },
      'import-from': { type: 'string' },
      json: { type: 'boolean' },
    });
    if (values.help === true) {
      io.out(INFER_USAGE);
      return;
    }
    const location = positionals[0];
    if (location === undefined || !location.startsWith('@')) throw new UsageError('infer needs the files as @stage or @stage/path');
    if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'`);
    const slash = location.indexOf('/');
    const stage = slash < 0 ? location.slice(1) : location.slice(1, slash);
    const path = slash < 0 || slash === location.length - 1 ? undefined : location.slice(slash + 1);
    const table = values.table as string | undefined;
    if (table === undefined) throw new UsageError('infer needs --table NAME, the table to declare');
    const given = (values.format as string | undefined)?.toUpperCase();
    const format = given ?? EXTENSIONS[/\.([A-Za-z0-9]+)$/.exec(path ?? '')?.[1]?.toLowerCase() ?? ''];
    if (format === undefined) throw new UsageError('infer needs --format parquet, csv or ndjson (the path has no such extension)');
    if (!(INFER_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be parquet, csv or ndjson, got '${values.format}'`);
    const client = clientFrom(values, 'infer');
    try {
      const inferred = await infer(client, {
        stage,
        table,
        format: format as InferFormat,
        ...(path === undefined ? {} : { path }),
        ...(values.pattern === undefined ? {} : { pattern: values.pattern as string }),
        ...(values['file-format'] === undefined ? {} : { formatName: values['file-format'] as string }),
        ...(values['import-from'] === undefined ? {} : { importFrom: values['import-from'] as string }),
      });
      const out = values.out as string | undefined;
      const file = inferred.files[0]!;
      if (out === undefined) {
        const columns = inferred.table.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable }));
        io.out(values.json === true ? JSON.stringify({ table, columns, files: inferred.files }, null, 2) : file.contents.trimEnd());
        return;
      }
      const toFile = out.endsWith('.ts');
      const written = await writeFiles(toFile ? dirname(out) : out, [{ path: toFile ? basename(out) : file.path, contents: file.contents }]);
      io.out(values.json === true ? JSON.stringify({ written }, null, 2) : written.join('\n'));
    } finally {
      await client.close();
    }
  });
}
