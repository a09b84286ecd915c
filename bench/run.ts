// npm run bench: every benchmark of docs/benchmarks.md, printed as Markdown. Figures are ratios against a baseline
// measured in the same run; nothing here is asserted.
//   BENCH_SIZES=10000,100000,1000000 (default) sets the loading sizes; BENCH_READ_ROWS=100000 the read size.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem, type } from 'node:os';
import { resolve } from 'node:path';
import { loadingBenchmarks } from './loading.js';
import { ms, row, TABLE_HEAD } from './measure.js';
import { packageBenchmarks } from './package-size.js';
import { statementBenchmarks } from './statements.js';
import { typecheckBenchmarks } from './typecheck.js';

const root = resolve(import.meta.dirname, '..');
const sizes = (process.env.BENCH_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const readRows = Number(process.env.BENCH_READ_ROWS ?? 100_000);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
const say = (line = '') => console.log(line);

say(`# databend-etl benchmarks, ${new Date().toISOString().slice(0, 10)}`);
say();
say(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'} x ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${type()}; Node ${process.version}.`);
say();

say('## Statement generation');
const statements = await statementBenchmarks();
say(TABLE_HEAD);
for (const f of statements.figures) say(row(f));
const [plan, planTemplate, wide, wideScratch, wideTemplate, wideKysely] = statements.figures;
say();
say(`- EverDrive plan, SDK vs template strings: ${ratio(plan!.medianMs, planTemplate!.medianMs)} (target: within 2x).`);
say(`- 50 tables, SDK vs template strings: ${ratio(wide!.medianMs, wideTemplate!.medianMs)} (declared once), ${ratio(wideScratch!.medianMs, wideTemplate!.medianMs)} (declaring too).`);
say(`- 50 tables, SDK vs Kysely: ${ratio(wide!.medianMs, wideKysely!.medianMs)} (target: below 1x).`);
for (const note of statements.notes) say(`- ${note}`);
say();

say('## Loading and reading on the local engine');
const loads = await loadingBenchmarks(sizes, readRows);
say('| rows | COPY via SDK | COPY via raw driver | SDK overhead | rows/s (SDK) | INSERT ... VALUES (1000/batch) | COPY speed-up |');
say('|---|---|---|---|---|---|---|');
for (const l of loads) {
  const overhead = ((l.sdkCopy.medianMs / l.driverCopy.medianMs - 1) * 100).toFixed(1);
  const rate = Math.round((l.rows / l.sdkCopy.medianMs) * 1000).toLocaleString('en');
  const insert = `${ms(l.insertValues.ms)}${l.insertValues.extrapolated ? ` (from ${l.insertValues.rowsMeasured.toLocaleString('en')} rows, scaled)` : ''}`;
  say(`| ${l.rows.toLocaleString('en')} | ${ms(l.sdkCopy.medianMs)} ±${(l.sdkCopy.spread * 50).toFixed(1)} % | ${ms(l.driverCopy.medianMs)} ±${(l.driverCopy.spread * 50).toFixed(1)} % | ${overhead} % | ${rate} | ${insert} | ${ratio(l.insertValues.ms, l.sdkCopy.medianMs)} |`);
}
say();
const read = loads.find((l) => l.read)?.read;
if (read) {
  say(TABLE_HEAD);
  for (const f of [read.driver, read.client, read.validated, read.zodOnly]) say(row(f));
  say();
  say(`- Typed decoding vs the raw driver's rows: ${ratio(read.client.medianMs, read.driver.medianMs)} (target: within 1.3x).`);
  say(`- zod validation on top: ${ratio(read.validated.medianMs, read.client.medianMs)} of the typed read end to end (within the noise of the engine's encoding); in process it costs ${ms(read.zodOnly.medianMs)} for ${readRows.toLocaleString('en')} rows, ${((read.zodOnly.medianMs / read.client.medianMs) * 100).toFixed(1)} % of the typed read.`);
  say();
}

say('## Type-checking cost');
const typecheck = await typecheckBenchmarks();
say('| project | check time | total time | instantiations | types | memory |');
say('|---|---|---|---|---|---|');
for (const t of typecheck) say(`| ${t.name} | ${t.checkSeconds} s | ${t.totalSeconds} s | ${t.instantiations.toLocaleString('en')} | ${t.types.toLocaleString('en')} | ${Math.round(t.memoryKb / 1024)} MB |`);
say();

say('## Package');
execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
const pkg = await packageBenchmarks();
say('| entry | raw | minified + gzip |');
say('|---|---|---|');
for (const e of pkg.entries) say(`| ${e.entry} | ${(e.rawBytes / 1024).toFixed(1)} KiB | ${(e.minifiedGzipBytes / 1024).toFixed(1)} KiB |`);
say();
say(TABLE_HEAD);
for (const f of pkg.imports) say(row(f));
const [bare, imported, rendered, withDriver] = pkg.imports;
say();
say(`- Import cost over a bare Node start: ${ms(imported!.medianMs - bare!.medianMs)}; with a statement rendered ${ms(rendered!.medianMs - bare!.medianMs)}; with the native driver loaded ${ms(withDriver!.medianMs - bare!.medianMs)}.`);
