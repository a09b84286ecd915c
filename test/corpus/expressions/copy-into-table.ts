// Corpus family `copy-into-table`: SDK expressions of the documentation's examples, and what the others lack.
import type { Expressions, Missing } from './types.js';

export const expressions: Expressions = {};

export const missing: Missing = {};
