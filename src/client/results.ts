/** What one file contributed to a COPY INTO <table>: the engine's File, Rows_loaded, Errors_seen, First_error, First_error_line. */
export interface CopyFileResult {
  readonly file: string;
  readonly rowsLoaded: number;
  readonly errorsSeen: number;
  readonly firstError: string | null;
  readonly firstErrorLine: number | null;
}

/** A file in a stage, as LIST @stage reports it. */
export interface StageFile {
  /** The path from the stage root, whatever path was listed: `LIST @s/sessions/` names `sessions/a.parquet`. */
  readonly name: string;
  readonly size: number;
  /** The MD5 (the storage's ETag) without its surrounding quotes; null where the storage has none. */
  readonly md5: string | null;
  readonly lastModified: Date;
  readonly creator: string | null;
}

type ResultRow = Readonly<Record<string, unknown>>;

function text(row: ResultRow, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw new TypeError(`Expected a string in column ${column}, got ${String(value)}`);
  return value;
}

function nullableText(row: ResultRow, column: string): string | null {
  return row[column] === null || row[column] === undefined ? null : text(row, column);
}

function count(row: ResultRow, column: string): number {
  const value = row[column];
  if (typeof value !== 'number' && typeof value !== 'bigint') throw new TypeError(`Expected a number in column ${column}, got ${String(value)}`);
  return Number(value);
}

function nullableCount(row: ResultRow, column: string): number | null {
  return row[column] === null || row[column] === undefined ? null : count(row, column);
}

/** One COPY result row to a `CopyFileResult`. */
export function toCopyFileResult(row: ResultRow): CopyFileResult {
  return {
    file: text(row, 'File'),
    rowsLoaded: count(row, 'Rows_loaded'),
    errorsSeen: count(row, 'Errors_seen'),
    firstError: nullableText(row, 'First_error'),
    firstErrorLine: nullableCount(row, 'First_error_line'),
  };
}

/** One LIST result row to a `StageFile`. */
export function toStageFile(row: ResultRow): StageFile {
  const md5 = nullableText(row, 'md5');
  return {
    name: text(row, 'name'),
    size: count(row, 'size'),
    md5: md5 === null ? null : md5.replace(/^"(.*)"$/, '$1'),
    lastModified: parseLastModified(row['last_modified']),
    creator: nullableText(row, 'creator'),
  };
}

// LIST prints last_modified as text such as `2023-04-19 20:23:24.000 +0000`.
const LAST_MODIFIED = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)\s*(Z|[+-]\d{2}:?\d{2})?$/;

function parseLastModified(value: unknown): Date {
  if (value instanceof Date) return value;
  const m = typeof value === 'string' ? LAST_MODIFIED.exec(value.trim()) : null;
  if (m === null) throw new TypeError(`Cannot read last_modified ${String(value)}`);
  const zone = m[3] === undefined || m[3] === 'Z' ? 'Z' : `${m[3].slice(0, 3)}:${m[3].slice(-2)}`;
  return new Date(`${m[1]}T${m[2]}${zone}`);
}
