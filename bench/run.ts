// npm run bench: every benchmark of docs/benchmarks.md, printed as Markdown on stdout (progress on stderr). Figures are
// ratios against a baseline measured in the same run; the issue's targets are reported as met or not, never asserted.
//
//   npm run bench                          sizes 10k, 100k, 1M; reads 100k rows (about 10 minutes on 2 CPUs)
//   npm run bench -- --quick               sizes 10k only, reads 10k rows, one tsc run per project
//   npm run bench -- --only=statements,package
//   BENCH_SIZES=10000,100000 BENCH_READ_ROWS=50000 BENCH_INSERT_MAX_ROWS=20000 npm run bench
//   BENCH_SCALE_SIZES=10000,100000 npm run bench -- --only=scale    (the reading scale table; default 10k..5M)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createClient } from '../src/index.js';
import { startLocalDatabend, type LocalDatabend } from '../src/local/index.js';
import { linearFit, loadingBenchmarks, type LoadFigures } from './loading.js';
import { formatOverhead, formatRatio, measurementRow, MEASUREMENT_HEAD, ms, ratio, spread, times } from './measure.js';
import { buildPackage, packageBenchmarks, type PackageFigures } from './package-size.js';
import { readingBenchmarks, type ReadFigures } from './reading.js';
import { readScaleBenchmarks, reportScale } from './read-scale.js';
import { gatewayEncodingFigures, gatewayEncodingLines } from './gateway-encoding.js';
import { runStatementsBundled } from './statements-alone.js';
import { statementReport, type StatementFigures } from './statements.js';
import { typecheckBenchmarks, type TypecheckFigures } from './typecheck.js';

const SUITES = ['statements', 'loading', 'reading', 'scale', 'gateway', 'typecheck', 'package'] as const;
type Suite = (typeof SUITES)[number];

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const only = new Set<Suite>(onlyArg ? (onlyArg.split(',') as Suite[]) : SUITES);
for (const s of only) if (!SUITES.includes(s)) throw new Error(`unknown suite '${s}'; suites: ${SUITES.join(', ')}`);
const numbers = (text: string) => text.split(',').map((x) => Number(x.replaceAll('_', '')));
const sizes = numbers(process.env.BENCH_SIZES ?? (quick ? '10000' : '10000,100000,1000000'));
const readRows = Number(process.env.BENCH_READ_ROWS ?? (quick ? 10_000 : 100_000));
const scaleSizes = numbers(process.env.BENCH_SCALE_SIZES ?? (quick ? '10000' : '10000,100000,1000000,5000000'));
const insertMaxRows = Number(process.env.BENCH_INSERT_MAX_ROWS ?? (quick ? 10_000 : 100_000));
const INSERT_BATCH = 1000;

const say = (line = '') => console.log(line);
const progress = (line: string) => console.error(`[bench ${((performance.now() - t0) / 1000).toFixed(0)} s] ${line}`);
const n = (x: number) => x.toLocaleString('en');
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const t0 = performance.now();

function version(pkg: string): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
}

function osName(): string {
  const text = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  return /^PRETTY_NAME="?([^"\n]*)/m.exec(text)?.[1] ?? process.platform;
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}

interface Target {
  readonly target: string;
  readonly figure: string;
  readonly met: boolean | undefined;
}
const targets: Target[] = [];

// ---------------------------------------------------------------------------------------------------------------
say(`# databend-etl benchmarks, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
say();
say(
  `- Machine: ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM; ${osName()} (Linux ${release()}); load average at start ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}.`,
);
say(
  `- Versions: Node ${process.version}, TypeScript ${version('typescript')}, Kysely ${version('kysely')}, drizzle-orm ${version('drizzle-orm')}, databend-driver ${version('databend-driver')}, zod ${version('zod')}, esbuild ${version('esbuild')}, tsup ${version('tsup')}.`,
);
say(`- Commit: ${commit()}. Mode: ${quick ? '--quick' : 'full'}; suites: ${[...only].join(', ')}.`);

let engine: LocalDatabend | undefined;
const needsEngine = only.has('loading') || only.has('reading') || only.has('scale') || only.has('package');
if (needsEngine) {
  progress('starting the local engine');
  engine = await startLocalDatabend();
  const probe = createClient({ dsn: engine.dsn });
  const [row] = await probe.query<{ v: string }>('SELECT version() AS v');
  await probe.close();
  say(`- Engine: the embedded Databend (${row?.v ?? 'unknown version'}) behind the SDK's local HTTP gateway on loopback.`);
}
say();

