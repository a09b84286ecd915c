// Corpus family `presign`: SDK expressions of the documentation's examples, and what the others lack.
import type { Expressions, Missing } from './types.js';

export const expressions: Expressions = {};

const PRESIGN = 'PRESIGN: no statement in the SDK (issue 13 adds it)';
export const missing: Missing = Object.fromEntries(['001', '002', '003', '004', '005', '006', '007', '008'].map((n) => [`presign-${n}`, PRESIGN]));

/** Expressed statements whose query is a whole `sql` fragment (none in this family). */
export const viaSqlQuery: readonly string[] = [];
