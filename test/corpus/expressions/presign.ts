// Corpus family `presign`: SDK expressions of the documentation's examples, and what the others lack.
import { presign } from '../../../src/index.js';
import type { Expressions, Missing } from './types.js';

export const expressions: Expressions = {
  'presign-001': () => presign('~', 'books.parquet').upload(),
  'presign-002': () => presign('my_internal_stage', 'books.parquet').upload(),
  'presign-003': () => presign('my_external_stage', 'books.parquet').upload(),
  'presign-004': () => presign('airbyte_stage', 'test.csv').upload(),
  'presign-005': () => presign('my_stage', 'books.csv'),
  'presign-006': () => presign('my_stage', 'books.csv').download(),
  'presign-007': () => presign('my_stage', 'books.csv').expire(7200),
  'presign-008': () => presign('my_stage', 'books.csv').upload(),
};

export const missing: Missing = {};

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
