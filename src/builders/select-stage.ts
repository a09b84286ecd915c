import type { Patch, StageLocation } from '../ast/common.js';
import { isSqlFragment, type SqlFragment } from '../ast/expression.js';
import { cloneSelectStage, isUriLocation, type FileLocation, type SelectItem, type SelectStageStmt, type StageSourceOptions } from '../ast/stage.js';
import { check, checkInteger, type CallSite } from '../checks.js';
import { checkIdentifier } from '../schema/identifier.js';
import type { InferSelect } from '../schema/infer.js';
import { checkTable, type AnyTable, type Columns, type Table } from '../schema/table.js';
import { stageFileFormat, type NamedFileFormat, type StageFormatType } from './file-format.js';
import { aliasedCastProjection, checkProjectionState, definedMapping, type ColumnMapping, type ColumnName, type ProjectionMapping } from './projection.js';
import { checkStagedFormat, stagedSelectItems, type StagedRow, type StagedSelectItem } from './staged-columns.js';
import { checkFiles, checkPattern, FILES_WITH_PATTERN, stageLocation } from './stage-location.js';
import { StatementBuilder, type NameRef, made } from './statement-builder.js';
import { toUriLocation, type LocationInput } from './location.js';

/**
 * @deprecated No builder takes a plan any longer: a stage SELECT builder holds its node, and beside it, after
 * `typedAs()`, the table and mapping its SELECT list is derived from. Kept so that code naming the type still compiles.
 */
export interface SelectStagePlan {
  readonly location: StageLocation;
  readonly options: StageSourceOptions;
  readonly where: SqlFragment | undefined;
  readonly limit: number | undefined;
  readonly table: AnyTable | undefined;
  readonly columns: readonly string[] | undefined;
  readonly mapping: ProjectionMapping | undefined;
}

/** The column names `columns()` accepts: the table's after `typedAs()`, any name before. */
type ColumnOf<T extends AnyTable | undefined> = T extends undefined ? string : ColumnName<NonNullable<T>>;

/** The row of `columns(...names)`: typed by the table after `typedAs()`, `unknown` values before. */
type PickRow<T extends AnyTable | undefined, K extends string> = T extends { readonly $inferSelect: infer R }
  ? Pick<R, Extract<K, keyof R>>
  : { [P in K]: unknown };

/** The SELECT list: `*` for no columns, the columns cast to the table's types after `typedAs()`, else by name. */
function projection(
  table: AnyTable | undefined,
  mapping: ProjectionMapping | undefined,
  call: CallSite,
  columns: readonly string[] | undefined,
): readonly SelectItem[] {
  if (table !== undefined) return aliasedCastProjection(table, call, columns, mapping);
  return (columns ?? []).map((name) => ({ expression: { kind: 'ColumnRef', name }, alias: undefined }));
}

/**
 * A SELECT over staged files, to preview them before a load. `Row` is the row type a client reads: unknown
 * values for `SELECT *`, the table's row after `typedAs(table)`, the staged columns' after `select(...)`, typed by
 * `F`, the format named with `fileFormat()` (`string` when not named). `SELECT *` works on Parquet and ORC only; CSV, TSV,
 * NDJSON and Avro need a projection (`typedAs(table, { id: staged.col(1) })`, `select(staged.col(1).as('id'))`).
 *
 * @example
 * selectFromStage(driveStage, 'sessions/session_2024_08_16.parquet').limit(5)
 * // SELECT *
 * // FROM @drive_stage/sessions/session_2024_08_16.parquet
 * // LIMIT 5
 */
export class SelectStageBuilder<
  Row extends object = Record<string, unknown>,
  T extends AnyTable | undefined = undefined,
  F extends string = string,