try {
  if (only.has('statements')) {
    progress('statements');
    reportStatements(runStatementsBundled(quick));
  }
  if (only.has('loading')) {
    progress('loading');
    reportLoading(await loadingBenchmarks(engine!.dsn, { sizes, insertMaxRows, insertBatch: INSERT_BATCH }, progress));
  }
  if (only.has('reading')) {
    progress('reading');
    reportReading(await readingBenchmarks(engine!.dsn, readRows, progress));
  }
  if (only.has('scale')) {
    progress('reading at scale');
    targets.push(...reportScale(await readScaleBenchmarks(engine!.dsn, scaleSizes, progress), say));
  }
  if (only.has('gateway')) {
    progress('local server page encoding');
    reportGateway(await gatewayEncodingFigures({ rows: readRows, memoryRows: quick ? 0 : 1_000_000, rounds: quick ? 3 : 7, progress }));
  }
  const outDir = join(root, 'tmp', 'bench-dist');
  if (only.has('typecheck') || only.has('package')) {
    progress('building the package into tmp/bench-dist (the tsup configuration of npm run build)');
    rmSync(outDir, { recursive: true, force: true });
    buildPackage(outDir);
  }
  if (only.has('typecheck')) {
    progress('typecheck');
    reportTypecheck(await typecheckBenchmarks(join(outDir, 'index.js'), quick ? 1 : 3, progress));
  }
  if (only.has('package')) {
    progress('package');
    reportPackage(await packageBenchmarks(outDir, engine!.dsn, progress));
  }
} finally {
  await engine?.stop();
}

say('## Targets');
say();
say('| target | figure: ratio (interquartile range of the per-round ratios) | met? |');
say('|---|---|---|');
for (const t of targets) say(`| ${t.target} | ${t.figure} | ${t.met === undefined ? 'reported' : t.met ? 'met' : 'NOT met'} |`);
say();
say(
  `Load average at the end: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}. Total time ${((performance.now() - t0) / 1000).toFixed(0)} s.`,
);
progress('done');

// ---------------------------------------------------------------------------------------------------------------
function reportStatements(f: StatementFigures): void {
  const { lines, targets: found } = statementReport(f);
  for (const line of lines) say(line);
  targets.push(...found);
}

/** The local server's own cost: serving a result's pages against the engine's SELECT (it starts its own engines). */
function reportGateway(figures: Awaited<ReturnType<typeof gatewayEncodingFigures>>): void {
  say('## Local server: page encoding');
  say();
  say('```');
  for (const line of gatewayEncodingLines(figures)) say(line);
  say('```');
  say();
  targets.push({
    target: `Local server: serving ${n(figures.encoding.rows)} rows within 5x of the engine's own SELECT`,
    figure: `${figures.encoding.ratio.toFixed(1)}x (engine ${figures.encoding.engine.medianMs.toFixed(0)} ms, serving ${figures.encoding.serve.medianMs.toFixed(0)} ms)`,
    met: figures.encoding.ratio <= 5,
  });
}

