// Corpus family `stage-query`: SDK expressions of the documentation's examples, and what the others lack.
import { selectFromStage } from '../../../src/index.js';
import type { Expressions, Missing } from './types.js';

export const expressions: Expressions = {
  'stage-query-002': () => selectFromStage('parquet_query_stage').fileFormat({ formatName: 'parquet_query_format' }).pattern('.*[.]parquet'),
  'stage-query-019': () => selectFromStage('my_parquet_stage'),
  'stage-query-023': () => selectFromStage('databend_test', 'test.parquet').limit(1),
  'stage-query-024': () => selectFromStage('mystage', 'data.csv').fileFormat({ formatName: 'my_custom_csv' }).limit(10),
  'stage-query-025': () => selectFromStage('sales_stage', '2024/order.parquet').fileFormat({ formatName: 'my_parquet' }).limit(10),
  'stage-query-026': () => selectFromStage('~', 'invalid_json_string.parquet'),
};

const POSITIONAL = 'staged-file columns: positional $1, $1:path (issue 13)';
const METADATA = 'staged-file columns: metadata$filename / metadata$file_row_number beside * or $n (issue 13)';
const ORC_TYPE = "FILE_FORMAT => 'orc' (a built-in type in lower case): the SDK writes a type as 'ORC' and takes other strings as FILE FORMAT names";
export const missing: Missing = {
  'stage-query-001': 'a table alias after the staged files (FROM @stage (...) t)',
  'stage-query-003': POSITIONAL,
  'stage-query-004': METADATA,
  'stage-query-005': POSITIONAL,
  'stage-query-006': POSITIONAL,
  'stage-query-007': METADATA,
  'stage-query-008': POSITIONAL,
  'stage-query-009': POSITIONAL,
  'stage-query-010': METADATA,
  'stage-query-011': POSITIONAL,
  'stage-query-012': POSITIONAL,
  'stage-query-013': POSITIONAL,
  'stage-query-014': METADATA,
  'stage-query-015': ORC_TYPE,
  'stage-query-016': POSITIONAL,
  'stage-query-017': "a SELECT from an inline location ('https://...'): issue 13 adds it",
  'stage-query-018': METADATA,
  'stage-query-020': 'an aggregate over staged-file columns (COUNT($1))',
  'stage-query-021': 'an aggregate over staged-file columns (COUNT($1))',
  'stage-query-022': 'an aggregate over staged-file columns (COUNT($1))',
  'stage-query-027': METADATA,
};

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
