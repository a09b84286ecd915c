import { mkdir, open, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SchemaElement } from 'hyparquet';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import { check, checkInteger } from '../../src/checks.js';
import type { EverDriveBatch } from './batch.js';
import { formatMicros } from './micros.js';

export const BATCH_FORMATS = ['parquet', 'csv', 'ndjson'] as const;
export type BatchFormat = (typeof BATCH_FORMATS)[number];

export const BATCH_FOLDERS = ['sessions', 'frame-events', 'payloads', 'embeddings'] as const;
export type BatchFolder = (typeof BATCH_FOLDERS)[number];

export interface WriteBatchOptions {
  readonly format: BatchFormat;
  /** Split each folder into this many files of near-equal size (never more files than rows); default 1. */
  readonly filesPerFolder?: number;
  /** The day in the file names, `YYYY-MM-DD`; default the batch's date. */
  readonly date?: string;
}

export interface WrittenFile {
  /** Relative to the batch directory, with `/` separators: `frame-events/frame_events_2024_08_16.parquet`. */
  readonly path: string;
  readonly folder: BatchFolder;
  readonly rows: number;
  readonly bytes: number;
}

/**
 * How a column is written: its Parquet type, its CSV text and its NDJSON value.
 * - `timestamp`: INT64 TIMESTAMP(MICROS, UTC) in Parquet, `YYYY-MM-DD HH:MM:SS.ffffff` in text formats.
 * - `json`: a JSON-typed byte array in Parquet, JSON text in CSV, a nested object in NDJSON.
 * - `vector`: a LIST of FLOAT (VECTOR's element type) in Parquet, `[0.1,0.2]` in CSV, an array in NDJSON.
 */
export type ColumnKind = 'string' | 'int' | 'double' | 'timestamp' | 'json' | 'vector';

type Row = Readonly<Record<string, unknown>>;

export interface FolderLayout {
  readonly folder: BatchFolder;
  /** The file name before the date: `frame_events` in `frame_events_2024_08_16.parquet`. */
  readonly stem: string;
  readonly rows: (batch: EverDriveBatch) => readonly Row[];
  /** In file order, which is the tables' column order, so CSV's `$1, $2, ...` follow the table. */
  readonly columns: readonly (readonly [name: string, kind: ColumnKind])[];
}

/** Checks at compile time that a layout names every field of its rows, and no other. */
function layout<R extends object>(spec: {
  folder: BatchFolder;
  stem: string;
  rows: (batch: EverDriveBatch) => readonly R[];
  columns: { readonly [K in keyof R]-?: ColumnKind };
}): FolderLayout {
  return { ...spec, rows: spec.rows as FolderLayout['rows'], columns: Object.entries(spec.columns) };
}

export const BATCH_LAYOUT: readonly FolderLayout[] = [
  layout({
    folder: 'sessions',
    stem: 'session',
    rows: (batch) => batch.sessions,
    columns: {
      session_id: 'string',
      vehicle_id: 'string',
      route_name: 'string',
      start_time: 'timestamp',
      end_time: 'timestamp',
      weather: 'string',
      camera_setup: 'string',
    },
  }),
  layout({
    folder: 'frame-events',
    stem: 'frame_events',
    rows: (batch) => batch.frameEvents,
    columns: { frame_id: 'string', session_id: 'string', frame_index: 'int', captured_at: 'timestamp', event_type: 'string', risk_score: 'double' },
  }),
  layout({
    folder: 'payloads',
    stem: 'frame_payloads',
    rows: (batch) => batch.framePayloads,
    columns: { frame_id: 'string', run_stage: 'string', payload: 'json', logged_at: 'timestamp' },
  }),
  layout({
    folder: 'embeddings',
    stem: 'frame_embeddings',
    rows: (batch) => batch.frameEmbeddings,
    columns: { frame_id: 'string', session_id: 'string', embedding: 'vector', model_version: 'string', created_at: 'timestamp' },
  }),
];

/** Rows per Parquet row group, and per write for text formats: bounds the memory a file costs beyond the batch. */
const CHUNK_ROWS = 100_000;

/**
 * Writes the batch's four folders under `dir`, named like the guide's export
 * (`sessions/session_2024_08_16.parquet`, or `..._part_001.parquet` when a folder has several files), and
 * returns what it wrote. Parquet is written by hyparquet-writer, an engine-independent writer.
 *
 * @example
 * await writeBatch(generateBatch({ seed: 42, sessions: 4, framesPerSession: 250 }), 'out', { format: 'csv' });
 */
