// A stand-in for the service's admin API on 127.0.0.1 (ephemeral port): each test says how
// each call answers, and reads back what the console sent. Event-stream routes are held
// open; `broadcast` writes an event to every open stream, like the service's SSE bus.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReloadRecord } from '../../../server/contract/reload';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: SeenRequest, res: ServerResponse) => void | Promise<void>;

export interface FakeAdmin {
  url: string;
  requests: SeenRequest[];
  /** Replace or add the handler of "METHOD /path". */
  route(key: string, handler: Handler): void;
  /** Open event-stream responses (their count tells whether a proxy closed its upstream). */
  openStreams(): number;
  /** Resolves once `n` streams are open. */
  waitForStreams(n: number): Promise<void>;
  broadcast(event: string, data: unknown, id: number): void;
  close(): Promise<void>;
}

const EVENTS = 'GET /api/v2/config/reload/events';

export async function startFakeAdmin(routes: Record<string, Handler> = {}): Promise<FakeAdmin> {
  const handlers = new Map(Object.entries(routes));
  const requests: SeenRequest[] = [];
  const streams = new Set<ServerResponse>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const seen: SeenRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
    requests.push(seen);
    const handler = handlers.get(`${seen.method} ${seen.path}`);
    if (!handler) return sendJson(res, 404, { error: { code: 'not_found', message: `fake admin has no ${seen.method} ${seen.path}` } });
    await handler(seen, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  if (!handlers.has(EVENTS)) {
    handlers.set(EVENTS, (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      res.write(': connected\n\n');
      streams.add(res);
      res.on('close', () => streams.delete(res));
    });
  }

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (key, handler) => handlers.set(key, handler),
    openStreams: () => streams.size,
    async waitForStreams(n) {
      while (streams.size < n) await new Promise((r) => setTimeout(r, 10));
    },
    broadcast(event, data, id) {
      for (const res of streams) res.write(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    async close() {
      for (const res of streams) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** A reload record as the service would write it; override what the test cares about. */
export function record(over: Partial<ReloadRecord> = {}): ReloadRecord {
  return {
    id: 1,
    trigger: 'api',
    commit: null,
    dirty: false,
    config_hash: 'h',
    status: 'success',
    started_at: new Date().toISOString(),
    duration_ms: 3,
    phases: [],
    components: [],
    changes: [],
    rolled_back: false,
    ...over,
  };
}
