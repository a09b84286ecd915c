import { cloneCopyIntoLocation, type CopyIntoLocationOptions, type CopyIntoLocationStmt } from '../ast/copy.js';
import { share } from '../ast/freeze.js';
import { isUriLocation, type FileFormatSpec, type FileLocation } from '../ast/stage.js';
import type { Patch } from '../ast/common.js';
import { isSqlFragment, type SqlFragment } from '../ast/expression.js';
import { isCompiledByDialect, type CompiledSql } from '../ast/script.js';
import { sqlStatementOf } from './statement-input.js';
import { check, type CallSite, checkBoolean, flag, describeValue, checkPositive } from '../checks.js';
import { isTable } from '../schema/table.js';
import { tableRef, type TableRef } from './refs.js';
import { lanceFormat, toFileFormatSpec, type FileFormatInput, type LanceFileFormat } from './file-format.js';
import { stageLocation } from './stage-location.js';
import { toUriLocation, type LocationInput, type WritableScheme } from './location.js';
import { nameOf, StatementBuilder, type NameRef, made } from './statement-builder.js';

const LANCE = 'LANCE';
const LANCE_FORMAT: FileFormatSpec = share({ kind: 'inline', type: LANCE, options: [] });

/** Formats the pinned engine can write; ORC and AVRO are read-only, LANCE is write-only. */
const UNLOAD_FORMATS: readonly string[] = ['CSV', 'TSV', 'NDJSON', 'PARQUET', LANCE];

/**
 * The combinations Databend refuses at run time (error 2004), checked on every step so that each builder is
 * valid: call `.single()`, then `.useRawPath()`, then `.overwrite()` or `.includeQueryId(false)`. A LANCE dataset
 * has rules of its own (databendlabs/databend binder/copy_into_location.rs check_options): no SINGLE at all and no
 * PARTITION BY, while USE_RAW_PATH and OVERWRITE need nothing else. A FILE FORMAT object's type is not known here
 * (it may be a LANCE one, `CREATE FILE FORMAT f TYPE = LANCE`), so with `{ formatName }` USE_RAW_PATH and OVERWRITE
 * without SINGLE are left to the engine, which refuses them (2004) unless the format is LANCE.
 */
function checkUnload(stmt: CopyIntoLocationStmt, call: CallSite): CopyIntoLocationStmt {
  const o = stmt.options;
  const format = stmt.fileFormat;
  check(format?.kind !== 'inline' || UNLOAD_FORMATS.includes(format.type), 'unsupported', call, () => `unload writes only ${UNLOAD_FORMATS.join(', ')} files`);
  check(o.includeQueryId !== false || o.useRawPath === true, 'missing', call, 'INCLUDE_QUERY_ID = FALSE needs USE_RAW_PATH = TRUE (call .useRawPath() first)');
  if (format?.kind === 'inline' && format.type === LANCE) {
    check(o.single === undefined, 'conflict', call, 'SINGLE cannot be used with a LANCE dataset (the engine refuses it, 2004)');
    check(stmt.partitionBy === undefined, 'conflict', call, 'PARTITION BY cannot be used with a LANCE dataset');
    return stmt;
  }
  check(stmt.partitionBy === undefined || o.single !== true, 'conflict', call, 'PARTITION BY cannot be used together with SINGLE = TRUE');
  if (format?.kind === 'named') return stmt;
  check(!o.useRawPath || o.single === true, 'missing', call, 'USE_RAW_PATH = TRUE needs SINGLE = TRUE (call .single() first)');
  check(!o.overwrite || (o.single === true && o.useRawPath === true), 'missing', call, 'OVERWRITE = TRUE needs SINGLE = TRUE and USE_RAW_PATH = TRUE');
  return stmt;
}

/**
 * A file format an unload writes: any readable one but ORC and AVRO (refused when it is checked), or `{ type: 'LANCE' }`,
 * a Lance dataset, which only an unload can write and which takes no options.
 */
export type UnloadFileFormatInput = FileFormatInput | LanceFileFormat;

function unloadFileFormat(format: UnloadFileFormatInput, call: CallSite): FileFormatSpec {
  return lanceFormat(format, call) === undefined ? toFileFormatSpec(format as FileFormatInput, call) : LANCE_FORMAT;
}

/**
 * COPY INTO @stage/path FROM a table or a query: unloading to files.
 *
 * @example
 * copyIntoStage('drive_stage', 'exports/').from(frameEvents).fileFormat({ type: 'PARQUET' })
 * // COPY INTO @drive_stage/exports/
 * // FROM frame_events
 * // FILE_FORMAT = (TYPE = 'PARQUET')
 */
