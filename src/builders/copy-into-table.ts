import type { Patch, StageLocation } from '../ast/common.js';
import {
  cloneCopyIntoTable,
  COLUMN_MATCH_MODES,
  NO_COPY_OPTIONS,
  ON_ERROR_MODES,
  type ColumnMatchMode,
  type CopyIntoTableOptions,
  type CopyIntoTableStmt,
  type OnErrorMode,
  type OnErrorModeName,
  type SchemaEvolution,
} from '../ast/copy.js';
import type { SqlFragment } from '../ast/expression.js';
import { check, checkInteger, checkRecord, type CallSite, flag, checkPositive, isPlainObject, refuse } from '../checks.js';
import { columnNamesOf, tableName } from '../schema/lower.js';
import { checkIdentifier } from '../schema/identifier.js';
import { checkTable, type AnyTable } from '../schema/table.js';
import { toFileFormatSpec, type FileFormatInput } from './file-format.js';
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
import { checkFiles, checkPattern, FILES_WITH_PATTERN, stageLocation } from './stage-location.js';
import { toUriLocation, type LocationInput } from './location.js';
import type { FileLocation } from '../ast/stage.js';
import { StatementBuilder, type NameRef, made } from './statement-builder.js';

/** ON_ERROR: a mode, or stop / skip a file after n errors (ABORT_n, SKIP_FILE_n). */
export type OnErrorInput = OnErrorModeName | { readonly abortAfter: number } | { readonly skipFileAfter: number };

/** Databend refuses more ("max_files should be less than 15000", though 15000 itself is accepted). */
export const MAX_FILES_LIMIT = 15000;

function toOnError(input: OnErrorInput, call: CallSite): OnErrorMode {
  if (typeof input === 'string') {
    check((ON_ERROR_MODES as readonly string[]).includes(input), 'invalid_value', call, () => `ON_ERROR must be one of ${ON_ERROR_MODES.join(', ')}`);
    return { mode: input };
  }
  const keys = typeof input === 'object' && input !== null && !Array.isArray(input) ? Object.keys(input) : [];
  // { abortAfter, skipFileAfter } would keep one mode and drop the other without a word.
  if (keys.length !== 1 || (keys[0] !== 'abortAfter' && keys[0] !== 'skipFileAfter')) {
    const reason = keys.length > 1 ? 'conflict' : keys.length === 1 ? 'unknown_key' : isPlainObject(input) ? 'missing' : 'invalid_type';
    refuse(reason, call, ON_ERROR_RULE);
  }
  const abort = keys[0] === 'abortAfter';
  const threshold = abort ? (input as { abortAfter: unknown }).abortAfter : (input as { skipFileAfter: unknown }).skipFileAfter;
  // Databend's parser refuses ABORT_0 and SKIP_FILE_0 (error 1005).
  checkInteger(threshold, 1, Number.MAX_SAFE_INTEGER, call, ON_ERROR_RULE);
  return { mode: abort ? 'ABORT_N' : 'SKIP_FILE_N', threshold };
}

const ON_ERROR_RULE = 'ON_ERROR takes ABORT, CONTINUE, SKIP_FILE, { abortAfter: n } or { skipFileAfter: n } with n a positive integer';

const NO_OPTIONS: CopyIntoTableOptions = NO_COPY_OPTIONS;

/**
 * @deprecated No builder takes a plan any longer: a COPY builder holds its node, and beside it the declared table
 * and the mapping its transform is derived from. Kept so that code naming the type still compiles.
 */
export interface CopyPlan {
  readonly table: AnyTable;
  readonly location: StageLocation;
  readonly columns: readonly string[] | undefined;
  readonly mapping: Readonly<Record<string, string | SqlFragment>> | undefined;
  readonly raw: boolean;
}

const RAW_WITH_MAP = 'raw() loads the files as they are, so there is no transform for map() to change';

/**
 * COPY INTO a table from staged files. By default the files are read through a transform SELECT that casts
 * each column to the table's type, the guide's form.
 *
 * @example
 * copyInto(frameEmbeddings).fromStage('drive_stage', 'embeddings/').fileFormat({ type: 'PARQUET' })
 * // COPY INTO frame_embeddings (frame_id, session_id, embedding, model_version, created_at)
 * // FROM (
 * //   SELECT frame_id::STRING,
 * //          session_id::STRING,
 * //          embedding::VECTOR(4),
 * //          model_version::STRING,
 * //          created_at::TIMESTAMP
 * //   FROM @drive_stage/embeddings/
 * // )
 * // FILE_FORMAT = (TYPE = 'PARQUET')
 */
