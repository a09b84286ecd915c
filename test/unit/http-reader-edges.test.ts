// The page reader at its edges: a next URI naming another server, a node id that cannot be a header, retries after
// the consumer stopped, and a fresh reader whose first query fails (each found by a review and reproduced first).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpEndpoint } from '../../src/client/dsn.js';
import { HttpReader } from '../../src/client/http-query.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let server: Server | undefined;
const seen: { at: number; url: string }[] = [];

async function serve(handler: Handler, dsnTail: string): Promise<HttpReader> {
  seen.length = 0;
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      seen.push({ at: performance.now(), url: request.url! });
      handler(request, response);
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

function page(n: number, last: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: 'q',
    schema: [{ name: 's', type: 'String' }],
    data: [[`${n}`]],
    state: n === last ? 'Succeeded' : 'Running',
    error: null,
    next_uri: n === last ? null : `/v1/query/q/page/${n + 1}`,
    session: { database: 'default' },
    ...extra,
  });
}
const pageNumber = (url: string) => (url === '/v1/query' ? 0 : Number(url.split('/').pop()));

describe('page reader edges', () => {
  it('reads a query whose node_id is not a valid header value (a character past U+00FF)', async () => {
    const reader = await serve((request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(page(pageNumber(request.url!), 1, { node_id: 'node-\u2713' }));
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
    // Seen: the page request cannot even be built (ERR_INVALID_CHAR), yet it is "retried" 3 times a second apart.
    expect({ outcome, rows, seconds: Math.round(ms / 1000) }).toEqual({ outcome: 'read', rows: ['0', '1'], seconds: 0 });
  }, 15_000);

  it('sends no request once the consumer has stopped and the reader is closed (the look-ahead page stops retrying)', async () => {
    const reader = await serve((request, response) => {
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
      response.end(page(0, 3));
    }, '&retry_count=3&retry_delay_secs=1');
    for await (const p of reader.pages('SELECT s')) {
      expect(p.data.length).toBe(1);
      break;
    }
    await reader.close();
    const closedAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    const after = seen.filter((s) => s.at > closedAt).map((s) => s.url);
    // Seen: the abandoned look-ahead GET goes on being retried after the kill and after close().
    expect(after).toEqual([]);
  }, 15_000);

  it("sends no credentials to a host other than the DSN's when a next_uri names one", async () => {
    const stolen: (string | undefined)[] = [];
    const other = createServer((request, response) => {
      stolen.push(request.headers.authorization);
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(page(1, 1));
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const { port } = other.address() as AddressInfo;
    try {
      const reader = await serve((_request, response) => {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        // Scheme-relative: resolved against the DSN's origin, it names another host.
        response.end(page(0, 1, { next_uri: `//localhost:${port}/v1/query/q/page/1` }));
      }, '&retry_count=0');
      await (async () => {
        for await (const p of reader.pages('SELECT s')) void p;
      })().catch(() => {});
      await reader.close();
      // Seen: the page request went to the other host with the DSN's Basic credentials.
      expect(stolen).toEqual([]);
    } finally {
      other.closeAllConnections();
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it('opens one server session, not one per waiter, when the first query of a fresh reader fails', async () => {
    let sessions = 0;
    let first = true;
    const reader = await serve((request, response) => {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (first) {
        first = false;
        setTimeout(() => {
          response.writeHead(500, { 'Content-Type': 'text/plain' });
          response.end('down');
        }, 50);
        return;
      }
      if (!/session_id=/.test(request.headers.cookie ?? '')) headers['Set-Cookie'] = `session_id=s${++sessions}; Path=/`;
      response.writeHead(200, headers);
      setTimeout(() => response.end(request.url!.endsWith('/logout') ? '' : page(0, 0)), 20);
    }, '&retry_count=0');
    const read = async () => {
      for await (const p of reader.pages('SELECT s')) void p;
    };
    const results = await Promise.allSettled([read(), read(), read(), read()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    await reader.close();
    // Seen: the three waiters go on together without a cookie, each opening a session; close() logs out one.
    expect(sessions).toBe(1);
  });
});
