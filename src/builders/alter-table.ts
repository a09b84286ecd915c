import { cloneAlterTable, type AlterTableAction, type AlterTableStmt, type ColumnPosition } from '../ast/alter-table.js';
import type { ObjectName } from '../ast/common.js';
import { CLUSTER_TYPES, type ClusterKey, type ClusterType, type ColumnDefinition, type TableEngineOptions } from '../ast/ddl.js';
import { isSqlFragment } from '../ast/expression.js';
import { argText, check, checkBoolean, checkList, checkPlainObject, checkRecord, checkString, describeValue, type CallSite } from '../checks.js';
import { NOT_A_BARE_COLUMN } from '../grammar/keywords.js';
import { Column, type AnyColumn } from '../schema/column.js';
import { checkIdentifier, checkPlainName } from '../schema/identifier.js';
import { RESERVED_WORDS } from '../grammar/reserved-words.js';
import { checkColumnName, checkEngineOptions, checkOptionName } from '../schema/table.js';
import { CreateConnectionBuilder, type StorageType } from './create-connection.js';
import { checkObjectName } from './create-object.js';
import { streamPoint, type StreamStart } from './create-stream.js';
import { tableRef, type TableRef } from './refs.js';
import { StatementBuilder, made } from './statement-builder.js';

/** `addColumn()`'s options: IF NOT EXISTS, and where the column goes (the end unless FIRST or AFTER). */
export interface AddColumnOptions {
  readonly ifNotExists?: boolean;
  readonly first?: boolean;
  readonly after?: string;
}

/**
 * ALTER TABLE with one action (Databend takes one per statement).
 *
 * @example
 * alterTable(frameEvents).addColumn('lane', string().comment('lane id'), { after: 'frame_id' }).ifExists()
 * // ALTER TABLE IF EXISTS frame_events ADD COLUMN lane STRING NULL COMMENT 'lane id' AFTER frame_id
 */
export class AlterTableBuilder extends StatementBuilder<AlterTableStmt> {
  /**
   * ALTER TABLE IF EXISTS: nothing happens when the table is missing. The pinned engine honours it for RENAME TO and
   * COMMENT only; the column, option and cluster key actions still fail with 1025 (docs/engine-facts.md).
   */
  ifExists(): AlterTableBuilder {
    return new AlterTableBuilder(made(cloneAlterTable(this.node, { ifExists: true })));
  }
}

