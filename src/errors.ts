/**
 * One small error hierarchy. Every error carries a stable `code` so callers can branch without parsing messages.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'ROW_VALIDATION'
  | 'INEXACT_READ'
  | 'SERVER'
  | 'TRANSPORT'
  | 'DRIVER_MISSING'
  | 'LOCAL_ENGINE_PYTHON_MISSING'
  | 'LOCAL_ENGINE_SETUP_FAILED'
  | 'LOCAL_ENGINE_START_FAILED'
  | 'LOCAL_ENGINE_DATA_DIR_IN_USE'
  | 'SCHEMA_CHANGE_REFUSED'
  | 'SCHEMA_DRIFT'
  | 'MIGRATION';

export abstract class DatabendEtlError extends Error {
  abstract readonly code: ErrorCode;
  override get name(): string {
    return this.constructor.name;
  }
}

/**
 * Why a ValidationError was thrown, as a stable code to branch on (zod's issue codes, cut for this SDK); the message
 * says the same in words and may be reworded.
 * - `invalid_type`: a value of the wrong JavaScript type (a string for a boolean, an array for an object, a
 *   fraction for a count, a hand-made node of the wrong shape).
 * - `invalid_value`: not one of the allowed values (a file format TYPE, an ON_ERROR mode, a URL scheme).
 * - `too_small`: a number, length or count below its minimum (VECTOR(0), an empty name, a table without columns).
 * - `too_big`: a number, length, count or nesting depth above its maximum (DECIMAL(77, 0), a 256-character name).
 * - `invalid_format`: text without the form it needs (identifier characters, a path, a URL, a cron expression, a time
 *   zone, a DSN).
 * - `unknown_key`: a key or name the target does not have (an option record's key, a file format option, a column
 *   the table lacks).
 * - `missing`: a required value or clause is absent (a required storage parameter, url() before connection()).
 * - `conflict`: options that do not go together, or a call that came already (FILES with PATTERN, a column listed
 *   twice, a query on a destroyed Kysely instance).
 * - `reserved`: a keyword or an internal name (a stage named `stage`, a column `_row_id`).
 * - `not_exact`: a value that cannot be sent or stored exactly (a lone surrogate, a fraction for an integer column,
 *   NaN or -0 in a VARIANT, a cycle).
 * - `unsupported`: what Databend has no SQL for (the Kysely dialect's refusals, credentials on an fs:// stage).
 */
export type ValidationReason =
  | 'invalid_type'
  | 'invalid_value'
  | 'too_small'
  | 'too_big'
  | 'invalid_format'
  | 'unknown_key'
  | 'missing'
  | 'conflict'
  | 'reserved'
  | 'not_exact'
  | 'unsupported';

const REASONS: Record<ValidationReason, true> = {
  invalid_type: true,
  invalid_value: true,
  too_small: true,
  too_big: true,
  invalid_format: true,
  unknown_key: true,
  missing: true,
  conflict: true,
  reserved: true,
  not_exact: true,
  unsupported: true,
};

/** Every ValidationReason, in the order documented on the type. */
export const VALIDATION_REASONS: readonly ValidationReason[] = Object.freeze(Object.keys(REASONS) as ValidationReason[]);

/**
 * A programmer error found while building a statement, before any SQL exists.
 * `reason` says why as a stable code, `call` names the API call (`copyInto('frame_events').files()`), `rule` the rule
 * that was broken (the message is `${call}: ${rule}`), `field` the argument or option key at fault.
 */
export class ValidationError extends DatabendEtlError {
  readonly code = 'VALIDATION' as const;
  readonly reason: ValidationReason;
  readonly call: string;
  readonly rule: string;
  readonly field: string | undefined;

  constructor(reason: ValidationReason, call: string, rule: string, field?: string) {
    super(`${call}: ${rule}`);
    this.reason = reason;
    this.call = call;
    this.rule = rule;
    this.field = field;
  }
}

/**
 * Databend refused a statement. `serverCode` is Databend's numeric error code (1025 unknown table, 1005 syntax
 * error, ...), `serverMessage` its text, and `sql` the statement with credentials masked.
 */
export class ServerError extends DatabendEtlError {
  readonly code = 'SERVER' as const;
  readonly serverCode: number;
  readonly serverMessage: string;
  readonly sql: string;

  constructor(serverCode: number, serverMessage: string, sql: string, options?: ErrorOptions) {
    super(`Databend error ${serverCode}: ${serverMessage}\n  in: ${sql}`, options);
    this.serverCode = serverCode;
    this.serverMessage = serverMessage;
    this.sql = sql;
  }
}

/**
 * The engine could not be reached or did not answer properly: connection refused, timeout, login failure, a
 * malformed DSN or response. `cause` is the driver's original error; no message contains the DSN password.
 */
export class TransportError extends DatabendEtlError {
  readonly code = 'TRANSPORT' as const;
  /** The statement being sent (credentials masked), or undefined when the failure came while connecting. */
  readonly sql: string | undefined;

  constructor(message: string, sql: string | undefined, options?: ErrorOptions) {
    super(sql === undefined ? message : `${message}\n  in: ${sql}`, options);
    this.sql = sql;
  }
}

