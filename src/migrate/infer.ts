import { randomBytes } from 'node:crypto';
import type { DataType } from '../ast/data-types.js';
import { createFileFormat } from '../builders/create-file-format.js';
import { dropFileFormat } from '../builders/drop.js';
import { inferSchema } from '../builders/table-functions.js';
import { check, checkRecord, checkString, describeValue } from '../checks.js';
import { DatabendClient } from '../client/client.js';
import { parseType, type TypeDesc } from '../client/type-parser.js';
import { checkIdentifier, checkPlainName } from '../schema/identifier.js';
import { constantName, fileStem, GENERATED_NAMES, importLine, stringLiteral, tableDeclaration, textWidth, type GeneratedFile } from './codegen.js';
import type { LiveColumn, LiveTable } from './introspect.js';

/** The file types infer() reads: INFER_SCHEMA's own (it infers no TSV, ORC or Avro on the pinned engine). */
export const INFER_FORMATS = ['PARQUET', 'CSV', 'NDJSON'] as const;
export type InferFormat = (typeof INFER_FORMATS)[number];

export interface InferOptions {
  /** The stage holding the files (a plain name). */
  readonly stage: string;
  /** A folder (ending in `/`) or a file inside the stage; the stage's root when left out. */
  readonly path?: string;
  readonly format: InferFormat;
  /** The generated table's name. */
  readonly table: string;
  /** Only the files whose path after the location matches this regular expression. */
  readonly pattern?: string;
  /**
   * A FILE FORMAT object to infer and load with. Without it, a CSV file's first line is its header: infer() makes a
   * FILE FORMAT `TYPE = CSV SKIP_HEADER = 1` of its own for INFER_SCHEMA (dropped afterwards), and the COPY skips it.
   */
  readonly formatName?: string;
  /** The module the generated code imports from; default 'databend-etl'. */
  readonly importFrom?: string;
}

export interface InferredTable {
  /** The table INFER_SCHEMA describes, in the SDK's model (no comment, cluster key or options). */
  readonly table: LiveTable;
  /** One file: the `table()` declaration and the `copyInto()` that loads the files. */
  readonly files: readonly GeneratedFile[];
}

const LINE_WIDTH = 160;

const TYPE_NAMES: Readonly<Record<string, DataType['kind']>> = {
  BOOLEAN: 'BOOLEAN',
  INT8: 'TINYINT',
  TINYINT: 'TINYINT',
  INT16: 'SMALLINT',
  SMALLINT: 'SMALLINT',
  INT32: 'INT',
  INT: 'INT',
  INTEGER: 'INT',
  INT64: 'BIGINT',
  BIGINT: 'BIGINT',
  UINT8: 'TINYINT UNSIGNED',
  UINT16: 'SMALLINT UNSIGNED',
  UINT32: 'INT UNSIGNED',
  UINT64: 'BIGINT UNSIGNED',
  FLOAT32: 'FLOAT',
  FLOAT: 'FLOAT',
  FLOAT64: 'DOUBLE',
  DOUBLE: 'DOUBLE',
  VARCHAR: 'STRING',
  STRING: 'STRING',
  BINARY: 'BINARY',
  DATE: 'DATE',
  TIMESTAMP: 'TIMESTAMP',
  TIMESTAMPTZ: 'TIMESTAMP_TZ',
  TIMESTAMP_TZ: 'TIMESTAMP_TZ',
  INTERVAL: 'INTERVAL',
  VARIANT: 'VARIANT',
  BITMAP: 'BITMAP',
  GEOMETRY: 'GEOMETRY',
  GEOGRAPHY: 'GEOGRAPHY',
};

/**
 * A type INFER_SCHEMA prints (`VARCHAR`, `ARRAY(FLOAT32)`, `TUPLE(A ARRAY(INT64),)`) in the SDK's model. A named
 * TUPLE inferred from NDJSON is a JSON object, declared VARIANT: the engine prints its keys upper-cased (the file's
 * case is lost) and one key missing from a record would fail the load; VARIANT keeps the object as it is.
 */
export function inferredType(text: string, format: InferFormat): DataType {
  const of = (desc: TypeDesc): DataType => {
    const name = desc.name.toUpperCase();
    const simple = TYPE_NAMES[name];
    if (simple !== undefined) return { kind: simple } as DataType;
    const int = (arg: TypeDesc | undefined): number => {
      const n = Number(arg?.name);
      if (!Number.isSafeInteger(n)) throw new Error(`infer(): INFER_SCHEMA's type '${text}' has no integer parameter`);
      return n;
    };
    switch (name) {
      case 'DECIMAL':
        return { kind: 'DECIMAL', precision: int(desc.args[0]), scale: int(desc.args[1]) };
      case 'VECTOR':
        return { kind: 'VECTOR', dimension: int(desc.args[0]) };
      case 'ARRAY':
        return { kind: 'ARRAY', element: of(desc.args[0]!) };
      case 'MAP':
        return { kind: 'MAP', key: of(desc.args[0]!), value: of(desc.args[1]!) };
      case 'TUPLE': {
        const named = desc.args.every((a) => a.field !== undefined && !/^\d+$/.test(a.field));
        if (!named) return { kind: 'TUPLE', named: false, elements: desc.args.map(of) };
        if (format === 'NDJSON') return { kind: 'VARIANT' };
        const fields: Record<string, DataType> = {};
        for (const a of desc.args) Object.defineProperty(fields, a.field!.toLowerCase(), { value: of(a), enumerable: true });
        return { kind: 'TUPLE', named: true, fields };
      }
      default:
        throw new Error(`infer(): INFER_SCHEMA's type '${text}' has no counterpart in the SDK's types`);
    }
  };
  const desc = parseType(text);
  // An object at the top of an NDJSON column is VARIANT too, nested or not.
  return of(desc);
}

