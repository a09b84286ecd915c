// Corpus family `infer-schema`: SDK expressions of the documentation's examples, and what the others lack.
import type { Expressions, Missing } from './types.js';

export const expressions: Expressions = {};

const INFER = 'the INFER_SCHEMA() table function (issue 13: staged-file columns)';
export const missing: Missing = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`infer-schema-${String(i + 1).padStart(3, '0')}`, INFER]));

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