export async function writeBatch(batch: EverDriveBatch, dir: string, options: WriteBatchOptions): Promise<WrittenFile[]> {
  const { format, filesPerFolder = 1, date = batch.date } = options;
  const call = 'writeBatch()';
  check(BATCH_FORMATS.includes(format), 'invalid_value', call, `format must be one of ${BATCH_FORMATS.join(', ')}, got '${String(format)}'`, 'format');
  checkInteger(filesPerFolder, 1, Number.MAX_SAFE_INTEGER, call, 'filesPerFolder must be a positive integer', 'filesPerFolder');
  check(/^\d{4}-\d{2}-\d{2}$/.test(date), 'invalid_format', call, `date must be YYYY-MM-DD, got '${date}'`, 'date');

  const written: WrittenFile[] = [];
  for (const folder of BATCH_LAYOUT) {
    const rows = folder.rows(batch);
    const parts = splitEvenly(rows.length, filesPerFolder);
    let start = 0;
    for (const [i, count] of parts.entries()) {
      const suffix = parts.length > 1 ? `_part_${String(i + 1).padStart(3, '0')}` : '';
      const path = `${folder.folder}/${folder.stem}_${date.replaceAll('-', '_')}${suffix}.${format}`;
      const file = join(dir, path);
      await mkdir(dirname(file), { recursive: true });
      await WRITERS[format](file, folder, rows.slice(start, start + count));
      written.push({ path, folder: folder.folder, rows: count, bytes: (await stat(file)).size });
      start += count;
    }
  }
  return written;
}

/** `total` rows in at most `files` parts whose sizes differ by at most one; one part even when there are no rows. */
function splitEvenly(total: number, files: number): number[] {
  const parts = Math.max(1, Math.min(files, total));
  return Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));
}

type FileWriter = (file: string, layout: FolderLayout, rows: readonly Row[]) => Promise<void>;

const WRITERS: Readonly<Record<BatchFormat, FileWriter>> = {
  parquet: async (file, { columns }, rows) => {
    const writer = new ParquetWriter({ writer: fileWriter(file), schema: parquetSchema(columns), createdBy: 'databend-etl everdrive example' });
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const chunk = rows.slice(start, start + CHUNK_ROWS);
      const columnData = columns.map(([name]) => ({ name, data: chunk.map((row) => row[name]) }));
      await writer.write({ columnData, rowGroupSize: chunk.length });
    }
    await writer.finish();
  },
  csv: (file, { columns }, rows) =>
    writeLines(file, columns.map(([name]) => name).join(','), rows, (row) => columns.map(([name, kind]) => csvField(text(kind, row[name]))).join(',')),
  ndjson: (file, { columns }, rows) =>
    writeLines(file, undefined, rows, (row) =>
      JSON.stringify(Object.fromEntries(columns.map(([name, kind]) => [name, kind === 'timestamp' ? formatMicros(row[name] as number) : row[name]]))),
    ),
};

/** Records end in LF, Databend's default RECORD_DELIMITER; line breaks inside a CSV field are quoted. */
async function writeLines(file: string, header: string | undefined, rows: readonly Row[], line: (row: Row) => string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    if (header !== undefined) await handle.write(`${header}\n`);
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const lines = rows.slice(start, start + CHUNK_ROWS).map(line);
      await handle.write(`${lines.join('\n')}\n`);
    }
  } finally {
    await handle.close();
  }
}

/** A value as CSV text, before quoting. */
function text(kind: ColumnKind, value: unknown): string {
  switch (kind) {
    case 'timestamp':
      return formatMicros(value as number);
    case 'json':
      return JSON.stringify(value);
    case 'vector':
      return `[${(value as readonly number[]).join(',')}]`;
    default:
      return String(value);
  }
}

/** RFC 4180: a field holding a quote, comma or line break is quoted, its quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function parquetSchema(columns: FolderLayout['columns']): SchemaElement[] {
  return [{ name: 'root', num_children: columns.length }, ...columns.flatMap(([name, kind]) => parquetColumn(name, kind))];
}

// Every column is REQUIRED: the generator never leaves a value out, and Databend then infers non-nullable types.
function parquetColumn(name: string, kind: ColumnKind): SchemaElement[] {
  const repetition_type = 'REQUIRED';
  switch (kind) {
    case 'string':
      return [{ name, repetition_type, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } }];
    case 'int':
      return [{ name, repetition_type, type: 'INT32' }];
    case 'double':
      return [{ name, repetition_type, type: 'DOUBLE' }];
    case 'timestamp':
      return [
        {
          name,
          repetition_type,
          type: 'INT64',
          converted_type: 'TIMESTAMP_MICROS',
          logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
        },
      ];
    case 'json':
      // Databend reads a JSON-typed column as a string and parses it when it lands in a VARIANT column. It does
      // not read Parquet's own VARIANT type as one (it sees a Tuple(Binary, Binary)).
      return [{ name, repetition_type, type: 'BYTE_ARRAY', converted_type: 'JSON', logical_type: { type: 'JSON' } }];
    case 'vector':
      // The standard three-level LIST; Databend reads it as Array(Float32), which casts to VECTOR(n).
      return [
        { name, repetition_type, converted_type: 'LIST', logical_type: { type: 'LIST' }, num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', repetition_type, type: 'FLOAT' },
      ];
  }
}
