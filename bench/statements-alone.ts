// The statement-generation suite alone, printed as bench/run.ts prints it: bundles bench/statements-main.ts with
// esbuild, runs it in a fresh Node process (as run.ts does, see statements-main.ts) and prints the section and its
// targets as Markdown.
//
//   npx tsx bench/statements-alone.ts            # as in npm run bench
//   npx tsx bench/statements-alone.ts --quick    # shorter sampling
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { bundleBenchEntry } from './bundle.js';
import { statementReport, type StatementFigures } from './statements.js';

const root = resolve(import.meta.dirname, '..');

/** Bundles bench/statements-main.ts (the SDK, the template baseline and Kysely) and runs it in a fresh process. */
export function runStatementsBundled(quick: boolean): StatementFigures {
  const outfile = bundleBenchEntry('statements-main.ts', 'bench-statements/statements.mjs');
  const out = execFileSync(process.execPath, [outfile, ...(quick ? ['--quick'] : [])], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 2 ** 20,
  });
  return JSON.parse(out) as StatementFigures;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { lines, targets } = statementReport(runStatementsBundled(process.argv.includes('--quick')));
  for (const line of lines) console.log(line);
  console.log('| target | figure: ratio (interquartile range of the per-round ratios) | met? |');
  console.log('|---|---|---|');
  for (const t of targets) console.log(`| ${t.target} | ${t.figure} | ${t.met === undefined ? 'reported' : t.met ? 'met' : 'NOT met'} |`);
}