/**
 * The optional peer `databend-driver`, needed to run statements, is not installed or has no native binary for
 * this platform; `cause` is the loader's error.
 */
export class DriverMissingError extends DatabendEtlError {
  readonly code = 'DRIVER_MISSING' as const;

  constructor(options?: ErrorOptions) {
    super('databend-driver could not be loaded; run `npm install databend-driver@^0.33.7` to execute statements', options);
  }
}

/**
 * A value the query returned cannot be given in the form asked for without changing it: a BIGINT beyond 2^53 read as
 * a number (declare the column `bigint({ mode: 'bigint' })`, or select it `::STRING`), or a value the driver cannot
 * read exactly in a statement the SDK cannot re-read (a consuming stream read, SHOW ...).
 */
export class InexactReadError extends DatabendEtlError {
  readonly code = 'INEXACT_READ' as const;
  readonly column: string;

  constructor(column: string, detail: string) {
    super(`Column ${column}: ${detail}`);
    this.column = column;
  }
}

/** A row returned by a query failed the schema it was validated against; `cause` holds the schema's error. */
export class RowValidationError extends DatabendEtlError {
  readonly code = 'ROW_VALIDATION' as const;
  /** The row's position in the result, from 0. */
  readonly rowIndex: number;

  constructor(rowIndex: number, options?: ErrorOptions) {
    const detail = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(`Row ${rowIndex} does not match the schema${detail}`, options);
    this.rowIndex = rowIndex;
  }
}

/** One column that differs between a declared table and the live one, as a drift error names it. */
export interface DriftedColumn {
  readonly column: string;
  /** `missing`: declared, not on the engine; `extra`: on the engine, not declared; `changed`: another type or nullability. */
  readonly problem: 'missing' | 'extra' | 'changed';
  /** The declared and the live column as DDL text (`phone STRING NULL`), where there is one. */
  readonly declared: string | undefined;
  readonly live: string | undefined;
}

/**
 * A pipeline's declared table differs from the live one (a column added to the declaration after the table was made):
 * the run stops before its first statement, naming the table, the columns and the command that fixes it.
 */
export class SchemaDriftError extends DatabendEtlError {
  readonly code = 'SCHEMA_DRIFT' as const;
  readonly table: string;
  readonly columns: readonly DriftedColumn[];

  constructor(table: string, columns: readonly DriftedColumn[]) {
    const lines = columns.map((c) =>
      c.problem === 'missing'
        ? `  ${c.column}: declared (${c.declared}), missing on the engine`
        : c.problem === 'extra'
          ? `  ${c.column}: on the engine (${c.live}), not declared`
          : `  ${c.column}: declared ${c.declared}, on the engine ${c.live}`,
    );
    super(
      `Table ${table} differs from its declaration:\n${lines.join('\n')}\nNothing was run. diff(client, [table]) from databend-etl lists the changes and push(client, [table]) makes them (docs/migrations.md).`,
    );
    this.table = table;
    this.columns = Object.freeze([...columns]);
  }
}

/**
 * push() refused a diff: a change the engine cannot make in place, or a destructive one without `allowDestructive`.
 * Nothing was run; `refused` lists the changes, each with its summary and, where there is one, the manual path.
 */
export class SchemaChangeRefusedError extends DatabendEtlError {
  readonly code = 'SCHEMA_CHANGE_REFUSED' as const;
  readonly refused: readonly { readonly table: string; readonly summary: string; readonly manual: string | undefined }[];

  constructor(
    refused: readonly { readonly table: string; readonly summary: string; readonly destructive: boolean; readonly manual: string | undefined }[],
    by: 'push' | 'generate' = 'push',
  ) {
    const lines = refused.map((c) =>
      c.manual !== undefined
        ? `  ${c.table}: ${c.summary}: the engine cannot do this in place; by hand: ${c.manual}`
        : `  ${c.table}: ${c.summary}: destructive; pass allowDestructive: true (--allow-destructive) to run it`,
    );
    super(`${by} refused ${refused.length} change(s), and ${by === 'push' ? 'ran' : 'wrote'} none:\n${lines.join('\n')}`);
    this.refused = Object.freeze(refused.map((c) => Object.freeze({ table: c.table, summary: c.summary, manual: c.manual })));
  }
}

/** Why migrate() or generate() stopped; see MigrationError. */
export type MigrationProblem = 'changed' | 'missing' | 'out_of_order' | 'pending' | 'locked' | 'failed' | 'invalid_file';

/**
 * migrate() or generate() stopped. `problem`: an applied file `changed` or is `missing` from the folder, a pending file
 * is numbered below an applied one (`out_of_order`), generate() found a file not applied yet (`pending`), another
 * migrate() held the lock past the timeout (`locked`), a statement `failed`, or a file is not a migration file
 * (`invalid_file`). `file` names the migration file, where there is one.
 */
export class MigrationError extends DatabendEtlError {
  readonly code = 'MIGRATION' as const;
  readonly problem: MigrationProblem;
  readonly file: string | undefined;

  constructor(problem: MigrationProblem, file: string | undefined, message: string, options?: ErrorOptions) {
    super(message, options);
    this.problem = problem;
    this.file = file;
  }
}
