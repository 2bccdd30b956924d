// The Alert History service process (`hotconf serve`): wires the reloaders, the reload
// coordinator, the admin API and the signals together. Start order matters:
//   0. (cli.ts, before anything loads) signal handlers that hold what arrives meanwhile;
//   1. the pid file is claimed: a live service on this data dir stops the start, a file a
//      dead one left (kill -9) is replaced;
//   2. the state store (never fatal: record-keeper.ts), the alert engine (engine.db, never
//      fatal either: engine-service.ts; it gets its route tree with routing's first
//      activate) and the admin listener (fixed address, never reloaded) — the console can
//      watch start-up;
//   3. the first reload (trigger `startup`), from the file or the last good config;
//   4. the pid file, once the service is really serving;
//   5. signals routed to the service (cli-main.ts): held ones are replayed, so a HUP during
//      start-up is a reload now.
//
// Shutdown (SIGTERM/SIGINT, stop()), each step logged as `shutdown: …`:
//   1. no new reload; the running one and a queued one finish and are recorded;
//   2. the admin listener drains: event streams end, in-flight calls are answered;
//   3. components close in reverse activation order — the service listener stops accepting
//      and drains its in-flight requests (then the alert engine stops notifying), receivers
//      finish their sends (then the engine's delivery history is written), storage closes
//      its database;
//   4. the alert engine's engine.db closes;
//   5. the state store closes (its backlog written if it can be);
//   6. the pid file is removed.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { Registry } from 'prom-client';
import { createProvenanceLookup } from './git/provenance';
import { createAdminApi } from './http/admin-api';
import { hostPolicy } from './http/host-check';
import { ADMIN_LIMITS, limitConnections } from './http/limits';
import { checkingHost } from './http/router';
import { DEFAULT_STREAM_LIMITS, type StreamLimits } from './http/sse';
import { createServiceApi } from './http/service-api';
import { LogHub, type Logger } from './log';
import { reportWalCheckpointFaults } from './wal-checkpoint/client';
import { isLive, ownPidInfo, readPidFile, removePidFile, writePidFile } from './pid-file';
import { type RoutedSignal, type SignalRouter, signals } from './process-signals';
import { ReloadCoordinator, StartupError } from './reload/coordinator';
import { EventBus } from './reload/events';
import { FileRoots } from './reload/file-roots';
import { Failpoints } from './reload/failpoints';
import { ReloadMetrics } from './reload/metrics';
import { guardProvenance } from './reload/provenance-guard';
import { RecordKeeper } from './reload/record-keeper';
import { StateStore } from './reload/state-store';
import type { ReloadRecord } from './contract/reload';
import { createReloaders } from './reloaders';
import { startEngineService } from './engine-service';
import { registerBuildInfo } from './build-info';
import type { OpenReload } from './http/open-reload';
import { DEFAULT_DRIFT_CHECK_MS, watchDrift } from './reload/drift';
import { HistoryMetrics } from './alerts/history/metrics';

export interface ServiceOptions {
  configPath: string;
  dataDir: string;
  adminListen: { host: string; port: number };
  /** Admin bearer token; when absent, read from (or generated into) <dataDir>/admin-token. */
  adminToken?: string;
  /** Folders `${file:}` secrets may be read from (--secrets-dir); the data dir when empty. */
  secretsDirs?: readonly string[];
  /** Folders template globs may reach besides the config file's own (--templates-dir). */
  templatesDirs?: readonly string[];
  logHub?: LogHub;
  failpoints?: string;
  sseHeartbeatMs?: number;
  /** How often the running config is compared with git HEAD (hotconf_config_drift). */
  driftCheckMs?: number;
  /** `loopback`: token-less POST /-/reload from this host, for reload sidecars. */
  openReload?: OpenReload;
  /** Host names both listeners answer to besides localhost, their addresses and IPs (`--allowed-hosts`). */
  allowedHosts?: string[];
  /** Caps on the admin listener's event streams (`--sse-max-per-address`, `--sse-max`). */
  streamLimits?: Partial<StreamLimits>;
}

export interface Service {
  readonly metrics: ReloadMetrics;
  readonly adminUrl: string;
  readonly token: string;
  readonly coordinator: ReloadCoordinator;
  readonly startup: ReloadRecord;
  stop(): Promise<void>;
}

/** How long in-flight admin calls get to finish at shutdown before their sockets close. */
const ADMIN_DRAIN_MS = 5_000;

