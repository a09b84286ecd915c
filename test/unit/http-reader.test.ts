// The page reader's transport (node:http, reused body buffers) against a small HTTP server that answers the query
// API's shape in the ways a network can: chunked bodies, bodies larger than a buffer, a connection cut mid-body. The
// protocol against the real engine is covered by test/engine/stream.test.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpEndpoint } from '../../src/client/dsn.js';
import { HttpReader } from '../../src/client/http-query.js';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

let server: Server | undefined;
const seen: { method: string; url: string; cookie: string | undefined }[] = [];

async function serve(handler: Handler, dsnTail = ''): Promise<HttpReader> {
  seen.length = 0;
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      seen.push({ method: request.method!, url: request.url!, cookie: request.headers.cookie });
      handler(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new HttpReader(httpEndpoint(`databend://root:pw@127.0.0.1:${port}/default?sslmode=disable${dsnTail}`)!);
}

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A page of `rows` rows of one string column, page `n` of `last`. */
function page(n: number, last: number, rows: number, width = 8): string {
  const data = Array.from({ length: rows }, (_, i) => [`${n}:${i}:${'x'.repeat(width)}"]`]);
  return JSON.stringify({
    id: 'q',
    schema: [{ name: 's', type: 'String' }],
    data,
    state: n === last ? 'Succeeded' : 'Running',
    error: null,
    next_uri: n === last ? null : `/v1/query/q/page/${n + 1}`,
    session: { database: 'default' },
  });
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
    });
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
    }, '&page_request_timeout_secs=1');
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
    });
    await expect(readAll(reader)).rejects.toThrow(/^APIError: \[request_kind=query\]: /);
    await reader.close();
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
});
