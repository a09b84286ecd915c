// What `databend-etl pull` and `infer` share: their IO, option parsing, the client, writing files, error reports.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createClient, type DatabendClient } from '../client/client.js';
import { DatabendEtlError, ServerError } from '../errors.js';
import type { GeneratedFile } from '../migrate/codegen.js';
import { messageOnly } from './progress.js';

/** Where a command writes: its normal output and its messages. */
export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export type Values = Record<string, string | boolean | string[] | undefined>;

/** A mistake in the command line: exit code 2, with the command's usage. */
export class UsageError extends Error {}

export function parse(argv: readonly string[], options: ParseArgsConfig['options']): { values: Values; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: { ...options, help: { type: 'boolean', short: 'h' } } });
    return { values: parsed.values as Values, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** --dsn, else $DATABEND_DSN (as `databend-etl apply` reads it). */
export function clientFrom(values: Values, command: string): DatabendClient {
  const dsn = (values.dsn as string | undefined) ?? process.env.DATABEND_DSN;
  if (dsn === undefined || dsn === '') throw new UsageError(`${command} needs --dsn or DATABEND_DSN`);
  return createClient({ dsn });
}

/** Writes generated files under a folder; resolves to the paths written. The paths are the library's plain names. */
export async function writeFiles(dir: string, files: readonly GeneratedFile[]): Promise<string[]> {
  const written: string[] = [];
  for (const file of files) {
    const path = resolve(join(dir, file.path));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.contents);
    written.push(path);
  }
  return written;
}

/** Runs a command body: exit 0 when it returns, 2 on a usage error (with the usage), 1 on an error of the SDK or the engine. */
export async function runCommand(name: string, io: CommandIo, body: () => Promise<void>): Promise<number> {
  try {
    await body();
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`databend-etl ${name}: ${error.message}\n(databend-etl ${name} --help lists the options)`);
      return 2;
    }
    if (error instanceof ServerError) {
      io.err(`databend-etl ${name}: Databend error ${error.serverCode}: ${messageOnly(error.serverMessage)}`);
      return 1;
    }
    if (error instanceof DatabendEtlError || error instanceof Error) {
      io.err(`databend-etl ${name}: ${messageOnly(error.message)}`);
      return 1;
    }
    throw error;
  }
}
