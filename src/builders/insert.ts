import type { ObjectName, Patch, StageLocation } from '../ast/common.js';
import { cloneInsert, cloneSelectTable, type InsertStmt, readsWithConsume, type SelectTableStmt } from '../ast/copy.js';
import { isSqlFragment, type SqlFragment } from '../ast/expression.js';
import { cloneSelectStage, type FileLocation, type SelectItem, type SelectStageStmt, type StageSourceOptions } from '../ast/stage.js';
import { check, checkList, type CallSite, flag, refuse } from '../checks.js';
import { toAssignments, type ColumnValues } from './assignments.js';
import type { CompiledSql } from '../ast/script.js';
import { SelectFromStreamBuilder } from './select-stream.js';
import { sqlStatementOf } from './statement-input.js';
import { columnNamesOf, tableName } from '../schema/lower.js';
import { checkTable, type AnyTable } from '../schema/table.js';
import { stageFileFormat, type NamedFileFormat, type StageFormatType } from './file-format.js';
import {
  checkProjectionState,
  castProjection,
  checkColumns,
  checkMappedColumns,
  definedMapping,
  type ColumnMapping,
  type ColumnName,
  type ProjectionMapping,
} from './projection.js';
import { streamRef, tableRef, type StreamRef, type TableRef } from './refs.js';
import { sql } from './sql.js';
import { checkFiles, checkPattern, FILES_WITH_PATTERN, stageLocation } from './stage-location.js';
import { isStagedExpr } from './staged-columns.js';
import { StatementBuilder, type NameRef, made } from './statement-builder.js';
import { toUriLocation, type LocationInput } from './location.js';

/**
 * @deprecated No builder takes a plan any longer: an INSERT builder holds its node, and beside it the declared table
 * and the mapping its SELECT list is derived from. The plan types are kept so that code naming them still compiles.
 */
export interface InsertPlan {
  readonly table: AnyTable;
  readonly columns: readonly string[] | undefined;
  readonly mapping: Readonly<Record<string, string | SqlFragment>> | undefined;
  readonly where: SqlFragment | undefined;
  readonly overwrite: boolean;
}

/** @deprecated See InsertPlan. */
export interface InsertFromStagePlan extends InsertPlan {
  readonly location: StageLocation;
  readonly fileFormat: string | undefined;
  readonly pattern: string | undefined;
  readonly files: readonly string[] | undefined;
}

/** @deprecated See InsertPlan. */
export interface InsertSelectPlan extends InsertPlan {
  readonly from: ObjectName;
}

function insertCall(table: string, method: string | undefined): string {
  return `insertInto('${table}')${method === undefined ? '' : `.${method}()`}`;
}

/** The sources of the projecting builders: staged files, or a table or stream. */
type InsertSource = SelectStageStmt | SelectTableStmt;

const NO_STAGE_OPTIONS: StageSourceOptions = { fileFormat: undefined, pattern: undefined, files: undefined };

function patchSource(source: InsertSource, patch: Patch<SelectStageStmt> & Patch<SelectTableStmt>): InsertSource {
  return source.kind === 'SelectStageStmt' ? cloneSelectStage(source, patch) : cloneSelectTable(source, patch);
}

/**
 * The options of the staged files an INSERT reads, changed and checked as they go together (not FILES with
 * PATTERN): set by InsertBuilder, which holds the builder's state, for InsertFromStageBuilder alone.
 */
let withStageOptions: <B extends InsertBuilder<string, InsertPlan>>(builder: B, method: string, patch: Partial<StageSourceOptions>) => B;

/** A change to the SELECT of an INSERT ... SELECT from a table or stream: set by InsertBuilder for InsertSelectBuilder. */
let withSelect: <B extends InsertBuilder<string, InsertPlan>>(builder: B, patch: Patch<SelectTableStmt>) => B;

/**
 * The steps every INSERT ... SELECT builder has; each returns a new builder of the same kind (made by the builder's
 * own class: a method that is only `protected` in TypeScript is public at run time, and would take a node unchecked).
 * `P` names the plan type of the builder's kind, kept so that `InsertBuilder<C, P>` still names the type.
 */
// biome-ignore lint/correctness/noUnusedVariables: a public type parameter, kept when the plans went
export abstract class InsertBuilder<C extends string, P extends InsertPlan> extends StatementBuilder<InsertStmt> {
  // The declared table and the mapping the SELECT list is derived from: no SQL, so kept beside the node.
  readonly #table: AnyTable;
  readonly #mapping: ProjectionMapping | undefined;

  protected constructor(node: InsertStmt, table: AnyTable, mapping?: ColumnMapping<string>) {
    super(node);
    checkProjectionState(table, mapping, `new ${new.target.name}()`);
    this.#table = table;
    this.#mapping = mapping as ProjectionMapping | undefined;
  }

