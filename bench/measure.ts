// The one measurement helper of the benchmarks: warm-up, interleaved repetitions until the medians stop moving, and
// ratios against a baseline measured in the same run (paired round by round). Nothing here asserts a time.

/** One measured figure: the median time of one call, its quartiles, and whether the median settled. */
export interface Measurement {
  readonly name: string;
  readonly medianMs: number;
  readonly q1Ms: number;
  readonly q3Ms: number;
  /** Samples taken; each sample times `calls` calls in a row (cheap functions are batched to beat timer noise). */
  readonly runs: number;
  /** Per-call time of each sample, in the order taken: sample i of every case of one `measure` call is round i. */
  readonly samples: readonly number[];
  /** Which `measure` call took it: figures of the same group were interleaved round by round. */
  readonly group: number;
  readonly calls: number;
  /**
   * True when two checkpoints agreed within `tolerance`; false when `maxRuns` or `maxTimeMs` ran out first;
   * undefined when too few samples were asked for to have two checkpoints (slow cases timed a few times).
   */
  readonly stable: boolean | undefined;
}

export interface Case {
  readonly name: string;
  readonly fn: () => unknown;
  /** Untimed set-up before every timed call, such as emptying the table a load fills. Forces one call a sample. */
  readonly before?: () => unknown;
}

export interface MeasureOptions {
  /** Untimed rounds first (JIT, caches, connections). Default 3. */
  readonly warmup?: number;
  /** Samples per case before the first stability check, and between checks. Default 15. */
  readonly minRuns?: number;
  /** Samples per case at most. Default 1000. */
  readonly maxRuns?: number;
  /** Wall time at most, warm-up excluded. Default 20 s. */
  readonly maxTimeMs?: number;
  /** Keep sampling at least this long (warm-up excluded) even when the medians agree. Default 1 s. */
  readonly minTimeMs?: number;
  /** Stable when every case's median moved less than this fraction between two checkpoints. Default 0.02. */
  readonly tolerance?: number;
  /** Cheap functions are called this long per sample at least. Default 5 ms. */
  readonly sampleMs?: number;
}

const median = (sorted: readonly number[]) => quantile(sorted, 0.5);

function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

/**
 * Measures the cases in alternation (a, b, c, then b, c, a, ...) so that drift on a shared machine (other processes,
 * GC, the engine's caches) falls on all of them alike, and stops when every median has settled.
 */
let groups = 0;

export async function measure(cases: readonly Case[], options: MeasureOptions = {}): Promise<Measurement[]> {
  const group = ++groups;
  const { warmup = 3, minRuns = 15, maxRuns = 1000, maxTimeMs = 20_000, minTimeMs = 1000, tolerance = 0.02, sampleMs = 5 } = options;
  // A synchronous case is not awaited: an await per call would add a microtask turn to a function of microseconds.
  const call = (c: Case): Promise<unknown> | undefined => {
    const result = c.fn();
    return result instanceof Promise ? result : undefined;
  };
  const calls: number[] = cases.map(() => 1);
  const sample = async (i: number): Promise<number> => {
    const c = cases[i]!;
    await c.before?.();
    const n = calls[i]!;
    const t0 = performance.now();
    for (let k = 0; k < n; k++) {
      const pending = call(c);
      if (pending) await pending;
    }
    return (performance.now() - t0) / n;
  };
  for (let w = 0; w < warmup; w++) for (let i = 0; i < cases.length; i++) await sample(i);
  // Calls per sample are counted after the warm-up: counted on the first, cold call (interpreted, caches empty) a
  // function of 50 µs looks like one of milliseconds, and its samples end up too short to rise above timer noise.
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i]!;
    if (c.before) continue;
    let n = 0;
    const t0 = performance.now();
    do {
      const pending = call(c);
      if (pending) await pending;
      n++;
    } while (performance.now() - t0 < sampleMs && n < 100_000);
    calls[i] = n;
  }

  const times = cases.map(() => [] as number[]);
  const started = performance.now();
  let previous: number[] | undefined;
  let stable: boolean | undefined;
  let checkpoints = 0;
  for (let round = 0; round < maxRuns; round++) {
    for (let k = 0; k < cases.length; k++) {
      const i = (round + k) % cases.length;
      times[i]!.push(await sample(i));
    }
    const runs = round + 1;
    if (runs % minRuns !== 0) continue;
    const medians = times.map((t) => median([...t].sort((a, b) => a - b)));
    const elapsed = performance.now() - started;
    checkpoints++;
    if (previous && elapsed >= minTimeMs && medians.every((m, i) => Math.abs(m - previous![i]!) <= tolerance * m)) {
      stable = true;
      break;
    }
    previous = medians;
    if (elapsed > maxTimeMs) break;
  }
  if (stable === undefined && checkpoints >= 2) stable = false;
  return cases.map((c, i) => {
    const sorted = [...times[i]!].sort((a, b) => a - b);
    return {
      name: c.name,
      medianMs: median(sorted),
      q1Ms: quantile(sorted, 0.25),
      q3Ms: quantile(sorted, 0.75),
      runs: sorted.length,
      calls: calls[i]!,
      stable,
      samples: times[i]!,
      group,
    };
  });
}

