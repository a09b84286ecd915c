// The reading scale table: 10k to 5M rows of frame_events through each read path, each case in a child process of
// its own (bench/read-case.ts), so that the peak RSS reported is that case's alone.
import { spawnSync } from 'node:child_process';
import { frameEvents } from '../examples/everdrive/tables.js';
import { createClient, createTable } from '../src/index.js';
import { bundleBenchEntry } from './bundle.js';
import { READ_CASES, type ReadCase } from './read-case.js';

export interface ScaleFigure {
  readonly rows: number;
  readonly name: ReadCase;
  readonly wallMs: readonly number[];
  readonly firstRowMs: readonly number[];
  readonly peakRssBytes: number;
  /** Why the case was not run at this size. */
  readonly skipped?: string;
}

/** Rows a frame event like the EverDrive generator's, made by the engine (5M generated rows would take minutes in Node). */
const fillSql = (rows: number) =>
  `INSERT INTO frame_events SELECT 'sess-' || (number // 1000)::STRING || '-frame-' || LPAD((number % 1000)::STRING, 6, '0'), ` +
  `'sess-' || LPAD((number // 1000)::STRING, 6, '0'), (number % 1000)::INT, TO_TIMESTAMP(1723795200000000 + number * 33333), ` +
  `CASE number % 4 WHEN 0 THEN 'lane_change' WHEN 1 THEN 'hard_brake' WHEN 2 THEN 'pedestrian_crossing' ELSE NULL END, ` +
  `((number * 7919) % 10007)::DOUBLE / 10007 FROM numbers(${rows})`;

/** Repetitions per case: fewer for the large sizes, whose single run takes seconds to minutes. */
const runsFor = (name: ReadCase, rows: number) => (rows <= 100_000 ? 3 : rows <= 1_000_000 && name !== 'driver-iterator' ? 2 : 1);

/** The cases that hold the whole result in memory at once. */
const HOLDS_EVERY_ROW: ReadonlySet<ReadCase> = new Set(['driver-queryAll', 'client.query', 'kysely-execute']);

/**
 * Past 1M rows, the cases that hold every row are skipped unless BENCH_SCALE_ALL=1.
 * The driver's row iterator costs about 50 us a row: past 1M rows it is skipped unless BENCH_SCALE_ITERATOR=1.
 * BENCH_SCALE_CASES=engine,client.stream runs only the cases named.
 */
function skipReason(name: ReadCase, rows: number): string | undefined {
  const only = process.env.BENCH_SCALE_CASES?.split(',');
  if (only !== undefined && !only.includes(name)) return 'skipped: not in BENCH_SCALE_CASES';
  if (name === 'driver-iterator' && rows > 1_000_000 && process.env.BENCH_SCALE_ITERATOR !== '1')
    return 'skipped: ~50 µs a row (BENCH_SCALE_ITERATOR=1 runs it)';
  if (HOLDS_EVERY_ROW.has(name) && rows > 1_000_000 && process.env.BENCH_SCALE_ALL !== '1') {
    return 'skipped: holds every row (0.5-2 GB of RSS a million rows here; BENCH_SCALE_ALL=1 runs it)';
  }
  return undefined;
}