interface InferRow {
  readonly column_name: string;
  readonly type: string;
  readonly nullable: boolean;
  readonly order_id: bigint;
}

/**
 * Reads staged files' schema with INFER_SCHEMA and generates the TypeScript `table()` that holds them and the
 * `copyInto()` that loads them: Parquet through the default transform, CSV (header line skipped) and NDJSON (keys
 * by name) as they are. The user can then edit names and types. Returns the file; writes nothing.
 *
 * @example
 * const { files } = await infer(client, { stage: 'land', path: 'sessions/', format: 'CSV', table: 'drive_sessions' });
 * // export const driveSessions = table('drive_sessions', { session_id: string(), ... });
 * // export const loadDriveSessions = copyInto(driveSessions).fromStage('land', 'sessions/').raw().fileFormat({ type: 'CSV', skipHeader: 1 });
 */
export async function infer(client: DatabendClient, options: InferOptions): Promise<InferredTable> {
  const call = 'infer()';
  check(
    client instanceof DatabendClient,
    'invalid_type',
    call,
    () => `client must be a client of the SDK (createClient()), not ${describeValue(client)}`,
    'client',
  );
  checkRecord(options, call, 'options', ['stage', 'path', 'format', 'table', 'pattern', 'formatName', 'importFrom']);
  const { stage, path, format, table, pattern, formatName, importFrom = 'databend-etl' } = options;
  checkPlainName(stage, call, 'stage');
  check((INFER_FORMATS as readonly unknown[]).includes(format), 'invalid_value', call, () => `format must be one of ${INFER_FORMATS.join(', ')}`, 'format');
  checkIdentifier(table, call, 'table');
  if (pattern !== undefined) checkString(pattern, call, 'pattern');
  if (formatName !== undefined) checkPlainName(formatName, call, 'formatName');
  checkString(importFrom, call, 'importFrom');
  check(importFrom !== '', 'too_small', call, 'importFrom must be a non-empty string', 'importFrom');

  let query = inferSchema(stage, path);
  if (pattern !== undefined) query = query.pattern(pattern);
  const ownFormat = formatName === undefined && format === 'CSV' ? `databend_etl_infer_${randomBytes(6).toString('hex')}` : undefined;
  let rows: InferRow[];
  if (ownFormat !== undefined) {
    await client.execute(createFileFormat(ownFormat, { type: 'CSV', skipHeader: 1 }));
    try {
      rows = [...(await client.query(query.fileFormat({ formatName: ownFormat })))];
    } finally {
      await client.execute(dropFileFormat(ownFormat).ifExists());
    }
  } else rows = [...(await client.query(query.fileFormat(formatName === undefined ? format : { formatName })))];
  if (rows.length === 0) throw new Error(`${call}: INFER_SCHEMA found no columns at @${stage}/${path ?? ''} (no file, or no file matching)`);
  rows.sort((a, b) => (a.order_id < b.order_id ? -1 : a.order_id > b.order_id ? 1 : 0));
  const columns: LiveColumn[] = rows.map((row) => ({
    name: row.column_name,
    type: inferredType(row.type, format),
    nullable: row.nullable,
    default: undefined,
    comment: undefined,
    computed: undefined,
  }));
  const live: LiveTable = { database: '', name: table, columns, clusterBy: undefined, comment: undefined, options: {}, transient: false };

  return { table: live, files: [inferredFile(live, { stage, path, pattern, format, formatName, importFrom })] };
}

/** Where the files are and how they are read: what the generated COPY says. */
export interface InferredSource {
  readonly stage: string;
  readonly path: string | undefined;
  readonly pattern: string | undefined;
  readonly format: InferFormat;
  readonly formatName: string | undefined;
  readonly importFrom: string;
}

/** The generated file of an inferred table: its `table()` and the `copyInto()` that loads the files. Pure. */
export function inferredFile(live: LiveTable, source: InferredSource): GeneratedFile {
  const { stage, path, pattern, format, formatName, importFrom } = source;
  const constant = constantName(live.name, GENERATED_NAMES);
  const load = constantName(`load_${constant}`, new Set([...GENERATED_NAMES, constant]));
  const uses = new Set<string>(['copyInto']);
  const declaration = tableDeclaration(live, constant, uses);
  const calls = [
    `fromStage(${[stringLiteral(stage), ...(path === undefined ? [] : [stringLiteral(path)])].join(', ')})`,
    ...(pattern === undefined ? [] : [`pattern(${stringLiteral(pattern)})`]),
    ...(format === 'PARQUET' ? [] : ['raw()']),
    `fileFormat(${
      formatName !== undefined ? `{ formatName: ${stringLiteral(formatName)} }` : format === 'CSV' ? "{ type: 'CSV', skipHeader: 1 }" : `{ type: '${format}' }`
    })`,
  ];
  const oneLine = `export const ${load} = copyInto(${constant}).${calls.join('.')};`;
  const copy =
    textWidth(oneLine) <= LINE_WIDTH
      ? [oneLine]
      : [`export const ${load} = copyInto(${constant})`, ...calls.map((c, i) => `  .${c}${i === calls.length - 1 ? ';' : ''}`)];
  const lines = [
    `// Generated by databend-etl infer from ${format} files with INFER_SCHEMA. Edit names and types freely; the COPY follows the table.`,
    ...importLine(uses, importFrom),
    '',
    ...declaration,
    '',
    ...copy,
  ];
  return { path: `${fileStem(constant)}.ts`, contents: `${lines.join('\n')}\n` };
}
