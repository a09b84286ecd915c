import type { SqlFragment } from '../ast/expression.js';
import type { Compilable } from '../builders/statement-builder.js';
import type { AnyTable } from '../schema/table.js';
import type { DriverModule } from './driver-types.js';

/** A built statement, an `sql` tagged template (values already escaped), or SQL text. */
export type Executable = Compilable | SqlFragment | string;

/**
 * A statement whose result rows have a known type. SELECT builders declare `declare readonly $inferRow: Row`
 * (a type only, never set) so that `client.query(builder)` returns `Row[]`.
 */
export interface TypedCompilable<Row> extends Compilable {
  readonly $inferRow?: Row;
}

/** Anything that checks a row and returns it typed: a zod schema, or your own. */
export interface RowSchema<Row> {
  parse(value: unknown): Row;
}

/** Options of `query` and `stream`. */
export interface QueryOptions<Row> {
  /**
   * The declared table the result columns come from. Named TUPLE columns decode to objects keyed by its field
   * names (the engine's result types do not carry them), and `validate: true` checks rows against its schema.
   */
  readonly table?: AnyTable;
  /** `true`: validate every row with `selectSchema(table)`; or a schema of your own. A failure throws RowValidationError. */
  readonly validate?: boolean | RowSchema<Row>;
}

/** Query options with a declared table: the rows are typed as the table's rows. */
export interface TableQueryOptions<T extends AnyTable> {
  readonly table: T;
  /** Validate every row with `selectSchema(table)`; a failure throws RowValidationError. */
  readonly validate?: boolean;
}

/** What the `observe` hook receives after each statement. */
export interface StatementEvent {
  /** The SQL sent, credentials masked. */
  readonly sql: string;
  readonly durationMs: number;
  /**
   * Rows returned by a query (none from a `query()` that failed; the rows a `stream()` yielded before it failed), or
   * rows written by a statement run with `execute`.
   */
  readonly rows: number;
  readonly error?: Error;
}

export interface ClientOptions {
  /** `databend://user:password@host:port/database?sslmode=disable`; see databend-driver's DSN arguments. */
  readonly dsn: string;
  /** The session time zone, added to the DSN unless it sets `timezone` itself. Default 'UTC'. */
  readonly timezone?: string;
  /** Called after each statement, successful or not (it should not throw: its exception would reach the caller). */
  readonly observe?: (event: StatementEvent) => void;
  /** Send nothing: statements are recorded in `client.plan` (masked), every result is empty, `observe` is not called. */
  readonly dryRun?: boolean;
  /** The databend-driver module to use instead of loading the installed one (tests, custom builds). */
  readonly driver?: DriverModule;
  /**
   * Before the session opens, the client connects to the DSN's host and port itself and fails at once with a
   * `TransportError` ("not reachable at host:port") when nothing answers, instead of the driver's retries of
   * several seconds. How long each such connect may take, in ms. Default 5,000; 0 skips the check (the driver's
   * own `connect_timeout` DSN argument and retries apply alone).
   */
  readonly connectTimeoutMs?: number;
  /** Further connects after a failed one, 100 ms, 200 ms, 400 ms... apart. Default 2 (a closed loopback port fails in about 0.3 s). */
  readonly connectRetries?: number;
}

/** The outcome of `execute`. In a dry run nothing ran: `dryRun` is true and `rowsAffected` 0. */
export interface ExecuteResult {
  /** The SQL, credentials masked. */
  readonly sql: string;
  readonly rowsAffected: number;
  readonly durationMs: number;
  readonly dryRun: boolean;
}
