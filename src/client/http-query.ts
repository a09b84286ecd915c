import { randomUUID } from 'node:crypto';
import type { HttpEndpoint } from './dsn.js';

/**
 * Reads a query's result pages over Databend's HTTP query API (POST /v1/query, then each `next_uri`), the protocol
 * databend-driver speaks, for client.stream(): the driver's row iterator costs a native thread hop per row
 * (about 50 us), a page here costs one request. Errors are raised as Errors whose message has the driver's shape
 * (`APIError: QueryFailed: [code]message`, see driver-error.ts), so the client classifies and scrubs them as it does
 * the driver's.
 */

/** One column of a page's `schema`, its type as the server prints it. */
export interface PageColumn {
  readonly name: string;
  readonly type: string;
}

/** What the client uses of one response of the query API. */
export interface QueryPage {
  readonly id: string;
  readonly schema: readonly PageColumn[];
  readonly data: readonly (readonly (string | null)[])[];
  /** The result format's timezone (`settings.timezone`), when the page says. */
  readonly timezone: string | undefined;
  /** The path of the next page, or undefined on the last response. */
  readonly nextUri: string | undefined;
  /** The server's session state, which the next query sends back (as the driver does). */
  readonly session: Record<string, unknown> | undefined;
}

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
export function parsePage(status: number, statusText: string, body: string, first: boolean): QueryPage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const shown = body.length > 200 ? `${body.slice(0, 200)}...` : body;
  if (status !== 200) {
    const text = isRecord(json) ? errorText(json.error) : undefined;
    if (text === undefined) throw new Error(`APIError: ResponseError: (${status})${shown}`);
    if (status === 401) throw new Error(`APIError: AuthFailure: ${text}`);
    if (status === 404 && !first) throw new Error(`APIError: QueryNotFound: ${text.replace(/^\[\d+\]/, '')}`);
    throw new Error(`APIError: BadRequest:(${status} ${statusText})${text}`);
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
    Array.isArray(data) && data.every((row) => Array.isArray(row) && row.every((cell) => cell === null || typeof cell === 'string'))
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
  };
}

/**
 * The client's HTTP session for reads: the DSN's endpoint and credentials, the session state the server hands back
 * (kept and sent with the next query, as the driver keeps its own), and the server's session cookie.
 */
export class HttpReader {
  readonly #endpoint: HttpEndpoint;
  #session: Record<string, unknown>;
  readonly #cookies = new Map<string, string>([['cookie_enabled', 'true']]);

  constructor(endpoint: HttpEndpoint) {
    this.#endpoint = endpoint;
    this.#session = { ...endpoint.session };
  }

  /**
   * The result pages of one statement. The next page is requested when the consumer takes one (one page ahead, so
   * that the transfer overlaps the consumer's work and at most two pages are held); a consumer that stops before the
   * last page makes the reader kill the query on the server (POST /v1/query/<id>/kill).
   */
  async *pages(sql: string): AsyncGenerator<QueryPage> {
    const queryId = randomUUID().replaceAll('-', '');
    let done = false;
    let started = false;
    let pending: Promise<QueryPage> | undefined;
    try {
      const body: Record<string, unknown> = { session: this.#session, sql };
      if (this.#endpoint.pagination !== undefined) body.pagination = this.#endpoint.pagination;
      let page = await this.#request('POST', '/v1/query', queryId, JSON.stringify(body), true);
      started = true;
      for (;;) {
        if (page.session !== undefined) this.#session = page.session;
        const next = page.nextUri;
        pending = next === undefined ? undefined : this.#request('GET', next, queryId, undefined, false);
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
      if (started && !done) await this.#kill(queryId);
    }
  }

  /** Ends the server session this reader opened (its cookie), if any. */
  async close(): Promise<void> {
    if (!this.#cookies.has('session_id')) return;
    try {
      await fetch(`${this.#endpoint.origin}/v1/session/logout`, {
        method: 'POST',
        headers: this.#headers(undefined),
        signal: AbortSignal.timeout(5_000),
      });
    } catch {
      // The server drops an idle session by itself.
    }
    this.#cookies.delete('session_id');
  }

  async #kill(queryId: string): Promise<void> {
    try {
      const response = await fetch(`${this.#endpoint.origin}/v1/query/${queryId}/kill`, {
        method: 'POST',
        headers: this.#headers(queryId),
        signal: AbortSignal.timeout(this.#endpoint.pageTimeoutMs),
      });
      await response.arrayBuffer();
    } catch {
      // Best effort, as the driver's drop: the server frees an abandoned result after its result timeout.
    }
  }

  #headers(queryId: string | undefined): Record<string, string> {
    const headers: Record<string, string> = {
      ...this.#endpoint.headers,
      Authorization: this.#endpoint.authorization,
      'Content-Type': 'application/json',
      'User-Agent': 'databend-etl',
      Cookie: [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    if (queryId !== undefined) headers['X-DATABEND-QUERY-ID'] = queryId;
    return headers;
  }

  async #request(method: string, path: string, queryId: string, body: string | undefined, first: boolean): Promise<QueryPage> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(new URL(path, this.#endpoint.origin), {
        method,
        headers: this.#headers(queryId),
        body,
        signal: AbortSignal.timeout(this.#endpoint.pageTimeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new Error(`APIError: [request_kind=${first ? 'query' : 'page'}]: ${error instanceof Error ? error.message : String(error)}${cause}`);
    }
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const eq = pair!.indexOf('=');
      if (eq > 0) this.#cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    return parsePage(response.status, response.statusText, text, first);
  }
}
