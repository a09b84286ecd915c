import { connect } from 'node:net';
import { TransportError } from '../errors.js';

/** Where the driver will send its requests: the DSN's host and port, the port defaulting as the driver does. */
export interface ServerAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * The host and port databend-driver connects to (bendsql core/src/client.rs `from_dsn`): the URL's own port, else 80
 * with `sslmode=disable` and 443 without. Undefined when the DSN is not a URL with a host (the driver says why).
 */
export function serverAddress(dsn: string): ServerAddress | undefined {
  let url: URL;
  try {
    // Parsed as the driver parses it: a scheme WHATWG URL does not know keeps its port as written (`:80` included).
    url = new URL(dsn);
  } catch {
    return undefined;
  }
  if (url.hostname === '') return undefined;
  const plain = url.searchParams.getAll('sslmode').at(-1) === 'disable';
  const port = url.port !== '' ? Number(url.port) : plain ? 80 : 443;
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return { host, port };
}

/** How hard to try before a server counts as not reachable. */
export interface ReachOptions {
  /** Per attempt: how long a TCP connect may take. */
  readonly timeoutMs: number;
  /** Attempts after the first, each after a doubling delay (100 ms, 200 ms, ...). */
  readonly retries: number;
}

/**
 * Opens (and closes) a TCP connection to the server before the driver logs in: the driver retries a refused
 * connection for seconds and logs each retry through Rust's logger, where a closed port is an answer at once.
 * Resolves when a connection was made; otherwise a TransportError naming host:port and the OS's reason.
 */
export async function checkReachable(address: ServerAddress, options: ReachOptions): Promise<void> {
  let reason = '';
  for (let attempt = 0; attempt <= options.retries; attempt++) {
    if (attempt > 0) await new Promise((done) => setTimeout(done, 100 * 2 ** (attempt - 1)));
    const failure = await tryConnect(address, options.timeoutMs);
    if (failure === undefined) return;
    reason = failure;
  }
  const tries = options.retries === 0 ? '' : ` (${options.retries + 1} attempts)`;
  throw new TransportError(`The Databend server is not reachable at ${formatAddress(address)}: ${reason}${tries}`, undefined);
}

function formatAddress({ host, port }: ServerAddress): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is the server running?)',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'the host name could not be resolved now',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network unreachable',
  ECONNRESET: 'connection reset',
};

/** Undefined when connected, else why not. */
function tryConnect(address: ServerAddress, timeoutMs: number): Promise<string | undefined> {
  return new Promise((done) => {
    const socket = connect({ host: address.host, port: address.port });
    const timer = setTimeout(() => {
      socket.destroy();
      done(`no connection within ${timeoutMs} ms`);
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      done(undefined);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      done(REASONS[error.code ?? ''] ?? `${error.code ?? error.message}`);
    });
  });
}
