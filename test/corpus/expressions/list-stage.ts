// Corpus family `list-stage`: SDK expressions of the documentation's examples, and what the others lack.
import type { Expressions, Missing } from './types.js';

export const expressions: Expressions = {};

export const missing: Missing = {
  'list-stage-001': 'the list_stage() table function (issue 13: staged-file columns)',
  'list-stage-002': 'the list_stage() table function (issue 13: staged-file columns)',
};

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
