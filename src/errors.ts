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
 * The API call a check names in its error (`copyInto('frame_events').files()`), or a function that spells it: builders
 * pass functions so that a chain of calls that all pass, the usual case, never builds the text.
 */
export type CallSite = string | (() => string);

/**
 * Throws a ValidationError unless `condition` holds. A rule whose text is costly to build (it lists the accepted
 * values) is passed as a function too, for the same reason.
 */
export function check(condition: unknown, call: CallSite, rule: string | (() => string), field?: string): asserts condition {
  if (!condition) throw new ValidationError(callText(call), typeof rule === 'string' ? rule : rule(), field);
}

function callText(call: CallSite): string {
  return typeof call === 'string' ? call : call();
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

/** Refuses anything but a boolean: `'false'` is truthy, and a string pasted as an option would be SQL of its own. */
export function checkBoolean(value: unknown, call: CallSite, field: string): asserts value is boolean {
  check(typeof value === 'boolean', call, () => `${field} must be true or false (a boolean), not ${describeValue(value)}`, field);
}

/**
 * The value of a flag method (`purge()`, `force(false)`): TRUE when called without an argument, else the argument,
 * which must be a boolean. An explicit `undefined` is refused rather than read as the default: `purge(body.purge)`
 * with the key missing from a request body would otherwise turn PURGE on.
 */
export function flag(args: readonly unknown[], call: CallSite): boolean {
  if (args.length === 0) return true;
  const value = args[0];
  checkBoolean(value, call, 'value');
  return value;
}

/** True for a time zone name the platform knows (an IANA name such as 'UTC' or 'Asia/Shanghai'). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Refuses anything but a plain object (no array, no class instance), for option records read by key. */
export function checkPlainObject(value: unknown, call: CallSite, field: string): asserts value is Record<string, unknown> {
  const proto = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : undefined;
  check(proto === Object.prototype || proto === null, call, () => `${field} must be a plain object, not ${describeValue(value)}`, field);
}

/** A short description of a value of unknown type, for messages; never its content, which may be a secret. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return value instanceof Date ? 'a Date' : 'an object';
  return `a ${typeof value}`;
}

/** Refuses anything but a string: an object would be read through its toString(), which may answer differently each time. */
export function checkString(value: unknown, call: CallSite, field: string): asserts value is string {
  check(typeof value === 'string', call, () => `${field} must be a string, not ${describeValue(value)}`, field);
}

/**
 * A caller's value as the text of a call shows it (`decimal(10, 2)`, `table('frames')`): a string as it is, a number,
 * bigint or boolean spelled out, anything else described. Never through the value's own toString(), which may throw
 * (a symbol, an object without a prototype), recurse without end (an array nested deeply) or answer differently each
 * time.
 */
export function argText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return `<${describeValue(value)}>`;
}

/**
 * Refuses anything but an array without holes. A hole is skipped by forEach() and every() but kept by map(): a sparse
 * list passed every check and left an empty place in the SQL (`SELECT , a`, `DEFAULT [, 'a']`).
 */
export function checkList(value: unknown, call: CallSite, field: string): asserts value is unknown[] {
  check(Array.isArray(value), call, () => `${field} must be an array, not ${describeValue(value)}`, field);
  for (let i = 0; i < value.length; i++) check(i in value, call, () => `${field} must not have holes (a sparse array): item ${i + 1} is missing`, field);
}

/** Refuses anything but a plain object with only the keys listed, for option records read by key. */
export function checkRecord(value: unknown, call: CallSite, field: string, keys: readonly string[]): asserts value is Record<string, unknown> {
  checkPlainObject(value, call, field);
  for (const key of Object.keys(value)) check(keys.includes(key), call, () => `${field} has no key '${key}' (known: ${keys.join(', ')})`, key);
}