export async function readScaleBenchmarks(dsn: string, sizes: readonly number[], progress: (line: string) => void): Promise<ScaleFigure[]> {
  const client = createClient({ dsn });
  const largest = Math.max(...sizes);
  try {
    progress(`read scale: filling frame_events with ${largest} rows`);
    await client.execute(createTable(frameEvents).orReplace());
    await client.execute(fillSql(largest));
  } finally {
    await client.close();
  }
  const caseScript = bundleBenchEntry('read-case-main.ts', 'bench-read-case.mjs');
  const figures: ScaleFigure[] = [];
  for (const rows of sizes) {
    for (const name of READ_CASES) {
      const skipped = skipReason(name, rows);
      if (skipped !== undefined) {
        figures.push({ rows, name, wallMs: [], firstRowMs: [], peakRssBytes: 0, skipped });
        continue;
      }
      progress(`read scale: ${name}, ${rows} rows, ${runsFor(name, rows)} run(s) in a child process`);
      const child = spawnSync(process.execPath, [caseScript, name, dsn, String(rows), String(runsFor(name, rows))], {
        encoding: 'utf8',
        maxBuffer: 1 << 24,
      });
      const line = child.stdout.trim().split('\n').at(-1) ?? '';
      if (child.status !== 0 || !line.startsWith('{')) {
        figures.push({
          rows,
          name,
          wallMs: [],
          firstRowMs: [],
          peakRssBytes: 0,
          skipped: `failed: ${(child.stderr || child.stdout).trim().split('\n').slice(-3).join(' ').slice(0, 300)}`,
        });
        continue;
      }
      const parsed = JSON.parse(line) as { wallMs: number[]; firstRowMs: number[]; peakRssBytes: number };
      figures.push({ rows, name, ...parsed });
    }
  }
  return figures;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const seconds = (x: number) =>
  Number.isNaN(x) ? '–' : x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`;

/** The table as Markdown, and the stream targets at 1M rows (or the largest size measured up to it). */
export function reportScale(figures: readonly ScaleFigure[], say: (line?: string) => void): { target: string; figure: string; met: boolean | undefined }[] {
  say('## Reading at scale');
  say();
  say(
    "`SELECT * FROM frame_events LIMIT n` (6 columns: 3 STRING, INT, TIMESTAMP, DOUBLE; rows made by the engine from numbers(), see bench/read-scale.ts), each case in a child process of its own after one `SELECT 1` to log in; peak RSS is that process's own peak (VmHWM in /proc/self/status; getrusage's maxRSS would carry the bench process's size across the fork). `engine` is the gateway's running_time_ms: the embedded engine running the statement to an Arrow result, before any row is encoded, the floor every path sits on. Wall time: median of the runs (min–max); first row: from the call to the first row in hand (the whole result for queryAll, query and Kysely execute).",
  );
  say();
  say('| rows | case | runs | wall time (min–max) | / driver queryAll | first row | peak RSS |');
  say('|---:|---|---:|---|---:|---:|---:|');
  for (const f of figures) {
    const all = figures.find((g) => g.rows === f.rows && g.name === 'driver-queryAll');
    const rel =
      all !== undefined && all.wallMs.length > 0 && f.name !== 'engine' && f.wallMs.length > 0 ? `${(median(f.wallMs) / median(all.wallMs)).toFixed(2)}x` : '–';
    if (f.skipped !== undefined) {
      say(`| ${f.rows.toLocaleString('en')} | ${f.name} | 0 | ${f.skipped} | – | – | – |`);
      continue;
    }
    const range = f.wallMs.length > 1 ? ` (${seconds(Math.min(...f.wallMs))}–${seconds(Math.max(...f.wallMs))})` : '';
    const rss = f.name === 'engine' ? '(engine process)' : `${(f.peakRssBytes / 2 ** 20).toFixed(0)} MB`;
    say(
      `| ${f.rows.toLocaleString('en')} | ${f.name} | ${f.wallMs.length} | ${seconds(median(f.wallMs))}${range} | ${rel} | ${f.name === 'engine' ? '–' : seconds(median(f.firstRowMs))} | ${rss} |`,
    );
  }
  say();
  const at = Math.max(...figures.filter((f) => f.rows <= 1_000_000).map((f) => f.rows));
  const stream = figures.find((f) => f.rows === at && f.name === 'client.stream');
  const all = figures.find((f) => f.rows === at && f.name === 'driver-queryAll');
  const query = figures.find((f) => f.rows === at && f.name === 'client.query');
  if (stream === undefined || all === undefined || stream.wallMs.length === 0 || all.wallMs.length === 0) return [];
  const wall = median(stream.wallMs) / median(all.wallMs);
  const rows = at.toLocaleString('en');
  return [
    { target: `client.stream of ${rows} rows within 1.5x of queryAll's wall time (separate processes)`, figure: `${wall.toFixed(2)}x`, met: wall <= 1.5 },
    {
      target: `client.stream of ${rows} rows: peak RSS under 200 MB`,
      figure: `${(stream.peakRssBytes / 2 ** 20).toFixed(0)} MB (queryAll ${(all.peakRssBytes / 2 ** 20).toFixed(0)} MB)`,
      met: at >= 1_000_000 ? stream.peakRssBytes < 200 * 2 ** 20 : undefined,
    },
    { target: `client.stream of ${rows} rows: first row under 300 ms`, figure: seconds(median(stream.firstRowMs)), met: median(stream.firstRowMs) < 300 },
    ...(query !== undefined && query.wallMs.length > 0
      ? [
          {
            target: `client.query of ${rows} rows / queryAll (separate processes)`,
            figure: `${(median(query.wallMs) / median(all.wallMs)).toFixed(2)}x`,
            met: undefined,
          },
        ]
      : []),
  ];
}
