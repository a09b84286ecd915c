import { DialectAdapterBase } from 'kysely';

/**
 * What Databend supports of Kysely's optional features: no RETURNING, no transactional DDL (CREATE TABLE inside a
 * transaction stays after ROLLBACK), no migration lock.
 */
export class DatabendAdapter extends DialectAdapterBase {
  override get supportsReturning(): boolean {
    return false;
  }

  override get supportsTransactionalDdl(): boolean {
    return false;
  }

  override get supportsCreateIfNotExists(): boolean {
    return true;
  }

  // Databend has no advisory locks; Kysely's Migrator cannot run anyway (its tables need a PRIMARY KEY).
  override async acquireMigrationLock(): Promise<void> {}

  override async releaseMigrationLock(): Promise<void> {}
}
