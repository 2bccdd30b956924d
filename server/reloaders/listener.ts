// Component `listener` (server.*): the service listener. Moving server.host/port refuses no
// request:
//
//   prepare   binds the NEW address (a clear error if it is taken) while the old one serves;
//   activate  the new server becomes `current`; the old one keeps accepting and serving;
//   health    the new server answers GET /healthz over loopback;
//   commit    hand-over: the old server keeps ACCEPTING for a window so clients that have
//             not learnt the new address yet are never refused, answering `Connection:
//             close` so keep-alive clients do not pin it; then it stops accepting, idle
//             connections close at once, in-flight requests finish, and what is still open
//             after a grace period is destroyed. The window and the grace period are both
//             `server.graceful_shutdown_timeout` of the NEW config (the config being moved
//             to decides how long its move takes). commit() starts this and returns;
//   rollback  the old server is current again; the new one drains;
//   close     (shutdown) cuts pending hand-overs short and drains them and the current
//             server, each within its graceful_shutdown_timeout.
//
// A change of read_timeout/graceful_shutdown_timeout/allowed_hosts only (same host:port) keeps
// the bound server and swaps its settings. Each bound server answers only to its Host names
// (server/http/host-check.ts): localhost, its own address, IP addresses, server.allowed_hosts
// and the names `hotconf serve --allowed-hosts` lists.
import type http from 'node:http';
import type { Config } from '../config/schema';
import { parseDuration } from '../config/duration';
import { type HostPolicy, hostPolicy } from '../http/host-check';
import { silentLogger, type Logger } from '../log';
import { refuseIfAbandoned } from './abandoned';
import type { Reloader, ReloadContext } from './types';
import { BindError, ServiceServer, formatAddress } from './service-server';

export interface ListenerSettings {
  host: string;
  port: number;
  readTimeoutMs: number;
  gracefulMs: number;
  /** The Host names this listener answers to. */
  hosts: HostPolicy;
}

export type ListenerPrepared = { kind: 'settings'; settings: ListenerSettings } | { kind: 'bind'; server: ServiceServer; settings: ListenerSettings };

export interface ListenerOptions {
  /** Serves every request on the service listener; must answer GET /healthz with 2xx. */
  handler: http.RequestListener;
  timeoutMs?: number;
  /** For errors of a bound server, which happen outside any reload. */
  log?: Logger;
  healthPath?: string;
  /** Host names accepted on every address (`hotconf serve --allowed-hosts`), besides the config's. */
  allowedHosts?: readonly string[];
}

export class ListenerReloader implements Reloader<ListenerPrepared> {
  readonly name = 'listener';
  readonly sections = ['server'] as const;
  readonly critical = true;
  readonly timeoutMs: number;
  private readonly handler: http.RequestListener;
  private readonly log: Logger;
  private readonly healthPath: string;
  private readonly allowedHosts: readonly string[];

  private live: ServiceServer | null = null;
  private liveSettings: ListenerSettings | null = null;
  private pending: { server: ServiceServer | null; settings: ListenerSettings | null } | null = null;
  /** Replaced servers still handing over or draining, with their grace period. */
  private readonly releasing = new Map<ServiceServer, number>();

  constructor(opts: ListenerOptions) {
    this.handler = opts.handler;
    this.timeoutMs = opts.timeoutMs ?? 5_000;
    this.log = opts.log ?? silentLogger;
    this.healthPath = opts.healthPath ?? '/healthz';
    this.allowedHosts = opts.allowedHosts ?? [];
  }

  /** The live http.Server; null before the first activate. */
  get current(): http.Server | null {
    return this.live?.server ?? null;
  }

  get settings(): ListenerSettings | null {
    return this.liveSettings;
  }

  /** The live bound address. */
  address(): { host: string; port: number } | null {
    return this.live?.address() ?? null;
  }

  /** Old servers not closed yet. */
  get draining(): number {
    return this.releasing.size;
  }

  async preflight(next: Config, _ctx: ReloadContext): Promise<void> {
    const settings = settingsOf(next, this.allowedHosts);
    if (this.sameAddress(settings)) return;
    await ServiceServer.probeBind(settings.host, settings.port).catch((err) => {
      throw this.explainBind(err, settings);
    });
  }

  async prepare(next: Config, ctx: ReloadContext): Promise<ListenerPrepared> {
    const settings = settingsOf(next, this.allowedHosts);
    if (this.live && this.sameAddress(settings)) return { kind: 'settings', settings };
    const server = await ServiceServer.bind(settings.host, settings.port, this.handler, (err) => this.log.error('service listener error', { error: err.message })).catch((err) => {
      throw this.explainBind(err, settings);
    });
    server.applySettings(settings);
    if (ctx.signal.aborted) {
      // The coordinator gave up on this prepare: nobody will discard what we bound.
      void server.drain(0);
      throw new Error(`binding ${formatAddress(settings.host, settings.port)} finished after the listener timeout`);
    }
    return { kind: 'bind', server, settings };
  }

