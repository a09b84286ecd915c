// Corpus family `list-remove`: SDK expressions of the documentation's examples, and what the others lack.
import { listStage, removeFromStage } from '../../../src/index.js';
import type { Expressions, Missing } from './types.js';

export const expressions: Expressions = {
  'list-remove-001': () => listStage('my_external_stage'),
  'list-remove-002': () => listStage('~'),
  'list-remove-003': () => listStage('sales_stage', 'raw/').pattern('year=2025/month=01/.*[.]parquet'),
  'list-remove-004': () => listStage('my_stage').pattern('.*[.]log'),
  'list-remove-005': () => listStage('~'),
  'list-remove-006': () => listStage('my_internal_stage'),
  'list-remove-007': () => listStage('my_external_stage'),
  'list-remove-008': () => listStage('~'),
  'list-remove-009': () => listStage('my_internal_stage'),
  'list-remove-010': () => listStage('my_external_stage'),
  'list-remove-011': () => listStage('~'),
  'list-remove-012': () => listStage('my_internal_stage'),
  'list-remove-013': () => listStage('my_external_stage'),
  'list-remove-014': () => listStage('~'),
  'list-remove-015': () => listStage('my_internal_stage'),
  'list-remove-016': () => listStage('my_external_stage'),
  'list-remove-017': () => listStage('my_parquet_stage'),
  'list-remove-018': () => listStage('my_csv_stage'),
  'list-remove-019': () => listStage('my_tsv_stage'),
  'list-remove-020': () => listStage('my_ndjson_stage'),
  'list-remove-021': () => listStage('orc_data_stage'),
  'list-remove-022': () => listStage('sensor_events_stage'),
  'list-remove-023': () => listStage('ml_assets', 'datasets/support-ticket-train'),
  'list-remove-024': () => listStage('my_internal_stage'),
  'list-remove-025': () => listStage('my_internal_stage', '2023/'),
  'list-remove-026': () => listStage('my_internal_stage').pattern('.*[.]log'),
  'list-remove-027': () => removeFromStage('playground').pattern('ontime.*'),
  'list-remove-028': () => listStage('my_internal_stage'),
  'list-remove-029': () => listStage('my_internal_stage'),
  'list-remove-030': () => listStage('my_internal_stage'),
  'list-remove-031': () => listStage('my_stage').pattern('.*[.]log'),
  'list-remove-032': () => listStage('mylog'),
};

export const missing: Missing = {};

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
