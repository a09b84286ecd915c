// Corpus family `infer-schema`: SDK expressions of the documentation's examples, and what the others lack.
import { inferSchema } from '../../../src/index.js';
import type { Expressions, Missing } from './types.js';

export const expressions: Expressions = {
  'infer-schema-001': () => inferSchema('test_parquet').pattern('.*[.]parquet'),
  'infer-schema-002': () => inferSchema('test_csv').pattern('.*[.]csv').fileFormat({ formatName: 'csv_format' }),
  'infer-schema-003': () => inferSchema('test_csv_headers').fileFormat({ formatName: 'csv_headers_format' }),
  'infer-schema-004': () => inferSchema('test_csv').pattern('.*[.]csv').fileFormat({ formatName: 'csv_format' }).maxRecordsPerFile(5),
  'infer-schema-005': () => inferSchema('test_ndjson').pattern('.*[.]ndjson').fileFormat('NDJSON'),
  'infer-schema-006': () => inferSchema('test_ndjson').pattern('.*[.]ndjson').fileFormat('NDJSON').maxRecordsPerFile(5),
  'infer-schema-007': () => inferSchema('my_stage').pattern('.*[.]csv').fileFormat({ formatName: 'csv_format' }),
  'infer-schema-008': () => inferSchema('my_stage').pattern('.*[.]csv'),
  'infer-schema-009': () => inferSchema('my_stage').pattern('.*[.]csv').maxFileCount(5),
  'infer-schema-010': () => inferSchema('my_stage', 'data.csv.zip'),
  'infer-schema-011': () => inferSchema('my_stage', 'data.ndjson.xz').fileFormat('NDJSON').maxRecordsPerFile(50),
  'infer-schema-012': () => inferSchema('my_internal_stage', 'iris.parquet'),
};

export const missing: Missing = {};

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
