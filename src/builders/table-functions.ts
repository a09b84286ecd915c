import { isSqlFragment, type SqlFragment } from '../ast/expression.js';
import { cloneSelectTableFunction, type OptionValue, type OrderByColumn, type SelectTableFunctionStmt, type StageTableFunctionName } from '../ast/stage.js';
import { check, checkInteger, describeValue, type CallSite } from '../checks.js';
import { checkPlainName } from '../schema/identifier.js';
import { stageFileFormat, type NamedFileFormat, type StageFormatType } from './file-format.js';
import { checkPattern, stageLocation } from './stage-location.js';
import { StatementBuilder, type NameRef } from './statement-builder.js';

/** A row of `INFER_SCHEMA(...)`: one per column found in the files, as the engine returns it. */
export interface InferSchemaRow {
  readonly column_name: string;
  /** The column's type in Databend's spelling: `BIGINT`, `VARCHAR`, `TUPLE(B ARRAY(INT64),)`. */
  readonly type: string;
  readonly nullable: boolean;
  /** The files the column was found in, comma-separated. */
  readonly filenames: string;
  /** The column's position, from 0 (a BIGINT UNSIGNED: a bigint). */
  readonly order_id: bigint;
}

/** A row of `list_stage(...)`, as the engine returns it (LIST's rows decoded are `StageFile`). */
export interface ListStageRow {
  /** The path from the stage root. */
  readonly name: string;
  readonly size: bigint;
  readonly md5: string | null;
  /** `2026-12-04 21:13:51.569 +0000`: text, as the engine returns it. */
  readonly last_modified: string;
  readonly creator: string | null;
}

/** The columns each table function returns, as the engine names them: what columns() and orderBy() take. */
export const TABLE_FUNCTION_COLUMNS: Readonly<Record<StageTableFunctionName, readonly string[]>> = Object.freeze({
  INFER_SCHEMA: Object.freeze(['column_name', 'type', 'nullable', 'filenames', 'order_id']),
  LIST_STAGE: Object.freeze(['name', 'size', 'md5', 'last_modified', 'creator']),
});

/** The directions of ORDER BY. */
export type OrderDirection = 'ASC' | 'DESC';

const MAX_COUNT = 2 ** 31 - 1;

function callOf(node: SelectTableFunctionStmt, method: string): CallSite {
  return () => `${node.name === 'INFER_SCHEMA' ? 'inferSchema' : 'listStageFiles'}('${locationOf(node)}').${method}()`;
}

/** An argument set, or set again (kept once, where it was first given). */
function withArgument(node: SelectTableFunctionStmt, name: string, value: OptionValue): SelectTableFunctionStmt {
  const given = node.arguments;
  const at = given.findIndex((a) => a.name === name);
  return cloneSelectTableFunction(node, { arguments: at < 0 ? [...given, { name, value }] : given.map((a, i) => (i === at ? { name, value } : a)) });
}

/** The next builder, of this one's class, made without a `protected` method (public at run time). */
function rebuild<B extends StatementBuilder<SelectTableFunctionStmt>>(builder: B, node: SelectTableFunctionStmt): B {
  return new (builder.constructor as new (node: SelectTableFunctionStmt) => B)(node);
}

/** The state both builders share: the arguments (each once, in the order given), WHERE and LIMIT. */
// `All` is the function's whole row: ORDER BY may name a column that columns() left out.
export abstract class TableFunctionBuilder<Row extends object, All extends object = Row> extends StatementBuilder<SelectTableFunctionStmt> {
  /** Types only: the row this query returns. */
  declare readonly $inferRow: Row;

  /** `pattern => 'regex'`: only the files whose path after the location matches. */
  pattern(regex: string): this {
    checkPattern(regex, callOf(this.node, 'pattern'));
    return rebuild(this, withArgument(this.node, 'pattern', { kind: 'string', value: regex }));
  }

