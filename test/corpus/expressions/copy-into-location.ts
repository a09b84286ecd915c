// Corpus family `copy-into-location`: SDK expressions of the documentation's examples, and what the others lack.
// An unload of a query takes it built with Kysely over the SDK's dialect (numbers(), generateSeries() and cast() of
// databend-etl/kysely), compiled: those ids are in `viaKysely`.
import { Kysely } from 'kysely';
import { copyIntoLocation, copyIntoStage, location, sql, string } from '../../../src/index.js';
import { cast, DatabendDialect, generateSeries, numbers } from '../../../src/kysely/index.js';
import { named } from './tables.js';
import type { Expressions, Missing } from './types.js';

// The table the unloads read that the page creates (support_ticket_manifest), as Kysely sees it.
interface UnloadSourcesDB {
  support_ticket_manifest: { ticket_id: number; label: string; file_path: string };
}
// Compiling opens no session: the dialect's clients are made on the first query run, and these are only compiled.
const db = new Kysely<UnloadSourcesDB>({ dialect: new DatabendDialect({ dsn: 'databend://compile-only@localhost:1/' }) });

const titlesAndAuthors = () =>
  db
    .selectFrom(numbers(100000))
    .select((eb) => [
      eb(eb.val('Title_'), '||', eb.cast<string>('number', 'varchar')).as('title'),
      eb(eb.val('Author_'), '||', eb.cast<string>('number', 'varchar')).as('author'),
    ])
    .compile();
const series = () => db.selectFrom(generateSeries(1, 100)).selectAll().compile();
const firstNumbers = () => db.selectFrom(numbers(10)).select('number').compile();
const ticket = (n: string, text: string) => () =>
  copyIntoStage('ml_assets', `raw/ticket_${n}.txt`)
    .from(db.selectNoFrom((eb) => eb.val(text).as('content')).compile())
    .fileFormat({ type: 'CSV', fieldDelimiter: '|', recordDelimiter: '\n' })
    .single()
    .useRawPath()
    .overwrite();
const population = named('canadian_city_population');