/** ALTER TABLE: name the action. */
export interface AlterTableStart {
  /** `ADD COLUMN [IF NOT EXISTS] name <column> [FIRST | AFTER other]`, from a column function: `int().notNull().default(0)`. */
  addColumn(name: string, column: AnyColumn, options?: AddColumnOptions): AlterTableBuilder;
  /** `DROP COLUMN name`. */
  dropColumn(name: string): AlterTableBuilder;
  /** `MODIFY COLUMN name <type> [NOT NULL] [DEFAULT ...] [COMMENT '...']`: a new type, nullability, DEFAULT and comment. */
  modifyColumn(name: string, column: AnyColumn): AlterTableBuilder;
  /**
   * `MODIFY COLUMN a <column>, COLUMN b <column>, ...`: several columns changed in one statement, each as `modifyColumn()`.
   *
   * @example
   * alterTable('people').modifyColumns({ age: bigint().default(18), email: string().default('') })
   * // ALTER TABLE people MODIFY COLUMN age BIGINT NULL DEFAULT 18, COLUMN email STRING NULL DEFAULT ''
   */
  modifyColumns(columns: Readonly<Record<string, AnyColumn>>): AlterTableBuilder;
  /** `MODIFY COLUMN name COMMENT '...'`: the comment alone, the type kept. */
  modifyColumnComment(name: string, comment: string): AlterTableBuilder;
  /** `RENAME COLUMN from TO to`. */
  renameColumn(from: string, to: string): AlterTableBuilder;
  /** `RENAME TO name`, in the same database. */
  renameTo(name: string): AlterTableBuilder;
  /** `SET OPTIONS (key = value, ...)`: Fuse options such as `{ block_per_segment: 500 }`. */
  setOptions(options: TableEngineOptions): AlterTableBuilder;
  /**
   * `UNSET OPTIONS (key, ...)`: Fuse options back to their defaults.
   *
   * @example
   * alterTable('fuse_table').unsetOptions(['block_per_segment'])   // ALTER TABLE fuse_table UNSET OPTIONS (block_per_segment)
   */
  unsetOptions(options: readonly string[]): AlterTableBuilder;
  /**
   * `SWAP WITH other`: this table and another of the same database exchange names (and so their columns and rows).
   *
   * @example
   * alterTable('t1').swapWith('t2')   // ALTER TABLE t1 SWAP WITH t2
   */
  swapWith(other: string): AlterTableBuilder;
  /**
   * `FLASHBACK TO (SNAPSHOT => 'id' | TIMESTAMP => expr | STREAM => name)`: the table back to a point of its history
   * (time travel; not for a TRANSIENT table).
   *
   * @example
   * alterTable('users').flashbackTo({ snapshot: 'c5c538d6b8bc42f483eefbddd000af7d' })
   * // ALTER TABLE "users" FLASHBACK TO (SNAPSHOT => 'c5c538d6b8bc42f483eefbddd000af7d')
   */
  flashbackTo(point: StreamStart): AlterTableBuilder;
  /** `CLUSTER BY [LINEAR | HILBERT] (keys)`: columns by name or expressions such as sql`to_date(ts)`. */
  clusterBy(keys: readonly ClusterKey[], type?: ClusterType): AlterTableBuilder;
  /** `DROP CLUSTER KEY`. */
  dropClusterKey(): AlterTableBuilder;
  /** `COMMENT = '...'`: the table's comment. */
  comment(text: string): AlterTableBuilder;
  /**
   * `CONNECTION = (CONNECTION_NAME = '...')`: a table over a URL location (`createTable(t).location(...)`) reaches
   * its storage through another connection, given by name or by its createConnection() builder.
   *
   * @example
   * alterTable('sales_data').connection('s3_role_conn')   // ALTER TABLE sales_data CONNECTION = (CONNECTION_NAME = 's3_role_conn')
   */
  connection(connection: string | CreateConnectionBuilder<StorageType>): AlterTableBuilder;
  /**
   * `MODIFY COLUMN c SET MASKING POLICY p [USING (c, cond, ...)]`: the column read through a masking policy (an
   * Enterprise feature). `using` lists the masked column first, then the columns the policy's condition reads.
   *
   * @example
   * alterTable('users').setMaskingPolicy('email', 'pii_email', { using: ['email', 'username'] })
   * // ALTER TABLE users MODIFY COLUMN email SET MASKING POLICY pii_email USING (email, username)
   */
  setMaskingPolicy(column: string, policy: string, options?: MaskingPolicyOptions): AlterTableBuilder;
  /**
   * `MODIFY COLUMN c UNSET MASKING POLICY`: the column's masking policy removed.
   *
   * @example
   * alterTable('users').unsetMaskingPolicy('email')   // ALTER TABLE users MODIFY COLUMN email UNSET MASKING POLICY
   */
  unsetMaskingPolicy(column: string): AlterTableBuilder;
  /**
   * `ADD ROW ACCESS POLICY p ON (c, ...)`: the rows filtered by a row access policy over these columns.
   *
   * @example
   * alterTable('employees').addRowAccessPolicy('rap_engineering', ['department'])
   * // ALTER TABLE employees ADD ROW ACCESS POLICY rap_engineering ON (department)
   */
  addRowAccessPolicy(policy: string, columns: readonly string[]): AlterTableBuilder;
  /**
   * `DROP ROW ACCESS POLICY p`.
   *
   * @example
   * alterTable('employees').dropRowAccessPolicy('rap_engineering')   // ALTER TABLE employees DROP ROW ACCESS POLICY rap_engineering
   */
  dropRowAccessPolicy(policy: string): AlterTableBuilder;
  /**
   * `DROP ALL ROW ACCESS POLICIES`.
   *
   * @example
   * alterTable('employees').dropAllRowAccessPolicies()   // ALTER TABLE employees DROP ALL ROW ACCESS POLICIES
   */
  dropAllRowAccessPolicies(): AlterTableBuilder;
  /**
   * `SET TAG name = 'value', ...`: governance tags (made by CREATE TAG) set on the table.
   *
   * @example
   * alterTable('users').setTag({ env: 'prod', owner: 'team_a' })   // ALTER TABLE users SET TAG env = 'prod', owner = 'team_a'
   */
  setTag(tags: Readonly<Record<string, string>>): AlterTableBuilder;
  /**
   * `UNSET TAG name, ...`: tags removed from the table.
   *
   * @example
   * alterTable('users').unsetTag(['env', 'owner'])   // ALTER TABLE users UNSET TAG env, owner
   */
  unsetTag(tags: readonly string[]): AlterTableBuilder;
}