function reportLoading(loads: LoadFigures[]): void {
  say('## Loading on the local engine');
  say();
  say(
    `The generated batch's frame events (seed 11, 1000 frames a session, Parquet files of at most 100,000 rows) on an fs:// stage; COPY INTO frame_events with the SDK's cast projection and FORCE = TRUE; TRUNCATE before every load, outside the timing. INSERT ... VALUES sends ${INSERT_BATCH} rows a statement, strings escaped by the SDK's renderer and timestamps as plain string literals (the fastest form the engine takes: bench/loading.ts), interleaved round by round with the COPY cases after one warm-up round; at a size above BENCH_INSERT_MAX_ROWS its time is scaled from the rows sent, and the table says so.`,
  );
  say();
  say(MEASUREMENT_HEAD);
  for (const l of loads) for (const m of [l.sdkCopy, l.driverCopy, l.driverCopyRows, l.insert.measurement]) say(measurementRow(m));
  say();
  say(
    '| rows | files | Parquet | COPY via SDK | rows/s (SDK) | SDK overhead vs driver exec | vs driver queryAll | INSERT ... VALUES | COPY speed-up over INSERT |',
  );
  say('|---|---|---|---|---|---|---|---|---|');
  for (const l of loads) {
    const insert = `${ms(l.insert.scaledMs)}${l.insert.rowsMeasured < l.rows ? ` (scaled from ${n(l.insert.rowsMeasured)} rows sent)` : ''}`;
    say(
      `| ${n(l.rows)} | ${l.files} | ${kib(l.bytes)} | ${ms(l.sdkCopy.medianMs)} ${spread(l.sdkCopy)} | ${n(Math.round((l.rows / l.sdkCopy.medianMs) * 1000))} | ${formatOverhead(ratio(l.sdkCopy, l.driverCopy))} | ${formatOverhead(ratio(l.sdkCopy, l.driverCopyRows))} | ${insert} | ${times(l.insert.scaledMs / l.sdkCopy.medianMs)} |`,
    );
  }
  say();
  const fit = linearFit(loads.map((l) => ({ rows: l.rows, ms: l.sdkCopy.medianMs })));
  if (fit)
    say(
      `- Growth: a least-squares line through the SDK's COPY medians gives ${ms(fit.fixedMs)} fixed per COPY plus ${fit.perRowUs.toFixed(2)} µs a row (${n(Math.round(1e6 / fit.perRowUs))} rows/s at the margin).`,
    );
  for (let i = 1; i < loads.length; i++) {
    const a = loads[i - 1]!;
    const b = loads[i]!;
    say(
      `- ${n(a.rows)} -> ${n(b.rows)} rows (x${(b.rows / a.rows).toFixed(0)}): COPY time x${(b.sdkCopy.medianMs / a.sdkCopy.medianMs).toFixed(2)}, INSERT time x${(b.insert.scaledMs / a.insert.scaledMs).toFixed(2)}.`,
    );
  }
  const insertRate = loads.map((l) => Math.round((l.insert.rowsMeasured / l.insert.measurement.medianMs) * 1000));
  say(`- INSERT ... VALUES rate: ${insertRate.map(n).join(', ')} rows/s for the rows actually sent at each size.`);
  say();
  targets.push({
    target: 'COPY through the SDK client: overhead under 5 % vs the same SQL through the raw driver',
    figure: loads.map((l) => `${n(l.rows)}: ${formatOverhead(ratio(l.sdkCopy, l.driverCopy))}`).join('; '),
    met: loads.every((l) => ratio(l.sdkCopy, l.driverCopy).value < 1.05),
  });
  targets.push({
    target: 'COPY vs batched INSERT ... VALUES through the driver (report the factor)',
    figure: loads
      .map((l) => `${n(l.rows)}: ${times(l.insert.scaledMs / l.sdkCopy.medianMs)}${l.insert.rowsMeasured < l.rows ? ' (INSERT scaled)' : ''}`)
      .join('; '),
    met: undefined,
  });
}

