// The local server's row encoding: how long the gateway takes to turn a result into its pages' JSON against the
// engine's own SELECT (both in the gateway's Python, bench/gateway_encoding.py), and how much memory the gateway
// process gains while it serves a large result over HTTP page by page (its peak RSS, read from /proc on Linux).
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateBatch, writeBatch } from '../examples/everdrive/batch.js';
import { frameEvents } from '../examples/everdrive/tables.js';
import { copyInto, createClient, createStage, createTable, render } from '../src/index.js';
import { ensureLocalEngine, type LocalDatabend, startLocalDatabend } from '../src/local/index.js';
import { pythonAssetsDir } from '../src/local/python-env.js';
import { ROWS_PER_FILE, stageFrameEvents } from './fixture.js';

const run = promisify(execFile);
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'gateway_encoding.py');
const MB = 1024 * 1024;

/** Median and quartiles of a few timed rounds, in milliseconds. */
export interface Spread {
  readonly medianMs: number;
  readonly q1Ms: number;
  readonly q3Ms: number;
  readonly runs: number;
}

export interface GatewayEncodingFigures {
  readonly rows: number;
  readonly pages: number;
  /** The result as the engine hands it over (Arrow) and as the gateway sends it (every page's answer, JSON). */
  readonly arrowMb: number;
  readonly textMb: number;
  /**
   * The peak of pyarrow's memory pool in that process: the gateway's own Arrow work (a page's texts, its JSON and what
   * it is made from); the engine's result is allocated by the engine, outside it. Page-bounded if it does not grow
   * with `rows`.
   */
  readonly poolPeakMb: number;
  /** `ctx.sql(sql).to_arrow_table()`: the engine's SELECT as the gateway runs it. */
  readonly engine: Spread;
  /** Every page of that result served by a finished query: its text and the answer's JSON bytes (no socket). */
  readonly serve: Spread;
  /** serve / engine, medians of the same interleaved rounds. */
  readonly ratio: number;
}

export interface GatewayMemoryFigures {
  readonly rows: number;
  readonly pages: number;
  /** The gateway's resident memory after the load, before the read, and its peak during the read. */
  readonly beforeMb: number;
  readonly peakMb: number;
  /** peak - before: what reading the whole result page by page took. */
  readonly addedMb: number;
  /** The read over HTTP: the statement, then every page (the driver's requests, without the driver). */
  readonly wallMs: number;
}

export interface GatewayEncodingOptions {
  /** Rows of frame_events for the timing. Default 100,000. */
  readonly rows?: number;
  /** Rows for the memory figure, 0 to skip it. Default 1,000,000. */
  readonly memoryRows?: number;
  /** Timed rounds of each of the two. Default 7. */
  readonly rounds?: number;
  /** The gateway's Python to measure. Default: this checkout's (src/local/python). */
  readonly gatewaySource?: string;
  readonly progress?: (line: string) => void;
}

function spread(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => {
    const i = (sorted.length - 1) * q;
    const low = Math.floor(i);
    return sorted[low]! + (sorted[Math.ceil(i)]! - sorted[low]!) * (i - low);
  };
  return { medianMs: at(0.5), q1Ms: at(0.25), q3Ms: at(0.75), runs: sorted.length };
}

/** Starts an engine with frame_events of `rows` rows loaded, and returns it running. */
async function loadedEngine(rows: number): Promise<LocalDatabend> {
  const engine = await startLocalDatabend();
  try {
    const client = createClient({ dsn: engine.dsn });
    const staged = await stageFrameEvents(client, rows);
    await client.copy(staged.load);
    await staged.remove();
    return engine;
  } catch (error) {
    await engine.stop();
    throw error;
  }
}

