/**
 * A timestamp as whole microseconds since the Unix epoch, UTC. A `Date` keeps only milliseconds and Databend
 * keeps microseconds, so rows carry this integer (exact in a double until the year 2255) and `formatMicros` gives
 * the text Databend prints for `ts::STRING`; `new Date(micros / 1000)` when milliseconds are enough.
 */
export type Micros = number;

const SECOND = 1_000_000;

/** `1723795200123456` → `'2024-08-16 08:00:00.123456'`, the text Databend prints for a TIMESTAMP. */
export function formatMicros(micros: Micros): string {
  const fraction = ((micros % SECOND) + SECOND) % SECOND;
  const seconds = new Date((micros - fraction) / 1000).toISOString();
  return `${seconds.slice(0, 10)} ${seconds.slice(11, 19)}.${String(fraction).padStart(6, '0')}`;
}
