// A deliberately small router: exact paths, one handler per method. The admin API has a
// dozen fixed routes; a framework would add weight and nothing else.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log';
import { HttpError, handleError } from './errors';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
}

export type Handler = (ctx: RequestContext) => Promise<void> | void;

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
      const url = new URL(req.url ?? '/', 'http://localhost');
      void this.dispatch({ req, res, url }).catch((err: unknown) => handleError(res, err, log));
    };
  }

  private async dispatch(ctx: RequestContext): Promise<void> {
    const path = ctx.url.pathname;
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

/** Reads a request body up to `limit` bytes, counted as it streams; larger bodies are
 *  refused with 413 before the rest arrives. `decode: false` gives the bytes (for a strict
 *  UTF-8 check); otherwise the text. */
export async function readBody(req: IncomingMessage, limit: number): Promise<string>;
export async function readBody(req: IncomingMessage, limit: number, opts: { decode: false }): Promise<Buffer>;
export async function readBody(req: IncomingMessage, limit: number, opts: { decode?: boolean } = {}): Promise<string | Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, 'body_too_large', `request body is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks);
  return opts.decode === false ? bytes : bytes.toString('utf8');
}
