// Corpus family `stage-query`: SDK expressions of the documentation's examples, and what the others lack.
import { int, selectFromLocation, selectFromStage, staged } from '../../../src/index.js';
import type { Expressions, Missing } from './types.js';

const query = (stage: string, format: string, pattern: string) => selectFromStage(stage).fileFormat({ formatName: format }).pattern(pattern);
const $ = staged.col;
const meta = [staged.filename, staged.fileRowNumber] as const;

export const expressions: Expressions = {
  'stage-query-002': () => query('parquet_query_stage', 'parquet_query_format', '.*[.]parquet'),
  'stage-query-003': () => query('parquet_query_stage', 'parquet_query_format', '.*[.]parquet').select($(1)),
  'stage-query-004': () => query('parquet_query_stage', 'parquet_query_format', '.*[.]parquet').select(...meta, '*'),
  'stage-query-005': () => query('csv_query_stage', 'csv_query_format', '.*[.]csv').select($(1), $(2), $(3)),
  'stage-query-006': () => query('csv_query_stage', 'csv_query_format', '.*[.]csv[.]gz').select($(1), $(2), $(3)),
  'stage-query-007': () => query('csv_query_stage', 'csv_query_format', '.*[.]csv').select(...meta, $(1), $(2), $(3)),
  'stage-query-008': () => query('tsv_query_stage', 'tsv_query_format', '.*[.]tsv').select($(1), $(2), $(3)),
  'stage-query-009': () => query('tsv_query_stage', 'tsv_query_format', '.*[.]tsv[.]gz').select($(1), $(2), $(3)),
  'stage-query-010': () => query('tsv_query_stage', 'tsv_query_format', '.*[.]tsv').select(...meta, $(1), $(2), $(3)),
  'stage-query-011': () => query('ndjson_query_stage', 'ndjson_query_format', '.*[.]ndjson').select(staged.path(1, 'title'), staged.path(1, 'author')),
  'stage-query-012': () => query('ndjson_query_stage', 'ndjson_query_format', '.*[.]ndjson[.]gz').select(staged.path(1, 'title'), staged.path(1, 'author')),
  'stage-query-013': () =>
    selectFromStage('avro_query_stage')
      .fileFormat('AVRO')
      .pattern('.*[.]avro')
      .select(staged.path(1, 'id').cast(int()).as('id'), staged.path(1, 'name').as('name')),
  'stage-query-014': () =>
    selectFromStage('avro_query_stage')
      .fileFormat('AVRO')
      .pattern('.*[.]avro')
      .select(...meta, staged.path(1, 'id').cast(int()).as('id'), staged.path(1, 'name').as('name')),
  'stage-query-019': () => selectFromStage('my_parquet_stage'),
  'stage-query-023': () => selectFromStage('databend_test', 'test.parquet').limit(1),
  'stage-query-024': () => selectFromStage('mystage', 'data.csv').fileFormat({ formatName: 'my_custom_csv' }).limit(10),
  'stage-query-025': () => selectFromStage('sales_stage', '2024/order.parquet').fileFormat({ formatName: 'my_parquet' }).limit(10),
  'stage-query-026': () => selectFromStage('~', 'invalid_json_string.parquet'),
  'stage-query-027': () =>
    selectFromStage('my_internal_stage', 'iris.parquet')
      .select(...meta, '*')
      .limit(5),
  'stage-query-001': () => selectFromStage('orc_data_stage').fileFormat({ formatName: 'orc_ff' }).pattern('.*[.]orc').alias('t').limit(10),
  'stage-query-015': () => selectFromStage('orc_query_stage').fileFormat('orc').pattern('.*[.]orc'),
  'stage-query-016': () => selectFromStage('orc_query_stage').fileFormat('orc').pattern('.*[.]orc').select($(1)),
  'stage-query-018': () =>
    selectFromStage('orc_query_stage')
      .fileFormat('orc')
      .pattern('.*[.]orc')
      .select(...meta, '*'),
  'stage-query-020': () => query('parquet_unload_stage', 'parquet_unload_format', '.*[.]parquet').select(staged.count($(1))),
  'stage-query-021': () => query('csv_unload_stage', 'csv_unload_format', '.*[.]csv[.]gz').select(staged.count($(1))),
  'stage-query-022': () => query('ndjson_unload_stage', 'ndjson_unload_format', '.*[.]ndjson[.]gz').select(staged.count($(1))),
  'stage-query-017': () => selectFromLocation('https://github.com/tensorflow/io/raw/master/tests/test_orc/iris.orc').fileFormat('orc'),
};

export const missing: Missing = {};

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
