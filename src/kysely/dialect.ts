import type { DatabaseIntrospector, Dialect, DialectAdapter, Driver, Kysely, QueryCompiler } from 'kysely';
import { createClient, type DatabendClient } from '../client/client.js';
import type { ClientOptions } from '../client/types.js';
import { DatabendAdapter } from './adapter.js';
import { DatabendKyselyDriver } from './driver.js';
import { DatabendIntrospector } from './introspector.js';
import { DatabendQueryCompiler } from './query-compiler.js';

/** A client of the SDK to run on (closed by you), or the options to make one (closed by `db.destroy()`). */
export type DatabendDialectConfig = { readonly client: DatabendClient } | ClientOptions;

/**
 * Kysely for Databend, over the SDK's client.
 *
 * @example
 * const db = new Kysely<KyselyDatabase<typeof everdriveTables>>({ dialect: new DatabendDialect({ dsn }) });
 * await db.selectFrom('frame_events').select(['frame_id', 'risk_score']).where('risk_score', '>', 0.9).execute();
 * // SELECT frame_id, risk_score FROM frame_events WHERE risk_score > 0.9
 */
export class DatabendDialect implements Dialect {
  readonly #config: DatabendDialectConfig;

  constructor(config: DatabendDialectConfig) {
    this.#config = config;
  }

  createAdapter(): DialectAdapter {
    return new DatabendAdapter();
  }

  createDriver(): Driver {
    if ('client' in this.#config) return new DatabendKyselyDriver(this.#config.client, false);
    return new DatabendKyselyDriver(createClient(this.#config), true);
  }

  createQueryCompiler(): QueryCompiler {
    return new DatabendQueryCompiler();
  }

  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new DatabendIntrospector(db);
  }
}
