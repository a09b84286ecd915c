import type { ObjectName, StageLocation } from '../ast/common.js';
import type { InsertStmt, SelectTableStmt } from '../ast/copy.js';
import { isSqlFragment, type SqlFragment } from '../ast/expression.js';
import type { SelectItem, SelectStageStmt } from '../ast/stage.js';
import { check, type CallSite, flag } from '../errors.js';
import { columnNamesOf, tableName } from '../schema/lower.js';
import { checkTable, type AnyTable } from '../schema/table.js';
import { checkColumns, checkFiles, checkMappedColumns, checkPattern, definedMapping, FILES_WITH_PATTERN, type ColumnMapping, type ColumnName } from './copy.js';
import { streamRef, tableRef, type StreamRef, type TableRef } from './drop.js';
import { stageFileFormat, type FileFormatType, type NamedFileFormat } from './file-format.js';
import { castProjection } from './projection.js';
import { sql } from './sql.js';
import { stageLocation } from './stage-location.js';
import { StatementBuilder, type NameRef } from './statement-builder.js';

/** What every INSERT ... SELECT shares: the target, its columns and where each comes from. */
export interface InsertPlan {
  readonly table: AnyTable;
  readonly columns: readonly string[] | undefined;
  readonly mapping: Readonly<Record<string, string | SqlFragment>> | undefined;
  readonly where: SqlFragment | undefined;
  readonly overwrite: boolean;
}

/** The staged files an INSERT reads, with the `(FILE_FORMAT => ..., PATTERN => ..., FILES => ...)` options. */
export interface InsertFromStagePlan extends InsertPlan {
  readonly location: StageLocation;
  readonly fileFormat: string | undefined;
  readonly pattern: string | undefined;
  readonly files: readonly string[] | undefined;
}

/** The table or stream an INSERT reads. */
export interface InsertSelectPlan extends InsertPlan {
  readonly from: ObjectName;
}

function insertCall(table: AnyTable, method: string | undefined): string {
  return `insertInto('${table.name}')${method === undefined ? '' : `.${method}()`}`;
}

function lowerInsert(plan: InsertPlan, source: SelectStageStmt | SelectTableStmt, call: CallSite): InsertStmt {
  checkMappedColumns(plan.columns, plan.mapping, call);
  return { kind: 'InsertStmt', overwrite: plan.overwrite, table: tableName(plan.table), columns: plan.columns ?? columnNamesOf(plan.table), source };
}

/** Makes the next builder of a kind from its plan: each subclass passes its own. */
type MakeInsert<P extends InsertPlan> = (plan: P, method: string) => InsertBuilder<string, P>;

/**
 * The steps every INSERT ... SELECT builder has; each returns a new builder of the same kind. The plan and the step
 * are private: a method that is only `protected` in TypeScript is public at run time, and took a plan unchecked.
 */
export abstract class InsertBuilder<C extends string, P extends InsertPlan> extends StatementBuilder<InsertStmt> {
  readonly #plan: P;
  readonly #make: MakeInsert<P>;

  protected constructor(plan: P, node: InsertStmt, make: MakeInsert<P>) {
    super(node);
    this.#plan = plan;
    this.#make = make;
  }

  #call(method: string): string {
    return insertCall(this.#plan.table, method);
  }

