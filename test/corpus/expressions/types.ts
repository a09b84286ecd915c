// The shape of a family's expressions file: `expressions` maps a corpus statement's id to a function returning the
// SDK builder that renders it; `missing` gives, for a statement the SDK cannot write yet, the feature it lacks;
// `viaSqlQuery` lists the expressed ids whose query is a whole `sql` fragment, and the optional `viaKysely` those whose
// query is built with Kysely over the SDK's dialect and passed compiled (each counted apart in docs/coverage.md).
//
// To express a statement once the SDK can: move its id from `missing` to `expressions`, then
// `WRITE_COVERAGE=1 npx vitest run --project unit test/unit/corpus-coverage.test.ts` (the rendering must match the
// documentation's SQL, normalised; a difference the engine reads the same way goes in ../equivalences.ts with its
// reason) and `npx vitest run test/engine/docs-corpus.test.ts` (both forms must end the same way on the engine).
import type { Compilable } from '../../../src/index.js';

export type Expressions = Readonly<Record<string, () => Compilable>>;
export type Missing = Readonly<Record<string, string>>;
