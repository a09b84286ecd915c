import { cloneCopyIntoLocation, type CopyIntoLocationOptions, type CopyIntoLocationStmt } from '../ast/copy.js';
import type { Patch } from '../ast/common.js';
import { isSqlFragment, type SqlFragment } from '../ast/expression.js';
import { check, type CallSite, checkBoolean, flag, describeValue, checkPositive } from '../checks.js';
import { isTable } from '../schema/table.js';
import { tableRef, type TableRef } from './refs.js';
import { toFileFormatSpec, type FileFormatInput } from './file-format.js';
import { stageLocation } from './stage-location.js';
import { nameOf, StatementBuilder, type NameRef } from './statement-builder.js';

/** Formats the pinned engine can write; ORC and AVRO are read-only. */
const UNLOAD_FORMATS: readonly string[] = ['CSV', 'TSV', 'NDJSON', 'PARQUET'];

/**
 * The combinations Databend refuses at run time (error 2004), checked on every step so that each builder is
 * valid: call `.single()`, then `.useRawPath()`, then `.overwrite()` or `.includeQueryId(false)`.
 */
function checkUnload(stmt: CopyIntoLocationStmt, call: CallSite): CopyIntoLocationStmt {
  const o = stmt.options;
  check(!o.useRawPath || o.single === true, 'missing', call, 'USE_RAW_PATH = TRUE needs SINGLE = TRUE (call .single() first)');
  check(o.includeQueryId !== false || o.useRawPath === true, 'missing', call, 'INCLUDE_QUERY_ID = FALSE needs USE_RAW_PATH = TRUE (call .useRawPath() first)');
  check(!o.overwrite || (o.single === true && o.useRawPath === true), 'missing', call, 'OVERWRITE = TRUE needs SINGLE = TRUE and USE_RAW_PATH = TRUE');
  check(stmt.partitionBy === undefined || o.single !== true, 'conflict', call, 'PARTITION BY cannot be used together with SINGLE = TRUE');
  const format = stmt.fileFormat;
  check(format?.kind !== 'inline' || UNLOAD_FORMATS.includes(format.type), 'unsupported', call, () => `unload writes only ${UNLOAD_FORMATS.join(', ')} files`);
  return stmt;
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
    return `copyIntoStage('${this.node.location.stage}').${method}()`;
  }

  #next(method: string, patch: Patch<CopyIntoLocationStmt>): CopyIntoStageBuilder {
    return new CopyIntoStageBuilder(checkUnload(cloneCopyIntoLocation(this.node, patch), this.#call(method)));
  }

  #option(method: string, patch: Partial<CopyIntoLocationOptions>): CopyIntoStageBuilder {
    return this.#next(method, { options: { ...this.node.options, ...patch } });
  }

  /** FILE_FORMAT = (...): `{ type: 'CSV', outputHeader: true }` or `{ formatName: 'my_format' }`. */
  fileFormat(format: FileFormatInput): CopyIntoStageBuilder {
    return this.#next('fileFormat', { fileFormat: toFileFormatSpec(format, this.#call('fileFormat')) });
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

  /** USE_RAW_PATH = TRUE: write exactly to the path given (needs `.single()`). */
  useRawPath(...args: [value?: boolean]): CopyIntoStageBuilder {
    const value = flag(args, this.#call('useRawPath'));
    return this.#option('useRawPath', { useRawPath: value });
  }

  /** INCLUDE_QUERY_ID = TRUE | FALSE: the query id in file names; FALSE needs `.useRawPath()`. */
  includeQueryId(value: boolean): CopyIntoStageBuilder {
    checkBoolean(value, this.#call('includeQueryId'), 'value');
    return this.#option('includeQueryId', { includeQueryId: value });
  }

  /** OVERWRITE = TRUE: replace an existing file (needs `.single()` and `.useRawPath()`). */
  overwrite(...args: [value?: boolean]): CopyIntoStageBuilder {
    const value = flag(args, this.#call('overwrite'));
    return this.#option('overwrite', { overwrite: value });
  }
}

/** What an unload reads: a table (declared or by name) or a query written with sql``. */
export type UnloadSource = TableRef | SqlFragment;

/** COPY INTO @stage/path: name what to unload with `.from()` before anything else. */
export function copyIntoStage(stage: NameRef, path?: string): { from(source: UnloadSource): CopyIntoStageBuilder } {
  const call = `copyIntoStage('${nameOf(stage, 'copyIntoStage()', 'stage name')}')`;
  const location = stageLocation(stage, path, call);
  return {
    from: (source) => {
      check(
        isSqlFragment(source) || typeof source === 'string' || isTable(source),
        'invalid_type',
        `${call}.from()`,
        () => `the source must be a declared table, a table name or an sql\`\` query, not ${describeValue(source)}`,
        'source',
      );
      return new CopyIntoStageBuilder({
        kind: 'CopyIntoLocationStmt',
        location,
        source: isSqlFragment(source) ? { kind: 'query', query: source } : { kind: 'table', table: tableRef(source, `${call}.from()`) },
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
      });
    },
  };
}
