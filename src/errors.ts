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
  | 'LOCAL_ENGINE_DATA_DIR_IN_USE';

export abstract class DatabendEtlError extends Error {
  abstract readonly code: ErrorCode;
  override get name(): string {
    return this.constructor.name;
  }
}

/**
 * A programmer error found while building a statement, before any SQL exists.
 * `call` names the API call (`copyInto('frame_events').files()`), `rule` the rule that was broken.
 */
export class ValidationError extends DatabendEtlError {
  readonly code = 'VALIDATION' as const;
  readonly call: string;
  readonly rule: string;
  readonly field: string | undefined;

  constructor(call: string, rule: string, field?: string) {
    super(`${call}: ${rule}`);
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
