// Corpus family `list-stage`: SDK expressions of the documentation's examples, and what the others lack.
import { listStageFiles } from '../../../src/index.js';
import type { Expressions, Missing } from './types.js';

export const expressions: Expressions = {
  'list-stage-002': () => listStageFiles('my_stage').pattern('.*[.]log'),
  'list-stage-001': () => listStageFiles('partitioned_stage').columns('name').orderBy('name'),
};

export const missing: Missing = {};

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
