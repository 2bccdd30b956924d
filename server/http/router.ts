// A deliberately small router: exact paths, one handler per method. The admin API has a
// dozen fixed routes; a framework would add weight and nothing else.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../log';
import { HttpError, handleError, sendJson } from './errors';
import { type HostPolicy, checkHost } from './host-check';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
}

export type Handler = (ctx: RequestContext) => Promise<void> | void;

/** A request's context; its URL is parsed on first use: the ingest API never reads it, and
 *  parsing one took ~1.5 µs of a ~60 µs request (bench/ingest, 1 sender × 1 alert). */
class Context implements RequestContext {
  private parsed: URL | null = null;
  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
  ) {}

  get url(): URL {
    return (this.parsed ??= new URL(this.req.url ?? '/', 'http://localhost'));
  }
}

/** Segments of letters, digits, '-' and '_' only: a path URL leaves as it is. */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9_-]+)*\/?$/;

/** The request's path as URL normalises it, read straight off the request line when it is
 *  plain (every path the APIs serve), parsed otherwise (dot segments, escapes, '//'). */
function pathOf(ctx: Context): string {
  const raw = ctx.req.url ?? '/';
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  return path.startsWith('/') && PLAIN_PATH.test(path) ? path : ctx.url.pathname;
}

export class Router {
  private readonly routes = new Map<string, Map<string, Handler>>();
  /** Paths with a trailing parameter (`/api/v2/silence/{id}`), tried when no exact path matched. */
  private readonly prefixes: { prefix: string; byMethod: Map<string, Handler> }[] = [];

  on(method: string, path: string, handler: Handler): this {
    let byMethod = this.routes.get(path);
    if (!byMethod) this.routes.set(path, (byMethod = new Map()));
    byMethod.set(method, handler);
    return this;
  }

  /** A route for every path below `prefix` (which ends in '/'); the handler reads the rest
   *  of the path itself. */
  onPrefix(method: string, prefix: string, handler: Handler): this {
    let entry = this.prefixes.find((p) => p.prefix === prefix);
    if (!entry) this.prefixes.push((entry = { prefix, byMethod: new Map() }));
    entry.byMethod.set(method, handler);
    return this;
  }

  /** A node:http request listener that dispatches and funnels every error to handleError. */
  listener(log: Logger): (req: IncomingMessage, res: ServerResponse) => void {
    return (req, res) => {
      const ctx = new Context(req, res);
      void this.dispatch(ctx, pathOf(ctx)).catch((err: unknown) => handleError(res, err, log));
    };
  }

  private async dispatch(ctx: RequestContext, path: string): Promise<void> {
    const byMethod = this.routes.get(path) ?? this.prefixes.find((p) => path.startsWith(p.prefix) && path.length > p.prefix.length)?.byMethod;
    if (!byMethod) throw new HttpError(404, 'not_found', `no such endpoint: ${ctx.url.pathname}`);
    const method = ctx.req.method ?? 'GET';
    const handler = byMethod.get(method) ?? (method === 'HEAD' ? byMethod.get('GET') : undefined);
    if (!handler) {
      ctx.res.setHeader('allow', [...byMethod.keys()].join(', '));
      throw new HttpError(405, 'method_not_allowed', `${method} is not allowed on ${ctx.url.pathname}; use ${[...byMethod.keys()].join(' or ')}`);
    }
    await handler(ctx);
  }
}

/** `listener`, answering 421 (and nothing else) to a Host the policy does not accept. */
export function checkingHost(policy: HostPolicy, listener: RequestListener): RequestListener {
  return (req, res) => {
    const refusal = checkHost(req.headers.host, policy);
    if (refusal) return sendJson(res, refusal.status, { error: { code: refusal.code, message: refusal.message } });
    listener(req, res);
  };
}

/** Reads a request body up to `limit` bytes, counted as it streams (chunked or not). A
 *  declared Content-Length over the limit is refused before anything is read; otherwise the
 *  413 comes as soon as the count passes the limit: reading stops, nothing more is kept, and
 *  the connection is closed once the 413 is out (HttpError closeConnection), so the client
 *  cannot keep pushing. `decode: false` gives the bytes (for a strict UTF-8 check);
 *  otherwise the text. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string>;
export async function readBody(req: IncomingMessage, limit: number, opts: { decode: false }): Promise<Buffer>;
export async function readBody(req: IncomingMessage, limit: number, opts: { decode?: boolean } = {}): Promise<string | Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > limit) throw bodyTooLarge(limit);
  const bytes = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (settle: () => void) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      settle();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.pause(); // the socket stops being read; the 413 and the close follow
      chunks.length = 0;
      done(() => reject(bodyTooLarge(limit)));
    };
    const onEnd = () => done(() => resolve(Buffer.concat(chunks, size)));
    const onError = (err: Error) => done(() => reject(new HttpError(400, 'body_incomplete', `the request body could not be read: ${err.message}`)));
    const onClose = () => done(() => reject(new HttpError(400, 'body_incomplete', 'the client closed the connection before sending the whole body')));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
  return opts.decode === false ? bytes : bytes.toString('utf8');
}

function bodyTooLarge(limit: number): HttpError {
  return new HttpError(413, 'body_too_large', `the request body is larger than ${limit} bytes: send at most ${limit} bytes`, { closeConnection: true });
}
