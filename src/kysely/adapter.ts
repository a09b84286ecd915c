import { DialectAdapterBase } from 'kysely';

/** What Databend supports of Kysely's optional features: no RETURNING, no transactional DDL, no migration lock. */
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

  // Databend has no advisory locks; Kysely's migrator runs unlocked on it.
  override async acquireMigrationLock(): Promise<void> {}

  override async releaseMigrationLock(): Promise<void> {}
}
