const WALL_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?)?(?: ?([+-])(\d{2}):?(\d{2})(?::?(\d{2}))?)?$/;

/** Milliseconds since the epoch of a wall-clock time read as UTC; `Date.UTC` would move years 0-99 to 1900-1999. */
function utcMillis(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in milliseconds. */
function zoneOffset(zone: string, instant: number): number {
  let format = formatters.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
  const local = utcMillis(year, Number(parts.month), Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
  return local - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant of a wall-clock text as Databend prints it (`2024-08-16 09:30:00.123456`, a DATE `2024-08-16`, or a
 * TIMESTAMP_TZ with its offset `... +0800`), read in `zone` when it carries no offset. Sub-millisecond digits are
 * dropped, as the driver drops them from top-level timestamps.
 */
export function wallTimeToDate(text: string, zone: string): Date | string {
  const m = WALL_TIME.exec(text);
  if (m === null) return text;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', sign, oh, om, os] = m;
  const local = utcMillis(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), Number(fraction.padEnd(3, '0').slice(0, 3)));
  if (sign !== undefined) {
    const offset = ((Number(oh) * 60 + Number(om)) * 60 + Number(os ?? 0)) * 1000;
    return new Date(local - (sign === '-' ? -offset : offset));
  }
  if (zone.toUpperCase() === 'UTC') return new Date(local);
  // The offset at the wall time read as UTC, then once more at the instant it gives (right across a DST change).
  const guess = local - zoneOffset(zone, local);
  return new Date(local - zoneOffset(zone, guess));
}
