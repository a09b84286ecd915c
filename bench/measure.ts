/** One measured figure: the median of repeated runs and its spread (interquartile range over the median). */
export interface Measurement {
  readonly name: string;
  readonly medianMs: number;
  readonly spread: number;
  readonly runs: number;
}

/**
 * Runs `fn` after a warm-up until both `minRuns` runs and `minTimeMs` have passed, and reports the median.
 * Ratios between figures of the same run are what the benchmarks report; absolute times depend on the machine.
 */
export async function measure(name: string, fn: () => unknown, options: { minRuns?: number; minTimeMs?: number; warmup?: number } = {}): Promise<Measurement> {
  const { minRuns = 10, minTimeMs = 500, warmup = 3 } = options;
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  const started = performance.now();
  while (times.length < minRuns || performance.now() - started < minTimeMs) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  const medianMs = at(0.5);
  return { name, medianMs, spread: (at(0.75) - at(0.25)) / medianMs, runs: times.length };
}

export function ms(value: number): string {
  return value >= 100 ? `${value.toFixed(0)} ms` : value >= 1 ? `${value.toFixed(2)} ms` : `${(value * 1000).toFixed(1)} µs`;
}

export function row(m: Measurement): string {
  return `| ${m.name} | ${ms(m.medianMs)} | ±${(m.spread * 50).toFixed(1)} % | ${m.runs} |`;
}

export const TABLE_HEAD = '| what | median | spread (IQR/2) | runs |\n|---|---|---|---|';

/**
 * Measures several functions in alternation (a, b, c, a, b, c, ...) so that drift on a shared machine (other
 * processes, the engine's caches, GC) falls on all of them alike; reports each one's median.
 */
export async function measureInterleaved(
  cases: readonly { name: string; fn: () => unknown; before?: () => unknown }[],
  runs: number,
  warmup = 1,
): Promise<Measurement[]> {
  for (let i = 0; i < warmup; i++) for (const c of cases) await c.before?.(), await c.fn();
  const times = cases.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) {
    for (const [i, c] of cases.entries()) {
      await c.before?.(); // untimed set-up, such as emptying the table before a load
      const t0 = performance.now();
      await c.fn();
      times[i]!.push(performance.now() - t0);
    }
  }
  return cases.map((c, i) => {
    const sorted = times[i]!.sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    return { name: c.name, medianMs: at(0.5), spread: (at(0.75) - at(0.25)) / at(0.5), runs };
  });
}
