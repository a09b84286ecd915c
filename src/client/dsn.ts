import { MASK } from '../ast/secret.js';
import { checkString } from '../checks.js';

/** The query-string keys of a DSN that hold credentials (databend-driver's `access_token`). */
const SECRET_PARAMS = ['access_token'];

interface DsnParts {
  /** `databend://user:` */
  readonly head: string;
  /** The password as written, from the first ':' of the user info to the '@' that ends it; undefined without one. */
  readonly password: string | undefined;
  /** The password databend-driver reads, when it ends earlier than `password` (see splitDsn). */
  readonly driverPassword: string | undefined;
  /** `@host:port/db?query` */
  readonly tail: string;
}

// What follows the '@' that ends the user info: a host, an optional port, then the path, query or fragment.
const HOST_AFTER_AT = /^[A-Za-z0-9._~\-[\]:]+(?:[/?#]|$)/;

/**
 * Finds the password of a DSN twice. databend-driver parses the DSN with Rust's url crate (WHATWG URL rules for a
 * scheme that is not special): the authority ends at the first '/', '?' or '#', the user info at the last '@' inside
 * it, and the password starts after the user info's first ':'; the driver then percent-decodes it. A password
 * holding an unencoded '/', '?' or '#' therefore ends the authority early: the driver fails ("invalid port number")
 * or, when an '@' precedes the '/' (`root:p@ss/w@host`), reads a shorter password and another host. The password
 * the caller meant runs to the last '@' that a host follows, which is what is masked, so that no part of it shows,
 * even where that also hides a query value holding an '@'.
 */
function splitDsn(dsn: string): DsnParts {
  const none = { head: dsn, password: undefined, driverPassword: undefined, tail: '' };
  const start = dsn.indexOf('://');
  if (start < 0) return none;
  const rest = dsn.slice(start + 3);
  const authorityEnd = rest.search(/[/?#]|$/);
  const driverAt = rest.lastIndexOf('@', authorityEnd - 1);
  let at = driverAt;
  for (let i = rest.lastIndexOf('@'); i > driverAt; i = rest.lastIndexOf('@', i - 1)) {
    if (HOST_AFTER_AT.test(rest.slice(i + 1))) {
      at = i;
      break;
    }
  }
  const colon = rest.indexOf(':');
  if (at < 0 || colon < 0 || colon > at) return none;
  const driverPassword = driverAt > colon && driverAt < at ? rest.slice(colon + 1, driverAt) : undefined;
  return {
    head: dsn.slice(0, start + 3 + colon + 1),
    password: rest.slice(colon + 1, at),
    driverPassword,
    tail: dsn.slice(start + 3 + at),
  };
}

/**
 * The DSN with its password and access token replaced by '***', for messages and logs.
 *
 * @example
 * maskDsn('databend://root:pw@localhost:8000/db?sslmode=disable') // 'databend://root:***@localhost:8000/db?sslmode=disable'
 */
export function maskDsn(dsn: string): string {
  checkString(dsn, 'maskDsn()', 'dsn');
  const { head, password, tail } = splitDsn(dsn);
  const masked = password === undefined || password === '' ? dsn : `${head}${MASK}${tail}`;
  return masked.replace(new RegExp(`([?&](?:${SECRET_PARAMS.join('|')})=)[^&#]*`, 'gi'), `$1${MASK}`);
}

/**
 * The DSN's credentials in every spelling a message could carry them: as written, percent-decoded as the driver
 * decodes them (a '%' not followed by two hex digits stays, so `p%zz` is sent as written) and strictly, and
 * percent-encoded again; for the password the caller meant and for the shorter one the driver reads.
 */
export function dsnSecrets(dsn: string): string[] {
  const { password, driverPassword } = splitDsn(dsn);
  const query = dsn.includes('?') ? new URLSearchParams(dsn.slice(dsn.indexOf('?') + 1)) : new URLSearchParams();
  const values = [password, driverPassword, ...SECRET_PARAMS.map((key) => query.get(key) ?? undefined)];
  const found = new Set<string>();
  for (const value of values) {
    if (value === undefined || value === '') continue;
    const decoded = percentDecode(value);
    for (const spelling of [value, decoded, safeDecode(value), safeEncode(decoded)]) if (spelling !== '') found.add(spelling);
  }
  return [...found];
}

/** Percent-decoding as Rust's percent_decode_str does it: each valid %XX becomes its byte, anything else stays. */
function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < text.length; ) {
    if (text[i] === '%' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 3;
    } else {
      const codePoint = text.codePointAt(i)!;
      const char = String.fromCodePoint(codePoint);
      bytes.push(...encoder.encode(char));
      i += char.length;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function safeEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Adds `timezone=<zone>` to the DSN's query unless it sets one. databend-driver passes unknown DSN keys to the
 * server as session settings, so this pins the zone TIMESTAMP values are read and written in.
 */
export function withSessionTimezone(dsn: string, timezone: string): string {
  const queryStart = dsn.indexOf('?');
  const query = new URLSearchParams(queryStart < 0 ? '' : dsn.slice(queryStart + 1));
  if ([...query.keys()].some((key) => key.toLowerCase() === 'timezone')) return dsn;
  const separator = queryStart < 0 ? '?' : dsn.endsWith('?') || dsn.endsWith('&') ? '' : '&';
  return `${dsn}${separator}timezone=${encodeURIComponent(timezone)}`;
}

/** The session time zone a DSN sets (its `timezone` key), or undefined. */
export function dsnTimezone(dsn: string): string | undefined {
  const queryStart = dsn.indexOf('?');
  if (queryStart < 0) return undefined;
  for (const [key, value] of new URLSearchParams(dsn.slice(queryStart + 1))) if (key.toLowerCase() === 'timezone') return value;
  return undefined;
}

/** What the client's own HTTP reads (http-query.ts) take from a DSN: the driver's reading of the same keys. */
export interface HttpEndpoint {
  /** `http://host:port` or `https://host:port`. */
  readonly origin: string;
  /** The Authorization header: Basic user:password, or Bearer for `access_token`. */
  readonly authorization: string;
  /** The session of the first query: the DSN's database, role and settings (the driver's `session`). */
  readonly session: { database?: string; role?: string; settings?: Record<string, string> };
  /** `wait_time_secs`, `max_rows_in_buffer`, `max_rows_per_page`, when set. */
  readonly pagination: Record<string, number> | undefined;
  /** `tenant` and `warehouse` headers. */
  readonly headers: Record<string, string>;
  /** `page_request_timeout_secs` (default 300), in milliseconds. */
  readonly pageTimeoutMs: number;
  /** `retry_count` (default 3): how many times a query start or page request is sent again after a failure. */
  readonly retries: number;
  /** `retry_delay_secs` (default 10), in milliseconds: the wait before each retry. */
  readonly retryDelayMs: number;
}

/** DSN keys the driver reads itself (bendsql core/src/client.rs `from_dsn`); every other key is a session setting. */
const DRIVER_KEYS = new Set([
  'sslmode',
  'wait_time_secs',
  'max_rows_in_buffer',
  'max_rows_per_page',
  'connect_timeout',
  'page_request_timeout_secs',
  'retry_count',
  'retry_delay_secs',
  'presign',
  'tenant',
  'warehouse',
  'role',
  'login',
  'session_token',
  'query_result_format',
  'body_format',
  'access_token',
  'access_token_file',
]);
const PAGINATION_KEYS = ['wait_time_secs', 'max_rows_in_buffer', 'max_rows_per_page'];

/**
 * The DSN read as databend-driver 0.33.7 reads it (WHATWG URL rules, as Rust's url crate; credentials
 * percent-decoded; plain HTTP only with `sslmode=disable`, else HTTPS; ports 80/443 by default), or undefined when it
 * asks for what the client's HTTP reads do not do: `access_token_file`, Arrow results. Secrets never appear in what
 * is thrown: an unparsable DSN gives undefined, and the driver then reports it as it always did.
 */
export function httpEndpoint(dsn: string): HttpEndpoint | undefined {
  let url: URL;
  try {
    url = new URL(dsn);
  } catch {
    return undefined;
  }
  const params = new Map<string, string>();
  for (const [key, value] of url.searchParams) params.set(key, value);
  if (params.has('access_token_file') || params.has('query_result_format') || params.has('body_format')) return undefined;
  const tls = params.get('sslmode') !== 'disable';
  const port = url.port === '' ? (tls ? '443' : '80') : url.port;
  const host = url.hostname;
  if (host === '') return undefined;
  const token = params.get('access_token');
  const user = percentDecode(url.username) || 'root';
  const authorization = token !== undefined ? `Bearer ${token}` : `Basic ${Buffer.from(`${user}:${percentDecode(url.password)}`, 'utf8').toString('base64')}`;
  const database = percentDecode(url.pathname.replace(/^\//, ''));
  const settings: Record<string, string> = {};
  for (const [key, value] of params) if (!DRIVER_KEYS.has(key)) settings[key] = value;
  const session: HttpEndpoint['session'] = {
    ...(database !== '' ? { database } : {}),
    ...(params.has('role') ? { role: params.get('role')! } : {}),
    ...(Object.keys(settings).length > 0 ? { settings } : {}),
  };
  const pagination: Record<string, number> = {};
  for (const key of PAGINATION_KEYS) {
    const value = params.get(key);
    if (value !== undefined && /^\d+$/.test(value)) pagination[key] = Number(value);
  }
  const headers: Record<string, string> = {};
  if (params.has('tenant')) headers['X-DATABEND-TENANT'] = params.get('tenant')!;
  if (params.has('warehouse')) headers['X-DATABEND-WAREHOUSE'] = params.get('warehouse')!;
  const whole = (key: string, fallback: number) => {
    const value = params.get(key);
    return value !== undefined && /^\d+$/.test(value) ? Number(value) : fallback;
  };
  return {
    origin: `${tls ? 'https' : 'http'}://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`,
    authorization,
    session,
    pagination: Object.keys(pagination).length > 0 ? pagination : undefined,
    headers,
    pageTimeoutMs: whole('page_request_timeout_secs', 300) * 1000,
    retries: whole('retry_count', 3),
    retryDelayMs: whole('retry_delay_secs', 10) * 1000,
  };
}