/**
 * `candidate / baseline`. For two figures of one `measure` call: the median of the per-round ratios, with their
 * quartiles as the range, so that drift between rounds cancels. Otherwise: the ratio of the medians, with a
 * conservative range from the quartiles (q1/q3 .. q3/q1).
 */
export interface Ratio {
  readonly value: number;
  readonly low: number;
  readonly high: number;
  readonly paired: boolean;
}

export function ratio(candidate: Measurement, baseline: Measurement): Ratio {
  if (candidate.group === baseline.group && candidate.samples.length === baseline.samples.length) {
    const r = candidate.samples.map((x, i) => x / baseline.samples[i]!).sort((a, b) => a - b);
    return { value: median(r), low: quantile(r, 0.25), high: quantile(r, 0.75), paired: true };
  }
  return { value: candidate.medianMs / baseline.medianMs, low: candidate.q1Ms / baseline.q3Ms, high: candidate.q3Ms / baseline.q1Ms, paired: false };
}

/** A ratio to two significant digits at least: 17.8x, 1.07x, 0.013x. */
export function times(x: number): string {
  return `${x >= 10 ? x.toFixed(1) : x >= 0.1 ? x.toFixed(2) : x.toPrecision(2)}x`;
}

export function formatRatio(r: Ratio): string {
  return `${times(r.value)} (${times(r.low).slice(0, -1)}-${times(r.high)})`;
}

/** The ratio as an overhead: +3.1 % (-2.0 .. +8.4). */
export function formatOverhead(r: Ratio): string {
  const pct = (x: number) => `${x >= 1 ? '+' : ''}${((x - 1) * 100).toFixed(1)}`;
  return `${pct(r.value)} % (${pct(r.low)} .. ${pct(r.high)})`;
}

export function ms(value: number): string {
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  return value >= 100 ? `${value.toFixed(0)} ms` : value >= 1 ? `${value.toFixed(2)} ms` : `${(value * 1000).toFixed(1)} µs`;
}

/** Spread as half the interquartile range over the median. */
export function spread(m: Measurement): string {
  return `±${(((m.q3Ms - m.q1Ms) / 2 / m.medianMs) * 100).toFixed(1)} %`;
}

export const MEASUREMENT_HEAD = '| what | median | spread (IQR/2) | samples x calls | median settled |\n|---|---|---|---|---|';

export function measurementRow(m: Measurement): string {
  return `| ${m.name} | ${ms(m.medianMs)} | ${spread(m)} | ${m.runs} x ${m.calls} | ${m.stable === undefined ? '-' : m.stable ? 'yes' : 'no'} |`;
}