  /** WHERE condition on the rows (`sql`size > ${0}``). */
  where(condition: SqlFragment): this {
    check(isSqlFragment(condition), 'invalid_type', callOf(this.node, 'where'), 'WHERE takes an sql`` expression');
    return rebuild(this, cloneSelectTableFunction(this.node, { where: condition }));
  }

  /** LIMIT n. */
  limit(count: number): this {
    checkInteger(count, 0, Number.MAX_SAFE_INTEGER, callOf(this.node, 'limit'), 'LIMIT must be a non-negative integer');
    return rebuild(this, cloneSelectTableFunction(this.node, { limit: count }));
  }

  /**
   * `ORDER BY column [ASC | DESC]`, by a column of the function's rows, selected or not; called again, a later key.
   *
   * @example
   * listStageFiles('partitioned_stage').columns('name').orderBy('name')
   * // SELECT name
   * // FROM LIST_STAGE(location => '@partitioned_stage/')
   * // ORDER BY name
   */
  orderBy(column: Extract<keyof All, string>, direction?: OrderDirection): this {
    const call = callOf(this.node, 'orderBy');
    checkFunctionColumn(this.node.name, column, call, 'column');
    check(
      direction === undefined || direction === 'ASC' || direction === 'DESC',
      'invalid_value',
      call,
      () => `direction must be 'ASC' or 'DESC', not ${describeValue(direction)}`,
      'direction',
    );
    const given = this.node.orderBy ?? [];
    check(!given.some((o) => o.column === column), 'conflict', call, () => `ORDER BY lists '${column}' twice`, 'column');
    const key: OrderByColumn = { column, direction };
    return rebuild(this, cloneSelectTableFunction(this.node, { orderBy: [...given, key] }));
  }
}

/** The node with these columns selected, checked against the function's columns. */
function withColumns(node: SelectTableFunctionStmt, names: readonly unknown[]): SelectTableFunctionStmt {
  const call = callOf(node, 'columns');
  check(names.length > 0, 'too_small', call, 'columns() needs at least one column', 'names');
  names.forEach((name) => checkFunctionColumn(node.name, name, call, 'names'));
  check(new Set(names).size === names.length, 'conflict', call, 'columns() lists a column twice', 'names');
  return cloneSelectTableFunction(node, { columns: [...(names as string[])] });
}

function checkFunctionColumn(name: StageTableFunctionName, column: unknown, call: CallSite, field: string): asserts column is string {
  const known = TABLE_FUNCTION_COLUMNS[name];
  check(
    typeof column === 'string' && known.includes(column),
    typeof column === 'string' ? 'invalid_value' : 'invalid_type',
    call,
    () => `a column of ${name}() is one of ${known.join(', ')}, not ${typeof column === 'string' ? `'${column}'` : describeValue(column)}`,
    field,
  );
}

/**
 * `SELECT * FROM INFER_SCHEMA(location => '@stage/path', ...)`: the columns the engine finds in staged files, one
 * row each ({@link InferSchemaRow}).
 *
 * @example
 * inferSchema('drive_stage', 'sessions/').pattern('.*[.]parquet')
 * // SELECT *
 * // FROM INFER_SCHEMA(location => '@drive_stage/sessions/', pattern => '.*[.]parquet')
 */
export class InferSchemaBuilder<Row extends object = InferSchemaRow> extends TableFunctionBuilder<Row, InferSchemaRow> {
  /**
   * `SELECT column, ...` in place of `*`: the row keeps these columns only.
   *
   * @example
   * inferSchema('drive_stage', 'sessions/').columns('column_name', 'type')
   * // SELECT column_name, "type"
   * // FROM INFER_SCHEMA(location => '@drive_stage/sessions/')
   */
  columns<K extends Extract<keyof Row, string>>(...names: K[]): InferSchemaBuilder<Pick<Row, K>> {
    return new InferSchemaBuilder<Pick<Row, K>>(withColumns(this.node, names));
  }

  /** `file_format => 'CSV'` or the name of a FILE FORMAT object (`{ formatName: 'my_csv' }`); Parquet otherwise. */
  fileFormat(format: StageFormatType | NamedFileFormat): this {
    return rebuild(this, withArgument(this.node, 'file_format', { kind: 'string', value: stageFileFormat(format, callOf(this.node, 'fileFormat')) }));
  }

