// The objects a statement names by reference (a table, a stream), checked once here for every builder.
import type { ObjectName } from '../ast/common.js';
import { check, describeValue, type CallSite } from '../checks.js';
import { checkIdentifier } from '../schema/identifier.js';
import { tableName } from '../schema/lower.js';
import { checkTable, type AnyTable } from '../schema/table.js';

/** A table by its declaration or its name. */
export type TableRef = AnyTable | string;

/** A stream by its name, or anything with a `name` and an optional `database` (such as a createStream builder). */
export type StreamRef = string | ObjectName;

export function tableRef(table: TableRef, call: CallSite): ObjectName {
  if (typeof table !== 'string') {
    checkTable(table, call, 'table');
    return tableName(table);
  }
  checkIdentifier(table, call, 'table name');
  return { name: table };
}

export function streamRef(stream: StreamRef, call: CallSite): ObjectName {
  check(
    typeof stream === 'string' || (typeof stream === 'object' && stream !== null),
    'invalid_type',
    call,
    () => `stream must be a stream name or { name, database? } (a createStream builder), not ${describeValue(stream)}`,
    'stream',
  );
  const ref = typeof stream === 'string' ? { name: stream } : stream;
  checkIdentifier(ref.name, call, 'stream name');
  if (ref.database === undefined) return { name: ref.name };
  checkIdentifier(ref.database, call, 'database');
  return { database: ref.database, name: ref.name };
}
