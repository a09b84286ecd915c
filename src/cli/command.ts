// What every command of the CLI shares: its description for the dispatcher, the usage error, and the JSON output.
import { type DatabendEtlError, MigrationError, SchemaChangeRefusedError, SchemaDriftError, ServerError } from '../errors.js';
import { messageOnly } from './progress.js';

export type Values = Record<string, string | boolean | undefined>;
export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** A command the dispatcher parses the options of (node:util parseArgs, strict) before calling run(). */
export interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly options: OptionSpec;
  run(values: Values, positionals: string[]): Promise<void>;
}

/** Where a command that parses its own arguments writes, and the environment it reads. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * A command that parses its own arguments (`--help` included) and resolves to its exit code: the shape of
 * `runPull(argv, io)` and `runInfer(argv, io)`.
 */
export interface ExternalCommand {
  readonly summary: string;
  runArgv(argv: string[], io: CliIo): Promise<number | undefined>;
}

/** A wrong command line: the CLI prints the message and the command's help hint, and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

/** --dsn, else $DATABEND_DSN, else a usage error naming the command. */
export function dsnOf(values: Values, command: string, usage: string): string {
  const dsn = (values.dsn as string | undefined) ?? process.env.DATABEND_DSN;
  if (dsn === undefined || dsn === '') throw new UsageError(`${command} needs --dsn or DATABEND_DSN`, usage);
  return dsn;
}

/** A required string option, or a usage error. */
export function required(values: Values, option: string, command: string, usage: string): string {
  const value = values[option];
  if (typeof value !== 'string' || value === '') throw new UsageError(`${command} needs --${option}`, usage);
  return value;
}

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2));
}

/** An error of the SDK as JSON: its code and message, and what its class adds (the refused changes, the file). */
export function errorJson(error: DatabendEtlError): Record<string, unknown> {
  const base: Record<string, unknown> = { code: error.code, message: messageOnly(error.message) };
  if (error instanceof ServerError) base.serverCode = error.serverCode;
  if (error instanceof SchemaChangeRefusedError) base.refused = error.refused;
  if (error instanceof MigrationError) Object.assign(base, { problem: error.problem, file: error.file ?? null });
  if (error instanceof SchemaDriftError) Object.assign(base, { table: error.table, columns: error.columns });
  return base;
}