function reportReading(r: ReadFigures): void {
  say('## Reading');
  say();
  say(
    `SELECT * FROM frame_events LIMIT ${n(r.rows)} (6 columns: 3 STRING, INT, TIMESTAMP, DOUBLE). End to end on the local engine, and in process over the same driver rows replayed from memory by a stand-in driver module (the client's \`driver\` option), which leaves only what the driver's row objects and the SDK cost. client.query and client.stream probe a plain query for its columns (LIMIT 0) and read its result pages over the HTTP query API (docs/architecture.md); with the stand-in driver (the in-process cases) client.query reads through queryAll. The raw driver is timed both ways.`,
  );
  say();
  say(MEASUREMENT_HEAD);
  const e = r.endToEnd;
  const p = r.inProcess;
  for (const m of [
    e.driver,
    e.driverAll,
    e.typed,
    e.validated,
    e.stream,
    e.nestedDriverAll,
    e.nestedExact,
    p.driver,
    p.driverObjects,
    p.decodeOnly,
    p.typed,
    p.validated,
  ])
    say(measurementRow(m));
  say();
  say(
    `- Exact reads (docs/api.md): a query whose ARRAY(STRING) column the driver would change is probed for its columns (LIMIT 0) and read once through VARIANT: ${formatRatio(ratio(e.nestedExact, e.nestedDriverAll))} the driver's own (inexact) rows of the same query.`,
  );
  const typedIter = ratio(e.typed, e.driver);
  const typedAll = ratio(e.typed, e.driverAll);
  const typedLocal = ratio(p.typed, p.driver);
  say(
    `- Typed client.query / raw driver, end to end: ${formatRatio(typedAll)} against queryAll (the driver's fastest read; the client probes with LIMIT 0, then reads the result pages over HTTP), ${formatRatio(typedIter)} against queryIter. queryIter itself is ${formatRatio(ratio(e.driver, e.driverAll))} queryAll: each next() is one native call.`,
  );
  say(
    `- In process, over replayed rows: typed decoding ${formatRatio(typedLocal)} the driver's next() + values() (${formatRatio(ratio(p.typed, p.driverObjects))} against next() + data() objects); the SDK adds ${ms(p.typed.medianMs - p.driver.medianMs)} for ${n(r.rows)} rows, ${(((p.typed.medianMs - p.driver.medianMs) / r.rows) * 1000).toFixed(2)} µs a row. The decoder alone in a plain loop: ${ms(p.decodeOnly.medianMs)} (values() included).`,
  );
  say(
    `- zod validation / typed decoding: ${formatRatio(ratio(e.validated, e.typed))} end to end; ${formatRatio(ratio(p.validated, p.typed))} in process, i.e. ${ms(p.validated.medianMs - p.typed.medianMs)} for ${n(r.rows)} rows (${(((p.validated.medianMs - p.typed.medianMs) / r.rows) * 1000).toFixed(2)} µs a row).`,
  );
  say();
  targets.push({
    target: `Typed decoding within 1.3x of the raw driver's rows (${n(r.rows)}-row query)`,
    figure: `against queryIter (same driver calls): ${formatRatio(typedIter)}; in process ${formatRatio(typedLocal)}`,
    met: typedIter.value <= 1.3,
  });
  targets.push({
    target: `... against the driver's fastest read (queryAll)`,
    figure: formatRatio(typedAll),
    met: typedAll.value <= 1.3,
  });
  const streamAll = ratio(e.stream, e.driverAll);
  say(
    `- client.stream (pages over HTTP) / raw driver queryAll, end to end: ${formatRatio(streamAll)}; against queryIter: ${formatRatio(ratio(e.stream, e.driver))}.`,
  );
  say();
  targets.push({
    target: `client.query within 1.15x of queryAll (${n(r.rows)} rows, interleaved)`,
    figure: formatRatio(typedAll),
    met: typedAll.value <= 1.15,
  });
  targets.push({
    target: `client.stream within 1.5x of queryAll (${n(r.rows)} rows, interleaved)`,
    figure: formatRatio(streamAll),
    met: streamAll.value <= 1.5,
  });
  targets.push({
    target: 'zod validation cost (report)',
    figure: `${formatRatio(ratio(e.validated, e.typed))} of the typed read end to end; ${(((p.validated.medianMs - p.typed.medianMs) / r.rows) * 1000).toFixed(2)} µs a row in process`,
    met: undefined,
  });
}

