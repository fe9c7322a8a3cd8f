// A TCP relay in front of the stack that a test can cut: while it is down, every
// connection is reset, for the page and its service worker alike. (Chromium's offline
// emulation covers the page, but Background Sync wakes the service worker on the
// machine's real connectivity, which emulation does not touch.)
import { createServer, connect, type Socket } from 'node:net';

export interface Relay {
  url: string;
  up(): void;
  down(): void;
  /** New connections are accepted and never answered: a connection too weak to load a page. */
  stall(): void;
  close(): Promise<void>;
}

export async function startRelay(target: string): Promise<Relay> {
  const { hostname, port } = new URL(target);
  let mode: 'up' | 'down' | 'stall' = 'up';
  const live = new Set<Socket>();
  const stalled = new Set<Socket>();
  const server = createServer((client) => {
    if (mode === 'down') return void client.resetAndDestroy();
    if (mode === 'stall') {
      live.add(client);
      stalled.add(client);
      client.on('close', () => (live.delete(client), stalled.delete(client)));
      client.on('error', () => undefined);
      return;
    }
    const upstream = connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      live.add(s);
      s.on('close', () => live.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: own } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${own}`,
    up: () => {
      mode = 'up';
      // what met the stall fails now, as a connection that finally gives up
      for (const s of stalled) s.resetAndDestroy();
    },
    down: () => {
      mode = 'down';
      for (const s of live) s.resetAndDestroy();
    },
    stall: () => {
      mode = 'stall';
      // kept-alive connections would still answer: cut them, so every request meets the stall
      for (const s of live) s.resetAndDestroy();
    },
    close: () => {
      for (const s of live) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
