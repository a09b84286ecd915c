// Corpus family `stage`: SDK expressions of the documentation's examples, and what the others lack.
import { createStage, describeStage, dropStage, showStages } from '../../../src/index.js';
import type { Expressions, Missing } from './types.js';

const internal = (name: string) => () => createStage(name);
const s3Keys = (name: string, url: string, accessKeyId: string, secretAccessKey: string) => () =>
  createStage(name).url(url).credentials({ accessKeyId, secretAccessKey });
const s3Connection = (name: string, url: string, connection: string) => () => createStage(name).url(url).connection(connection);
const minio = (name: string) => () =>
  createStage(name).url('s3://databend').credentials({ endpointUrl: 'http://127.0.0.1:9000', accessKeyId: 'ROOTUSER', secretAccessKey: 'CHANGEME123' });
const placeholders = (name: string, url: string) => s3Keys(name, url, '<your-access-key-id>', '<your-secret-access-key>');

export const expressions: Expressions = {
  'stage-001': internal('my_internal_stage'),
  'stage-002': s3Keys('my_external_stage', 's3://databend-doc', '<YOUR-KEY-ID>', '<YOUR-SECRET-KEY>'),
  'stage-003': internal('my_internal_stage'),
  'stage-004': minio('my_external_stage'),
  'stage-005': internal('my_internal_stage'),
  'stage-006': internal('my_internal_stage'),
  'stage-008': internal('my_internal_stage'),
  'stage-009': minio('my_external_stage'),
  'stage-011': () => createStage('airbyte_stage').ifNotExists().fileFormat({ type: 'CSV' }),
  'stage-012': internal('my_parquet_stage'),
  'stage-013': internal('my_csv_stage'),
  'stage-014': internal('my_tsv_stage'),
  'stage-015': internal('my_ndjson_stage'),
  'stage-016': () => createStage('orc_data_stage').orReplace().url('s3://wizardbend/databend-doc/sample-data/orc/').connection('aws_s3'),
  'stage-017': placeholders('parquet_query_stage', 's3://load/parquet/'),
  'stage-018': placeholders('csv_query_stage', 's3://load/csv/'),
  'stage-019': placeholders('tsv_query_stage', 's3://load/tsv/'),
  'stage-020': placeholders('ndjson_query_stage', 's3://load/ndjson/'),
  'stage-021': placeholders('avro_query_stage', 's3://load/avro/'),
  'stage-022': s3Keys('orc_query_stage', 's3://databend-doc', '<your-key-id>', '<your-secret-key>'),
  'stage-023': internal('my_parquet_stage'),
  'stage-024': () => createStage('my_stage').orReplace(),
  'stage-025': () => createStage('events_stage').orReplace(),
  'stage-026': () => createStage('sensor_events_stage').orReplace(),
  'stage-027': placeholders('parquet_unload_stage', 's3://unload/parquet/'),
  'stage-028': placeholders('csv_unload_stage', 's3://unload/csv/'),
  'stage-029': placeholders('tsv_unload_stage', 's3://unload/tsv/'),
  'stage-030': placeholders('ndjson_unload_stage', 's3://unload/ndjson/'),
  'stage-031': () =>
    createStage('ml_assets').orReplace().url('s3://your-bucket/lance-demo/').credentials({
      endpointUrl: '<your-endpoint-url>',
      accessKeyId: '<your-access-key-id>',
      secretAccessKey: '<your-secret-access-key>',
      region: '<your-region>',
    }),
  'stage-032': internal('my_internal_stage'),
  'stage-034': s3Connection('my_s3_stage', 's3://load/files/', 'my_s3_connection'),
  'stage-036': s3Connection('iam_external_stage', 's3://databend-toronto', 'iam_s3_connection'),
  'stage-037': s3Connection('r2_stage', 's3://databend/', 'r2_connection'),
  'stage-038': () => dropStage('test_stage').ifExists(),
  'stage-039': internal('my_int_stage'),
  'stage-042': s3Connection('my_s3_stage', 's3://databend-toronto', 'toronto'),
  'stage-043': s3Connection('databend_test', 's3://test-bucket-123', 'databend_test'),
  'stage-044': s3Connection('my_s3_stage', 's3://databend-toronto', 'toronto'),
  'stage-045': placeholders('my_s3_stage', 's3://databend-toronto'),
  'stage-046': internal('my_internal_stage'),
  'stage-047': internal('my_internal_stage'),
  'stage-048': internal('partitioned_stage'),
  'stage-049': internal('ml_stage'),
  'stage-050': internal('test_parquet'),
  'stage-051': internal('test_csv'),
  'stage-052': internal('test_csv_headers'),
  'stage-053': internal('test_ndjson'),
  'stage-054': placeholders('mylog', 's3://databend-doc/logs/'),
  'stage-055': internal('my_internal_stage'),
  'stage-007': () => showStages(),
  'stage-010': () => showStages(),
  'stage-033': () => describeStage('my_internal_stage'),
  'stage-035': () => describeStage('my_s3_stage'),
  'stage-040': () => describeStage('my_int_stage'),
  'stage-041': () => showStages(),
};

export const missing: Missing = {};

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
