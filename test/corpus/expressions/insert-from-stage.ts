// Corpus family `insert-from-stage`: SDK expressions of the documentation's examples, and what the others lack.
import type { Expressions, Missing } from './types.js';

export const expressions: Expressions = {};

export const missing: Missing = {};

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
