// A TCP proxy in front of a local engine that stops the engine when a request containing `trigger` passes: the fault
// tests (an engine gone in mid-COPY) and the secrets test (a killed engine's errors) both stand on it.
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { LocalDatabend } from '../../src/local/index.js';

export interface StopEngineProxy {
  readonly port: number;
  fired(): boolean;
  close(): Promise<void>;
}

/**
 * 'before forwarding': the request holding `trigger` never reaches the engine; the engine is stopped and the client's
 * connection closed. 'after forwarding': the request reaches it, the engine is stopped, and every later byte from the
 * engine's side is dropped. Connections made after it fired are closed at once.
 */
export async function stopEngineOn(engine: LocalDatabend, trigger: string, when: 'before forwarding' | 'after forwarding'): Promise<StopEngineProxy> {
  const forwardsTrigger = when === 'after forwarding';
  let fired = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (fired) return void client.destroy();
    const upstream = connect(engine.port, engine.host);
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
    upstream.on('data', (chunk) => {
      if (!(fired && forwardsTrigger)) client.write(chunk);
    });
    let seen = '';
    client.on('data', (chunk) => {
      if (forwardsTrigger) upstream.write(chunk);
      if (fired) return;
      seen = (seen + chunk.toString('utf8')).slice(-64 * 1024);
      if (!seen.includes(trigger)) {
        if (!forwardsTrigger) upstream.write(chunk);
        return;
      }
      fired = true;
      const stopped = engine.stop();
      if (!forwardsTrigger) void stopped.then(() => client.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    fired: () => fired,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
