// Run-time checks of the local engine's options, for callers without types: each refusal is a ValidationError
// naming the call and the option, before a directory is made or a process started. Node would otherwise throw its
// own TypeError for a NUL in a path or an environment value, and setTimeout turns a delay past 2^31-1 ms into 1 ms.
import { check, checkInteger, checkRecord, describeValue, type CallSite } from '../checks.js';
import type { LocalEngineOptions } from './python-env.js';
import type { StartLocalDatabendOptions } from './start-local-databend.js';

/** Paths and values the OS takes: a string, not empty, no NUL (C strings end there), at most 4,096 characters. */
function checkOsText(value: unknown, call: CallSite, field: string): void {
  check(typeof value === 'string', 'invalid_type', call, () => `${field} must be a string, not ${describeValue(value)}`, field);
  check(value.length > 0 && value.length <= 4096, value.length > 0 ? 'too_big' : 'too_small', call, () => `${field} must be 1 to 4,096 characters`, field);
  check(!value.includes('\0'), 'invalid_format', call, () => `${field} must not contain NUL`, field);
}

function checkOptionalOsText(value: unknown, call: CallSite, field: string): void {
  if (value !== undefined) checkOsText(value, call, field);
}

function checkOnLog(value: unknown, call: CallSite): void {
  check(value === undefined || typeof value === 'function', 'invalid_type', call, () => `onLog must be a function, not ${describeValue(value)}`, 'onLog');
}

/** A number as written (the rule is about its value), anything else by its kind. */
const shown = (value: unknown) => (typeof value === 'number' ? String(value) : describeValue(value));

/** The longest delay setTimeout keeps (a larger one fires at once). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Checks the options and returns them copied: each option is read once, so a getter cannot answer twice. */
export function checkStartOptions(given: unknown): StartLocalDatabendOptions {
  const call = 'startLocalDatabend()';
  checkRecord(given, call, 'options', ['dataDir', 'port', 'password', 'home', 'onLog', 'startTimeoutMs']);
  const options: Record<string, unknown> = { ...given };
  checkOptionalOsText(options.dataDir, call, 'dataDir');
  checkOptionalOsText(options.home, call, 'home');
  const { port, password, startTimeoutMs } = options;
  if (port !== undefined) checkInteger(port, 0, 65535, call, () => `port must be an integer 0..65535 (0: a free port), not ${shown(port)}`, 'port');
  // May be empty (no password), but travels in the environment, where NUL cannot.
  check(
    password === undefined || (typeof password === 'string' && !password.includes('\0') && password.length <= 4096),
    typeof password !== 'string' ? 'invalid_type' : password.length > 4096 ? 'too_big' : 'invalid_format',
    call,
    'password must be a string of at most 4,096 characters without NUL',
    'password',
  );
  if (startTimeoutMs !== undefined) {
    checkInteger(
      startTimeoutMs,
      1,
      MAX_TIMEOUT_MS,
      call,
      () => `startTimeoutMs must be an integer 1..${MAX_TIMEOUT_MS}, not ${shown(startTimeoutMs)}`,
      'startTimeoutMs',
    );
  }
  checkOnLog(options.onLog, call);
  return options as StartLocalDatabendOptions;
}

export function checkEngineOptions(given: unknown, call: CallSite, keys: readonly string[] = ['home', 'projectRoot', 'python', 'onLog']): LocalEngineOptions {
  checkRecord(given, call, 'options', keys);
  const options: Record<string, unknown> = { ...given };
  for (const key of ['home', 'projectRoot', 'python']) if (keys.includes(key)) checkOptionalOsText(options[key], call, key);
  checkOnLog(options.onLog, call);
  return options as LocalEngineOptions;
}