function reportTypecheck(figures: TypecheckFigures[]): void {
  say('## Type-checking cost');
  say();
  say(
    'A generated project: the four EverDrive tables plus 50 tables of 30 columns, and 100 typed queries (rows assigned to `typeof t.$inferSelect[]`, two columns read with their types). The SDK is checked from its built declarations, as Drizzle ships its own; `skipLibCheck` as in most projects.',
  );
  say();
  say('| project | check time | total time | instantiations | types | memory | tsc runs |');
  say('|---|---|---|---|---|---|---|');
  for (const t of figures)
    say(
      `| ${t.name} | ${t.checkSeconds.toFixed(2)} s | ${t.totalSeconds.toFixed(2)} s | ${n(t.instantiations)} | ${n(t.types)} | ${Math.round(t.memoryKb / 1024)} MB | ${t.runs} |`,
    );
  say();
  const [sdkEmpty, sdk, , drizzleEmpty, drizzle] = figures;
  if (sdkEmpty && sdk && drizzleEmpty && drizzle) {
    const sdkInst = sdk.instantiations - sdkEmpty.instantiations;
    const drizzleInst = drizzle.instantiations - drizzleEmpty.instantiations;
    const sdkCheck = sdk.checkSeconds - sdkEmpty.checkSeconds;
    const drizzleCheck = drizzle.checkSeconds - drizzleEmpty.checkSeconds;
    say(
      `- The schemas and queries alone (project minus import only): databend-etl ${n(sdkInst)} instantiations and ${sdkCheck.toFixed(2)} s of check time; Drizzle ${n(drizzleInst)} and ${drizzleCheck.toFixed(2)} s. Ratio SDK / Drizzle: ${times(sdkInst / drizzleInst)} instantiations, ${times(sdkCheck / drizzleCheck)} check time.`,
    );
    say();
    targets.push({
      target: 'Type-checking cost vs Drizzle pg-core (report)',
      figure: `whole project ${times(sdk.checkSeconds / drizzle.checkSeconds)} check time (${sdk.checkSeconds.toFixed(2)} s vs ${drizzle.checkSeconds.toFixed(2)} s), ${times(sdk.instantiations / drizzle.instantiations)} instantiations (${n(sdk.instantiations)} vs ${n(drizzle.instantiations)})`,
      met: undefined,
    });
  }
}

function reportPackage(p: PackageFigures): void {
  say('## Package');
  say();
  say(
    'Built with the tsup configuration of `npm run build` (into tmp/bench-dist, so that dist/ is never emptied under a test running meanwhile); minified by esbuild (whitespace, identifiers, syntax; no bundling), gzipped by zlib at level 9. zod and databend-driver stay external, as in the package.',
  );
  say();
  say('| entry | raw | minified | minified + gzip |');
  say('|---|---|---|---|');
  for (const e of p.entries) say(`| ${e.entry} | ${kib(e.rawBytes)} | ${kib(e.minifiedBytes)} | ${kib(e.minifiedGzipBytes)} |`);
  say(`| dist/index.js bundled with the zod it imports (what a bundler ships) | | | ${kib(p.rootWithZodGzipBytes)} |`);
  say();
  say(MEASUREMENT_HEAD);
  const i = p.imports;
  for (const m of [i.bare, i.zod, i.root, i.rootRender, i.driverConnect, i.clientConnect]) say(measurementRow(m));
  say();
  const renderCost = i.rootRender.medianMs - i.root.medianMs;
  // Two process start-ups of ~100 ms each differ by more than one render: below their spread, say so rather than
  // print a negative cost.
  const renderNoise = Math.max(i.root.q3Ms - i.root.q1Ms, i.rootRender.q3Ms - i.rootRender.q1Ms) / 2;
  const renderText =
    Math.abs(renderCost) <= renderNoise ? `nothing measurable (${ms(renderCost)}, within the start-up spread of ±${ms(renderNoise)})` : ms(renderCost);
  say(
    `- Import of the root entry over a bare Node start: ${ms(i.root.medianMs - i.bare.medianMs)} (zod alone: ${ms(i.zod.medianMs - i.bare.medianMs)}); rendering a first statement adds ${renderText}.`,
  );
  say(
    `- Connecting: the SDK client (import, driver loaded lazily, login, SELECT 1) ${ms(i.clientConnect.medianMs - i.bare.medianMs)} over a bare start vs the raw driver ${ms(i.driverConnect.medianMs - i.bare.medianMs)}: ${formatRatio(ratio(i.clientConnect, i.driverConnect))} of the raw driver's whole process.`,
  );
  say();
  const core = p.entries.find((e) => e.entry === 'dist/index.js');
  targets.push({
    target: 'Package: core entry size and import time (report)',
    figure: `${kib(core?.minifiedGzipBytes ?? Number.NaN)} min+gzip (${kib(p.rootWithZodGzipBytes)} with zod bundled); import +${ms(i.root.medianMs - i.bare.medianMs)}, connecting +${ms(i.clientConnect.medianMs - i.bare.medianMs)} (raw driver +${ms(i.driverConnect.medianMs - i.bare.medianMs)})`,
    met: undefined,
  });
}
