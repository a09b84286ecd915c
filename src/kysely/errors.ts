import { ValidationError } from '../errors.js';

/**
 * A Kysely construct Databend has no SQL for (RETURNING, ON CONFLICT, FOR UPDATE, ...), refused while the query is
 * compiled, before anything is sent. `construct` names the Kysely method or clause; `code` is 'VALIDATION' like every
 * programmer error of the SDK.
 */
export class UnsupportedByDatabendError extends ValidationError {
  readonly construct: string;

  constructor(construct: string, rule: string) {
    super('unsupported', `DatabendDialect: ${construct}`, rule, construct);
    this.construct = construct;
  }
}
