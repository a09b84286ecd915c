import type { SqlFragment } from '../ast/expression.js';
import type { CopyIntoTableStmt } from '../ast/copy.js';
import type { ListStageStmt } from '../ast/stage.js';
import { SelectStageBuilder } from '../builders/select-stage.js';
import type { Row as RowOf } from '../schema/infer.js';
import type { DataType } from '../ast/data-types.js';
import type { AnyTable, Columns } from '../schema/table.js';
import type { Compilable } from '../builders/statement-builder.js';
import { check, checkBoolean, checkInteger, checkNonEmptyString, checkRecord, describeValue, isTimeZone, type CallSite } from '../checks.js';
import { checkTable } from '../schema/table.js';
import { rowDecoder } from './decode.js';
import { parseType } from './type-parser.js';
import { classifyDriverError, type FailureContext } from './driver-error.js';
import type { DriverConnection, DriverField, DriverModule, DriverRowIterator } from './driver-types.js';
import { dsnSecrets, dsnTimezone, httpEndpoint, maskDsn, withSessionTimezone } from './dsn.js';
import { HttpReader, type QueryPage } from './http-query.js';
import { textCellReader, type CellReader } from './text-values.js';
import { changesSession, exactFormOf, exactQuery, probeQuery, type ExactForm } from './exact-read.js';
import { loadDriver } from './load-driver.js';
import { checkReachable, type ReachOptions, serverAddress } from './reachable.js';
import { prepare, type Prepared } from './prepare.js';
import { toCopyFileResult, toStageFile, type CopyFileResult, type StageFile } from './results.js';
import type { ClientOptions, Executable, ExecuteResult, QueryOptions, StatementEvent, TableQueryOptions, TypedCompilable } from './types.js';
import { rowFilter, type RowFilter } from './validate.js';

const SESSION_SECRET_MIN_LENGTH = 8;

/**
 * Runs statements on one Databend session through databend-driver. Create it with `createClient`.
 * The session (USE, SET, temporary tables, transactions) is opened by the first statement and kept until `close()`.
 */
export class DatabendClient {
  readonly dryRun: boolean;
  readonly #dsn: string;
  readonly #dsnSecrets: readonly string[];
  /**
   * The DSN's credentials and those of every statement sent so far, for scrubbing later errors: one may quote a
   * credential stored earlier (Databend's DESC CONNECTION did). Values under 8 characters are kept to their own
   * statement: masked everywhere, they would garble every later message.
   */
  readonly #secretsSent: Set<string>;
  readonly #observe: ((event: StatementEvent) => void) | undefined;
  readonly #driver: DriverModule | undefined;
  readonly #plan: string[] = [];
  /** The session time zone, in which the server prints nested timestamps. */
  readonly #zone: string;
  readonly #reach: ReachOptions;
  #connection: Promise<DriverConnection> | undefined;
  /** The page reader of stream() and query() (http-query.ts), made on first use; undefined with a stand-in driver or an unreadable DSN. */
  #reader: HttpReader | undefined;
  /**
   * Set once a statement changed the driver's session in a way the page reader's own session cannot follow (USE,
   * SET, a transaction, a temporary table: exact-read.ts `changesSession`); stream() and query() then read through the driver.
   */
  #sessionChanged = false;

  constructor(options: ClientOptions) {
    checkClientOptions(options);
    this.#dsn = withSessionTimezone(options.dsn, options.timezone ?? 'UTC');
    this.#zone = dsnTimezone(this.#dsn) ?? 'UTC';
    this.#dsnSecrets = dsnSecrets(options.dsn);
    this.#secretsSent = new Set(this.#dsnSecrets);
    this.#observe = options.observe;
    this.#driver = options.driver;
    this.dryRun = options.dryRun ?? false;
    this.#reach = { timeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, retries: options.connectRetries ?? DEFAULT_CONNECT_RETRIES };
  }

