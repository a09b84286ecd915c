import type { DatabaseIntrospector, Dialect, DialectAdapter, Driver, Kysely, QueryCompiler } from 'kysely';
import { createClient, type DatabendClient } from '../client/client.js';
import type { ClientOptions } from '../client/types.js';
import { DatabendAdapter } from './adapter.js';
import { checkDialectConfig } from './checks.js';
import { DatabendKyselyDriver } from './driver.js';
import { DatabendIntrospector } from './introspector.js';
import { DatabendQueryCompiler } from './query-compiler.js';
import type { DatabendTables } from './values.js';

export interface DialectTables {
  /**
   * The SDK's table declarations (the ones `KyselyDatabase` is made from). Values written to their columns then
   * follow the declared types: a JSON string into a VARIANT goes through PARSE_JSON (bare, Databend would parse the
   * text as JSON), a MAP or TUPLE gets its own literal. Without them, values follow their JavaScript type.
   */
  readonly tables?: DatabendTables;
}

/**
 * A client of the SDK to run on: one session, so queries take turns, and you close it. Or the client options
 * (`dsn`, `timezone`, `observe`): the dialect opens up to `maxConnections` sessions (default 4) as queries need
 * them, and `db.destroy()` closes them.
 */
export type DatabendDialectConfig = DialectTables & ({ readonly client: DatabendClient } | (ClientOptions & { readonly maxConnections?: number }));

const DEFAULT_MAX_CONNECTIONS = 4;

/**
 * Kysely's dialect for Databend, over the SDK's client.
 *
 * @example
 * const db = new Kysely<KyselyDatabase<typeof everdriveTables>>({
 *   dialect: new DatabendDialect({ dsn, tables: everdriveTables }),
 * });
 * await db.selectFrom('frame_events').select(['frame_id', 'risk_score']).where('risk_score', '>', 0.9).execute();
 * // select frame_id, risk_score from frame_events where risk_score > 0.9
 */
export class DatabendDialect implements Dialect {
  readonly #config: DatabendDialectConfig;

  constructor(config: DatabendDialectConfig) {
    this.#config = checkDialectConfig(config);
  }

  createAdapter(): DialectAdapter {
    return new DatabendAdapter();
  }

  createDriver(): Driver {
    const config = this.#config;
    if ('client' in config) return new DatabendKyselyDriver({ client: config.client }, config.tables);
    const { tables, maxConnections, ...options } = config;
    return new DatabendKyselyDriver({ createClient: () => createClient(options), maxConnections: maxConnections ?? DEFAULT_MAX_CONNECTIONS }, tables);
  }

  createQueryCompiler(): QueryCompiler {
    return new DatabendQueryCompiler(this.#config.tables === undefined ? {} : { tables: this.#config.tables });
  }

  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new DatabendIntrospector(db);
  }
}