export class CopyIntoTableBuilder<C extends string = string> extends StatementBuilder<CopyIntoTableStmt> {
  // The declared table and the mapping the transform is derived from: no SQL, so kept beside the node.
  readonly #table: AnyTable;
  readonly #mapping: ProjectionMapping | undefined;

  constructor(node: CopyIntoTableStmt, table: AnyTable, mapping?: ColumnMapping<string>) {
    super(node);
    checkProjectionState(table, mapping, 'new CopyIntoTableBuilder()');
    this.#table = table;
    this.#mapping = mapping as ProjectionMapping | undefined;
  }

  #call(method: string): CallSite {
    const table = this.#table;
    return () => copyCall(table, method);
  }

  #next(patch: Patch<CopyIntoTableStmt>): CopyIntoTableBuilder<C> {
    return new CopyIntoTableBuilder(made(cloneCopyIntoTable(this.node, patch)), this.#table, this.#mapping);
  }

  /** A clause changed, checked against the others it cannot go with. */
  #clauses(method: string, patch: Patch<Pick<CopyIntoTableStmt, 'kind' | 'files' | 'pattern' | 'fileFormat' | 'options'>>): CopyIntoTableBuilder<C> {
    const next = cloneCopyIntoTable(this.node, patch);
    const call = this.#call(method);
    check(next.files === undefined || next.pattern === undefined, 'conflict', call, FILES_WITH_PATTERN);
    const format = next.fileFormat;
    check(
      next.options.columnMatchMode === undefined || format?.kind !== 'inline' || format.type === 'PARQUET',
      'conflict',
      call,
      'COLUMN_MATCH_MODE applies only to PARQUET files',
    );
    return new CopyIntoTableBuilder(made(next), this.#table, this.#mapping);
  }

  #option(method: string, patch: Partial<CopyIntoTableOptions>): CopyIntoTableBuilder<C> {
    return this.#clauses(method, { options: { ...this.node.options, ...patch } });
  }

  /** The columns chosen with columns(); the table's own (shared) list in the node means every column. */
  #chosen(): readonly string[] | undefined {
    const columns = this.node.columns;
    return columns === columnNamesOf(this.#table) ? undefined : columns;
  }

  /** The transform re-derived for other columns or another mapping, checked as they go together. */
  #transform(method: string, columns: readonly string[] | undefined, mapping: ProjectionMapping | undefined): CopyIntoTableBuilder<C> {
    const call = this.#call(method);
    const table = this.#table;
    const from = this.node.source;
    check(from.kind === 'query' || mapping === undefined, 'conflict', call, RAW_WITH_MAP);
    if (from.kind === 'location') return this.#next({ columns });
    const projection = castProjection(table, call, columns, mapping);
    checkMappedColumns(columns, mapping, call);
    const node = cloneCopyIntoTable(this.node, {
      columns: columns ?? columnNamesOf(table),
      source: { kind: 'query', projection, location: from.location, alias: from.alias },
    });
    return new CopyIntoTableBuilder(made(node), table, mapping);
  }

  /**
   * `FROM @stage/path alias` in the transform: a name for the staged files, for mapped expressions that qualify
   * their columns (`map({ id: sql`t.id` })`).
   *
   * @example
   * copyInto(employees).fromStage('my_parquet_stage').alias('t').map({ id: sql`t.id`, name: sql`t.name` })
   * // COPY INTO employees (id, name)
   * // FROM (
   * //   SELECT t.id,
   * //          t.name
   * //   FROM @my_parquet_stage t
   * // )
   */
  alias(name: string): CopyIntoTableBuilder<C> {
    const call = this.#call('alias');
    checkIdentifier(name, call, 'alias');
    const from = this.node.source;
    check(from.kind === 'query', 'conflict', call, 'raw() loads the files without a transform SELECT, so there is nothing to give an alias to');
    return this.#next({ source: { kind: 'query', projection: from.projection, location: from.location, alias: name } });
  }

  /** Loads only these columns: `COPY INTO t (a, b) FROM (SELECT a::T, b::T ...)`. */
  columns(names: readonly C[]): CopyIntoTableBuilder<C> {
    checkColumns(this.#table, names, this.#call('columns'));
    return this.#transform('columns', [...names], this.#mapping);
  }

  /** Reads a target column from another source column (`{ frame_id: 'id' }`) or an expression (`{ payload: sql`$1` }`). */
  map(mapping: ColumnMapping<C>): CopyIntoTableBuilder<C> {
    return this.#transform('map', this.#chosen(), definedMapping(mapping, this.#call('map')));
  }

  /** Loads the files without a transform: `COPY INTO t FROM @stage/path`, columns matched by name or position. */
  raw(): CopyIntoTableBuilder<C> {
    const from = this.node.source;
    check(this.#mapping === undefined, 'conflict', this.#call('raw'), RAW_WITH_MAP);
    check(
      from.kind === 'location' || from.alias === undefined,
      'conflict',
      this.#call('raw'),
      'raw() loads the files without a transform SELECT, so the alias() given would be dropped',
    );
    return this.#next({ columns: this.#chosen(), source: from.kind === 'location' ? from : { kind: 'location', location: from.location } });
  }

  /** FILES = ('a.parquet', ...): load exactly these files (relative to the stage path). */
  files(names: readonly string[]): CopyIntoTableBuilder<C> {
    checkFiles(names, this.#call('files'));
    return this.#clauses('files', { files: [...names] });
  }

  /** PATTERN = 'regex': load the files whose path after the stage location matches. */
  pattern(regex: string): CopyIntoTableBuilder<C> {
    checkPattern(regex, this.#call('pattern'));
    return this.#clauses('pattern', { pattern: regex });
  }

  /** FILE_FORMAT = (...): `{ type: 'CSV', skipHeader: 1 }` or `{ formatName: 'my_format' }`; the stage's format otherwise. */
  fileFormat(format: FileFormatInput): CopyIntoTableBuilder<C> {
    return this.#clauses('fileFormat', { fileFormat: toFileFormatSpec(format, this.#call('fileFormat')) });
  }

  /** ON_ERROR = ABORT | CONTINUE | SKIP_FILE | ABORT_n | SKIP_FILE_n. */
  onError(mode: OnErrorInput): CopyIntoTableBuilder<C> {
    return this.#option('onError', { onError: toOnError(mode, this.#call('onError')) });
  }

  /** FORCE = TRUE: reload files already loaded (Databend remembers loaded files for 24 hours by default). */
  force(...args: [value?: boolean]): CopyIntoTableBuilder<C> {
    const value = flag(args, this.#call('force'));
    return this.#option('force', { force: value });
  }

  /** PURGE = TRUE: delete the files after a successful load. */
  purge(...args: [value?: boolean]): CopyIntoTableBuilder<C> {
    const value = flag(args, this.#call('purge'));
    return this.#option('purge', { purge: value });
  }

  /** MAX_FILES = n: load at most n files (up to 15000). */
  maxFiles(count: number): CopyIntoTableBuilder<C> {
    checkInteger(count, 1, MAX_FILES_LIMIT, this.#call('maxFiles'), () => `MAX_FILES must be an integer from 1 to ${MAX_FILES_LIMIT}`);
    return this.#option('maxFiles', { maxFiles: count });
  }

  /** SIZE_LIMIT = n (parsed by Databend, not yet applied). */
  sizeLimit(rows: number): CopyIntoTableBuilder<C> {
    checkPositive(rows, this.#call('sizeLimit'), 'SIZE_LIMIT');
    return this.#option('sizeLimit', { sizeLimit: rows });
  }

  /** SPLIT_SIZE = n bytes (parsed by Databend, not yet applied). */
  splitSize(bytes: number): CopyIntoTableBuilder<C> {
    checkPositive(bytes, this.#call('splitSize'), 'SPLIT_SIZE');
    return this.#option('splitSize', { splitSize: bytes });
  }

  /** DISABLE_VARIANT_CHECK = TRUE: invalid JSON becomes NULL instead of an error. */
  disableVariantCheck(...args: [value?: boolean]): CopyIntoTableBuilder<C> {
    const value = flag(args, this.#call('disableVariantCheck'));
    return this.#option('disableVariantCheck', { disableVariantCheck: value });
  }

  /** RETURN_FAILED_ONLY = TRUE: the result lists only the files that failed. */
  returnFailedOnly(...args: [value?: boolean]): CopyIntoTableBuilder<C> {
    const value = flag(args, this.#call('returnFailedOnly'));
    return this.#option('returnFailedOnly', { returnFailedOnly: value });
  }

  /** COLUMN_MATCH_MODE = CASE_SENSITIVE | CASE_INSENSITIVE | POSITION (Parquet only; the pinned engine refuses POSITION at run time). */
  columnMatchMode(mode: ColumnMatchMode): CopyIntoTableBuilder<C> {
    check(
      (COLUMN_MATCH_MODES as readonly string[]).includes(mode),
      'invalid_value',
      this.#call('columnMatchMode'),
      () => `COLUMN_MATCH_MODE must be one of ${COLUMN_MATCH_MODES.join(', ')}`,
    );
    return this.#option('columnMatchMode', { columnMatchMode: mode });
  }

  /**
   * SCHEMA_EVOLUTION = (SAMPLE_FILES = n, SAMPLE_RECORDS_PER_FILE = n, SAMPLE_TOTAL_RECORDS = n): how many files
   * and records a COPY into a table with `enable_schema_evolution` samples for new columns; each a positive integer
   * or 'AUTO' (the server's default), `{}` for all defaults. Newer than the pinned local engine, which refuses it as
   * a syntax error (1005).
   */
  schemaEvolution(sampling: SchemaEvolutionInput): CopyIntoTableBuilder<C> {
    return this.#option('schemaEvolution', { schemaEvolution: toSchemaEvolution(sampling, this.#call('schemaEvolution')) });
  }
}

/** The sampling limits of SCHEMA_EVOLUTION; each a positive integer or 'AUTO'. */
export interface SchemaEvolutionInput {
  readonly sampleFiles?: number | 'AUTO';
  readonly sampleRecordsPerFile?: number | 'AUTO';
  readonly sampleTotalRecords?: number | 'AUTO';
}

const SCHEMA_EVOLUTION_KEYS = ['sampleFiles', 'sampleRecordsPerFile', 'sampleTotalRecords'] as const;

function toSchemaEvolution(input: SchemaEvolutionInput, call: CallSite): SchemaEvolution {
  checkRecord(input, call, 'SCHEMA_EVOLUTION', SCHEMA_EVOLUTION_KEYS);
  const value = (key: (typeof SCHEMA_EVOLUTION_KEYS)[number]): number | 'AUTO' | undefined => {
    const given: unknown = input[key];
    if (given === undefined || given === 'AUTO') return given;
    // The parser refuses 0 ("Schema evolution option ... must be greater than 0").
    checkInteger(given, 1, Number.MAX_SAFE_INTEGER, call, () => `SCHEMA_EVOLUTION ${key} must be a positive integer or 'AUTO'`, key);
    return given;
  };
  return { sampleFiles: value('sampleFiles'), sampleRecordsPerFile: value('sampleRecordsPerFile'), sampleTotalRecords: value('sampleTotalRecords') };
}

function copyCall(table: AnyTable, method: string | undefined): string {
  return `copyInto('${table.name}')${method === undefined ? '' : `.${method}()`}`;
}

/** COPY INTO a table: name the source with `.fromStage()` or `.fromLocation()` before anything else. */
export interface CopyIntoStart<C extends string> {
  /** FROM @stage[/path]: a stage name or a createStage builder, and a path inside it (a folder ends in `/`). */
  fromStage(stage: NameRef, path?: string): CopyIntoTableBuilder<C>;
  /**
   * FROM 'url' [CONNECTION = (...)]: files named by URL, a `location()` or a URL string (`'fs:///data/'`,
   * `'https://host/file.csv'`).
   *
   * @example
   * copyInto(frameEvents).fromLocation(location('s3://everdrive-lakehouse/raw/', { connection: 'everdrive_s3' }))
   * // COPY INTO frame_events (...)
   * // FROM (
   * //   SELECT ...
   * //   FROM 's3://everdrive-lakehouse/raw/' CONNECTION = (CONNECTION_NAME = 'everdrive_s3')
   * // )
   */
  fromLocation(location: LocationInput): CopyIntoTableBuilder<C>;
}

/** COPY INTO a declared table; the schema gives the column list and the casts. */
export function copyInto<T extends AnyTable>(table: T): CopyIntoStart<ColumnName<T>> {
  checkTable(table, 'copyInto()');
  return {
    fromStage: (stage, path) => {
      const call = () => copyCall(table, 'fromStage');
      return copyFrom(table, stageLocation(stage, path, call), call);
    },
    fromLocation: (location) => {
      const call = () => copyCall(table, 'fromLocation');
      return copyFrom(table, toUriLocation(location, call), call);
    },
  };
}

function copyFrom<T extends AnyTable>(table: T, location: FileLocation, call: CallSite): CopyIntoTableBuilder<ColumnName<T>> {
  const node: CopyIntoTableStmt = {
    kind: 'CopyIntoTableStmt',
    table: tableName(table),
    columns: columnNamesOf(table),
    source: { kind: 'query', projection: castProjection(table, call), location, alias: undefined },
    files: undefined,
    pattern: undefined,
    fileFormat: undefined,
    options: NO_OPTIONS,
  };
  return new CopyIntoTableBuilder(made(node), table);
}
