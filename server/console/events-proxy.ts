// GET /api/events: the service's reload event stream, for the browser. The browser never
// talks to the service directly (one origin, no CORS, no token in pages). Every browser of
// this console shares ONE upstream connection (./event-hub), which replays what a browser
// reconnecting with Last-Event-ID missed; reconnecting is the browser's job (EventSource
// does it by itself when a stream ends).
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
  let body: ReadableStream<Uint8Array>;
  try {
    body = await (kind === 'alerts' ? ctx.alertEvents : ctx.events).subscribe(lastEventIdOf(req), req.signal);
  } catch (err) {
    return wantsEventStream(req) ? unreachableStream(err) : toResponse(err);
  }
  // The browser going away cancels the body, or aborts the request's signal: either ends
  // its subscription.
  return new Response(body, { status: 200, headers: SSE_HEADERS });
}

/** Header from EventSource's reconnect, or ?lastEventId= from a page resuming after a reload. */
function lastEventIdOf(req: Request): number | null {
  const value = req.headers.get('last-event-id') ?? new URL(req.url).searchParams.get('lastEventId');
  // Event ids are integers (microseconds since the epoch at the service's start, counting
  // up); anything else is dropped rather than forwarded.
  return value && /^\d{1,16}$/.test(value) && Number.isSafeInteger(Number(value)) ? Number(value) : null;
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
