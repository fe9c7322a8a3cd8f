// A TCP relay in front of the stack that a test can cut: while it is down, every
// connection is reset, for the page and its service worker alike. (Chromium's offline
// emulation covers the page, but Background Sync wakes the service worker on the
// machine's real connectivity, which emulation does not touch.)
import { createServer, connect, type Socket } from 'node:net';

export interface Relay {
  url: string;
  up(): void;
  down(): void;
  close(): Promise<void>;
}

export async function startRelay(target: string): Promise<Relay> {
  const { hostname, port } = new URL(target);
  let open = true;
  const live = new Set<Socket>();
  const server = createServer((client) => {
    if (!open) return void client.resetAndDestroy();
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
    up: () => void (open = true),
    down: () => {
      open = false;
      for (const s of live) s.resetAndDestroy();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