export class CopyIntoStageBuilder extends StatementBuilder<CopyIntoLocationStmt> {
  #call(method: string): string {
    const location = this.node.location;
    return `${isUriLocation(location) ? `copyIntoLocation('${location.url}')` : `copyIntoStage('${location.stage}')`}.${method}()`;
  }

  #next(method: string, patch: Patch<CopyIntoLocationStmt>): CopyIntoStageBuilder {
    return new CopyIntoStageBuilder(checkUnload(cloneCopyIntoLocation(this.node, patch), this.#call(method)));
  }

  #option(method: string, patch: Partial<CopyIntoLocationOptions>): CopyIntoStageBuilder {
    return this.#next(method, { options: { ...this.node.options, ...patch } });
  }

  /** FILE_FORMAT = (...): `{ type: 'CSV', outputHeader: true }`, `{ type: 'LANCE' }` or `{ formatName: 'my_format' }`. */
  fileFormat(format: UnloadFileFormatInput): CopyIntoStageBuilder {
    return this.#next('fileFormat', { fileFormat: unloadFileFormat(format, this.#call('fileFormat')) });
  }

  /** PARTITION BY (expr): one folder per value of a string expression, such as sql`'date=' || to_string(day)`. */
  partitionBy(expression: SqlFragment): CopyIntoStageBuilder {
    check(isSqlFragment(expression), 'invalid_type', this.#call('partitionBy'), 'PARTITION BY takes an sql`` expression');
    return this.#next('partitionBy', { partitionBy: expression });
  }

  /** SINGLE = TRUE: write one file. */
  single(...args: [value?: boolean]): CopyIntoStageBuilder {
    const value = flag(args, this.#call('single'));
    return this.#option('single', { single: value });
  }

  /** MAX_FILE_SIZE = bytes (Databend's default is 64 MiB). */
  maxFileSize(bytes: number): CopyIntoStageBuilder {
    checkPositive(bytes, this.#call('maxFileSize'), 'MAX_FILE_SIZE');
    return this.#option('maxFileSize', { maxFileSize: bytes });
  }

  /** DETAILED_OUTPUT = TRUE: one result row per file written (name, size, rows). */
  detailedOutput(...args: [value?: boolean]): CopyIntoStageBuilder {
    const value = flag(args, this.#call('detailedOutput'));
    return this.#option('detailedOutput', { detailedOutput: value });
  }

  /** USE_RAW_PATH = TRUE: write exactly to the path given (needs `.single()`, except for a LANCE dataset; left to the engine for a FILE FORMAT object). */
  useRawPath(...args: [value?: boolean]): CopyIntoStageBuilder {
    const value = flag(args, this.#call('useRawPath'));
    return this.#option('useRawPath', { useRawPath: value });
  }

  /** INCLUDE_QUERY_ID = TRUE | FALSE: the query id in file names; FALSE needs `.useRawPath()`. */
  includeQueryId(value: boolean): CopyIntoStageBuilder {
    checkBoolean(value, this.#call('includeQueryId'), 'value');
    return this.#option('includeQueryId', { includeQueryId: value });
  }

  /** OVERWRITE = TRUE: replace an existing file (needs `.single()` and `.useRawPath()`, except for a LANCE dataset; left to the engine for a FILE FORMAT object). */
  overwrite(...args: [value?: boolean]): CopyIntoStageBuilder {
    const value = flag(args, this.#call('overwrite'));
    return this.#option('overwrite', { overwrite: value });
  }
}

/**
 * What an unload reads: a table (declared or by name), a query written with sql``, or a SELECT built with Kysely over
 * the SDK's dialect and compiled (`db.selectFrom(numbers(10)).select('number').compile()`, databend-etl/kysely).
 */
export type UnloadSource = TableRef | SqlFragment | CompiledSql;
/** COPY INTO @stage/path: name what to unload with `.from()` before anything else. */
export function copyIntoStage(stage: NameRef, path?: string): { from(source: UnloadSource): CopyIntoStageBuilder } {
  const call = `copyIntoStage('${nameOf(stage, 'copyIntoStage()', 'stage name')}')`;
  return unloadTo(stageLocation(stage, path, call), call);
}

/**
 * COPY INTO 'url' [CONNECTION = (...)]: an unload to files named by URL, a `location()` or a URL string, on a
 * storage that can be written (not http(s):// or ipfs://). The same builder as `copyIntoStage()`.
 *
 * @example
 * copyIntoLocation(location('s3://everdrive-lakehouse/exports/', { connection: 'everdrive_s3' })).from(frameEvents)
 * // COPY INTO 's3://everdrive-lakehouse/exports/' CONNECTION = (CONNECTION_NAME = 'everdrive_s3')
 * // FROM frame_events
 */
export function copyIntoLocation(location: LocationInput<WritableScheme>): { from(source: UnloadSource): CopyIntoStageBuilder } {
  const call = 'copyIntoLocation()';
  const checked = toUriLocation(location, call, 'an unload');
  return unloadTo(checked, `copyIntoLocation('${checked.url}')`);
}

function unloadTo(location: FileLocation, call: string): { from(source: UnloadSource): CopyIntoStageBuilder } {
  return {
    from: (source) => {
      const query = sqlStatementOf(source, `${call}.from()`, 'source');
      check(
        query !== undefined || typeof source === 'string' || isTable(source),
        'invalid_type',
        `${call}.from()`,
        () => `the source must be a declared table, a table name, an sql\`\` query or a query compiled by the Kysely dialect, not ${describeValue(source)}`,
        'source',
      );
      // A compiled INSERT, UPDATE, ... would be pasted into FROM ( ... ): only a SELECT is unloaded.
      const root = (source as { query?: { kind?: unknown } }).query?.kind;
      check(
        !isCompiledByDialect(source) || root === 'SelectQueryNode',
        'unsupported',
        `${call}.from()`,
        'the compiled query must be a SELECT (db.selectFrom(...) or db.selectNoFrom(...))',
        'source',
      );
      return new CopyIntoStageBuilder(
        made({
          kind: 'CopyIntoLocationStmt',
          location,
          source: query !== undefined ? { kind: 'query', query: query.sql } : { kind: 'table', table: tableRef(source as TableRef, `${call}.from()`) },
          partitionBy: undefined,
          fileFormat: undefined,
          options: {
            single: undefined,
            maxFileSize: undefined,
            detailedOutput: undefined,
            useRawPath: undefined,
            includeQueryId: undefined,
            overwrite: undefined,
          },
        }),
      );
    },
  };
}