> extends StatementBuilder<SelectStageStmt> {
  /** Types only: the row this query returns, as `$inferSelect` on a table. */
  declare readonly $inferRow: Row;
  // After `typedAs()`, the table and mapping the SELECT list is derived from: no SQL, so kept beside the node (a
  // mapping of a column left out by `columns()` is kept for a later `columns()`).
  readonly #table: AnyTable | undefined;
  readonly #mapping: ProjectionMapping | undefined;

  constructor(node: SelectStageStmt, table?: AnyTable, mapping?: ColumnMapping<string>) {
    super(node);
    checkProjectionState(table, mapping, 'new SelectStageBuilder()', true);
    this.#table = table;
    this.#mapping = mapping as ProjectionMapping | undefined;
  }

  #next<R extends object = Row, U extends AnyTable | undefined = T, G extends string = F>(patch: Patch<SelectStageStmt>): SelectStageBuilder<R, U, G> {
    return new SelectStageBuilder<R, U, G>(made(cloneSelectStage(this.node, patch)), this.#table, this.#mapping);
  }

  /** The table whose rows this query returns, after `typedAs()`: the client decodes them by its declaration. */
  get rowTable(): T {
    return this.#table as T;
  }

  #call(method: string): CallSite {
    const location = this.node.location;
    return () => selectCall(location, method);
  }

  /**
   * Projects each column of `table` cast to its type and named after it (`session_id::STRING AS session_id`;
   * VARIANT bare), so rows come back typed as the table's. `mapping` reads a column from another source column
   * or an expression (`{ session_id: sql`$1` }` for CSV).
   */
  typedAs<N extends string, C extends Columns>(
    table: Table<N, C>,
    mapping?: ColumnMapping<Extract<keyof C, string>>,
  ): SelectStageBuilder<InferSelect<C>, Table<N, C>, F> {
    const call = this.#call('typedAs');
    checkTable(table, call);
    const defined = mapping === undefined ? undefined : definedMapping(mapping, call);
    const items = projection(table, defined, call, undefined);
    // typedAs() names the table's columns: a mapping reads the files' columns (the columns by name are its own rule).
    checkStagedFormat(items, this.node.options.fileFormat, call, false);
    return new SelectStageBuilder(made(cloneSelectStage(this.node, { projection: items })), table, defined);
  }

  /** Selects these columns only; after `typedAs()`, cast to the table's types. */
  columns<K extends ColumnOf<T>>(...names: K[]): SelectStageBuilder<PickRow<T, K>, T, F> {
    const call = this.#call('columns');
    check(names.length > 0, 'too_small', call, 'columns() needs at least one column');
    check(new Set(names).size === names.length, 'conflict', call, 'columns() lists a column twice');
    for (const name of names) checkIdentifier(name, call, 'column name');
    return this.#next({ projection: projection(this.#table, this.#mapping, call, [...names]) });
  }

  /**
   * Selects columns of the staged files without a table: `$n`, paths into `$1`, `metadata$filename`,
   * `metadata$file_row_number` (see `staged`), each by its name or `.as()` alias; `'*'` (Parquet and ORC only) beside them.
   * Name the format first (`fileFormat('CSV')`) to have the columns typed by it. Replaces `typedAs()`.
   *
   * @example
   * selectFromStage('drive_stage', 'frames/').fileFormat('NDJSON').select(staged.path(1, 'title').cast(string()).as('title'), staged.filename)
   * // SELECT $1:title::STRING AS title,
   * //        metadata$filename
   * // FROM @drive_stage/frames/ (FILE_FORMAT => 'NDJSON')
   */
  select<const I extends readonly StagedSelectItem[]>(...items: I): SelectStageBuilder<StagedRow<I, F>, undefined, F> {
    const call = this.#call('select');
    const projection = stagedSelectItems(items, call);
    checkStagedFormat(projection, this.node.options.fileFormat, call);
    return new SelectStageBuilder(made(cloneSelectStage(this.node, { projection })));
  }

  /** FILE_FORMAT => 'PARQUET', or a FILE FORMAT object by name; the stage's own format otherwise. */
  fileFormat<X extends StageFormatType | NamedFileFormat>(format: X): SelectStageBuilder<Row, T, X extends string ? Uppercase<X> : string> {
    const call = this.#call('fileFormat');
    const fileFormat = stageFileFormat(format, call);
    checkStagedFormat(this.node.projection, fileFormat, call, this.#table === undefined);
    return this.#with('fileFormat', { fileFormat });
  }

  /** PATTERN => 'regex': read the files whose path matches. */
  pattern(regex: string): SelectStageBuilder<Row, T, F> {
    checkPattern(regex, this.#call('pattern'));
    return this.#with('pattern', { pattern: regex });
  }

  /** FILES => ('a.parquet', ...): read exactly these files, relative to the stage path. */
  files(names: readonly string[]): SelectStageBuilder<Row, T, F> {
    checkFiles(names, this.#call('files'));
    return this.#with('files', { files: [...names] });
  }

  /** WHERE condition on the rows read. */
  where(condition: SqlFragment): SelectStageBuilder<Row, T, F> {
    check(isSqlFragment(condition), 'invalid_type', this.#call('where'), 'WHERE takes an sql`` expression');
    return this.#next({ where: condition });
  }

  /**
   * `FROM @stage/path (...) alias`: a name for the staged files, for WHERE conditions that qualify their columns
   * (`sql`t.$1 IS NOT NULL``).
   *
   * @example
   * selectFromStage('orc_data_stage').fileFormat({ formatName: 'orc_ff' }).alias('t').limit(10)
   * // SELECT *
   * // FROM @orc_data_stage (FILE_FORMAT => 'orc_ff') t
   * // LIMIT 10
   */
  alias(name: string): SelectStageBuilder<Row, T, F> {
    checkIdentifier(name, this.#call('alias'), 'alias');
    return this.#next({ alias: name });
  }

  /** LIMIT n. */
  limit(count: number): SelectStageBuilder<Row, T, F> {
    checkInteger(count, 0, Number.MAX_SAFE_INTEGER, this.#call('limit'), 'LIMIT must be a non-negative integer');
    return this.#next({ limit: count });
  }

  #with<G extends string = F>(method: string, patch: Partial<StageSourceOptions>): SelectStageBuilder<Row, T, G> {
    const options = { ...this.node.options, ...patch };
    check(options.files === undefined || options.pattern === undefined, 'conflict', this.#call(method), FILES_WITH_PATTERN);
    return this.#next<Row, T, G>({ options });
  }
}

function selectCall(location: FileLocation, method: string): string {
  const head = isUriLocation(location) ? `selectFromLocation('${location.url}')` : `selectFromStage('${location.stage}')`;
  return method === 'selectFromStage' ? head : `${head}.${method}()`;
}

/**
 * Queries staged files: `SELECT * FROM @stage/path`, to preview them before a load.
 *
 * @example
 * selectFromStage('drive_stage', 'sessions/').typedAs(driveSessions).limit(5)
 * // SELECT session_id::STRING AS session_id,
 * //        ...
 * // FROM @drive_stage/sessions/
 * // LIMIT 5
 */
export function selectFromStage(stage: NameRef, path?: string): SelectStageBuilder {
  return selectFrom(stageLocation(stage, path, 'selectFromStage()'));
}

/**
 * Queries files named by URL, a `location()` or a URL string: `SELECT * FROM 'url' (CONNECTION => (...), ...)`,
 * the same builder as `selectFromStage()`.
 *
 * @example
 * selectFromLocation(location('s3://everdrive-lakehouse/raw/', { connection: 'everdrive_s3' })).fileFormat('PARQUET').limit(5)
 * // SELECT *
 * // FROM 's3://everdrive-lakehouse/raw/' (CONNECTION => (CONNECTION_NAME = 'everdrive_s3'), FILE_FORMAT => 'PARQUET')
 * // LIMIT 5
 */
export function selectFromLocation(location: LocationInput): SelectStageBuilder {
  return selectFrom(toUriLocation(location, 'selectFromLocation()'));
}

function selectFrom(location: FileLocation): SelectStageBuilder {
  const options: StageSourceOptions = { fileFormat: undefined, pattern: undefined, files: undefined };
  return new SelectStageBuilder(made({ kind: 'SelectStageStmt', projection: [], location, options, alias: undefined, where: undefined, limit: undefined }));
}
