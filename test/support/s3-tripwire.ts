// A loopback TCP proxy in front of the run's S3 server that runs `trip` (e.g. stopping the gateway)
// the moment a request whose line matches arrives, holding that request until it has: the server goes away in
// the middle of an operation, at exactly the request chosen, with no timing involved. Requests are
// recognised by their request line ("HEAD /bucket/key HTTP/1.1"); bodies pass through untouched.
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface Tripwire {
  /** The proxy's endpoint, for the cold tier's settings (requests are signed for this host:port). */
  endpoint: string;
  /** The request lines seen so far, in order. */
  seen: string[];
  /** Whether it went off. */
  tripped(): boolean;
  /** Resolves once what it set off has finished (the gateway is gone): the caller's operation can fail before that. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const REQUEST_LINE = /(?:^|\r\n)((?:GET|PUT|HEAD|POST|DELETE) \S+ HTTP\/1\.1)\r\n/g;

export async function tripwire(target: string, when: (line: string) => boolean, trip: () => Promise<void>): Promise<Tripwire> {
  const upstream = new URL(target);
  const seen: string[] = [];
  let fired = false;
  let tripping: Promise<void> = Promise.resolve();
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const up = connect(Number(upstream.port), upstream.hostname);
    sockets.add(client).add(up);
    const end = () => {
      client.destroy();
      up.destroy();
    };
    client.on('data', (data: Buffer) => {
      for (const m of data.toString('latin1').matchAll(REQUEST_LINE)) {
        seen.push(m[1]);
        if (!fired && when(m[1])) {
          fired = true;
          // Held until the server is gone, then passed on (to a connection it closed).
          client.pause();
          tripping = trip();
          void tripping.finally(() => {
            up.write(data);
            client.resume();
          });
          return;
        }
      }
      up.write(data);
    });
    up.on('data', (data: Buffer) => client.write(data));
    for (const s of [client, up]) {
      s.on('error', end);
      s.on('close', end);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    seen,
    tripped: () => fired,
    settled: () => tripping.catch(() => undefined),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