  #call(method: string): string {
    return insertCall(this.node.table.name, method);
  }

  /** The next builder, of this one's class (InsertFromStageBuilder or InsertSelectBuilder). */
  #next(patch: Patch<InsertStmt>, mapping: ProjectionMapping | undefined = this.#mapping): this {
    const Builder = this.constructor as new (node: InsertStmt, table: AnyTable, mapping?: ColumnMapping<string>) => this;
    return new Builder(made(cloneInsert(this.node, patch)), this.#table, mapping);
  }

  static {
    withStageOptions = (builder, method, patch) => {
      const source = builder.node.source as SelectStageStmt;
      const options = { ...source.options, ...patch };
      check(options.files === undefined || options.pattern === undefined, 'conflict', builder.#call(method), FILES_WITH_PATTERN);
      return builder.#next({ source: cloneSelectStage(source, { options }) });
    };
    withSelect = (builder, patch) => builder.#next({ source: cloneSelectTable(builder.node.source as SelectTableStmt, patch) });
  }

  /** The columns chosen with columns(); the table's own (shared) list in the node means every column. */
  #chosen(): readonly string[] | undefined {
    const columns = this.node.columns;
    return columns === columnNamesOf(this.#table) ? undefined : columns;
  }

  /** The SELECT list derived again for other columns or another mapping, checked as they go together. */
  #transform(method: string, columns: readonly string[] | undefined, mapping: ProjectionMapping | undefined): this {
    const call = this.#call(method);
    const table = this.#table;
    const source = this.node.source as InsertSource;
    const projection = source.kind === 'SelectStageStmt' ? castProjection(table, call, columns, mapping) : plainProjection(table, call, columns, mapping);
    checkMappedColumns(columns, mapping, call);
    return this.#next({ columns: columns ?? columnNamesOf(table), source: patchSource(source, { projection }) }, mapping);
  }

  /** Inserts only these columns of the target. */
  columns(names: readonly C[]): this {
    checkColumns(this.#table, names, this.#call('columns'));
    return this.#transform('columns', [...names], this.#mapping);
  }

  /** Reads a target column from another source column (`{ frame_id: 'id' }`) or an expression. */
  map(mapping: ColumnMapping<C>): this {
    return this.#transform('map', this.#chosen(), definedMapping(mapping, this.#call('map')));
  }

  /** WHERE condition on the rows read. */
  where(condition: SqlFragment): this {
    check(isSqlFragment(condition), 'invalid_type', this.#call('where'), 'WHERE takes an sql`` expression');
    return this.#next({ source: patchSource(this.node.source as InsertSource, { where: condition }) });
  }

  /** INSERT OVERWRITE: replace the table's rows instead of adding to them. */
  overwrite(...args: [value?: boolean]): this {
    const value = flag(args, this.#call('overwrite'));
    return this.#next({ overwrite: value });
  }
}

/**
 * INSERT INTO a table SELECT from staged files: the filtered load, since the transform of COPY INTO cannot have a
 * WHERE. Unlike COPY, it keeps no record of loaded files.
 *
 * @example
 * insertInto(frameEvents).fromStage('drive_stage', 'frame-events/').fileFormat('PARQUET').where(sql`risk_score > ${0.8}`)
 * // INSERT INTO frame_events (frame_id, ...)
 * // SELECT frame_id::STRING, ... FROM @drive_stage/frame-events/ (FILE_FORMAT => 'PARQUET') WHERE risk_score > 0.8::DOUBLE
 */
export class InsertFromStageBuilder<C extends string = string> extends InsertBuilder<C, InsertFromStagePlan> {
  constructor(node: InsertStmt, table: AnyTable, mapping?: ColumnMapping<string>) {
    super(node, table, mapping);
  }

  #call(method: string): string {
    return insertCall(this.node.table.name, method);
  }

  /** FILE_FORMAT => 'PARQUET' or the name of a FILE FORMAT object; the stage's format otherwise. */
  fileFormat(format: StageFormatType | NamedFileFormat): this {
    return withStageOptions(this, 'fileFormat', { fileFormat: stageFileFormat(format, this.#call('fileFormat')) });
  }

  /** PATTERN => 'regex': read the files whose path after the stage location matches. */
  pattern(regex: string): this {
    checkPattern(regex, this.#call('pattern'));
    return withStageOptions(this, 'pattern', { pattern: regex });
  }

  /** FILES => ('a.parquet', ...): read exactly these files. */
  files(names: readonly string[]): this {
    checkFiles(names, this.#call('files'));
    return withStageOptions(this, 'files', { files: [...names] });
  }
}

/**
 * `source` for a mapped column (a name checked and quoted by sql.id(), or an expression), the column itself
 * otherwise: INSERT matches columns by position.
 */
function plainProjection(table: AnyTable, call: CallSite, columns: readonly string[] | undefined, mapping: ProjectionMapping | undefined): SelectItem[] {
  for (const column of Object.keys(mapping ?? {})) {
    check(columnNamesOf(table).includes(column), 'unknown_key', call, () => `'${column}' is not a column of ${table.name}`, column);
  }
  return (columns ?? columnNamesOf(table)).map((column) => {
    const source = mapping !== undefined && Object.hasOwn(mapping, column) ? mapping[column]! : undefined;
    if (source === undefined) return { expression: { kind: 'ColumnRef', name: column }, alias: undefined };
    return { expression: typeof source === 'string' ? sql.id(source) : isStagedExpr(source) ? source.expression : source, alias: undefined };
  });
}

/**
 * INSERT INTO a table SELECT from another table or a stream. Reading a stream in an INSERT consumes it: its
 * offset advances when the statement commits.
 *
 * @example
 * insertInto(riskyFrames).fromStream('frame_events_stream').where(sql`risk_score > ${0.8}`)
 * // INSERT INTO risky_frames (frame_id, risk_score)
 * // SELECT frame_id, risk_score FROM frame_events_stream WHERE risk_score > 0.8::DOUBLE
 */
export class InsertSelectBuilder<C extends string = string> extends InsertBuilder<C, InsertSelectPlan> {
  constructor(node: InsertStmt, table: AnyTable, mapping?: ColumnMapping<string>) {
    super(node, table, mapping);
  }

  /**
   * GROUP BY: a rollup, with aggregates given through `map()`.
   *
   * @example
   * insertInto(deviceRollup).fromStream('readings_stream').map({ n: sql`count(*)` }).groupBy(sql`device`)
   * // INSERT INTO device_rollup (device, n)
   * // SELECT device, count(*) FROM readings_stream GROUP BY device
   */
  groupBy(expression: SqlFragment): this {
    check(isSqlFragment(expression), 'invalid_type', insertCall(this.node.table.name, 'groupBy'), 'GROUP BY takes an sql`` expression', 'expression');
    return withSelect(this, { groupBy: expression });
  }
}

/**
 * INSERT INTO a table the rows of a query: a stream or table read (`selectFromStream()`, with its joins, GROUP BY and
 * CTE), an sql`` SELECT, or a SELECT compiled by the SDK's Kysely dialect. The query's columns fill the table's, in
 * order, or those chosen with `.columns()`.
 *
 * @example
 * insertInto(deviceRollup).select(sql`SELECT device, count(*) FROM readings_stream GROUP BY device`)
 * // INSERT INTO device_rollup (device, n)
 * // SELECT device, count(*) FROM readings_stream GROUP BY device
 */
export class InsertQueryBuilder<C extends string = string> extends StatementBuilder<InsertStmt> {
  // The declared table: the column names are checked against it.
  readonly #table: AnyTable;

  constructor(node: InsertStmt, table: AnyTable) {
    super(node);
    checkTable(table, `new ${new.target.name}()`);
    this.#table = table;
  }

  #call(method: string): string {
    return insertCall(this.node.table.name, method);
  }

  /** The target columns the query fills, in its column order. */
  columns(names: readonly C[]): InsertQueryBuilder<C> {
    checkColumns(this.#table, names, this.#call('columns'));
    return new InsertQueryBuilder(made(cloneInsert(this.node, { columns: [...names] })), this.#table);
  }

  /** INSERT OVERWRITE: replace the table's rows instead of adding to them. */
  overwrite(...args: [value?: boolean]): InsertQueryBuilder<C> {
    const value = flag(args, this.#call('overwrite'));
    return new InsertQueryBuilder(made(cloneInsert(this.node, { overwrite: value })), this.#table);
  }
}

/**
 * INSERT INTO table (columns) VALUES (...), ...: rows of literal values, the columns those the rows give, in the table's
 * order.
 *
 * @example
 * insertInto(events).values([{ id: 1, ts: sql`CURRENT_TIMESTAMP` }])
 * // INSERT INTO events (id, ts)
 * // VALUES (1, CURRENT_TIMESTAMP)
 */
export class InsertValuesBuilder extends StatementBuilder<InsertStmt> {
  /** INSERT OVERWRITE: replace the table's rows instead of adding to them. */
  overwrite(...args: [value?: boolean]): InsertValuesBuilder {
    const value = flag(args, insertCall(this.node.table.name, 'overwrite'));
    return new InsertValuesBuilder(made(cloneInsert(this.node, { overwrite: value })));
  }
}

/** INSERT INTO a table: name the source before anything else. */
export interface InsertStart<C extends string, T extends AnyTable = AnyTable> {
  /** The rows of a query: a selectFromStream() read, an sql`` SELECT or a Kysely-compiled SELECT. */
  select(query: SelectFromStreamBuilder | SqlFragment | CompiledSql): InsertQueryBuilder<C>;
  /** SELECT from staged files: `@stage[/path]`. */
  fromStage(stage: NameRef, path?: string): InsertFromStageBuilder<C>;
  /** SELECT from files named by URL: a `location()` or a URL string, `FROM 'url' (CONNECTION => (...), ...)`. */
  fromLocation(location: LocationInput): InsertFromStageBuilder<C>;
  /** SELECT from a stream, consuming it. */
  fromStream(stream: StreamRef): InsertSelectBuilder<C>;
  /** SELECT from a table. */
  fromTable(table: TableRef): InsertSelectBuilder<C>;
  /** VALUES rows: each an object of column values (literals of the columns' types, or sql`` expressions), all giving the same columns. */
  values(rows: readonly ColumnValues<T>[]): InsertValuesBuilder;
}

/** INSERT INTO a declared table ... SELECT; the schema gives the column list. */
export function insertInto<T extends AnyTable>(table: T): InsertStart<ColumnName<T>, T> {
  checkTable(table, 'insertInto()');
  const call = (method: string) => insertCall(table.name, method);
  const insert = (source: InsertStmt['source']): InsertStmt => ({
    kind: 'InsertStmt',
    overwrite: false,
    table: tableName(table),
    columns: columnNamesOf(table),
    source,
  });
  const selectFrom = (from: ObjectName, method: string): InsertSelectBuilder<ColumnName<T>> => {
    const projection = plainProjection(table, call(method), undefined, undefined);
    return new InsertSelectBuilder(insert({ kind: 'SelectTableStmt', projection, from, consume: false, where: undefined, limit: undefined }), table);
  };
  return {
    fromStage: (stage, path) => fromFiles(stageLocation(stage, path, call('fromStage')), 'fromStage'),
    fromLocation: (location) => fromFiles(toUriLocation(location, call('fromLocation')), 'fromLocation'),
    select: (query) => {
      const method = call('select');
      const source = query instanceof SelectFromStreamBuilder ? StatementBuilder.nodeOf(query) : sqlStatementOf(query, method, 'query');
      if (source === undefined)
        refuse('invalid_type', method, 'the query must be a selectFromStream() read, an sql`` SELECT or a Kysely-compiled SELECT', 'query');
      // An INSERT consumes the streams it reads; Databend refuses WITH CONSUME inside DML.
      if (source.kind === 'SelectTableStmt' && readsWithConsume(source))
        refuse('conflict', method, 'an INSERT consumes the streams it reads, and Databend refuses WITH CONSUME inside DML', 'query');
      return new InsertQueryBuilder(insert(source), table);
    },
    fromStream: (stream) => selectFrom(streamRef(stream, call('fromStream')), 'fromStream'),
    fromTable: (source) => selectFrom(tableRef(source, call('fromTable')), 'fromTable'),
    values: (input) => {
      const method = call('values');
      const rows: unknown = input;
      checkList(rows, method, 'rows');
      check(rows.length > 0, 'too_small', method, 'values() needs at least one row', 'rows');
      const assigned = rows.map((row, i) => toAssignments(table, row, method, `rows[${i}]`));
      // The column list is the first row's columns in the table's order; every row must give the same ones.
      const given = new Set(assigned[0]!.map((a) => a.column));
      const columns = columnNamesOf(table).filter((c) => given.has(c));
      assigned.forEach((row, i) =>
        check(
          row.length === columns.length && row.every((a) => given.has(a.column)),
          'conflict',
          method,
          () => `rows[${i}] must give the same columns as rows[0] (${columns.join(', ')})`,
          `rows[${i}]`,
        ),
      );
      const valueRows = assigned.map((row) => columns.map((c) => row.find((a) => a.column === c)!.value));
      return new InsertValuesBuilder({ ...insert({ kind: 'InsertValues', rows: valueRows }), columns });
    },
  };

  function fromFiles(location: FileLocation, method: string): InsertFromStageBuilder<ColumnName<T>> {
    const projection = castProjection(table, call(method));
    const source: SelectStageStmt = {
      kind: 'SelectStageStmt',
      projection,
      location,
      options: NO_STAGE_OPTIONS,
      alias: undefined,
      where: undefined,
      limit: undefined,
    };
    return new InsertFromStageBuilder(insert(source), table);
  }
}
