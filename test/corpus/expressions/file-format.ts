// Corpus family `file-format`: SDK expressions of the documentation's examples, and what the others lack.
import { createFileFormat, dropFileFormat, showFileFormats } from '../../../src/index.js';
import type { Expressions, Missing } from './types.js';

export const expressions: Expressions = {
  'file-format-001': () => createFileFormat('orc_ff', { type: 'ORC' }).orReplace(),
  'file-format-002': () => createFileFormat('parquet_query_format', { type: 'PARQUET' }),
  'file-format-003': () =>
    createFileFormat('csv_query_format', { type: 'CSV', recordDelimiter: '\n', fieldDelimiter: ',', compression: 'AUTO', skipHeader: 1 }),
  'file-format-004': () => createFileFormat('tsv_query_format', { type: 'TSV', recordDelimiter: '\n', fieldDelimiter: ',', compression: 'AUTO' }),
  'file-format-005': () => createFileFormat('ndjson_query_format', { type: 'NDJSON', compression: 'AUTO' }),
  'file-format-011': () => createFileFormat('my_lance', { type: 'LANCE' }),
  'file-format-006': () => createFileFormat('parquet_unload_format', { type: 'PARQUET' }),
  'file-format-007': () =>
    createFileFormat('csv_unload_format', {
      type: 'CSV',
      recordDelimiter: '\n',
      fieldDelimiter: ',',
      compression: 'GZIP',
      outputHeader: true,
      skipHeader: 1,
    }),
  'file-format-008': () => createFileFormat('tsv_unload_format', { type: 'TSV', compression: 'GZIP' }),
  'file-format-009': () => createFileFormat('my_custom_csv', { type: 'CSV', fieldDelimiter: '\t' }).orReplace(),
  'file-format-010': () => createFileFormat('my_parquet', { type: 'PARQUET' }),
  'file-format-012': () => dropFileFormat('my_custom_csv').ifExists(),
  'file-format-014': () => createFileFormat('my_csv_gzip', { type: 'CSV', compression: 'GZIP' }),
  'file-format-015': () => createFileFormat('my_csv_format', { type: 'CSV', escape: '\\' }),
  'file-format-016': () => createFileFormat('csv_format', { type: 'CSV' }),
  'file-format-017': () => createFileFormat('csv_headers_format', { type: 'CSV', fieldDelimiter: ',', skipHeader: 1 }),
  'file-format-013': () => showFileFormats(),
};

export const missing: Missing = {};

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
