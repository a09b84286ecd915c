// The page reader's transport (node:http, reused body buffers) against a small HTTP server that answers the query
// API's shape in the ways a network can: chunked bodies, bodies larger than a buffer, a connection cut mid-body; and
// in the ways a server can: sessions, routing headers, 503s, a next URI naming another host, a node id that cannot be
// a header. The protocol against the real engine is covered by test/engine/stream.test.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpEndpoint } from '../../src/client/dsn.js';
import { HttpReader } from '../../src/client/http-query.js';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

let server: Server | undefined;
const seen: { at: number; method: string; url: string; cookie: string | undefined; hint: string | undefined; sticky: string | undefined }[] = [];

async function serve(handler: Handler, dsnTail = ''): Promise<HttpReader> {
  seen.length = 0;
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      const header = (name: string) => request.headers[name] as string | undefined;
      seen.push({
        at: performance.now(),
        method: request.method!,
        url: request.url!,
        cookie: request.headers.cookie,
        hint: header('x-databend-route-hint'),
        sticky: header('x-databend-sticky-node'),
      });
      handler(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new HttpReader(httpEndpoint(`databend://root:pw@127.0.0.1:${port}/default?sslmode=disable${dsnTail}`)!);
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A page of `rows` rows of one string column, page `n` of `last`; `extra` adds or replaces fields of the page. */
function page(n: number, last: number, rows: number, width = 8, extra: Record<string, unknown> = {}): string {
  const data = Array.from({ length: rows }, (_, i) => [`${n}:${i}:${'x'.repeat(width)}"]`]);
  return JSON.stringify({
    id: 'q',
    schema: [{ name: 's', type: 'String' }],
    data,
    state: n === last ? 'Succeeded' : 'Running',
    error: null,
    next_uri: n === last ? null : `/v1/query/q/page/${n + 1}`,
    session: { database: 'default' },
    ...extra,
  });
}

/** Answers 500 after 50 ms: a first query that fails while others wait on its session. */
function failLater(response: ServerResponse): void {
  setTimeout(() => {
    response.writeHead(500, { 'Content-Type': 'text/plain' });
    response.end('down');
  }, 50);
}

const pageNumber = (url: string) => (url === '/v1/query' ? 0 : Number(url.split('/').pop()));

async function readAll(reader: HttpReader): Promise<string[]> {
  const out: string[] = [];
  for await (const p of reader.pages('SELECT s')) for (const row of p.data) out.push(row[0]!);
  return out;
}

describe('HttpReader over node:http', () => {
  it('reads chunked bodies and bodies larger than its buffers, each page in turn, rows in order', async () => {
    const reader = await serve((request, _body, response) => {
      const n = pageNumber(request.url!);
      // Page 1 is large (about 3 MB), the others small; every body is sent in 1000-byte chunks without a length.
      const text = page(n, 3, n === 1 ? 20_000 : 3, n === 1 ? 150 : 8);
      response.writeHead(200, { 'Content-Type': 'application/json', 'Set-Cookie': 'session_id=abc; Path=/' });
      for (let i = 0; i < text.length; i += 1000) response.write(text.slice(i, i + 1000));
      response.end();
    });
    const rows = await readAll(reader);
    expect(rows.length).toBe(3 + 20_000 + 3 + 3);
    expect(rows[0]).toBe('0:0:xxxxxxxx"]');
    expect(rows[3]).toBe(`1:0:${'x'.repeat(150)}"]`);
    expect(rows[3 + 19_999]).toBe(`1:19999:${'x'.repeat(150)}"]`);
    expect(rows.at(-1)).toBe('3:2:xxxxxxxx"]');
    expect(seen.map((s) => s.url)).toEqual(['/v1/query', '/v1/query/q/page/1', '/v1/query/q/page/2', '/v1/query/q/page/3']);
    // The session cookie the server set comes back with the next requests.
    expect(seen[1]!.cookie).toContain('session_id=abc');
    await reader.close();
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/v1/session/logout' });
  });

  it('fails a page whose connection is cut before its body ends, as a transport failure', async () => {
    const reader = await serve((request, _body, response) => {
      const n = pageNumber(request.url!);
      const text = page(n, 2, 50);
      if (n === 1) {
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(text.length) });
        response.write(text.slice(0, 100));
        setTimeout(() => response.socket?.destroy(), 20);
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(text);
    }, '&retry_count=0');
    await expect(readAll(reader)).rejects.toThrow(/^APIError: \[request_kind=page\]: /);
    await reader.close();
  });

  it('fails a response that stalls past page_request_timeout_secs, headers sent or not', async () => {
    const reader = await serve((request, _body, response) => {
      if (pageNumber(request.url!) === 0) {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(page(0, 1, 1));
      } else {
        // Headers and a few bytes, then nothing.
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.write('{"id":');
      }
    }, '&page_request_timeout_secs=1&retry_count=0');
    const started = performance.now();
    await expect(readAll(reader)).rejects.toThrow(/^APIError: \[request_kind=page\]: .*timeout/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    server!.closeAllConnections();
    await reader.close();
  });

  it('refuses a declared length past what a buffer holds without crashing, and reserves a bounded buffer for it', async () => {
    const reader = await serve((_request, _body, response) => {
      // A length no buffer can hold, then a few bytes and the end of the connection.
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '9999999999999' });
      response.write('{"id":');
      setTimeout(() => response.socket?.destroy(), 20);
    }, '&retry_count=0');
    await expect(readAll(reader)).rejects.toThrow(/^APIError: \[request_kind=query\]: /);
    await reader.close();
  });

  it('sends a query start or a page again after a 503 or a cut connection, as the driver retries, with the same query id', async () => {
    const answers = new Map<string, number>();
    const ids: string[] = [];
    const reader = await serve((request, _body, response) => {
      const times = (answers.get(request.url!) ?? 0) + 1;
      answers.set(request.url!, times);
      ids.push(String(request.headers['x-databend-query-id']));
      if (request.url === '/v1/query' && times <= 2) {
        response.writeHead(503, { 'Content-Type': 'text/plain' });
        response.end('warehouse resuming');
        return;
      }
      const text = page(pageNumber(request.url!), 2, 3);
      if (request.url!.endsWith('/page/1') && times === 1) {
        response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(text.length) });
        response.write(text.slice(0, 40));
        setTimeout(() => response.socket?.destroy(), 20);
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(text);
    }, '&retry_delay_secs=0');
    expect(await readAll(reader)).toHaveLength(9);
    expect(seen.map((s) => s.url)).toEqual(['/v1/query', '/v1/query', '/v1/query', '/v1/query/q/page/1', '/v1/query/q/page/1', '/v1/query/q/page/2']);
    expect(new Set(ids).size).toBe(1);
    await reader.close();
  });

  it('gives up after retry_count retries with the last answer: a 503 as the server sent it, a transport failure as the driver words it', async () => {
    const unavailable = await serve((_request, _body, response) => {
      response.writeHead(503, { 'Content-Type': 'text/plain' });
      response.end('busy');
    }, '&retry_count=2&retry_delay_secs=0');
    await expect(readAll(unavailable)).rejects.toThrow('APIError: ResponseError: (503)busy');
    expect(seen).toHaveLength(3);
    await unavailable.close();
    await new Promise((resolve) => server?.close(resolve));
    const cut = await serve((_request, _body, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
      response.write('{"id":');
      setTimeout(() => response.socket?.destroy(), 5);
    }, '&retry_count=1&retry_delay_secs=0');
    await expect(readAll(cut)).rejects.toThrow(/^APIError: \[request_kind=query\]: /);
    expect(seen).toHaveLength(2);
    await cut.close();
  });

  it('closes a keep-alive connection left idle for 4 seconds, so that no later request waits on a dropped one', { timeout: 15_000 }, async () => {
    const reader = await serve((request, _body, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(page(pageNumber(request.url!), 0, 1));
    });
    let closed = 0;
    server!.on('connection', (socket) => socket.on('close', () => closed++));
    expect(await readAll(reader)).toHaveLength(1);
    expect(closed).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(closed).toBe(1);
    // The next read opens a connection of its own.
    expect(await readAll(reader)).toHaveLength(1);
    await reader.close();
  });

  it('kills the query on the server when the consumer stops before the last page', async () => {
    const reader = await serve((request, _body, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(request.url!.endsWith('/kill') ? '' : page(pageNumber(request.url!), 5, 2));
    });
    for await (const p of reader.pages('SELECT s')) {
      expect(p.data.length).toBe(2);
      break;
    }
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: expect.stringMatching(/^\/v1\/query\/[0-9a-f]{32}\/kill$/) });
    await reader.close();
  });

  it('opens one server session for queries started together on a fresh reader, and logs that one out', async () => {
    let sessions = 0;
    const reader = await serve((request, _body, response) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      // As the server does: a request without a session cookie gets a new session.
      if (!/session_id=/.test(request.headers.cookie ?? '')) headers['Set-Cookie'] = `session_id=s${++sessions}; Path=/`;
      response.writeHead(200, headers);
      // The first answer comes late, so that the other queries are started while it is awaited.
      setTimeout(() => response.end(request.url!.endsWith('/logout') ? '' : page(0, 0, 1)), sessions === 1 && seen.length === 1 ? 100 : 0);
    });
    const reads = await Promise.all([readAll(reader), readAll(reader), readAll(reader)]);
    expect(reads.map((rows) => rows.length)).toEqual([1, 1, 1]);
    expect(sessions).toBe(1);
    const queries = seen.filter((s) => s.url === '/v1/query');
    expect(queries).toHaveLength(3);
    expect(queries[0]!.cookie).not.toContain('session_id');
    expect(queries.slice(1).map((q) => q.cookie)).toEqual([expect.stringContaining('session_id=s1'), expect.stringContaining('session_id=s1')]);
    await reader.close();
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/v1/session/logout', cookie: expect.stringContaining('session_id=s1') });
  });

  it('lets the queries waiting on a first one that failed go on without its session', async () => {
    let first = true;
    const reader = await serve((_request, _body, response) => {
      if (first) {
        first = false;
        failLater(response);
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(page(0, 0, 1));
    });
    const [failed, read] = await Promise.allSettled([readAll(reader), readAll(reader)]);
    expect(failed.status).toBe('rejected');
    expect(read).toEqual({ status: 'fulfilled', value: ['0:0:xxxxxxxx"]'] });
    await reader.close();
  });

  it("routes a query's later requests as the driver does: the first page's node_id as the sticky node, one route hint", async () => {
    const withNode = (text: string) => text.replace('"id":"q"', '"id":"q","node_id":"node-7"');
    const reader = await serve((request, _body, response) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      const n = pageNumber(request.url!);
      // The second query's first answer names a route hint of its own, which the client adopts.
      if (request.url === '/v1/query' && seen.filter((s) => s.url === '/v1/query').length === 2) headers['X-DATABEND-ROUTE-HINT'] = 'rh:from-server:000009';
      response.writeHead(200, headers);
      response.end(request.url!.endsWith('/kill') ? '' : withNode(page(n, 2, 1)));
    });
    expect(await readAll(reader)).toHaveLength(3);
    for await (const p of reader.pages('SELECT s')) {
      expect(p.nodeId).toBe('node-7');
      break;
    }
    const [first, ...later] = seen.slice(0, 3);
    expect(first).toMatchObject({ url: '/v1/query', sticky: undefined, hint: expect.stringMatching(/^rh:[0-9a-f-]{36}:000000$/) });
    expect(later).toEqual([
      expect.objectContaining({ url: '/v1/query/q/page/1', sticky: 'node-7', hint: first!.hint }),
      expect.objectContaining({ url: '/v1/query/q/page/2', sticky: 'node-7', hint: first!.hint }),
    ]);
    // The next query: a new hint (counter 1), then the server's, with the node, on its page and its kill.
    const second = seen.slice(3);
    expect(second[0]).toMatchObject({ url: '/v1/query', sticky: undefined, hint: expect.stringMatching(/^rh:[0-9a-f-]{36}:000001$/) });
    expect(second.slice(1)).toEqual([
      expect.objectContaining({ url: '/v1/query/q/page/1', sticky: 'node-7', hint: 'rh:from-server:000009' }),
      expect.objectContaining({ url: expect.stringMatching(/\/kill$/), sticky: 'node-7', hint: 'rh:from-server:000009' }),
    ]);
    await reader.close();
  });
  it('reads a query whose node_id is not a valid header value (a character past U+00FF)', async () => {
    const reader = await serve((request, _body, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(page(pageNumber(request.url!), 1, 1, 8, { node_id: 'node-\u2713' }));
    }, '&retry_count=3&retry_delay_secs=1');
    const started = performance.now();
    const rows: string[] = [];
    const outcome = await (async () => {
      for await (const p of reader.pages('SELECT s')) for (const row of p.data) rows.push(row[0]!);
    })().then(
      () => 'read',
      (error: Error) => error.message,
    );
    const ms = performance.now() - started;
    await reader.close();
    // Before the fix the page request could not be built (ERR_INVALID_CHAR) and was still retried 3 times a second apart.
    expect({ outcome, rows, seconds: Math.round(ms / 1000) }).toEqual({ outcome: 'read', rows: ['0:0:xxxxxxxx"]', '1:0:xxxxxxxx"]'], seconds: 0 });
  }, 15_000);

  it('sends no request once the consumer has stopped and the reader is closed (the look-ahead page stops retrying)', async () => {
    const reader = await serve((request, _body, response) => {
      if (request.url!.endsWith('/kill') || request.url!.endsWith('/logout')) {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end('{}');
        return;
      }
      if (request.url !== '/v1/query') {
        response.writeHead(503, { 'Content-Type': 'text/plain' });
        response.end('busy');
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(page(0, 3, 1));
    }, '&retry_count=3&retry_delay_secs=1');
    for await (const p of reader.pages('SELECT s')) {
      expect(p.data.length).toBe(1);
      break;
    }
    await reader.close();
    const closedAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    const after = seen.filter((s) => s.at > closedAt).map((s) => s.url);
    // Before the fix the abandoned look-ahead GET went on being retried after the kill and after close().
    expect(after).toEqual([]);
  }, 15_000);

  it("sends no credentials to a host other than the DSN's when a next_uri names one", async () => {
    const stolen: (string | undefined)[] = [];
    const other = createServer((request, response) => {
      stolen.push(request.headers.authorization);
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(page(1, 1, 1));
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as AddressInfo;
    try {
      const reader = await serve((_request, _body, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        // Scheme-relative: resolved against the DSN's origin, it names another host.
        response.end(page(0, 1, 1, 8, { next_uri: `//localhost:${port}/v1/query/q/page/1` }));
      }, '&retry_count=0');
      await (async () => {
        for await (const p of reader.pages('SELECT s')) void p;
      })().catch(() => {});
      await reader.close();
      // Before the fix the page request went to the other host with the DSN's Basic credentials.
      expect(stolen).toEqual([]);
    } finally {
      other.closeAllConnections();
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('opens one server session, not one per waiter, when the first query of a fresh reader fails', async () => {
    let sessions = 0;
    let first = true;
    const reader = await serve((request, _body, response) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (first) {
        first = false;
        failLater(response);
        return;
      }
      if (!/session_id=/.test(request.headers.cookie ?? '')) headers['Set-Cookie'] = `session_id=s${++sessions}; Path=/`;
      response.writeHead(200, headers);
      setTimeout(() => response.end(request.url!.endsWith('/logout') ? '' : page(0, 0, 1)), 20);
    }, '&retry_count=0');
    const read = async () => {
      for await (const p of reader.pages('SELECT s')) void p;
    };
    const results = await Promise.allSettled([read(), read(), read(), read()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    await reader.close();
    // Before the fix the three waiters went on together without a cookie, each opening a session; close() logged out one.
    expect(sessions).toBe(1);
  });
});