  #next(method: string, patch: Partial<InsertPlan>): this {
    return this.#make({ ...this.#plan, ...patch }, method) as this;
  }

  /** Inserts only these columns of the target. */
  columns(names: readonly C[]): this {
    checkColumns(this.#plan.table, names, this.#call('columns'));
    return this.#next('columns', { columns: [...names] });
  }

  /** Reads a target column from another source column (`{ frame_id: 'id' }`) or an expression. */
  map(mapping: ColumnMapping<C>): this {
    return this.#next('map', { mapping: definedMapping(mapping, this.#call('map')) });
  }

  /** WHERE condition on the rows read. */
  where(condition: SqlFragment): this {
    check(isSqlFragment(condition), this.#call('where'), 'WHERE takes an sql`` expression');
    return this.#next('where', { where: condition });
  }

  /** INSERT OVERWRITE: replace the table's rows instead of adding to them. */
  overwrite(...args: [value?: boolean]): this {
    const value = flag(args, this.#call('overwrite'));
    return this.#next('overwrite', { overwrite: value });
  }
}

function lowerFromStage(plan: InsertFromStagePlan, call: CallSite): InsertStmt {
  check(plan.files === undefined || plan.pattern === undefined, call, FILES_WITH_PATTERN);
  const source: SelectStageStmt = {
    kind: 'SelectStageStmt',
    projection: castProjection(plan.table, call, plan.columns, plan.mapping),
    location: plan.location,
    options: { fileFormat: plan.fileFormat, pattern: plan.pattern, files: plan.files },
    alias: undefined,
    where: plan.where,
    limit: undefined,
  };
  return lowerInsert(plan, source, call);
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
  readonly #plan: InsertFromStagePlan;

  constructor(plan: InsertFromStagePlan, method = 'fromStage') {
    super(plan, lowerFromStage(plan, insertCall(plan.table, method)), (next, step) => new InsertFromStageBuilder<C>(next, step));
    this.#plan = plan;
  }

  #call(method: string): string {
    return insertCall(this.#plan.table, method);
  }

  #next(method: string, patch: Partial<InsertFromStagePlan>): this {
    return new InsertFromStageBuilder<C>({ ...this.#plan, ...patch }, method) as this;
  }

  /** FILE_FORMAT => 'PARQUET' or the name of a FILE FORMAT object; the stage's format otherwise. */
  fileFormat(format: FileFormatType | NamedFileFormat): this {
    return this.#next('fileFormat', { fileFormat: stageFileFormat(format, this.#call('fileFormat')) });
  }

  /** PATTERN => 'regex': read the files whose path after the stage location matches. */
  pattern(regex: string): this {
    checkPattern(regex, this.#call('pattern'));
    return this.#next('pattern', { pattern: regex });
  }

  /** FILES => ('a.parquet', ...): read exactly these files. */
  files(names: readonly string[]): this {
    checkFiles(names, this.#call('files'));
    return this.#next('files', { files: [...names] });
  }
}

/**
 * `source` for a mapped column (a name checked and quoted by sql.id(), or an expression), the column itself
 * otherwise: INSERT matches columns by position.
 */
function plainProjection(plan: InsertPlan): SelectItem[] {
  return (plan.columns ?? columnNamesOf(plan.table)).map((column) => {
    const source = plan.mapping !== undefined && Object.hasOwn(plan.mapping, column) ? plan.mapping[column]! : undefined;
    if (source === undefined) return { expression: { kind: 'ColumnRef', name: column }, alias: undefined };
    return { expression: typeof source === 'string' ? sql.id(source) : source, alias: undefined };
  });
}

function lowerSelect(plan: InsertSelectPlan, call: CallSite): InsertStmt {
  for (const column of Object.keys(plan.mapping ?? {})) {
    check(columnNamesOf(plan.table).includes(column), call, () => `'${column}' is not a column of ${plan.table.name}`, column);
  }
  const source: SelectTableStmt = { kind: 'SelectTableStmt', projection: plainProjection(plan), from: plan.from, consume: false, where: plan.where, limit: undefined };
  return lowerInsert(plan, source, call);
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
  constructor(plan: InsertSelectPlan, method = 'from') {
    super(plan, lowerSelect(plan, insertCall(plan.table, method)), (next, step) => new InsertSelectBuilder<C>(next, step));
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
  const call = (method: string) => insertCall(table, method);
  return {
    fromStage: (stage, path) =>
      new InsertFromStageBuilder({
        table,
        columns: undefined,
        mapping: undefined,
        where: undefined,
        overwrite: false,
        location: stageLocation(stage, path, call('fromStage')),
        fileFormat: undefined,
        pattern: undefined,
        files: undefined,
      }),
    fromStream: (stream) =>
      new InsertSelectBuilder(
        { table, columns: undefined, mapping: undefined, where: undefined, overwrite: false, from: streamRef(stream, call('fromStream')) },
        'fromStream',
      ),
    fromTable: (source) =>
      new InsertSelectBuilder(
        { table, columns: undefined, mapping: undefined, where: undefined, overwrite: false, from: tableRef(source, call('fromTable')) },
        'fromTable',
      ),
  };
}
