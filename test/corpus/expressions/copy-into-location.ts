// Corpus family `copy-into-location`: SDK expressions of the documentation's examples, and what the others lack.
// An unload of a query takes the query as an `sql` fragment (UnloadSource): those ids are in `viaSqlQuery`.
import { copyIntoLocation, copyIntoStage, location, sql } from '../../../src/index.js';
import { named } from './tables.js';
import type { Expressions, Missing } from './types.js';

const titlesAndAuthors = sql`SELECT
        'Title_' || CAST(number AS VARCHAR) AS title,
        'Author_' || CAST(number AS VARCHAR) AS author
    FROM numbers(100000)`;
const series = sql`SELECT * FROM generate_series(1, 100)`;
const ticket = (n: string, text: string) => () =>
  copyIntoStage('ml_assets', `raw/ticket_${n}.txt`)
    .from(sql`SELECT ${text}`)
    .fileFormat({ type: 'CSV', fieldDelimiter: '|', recordDelimiter: '\n' })
    .single()
    .useRawPath()
    .overwrite();
const population = named('canadian_city_population');

export const expressions: Expressions = {
  'copy-into-location-001': () => copyIntoStage('my_parquet_stage').from(titlesAndAuthors).fileFormat({ type: 'PARQUET' }),
  'copy-into-location-002': () => copyIntoStage('my_csv_stage').from(titlesAndAuthors).fileFormat({ type: 'CSV', compression: 'GZIP' }),
  'copy-into-location-003': () => copyIntoStage('my_tsv_stage').from(titlesAndAuthors).fileFormat({ type: 'TSV' }),
  'copy-into-location-004': () => copyIntoStage('my_ndjson_stage').from(titlesAndAuthors).fileFormat({ type: 'NDJSON' }),
  'copy-into-location-005': () =>
    copyIntoStage('my_parquet_stage')
      .from(sql`SELECT ROW_NUMBER() OVER (ORDER BY (SELECT NULL)) AS id,
           'Name_' || CAST(number AS VARCHAR) AS name,
           20 + MOD(number, 23) AS age,
           DATE_ADD('day', MOD(number, 60), '2022-01-01') AS onboarded
    FROM numbers(10)`)
      .fileFormat({ type: 'PARQUET' }),
  'copy-into-location-006': () =>
    copyIntoStage('my_stage')
      .from(sql`SELECT 1 AS order_id, 100.50::DOUBLE AS amount, 'USD' AS currency
    UNION ALL
    SELECT 2, 250.50::DOUBLE, 'EUR'`)
      .fileFormat({ type: 'PARQUET' }),
  'copy-into-location-007': () => copyIntoStage('my_stage').from(sql`SELECT 3 AS order_id, 75.50::DOUBLE AS amount`).fileFormat({ type: 'PARQUET' }),
  'copy-into-location-008': () =>
    copyIntoStage('events_stage')
      .from(sql`SELECT 1 AS id, 'SF' AS city, 9 AS score
    UNION ALL
    SELECT 2, 'NYC', 8`)
      .fileFormat({ type: 'NDJSON' }),
  'copy-into-location-009': () => copyIntoStage('events_stage').from(sql`SELECT 3 AS id, 7 AS score`).fileFormat({ type: 'NDJSON' }),
  'copy-into-location-010': () => copyIntoStage('parquet_unload_stage').from(series).fileFormat({ formatName: 'parquet_unload_format' }).detailedOutput(),
  'copy-into-location-011': () => copyIntoStage('csv_unload_stage').from(series).fileFormat({ formatName: 'csv_unload_format' }).detailedOutput(),
  'copy-into-location-012': () => copyIntoStage('tsv_unload_stage').from(series).fileFormat({ formatName: 'tsv_unload_format' }).detailedOutput(),
  'copy-into-location-013': () => copyIntoStage('ndjson_unload_stage').from(series).fileFormat({ formatName: 'ndjson_unload_format' }).detailedOutput(),
  'copy-into-location-014': ticket('001', 'customer asked for a refund after the package arrived damaged'),
  'copy-into-location-015': ticket('002', 'customer praised the fast response and confirmed the issue was resolved'),
  'copy-into-location-016': ticket('003', 'customer requested escalation because the replacement order was delayed'),
  'copy-into-location-017': () =>
    copyIntoStage('ml_assets', 'datasets/support-ticket-train')
      .from(sql`SELECT
        ticket_id,
        label,
        file_path,
        READ_FILE('@ml_assets', file_path) AS content
    FROM support_ticket_manifest
    ORDER BY ticket_id`)
      .fileFormat({ type: 'LANCE' })
      .useRawPath()
      .overwrite()
      .detailedOutput(),
  'copy-into-location-018': () =>
    copyIntoStage('ml_stage', 'datasets/train').from(named('my_training_table')).fileFormat({ formatName: 'my_lance' }).useRawPath().overwrite(),
  'copy-into-location-019': () => copyIntoStage('my_internal_stage').from(population).fileFormat({ type: 'PARQUET' }),
  'copy-into-location-020': () => copyIntoStage('my_internal_stage').from(population).fileFormat({ type: 'CSV', compression: 'GZIP' }),
  'copy-into-location-021': () => copyIntoStage('my_internal_stage').from(population).fileFormat({ formatName: 'my_csv_gzip' }),
  'copy-into-location-022': () =>
    copyIntoLocation(
      location('s3://databend', {
        connection: { endpointUrl: 'http://localhost:9000/', accessKeyId: 'ROOTUSER', secretAccessKey: 'CHANGEME123', region: 'us-west-2' },
      }),
    )
      .from(population)
      .fileFormat({ type: 'PARQUET' }),
  'copy-into-location-023': () =>
    copyIntoStage('partitioned_stage').from(named('sales_data')).partitionBy(sql`'month=' || to_varchar(sale_date, 'YYYY-MM')`).fileFormat({ type: 'PARQUET' }),
  'copy-into-location-024': () =>
    copyIntoStage('ml_stage', 'datasets/train')
      .from(sql`SELECT number, number + 1 AS label
    FROM numbers(10)`)
      .fileFormat({ type: 'LANCE' })
      .useRawPath()
      .overwrite()
      .detailedOutput(),
  'copy-into-location-025': () => copyIntoStage('test_parquet').from(sql`SELECT number FROM numbers(10)`).fileFormat({ type: 'PARQUET' }),
  'copy-into-location-026': () => copyIntoStage('test_csv').from(sql`SELECT number FROM numbers(10)`).fileFormat({ type: 'CSV' }),
  'copy-into-location-027': () =>
    copyIntoStage('test_csv_headers')
      .from(sql`SELECT number as user_id, 'user_' || number::string as user_name
  FROM numbers(5)`)
      .fileFormat({ type: 'CSV', outputHeader: true }),
  'copy-into-location-028': () => copyIntoStage('test_ndjson').from(sql`SELECT number FROM numbers(10)`).fileFormat({ type: 'NDJSON' }),
};

/** Unloads whose query is an `sql` fragment (the SDK has no query builder): expressed, but not typed. */
export const viaSqlQuery: readonly string[] = [
  'copy-into-location-001',
  'copy-into-location-002',
  'copy-into-location-003',
  'copy-into-location-004',
  'copy-into-location-005',
  'copy-into-location-006',
  'copy-into-location-007',
  'copy-into-location-008',
  'copy-into-location-009',
  'copy-into-location-010',
  'copy-into-location-011',
  'copy-into-location-012',
  'copy-into-location-013',
  'copy-into-location-014',
  'copy-into-location-015',
  'copy-into-location-016',
  'copy-into-location-017',
  'copy-into-location-024',
  'copy-into-location-025',
  'copy-into-location-026',
  'copy-into-location-027',
  'copy-into-location-028',
];

export const missing: Missing = {};
