import {
  AliasNode,
  CompiledQuery,
  TableNode,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type RootOperationNode,
  type TransactionSettings,
} from 'kysely';
import { DatabendClient } from '../client/client.js';
import type { AnyTable } from '../schema/table.js';
import { check, checkInteger, describeValue } from '../checks.js';
import { ValidationError } from '../errors.js';
import { checkConnectionSource, checkTables } from './checks.js';
import { UnsupportedByDatabendError } from './errors.js';
import type { DatabendTables } from './values.js';

/** Declared tables by the name a query's FROM gives them (`name`, and `database.name` for a table with a database). */
type TablesByName = ReadonlyMap<string, AnyTable>;

function tablesByName(tables: DatabendTables | undefined): TablesByName {
  const byName = new Map<string, AnyTable>();
  for (const table of Object.values(tables ?? {}) as AnyTable[]) {
    byName.set(table.name, table);
    if (table.options.database !== undefined) byName.set(`${table.options.database}.${table.name}`, table);
  }
  return byName;
}

/**
 * The declared table a SELECT reads, when it reads exactly one declared table and joins nothing: its columns decode
 * as declared (named TUPLEs as objects, BIGINT in its mode), as `client.query(..., { table })` does.
 */
function readTable(node: RootOperationNode, tables: TablesByName): AnyTable | undefined {
  if (tables.size === 0 || node.kind !== 'SelectQueryNode' || (node.joins?.length ?? 0) > 0) return undefined;
  const froms = node.from?.froms ?? [];
  const from = froms.length === 1 ? froms[0] : undefined;
  const table = from !== undefined && AliasNode.is(from) ? from.node : from;
  if (table === undefined || !TableNode.is(table)) return undefined;
  const { schema, identifier } = table.table;
  return tables.get(schema === undefined ? identifier.name : `${schema.name}.${identifier.name}`);
}

/** Statements whose answer is rows; the others report the rows they wrote. */
const ROW_QUERIES: ReadonlySet<string> = new Set(['SelectQueryNode', 'RawNode']);

function returnsRows(query: CompiledQuery): boolean {
  return ROW_QUERIES.has(query.query.kind) || (query.query as { explain?: unknown }).explain !== undefined;
}

/**
 * One Kysely connection: one DatabendClient, so one Databend session. Statements go through the client, with its
 * decoding, typed errors and credential masking; compiled queries never carry parameters (values are inlined).
 */
export class DatabendConnection implements DatabaseConnection {
  readonly client: DatabendClient;
  readonly #tables: TablesByName;

  constructor(client: DatabendClient, tables: TablesByName = new Map()) {
    this.client = client;
    this.#tables = tables;
  }

  #rows<R>(query: CompiledQuery): AsyncIterable<R> {
    const table = readTable(query.query, this.#tables);
    return table === undefined ? this.client.stream<R>(query.sql) : (this.client.stream(query.sql, { table }) as AsyncIterable<R>);
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    check(
      query.parameters.length === 0,
      'unsupported',
      'DatabendDialect',
      'a compiled query carries parameters; only DatabendQueryCompiler output (values inlined) can run',
    );
    if (returnsRows(query)) {
      const table = readTable(query.query, this.#tables);
      return { rows: table === undefined ? await this.client.query<R>(query.sql) : ((await this.client.query(query.sql, { table })) as R[]) };
    }
    const result = await this.client.execute(query.sql);
    return { rows: [], numAffectedRows: BigInt(result.rowsAffected) };
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize = 1000): AsyncIterableIterator<QueryResult<R>> {
    check(
      query.parameters.length === 0,
      'unsupported',
      'DatabendDialect',
      'a compiled query carries parameters; only DatabendQueryCompiler output (values inlined) can run',
    );
    checkInteger(chunkSize, 1, Number.MAX_SAFE_INTEGER, 'DatabendDialect: stream()', 'chunkSize must be a positive integer');
    let chunk: R[] = [];
    for await (const row of this.#rows<R>(query)) {
      chunk.push(row);
      if (chunk.length >= chunkSize) {
        yield { rows: chunk };
        chunk = [];
      }
    }
    if (chunk.length > 0) yield { rows: chunk };
  }
}

/** Where the driver's connections come from: one client you own, or clients it creates and closes. */
export type ConnectionSource = { readonly client: DatabendClient } | { readonly createClient: () => DatabendClient; readonly maxConnections: number };

/**
 * Kysely's driver over the SDK's client. Each connection is one client and so one Databend session, held by one
 * caller at a time: a transaction's BEGIN, statements and COMMIT run in the same session. With a client of yours
 * there is one connection, and queries wait for each other; with a DSN, up to `maxConnections` sessions are opened
 * as needed and closed by `db.destroy()`.
 */
export class DatabendKyselyDriver implements Driver {
  readonly #source: ConnectionSource;
  readonly #all: DatabendConnection[] = [];
  readonly #idle: DatabendConnection[] = [];
  readonly #waiting: { resolve: (connection: DatabendConnection) => void; reject: (error: Error) => void }[] = [];
  #destroyed = false;

  readonly #tables: TablesByName;

  constructor(source: ConnectionSource, tables?: DatabendTables) {
    const call = 'new DatabendKyselyDriver()';
    this.#tables = tablesByName(tables === undefined ? undefined : checkTables(tables, call));
    this.#source = checkConnectionSource(source, call);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    check(!this.#destroyed, 'conflict', 'DatabendDialect', 'the Kysely instance was destroyed');
    const idle = this.#idle.pop();
    if (idle !== undefined) return idle;
    const source = this.#source;
    const max = 'client' in source ? 1 : source.maxConnections;
    if (this.#all.length < max) {
      const client = 'client' in source ? source.client : source.createClient();
      check(
        client instanceof DatabendClient,
        'invalid_type',
        'DatabendKyselyDriver',
        () => `createClient must return a client of the SDK (createClient()), not ${describeValue(client)}`,
        'createClient',
      );
      const connection = new DatabendConnection(client, this.#tables);
      this.#all.push(connection);
      return connection;
    }
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const next = this.#waiting.shift();
    if (next !== undefined) next.resolve(connection as DatabendConnection);
    else this.#idle.push(connection as DatabendConnection);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    if (settings.isolationLevel !== undefined || settings.accessMode !== undefined) {
      throw new UnsupportedByDatabendError(
        'setIsolationLevel() / setAccessMode()',
        'Databend has no isolation levels or access modes to set (a transaction reads one snapshot)',
      );
    }
    await connection.executeQuery(CompiledQuery.raw('BEGIN'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }

  async savepoint(): Promise<void> {
    throw new UnsupportedByDatabendError('savepoint()', 'Databend has no SAVEPOINT (1005 "expecting SQL statement")');
  }

  async rollbackToSavepoint(): Promise<void> {
    throw new UnsupportedByDatabendError('rollbackToSavepoint()', 'Databend has no SAVEPOINT');
  }

  async releaseSavepoint(): Promise<void> {
    throw new UnsupportedByDatabendError('releaseSavepoint()', 'Databend has no SAVEPOINT');
  }

  async destroy(): Promise<void> {
    this.#destroyed = true;
    for (const waiter of this.#waiting.splice(0))
      waiter.reject(new ValidationError('conflict', 'DatabendDialect', 'the Kysely instance was destroyed while a query waited for a connection'));
    const owned = 'client' in this.#source ? [] : this.#all.splice(0);
    this.#idle.length = 0;
    await Promise.all(owned.map((connection) => connection.client.close()));
  }
}