  async activate(prepared: ListenerPrepared, ctx: ReloadContext): Promise<void> {
    refuseIfAbandoned(ctx, this.name, 'activate');
    this.pending = { server: this.live, settings: this.liveSettings };
    if (prepared.kind === 'bind') this.live = prepared.server;
    this.liveSettings = prepared.settings;
    this.live?.applySettings(prepared.settings);
  }

  async health(ctx: ReloadContext): Promise<void> {
    const live = this.live;
    if (!live?.listening) throw new Error('the service listener is not listening');
    const where = formatAddress(live.address()?.host ?? '?', live.address()?.port ?? 0);
    const status = await live.probe(this.healthPath, AbortSignal.any([ctx.signal, AbortSignal.timeout(this.timeoutMs)])).catch((err: Error) => {
      throw new Error(`GET ${this.healthPath} on ${where} failed: ${err.message}`);
    });
    if (status < 200 || status > 299) throw new Error(`GET ${this.healthPath} on ${where} answered ${status}, expected 2xx`);
  }

  async commit(ctx: ReloadContext): Promise<void> {
    const old = this.pending?.server ?? null;
    this.pending = null;
    if (!old || old === this.live || !this.liveSettings) return;
    const { gracefulMs } = this.liveSettings;
    ctx.log.info('old service listener hands over', { address: old.address(), window_ms: gracefulMs });
    this.track(old, old.handOver(gracefulMs, gracefulMs), gracefulMs);
  }

  async rollback(ctx: ReloadContext): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    refuseIfAbandoned(ctx, this.name, 'rollback');
    this.pending = null;
    const replaced = this.live;
    this.live = pending.server;
    this.liveSettings = pending.settings;
    if (this.live && this.liveSettings) this.live.applySettings(this.liveSettings);
    if (replaced && replaced !== this.live) {
      const grace = this.liveSettings?.gracefulMs ?? 0;
      this.track(replaced, replaced.drain(grace), grace);
    }
  }

  async discard(prepared: ListenerPrepared, _ctx: ReloadContext): Promise<void> {
    // Never activated, so never advertised: nothing to wait for.
    if (prepared.kind === 'bind' && prepared.server !== this.live) await prepared.server.drain(0);
  }

  async close(_ctx: ReloadContext): Promise<void> {
    const closing = [...this.releasing].map(([server, grace]) => server.drain(grace));
    if (this.live) closing.push(this.live.drain(this.liveSettings?.gracefulMs ?? 0));
    this.live = null;
    this.liveSettings = null;
    this.pending = null;
    await Promise.all(closing);
  }

  private track(server: ServiceServer, closed: Promise<void>, graceMs: number): void {
    this.releasing.set(server, graceMs);
    void closed.then(() => this.releasing.delete(server));
  }

  private sameAddress(s: ListenerSettings): boolean {
    return this.liveSettings !== null && this.liveSettings.host === s.host && this.liveSettings.port === s.port;
  }

  /** A port this service itself holds is not "another process": say what really happened. */
  private explainBind(err: unknown, s: ListenerSettings): Error {
    const liveHost = this.live?.address()?.host;
    if (err instanceof BindError && err.code === 'EADDRINUSE' && this.liveSettings?.port === s.port && liveHost && overlaps(liveHost, s.host)) {
      const now = formatAddress(this.liveSettings.host, this.liveSettings.port);
      return new Error(
        `${formatAddress(s.host, s.port)} overlaps the address this service listens on now (${now}): a move must change server.port too (change the host and port in one reload, the old address is released after the hand-over)`,
      );
    }
    const draining = [...this.releasing.keys()].find((old) => old.address()?.port === s.port);
    if (err instanceof BindError && err.code === 'EADDRINUSE' && draining) {
      return new Error(
        `${formatAddress(s.host, s.port)} is still held by this service's previous listener, which is handing over (server.graceful_shutdown_timeout): reload again once it has closed, or choose another server.port`,
      );
    }
    return err as Error;
  }
}

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** Whether binding `wanted` on the port we hold can collide with our own socket on `bound`. */
function overlaps(bound: string, wanted: string): boolean {
  return WILDCARDS.has(bound) || WILDCARDS.has(wanted) || bound === wanted || (wanted === 'localhost' && (bound === '127.0.0.1' || bound === '::1'));
}

function settingsOf(next: Config, flagHosts: readonly string[]): ListenerSettings {
  const s = next.server;
  return {
    host: s.host,
    port: s.port,
    readTimeoutMs: durationMs(s.read_timeout, 'server.read_timeout'),
    gracefulMs: durationMs(s.graceful_shutdown_timeout, 'server.graceful_shutdown_timeout'),
    hosts: hostPolicy({ listen: s.host, allowed: [...(s.allowed_hosts ?? []), ...flagHosts], hint: 'add it to server.allowed_hosts in the config and reload (or start hotconf serve with --allowed-hosts NAME)' }),
  };
}

function durationMs(text: string, path: string): number {
  const ms = parseDuration(text);
  if (ms === null) throw new Error(`${path} "${text}" is not a duration: write e.g. 30s or 10s`);
  return ms;
}
