// One bound service listener (an http.Server) with what the listener component needs to move
// it without refusing a request: bind with an operator-readable error, a loopback health
// probe, and a two-stage release —
//
//   handOver(window, grace)  keeps ACCEPTING for `window`, but every response now carries
//                            `Connection: close`, so keep-alive clients drop the socket after
//                            their request and reconnect (to the new address, once told);
//   drain(grace)             stops accepting, closes idle keep-alive connections at once (and
//                            again whenever an in-flight request finishes), and destroys
//                            whatever is still open after `grace`. A connection accepted but
//                            whose request has not been read yet is NOT idle: Node's
//                            closeIdleConnections() counts it as idle and resets it, failing a
//                            request the client has already sent; it gets served (with
//                            `Connection: close`) or cut at the deadline.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type HostPolicy, checkHost } from '../http/host-check';
import { sendJson } from '../http/errors';
import { LISTENER_LIMITS, limitConnections } from '../http/limits';

/** How often idle keep-alive connections are swept while draining. */
const IDLE_SWEEP_MS = 25;

export class ServiceServer {
  readonly server: http.Server;
  private readonly responses = new Set<http.ServerResponse>();
  /** Open connections: how many requests each has had, and whether one is running now. */
  private readonly sockets = new Map<Socket, { served: number; busy: boolean }>();
  private closing = false;
  private draining = false;
  private windowTimer: NodeJS.Timeout | null = null;
  private hosts: HostPolicy | null = null;
  private markClosed!: () => void;
  /** Settles once the server stopped accepting and every connection ended. */
  readonly closed: Promise<void> = new Promise((resolve) => (this.markClosed = resolve));

  private constructor(handler: http.RequestListener, onError: (err: Error) => void) {
    this.server = http.createServer((req, res) => {
      if (this.closing) res.setHeader('connection', 'close');
      this.responses.add(res);
      const state = this.sockets.get(req.socket);
      if (state) state.busy = true;
      res.once('close', () => {
        this.responses.delete(res);
        if (state) {
          state.busy = false;
          state.served++;
        }
      });
      const refusal = this.hosts && checkHost(req.headers.host, this.hosts);
      if (refusal) return sendJson(res, refusal.status, { error: { code: refusal.code, message: refusal.message } });
      handler(req, res);
    });
    limitConnections(this.server, LISTENER_LIMITS);
    this.server.on('connection', (socket: Socket) => {
      this.sockets.set(socket, { served: 0, busy: false });
      socket.once('close', () => this.sockets.delete(socket));
    });
    this.server.on('error', onError);
  }

  /** Binds host:port; rejects with an error that says what is wrong and what to do. */
  static async bind(host: string, port: number, handler: http.RequestListener, onError: (err: Error) => void = () => {}): Promise<ServiceServer> {
    const s = new ServiceServer(handler, onError);
    await listen(s.server, host, port);
    return s;
  }

  /** Checks host:port can be bound, leaving nothing open. */
  static async probeBind(host: string, port: number): Promise<void> {
    const server = http.createServer();
    await listen(server, host, port);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get listening(): boolean {
    return this.server.listening;
  }

  /** The bound address; null once closed. */
  address(): { host: string; port: number } | null {
    const a = this.server.address() as AddressInfo | null;
    return a ? { host: a.address, port: a.port } : null;
  }

  /** read_timeout bounds the whole request; the headers deadline may not exceed it (nor
   *  LISTENER_LIMITS', so a slowloris client cannot hold a connection for long). */
  applySettings({ readTimeoutMs, hosts }: { readTimeoutMs: number; hosts: HostPolicy }): void {
    this.server.requestTimeout = readTimeoutMs;
    const headersMax = LISTENER_LIMITS.headersTimeoutMs;
    this.server.headersTimeout = readTimeoutMs > 0 ? Math.min(readTimeoutMs, headersMax) : headersMax;
    this.hosts = hosts;
  }

  /** GET `path` over loopback on a fresh connection; resolves with the status code. */
  probe(path: string, signal: AbortSignal): Promise<number> {
    const a = this.address();
    if (!a) return Promise.reject(new Error('the listener is not bound'));
    const host = a.host === '0.0.0.0' ? '127.0.0.1' : a.host === '::' ? '::1' : a.host;
    return new Promise((resolve, reject) => {
      const req = http.get({ host, port: a.port, path, agent: false, signal }, (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', reject);
      });
      req.once('error', reject);
    });
  }

  /** Keep serving with `Connection: close` for `windowMs`, then drain. Returns `closed`. */
  handOver(windowMs: number, graceMs: number): Promise<void> {
    if (this.draining || this.windowTimer) return this.closed;
    this.startClosing();
    this.windowTimer = setTimeout(() => void this.drain(graceMs), windowMs);
    return this.closed;
  }

  /** Stop accepting now (cutting a hand-over window short); returns `closed`. */
  drain(graceMs: number): Promise<void> {
    if (this.windowTimer) clearTimeout(this.windowTimer);
    this.windowTimer = null;
    if (this.draining) return this.closed;
    this.draining = true;
    this.startClosing();
    const sweep = setInterval(() => this.closeIdle(), IDLE_SWEEP_MS);
    const deadline = setTimeout(() => this.server.closeAllConnections(), graceMs);
    this.server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      this.markClosed();
    });
    this.closeIdle();
    return this.closed;
  }

  /** Keep-alive connections between requests; never one whose first request is on its way. */
  private closeIdle(): void {
    for (const [socket, state] of this.sockets) if (!state.busy && state.served > 0) socket.destroy();
  }

  private startClosing(): void {
    if (this.closing) return;
    this.closing = true;
    // Requests already being handled: tell their clients too, if the answer has not started.
    for (const res of this.responses) if (!res.headersSent) res.setHeader('connection', 'close');
  }
}

function listen(server: http.Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(bindError(err, host, port));
    server.once('error', onError);
    server.listen({ host, port, exclusive: true, backlog: LISTENER_LIMITS.backlog }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

export function formatAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export class BindError extends Error {
  override name = 'BindError';
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

function bindError(err: Error, host: string, port: number): BindError {
  const code = (err as NodeJS.ErrnoException).code;
  const where = formatAddress(host, port);
  switch (code) {
    case 'EADDRINUSE':
      return new BindError(`${where} is already in use by another process: choose another server.port or stop that process`, code);
    case 'EACCES':
      return new BindError(`binding ${where} was refused (EACCES): ports below 1024 need privileges; choose a server.port of 1024 or more`, code);
    case 'EADDRNOTAVAIL':
      return new BindError(`${host} is not an address of this machine (EADDRNOTAVAIL): set server.host to one of its addresses, e.g. 127.0.0.1 or 0.0.0.0`, code);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new BindError(`server.host ${host} does not resolve (${code}): use an IP address or a name this machine resolves`, code);
    default:
      return new BindError(`cannot listen on ${where}: ${err.message}`, code);
  }
}
