import type { TaskSchedule } from '../ast/task.js';
import { check, checkInteger, isTimeZone, type CallSite } from '../checks.js';

/** SCHEDULE: every n minutes, seconds or milliseconds, or a cron expression (seconds first) in a time zone. */
export type TaskScheduleInput =
  | { readonly minutes: number }
  | { readonly seconds: number }
  | { readonly milliseconds: number }
  | { readonly cron: string; readonly timezone?: string };

const INTERVAL_KEYS = { minutes: 'MINUTE', seconds: 'SECOND', milliseconds: 'MILLISECOND' } as const;

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Names standing for min, min + 1, ... (JAN = 1, SUN = 0). */
  readonly names?: readonly string[];
  /** `?` ("no specific value") is allowed. */
  readonly noSpecificValue?: boolean;
}

/** Six fields, seconds first, and an optional year (Databend's doc asks for 6, its task tests use 7). */
const CRON_FIELDS: readonly CronField[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31, noSpecificValue: true },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 7, names: DAYS, noSpecificValue: true },
  { name: 'year', min: 1970, max: 2100 },
];

function cronValue(text: string, field: CronField): number | undefined {
  const named = field.names?.indexOf(text.toUpperCase()) ?? -1;
  const value = /^\d+$/.test(text) ? Number(text) : named >= 0 ? named + field.min : Number.NaN;
  return value >= field.min && value <= field.max ? value : undefined;
}

/** One list item: `*`, `?`, `v`, `a-b`, each optionally with `/step`. */
function isCronItem(item: string, field: CronField): boolean {
  const [range = '', step, ...extra] = item.split('/');
  if (extra.length > 0 || (step !== undefined && !(/^\d+$/.test(step) && Number(step) > 0))) return false;
  if (range === '*') return true;
  if (range === '?') return field.noSpecificValue === true && step === undefined;
  const [low = '', high, ...more] = range.split('-');
  const from = cronValue(low, field);
  if (more.length > 0 || from === undefined) return false;
  if (high === undefined) return true;
  const to = cronValue(high, field);
  return to !== undefined && from <= to;
}

function checkCron(expression: unknown, call: CallSite): asserts expression is string {
  check(typeof expression === 'string', 'invalid_type', call, 'SCHEDULE cron must be a string such as "0 0 9 * * *"', 'cron');
  const parts = expression.trim().split(/\s+/);
  check(
    parts.length === 6 || parts.length === 7,
    'invalid_format',
    call,
    'SCHEDULE cron must have 6 fields (second minute hour day-of-month month day-of-week), or 7 with a year',
    'cron',
  );
  parts.forEach((part, i) => {
    const field = CRON_FIELDS[i] as CronField;
    check(
      part.split(',').every((item) => isCronItem(item, field)),
      'invalid_format',
      call,
      () =>
        `SCHEDULE cron field ${i + 1} (${field.name}) '${part}' is not valid: use *, ${field.min}-${field.max}` +
        `${field.names === undefined ? '' : ` or ${field.names[0]}-${field.names.at(-1)}`}, a range a-b, a step /n or a list a,b` +
        `${field.noSpecificValue === true ? ', or ?' : ''}`,
      'cron',
    );
  });
}

function checkTimezone(timezone: unknown, call: CallSite): asserts timezone is string {
  check(
    isTimeZone(timezone),
    typeof timezone === 'string' ? 'invalid_format' : 'invalid_type',
    call,
    `SCHEDULE time zone must be an IANA name such as 'UTC' or 'Asia/Shanghai'`,
    'timezone',
  );
}

export function toSchedule(input: TaskScheduleInput, call: CallSite): TaskSchedule {
  check(typeof input === 'object' && input !== null, 'invalid_type', call, 'SCHEDULE must be { minutes }, { seconds }, { milliseconds } or { cron }');
  if (Object.hasOwn(input, 'cron')) {
    const { cron, timezone } = input as { readonly cron: unknown; readonly timezone?: unknown };
    for (const key of Object.keys(input))
      check(key === 'cron' || key === 'timezone', 'unknown_key', call, () => `SCHEDULE { cron } takes only cron and timezone, not '${key}'`, key);
    checkCron(cron, call);
    if (timezone !== undefined) checkTimezone(timezone, call);
    return { kind: 'cron', expression: cron.trim().split(/\s+/).join(' '), timezone: timezone as string | undefined };
  }
  const keys = Object.keys(input);
  const key = keys[0] as keyof typeof INTERVAL_KEYS;
  // Own keys only: `'constructor' in INTERVAL_KEYS` is true, and rendered Object's source into the SQL.
  check(
    keys.length === 1 && Object.hasOwn(INTERVAL_KEYS, key),
    keys.length === 0 ? 'missing' : keys.length > 1 ? 'conflict' : 'unknown_key',
    call,
    'SCHEDULE must be { minutes }, { seconds }, { milliseconds } or { cron }',
  );
  const value = (input as Record<string, unknown>)[key];
  checkInteger(value, 1, Number.MAX_SAFE_INTEGER, call, 'SCHEDULE must be a positive integer', key);
  return { kind: 'interval', value, unit: INTERVAL_KEYS[key] };
}