  /** `connection_name => 'name'`: the CONNECTION object to reach the location with. */
  connectionName(name: string): this {
    checkPlainName(name, callOf(this.node, 'connectionName'), 'connection name');
    return rebuild(this, withArgument(this.node, 'connection_name', { kind: 'string', value: name }));
  }

  /** `max_records_pre_file => n` (the engine's spelling): read at most n records of each file. */
  maxRecordsPerFile(count: number): this {
    checkInteger(count, 1, MAX_COUNT, callOf(this.node, 'maxRecordsPerFile'), `max_records_pre_file must be an integer from 1 to ${MAX_COUNT}`);
    return rebuild(this, withArgument(this.node, 'max_records_pre_file', { kind: 'number', value: count }));
  }

  /** `max_file_count => n`: read at most n files. */
  maxFileCount(count: number): this {
    checkInteger(count, 1, MAX_COUNT, callOf(this.node, 'maxFileCount'), `max_file_count must be an integer from 1 to ${MAX_COUNT}`);
    return rebuild(this, withArgument(this.node, 'max_file_count', { kind: 'number', value: count }));
  }
}

/**
 * `SELECT * FROM list_stage(location => '@stage/path', ...)`: the staged files as rows ({@link ListStageRow}), which,
 * unlike LIST, take WHERE and LIMIT and any pattern.
 *
 * @example
 * listStageFiles('drive_stage', 'sessions/').where(sql`size > ${0}`)
 * // SELECT *
 * // FROM LIST_STAGE(location => '@drive_stage/sessions/')
 * // WHERE size > 0
 */
export class ListStageFilesBuilder<Row extends object = ListStageRow> extends TableFunctionBuilder<Row, ListStageRow> {
  /**
   * `SELECT column, ...` in place of `*`: the row keeps these columns only.
   *
   * @example
   * listStageFiles('partitioned_stage').columns('name').orderBy('name')
   * // SELECT name
   * // FROM LIST_STAGE(location => '@partitioned_stage/')
   * // ORDER BY name
   */
  columns<K extends Extract<keyof Row, string>>(...names: K[]): ListStageFilesBuilder<Pick<Row, K>> {
    return new ListStageFilesBuilder<Pick<Row, K>>(withColumns(this.node, names));
  }
}

function locationOf(node: SelectTableFunctionStmt): string {
  return `@${node.location.stage}/${node.location.path}`;
}

function tableFunction(name: SelectTableFunctionStmt['name'], stage: NameRef, path: string | undefined, call: string): SelectTableFunctionStmt {
  return { kind: 'SelectTableFunctionStmt', name, location: stageLocation(stage, path, call), arguments: [], where: undefined, limit: undefined };
}

/**
 * The schema the engine infers from staged files: `SELECT * FROM INFER_SCHEMA(location => '@stage/path')`.
 *
 * @example
 * await client.query(inferSchema('drive_stage', 'sessions/s1.parquet'))
 * // SELECT *
 * // FROM INFER_SCHEMA(location => '@drive_stage/sessions/s1.parquet')
 */
export function inferSchema(stage: NameRef, path?: string): InferSchemaBuilder {
  return new InferSchemaBuilder(tableFunction('INFER_SCHEMA', stage, path, 'inferSchema()'));
}

/**
 * The staged files as a table: `SELECT * FROM LIST_STAGE(location => '@stage/path')`.
 *
 * @example
 * await client.query(listStageFiles('drive_stage', 'sessions/').pattern('.*[.]parquet'))
 * // SELECT *
 * // FROM LIST_STAGE(location => '@drive_stage/sessions/', pattern => '.*[.]parquet')
 */
export function listStageFiles(stage: NameRef, path?: string): ListStageFilesBuilder {
  return new ListStageFilesBuilder(tableFunction('LIST_STAGE', stage, path, 'listStageFiles()'));
}