/** `setMaskingPolicy()`'s options: USING (masked column, condition columns ...). */
export interface MaskingPolicyOptions {
  readonly using?: readonly string[];
}

/**
 * Masking and row access policies and tags are named by plain identifiers, rendered bare: the engine keeps a quoted
 * masking policy name with its quotes (`'"pii"'`) and finds no such policy.
 */
function checkGovernanceName(name: unknown, call: CallSite, what: string): asserts name is string {
  checkPlainName(name, call, what);
  check(!RESERVED_WORDS.has(name.toLowerCase()), 'reserved', call, () => `${what} '${name}' is a reserved keyword`, what);
}

/** A list of column names, at least `min`, none twice. */
function columnList(columns: unknown, min: number, call: CallSite, field: string, what: string): readonly string[] {
  checkList(columns, call, field);
  check(columns.length >= min, 'too_small', call, () => `${what} needs at least ${min} column${min === 1 ? '' : 's'}`, field);
  for (const column of columns) {
    check(typeof column === 'string', 'invalid_type', call, () => `a column must be a name, not ${describeValue(column)}`, field);
    checkColumnName(column, call, field);
  }
  check(new Set(columns).size === columns.length, 'conflict', call, () => `${what} lists a column twice`, field);
  return Object.freeze([...(columns as string[])]);
}

/** A column declaration as an ADD COLUMN or MODIFY COLUMN writes it. */
function columnDefinition(name: string, column: unknown, call: CallSite): ColumnDefinition {
  check(
    column instanceof Column,
    'invalid_type',
    call,
    () => `column must be declared with a column function such as string() or int(), not ${describeValue(column)}`,
    'column',
  );
  const { renamedFrom: _renamedFrom, ...spec } = (column as AnyColumn).spec;
  return { name, ...spec };
}

/** A column as MODIFY COLUMN writes it: its grammar takes a type, NULL / NOT NULL, DEFAULT and COMMENT, nothing more. */
function modifiedColumn(name: string, column: unknown, call: CallSite): ColumnDefinition {
  const definition = columnDefinition(name, column, call);
  check(
    definition.computed === undefined,
    'conflict',
    call,
    'MODIFY COLUMN cannot make a column computed (Databend takes a type, NOT NULL, DEFAULT and COMMENT)',
    'column',
  );
  check(
    definition.autoIncrement === undefined,
    'conflict',
    call,
    'MODIFY COLUMN cannot add AUTOINCREMENT (Databend takes a type, NOT NULL, DEFAULT and COMMENT)',
    'column',
  );
  return definition;
}

/** A cluster key as CREATE TABLE's are checked: a column name Databend reads back as that column, or an expression. */
function clusterKeys(keys: unknown, call: CallSite): readonly ClusterKey[] {
  checkList(keys, call, 'keys');
  check(keys.length > 0, 'too_small', call, 'CLUSTER BY needs at least one key', 'keys');
  return Object.freeze(
    keys.map((key) => {
      if (isSqlFragment(key)) return key;
      check(
        typeof key === 'string',
        'invalid_type',
        call,
        () => `a cluster key must be a column name or an sql\`\` expression, not ${describeValue(key)}`,
        'keys',
      );
      checkColumnName(key, call, 'cluster key');
      check(
        !NOT_A_BARE_COLUMN.has(key),
        'reserved',
        call,
        () => `CLUSTER BY column '${key}': Databend stores cluster keys unquoted and would read '${key}' back as a keyword, not the column`,
        'keys',
      );
      return key;
    }),
  );
}

