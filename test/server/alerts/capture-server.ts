// A webhook endpoint on 127.0.0.1 that records what it receives; tests choose its answer.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Captured {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  /** When the request had been read (Date.now()). */
  at: number;
}

export interface CaptureServer {
  url(path?: string): string;
  received: Captured[];
  /** Status to answer with, and how long to wait before answering. */
  respond: { status: number; delayMs: number };
  /** Holds every answer until the returned function is called. */
  hold(): () => void;
  close(): Promise<void>;
}

export async function startCaptureServer(): Promise<CaptureServer> {
  const received: Captured[] = [];
  const respond = { status: 200, delayMs: 0 };
  let held: Promise<void> = Promise.resolve();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), at: Date.now() });
      void held.then(() => setTimeout(() => res.writeHead(respond.status).end(), respond.delayMs));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    received,
    respond,
    hold: () => {
      let release!: () => void;
      held = new Promise((resolve) => (release = resolve));
      return release;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
