// Server-sent events writer. Replays what a reconnecting client missed (Last-Event-ID),
// sends a heartbeat comment so idle proxies keep the connection, and drops a client whose
// unsent backlog grows past a limit: the event bus never waits for anyone.
import { once } from 'node:events';
import type { EventBus, EventOf } from '../reload/events';
import type { RequestContext } from './router';

export interface SseOptions {
  heartbeatMs?: number;
  /** A client this far behind (bytes queued in the socket) is disconnected; it can reconnect and replay. */
  maxBacklogBytes?: number;
  /** When aborted (shutdown), the stream ends cleanly; clients reconnect elsewhere or later. */
  until?: AbortSignal;
}

export function formatEvent<Events>(e: EventOf<Events>): string {
  return `id: ${e.id}\nevent: ${String(e.name)}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

export async function streamEvents<Events>({ req, res, url }: RequestContext, bus: EventBus<Events>, opts: SseOptions = {}): Promise<void> {
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  const maxBacklog = opts.maxBacklogBytes ?? 4 * 1024 * 1024;
  const lastId = parseLastEventId(req.headers['last-event-id'] ?? url.searchParams.get('last_event_id'));

  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 1000\n: connected\n\n');

  const write = (chunk: string) => {
    if (res.writableLength > maxBacklog) {
      res.destroy(); // too slow: cut it loose, it replays on reconnect
      return;
    }
    res.write(chunk);
  };
  const heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
  heartbeat.unref();
  const unsubscribe = bus.subscribe((e) => write(formatEvent(e)), lastId);
  const end = () => res.end();
  opts.until?.addEventListener('abort', end, { once: true });
  if (opts.until?.aborted) end();
  try {
    await once(res, 'close');
  } finally {
    opts.until?.removeEventListener('abort', end);
    clearInterval(heartbeat);
    unsubscribe();
    if (!res.writableEnded) res.end();
  }
}

function parseLastEventId(value: string | string[] | null | undefined): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v == null || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}