/** frame_events of `rows` rows as Parquet in a new folder, and the statements that load them, as fixture.ts loads them. */
async function parquetFrameEvents(rows: number): Promise<{ dir: string; statements: string[] }> {
  const framesPerSession = Math.min(rows, 1000);
  const batch = generateBatch({ seed: 11, sessions: Math.ceil(rows / framesPerSession), framesPerSession });
  const dir = await mkdtemp(join(tmpdir(), 'databend-etl-gateway-bench-'));
  await writeBatch(
    { ...batch, sessions: batch.sessions.slice(0, 1), framePayloads: batch.framePayloads.slice(0, 1), frameEmbeddings: batch.frameEmbeddings.slice(0, 1) },
    join(dir, 'files'),
    { format: 'parquet', filesPerFolder: Math.ceil(rows / ROWS_PER_FILE) },
  );
  const statements = [
    createStage('gateway_bench').orReplace().url(`fs://${dir}/files/`).fileFormat({ type: 'PARQUET' }),
    createTable(frameEvents).orReplace(),
    copyInto(frameEvents).fromStage('gateway_bench', 'frame-events/').force(),
  ].map((b) => render(b.toNode()));
  return { dir, statements };
}

/** The engine's SELECT against the gateway's serving of its pages, in a Python process of the gateway's own. */
async function encodingFigures(rows: number, rounds: number, source: string): Promise<GatewayEncodingFigures> {
  const { dir, statements } = await parquetFrameEvents(rows);
  try {
    const { python } = await ensureLocalEngine();
    const sql = `SELECT * FROM frame_events LIMIT ${rows}`;
    const args = [SCRIPT, source, join(dir, 'engine'), sql, String(rounds), JSON.stringify(statements)];
    const { stdout } = await run(python, args, { maxBuffer: 16 * MB });
    const out = JSON.parse(stdout.trim().split('\n').pop()!) as {
      rows: number;
      pages: number;
      arrowBytes: number;
      textBytes: number;
      poolPeakBytes: number;
      engineMs: number[];
      serveMs: number[];
    };
    if (out.rows !== rows) throw new Error(`the engine returned ${out.rows} rows, expected ${rows}`);
    const engine = spread(out.engineMs);
    const serve = spread(out.serveMs);
    return {
      rows,
      pages: out.pages,
      arrowMb: out.arrowBytes / MB,
      textMb: out.textBytes / MB,
      poolPeakMb: out.poolPeakBytes / MB,
      engine,
      serve,
      ratio: serve.medianMs / engine.medianMs,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The gateway: the engine's Python child of this process. */
function gatewayPid(): number {
  for (const task of readdirSync(`/proc/${process.pid}/task`)) {
    for (const pid of readFileSync(`/proc/${process.pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('gateway.py')) return Number(pid);
    }
  }
  throw new Error('no gateway process among this process’s children');
}

function statusMb(pid: number, key: 'VmRSS' | 'VmHWM'): number {
  const found = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!found) throw new Error(`no ${key} in /proc/${pid}/status`);
  return Number(found[1]) / 1024;
}

/** Reads every page of `sql` over the HTTP query API, keeping none: returns the row and page counts. */
async function readAllPages(engine: LocalDatabend, sql: string): Promise<{ rows: number; pages: number }> {
  const password = decodeURIComponent(new URL(engine.dsn.replace(/^databend:/, 'http:')).password);
  const base = `http://${engine.host}:${engine.port}`;
  const headers = { Authorization: `Basic ${Buffer.from(`root:${password}`).toString('base64')}`, 'Content-Type': 'application/json' };
  type Page = { data: unknown[][]; next_uri: string | null; error: { message: string } | null };
  let page = (await (await fetch(`${base}/v1/query`, { method: 'POST', headers, body: JSON.stringify({ sql }) })).json()) as Page;
  let rows = 0;
  let pages = 0;
  for (;;) {
    if (page.error) throw new Error(page.error.message);
    rows += page.data.length;
    pages += 1;
    const next = page.next_uri;
    if (!next) break;
    const response = await fetch(`${base}${next}`, { headers });
    if (next.endsWith('/final')) {
      await response.arrayBuffer();
      break;
    }
    page = (await response.json()) as Page;
  }
  return { rows, pages };
}

async function memoryFigures(rows: number): Promise<GatewayMemoryFigures | undefined> {
  if (process.platform !== 'linux') return undefined;
  const engine = await loadedEngine(rows);
  try {
    const pid = gatewayPid();
    writeFileSync(`/proc/${pid}/clear_refs`, '5'); // resets the peak (VmHWM) to the current RSS: the load's is gone
    const beforeMb = statusMb(pid, 'VmRSS');
    const started = performance.now();
    const read = await readAllPages(engine, `SELECT * FROM frame_events LIMIT ${rows}`);
    const wallMs = performance.now() - started;
    if (read.rows !== rows) throw new Error(`read ${read.rows} rows, expected ${rows}`);
    const peakMb = statusMb(pid, 'VmHWM');
    return { rows, pages: read.pages, beforeMb, peakMb, addedMb: peakMb - beforeMb, wallMs };
  } finally {
    await engine.stop();
  }
}

/**
 * The gateway's encoding figures: `encoding` for `rows` frame events (engine SELECT vs serving every page, one Python
 * process, interleaved rounds), `memory` for `memoryRows` over HTTP (undefined off Linux or when 0). Starts and stops
 * engines of its own.
 */
export async function gatewayEncodingFigures(
  options: GatewayEncodingOptions = {},
): Promise<{ encoding: GatewayEncodingFigures; memory: GatewayMemoryFigures | undefined }> {
  const { rows = 100_000, memoryRows = 1_000_000, rounds = 7, gatewaySource = pythonAssetsDir(), progress = () => {} } = options;
  progress(`gateway encoding: ${rows} rows, engine SELECT vs serving every page (${rounds} rounds)`);
  const encoding = await encodingFigures(rows, rounds, gatewaySource);
  progress(memoryRows > 0 ? `gateway encoding: peak memory serving ${memoryRows} rows` : 'gateway encoding: memory skipped');
  const memory = memoryRows > 0 ? await memoryFigures(memoryRows) : undefined;
  return { encoding, memory };
}

/** The figures as report lines (bench/run.ts may print them as they are). */
export function gatewayEncodingLines(figures: { encoding: GatewayEncodingFigures; memory: GatewayMemoryFigures | undefined }): string[] {
  const { encoding: e, memory: m } = figures;
  const ms = (s: Spread) => `${s.medianMs.toFixed(1)} ms (q1 ${s.q1Ms.toFixed(1)}, q3 ${s.q3Ms.toFixed(1)}, ${s.runs} runs)`;
  const lines = [
    `gateway encoding, ${e.rows} frame_events rows (${e.pages} pages; Arrow ${e.arrowMb.toFixed(1)} MB, answers ${e.textMb.toFixed(1)} MB; pyarrow pool peak ${e.poolPeakMb.toFixed(1)} MB):`,
    `  engine SELECT (to_arrow_table): ${ms(e.engine)}`,
    `  gateway serving every page:     ${ms(e.serve)}  = ${e.ratio.toFixed(1)}x the engine`,
  ];
  if (m) {
    lines.push(
      `gateway memory, ${m.rows} rows over HTTP (${m.pages} answers, ${(m.wallMs / 1000).toFixed(1)} s): RSS ${m.beforeMb.toFixed(0)} MB before the read, peak ${m.peakMb.toFixed(0)} MB (+${m.addedMb.toFixed(0)} MB)`,
    );
  }
  return lines;
}

// `tsx bench/gateway-encoding.ts [rows] [memoryRows] [gateway source dir]`: these figures alone.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [rows, memoryRows, source] = process.argv.slice(2);
  const figures = await gatewayEncodingFigures({
    rows: rows ? Number(rows) : undefined,
    memoryRows: memoryRows ? Number(memoryRows) : undefined,
    gatewaySource: source,
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  console.log(gatewayEncodingLines(figures).join('\n'));
}
