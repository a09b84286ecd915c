// Run-time checks of what callers hand the Kysely entry: the dialect's config and the helpers' arguments. Callers
// without types (plain JavaScript, values from request bodies) get a ValidationError naming the call and the field,
// never a TypeError from inside Kysely, and no object is trusted for its shape: a source of SQL must be one of the
// SDK's builders or a Kysely expression (an object with a toOperationNode function, which JSON cannot make).
import { isOperationNodeSource, type Expression } from 'kysely';
import { SelectStageBuilder } from '../builders/select-stage.js';
import { checkClientOptions, CLIENT_OPTION_KEYS, DatabendClient } from '../client/client.js';
import { check, checkInteger, checkNonEmptyString, checkPlainObject, checkRecord, describeValue, type CallSite } from '../checks.js';
import { Table, type AnyTable } from '../schema/table.js';
import type { DatabendDialectConfig } from './dialect.js';
import type { ConnectionSource } from './driver.js';

const DIALECT = 'new DatabendDialect()';

/** A client of the SDK, by class: the dialect and its driver take no object that only looks like one. */
export function checkClient(client: unknown, call: CallSite, field: string): asserts client is DatabendClient {
  check(
    client instanceof DatabendClient,
    'invalid_type',
    call,
    () => `${field} must be a client of the SDK (createClient()), not ${describeValue(client)}`,
    field,
  );
}

function checkMaxConnections(maxConnections: unknown, call: CallSite): asserts maxConnections is number {
  checkInteger(
    maxConnections,
    1,
    Number.MAX_SAFE_INTEGER,
    call,
    () => `maxConnections must be a positive integer, not ${describeValue(maxConnections)}`,
    'maxConnections',
  );
}

/** The driver's source, `{ client }` or `{ createClient, maxConnections }`, copied. */
export function checkConnectionSource(source: unknown, call: string): ConnectionSource {
  checkPlainObject(source, call, 'source');
  if (Object.hasOwn(source, 'client')) {
    checkRecord(source, call, 'source', ['client']);
    checkClient(source.client, call, 'client');
    return { client: source.client };
  }
  checkRecord(source, call, 'source', ['createClient', 'maxConnections']);
  const { createClient, maxConnections } = source;
  check(typeof createClient === 'function', 'invalid_type', call, 'source takes client, or createClient (a function) and maxConnections', 'createClient');
  checkMaxConnections(maxConnections, call);
  return { createClient: createClient as () => DatabendClient, maxConnections };
}

/** The declared tables, as a list of Table instances or a record of them (own keys only), copied. */
export function checkTables(tables: unknown, call: CallSite): readonly AnyTable[] {
  const list: unknown[] = Array.isArray(tables) ? [...(tables as unknown[])] : (checkPlainObject(tables, call, 'tables'), Object.values(tables));
  list.forEach((table, i) =>
    check(
      table instanceof Table,
      'invalid_type',
      call,
      () => `tables must hold the SDK's table() declarations; item ${i} is ${describeValue(table)}`,
      'tables',
    ),
  );
  return list as AnyTable[];
}

/**
 * Checks the dialect's config and returns a copy, so that a caller changing its object later changes nothing. Either
 * `client` (a client of the SDK) or the client options (`dsn`, ...) with `maxConnections`; `tables` with both.
 */
export function checkDialectConfig(given: unknown): DatabendDialectConfig {
  checkPlainObject(given, DIALECT, 'config');
  // Copied first: each key is read once, so a getter cannot pass the check with one value and be used with another.
  const config: Record<string, unknown> = { ...given };
  const tables = config.tables === undefined ? undefined : checkTables(config.tables, DIALECT);
  if (Object.hasOwn(config, 'client')) {
    for (const key of Object.keys(config))
      check(
        key === 'client' || key === 'tables',
        'conflict',
        DIALECT,
        () => `config takes either client or the client options, not both ('${key}' given with client)`,
        key,
      );
    checkClient(config.client, DIALECT, 'client');
    return { client: config.client, ...(tables === undefined ? {} : { tables }) };
  }
  const { tables: _tables, maxConnections, ...options } = config;
  checkClientOptions(options as never, DIALECT, [...CLIENT_OPTION_KEYS, 'client', 'maxConnections', 'tables']);
  if (maxConnections !== undefined) checkMaxConnections(maxConnections, DIALECT);
  return {
    ...(options as object),
    ...(maxConnections === undefined ? {} : { maxConnections }),
    ...(tables === undefined ? {} : { tables }),
  } as DatabendDialectConfig;
}

/**
 * A column: its name (a string), or a Kysely expression. Kysely reads a name as `column`, `table.column` or
 * `schema.table.column` and trims each part: more parts, an empty one or one with white space at an end would be an
 * Error from Kysely or a name changed silently.
 */
export function checkColumn(column: unknown, call: CallSite): asserts column is string | Expression<unknown> {
  if (isOperationNodeSource(column)) return;
  checkNonEmptyString(column, call, () => `the column must be a column name or a Kysely expression (eb.ref(...)), not ${describeValue(column)}`, 'column');
  const parts = column.split('.');
  check(parts.length <= 3, 'invalid_format', call, 'a column name is column, table.column or schema.table.column (at most two dots)', 'column');
  if (parts.length > 1)
    check(
      parts.every((part) => part.length > 0 && part.trim() === part),
      'invalid_format',
      call,
      'each part of a dotted column name must be non-empty, without white space at its ends',
      'column',
    );
}

/** An expression given where SQL goes: Kysely's, never an object that only looks like one. */
export function isKyselyExpression(value: unknown): value is Expression<unknown> {
  return isOperationNodeSource(value);
}

/** A source for fromStage(): the SDK's stage SELECT, by class, not by a `compile` property. */
export function checkStageSource(source: unknown, call: CallSite): asserts source is SelectStageBuilder<object, never> {
  check(
    source instanceof SelectStageBuilder,
    'invalid_type',
    call,
    () => `fromStage takes (stage, path, table, alias) or (selectFromStage(...), alias), not ${describeValue(source)}`,
    'source',
  );
}
