// The statement-generation suite as a program of its own: bench/run.ts bundles it with esbuild and runs it in a fresh
// Node process, so that it measures the SDK as an application runs it (bundled JavaScript, as tsup and users'
// bundlers emit it), not as tsx transpiles the sources for the rest of the benchmarks (keepNames wrappers, a
// loader hook). The template baseline and Kysely are in the same bundle, so all three run the same way.
import { statementBenchmarks } from './statements.js';

const quick = process.argv.includes('--quick');
const figures = await statementBenchmarks(quick ? { minTimeMs: 1_000, maxTimeMs: 5_000 } : undefined);
process.stdout.write(JSON.stringify(figures));
