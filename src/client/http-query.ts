import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpEndpoint } from './dsn.js';
import { pageRow, splitPage } from './page-text.js';

/**
 * Reads a query's result pages over Databend's HTTP query API (POST /v1/query, then each `next_uri`), the protocol
 * databend-driver speaks, for client.stream() and client.query(): the driver's row iterator costs a native thread hop
 * per row (about 50 us), and its queryAll a native object per row before the first is decoded; a page here costs one
 * request. Errors are raised as Errors whose message has the driver's shape
 * (`APIError: QueryFailed: [code]message`, see driver-error.ts), so the client classifies and scrubs them as it does
 * the driver's.
 */

/** One column of a page's `schema`, its type as the server prints it. */
export interface PageColumn {
  readonly name: string;
  readonly type: string;
}

/** A page's rows, each an array of its cells' texts (null for NULL), read one by one. */
export interface PageRows extends Iterable<readonly (string | null)[]> {
  readonly length: number;
}

/** What the client uses of one response of the query API. */
export interface QueryPage {
  readonly id: string;
  readonly schema: readonly PageColumn[];
  readonly data: PageRows;
  /** The result format's timezone (`settings.timezone`), when the page says. */
  readonly timezone: string | undefined;
  /** The path of the next page, or undefined on the last response. */
  readonly nextUri: string | undefined;
  /** The server's session state, which the next query sends back (as the driver does). */
  readonly session: Record<string, unknown> | undefined;
  /** The cluster node running the query, when the server says: its later requests name it (see HttpReader). */
  readonly nodeId: string | undefined;
}

// A node id the reader can send back as X-DATABEND-STICKY-NODE: visible ASCII (a server's node ids are such); any other
// would make every later request of the query fail to be built.
const HEADER_TOKEN = /^[\x21-\x7e]+$/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The error object `{code, message, detail?}` of a body, as the driver formats it. */
function errorText(error: unknown): string | undefined {
  if (!isRecord(error)) return undefined;
  const detail = typeof error.detail === 'string' && error.detail !== '' ? `\n${error.detail}` : '';
  return `[${String(error.code)}]${String(error.message)}${detail}`;
}

/**
 * One response of the query API read as the driver reads it (bendsql core/src/client.rs `handle_page`, error.rs):
 * a 200 with `error` is the statement's failure (`QueryFailed`, a ServerError); 401 an `AuthFailure`; a 404 on a
 * later page `QueryNotFound`; another status with a JSON error `BadRequest`; anything else a `ResponseError`; a body
 * that is not a page a `DecodeError`. The body is never quoted past 200 characters.
 */
