import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createClient, TransportError } from '../../src/index.js';
import { serverAddress } from '../../src/client/reachable.js';

/** A loopback port nothing listens on: one the OS just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

describe('the server address a DSN names', () => {
  it('is its host and port, the port defaulting as databend-driver does (80 without TLS, else 443)', () => {
    expect(serverAddress('databend://root:@127.0.0.1:8000/default?sslmode=disable')).toEqual({ host: '127.0.0.1', port: 8000 });
    expect(serverAddress('databend://u:p@example.com/db?sslmode=disable')).toEqual({ host: 'example.com', port: 80 });
    expect(serverAddress('databend://u:p@example.com/db')).toEqual({ host: 'example.com', port: 443 });
    expect(serverAddress('databend://u:p@example.com:80/db')).toEqual({ host: 'example.com', port: 80 });
    expect(serverAddress('databend://u:p@[::1]:9000/db')).toEqual({ host: '::1', port: 9000 });
    expect(serverAddress('not a dsn')).toBeUndefined();
  });
});

describe('a client pointed at a dead server', () => {
  it('fails in under a second with a TransportError naming host:port, before the driver retries', async () => {
    const port = await closedPort();
    const client = createClient({ dsn: `databend://root:secret-pw@127.0.0.1:${port}/default?sslmode=disable` });
    const started = performance.now();
    const error = await client.query('SELECT 1').catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).message).toBe(
      `The Databend server is not reachable at 127.0.0.1:${port}: connection refused (is the server running?) (3 attempts)`,
    );
    expect((error as TransportError).sql).toBeUndefined();
    expect(JSON.stringify([(error as Error).message, (error as Error).stack])).not.toMatch(/secret-pw/);
    // The driver's module loads on the first statement (a few hundred ms on a busy machine); the check itself is ~0.3 s.
    expect(elapsed).toBeLessThan(1_500);
    await client.close();
  });

  it('tries as often as connectRetries says', async () => {
    const port = await closedPort();
    const client = createClient({ dsn: `databend://root:@127.0.0.1:${port}/default?sslmode=disable`, connectRetries: 0 });
    const error = (await client.execute('SELECT 1').catch((e: unknown) => e)) as TransportError;
    expect(error.message).toBe(`The Databend server is not reachable at 127.0.0.1:${port}: connection refused (is the server running?)`);
  });
});
