// Corpus family `alter-table`: SDK expressions of the documentation's examples, and what the others lack.
import type { Expressions, Missing } from './types.js';

export const expressions: Expressions = {};

export const missing: Missing = {
  'alter-table-001': 'ALTER TABLE ... SET OPTIONS (issue 13 adds ALTER TABLE)',
  'alter-table-002': 'ALTER TABLE ... SET OPTIONS (issue 13 adds ALTER TABLE)',
  'alter-table-003': 'ALTER TABLE ... SET OPTIONS (issue 13 adds ALTER TABLE)',
  'alter-table-004': 'ALTER TABLE ... SET OPTIONS (issue 13 adds ALTER TABLE)',
  'alter-table-005': 'ALTER TABLE ... RENAME TO (issue 13 adds ALTER TABLE)',
  'alter-table-006': 'ALTER TABLE ... FLASHBACK TO (time travel)',
  'alter-table-007': 'ALTER TABLE ... ADD COLUMN (issue 13 adds ALTER TABLE)',
  'alter-table-008': 'ALTER TABLE ... ADD COLUMN (issue 13 adds ALTER TABLE)',
  'alter-table-009': 'ALTER TABLE ... ADD COLUMN (issue 13 adds ALTER TABLE)',
  'alter-table-010': 'ALTER TABLE ... RENAME COLUMN (issue 13 adds ALTER TABLE)',
  'alter-table-011': 'ALTER TABLE ... DROP COLUMN (issue 13 adds ALTER TABLE)',
  'alter-table-012': 'ALTER TABLE ... MODIFY COLUMN (issue 13 adds ALTER TABLE)',
  'alter-table-013': "ALTER TABLE ... MODIFY COLUMN ... MASKING POLICY (access control, outside the SDK's loading scope)",
  'alter-table-014': "ALTER TABLE ... MODIFY COLUMN ... MASKING POLICY (access control, outside the SDK's loading scope)",
  'alter-table-015': "ALTER TABLE ... ROW ACCESS POLICY (access control, outside the SDK's loading scope)",
  'alter-table-016': "ALTER TABLE ... ROW ACCESS POLICY (access control, outside the SDK's loading scope)",
  'alter-table-017': 'ALTER TABLE ... COMMENT (issue 13 adds ALTER TABLE)',
  'alter-table-018': 'ALTER TABLE ... COMMENT (issue 13 adds ALTER TABLE)',
  'alter-table-019': 'ALTER TABLE ... SET OPTIONS (issue 13 adds ALTER TABLE)',
  'alter-table-020': 'ALTER TABLE ... SET OPTIONS (issue 13 adds ALTER TABLE)',
  'alter-table-021': 'ALTER TABLE ... SET OPTIONS (issue 13 adds ALTER TABLE)',
  'alter-table-022': 'ALTER TABLE ... CONNECTION = (...) of a table over an external location',
  'alter-table-023': 'ALTER TABLE ... CONNECTION = (...) of a table over an external location',
  'alter-table-024': 'ALTER TABLE ... SWAP WITH',
  'alter-table-025': 'ALTER TABLE ... SET / UNSET TAG',
  'alter-table-026': 'ALTER TABLE ... SET / UNSET TAG',
  'alter-table-027': 'ALTER TABLE ... SET OPTIONS (issue 13 adds ALTER TABLE)',
  'alter-table-028': 'ALTER TABLE ... SET OPTIONS (issue 13 adds ALTER TABLE)',
  'alter-table-029': 'ALTER TABLE ... DROP COLUMN (issue 13 adds ALTER TABLE)',
  'alter-table-030': 'ALTER TABLE ... ADD COLUMN (issue 13 adds ALTER TABLE)',
};

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
