// GET /api/events: the service's reload event stream, relayed byte for byte so ids,
// heartbeats and Last-Event-ID resumption work exactly as the service implements them.
// The browser never talks to the service directly (one origin, no CORS, no token in pages).
// Reconnecting is the browser's job (EventSource does it with Last-Event-ID); the proxy's
// job is to hold one upstream connection per browser connection and to close it as soon as
// the browser goes away.
import type { ConsoleContext } from './context';
import { HttpError, toResponse } from './errors';

/** Milliseconds EventSource waits before reconnecting after the proxy could not reach the service. */
export const RECONNECT_MS = 2_000;

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  // Reverse proxies (nginx) would otherwise buffer the stream and delay every event.
  'X-Accel-Buffering': 'no',
};

/** Which of the service's streams: the reload events (default) or the alert events. */
export type EventSourceKind = 'reloads' | 'alerts';

export async function proxyEvents(ctx: ConsoleContext, req: Request, kind: EventSourceKind = 'reloads'): Promise<Response> {
  const lastEventId = lastEventIdOf(req);
  const upstreamAbort = new AbortController();
  const onBrowserGone = () => upstreamAbort.abort();
  req.signal.addEventListener('abort', onBrowserGone, { once: true });
  let upstream: Response;
  try {
    const open = kind === 'alerts' ? ctx.admin.alertEvents.bind(ctx.admin) : ctx.admin.events.bind(ctx.admin);
    upstream = await open({ lastEventId, signal: upstreamAbort.signal });
    if (!upstream.body) throw new HttpError(502, 'service_bad_response', 'the service opened its event stream without a body');
  } catch (err) {
    req.signal.removeEventListener('abort', onBrowserGone);
    upstreamAbort.abort();
    return wantsEventStream(req) ? unreachableStream(err) : toResponse(err);
  }
  const chunks = relay(upstream.body, upstreamAbort, () => req.signal.removeEventListener('abort', onBrowserGone));
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch {
        // Upstream broke (service stopped, socket reset): end the stream cleanly; the
        // browser reconnects with its Last-Event-ID and misses nothing the ring buffer holds.
        controller.close();
      }
    },
    async cancel() {
      // The browser went away. Abort first: a pending upstream read may wait for the next
      // heartbeat (15 s) otherwise, and the generator's cleanup runs only after it returns.
      upstreamAbort.abort();
      await chunks.return(undefined);
    },
  });
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}

async function* relay(body: ReadableStream<Uint8Array>, upstreamAbort: AbortController, detach: () => void): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // However the relay ends (upstream closed, upstream error, browser gone), the upstream
    // connection is closed here and the listener on the browser's request is removed.
    upstreamAbort.abort();
    detach();
    reader.releaseLock();
  }
}

/** Header from EventSource's reconnect, or ?lastEventId= from a page resuming after a reload. */
function lastEventIdOf(req: Request): string | undefined {
  const value = req.headers.get('last-event-id') ?? new URL(req.url).searchParams.get('lastEventId');
  // Event ids are integers; anything else is dropped rather than forwarded.
  return value && /^\d{1,20}$/.test(value) ? value : undefined;
}

function wantsEventStream(req: Request): boolean {
  return (req.headers.get('accept') ?? '').includes('text/event-stream');
}

/**
 * For an EventSource, an error status is fatal (it never reconnects). So when the service is
 * unreachable the browser gets a short, valid stream: a `retry:` hint, one `proxy.error`
 * event saying why, and the end of the stream, after which EventSource reconnects by itself,
 * keeping its Last-Event-ID (the event carries no id).
 */
function unreachableStream(err: unknown): Response {
  const http = err instanceof HttpError ? err : new HttpError(502, 'service_unreachable', String(err));
  const data = JSON.stringify({ code: http.code, message: http.message });
  const text = `retry: ${RECONNECT_MS}\nevent: proxy.error\ndata: ${data}\n\n`;
  return new Response(text, { status: 200, headers: SSE_HEADERS });
}
