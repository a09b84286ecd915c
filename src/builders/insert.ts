import type { ObjectName, Patch, StageLocation } from '../ast/common.js';
import { cloneInsert, cloneSelectTable, type InsertStmt, type SelectTableStmt } from '../ast/copy.js';
import { isSqlFragment, type SqlFragment } from '../ast/expression.js';
import { cloneSelectStage, type SelectItem, type SelectStageStmt, type StageSourceOptions } from '../ast/stage.js';
import { check, type CallSite, flag } from '../checks.js';
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
import { StatementBuilder, type NameRef } from './statement-builder.js';

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

type InsertSource = InsertStmt['source'];

const NO_STAGE_OPTIONS: StageSourceOptions = { fileFormat: undefined, pattern: undefined, files: undefined };

function patchSource(source: InsertSource, patch: Patch<SelectStageStmt> & Patch<SelectTableStmt>): InsertSource {
  return source.kind === 'SelectStageStmt' ? cloneSelectStage(source, patch) : cloneSelectTable(source, patch);
}

/**
 * The options of the staged files an INSERT reads, changed and checked as they go together (not FILES with
 * PATTERN): set by InsertBuilder, which holds the builder's state, for InsertFromStageBuilder alone.
 */
let withStageOptions: <B extends InsertBuilder<string, InsertPlan>>(builder: B, method: string, patch: Partial<StageSourceOptions>) => B;

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
    return new Builder(cloneInsert(this.node, patch), this.#table, mapping);
  }

  static {
    withStageOptions = (builder, method, patch) => {
      const source = builder.node.source as SelectStageStmt;
      const options = { ...source.options, ...patch };
      check(options.files === undefined || options.pattern === undefined, 'conflict', builder.#call(method), FILES_WITH_PATTERN);
      return builder.#next({ source: cloneSelectStage(source, { options }) });
    };
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
    const source = this.node.source;
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
    return this.#next({ source: patchSource(this.node.source, { where: condition }) });
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
}

/** INSERT INTO a table: name the source before anything else. */
export interface InsertStart<C extends string> {
  /** SELECT from staged files: `@stage[/path]`. */
  fromStage(stage: NameRef, path?: string): InsertFromStageBuilder<C>;
  /** SELECT from a stream, consuming it. */
  fromStream(stream: StreamRef): InsertSelectBuilder<C>;
  /** SELECT from a table. */
  fromTable(table: TableRef): InsertSelectBuilder<C>;
}

/** INSERT INTO a declared table ... SELECT; the schema gives the column list. */
export function insertInto<T extends AnyTable>(table: T): InsertStart<ColumnName<T>> {
  checkTable(table, 'insertInto()');
  const call = (method: string) => insertCall(table.name, method);
  const insert = (source: InsertSource): InsertStmt => ({
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
    fromStage: (stage, path) => {
      const location = stageLocation(stage, path, call('fromStage'));
      const projection = castProjection(table, call('fromStage'));
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
    },
    fromStream: (stream) => selectFrom(streamRef(stream, call('fromStream')), 'fromStream'),
    fromTable: (source) => selectFrom(tableRef(source, call('fromTable')), 'fromTable'),
  };
}
