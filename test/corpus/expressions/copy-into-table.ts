// Corpus family `copy-into-table`: SDK expressions of the documentation's examples, and what the others lack.
import { copyInto, location, sql } from '../../../src/index.js';
import { named } from './tables.js';
import type { Expressions, Missing } from './types.js';

const books = named('books', ['title', 'author']);
const csvOptions = { fieldDelimiter: ',', recordDelimiter: '\n', skipHeader: 0, compression: 'AUTO' } as const;
const csvSkip1 = { type: 'CSV', fieldDelimiter: ',', recordDelimiter: '\n', skipHeader: 1 } as const;
const BOOKS_CSV = 'https://datafuse-1253727613.cos.ap-hongkong.myqcloud.com/data/books.csv';
const placeholderKeys = { accessKeyId: '<your-access-key-id>', secretAccessKey: '<your-secret-access-key>' };

export const expressions: Expressions = {
  'copy-into-table-001': () => copyInto(books).fromStage('~').raw().files(['books.parquet']).fileFormat({ type: 'PARQUET' }),
  'copy-into-table-002': () => copyInto(books).fromStage('my_internal_stage').raw().files(['books.parquet']).fileFormat({ type: 'PARQUET' }),
  'copy-into-table-003': () => copyInto(books).fromStage('my_external_stage').raw().files(['books.parquet']).fileFormat({ type: 'PARQUET' }),
  'copy-into-table-004': () =>
    copyInto(books)
      .fromLocation(location('s3://databend-toronto/', { connection: placeholderKeys }))
      .raw()
      .pattern('.*[.]parquet')
      .fileFormat({ type: 'PARQUET' }),
  'copy-into-table-005': () =>
    copyInto(books).fromLocation(BOOKS_CSV).raw().fileFormat({ type: 'CSV', fieldDelimiter: ',', recordDelimiter: '\n', skipHeader: 0 }),
  'copy-into-table-015': () =>
    copyInto(named('userdata'))
      .fromLocation('https://raw.githubusercontent.com/Teradata/kylo/master/samples/sample-data/avro/userdata1.avro')
      .raw()
      .fileFormat({ type: 'AVRO' }),
  'copy-into-table-029': () =>
    copyInto(named('mytable'))
      .fromLocation(location('s3://mybucket/data.csv', { connection: 'my_s3_conn' }))
      .raw()
      .fileFormat(csvSkip1),
  'copy-into-table-030': () =>
    copyInto(named('mytable'))
      .fromLocation(location('s3://mybucket/', { connection: 'my_iam_conn' }))
      .raw()
      .pattern('.*[.]csv')
      .fileFormat(csvSkip1),
  'copy-into-table-031': () =>
    copyInto(named('mytable'))
      .fromLocation(location('azblob://mybucket/data.csv', { connection: 'my_azure_conn' }))
      .raw()
      .fileFormat({ type: 'CSV' }),
  'copy-into-table-032': () =>
    copyInto(named('mytable'))
      .fromLocation(location('gcs://mybucket/data.csv', { connection: 'my_gcs_conn' }))
      .raw()
      .fileFormat(csvSkip1),
  'copy-into-table-033': () =>
    copyInto(named('mytable'))
      .fromLocation('https://ci.databend.org/dataset/stateful/ontime_200{6,7,8}_200.csv')
      .raw()
      .fileFormat({ type: 'CSV' })
      .onError('CONTINUE'),
  'copy-into-table-034': () =>
    copyInto(named('mytable'))
      .fromLocation(location('ipfs://<your-ipfs-hash>', { connection: { endpointUrl: 'https://<your-ipfs-gateway>' } }))
      .raw()
      .fileFormat(csvSkip1),
  'copy-into-table-035': () =>
    copyInto(named('mytable'))
      .fromLocation(location('s3://mybucket/data.csv.gz', { connection: 'compressed_s3_conn' }))
      .raw()
      .fileFormat({ ...csvSkip1, compression: 'AUTO' }),
  'copy-into-table-036': () =>
    copyInto(named('mytable'))
      .fromLocation(location('s3://mybucket/', { connection: 'pattern_s3_conn' }))
      .raw()
      .pattern('.*sales.*[.]csv')
      .fileFormat(csvSkip1),
  'copy-into-table-037': () =>
    copyInto(named('mytable'))
      .fromLocation(location('s3://mybucket/', { connection: 'pattern_s3_conn' }))
      .raw()
      .pattern('.*[.]csv')
      .fileFormat(csvSkip1),
  'copy-into-table-038': () => copyInto(books).fromLocation(BOOKS_CSV).raw().fileFormat({ type: 'CSV' }),
  'copy-into-table-039': () =>
    copyInto(named('books_with_language', ['title', 'author', 'date', 'language']))
      .fromLocation(BOOKS_CSV)
      .columns(['title', 'author', 'date'])
      .raw()
      .fileFormat({ type: 'CSV' }),
  'copy-into-table-040': () =>
    copyInto(named('books_with_extra_columns')).fromLocation(BOOKS_CSV).raw().fileFormat({ type: 'CSV', errorOnColumnCountMismatch: false }),
  'copy-into-table-006': () => copyInto(books).fromStage('my_parquet_stage').raw().pattern('.*[.]parquet').fileFormat({ type: 'PARQUET' }),
  'copy-into-table-007': () =>
    copyInto(books).fromStage('my_parquet_stage').map({ title: sql`title`, author: sql`author` }).pattern('.*[.]parquet').fileFormat({ type: 'PARQUET' }),
  'copy-into-table-008': () =>
    copyInto(books)
      .fromStage('my_csv_stage')
      .raw()
      .pattern('.*[.]csv.gz')
      .fileFormat({ type: 'CSV', ...csvOptions }),
  'copy-into-table-009': () =>
    copyInto(books)
      .fromStage('my_csv_stage')
      .map({ title: sql`$1`, author: sql`$2` })
      .pattern('.*[.]csv.gz')
      .fileFormat({ type: 'CSV', ...csvOptions }),
  'copy-into-table-010': () =>
    copyInto(books).fromStage('my_tsv_stage').raw().pattern('.*[.]tsv').fileFormat({ type: 'TSV', skipHeader: 0, compression: 'AUTO' }),
  'copy-into-table-011': () =>
    copyInto(books)
      .fromStage('my_tsv_stage')
      .map({ title: sql`$1`, author: sql`$2` })
      .pattern('.*[.]tsv')
      .fileFormat({ type: 'TSV', skipHeader: 0, compression: 'AUTO' }),
  'copy-into-table-012': () => copyInto(books).fromStage('my_ndjson_stage').raw().pattern('.*[.]ndjson').fileFormat({ type: 'NDJSON' }),
  'copy-into-table-013': () =>
    copyInto(books).fromStage('my_ndjson_stage').map({ title: sql`$1:title`, author: sql`$1:author` }).pattern('.*[.]ndjson').fileFormat({ type: 'NDJSON' }),
  'copy-into-table-014': () =>
    copyInto(named('orc_test_table', ['firstname', 'lastname', 'email', 'gender', 'country']))
      .fromStage('orc_data_stage')
      .map({ firstname: sql`_col2`, lastname: sql`_col3`, email: sql`_col4`, gender: sql`_col5`, country: sql`_col8` })
      .pattern('.*[.]orc')
      .fileFormat({ type: 'ORC' }),
  'copy-into-table-021': () => copyInto(named('invoices')).fromStage('my_stage').raw().fileFormat({ type: 'PARQUET', missingFieldAs: 'FIELD_DEFAULT' }),
  'copy-into-table-023': () =>
    copyInto(named('invoices')).fromStage('my_stage').raw().fileFormat({ type: 'PARQUET', missingFieldAs: 'FIELD_DEFAULT' }).columnMatchMode('CASE_SENSITIVE'),
  'copy-into-table-024': () => copyInto(named('my_table')).fromStage('mystage', 'data.csv').raw().fileFormat({ formatName: 'my_custom_csv' }),
  'copy-into-table-025': () =>
    copyInto(named('orders', ['c'], 'analytics'))
      .fromStage('sales_stage', '2024/order.parquet')
      .raw()
      .fileFormat({ formatName: 'my_parquet' }),
  'copy-into-table-026': () => copyInto(named('mytable')).fromStage('~').raw().pattern('.*[.]parquet').fileFormat({ type: 'PARQUET' }),
  'copy-into-table-027': () => copyInto(named('mytable')).fromStage('my_internal_stage').raw().pattern('.*[.]parquet').fileFormat({ type: 'PARQUET' }),
  'copy-into-table-028': () => copyInto(named('mytable')).fromStage('my_external_stage').raw().pattern('.*[.]parquet').fileFormat({ type: 'PARQUET' }),
  'copy-into-table-041': () => copyInto(named('t')).fromStage('t_stage').raw().files(['data.csv']).fileFormat({ formatName: 'my_csv_format' }),
  'copy-into-table-042': () => copyInto(named('t2')).fromStage('~', 'invalid_json_string.parquet').raw().fileFormat({ type: 'PARQUET' }).onError('CONTINUE'),
  'copy-into-table-043': () =>
    copyInto(named('t2')).fromStage('~', 'invalid_json_string.parquet').raw().fileFormat({ type: 'PARQUET' }).disableVariantCheck().onError('CONTINUE'),
  'copy-into-table-046': () =>
    copyInto(named('my_target_table'))
      .fromLocation(location('s3://databend-doc/snowflake', { connection: placeholderKeys }))
      .raw()
      .pattern('.*[.]parquet')
      .fileFormat({ type: 'PARQUET' }),
  'copy-into-table-044': () => copyInto(named('invoices')).fromStage('my_stage').raw().fileFormat({ type: 'PARQUET', missingFieldAs: 'FIELD_DEFAULT' }),
  'copy-into-table-016': () =>
    copyInto(named('employees_no_age', ['id', 'name', 'onboarded']))
      .fromStage('my_parquet_stage')
      .alias('t')
      .map({ id: sql`t.id`, name: sql`t.name`, onboarded: sql`t.onboarded` })
      .fileFormat({ type: 'PARQUET' })
      .pattern('.*parquet'),
  'copy-into-table-017': () =>
    copyInto(named('employees_new_order', ['id', 'age', 'name', 'onboarded']))
      .fromStage('my_parquet_stage')
      .alias('t')
      .map({ id: sql`t.id`, age: sql`t.age`, name: sql`t.name`, onboarded: sql`t.onboarded` })
      .fileFormat({ type: 'PARQUET' })
      .pattern('.*parquet'),
  'copy-into-table-018': () =>
    copyInto(named('employees_date', ['id', 'name', 'age', 'onboarded']))
      .fromStage('my_parquet_stage')
      .alias('t')
      .map({ id: sql`t.id`, name: sql`t.name`, age: sql`t.age`, onboarded: sql`to_date(t.onboarded)` })
      .fileFormat({ type: 'PARQUET' })
      .pattern('.*parquet'),
  'copy-into-table-019': () =>
    copyInto(named('employees_new_age', ['id', 'name', 'age', 'onboarded']))
      .fromStage('my_parquet_stage')
      .alias('t')
      .map({ id: sql`t.id`, name: sql`t.name`, age: sql`t.age + 1`, onboarded: sql`t.onboarded` })
      .fileFormat({ type: 'PARQUET' })
      .pattern('.*parquet'),
  'copy-into-table-020': () =>
    copyInto(named('employees_plus', ['id', 'name', 'age', 'onboarded', 'lastday']))
      .fromStage('my_parquet_stage')
      .alias('t')
      .columns(['id', 'name', 'age', 'onboarded'])
      .map({ id: sql`t.id`, name: sql`t.name`, age: sql`t.age`, onboarded: sql`t.onboarded` })
      .fileFormat({ type: 'PARQUET' })
      .pattern('.*parquet'),
};

export const missing: Missing = {};

/**
 * Documentation errata (docs-errata.json) that are the documentation ahead of the pinned engine rather than wrong:
 * the SDK writes them, and test/unit/corpus-coverage.test.ts checks the rendering; the engine run keeps them as
 * errata, as the engine refuses both forms with 1005.
 */
const schemaEvolution = (table: string, stage: string) => () =>
  copyInto(named(table))
    .fromStage(stage)
    .raw()
    .fileFormat({ type: 'NDJSON', missingFieldAs: 'FIELD_DEFAULT' })
    .schemaEvolution({ sampleFiles: 'AUTO', sampleRecordsPerFile: 'AUTO', sampleTotalRecords: 'AUTO' });
export const aheadOfEngine: Expressions = {
  'copy-into-table-022': schemaEvolution('events', 'events_stage'),
  'copy-into-table-045': schemaEvolution('events', 'events_stage'),
};

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
