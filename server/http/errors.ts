// One HTTP error type and one place that turns any thrown value into a response, so every
// endpoint answers errors in the same shape: { error: { code, message, details? } }. The
// console's route handlers use the same type (server/console/errors.ts maps git and settings
// errors onto it and turns it into a web Response).
import type { ServerResponse } from 'node:http';
import type { Logger } from '../log';

export interface HttpErrorOptions {
  details?: Record<string, unknown>;
  /** Fields copied to the top level of the body, next to `error` (the console API's
   *  contract names some there: `head_commit`/`head_content` on a 409, `errors` on a 422). */
  fields?: Record<string, unknown>;
  cause?: unknown;
  /** Extra response headers (Retry-After on a 503). */
  headers?: Record<string, string>;
  /** Close the connection once answered: the client is still sending a body we refused,
   *  and must not keep the socket busy pushing it. */
  closeConnection?: boolean;
}

/** The one HTTP error type of the admin API, the service API and the console API. */
export class HttpError extends Error {
  readonly details: Record<string, unknown> | undefined;
  readonly fields: Record<string, unknown> | undefined;
  readonly headers: Record<string, string>;
  readonly closeConnection: boolean;

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    opts: HttpErrorOptions = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'HttpError';
    this.details = opts.details;
    this.fields = opts.fields;
    this.headers = opts.headers ?? {};
    this.closeConnection = opts.closeConnection ?? false;
  }

  /** The response body every endpoint answers errors with. */
  body(): Record<string, unknown> {
    const error: Record<string, unknown> = { code: this.code, message: this.message };
    if (this.details) error.details = this.details;
    return { ...this.fields, error };
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The central error handler: HttpErrors as they are, anything else as a logged 500. */
export function handleError(res: ServerResponse, err: unknown, log: Logger): void {
  if (res.headersSent) {
    // The answer is (partly) out: nothing more can be said to the client, but a failure
    // after it must not go unseen.
    if (!(err instanceof HttpError)) log.error('request handler failed after answering', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    res.destroy();
    return;
  }
  if (err instanceof HttpError) {
    if (err.closeConnection) closeAfterAnswer(res);
    sendJson(res, err.status, err.body(), err.headers);
    return;
  }
  log.error('unhandled error in request handler', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  sendJson(res, 500, { error: { code: 'internal', message: 'internal error: see the service log' } });
}

/** How long a refused client has to read our answer before its connection is cut. */
const LINGER_MS = 1_000;

/**
 * Once the answer is out, end the client's upload without losing the answer. Node ends a
 * connection whose request body was not read with destroySoon() — FIN, then destroy as soon
 * as the answer is flushed — and destroying a socket with unread bytes resets it, and a
 * reset discards the answer on the client's side before it read it. So for this socket:
 * half-close, read nothing more (the client, blocked on a full TCP window, cannot push more
 * than the socket buffers hold), and destroy after a linger that lets the client read.
 */
function closeAfterAnswer(res: ServerResponse): void {
  const socket = res.socket;
  if (!socket) return;
  const linger = () => {
    socket.end();
    const deadline = setTimeout(() => socket.destroy(), LINGER_MS);
    deadline.unref();
    socket.once('close', () => clearTimeout(deadline));
  };
  socket.destroySoon = linger;
  // Keep-alive answers are not ended by Node at all: end this one ourselves.
  res.once('finish', () => {
    if (!socket.writableEnded) linger();
  });
}