export function parsePage(status: number, statusText: string, body: string | PageBody, first: boolean): QueryPage {
  const page = typeof body === 'string' ? { bytes: Buffer.from(body, 'utf8'), generation: () => 0 } : body;
  const bytes = page.bytes;
  // A page of rows is split first (page-text.ts): its rows are decoded one by one as they are read.
  const split = status === 200 ? splitPage(bytes) : undefined;
  let json: unknown;
  let text: string | undefined;
  if (split !== undefined) json = split.head;
  else {
    // As fetch's text(): UTF-8, a byte-order mark dropped.
    text = new TextDecoder().decode(bytes);
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  const shown = quoted(text ?? bytes.toString('utf8', 0, Math.min(bytes.length, 800)));
  if (status !== 200) {
    const error = isRecord(json) ? errorText(json.error) : undefined;
    if (error === undefined) throw new Error(`APIError: ResponseError: (${status})${shown}`);
    if (status === 401) throw new Error(`APIError: AuthFailure: ${error}`);
    if (status === 404 && !first) throw new Error(`APIError: QueryNotFound: ${error.replace(/^\[\d+\]/, '')}`);
    throw new Error(`APIError: BadRequest:(${status} ${statusText})${error}`);
  }
  if (!isRecord(json)) throw new Error(`APIError: DecodeError: fail to decode JSON response, body: ${shown}`);
  const failure = errorText(json.error);
  if (failure !== undefined) throw new Error(`APIError: QueryFailed: ${failure}`);
  const { schema, data } = json;
  const columns =
    Array.isArray(schema) && schema.every((c) => isRecord(c) && typeof c.name === 'string' && typeof c.type === 'string')
      ? (schema as PageColumn[])
      : undefined;
  const rows =
    split !== undefined
      ? lazyRows(page, split.spans, shown)
      : Array.isArray(data) && data.every((row) => Array.isArray(row) && row.every((cell) => cell === null || typeof cell === 'string'))
        ? (data as (string | null)[][])
        : undefined;
  if (columns === undefined || rows === undefined || typeof json.id !== 'string') {
    throw new Error(`APIError: DecodeError: fail to decode JSON response: a page needs id, schema and data, body: ${shown}`);
  }
  const settings = isRecord(json.settings) ? json.settings : undefined;
  return {
    id: json.id,
    schema: columns,
    data: rows,
    timezone: typeof settings?.timezone === 'string' ? settings.timezone : undefined,
    nextUri: typeof json.next_uri === 'string' ? json.next_uri : undefined,
    session: isRecord(json.session) ? json.session : undefined,
    nodeId: typeof json.node_id === 'string' && HEADER_TOKEN.test(json.node_id) ? json.node_id : undefined,
  };
}

/** A body as the driver quotes it in an error: never past 200 characters. */
const quoted = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}...` : text);

/** A response's body: its bytes, in a buffer the reader reuses once the page is read (see `generation`). */
export interface PageBody {
  readonly bytes: Buffer;
  /** How many times the buffer has been handed out: a page's rows are only read while it has not changed. */
  readonly generation: () => number;
}

/**
 * The rows of a split page, each decoded when the iteration reaches it; a row that is not JSON fails there. Reading
 * them after the reader has reused the page's buffer (a consumer that kept the page past the next one) is refused.
 */
function lazyRows(page: PageBody, spans: readonly number[], shown: string): PageRows {
  const length = spans.length / 2;
  const generation = page.generation();
  return {
    length,
    *[Symbol.iterator]() {
      for (let k = 0; k < length; k++) {
        if (page.generation() !== generation) throw new Error('a page was read after the next page replaced it');
        const row = pageRow(page.bytes, spans, k);
        if (row === undefined)
          throw new Error(`APIError: DecodeError: fail to decode JSON response: row ${k} of data is not an array of strings and nulls, body: ${shown}`);
        yield row;
      }
    },
  };
}

/**
 * A growable byte buffer for response bodies. pages() keeps two, one for the page being read and one for the next
 * (the look-ahead): every body is copied into one of them, so no page ever becomes a string or a fresh buffer of its
 * own (see page-text.ts for why that matters to memory).
 */
class BodyBuffer {
  #bytes = Buffer.allocUnsafe(0);
  #length = 0;
  #generation = 0;

  /** Starts a new body, with room for `expected` bytes when the response says its length. */
  reset(expected: number): void {
    this.#generation++;
    this.#length = 0;
    if (this.#bytes.length < expected) this.#bytes = Buffer.allocUnsafe(expected);
  }

  append(chunk: Buffer): void {
    const needed = this.#length + chunk.length;
    if (needed > this.#bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.#bytes.length * 2, 64 * 1024));
      this.#bytes.copy(grown, 0, 0, this.#length);
      this.#bytes = grown;
    }
    chunk.copy(this.#bytes, this.#length);
    this.#length = needed;
  }

  /** The body so far, as a view (valid until the next reset). */
  body(): PageBody {
    return { bytes: this.#bytes.subarray(0, this.#length), generation: () => this.#generation };
  }
}

/** How long an idle keep-alive connection is kept (fetch's pool: 4 s). */
const IDLE_SOCKET_MS = 4_000;
/** The most a body's declared length reserves before its bytes arrive. */
const PREALLOCATE_MAX = 16 * 1024 * 1024;

/** One response: its status, its route hint header, and its body. */
interface RawResponse {
  readonly status: number;
  readonly statusText: string;
  readonly routeHint: string | undefined;
  readonly body: PageBody;
}

/** The headers that keep one query's requests on the node that runs it, in a cluster behind a load balancer. */
interface Routing {
  /** `X-DATABEND-ROUTE-HINT`, on every request of the query: the one the server answers with, else one of ours. */
  hint: string;
  /** `X-DATABEND-STICKY-NODE`, on the requests after the first: the first page's `node_id`, which the server forwards by. */
  node: string | undefined;
}

/**
 * The client's HTTP session for reads: the DSN's endpoint and credentials, the session state the server hands back
 * (kept and sent with the next query, as the driver keeps its own), and the server's session cookie. Requests go
 * through node:http(s) on a keep-alive agent of the reader's own (fetch's bodies arrive as chunks it joins into new
 * buffers and strings; here they are copied into two reused buffers).
 */
export class HttpReader {
  readonly #endpoint: HttpEndpoint;
  #session: Record<string, unknown>;
  readonly #cookies = new Map<string, string>([['cookie_enabled', 'true']]);
  readonly #agent: http.Agent;
  readonly #transport: typeof http | typeof https;
  readonly #origin: string;
  // The first query's request, until it is answered: the server opens a session (its cookie) for a request that
  // carries none, so queries started beside it wait for that cookie rather than each opening a session of their own
  // (close() logs out only the one it knows).
  // Resolves true once a query was answered, false when it failed (the next waiter then opens the session).
  #opening: Promise<boolean> | undefined;
  #routeHints = 0;

  constructor(endpoint: HttpEndpoint) {
    this.#endpoint = endpoint;
    this.#session = { ...endpoint.session };
    const tls = endpoint.origin.startsWith('https:');
    this.#transport = tls ? https : http;
    this.#origin = new URL(endpoint.origin).origin;
    // Idle connections are closed after IDLE_SOCKET_MS, as fetch's pool closes them: a NAT or load balancer drops an
    // idle flow without a word, and a request on such a socket waits out the page timeout (5 minutes by default).
    const options = { keepAlive: true, timeout: IDLE_SOCKET_MS };
    this.#agent = tls ? new https.Agent(options) : new http.Agent(options);
  }

  /**
   * The result pages of one statement. The next page is requested when the consumer takes one (one page ahead, so
   * that the transfer overlaps the consumer's work and at most two pages are held, each in a buffer of its own that
   * the page after next reuses); a consumer that stops before the last page makes the reader kill the query on the
   * server (POST /v1/query/<id>/kill).
   */
  async *pages(sql: string): AsyncGenerator<QueryPage> {
    const queryId = randomUUID().replaceAll('-', '');
    const buffers = [new BodyBuffer(), new BodyBuffer()] as const;
    let turn = 0;
    // As the driver routes: a fresh hint per query (`rh:<uuid>:<counter>`), then the node the first page names.
    const routing: Routing = { hint: `rh:${randomUUID()}:${String(this.#routeHints++).padStart(6, '0')}`, node: undefined };
    // Aborted when the pages end, so that a look-ahead page the consumer no longer waits for is not sent again.
    const over = new AbortController();
    const read = async (method: string, path: string, body: string | undefined, first: boolean) => {
      const raw = await this.#sendRetried(method, path, this.#queryHeaders(queryId, routing), body, first, buffers[turn++ % 2]!, over.signal);
      const page = parsePage(raw.status, raw.statusText, raw.body, first);
      if (first) {
        if (raw.routeHint !== undefined && raw.routeHint !== '') routing.hint = raw.routeHint;
        routing.node = page.nodeId;
      }
      return page;
    };
    let done = false;
    let started = false;
    let pending: Promise<QueryPage> | undefined;
    try {
      let opener = false;
      // A first query that failed leaves no session to share: one of the queries that waited on it opens it instead.
      while (!this.#cookies.has('session_id')) {
        const opening = this.#opening;
        if (opening === undefined) {
          opener = true;
          break;
        }
        if (await opening) break;
        if (this.#opening === opening) this.#opening = undefined;
      }
      const body: Record<string, unknown> = { session: this.#session, sql };
      if (this.#endpoint.pagination !== undefined) body.pagination = this.#endpoint.pagination;
      const first = read('POST', '/v1/query', JSON.stringify(body), true);
      if (opener)
        this.#opening = first.then(
          () => true,
          () => false,
        );
      let page = await first;
      started = true;
      for (;;) {
        if (page.session !== undefined) this.#session = page.session;
        const next = page.nextUri;
        pending = next === undefined ? undefined : read('GET', next, undefined, false);
        // Observed below, or dropped when the consumer stops first.
        pending?.catch(() => {});
        if (pending === undefined) done = true;
        yield page;
        if (pending === undefined) return;
        page = await pending;
        pending = undefined;
      }
    } catch (error) {
      // A failed query is over on the server (its final URI frees it); nothing to kill.
      done = true;
      throw error;
    } finally {
      over.abort();
      if (started && !done) await this.#kill(queryId, routing);
    }
  }

  /** Ends the server session this reader opened (its cookie), if any, and closes the reader's connections. */
  async close(): Promise<void> {
    try {
      if (this.#cookies.has('session_id')) {
        await this.#send('POST', '/v1/session/logout', {}, undefined, false, new BodyBuffer(), 5_000);
        this.#cookies.delete('session_id');
      }
    } catch {
      // The server drops an idle session by itself.
    } finally {
      this.#agent.destroy();
    }
  }

  async #kill(queryId: string, routing: Routing): Promise<void> {
    try {
      await this.#send('POST', `/v1/query/${queryId}/kill`, this.#queryHeaders(queryId, routing), undefined, false, new BodyBuffer());
    } catch {
      // Best effort, as the driver's drop: the server frees an abandoned result after its result timeout.
    }
  }

  /** The headers of one query's requests: its id, and its routing (see {@link Routing}). */
  #queryHeaders(queryId: string, routing: Routing): Record<string, string> {
    const headers: Record<string, string> = { 'X-DATABEND-QUERY-ID': queryId, 'X-DATABEND-ROUTE-HINT': routing.hint };
    if (routing.node !== undefined) headers['X-DATABEND-STICKY-NODE'] = routing.node;
    return headers;
  }

  #headers(extra: Record<string, string>, body: string | undefined): Record<string, string> {
    const headers: Record<string, string> = {
      ...extra,
      ...this.#endpoint.headers,
      Authorization: this.#endpoint.authorization,
      'Content-Type': 'application/json',
      'User-Agent': 'databend-etl',
      Cookie: [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
    return headers;
  }

  /**
   * {@link #send}, sent again after a failure to connect, send or receive, or a 503 (a busy server, a warehouse still
   * resuming), as the driver retries: `retry_count` times, `retry_delay_secs` apart, the same request with the same
   * query id. The server answers a query id it knows from the query it started, never running it twice, and a page
   * asked for again is the last page again.
   */
  async #sendRetried(
    method: string,
    path: string,
    extraHeaders: Record<string, string>,
    body: string | undefined,
    first: boolean,
    into: BodyBuffer,
    over: AbortSignal,
  ): Promise<RawResponse> {
    for (let attempt = 0; ; attempt++) {
      // Not sent again once the query's pages are given up (a look-ahead page the consumer no longer waits for).
      const last = attempt >= this.#endpoint.retries || over.aborted;
      try {
        const raw = await this.#send(method, path, extraHeaders, body, first, into);
        if (raw.status !== 503 || last) return raw;
      } catch (error) {
        if (last || (error instanceof TransportFailure && !error.retryable)) throw error;
      }
      const given = await sleep(this.#endpoint.retryDelayMs, false, { signal: over }).catch(() => true);
      if (given) throw new TransportFailure(`APIError: [request_kind=${first ? 'query' : 'page'}]: the query was given up before its retry`, false);
    }
  }

  /** One request, its body copied into `into`; a failure to connect, send or receive is an Error shaped as the driver's. */
  #send(
    method: string,
    path: string,
    extraHeaders: Record<string, string>,
    body: string | undefined,
    first: boolean,
    into: BodyBuffer,
    timeoutMs = this.#endpoint.pageTimeoutMs,
  ): Promise<RawResponse> {
    const failed = (error: unknown, retryable = true) => {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      const text = `APIError: [request_kind=${first ? 'query' : 'page'}]: ${error instanceof Error ? error.message : String(error)}${cause}`;
      return new TransportFailure(text, retryable);
    };
    return new Promise<RawResponse>((resolve, reject) => {
      let request: http.ClientRequest;
      try {
        const url = new URL(path, this.#endpoint.origin);
        // A next_uri is the server's word: one naming another origin (`//host/...`, `http://...`) would be sent the
        // DSN's credentials and session cookie. The driver joins it to its endpoint; here it must stay on it.
        if (url.origin !== this.#origin) throw new Error(`a next URI outside the server (${url.origin})`);
        request = this.#transport.request(url, {
          method,
          headers: this.#headers(extraHeaders, body),
          agent: this.#agent,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        // A request that cannot be built (a bad URL or header value) would not be built the next time either.
        reject(failed(error, false));
        return;
      }
      request.on('error', (error) => reject(failed(error)));
      request.on('response', (response) => {
        for (const cookie of response.headers['set-cookie'] ?? []) {
          const [pair] = cookie.split(';');
          const eq = pair!.indexOf('=');
          if (eq > 0) this.#cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
        }
        const declared = Number(response.headers['content-length']);
        // Room for the declared length up to a bound: the length is the server's word, the bytes are what arrives.
        // A body past what a buffer holds (Buffer's limit) would be past it again: not retried.
        const fail = (error: unknown) => {
          request.destroy();
          reject(failed(error, false));
        };
        try {
          into.reset(Number.isSafeInteger(declared) && declared > 0 ? Math.min(declared, PREALLOCATE_MAX) : 0);
        } catch (error) {
          fail(error);
          return;
        }
        response.on('data', (chunk: Buffer) => {
          try {
            into.append(chunk);
          } catch (error) {
            fail(error);
          }
        });
        response.on('error', (error) => reject(failed(error)));
        // A connection closed before the body's end: no page (once resolved, a later reject is a no-op).
        response.on('close', () => {
          if (!response.complete) reject(failed(new Error('the connection closed before the response ended')));
        });
        const hint = response.headers['x-databend-route-hint'];
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            routeHint: typeof hint === 'string' ? hint : undefined,
            body: into.body(),
          }),
        );
      });
      request.end(body);
    });
  }
}

/** A request that got no response: the driver's transport error text; `retryable` unless sending it again cannot help. */
class TransportFailure extends Error {
  readonly retryable: boolean;

  constructor(message: string, retryable: boolean) {
    super(message);
    this.retryable = retryable;
  }
}