export const expressions: Expressions = {
  'copy-into-location-001': () => copyIntoStage('my_parquet_stage').from(titlesAndAuthors()).fileFormat({ type: 'PARQUET' }),
  'copy-into-location-002': () => copyIntoStage('my_csv_stage').from(titlesAndAuthors()).fileFormat({ type: 'CSV', compression: 'GZIP' }),
  'copy-into-location-003': () => copyIntoStage('my_tsv_stage').from(titlesAndAuthors()).fileFormat({ type: 'TSV' }),
  'copy-into-location-004': () => copyIntoStage('my_ndjson_stage').from(titlesAndAuthors()).fileFormat({ type: 'NDJSON' }),
  'copy-into-location-005': () =>
    copyIntoStage('my_parquet_stage')
      .from(
        db
          .selectFrom(numbers(10))
          .select((eb) => [
            eb.fn
              .agg<number>('ROW_NUMBER', [])
              .over((ob) => ob.orderBy(db.selectNoFrom((nb) => nb.lit(null).as('x'))))
              .as('id'),
            eb(eb.val('Name_'), '||', eb.cast<string>('number', 'varchar')).as('name'),
            eb(eb.val(20), '+', eb.fn<number>('MOD', ['number', eb.lit(23)])).as('age'),
            eb.fn<Date>('DATE_ADD', [eb.val('day'), eb.fn('MOD', ['number', eb.lit(60)]), eb.val('2022-01-01')]).as('onboarded'),
          ])
          .compile(),
      )
      .fileFormat({ type: 'PARQUET' }),
  'copy-into-location-006': () =>
    copyIntoStage('my_stage')
      .from(
        db
          .selectNoFrom((eb) => [eb.val(1).as('order_id'), eb.val(100.5).as('amount'), eb.val('USD').as('currency')])
          .unionAll(db.selectNoFrom((eb) => [eb.val(2).as('order_id'), eb.val(250.5).as('amount'), eb.val('EUR').as('currency')]))
          .compile(),
      )
      .fileFormat({ type: 'PARQUET' }),
  'copy-into-location-007': () =>
    copyIntoStage('my_stage')
      .from(db.selectNoFrom((eb) => [eb.val(3).as('order_id'), eb.val(75.5).as('amount')]).compile())
      .fileFormat({ type: 'PARQUET' }),
  'copy-into-location-008': () =>
    copyIntoStage('events_stage')
      .from(
        db
          .selectNoFrom((eb) => [eb.val(1).as('id'), eb.val('SF').as('city'), eb.val(9).as('score')])
          .unionAll(db.selectNoFrom((eb) => [eb.val(2).as('id'), eb.val('NYC').as('city'), eb.val(8).as('score')]))
          .compile(),
      )
      .fileFormat({ type: 'NDJSON' }),
  'copy-into-location-009': () =>
    copyIntoStage('events_stage')
      .from(db.selectNoFrom((eb) => [eb.val(3).as('id'), eb.val(7).as('score')]).compile())
      .fileFormat({ type: 'NDJSON' }),
  'copy-into-location-010': () => copyIntoStage('parquet_unload_stage').from(series()).fileFormat({ formatName: 'parquet_unload_format' }).detailedOutput(),
  'copy-into-location-011': () => copyIntoStage('csv_unload_stage').from(series()).fileFormat({ formatName: 'csv_unload_format' }).detailedOutput(),
  'copy-into-location-012': () => copyIntoStage('tsv_unload_stage').from(series()).fileFormat({ formatName: 'tsv_unload_format' }).detailedOutput(),
  'copy-into-location-013': () => copyIntoStage('ndjson_unload_stage').from(series()).fileFormat({ formatName: 'ndjson_unload_format' }).detailedOutput(),
  'copy-into-location-014': ticket('001', 'customer asked for a refund after the package arrived damaged'),
  'copy-into-location-015': ticket('002', 'customer praised the fast response and confirmed the issue was resolved'),
  'copy-into-location-016': ticket('003', 'customer requested escalation because the replacement order was delayed'),
  'copy-into-location-017': () =>
    copyIntoStage('ml_assets', 'datasets/support-ticket-train')
      .from(
        db
          .selectFrom('support_ticket_manifest')
          .select((eb) => ['ticket_id', 'label', 'file_path', eb.fn<Uint8Array>('READ_FILE', [eb.val('@ml_assets'), 'file_path']).as('content')])
          .orderBy('ticket_id')
          .compile(),
      )
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
      .from(
        db
          .selectFrom(numbers(10))
          .select((eb) => ['number', eb('number', '+', 1n).as('label')])
          .compile(),
      )
      .fileFormat({ type: 'LANCE' })
      .useRawPath()
      .overwrite()
      .detailedOutput(),
  'copy-into-location-025': () => copyIntoStage('test_parquet').from(firstNumbers()).fileFormat({ type: 'PARQUET' }),
  'copy-into-location-026': () => copyIntoStage('test_csv').from(firstNumbers()).fileFormat({ type: 'CSV' }),
  'copy-into-location-027': () =>
    copyIntoStage('test_csv_headers')
      .from(
        db
          .selectFrom(numbers(5))
          .select((eb) => [eb.ref('number').as('user_id'), eb(eb.val('user_'), '||', cast('number', string())).as('user_name')])
          .compile(),
      )
      .fileFormat({ type: 'CSV', outputHeader: true }),
  'copy-into-location-028': () => copyIntoStage('test_ndjson').from(firstNumbers()).fileFormat({ type: 'NDJSON' }),
};

/** Unloads whose query is an `sql` fragment: none (each is built with Kysely, below). */
export const viaSqlQuery: readonly string[] = [];
/** Expressed ids whose unloaded query is built with Kysely over the SDK's dialect (typed by Kysely), compiled. */
export const viaKysely: readonly string[] = [
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