  /** The DSN the client connects with (timezone added), password masked. */
  get dsn(): string {
    return maskDsn(this.#dsn);
  }

  /** In a dry run, every statement the client was asked to run, in order, credentials masked. */
  get plan(): readonly string[] {
    return [...this.#plan];
  }

  /**
   * Runs a statement and returns the number of rows it wrote.
   *
   * @example
   * await client.execute(createTable(frameEvents).ifNotExists());
   * await client.execute('SET max_threads = 4');
   */
  async execute(statement: Executable): Promise<ExecuteResult> {
    const prepared = this.#prepare(statement);
    if (this.dryRun) return { sql: prepared.masked, rowsAffected: 0, durationMs: 0, dryRun: true };
    const start = performance.now();
    let rowsAffected = 0;
    let durationMs = 0;
    let failure: Error | undefined;
    try {
      const connection = await this.#connect();
      rowsAffected = await this.#driverCall(prepared, () => connection.exec(prepared.sql));
    } catch (error) {
      failure = error as Error;
      throw error;
    } finally {
      durationMs = performance.now() - start;
      this.#report(prepared, durationMs, rowsAffected, failure);
    }
    return { sql: prepared.masked, rowsAffected, durationMs, dryRun: false };
  }

  /**
   * Runs a query and returns its rows as objects keyed by column name, in the result's column order, each value
   * decoded to the SDK's types (see `decodeValue`).
   *
   * @example
   * const rows = await client.query('SELECT * FROM frame_events', { table: frameEvents, validate: true });
   */
  query<T extends AnyTable>(statement: Executable, options: TableQueryOptions<T>): Promise<NoInfer<RowOf<T>>[]>;
  query<R = Record<string, unknown>>(statement: TypedCompilable<R> | SqlFragment | string, options?: QueryOptions<R>): Promise<R[]>;
  async query<R>(statement: Executable, options: QueryOptions<R> = {}): Promise<R[]> {
    checkQueryOptions(options);
    const prepared = this.#prepare(statement);
    const table = tableOf(options, statement);
    const filter = rowFilter<R>({ validate: options.validate, table });
    if (this.dryRun) return [];
    return this.#allRows(prepared, filter, table);
  }

  /**
   * Streams a query's rows as they arrive, page by page. Nothing is sent until iteration starts; leaving the loop
   * early (break, throw) closes the result on the server.
   *
   * @example
   * for await (const row of client.stream(selectFromStage, { table: frameEvents })) {
   *   if (row.risk_score > 0.9) break;
   * }
   */
  stream<T extends AnyTable>(statement: Executable, options: TableQueryOptions<T>): AsyncIterable<NoInfer<RowOf<T>>>;
  stream<R = Record<string, unknown>>(statement: TypedCompilable<R> | SqlFragment | string, options?: QueryOptions<R>): AsyncIterable<R>;
  stream<R>(statement: Executable, options: QueryOptions<R> = {}): AsyncIterable<R> {
    checkQueryOptions(options);
    const prepared = this.#prepare(statement);
    // A typed stage query knows its table: its named tuples and BIGINT modes decode as declared without `table`.
    const table = tableOf(options, statement);
    const filter = rowFilter<R>({ validate: options.validate, table });
    if (this.dryRun) return emptyIterable<R>();
    return this.#rows(prepared, filter, table);
  }

  /**
   * Runs a COPY INTO <table> and reports each file. An empty report means every matched file had already been
   * loaded (Databend skips them unless FORCE = TRUE), or that the client is a dry run.
   *
   * @example
   * const files = await client.copy(copyInto(frameEvents).fromStage('raw_frames').pattern('.*[.]parquet'));
   * const failed = files.filter((f) => f.errorsSeen > 0);
   */
  async copy(statement: Compilable<CopyIntoTableStmt>): Promise<CopyFileResult[]> {
    checkBuilt(statement, 'CopyIntoTableStmt', 'client.copy()', 'copyInto(table).fromStage(...)');
    return (await this.query(statement)).map(toCopyFileResult);
  }

  /**
   * Lists the files of a stage location.
   *
   * @example
   * const files = await client.list(listStage('raw_frames').pattern('.*[.]parquet'));
   */
  async list(statement: Compilable<ListStageStmt>): Promise<StageFile[]> {
    checkBuilt(statement, 'ListStageStmt', 'client.list()', 'listStage(...)');
    return (await this.query(statement)).map(toStageFile);
  }

  /** Ends the session. A later statement opens a new one. */
  async close(): Promise<void> {
    const connection = this.#connection;
    this.#connection = undefined;
    const reader = this.#reader;
    this.#reader = undefined;
    await reader?.close();
    if (connection === undefined) return;
    const open = await connection.catch(() => undefined);
    await open?.close();
  }

  #prepare(statement: Executable): Prepared {
    const prepared = prepare(statement, this.#dsnSecrets);
    if (!this.dryRun && changesSession(prepared.sql)) this.#sessionChanged = true;
    for (const value of prepared.secrets) if (value.length >= SESSION_SECRET_MIN_LENGTH) this.#secretsSent.add(value);
    if (this.dryRun) this.#plan.push(prepared.masked);
    return prepared;
  }

  /**
   * The rows of a statement, yielded one by one (stream()), or pushed into `into` without a yield (query(): an async
   * generator's yield costs a promise and a turn of the event loop per row), in which case it yields nothing.
   */
  async *#rows<Row>(prepared: Prepared, filter: RowFilter<Row>, table: AnyTable | undefined, planned?: ReadPlan, into?: Row[]): AsyncGenerator<Row> {
    if (planned !== undefined) delegated.add(prepared);
    const start = performance.now();
    let rows = 0;
    let iterator: DriverRowIterator | undefined;
    let failure: Error | undefined;
    try {
      const connection = await this.#connect();
      const plan = planned ?? (await this.#readPlan(connection, prepared, table));
      const reader = this.#pageReader(plan);
      if (reader !== undefined) {
        const pages = reader.pages(plan.sql);
        let ended = false;
        try {
          let next = await this.#driverCall(prepared, () => pages.next());
          // A real server may answer before the statement has its columns: wait for a page that has them.
          while (next.done !== true && next.value.schema.length === 0 && next.value.data.length === 0)
            next = await this.#driverCall(prepared, () => pages.next());
          const read = next.done === true ? undefined : pageDecoder(next.value, plan, this.#zone, table);
          if (read !== undefined) {
            for (; next.done !== true; next = await this.#driverCall(prepared, () => pages.next())) {
              // A row that is not JSON fails when it is reached: as the driver's DecodeError, classified and scrubbed.
              const cellsOf = next.value.data[Symbol.iterator]();
              for (;;) {
                let cells: IteratorResult<readonly (string | null)[]>;
                try {
                  cells = cellsOf.next();
                } catch (error) {
                  throw classifyDriverError(error, this.#context(prepared));
                }
                if (cells.done === true) break;
                const row = filter(read(cells.value), rows);
                rows++;
                if (into !== undefined) into.push(row);
                else yield row;
              }
            }
            ended = true;
            return;
          }
          // Columns the page reader cannot turn into the driver's values exactly: the driver reads the statement.
        } finally {
          if (!ended) await pages.return(undefined);
        }
      }
      const result = await this.#driverCall(prepared, () => connection.queryIter(plan.sql));
      iterator = result;
      const decode = this.#decoder(plan, result.schema().fields(), table);
      for (;;) {
        const next = await this.#driverCall(prepared, () => result.next());
        if (next === null) break;
        if (next instanceof Error) throw classifyDriverError(next, this.#context(prepared));
        const row = filter(decode(next.values()), rows);
        rows++;
        if (into !== undefined) into.push(row);
        else yield row;
      }
    } catch (error) {
      failure = error as Error;
      throw error;
    } finally {
      iterator?.close();
      // The rows the call returned: a stream's yielded before a failure, none from a query() that failed.
      this.#report(prepared, performance.now() - start, failure !== undefined && into !== undefined ? 0 : rows, failure);
    }
  }

  /**
   * query(): every row at once. A plain query the page reader can read is read page by page, as stream() reads it:
   * queryAll builds a native row object for every row before the first is decoded, so queryAll plus decoding took
   * 1.25-1.50x queryAll alone for 100k rows on the local engine, and the pages 0.96-1.11x (docs/benchmarks.md). Else
   * through the driver's queryAll when the result's columns are known beforehand; else row by row.
   */
  async #allRows<Row>(prepared: Prepared, filter: RowFilter<Row>, table: AnyTable | undefined): Promise<Row[]> {
    const start = performance.now();
    const out: Row[] = [];
    let failure: Error | undefined;
    try {
      const connection = await this.#connect();
      const plan = await this.#readPlan(connection, prepared, table);
      const fields = plan.fields;
      if (this.#pageReader(plan) === undefined && fields !== undefined && connection.queryAll !== undefined) {
        const found = await this.#driverCall(prepared, () => connection.queryAll!(plan.sql));
        const decode = this.#decoder(plan, fields, table);
        for (let i = 0; i < found.length; i++) out.push(filter(decode(found[i]!.values()), i));
        return out;
      }
      // Over pages; or, not probed (a statement other than a plain query) or with a driver without queryAll, row by
      // row: #rows pushes the rows into `out` and reports them itself.
      await this.#rows(prepared, filter, table, plan, out).next();
      return out;
    } catch (error) {
      failure = error as Error;
      throw error;
    } finally {
      if (!delegated.has(prepared)) this.#report(prepared, performance.now() - start, failure === undefined ? out.length : 0, failure);
    }
  }

  /**
   * What to send to read a statement exactly. A plain query is probed first (`LIMIT 0`, exact-read.ts) for its
   * columns, and sent with those the driver would change in an exact form; any other statement is sent as it is. A
   * probe that fails (the statement is wrong, say) leaves the statement to be sent as it is, to fail with its own error.
   */
  async #readPlan(connection: DriverConnection, prepared: Prepared, table: AnyTable | undefined): Promise<ReadPlan> {
    const probe = probeQuery(prepared.sql);
    if (probe === undefined) return { sql: prepared.sql, fields: undefined, forms: undefined };
    let fields: DriverField[];
    try {
      const result = await connection.queryIter(probe);
      fields = result.schema().fields();
      result.close();
    } catch {
      return { sql: prepared.sql, fields: undefined, forms: undefined };
    }
    const forms = exactForms(fields, table?.columns);
    const exact =
      forms === undefined
        ? undefined
        : exactQuery(
            prepared.sql,
            fields.map((f) => f.name),
            forms,
          );
    return exact === undefined ? { sql: prepared.sql, fields, forms: undefined } : { sql: exact, fields, forms };
  }

  /**
   * The page reader of stream() and query(), for a plain query whose columns were probed, when the client runs on the real driver
   * (a stand-in has no server to read from), its DSN can be read (dsn.ts `httpEndpoint`), no statement has changed
   * the driver's session beyond the DSN's, and every column's text converts to the driver's value (text-values.ts).
   */
  #pageReader(plan: ReadPlan): HttpReader | undefined {
    if (plan.fields === undefined || this.#driver !== undefined || this.#sessionChanged) return undefined;
    if (!plan.fields.every((field, i) => textCellReader(sentType(field, plan.forms?.[i]), this.#zone) !== undefined)) return undefined;
    if (this.#reader === undefined) {
      const endpoint = httpEndpoint(this.#dsn);
      if (endpoint === undefined) return undefined;
      this.#reader = new HttpReader(endpoint);
    }
    return this.#reader;
  }

  /**
   * The row decoder: by the probed columns when the statement was sent in an exact form (whose own columns have the
   * converted types), else by the result's own columns.
   */
  #decoder(plan: ReadPlan, resultFields: readonly DriverField[], table: AnyTable | undefined): (values: readonly unknown[]) => Record<string, unknown> {
    const fields = plan.forms !== undefined && plan.fields !== undefined ? plan.fields : resultFields;
    return rowDecoder(fields, { columns: table?.columns, forms: plan.forms, zone: this.#zone });
  }

  #report(prepared: Prepared, durationMs: number, rows: number, error: Error | undefined): void {
    const event = { sql: prepared.masked, durationMs, rows };
    this.#observe?.(error === undefined ? event : { ...event, error });
  }

  async #driverCall<T>(prepared: Prepared, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw classifyDriverError(error, this.#context(prepared));
    }
  }

  #context(prepared: Prepared | undefined): FailureContext {
    return { sql: prepared?.masked, secrets: [...this.#secretsSent, ...(prepared?.secrets ?? [])], target: maskDsn(this.#dsn) };
  }

  #connect(): Promise<DriverConnection> {
    this.#connection ??= this.#open().catch((error: unknown) => {
      this.#connection = undefined;
      throw error;
    });
    return this.#connection;
  }

  async #open(): Promise<DriverConnection> {
    const driver = this.#driver ?? (await loadDriver());
    // A test's fake driver answers without a server: the check is for the real one.
    const address = this.#driver === undefined && this.#reach.timeoutMs > 0 ? serverAddress(this.#dsn) : undefined;
    if (address !== undefined) await checkReachable(address, this.#reach);
    try {
      return await new driver.Client(this.#dsn).getConn();
    } catch (error) {
      throw classifyDriverError(error, this.#context(undefined));
    }
  }
}

/** How a statement is read: the SQL sent, and when it was probed, its own columns and their exact forms. */
interface ReadPlan {
  readonly sql: string;
  readonly fields: DriverField[] | undefined;
  readonly forms: (ExactForm | undefined)[] | undefined;
}

/** The type a probed column arrives in once read in its exact form. */
function sentType(field: DriverField, form: ExactForm | undefined): string {
  if (form === undefined) return field.dataType;
  const nullable = /^Nullable\(/.test(field.dataType);
  const type = form === 'text' ? 'String' : 'Variant';
  return nullable ? `Nullable(${type})` : type;
}

/**
 * The reader of a page's rows: each cell to the driver's value (text-values.ts), then the row through the same
 * decoder as the driver's rows, by the probed columns. Undefined when the page's columns are not the probed ones or
 * one of them has no exact reader.
 */
function pageDecoder(
  page: QueryPage,
  plan: ReadPlan,
  zone: string,
  table: AnyTable | undefined,
): ((cells: readonly (string | null)[]) => Record<string, unknown>) | undefined {
  const fields = plan.fields;
  if (fields === undefined || page.schema.length !== fields.length || page.schema.some((c, i) => c.name !== fields[i]!.name)) return undefined;
  const readers: CellReader[] = [];
  for (const column of page.schema) {
    const reader = textCellReader(column.type, page.timezone ?? 'UTC');
    if (reader === undefined) return undefined;
    readers.push(reader);
  }
  const decode = rowDecoder(fields, { columns: table?.columns, forms: plan.forms, zone });
  const width = readers.length;
  return (cells) => {
    const values = new Array<unknown>(width);
    for (let i = 0; i < width; i++) values[i] = readers[i]!(cells[i] ?? null);
    return decode(values);
  };
}

/** Statements whose rows #allRows left to #rows, which reports them to observe itself. */
const delegated = new WeakSet<Prepared>();

function exactForms(fields: readonly DriverField[], columns: Columns | undefined): (ExactForm | undefined)[] | undefined {
  const forms = fields.map((field) => exactFormOf(parseType(field.dataType), declaredType(columns, field.name)));
  return forms.every((form) => form === undefined) ? undefined : forms;
}

/** A declared column's type, by own key only: a result column named `constructor` is not Object.prototype's. */
function declaredType(columns: Columns | undefined, name: string): DataType | undefined {
  return columns !== undefined && Object.hasOwn(columns, name) ? columns[name]!.spec.type : undefined;
}

/**
 * copy() and list() read their results as a COPY's and a LIST's: they take only those statements, built (SQL text
 * would run as it is, and its rows be read as file reports).
 */
function checkBuilt(statement: unknown, kind: string, call: string, example: string): void {
  const built =
    typeof statement === 'object' &&
    statement !== null &&
    typeof (statement as Partial<Compilable>).toNode === 'function' &&
    typeof (statement as Partial<Compilable>).compile === 'function';
  check(
    built && (statement as Compilable).toNode().kind === kind,
    'invalid_type',
    call,
    () => `the statement must be built with ${example}, not ${describeValue(statement)}`,
    'statement',
  );
}

/** `{ table, validate }`: a declared table, and true, false or a schema with parse(). */
function checkQueryOptions(options: unknown): void {
  const call = 'client.query()';
  checkRecord(options, call, 'options', ['table', 'validate']);
  if (options.table !== undefined) checkTable(options.table, call, 'table');
  const validate = options.validate;
  check(
    validate === undefined ||
      typeof validate === 'boolean' ||
      (typeof validate === 'object' && validate !== null && typeof (validate as { parse?: unknown }).parse === 'function'),
    'invalid_type',
    call,
    () => `validate must be true, false or a schema with parse() (a zod schema), not ${describeValue(validate)}`,
    'validate',
  );
}

export const CLIENT_OPTION_KEYS: readonly string[] = ['dsn', 'timezone', 'observe', 'dryRun', 'driver', 'connectTimeoutMs', 'connectRetries'];
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_CONNECT_RETRIES = 2;
/** A number as written (the rule is about its value), anything else by its kind. */
const shownNumber = (value: unknown) => (typeof value === 'number' ? String(value) : describeValue(value));
/** The longest delay setTimeout keeps. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** The options' shapes, at run time: a bad time zone would only fail at login, a string dryRun would be truthy. */
export function checkClientOptions(options: ClientOptions, call: CallSite = 'createClient()', keys: readonly string[] = CLIENT_OPTION_KEYS): void {
  checkRecord(options, call, 'options', keys);
  checkNonEmptyString(options.dsn, call, 'dsn must be a non-empty string such as databend://user:password@host:8000/db', 'dsn');
  if (options.timezone !== undefined) {
    check(
      isTimeZone(options.timezone),
      typeof options.timezone === 'string' ? 'invalid_format' : 'invalid_type',
      call,
      "timezone must be an IANA time zone name such as 'UTC' or 'Asia/Shanghai'",
      'timezone',
    );
  }
  if (options.dryRun !== undefined) checkBoolean(options.dryRun, call, 'dryRun');
  const { connectTimeoutMs, connectRetries } = options;
  if (connectTimeoutMs !== undefined) {
    checkInteger(
      connectTimeoutMs,
      0,
      MAX_TIMEOUT_MS,
      call,
      () => `connectTimeoutMs must be an integer 0..${MAX_TIMEOUT_MS} (0: no check), not ${shownNumber(connectTimeoutMs)}`,
      'connectTimeoutMs',
    );
  }
  if (connectRetries !== undefined)
    checkInteger(connectRetries, 0, 10, call, () => `connectRetries must be an integer 0..10, not ${shownNumber(connectRetries)}`, 'connectRetries');
  check(options.observe === undefined || typeof options.observe === 'function', 'invalid_type', call, 'observe must be a function', 'observe');
  const driver: unknown = options.driver;
  check(
    driver === undefined || (typeof driver === 'object' && driver !== null && typeof (driver as { Client?: unknown }).Client === 'function'),
    'invalid_type',
    call,
    'driver must be the databend-driver module (an object with a Client class)',
    'driver',
  );
}

/**
 * The declared table of a query: the `table` option, or the table a typed stage query was built from. Typed loosely
 * on purpose: comparing the builder's or the option's generic table types sends the checker into TS2589.
 */
function tableOf(options: { readonly table?: unknown }, statement: unknown): AnyTable | undefined {
  const table: unknown =
    options.table !== undefined ? options.table : statement instanceof SelectStageBuilder ? (statement as { readonly rowTable: unknown }).rowTable : undefined;
  return table as AnyTable | undefined;
}

async function* emptyIterable<Row>(): AsyncGenerator<Row> {}

/**
 * Creates a client for one Databend session. Nothing is loaded or sent until the first statement; databend-driver
 * (an optional peer) is loaded then.
 *
 * @example
 * const client = createClient({ dsn: 'databend://root:@localhost:8000/default?sslmode=disable' });
 * await client.execute(createTable(frameEvents).ifNotExists());
 * const rows = await client.query('SELECT * FROM frame_events LIMIT 10', { table: frameEvents });
 * await client.close();
 */
export function createClient(options: ClientOptions): DatabendClient {
  return new DatabendClient(options);
}
