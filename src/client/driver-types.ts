/**
 * The members of databend-driver the client uses, declared here because the package's own index.d.ts does not
 * compile under `strict` without skipLibCheck (it references an undeclared `Params`). Only these are relied on.
 */

export interface DriverField {
  readonly name: string;
  /** The server's type, as the driver re-displays it: `Nullable(String)`, `Decimal(38, 4)`, `Tuple(Int32, String)`. */
  readonly dataType: string;
}

export interface DriverRow {
  /** Values in schema order. (`data()` is built from a Rust HashMap: random key order, duplicate names lost.) */
  values(): unknown[];
}

export interface DriverRowIterator {
  schema(): { fields(): DriverField[] };
  /** Resolves to null at the end; a failure while paging comes back as an Error value rather than a rejection. */
  next(): Promise<DriverRow | Error | null>;
  /** Stops paging and lets the server drop the result. */
  close(): void;
}

export interface DriverConnection {
  /** Runs a statement; resolves to the rows written (the server's write_progress). */
  exec(sql: string): Promise<number>;
  queryIter(sql: string): Promise<DriverRowIterator>;
  /** All rows at once, without the per-row native call of next() (absent from a stand-in driver that lacks it). */
  queryAll?(sql: string): Promise<DriverRow[]>;
  close(): Promise<void>;
}

export interface DriverClient {
  /** Logs in (POST /v1/session/login): one server session per connection. */
  getConn(): Promise<DriverConnection>;
}

/** The module's shape: `new Client(dsn)` never throws; DSN errors surface at `getConn()`. */
export interface DriverModule {
  readonly Client: new (dsn: string) => DriverClient;
}
