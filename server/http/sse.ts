// Server-sent events writer. Replays what a reconnecting client missed (Last-Event-ID),
// sends a heartbeat comment so idle proxies keep the connection, and drops a client whose
// unsent backlog grows past a limit: the event bus never waits for anyone.
//
// Streams are held open, each one a file descriptor and a subscriber: they are capped per
// peer address and in all (StreamCaps), a client over the cap gets 503 with Retry-After at
// once (not a hang, and its connection closed), and every stream ends after a lifetime so a
// forgotten subscriber does not stay forever (EventSource reconnects with Last-Event-ID and
// misses nothing the ring buffer holds).
import { once } from 'node:events';
import type { BusEvent, EventBus, EventOf } from '../reload/events';
import { HttpError } from './errors';
import type { RequestContext } from './router';

export interface StreamLimits {
  /** Open streams from one peer address. */
  perAddress: number;
  /** Open streams on the listener. */
  total: number;
  /** A stream is ended (cleanly) after this long; the client reconnects. */
  lifetimeMs: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { perAddress: 64, total: 512, lifetimeMs: 30 * 60_000 };

/** Seconds a refused client is told to wait. */
const RETRY_AFTER_S = 5;

/** The open streams of one listener, counted per peer address. */
export class StreamCaps {
  private open = 0;
  private readonly byAddress = new Map<string, number>();

  constructor(readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS) {}

  get size(): number {
    return this.open;
  }

  /** Takes a slot for `address`, or throws the 503 to answer; call the result once to free it. */
  acquire(address: string): () => void {
    const mine = this.byAddress.get(address) ?? 0;
    const { perAddress, total } = this.limits;
    if (mine >= perAddress || this.open >= total) {
      const which = mine >= perAddress ? `${mine} are open from ${address}, the most one address may hold (${perAddress})` : `${this.open} are open, the most this listener holds (${total})`;
      throw new HttpError(503, 'too_many_streams', `too many event streams: ${which}. Close streams you do not read, or retry after ${RETRY_AFTER_S} s`, {
        headers: { 'retry-after': String(RETRY_AFTER_S) },
        closeConnection: true,
      });
    }
    this.byAddress.set(address, mine + 1);
    this.open++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open--;
      const left = (this.byAddress.get(address) ?? 1) - 1;
      if (left > 0) this.byAddress.set(address, left);
      else this.byAddress.delete(address);
    };
  }
}

export interface SseOptions {
  heartbeatMs?: number;
  /** A client this far behind (bytes queued in the socket) is disconnected; it can reconnect and replay. */
  maxBacklogBytes?: number;
  /** When aborted (shutdown), the stream ends cleanly; clients reconnect elsewhere or later. */
  until?: AbortSignal;
  /** The listener's stream caps; without them the stream is not counted. */
  caps?: StreamCaps;
}

export function formatEvent<Events>(e: EventOf<Events>): string {
  return `id: ${e.id}\nevent: ${String(e.name)}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

export async function streamEvents<Events>({ req, res, url }: RequestContext, bus: EventBus<Events>, opts: SseOptions = {}): Promise<void> {
  const heartbeatMs = opts.heartbeatMs ?? 15_000;
  const maxBacklog = opts.maxBacklogBytes ?? 4 * 1024 * 1024;
  const lastId = parseLastEventId(req.headers['last-event-id'] ?? url.searchParams.get('last_event_id'));
  const release = opts.caps?.acquire(peerAddress(req.socket.remoteAddress));
  const lifetime = opts.caps ? setTimeout(() => res.end(), opts.caps.limits.lifetimeMs) : undefined;
  lifetime?.unref();

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
    clearTimeout(lifetime);
    unsubscribe();
    release?.();
    if (!res.writableEnded) res.end();
  }
}

/** IPv4 peers of a dual-stack socket come as ::ffff:a.b.c.d: one address, one count. */
function peerAddress(address: string | undefined): string {
  if (!address) return 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function parseLastEventId(value: string | string[] | null | undefined): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (v == null || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}
