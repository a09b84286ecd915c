// Corpus family `connection`: SDK expressions of the documentation's examples, and what the others lack.
import { createConnection, describeConnection, dropConnection, showConnections } from '../../../src/index.js';
import type { Expressions, Missing } from './types.js';

const s3Keys = (name: string, accessKeyId: string, secretAccessKey: string) => createConnection(name).s3({ accessKeyId, secretAccessKey });
const s3Role = (name: string, roleArn: string) => createConnection(name).s3({ roleArn });

export const expressions: Expressions = {
  'connection-001': () => createConnection('aws_s3').orReplace().s3({ accessKeyId: 'your-ak', secretAccessKey: 'your-sk' }),
  'connection-002': () => s3Keys('s3_connection', '<your-access-key-id>', '<your-secret-access-key>'),
  'connection-003': () => s3Keys('external_table_conn', '<your-access-key-id>', '<your-secret-access-key>'),
  'connection-004': () => s3Keys('external_table_conn_new', '<your-new-access-key-id>', '<your-new-secret-access-key>'),
  'connection-005': () => s3Keys('s3_access_key_conn', '<your-access-key-id>', '<your-secret-access-key>'),
  'connection-006': () => s3Role('s3_role_conn', 'arn:aws:iam::123456789012:role/databend-access'),
  'connection-007': () => s3Keys('my_s3_connection', '<your_aws_key_id>', '<your_aws_secret_key>'),
  'connection-008': () => s3Role('s3_role_connection', 'arn:aws:iam::123456789012:role/databend-role'),
  'connection-009': () => s3Keys('my_s3_connection', '<your-access-key-id>', '<your-secret-access-key>'),
  'connection-010': () =>
    createConnection('iam_s3_connection').s3({ roleArn: 'arn:aws:iam::123456789012:role/databend-access', externalId: 'my-external-id-123' }),
  'connection-011': () =>
    createConnection('r2_connection').s3({
      region: 'auto',
      endpointUrl: '<your-bucket-endpoint>',
      accessKeyId: '<your-access-key-id>',
      secretAccessKey: '<your-secret-access-key>',
    }),
  'connection-012': () => s3Keys('toronto', '<your-access-key-id>', '<your-secret-access-key>'),
  'connection-013': () => s3Role('databend_test', 'arn:aws:iam::987654321987:role/databend-test'),
  'connection-015': () => dropConnection('toronto'),
  'connection-016': () => s3Keys('toronto', '<your-access-key-id>', '<your-secret-access-key>'),
  'connection-018': () => s3Keys('my_s3_conn', '<your-access-key-ID>', '<your-secret-access-key>'),
  'connection-019': () => s3Role('my_iam_conn', 'arn:aws:iam::123456789012:role/my_iam_role'),
  'connection-020': () =>
    createConnection('my_azure_conn').azblob({
      endpointUrl: 'https://<account_name>.blob.core.windows.net',
      accountName: '<account_name>',
      accountKey: '<account_key>',
    }),
  'connection-021': () => createConnection('my_gcs_conn').gcs({ credential: '<your-base64-encoded-credential>' }),
  'connection-022': () => s3Keys('compressed_s3_conn', '<your-access-key-ID>', '<your-secret-access-key>'),
  'connection-023': () => s3Keys('pattern_s3_conn', '<your-access-key-ID>', '<your-secret-access-key>'),
  'connection-014': () => describeConnection('toronto'),
  'connection-017': () => showConnections(),
};

export const missing: Missing = {};

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
