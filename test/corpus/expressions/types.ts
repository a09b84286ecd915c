// The shape of a family's expressions file: `expressions` maps a corpus statement's id to a function returning the
// SDK builder that renders it; `missing` gives, for a statement the SDK cannot write yet, the feature it lacks.
import type { Compilable } from '../../../src/index.js';

export type Expressions = Readonly<Record<string, () => Compilable>>;
export type Missing = Readonly<Record<string, string>>;
