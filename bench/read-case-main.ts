// The entry bench/read-scale.ts bundles: one case of the reading scale table (see read-case.ts).
import { runReadCase } from './read-case.js';

await runReadCase(process.argv.slice(2));
