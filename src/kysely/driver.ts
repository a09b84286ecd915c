import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult } from 'kysely';
import type { DatabendClient } from '../client/client.js';

/** Statements whose answer is rows; everything else reports rows affected. */
const ROW_QUERIES = new Set(['SelectQueryNode', 'RawNode']);

/** One Kysely connection over the SDK's client: every statement goes through its decoding, errors and masking. */
class DatabendConnection implements DatabaseConnection {
  readonly #client: DatabendClient;

  constructor(client: DatabendClient) {
    this.#client = client;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (ROW_QUERIES.has(query.query.kind)) return { rows: (await this.#client.query(query.sql)) as R[] };
    const result = await this.#client.execute(query.sql);
    return { rows: [], numAffectedRows: BigInt(result.rowsAffected) };
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize = 1000): AsyncIterableIterator<QueryResult<R>> {
    let chunk: R[] = [];
    for await (const row of this.#client.stream(query.sql)) {
      chunk.push(row as R);
      if (chunk.length >= chunkSize) {
        yield { rows: chunk };
        chunk = [];
      }
    }
    if (chunk.length > 0) yield { rows: chunk };
  }
}

/**
 * Kysely's driver over one DatabendClient. The client holds one session (transactions need it sticky), so
 * connections are handed out one at a time: a second acquire waits for the release of the first.
 */
export class DatabendKyselyDriver implements Driver {
  readonly #client: DatabendClient;
  readonly #ownsClient: boolean;
  readonly #connection: DatabendConnection;
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | undefined;

  constructor(client: DatabendClient, ownsClient: boolean) {
    this.#client = client;
    this.#ownsClient = ownsClient;
    this.#connection = new DatabendConnection(client);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue;
    let release!: () => void;
    this.#queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.#release = release;
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }

  async destroy(): Promise<void> {
    if (this.#ownsClient) await this.#client.close();
  }
}
