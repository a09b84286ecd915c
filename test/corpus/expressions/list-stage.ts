// Corpus family `list-stage`: SDK expressions of the documentation's examples, and what the others lack.
import { listStageFiles } from '../../../src/index.js';
import type { Expressions, Missing } from './types.js';

export const expressions: Expressions = {
  'list-stage-002': () => listStageFiles('my_stage').pattern('.*[.]log'),
};

export const missing: Missing = {
  'list-stage-001': 'a projection and ORDER BY over list_stage() (the SDK selects * and has no ORDER BY)',
};

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
