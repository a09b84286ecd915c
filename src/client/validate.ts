import { RowValidationError, ValidationError } from '../errors.js';
import type { AnyTable } from '../schema/table.js';
import { selectSchema } from '../schema/zod.js';
import type { QueryOptions, RowSchema } from './types.js';

/** Turns a decoded row into the caller's row: as it is, or checked by a schema. */
export type RowFilter<Row> = (row: Record<string, unknown>, index: number) => Row;

/** The row filter `options.validate` asks for; throws ValidationError for `validate: true` without a table. */
export function rowFilter<Row>(options: QueryOptions<Row>): RowFilter<Row> {
  const { table, validate } = options;
  if (validate === undefined || validate === false) return (row) => row as Row;
  if (validate === true && table === undefined) {
    throw new ValidationError('missing', 'client.query()', 'validate: true needs the table option (or pass a schema to validate)', 'validate');
  }
  // Typed loosely on purpose: instantiating selectSchema over `any` columns is too deep for the checker.
  const schema = validate === true ? (selectSchema as unknown as (t: AnyTable) => RowSchema<Row>)(table!) : validate;
  return (row, index) => {
    try {
      return schema.parse(row);
    } catch (error) {
      throw new RowValidationError(index, { cause: error });
    }
  };
}