/**
 * ALTER TABLE: a declared table or a table name, then one action.
 *
 * @example
 * alterTable(frameEvents).renameColumn('risk_score', 'risk')
 * // ALTER TABLE frame_events RENAME COLUMN risk_score TO risk
 */
export function alterTable(table: TableRef): AlterTableStart {
  const name: ObjectName = tableRef(table, 'alterTable()');
  const call = (method: string) => () => `alterTable('${argText(name.name)}').${method}()`;
  const make = (action: AlterTableAction) => new AlterTableBuilder(made({ kind: 'AlterTableStmt', ifExists: false, table: name, action }));
  return {
    addColumn(column, declaration, options = {}) {
      const at = call('addColumn');
      checkColumnName(column, at, 'column name');
      const definition = columnDefinition(column, declaration, at);
      checkRecord(options, at, 'options', ['ifNotExists', 'first', 'after']);
      const { ifNotExists = false, first = false, after } = options;
      checkBoolean(ifNotExists, at, 'ifNotExists');
      checkBoolean(first, at, 'first');
      if (after !== undefined) checkColumnName(after, at, 'after');
      check(!(first && after !== undefined), 'conflict', at, 'a column goes FIRST or AFTER another, not both');
      const position: ColumnPosition | undefined = first ? { kind: 'First' } : after !== undefined ? { kind: 'After', column: after } : undefined;
      return make({ kind: 'AddColumn', ifNotExists, column: definition, position });
    },
    dropColumn(column) {
      checkColumnName(column, call('dropColumn'), 'column name');
      return make({ kind: 'DropColumn', column });
    },
    modifyColumn(column, declaration) {
      const at = call('modifyColumn');
      checkColumnName(column, at, 'column name');
      return make({ kind: 'ModifyColumnType', column: modifiedColumn(column, declaration, at) });
    },
    modifyColumns(columns) {
      const at = call('modifyColumns');
      checkPlainObject(columns, at, 'columns');
      const names = Object.keys(columns);
      check(names.length > 0, 'too_small', at, 'MODIFY COLUMN needs at least one column', 'columns');
      const definitions = names.map((column) => {
        checkColumnName(column, at, 'column name');
        return modifiedColumn(column, (columns as Record<string, unknown>)[column], at);
      });
      return make({ kind: 'ModifyColumnTypes', columns: Object.freeze(definitions) });
    },
    modifyColumnComment(column, comment) {
      const at = call('modifyColumnComment');
      checkColumnName(column, at, 'column name');
      checkString(comment, at, 'comment');
      return make({ kind: 'ModifyColumnComment', column, comment });
    },
    renameColumn(from, to) {
      const at = call('renameColumn');
      checkColumnName(from, at, 'from');
      checkColumnName(to, at, 'to');
      return make({ kind: 'RenameColumn', from, to });
    },
    renameTo(to) {
      checkIdentifier(to, call('renameTo'), 'table name');
      return make({ kind: 'RenameTable', to });
    },
    unsetOptions(options) {
      const at = call('unsetOptions');
      checkList(options, at, 'options');
      check(options.length > 0, 'too_small', at, 'UNSET OPTIONS needs at least one option', 'options');
      for (const option of options) {
        check(typeof option === 'string', 'invalid_type', at, () => `an option must be a name, not ${describeValue(option)}`, 'options');
        checkOptionName(option, at, 'options');
      }
      check(new Set(options).size === options.length, 'conflict', at, 'UNSET OPTIONS lists an option twice', 'options');
      return make({ kind: 'UnsetOptions', options: Object.freeze([...options]) });
    },
    flashbackTo(point) {
      return make({ kind: 'FlashbackTo', point: streamPoint(point, call('flashbackTo'), 'FLASHBACK TO') });
    },
    swapWith(other) {
      checkIdentifier(other, call('swapWith'), 'table name');
      return make({ kind: 'SwapWith', other });
    },
    setOptions(options) {
      const at = call('setOptions');
      checkPlainObject(options, at, 'options');
      check(Object.keys(options).length > 0, 'too_small', at, 'SET OPTIONS needs at least one option', 'options');
      checkEngineOptions(options, at, 'options');
      return make({ kind: 'SetOptions', options: Object.freeze({ ...options }) });
    },
    clusterBy(keys, ...rest: [type?: ClusterType]) {
      const at = call('clusterBy');
      const columns = clusterKeys(keys, at);
      const type = rest[0];
      if (rest.length > 0)
        check((CLUSTER_TYPES as readonly unknown[]).includes(type), 'invalid_value', at, () => `type must be one of ${CLUSTER_TYPES.join(', ')}`, 'type');
      return make({ kind: 'ClusterBy', clusterBy: { type, columns } });
    },
    dropClusterKey: () => make({ kind: 'DropClusterKey' }),
    comment(text) {
      checkString(text, call('comment'), 'comment');
      return make({ kind: 'Comment', comment: text });
    },
    connection(connection) {
      const at = call('connection');
      if (connection instanceof CreateConnectionBuilder) return make({ kind: 'Connection', connection: { kind: 'named', name: connection.name } });
      check(
        typeof connection === 'string',
        'invalid_type',
        at,
        () => `connection must be a connection name or a createConnection() builder, not ${describeValue(connection)}`,
        'connection',
      );
      checkObjectName(connection, at, 'connection name');
      return make({ kind: 'Connection', connection: { kind: 'named', name: connection } });
    },
    setMaskingPolicy(column, policy, options = {}) {
      const at = call('setMaskingPolicy');
      checkColumnName(column, at, 'column name');
      checkGovernanceName(policy, at, 'policy name');
      checkRecord(options, at, 'options', ['using']);
      if (options.using === undefined) return make({ kind: 'SetMaskingPolicy', column, policy, using: undefined });
      // The engine refuses USING with the masked column alone (2004: at least 2 arguments) or not first.
      const using = columnList(options.using, 2, at, 'using', 'USING');
      check(using[0] === column, 'invalid_value', at, () => `USING lists the masked column '${column}' first, then the condition columns`, 'using');
      return make({ kind: 'SetMaskingPolicy', column, policy, using });
    },
    unsetMaskingPolicy(column) {
      checkColumnName(column, call('unsetMaskingPolicy'), 'column name');
      return make({ kind: 'UnsetMaskingPolicy', column });
    },
    addRowAccessPolicy(policy, columns) {
      const at = call('addRowAccessPolicy');
      checkGovernanceName(policy, at, 'policy name');
      return make({ kind: 'AddRowAccessPolicy', policy, columns: columnList(columns, 1, at, 'columns', 'ROW ACCESS POLICY ... ON') });
    },
    dropRowAccessPolicy(policy) {
      checkGovernanceName(policy, call('dropRowAccessPolicy'), 'policy name');
      return make({ kind: 'DropRowAccessPolicy', policy });
    },
    dropAllRowAccessPolicies: () => make({ kind: 'DropAllRowAccessPolicies' }),
    setTag(tags) {
      const at = call('setTag');
      checkPlainObject(tags, at, 'tags');
      const names = Object.keys(tags);
      check(names.length > 0, 'too_small', at, 'SET TAG needs at least one tag', 'tags');
      const items = names.map((name) => {
        checkGovernanceName(name, at, 'tag name');
        const value = (tags as Record<string, unknown>)[name];
        checkString(value, at, `tags.${name}`);
        return Object.freeze({ name, value });
      });
      // Tag names are case-insensitive: `env` and `ENV` are one tag.
      check(new Set(names.map((n) => n.toLowerCase())).size === names.length, 'conflict', at, 'SET TAG names a tag twice', 'tags');
      return make({ kind: 'SetTag', tags: Object.freeze(items) });
    },
    unsetTag(tags) {
      const at = call('unsetTag');
      checkList(tags, at, 'tags');
      check(tags.length > 0, 'too_small', at, 'UNSET TAG needs at least one tag', 'tags');
      for (const tag of tags) {
        check(typeof tag === 'string', 'invalid_type', at, () => `a tag must be a name, not ${describeValue(tag)}`, 'tags');
        checkGovernanceName(tag, at, 'tag name');
      }
      check(new Set(tags.map((t) => t.toLowerCase())).size === tags.length, 'conflict', at, 'UNSET TAG names a tag twice', 'tags');
      return make({ kind: 'UnsetTag', tags: Object.freeze([...tags]) });
    },
  };
}
