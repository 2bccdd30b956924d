// The Alert History service process (`hotconf serve`): wires the reloaders, the reload
// coordinator, the admin API and the signals together. Start order matters:
//   1. the admin listener (fixed address, never reloaded) — the console can watch start-up;
//   2. the first reload (trigger `startup`), from the file or the last good config;
//   3. the pid file, once the service is really serving;
//   4. signal handlers: SIGHUP reloads, SIGTERM/SIGINT shut down gracefully.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { Registry } from 'prom-client';
import { createProvenanceLookup } from './git/provenance';
import { createAdminApi } from './http/admin-api';
import { createServiceApi } from './http/service-api';
import { LogHub, type Logger } from './log';
import { ReloadCoordinator } from './reload/coordinator';
import { EventBus } from './reload/events';
import { Failpoints } from './reload/failpoints';
import { ReloadMetrics } from './reload/metrics';
import { guardProvenance } from './reload/provenance-guard';
import { RecordKeeper } from './reload/record-keeper';
import { StateStore } from './reload/state-store';
import type { ReloadRecord } from './contract/reload';
import { createReloaders } from './reloaders';

export interface ServiceOptions {
  configPath: string;
  dataDir: string;
  adminListen: { host: string; port: number };
  /** Admin bearer token; when absent, read from (or generated into) <dataDir>/admin-token. */
  adminToken?: string;
  logHub?: LogHub;
  failpoints?: string;
  sseHeartbeatMs?: number;
}

export interface Service {
  readonly adminUrl: string;
  readonly token: string;
  readonly coordinator: ReloadCoordinator;
  readonly startup: ReloadRecord;
  stop(): Promise<void>;
}

export async function startService(opts: ServiceOptions): Promise<Service> {
  const dataDir = resolve(opts.dataDir);
  const configPath = resolve(opts.configPath);
  mkdirSync(dataDir, { recursive: true });
  const logHub = opts.logHub ?? new LogHub();
  const log = logHub.logger({ component: 'service' });
  const token = opts.adminToken ?? adminTokenFromDataDir(dataDir, log);

  const failpoints = new Failpoints(opts.failpoints ?? '');
  // Never fatal: a store that cannot be opened keeps records in memory (record-keeper.ts).
  const store = new RecordKeeper(() => new StateStore(dataDir), { log: logHub.logger({ component: 'state' }), failpoints });
  const events = new EventBus();
  const reloaders = createReloaders({ logHub, serviceHandler: createServiceApi(logHub.logger({ component: 'http' })) });
  const metrics = new ReloadMetrics({ registry: new Registry(), components: reloaders.list.map((r) => r.name) });
  const provenance = createProvenanceLookup(configPath);
  const coordinator = new ReloadCoordinator({
    configPath,
    reloaders: reloaders.list,
    events,
    metrics,
    store,
    log: logHub.logger({ component: 'reload' }),
    provenance,
    failpoints,
    // Readiness after a reload: every critical component has a live instance and the service
    // listener is bound. Cheap on purpose — it runs on every reload; a listener that moved
    // has already answered a real GET /healthz in its own health check.
    readinessProbe: async () => {
      const missing = reloaders.list.filter((r) => r.critical && r.current == null).map((r) => r.name);
      if (missing.length) throw new Error(`no live instance of ${missing.join(', ')}`);
      if (!reloaders.listener.current?.listening) throw new Error('the service listener is not listening');
    },
  });

  const admin = http.createServer(createAdminApi({ coordinator, events, metrics, store, token, configPath, provenance: guardProvenance(provenance, log), log, sseHeartbeatMs: opts.sseHeartbeatMs }).listener(log));
  await listen(admin, opts.adminListen);
  const adminUrl = `http://${formatHost(opts.adminListen.host)}:${(admin.address() as AddressInfo).port}`;

  let startup: ReloadRecord;
  try {
    startup = await coordinator.start();
  } catch (err) {
    await closeServer(admin);
    store.close();
    throw err;
  }
  const pidFile = join(dataDir, 'hotconf.pid');
  writeFileSync(pidFile, `${process.pid}\n`);
  log.info('service started', { admin: adminUrl, pid: process.pid, config: configPath, source: coordinator.running?.source, commit: coordinator.running?.commit });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      log.info('shutting down: finishing the current reload, draining requests');
      await coordinator.close(); // waits for the reload in flight, then closes components (listener drains)
      await closeServer(admin);
      store.close();
      rmSync(pidFile, { force: true });
      log.info('stopped');
    })());

  return { adminUrl, token, coordinator, startup, stop };
}

/** Installs SIGHUP → reload and SIGTERM/SIGINT → graceful stop + exit 0. */
export function installSignalHandlers(service: Service, log: Logger): void {
  process.on('SIGHUP', () => {
    void service.coordinator.reload('sighup').catch((err: unknown) => log.warn('SIGHUP reload not run', { error: (err as Error).message }));
  });
  const shutdown = (signal: string) => {
    log.info(`received ${signal}`);
    service.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error('shutdown failed', { error: (err as Error).message });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
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
    server.listen(addr.port, addr.host, () => {
      server.off('error', onError);
      resolvePromise();
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((res) => {
    server.close(() => res());
    server.closeAllConnections(); // SSE clients would otherwise hold the close forever
  });
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
