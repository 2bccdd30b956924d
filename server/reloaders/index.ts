// The seven reloadable components (DESIGN §3), created together and listed in the order the
// coordinator activates them (and rolls them back in reverse).
import type http from 'node:http';
import type { LogHub } from '../log';
import type { BuildOptions } from '../alerts/notifiers';
import type { ComponentName, Reloader } from './types';
import { IngestReloader } from './ingest';
import { InhibitionReloader } from './inhibition';
import { ListenerReloader } from './listener';
import { LoggerReloader } from './logger';
import { ReceiversReloader } from './receivers';
import { RoutingReloader } from './routing';
import { StorageReloader, type StorageOptions } from './storage';

export { IngestReloader, InhibitionReloader, ListenerReloader, LoggerReloader, ReceiversReloader, RoutingReloader, StorageReloader };
export type { Reloader, ReloadContext, ComponentName } from './types';
export type { ListenerPrepared, ListenerSettings } from './listener';
export type { StoragePrepared, StorageSettings } from './storage';

export interface ReloaderDeps {
  logHub: LogHub;
  /** Handler for the service listener; must answer GET /healthz with 2xx (the listener's health check). */
  serviceHandler: http.RequestListener;
  /** Per-component timeouts in ms, overriding the defaults (5 s listener/storage, 2 s others). */
  timeouts?: Partial<Record<ComponentName, number>>;
  /** Relative database paths resolve against this: the service passes its data dir (the
   *  working directory when absent, for tests). */
  baseDir?: string;
  /** Host names the service listener accepts on top of server.allowed_hosts (`--allowed-hosts`). */
  allowedHosts?: readonly string[];
  /** Notifier options: externalURL sent in webhook payloads. */
  notify?: Pick<BuildOptions, 'externalURL'>;
  /** Storage: rows deleted by retention (the pruned-rows metric). */
  onHistoryPruned?: StorageOptions['onPruned'];
}

export interface Reloaders {
  list: Reloader[];
  listener: ListenerReloader;
  logger: LoggerReloader;
  storage: StorageReloader;
  ingest: IngestReloader;
  routing: RoutingReloader;
  receivers: ReceiversReloader;
  inhibition: InhibitionReloader;
}

export function createReloaders(deps: ReloaderDeps): Reloaders {
  const t = deps.timeouts ?? {};
  const log = (component: string) => deps.logHub.logger({ component });
  const logger = new LoggerReloader(deps.logHub, { timeoutMs: t.logger });
  const storage = new StorageReloader({ timeoutMs: t.storage, baseDir: deps.baseDir, log: log('storage'), ...(deps.onHistoryPruned ? { onPruned: deps.onHistoryPruned } : {}) });
  const receivers = new ReceiversReloader({ timeoutMs: t.receivers, build: deps.notify });
  const routing = new RoutingReloader({ timeoutMs: t.routing, liveReceivers: () => receivers.current });
  const inhibition = new InhibitionReloader({ timeoutMs: t.inhibition });
  const ingest = new IngestReloader({ timeoutMs: t.ingest });
  const listener = new ListenerReloader({ handler: deps.serviceHandler, timeoutMs: t.listener, log: log('listener'), allowedHosts: deps.allowedHosts ?? [] });

  // Activation order (rollback runs it in reverse):
  //   logger     first: the rest of the reload already logs under the new settings;
  //   storage    the data layer must be ready before anything can write to it;
  //   receivers  notifiers must exist before routes point at them;
  //   routing    then the tree that points at them;
  //   inhibition the rules applied to what routing selects;
  //   ingest     the gate in front of the pipeline changes only once everything behind it
  //              is in place;
  //   listener   last: a new address takes traffic only when everything behind it is live.
  const list: Reloader[] = [logger, storage, receivers, routing, inhibition, ingest, listener];
  return { list, listener, logger, storage, ingest, routing, receivers, inhibition };
}