export async function startService(opts: ServiceOptions): Promise<Service> {
  const dataDir = resolve(opts.dataDir);
  const configPath = resolve(opts.configPath);
  mkdirSync(dataDir, { recursive: true });
  const logHub = opts.logHub ?? new LogHub();
  const log = logHub.logger({ component: 'service' });
  reportWalCheckpointFaults((message) => logHub.logger({ component: 'storage' }).warn(message));
  const pidFile = join(dataDir, 'hotconf.pid');
  claimPidFile(pidFile, log);
  const token = opts.adminToken ?? adminTokenFromDataDir(dataDir, log);
  const failpoints = new Failpoints(opts.failpoints ?? '');

  const records = new RecordKeeper(() => new StateStore(dataDir), { log: logHub.logger({ component: 'state' }), failpoints });
  const events = new EventBus();
  // The service API reads the live components and feeds the alert engine, which reads them
  // too: the handler is made once both exist, and the listener calls it through this arrow.
  // Relative database paths start at the data dir, the only folder they may lead into.
  const registry = new Registry();
  registerBuildInfo(registry);
  const historyMetrics = new HistoryMetrics(registry);
  const reloaders = createReloaders({ logHub, baseDir: dataDir, serviceHandler: (req, res) => serviceHandler(req, res), allowedHosts: opts.allowedHosts ?? [], onHistoryPruned: (table, rows) => historyMetrics.prunedRows(table, rows) });
  const alerts = startEngineService({ dataDir, reloaders, running: () => coordinator.running, log: logHub.logger({ component: 'engine' }), registry });
  const history = { store: () => reloaders.storage.current };
  const serviceHandler = createServiceApi(logHub.logger({ component: 'http' }), { liveReceivers: () => reloaders.receivers.current, alerts: alerts.api, alertmanager: { ...alerts.amApi, configDir: dirname(configPath) }, history });
  const metrics = new ReloadMetrics({ registry, components: reloaders.list.map((r) => r.name) });
  const provenance = createProvenanceLookup(configPath);
  const roots = new FileRoots({ dataDir, configPath, secretsDirs: opts.secretsDirs, templatesDirs: opts.templatesDirs });
  const coordinator = new ReloadCoordinator({
    configPath,
    reloaders: reloaders.list,
    // Notifiers read relative *_file paths from the working directory.
    confine: { roots, dataDir, workDir: process.cwd() },
    events,
    metrics,
    store: records,
    log: logHub.logger({ component: 'reload' }),
    provenance,
    failpoints,
    // Readiness after a reload: every critical component has a live instance and the service
    // listener is bound. Cheap on purpose — it runs on every reload; a listener that moved
    // has already answered a real GET /healthz in its own health check.
    impact: (draft) => alerts.impact(draft),
    readinessProbe: async () => {
      const missing = reloaders.list.filter((r) => r.critical && r.current == null).map((r) => r.name);
      if (missing.length) throw new Error(`no live instance of ${missing.join(', ')}`);
      if (!reloaders.listener.current?.listening) throw new Error('the service listener is not listening');
    },
  });

  const nonce = randomBytes(12).toString('hex');
  let pidProblem: string | null = null;
  const shutdown = new AbortController();
  const adminApi = createAdminApi({
    coordinator,
    events,
    metrics,
    store: records,
    token,
    configPath,
    provenance: guardProvenance(provenance, log),
    log,
    sseHeartbeatMs: opts.sseHeartbeatMs,
    instance: { pid: process.pid, nonce },
    warnings: () => (pidProblem ? [pidProblem] : []),
    shutdown: shutdown.signal,
    streamLimits: { ...DEFAULT_STREAM_LIMITS, ...opts.streamLimits },
    ...(opts.openReload ? { openReload: opts.openReload } : {}),
    history: { ...history, events: alerts.events },
  });
  // Both listeners answer only to their Host names (DNS rebinding; http/host-check.ts) and
  // cap their connections (http/limits.ts).
  const adminHosts = hostPolicy({ listen: opts.adminListen.host, allowed: opts.allowedHosts ?? [], hint: 'start hotconf serve with --allowed-hosts NAME (or HOTCONF_ALLOWED_HOSTS=NAME)' });
  const admin = trackInFlight(http.createServer(checkingHost(adminHosts, adminApi.listener(log))));
  limitConnections(admin, ADMIN_LIMITS);
  try {
    await listen(admin, opts.adminListen);
  } catch (err) {
    alerts.stopNotifying();
    alerts.close();
    records.close();
    throw err;
  }
  const adminUrl = `http://${formatHost(opts.adminListen.host)}:${(admin.address() as AddressInfo).port}`;

  let startup: ReloadRecord;
  try {
    startup = await coordinator.start();
  } catch (err) {
    await closeServer(admin, 0);
    alerts.stopNotifying();
    await coordinator.closeComponents();
    alerts.close();
    records.close();
    throw err;
  }
  try {
    writePidFile(pidFile, ownPidInfo(adminUrl, nonce));
  } catch (err) {
    // Signalling by pid (the console's pid mode, scripts) will not find this process; the
    // admin API and SIGHUP to the process itself still work.
    pidProblem = `the pid file ${pidFile} could not be written (${(err as Error).message}): signalling by pid file will not find this process`;
    log.error(pidProblem);
  }
  const driftLog = logHub.logger({ component: 'drift' });
  const stopDriftWatch = watchDrift({ running: () => coordinator.running, provenance: guardProvenance(provenance, driftLog), registry, log: driftLog, intervalMs: opts.driftCheckMs ?? DEFAULT_DRIFT_CHECK_MS });
  log.info('service started', { admin: adminUrl, pid: process.pid, signal_handlers_after_ms: signals.installedAfterMs, uptime_ms: Math.round(performance.now()), config: configPath, source: coordinator.running?.source, commit: coordinator.running?.commit, warnings: coordinator.warnings });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      log.info('shutting down: finishing the current reload, then draining both listeners');
      stopDriftWatch();
      const last = await coordinator.drain();
      log.info('shutdown: reloads finished', { last_reload_id: last?.id ?? null, status: last?.status ?? null });
      shutdown.abort();
      await closeServer(admin, ADMIN_DRAIN_MS);
      log.info('shutdown: admin listener drained');
      await coordinator.closeComponents((component, error) => {
        log.info('shutdown: component closed', { component, ...(error ? { error } : {}) });
        // The listener closes first: no alert arrives any more, so no group notifies again.
        // Receivers close once their sends finished, storage right after: the history of
        // those sends is written in between.
        if (component === 'listener') alerts.stopNotifying();
        if (component === 'receivers') alerts.flushHistory();
      });
      alerts.close();
      log.info('shutdown: alert engine closed');
      records.close();
      log.info('shutdown: state store closed');
      removePidFile(pidFile, nonce);
      log.info('stopped');
    })());

  return { metrics, adminUrl, token, coordinator, startup, stop };
}

