// Corpus family `index`: SDK expressions of the documentation's examples, and what the others lack.
import type { Expressions, Missing } from './types.js';

export const expressions: Expressions = {};

export const missing: Missing = {
  'index-001': 'CREATE INVERTED INDEX (issue 13 adds the index statements)',
  'index-002': 'REFRESH INVERTED INDEX (issue 13 adds the index statements)',
  'index-003': 'CREATE INVERTED INDEX (issue 13 adds the index statements)',
  'index-004': 'CREATE NGRAM INDEX (issue 13 adds the index statements)',
  'index-005': 'CREATE NGRAM INDEX (issue 13 adds the index statements)',
  'index-006': 'CREATE INVERTED INDEX (issue 13 adds the index statements)',
  'index-007': 'CREATE INVERTED INDEX (issue 13 adds the index statements)',
  'index-008': 'CREATE INVERTED INDEX (issue 13 adds the index statements)',
  'index-009': 'CREATE INVERTED INDEX (issue 13 adds the index statements)',
  'index-010': 'DROP INVERTED INDEX (issue 13 adds the index statements)',
  'index-011': 'CREATE INVERTED INDEX (issue 13 adds the index statements)',
  'index-012': 'REFRESH INVERTED INDEX (issue 13 adds the index statements)',
  'index-013': 'CREATE NGRAM INDEX (issue 13 adds the index statements)',
  'index-014': 'DROP NGRAM INDEX (issue 13 adds the index statements)',
  'index-015': 'DROP NGRAM INDEX (issue 13 adds the index statements)',
  'index-017': 'REFRESH NGRAM INDEX (issue 13 adds the index statements)',
  'index-018': 'CREATE VECTOR INDEX (issue 13 adds the index statements)',
  'index-019': 'DROP VECTOR INDEX (issue 13 adds the index statements)',
  'index-020': 'DROP VECTOR INDEX (issue 13 adds the index statements)',
  'index-021': 'CREATE VECTOR INDEX (issue 13 adds the index statements)',
  'index-022': 'REFRESH VECTOR INDEX (issue 13 adds the index statements)',
};

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
