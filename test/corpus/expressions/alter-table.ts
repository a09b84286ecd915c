// Corpus family `alter-table`: SDK expressions of the documentation's examples, and what the others lack.
import { alterTable, bigint, int, string } from '../../../src/index.js';
import { named } from './tables.js';
import type { Expressions, Missing } from './types.js';

/** `default.users` of the ALTER TABLE page. */
const users = () => named('users', ['id', 'username', 'email', 'age'], 'default');

export const expressions: Expressions = {
  'alter-table-001': () => alterTable('my_table').setOptions({ ENABLE_SCHEMA_EVOLUTION: true }),
  'alter-table-002': () => alterTable('my_table').setOptions({ ENABLE_SCHEMA_EVOLUTION: false }),
  'alter-table-003': () => alterTable('invoices').setOptions({ ENABLE_SCHEMA_EVOLUTION: true }),
  'alter-table-004': () => alterTable('events').setOptions({ ENABLE_SCHEMA_EVOLUTION: true }),
  'alter-table-005': () => alterTable('test').renameTo('new_test'),
  'alter-table-006': () => alterTable('users').flashbackTo({ snapshot: 'c5c538d6b8bc42f483eefbddd000af7d' }),
  'alter-table-007': () => alterTable(users()).addColumn('business_email', string().notNull().default('example@example.com')),
  'alter-table-008': () => alterTable(users()).addColumn('id', int().notNull(), { first: true }),
  'alter-table-009': () => alterTable(users()).addColumn('middle_name', string(), { after: 'username' }),
  'alter-table-010': () => alterTable(users()).renameColumn('age', 'new_age'),
  'alter-table-011': () => alterTable(users()).dropColumn('new_age'),
  'alter-table-012': () => alterTable('users').modifyColumns({ age: bigint().default(18), email: string().default('') }),
  'alter-table-017': () => alterTable('t').comment('new-comment'),
  'alter-table-018': () => alterTable('t').comment('new-comment'),
  'alter-table-019': () => alterTable('fuse_table').setOptions({ block_per_segment: 500, data_retention_period_in_hours: 240 }),
  'alter-table-020': () => alterTable('t').setOptions({ data_retention_num_snapshots_to_keep: 1 }),
  'alter-table-021': () => alterTable('fuse_table').unsetOptions(['block_per_segment', 'data_retention_period_in_hours']),
  'alter-table-022': () => alterTable('external_table_test').connection('external_table_conn_new'),
  'alter-table-023': () => alterTable('sales_data').connection('s3_role_conn'),
  'alter-table-024': () => alterTable('t1').swapWith('t2'),
  'alter-table-027': () => alterTable('invoices').setOptions({ ENABLE_SCHEMA_EVOLUTION: true }),
  'alter-table-028': () => alterTable('events').setOptions({ ENABLE_SCHEMA_EVOLUTION: true }),
  'alter-table-029': () => alterTable('population').dropColumn('province'),
  'alter-table-030': () => alterTable('your_table').addColumn('new_field', string()),
  'alter-table-013': () => alterTable('users').setMaskingPolicy('email', 'pii_email', { using: ['email', 'username'] }),
  'alter-table-014': () => alterTable('users').unsetMaskingPolicy('email'),
  'alter-table-015': () => alterTable('employees').addRowAccessPolicy('rap_engineering', ['department']),
  'alter-table-016': () => alterTable('employees').dropRowAccessPolicy('rap_engineering'),
  'alter-table-025': () => alterTable(users()).setTag({ env: 'prod', owner: 'team_a' }),
  'alter-table-026': () => alterTable(users()).unsetTag(['env', 'owner']),
};

export const missing: Missing = {};

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