/** A live service on this data dir stops the start; a file a dead process left is replaced. */
function claimPidFile(path: string, log: Logger): void {
  const found = readPidFile(path);
  if (!found || found.pid === process.pid) return;
  if (isLive(found)) {
    throw new StartupError(`another hotconf serve (pid ${found.pid}${found.started_at ? `, started ${found.started_at}` : ''}) is running on this data dir (${path}): stop it, or give this one another --data-dir`);
  }
  log.warn('found a stale pid file (its process is gone, e.g. killed with kill -9); replacing it', { path, stale_pid: found.pid });
}

/**
 * Routes SIGHUP → reload and SIGTERM/SIGINT → graceful stop + exit 0. Signals held since the
 * process started (process-signals.ts) are replayed here.
 */
export function routeSignals(router: SignalRouter, service: Service, log: Logger): void {
  router.route((signal: RoutedSignal, held: boolean) => {
    service.metrics.signalReceived(signal);
    if (signal === 'SIGHUP') {
      if (held) log.info('SIGHUP arrived during start-up: reloading now');
      void service.coordinator.reload('sighup').catch((err: unknown) => log.warn('SIGHUP reload not run', { error: (err as Error).message }));
      return;
    }
    log.info(`received ${signal}${held ? ' during start-up' : ''}`);
    service.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('shutdown failed', { error: (err as Error).message });
        process.exit(1);
      },
    );
  });
}

export function adminTokenFromDataDir(dataDir: string, log: Logger): string {
  const file = join(dataDir, 'admin-token');
  try {
    const token = readFileSync(file, 'utf8').trim();
    if (token) return token;
  } catch {
    // first start: generate below
  }
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, token + '\n', { mode: 0o600 });
  log.info('generated an admin token', { file });
  return token;
}

function listen(server: http.Server, addr: { host: string; port: number }): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const onError = (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`admin address ${addr.host}:${addr.port} is already in use: choose another with --admin-listen`) : err);
    server.once('error', onError);
    server.listen({ port: addr.port, host: addr.host, backlog: ADMIN_LIMITS.backlog }, () => {
      server.off('error', onError);
      resolvePromise();
    });
  });
}

/**
 * Stops accepting, lets the calls in flight finish, then closes every connection still open
 * — keep-alive ones, and ones that never sent a complete request (Node counts those as busy,
 * so waiting for them to go idle could take their whole headers timeout). Whatever is still
 * running after `graceMs` is cut. Event streams must have been ended first (they never
 * finish on their own).
 */
function closeServer(server: http.Server, graceMs: number): Promise<void> {
  const inFlight = (server as TrackedServer)[IN_FLIGHT] ?? new Set();
  return new Promise((res) => {
    const closeAll = () => server.closeAllConnections();
    const deadline = setTimeout(closeAll, graceMs);
    server.close(() => {
      clearTimeout(deadline);
      res();
    });
    if (inFlight.size === 0) closeAll();
    else for (const r of inFlight) r.once('close', () => inFlight.size === 0 && closeAll());
  });
}

const IN_FLIGHT = Symbol('in-flight responses');
type TrackedServer = http.Server & { [IN_FLIGHT]?: Set<http.ServerResponse> };

/** Keeps the set of responses not finished yet on the server, for closeServer. */
function trackInFlight(server: http.Server): http.Server {
  const inFlight = new Set<http.ServerResponse>();
  (server as TrackedServer)[IN_FLIGHT] = inFlight;
  server.prependListener('request', (_req, res: http.ServerResponse) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  return server;
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
