import { MASK } from '../ast/secret.js';

/** The query-string keys of a DSN that hold credentials (databend-driver's `access_token`). */
const SECRET_PARAMS = ['access_token'];

interface DsnParts {
  /** `databend://user:` */
  readonly head: string;
  /** The password as written (percent-encoded), or undefined when the DSN has none. */
  readonly password: string | undefined;
  /** `@host:port/db?query` */
  readonly tail: string;
}

// What follows the '@' that ends the user info: a host, an optional port, then the path, query or fragment.
const HOST_AFTER_AT = /^[A-Za-z0-9._~\-[\]:]*(?:[/?#]|$)/;

function splitDsn(dsn: string): DsnParts {
  const start = dsn.indexOf('://');
  if (start < 0) return { head: dsn, password: undefined, tail: '' };
  const rest = dsn.slice(start + 3);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  // The last '@' ends the user info, so an unencoded '@' inside a password stays part of it. A password holding an
  // unencoded '/', '?' or '#' ends the authority early (the driver's URL parser then fails on it): then the user info
  // runs to the last '@' that a host follows, so that the whole password is masked, even if a '@' later in the
  // query makes that mask cover more than the password.
  let at = authority.lastIndexOf('@');
  if (at < 0) {
    for (let i = rest.lastIndexOf('@'); i >= 0; i = rest.lastIndexOf('@', i - 1)) {
      if (HOST_AFTER_AT.test(rest.slice(i + 1))) {
        at = i;
        break;
      }
      if (i === 0) break;
    }
  }
  const colon = rest.indexOf(':');
  if (at < 0 || colon < 0 || colon > at) return { head: dsn, password: undefined, tail: '' };
  return {
    head: dsn.slice(0, start + 3 + colon + 1),
    password: rest.slice(colon + 1, at),
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
  const { head, password, tail } = splitDsn(dsn);
  const masked = password === undefined || password === '' ? dsn : `${head}${MASK}${tail}`;
  return masked.replace(new RegExp(`([?&](?:${SECRET_PARAMS.join('|')})=)[^&#]*`, 'gi'), `$1${MASK}`);
}

/** The DSN's credentials in every spelling a message could carry them: as written and percent-decoded. */
export function dsnSecrets(dsn: string): string[] {
  const { password } = splitDsn(dsn);
  const query = dsn.includes('?') ? new URLSearchParams(dsn.slice(dsn.indexOf('?') + 1)) : new URLSearchParams();
  const values = [password, ...SECRET_PARAMS.map((key) => query.get(key) ?? undefined)];
  return values.flatMap((v) => (v === undefined || v === '' ? [] : [v, safeDecode(v)]));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
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
