// The alert engine as the service runs it: one AlertEngine per process, fed by the ingest
// API on the service listener and reading every part of the config from the live
// components at each use — receivers (their notifiers), inhibition, routing's time
// intervals, global.resolve_timeout — so a reload reaches it without a restart. Only the
// route tree is pushed: the dispatcher must re-home its groups when the tree changes, so it
// is told on every routing swap (activate and rollback alike).
//
// Its state (silences, notification log) lives in <data dir>/engine.db; received alerts and
// delivery attempts go to the alert history of whatever store the storage component holds
// at write time, and once written, to the alert event stream (`events`).
import { parseDuration } from './config/duration';
import { GLOBAL_DEFAULTS } from './config/sections/global';
import { AlertEngine } from './alerts/engine/engine';
import { EngineMetrics } from './alerts/engine-metrics';
import { EngineState } from './alerts/engine/engine-state';
import { HistoryWriter } from './alerts/engine/history-writer';
import { integrationsOf } from './alerts/engine/integrations';
import { buildInhibitor } from './alerts/inhibitor';
import { toHistoryAlert, toHistoryNotification } from './alerts/alert-store';
import type { AlertEvents } from './contract/history';
import { EventBus } from './reload/events';
import type { Config } from './config/schema';
import type { RoutingImpact } from './contract/history';
import { DEFAULT_IMPACT_ALERTS, routingImpact } from './alerts/routing-impact';
import type { AlertsApiDeps } from './http/alerts-api';
import type { Registry } from 'prom-client';
import type { AlertmanagerApiDeps } from './http/am-api';
import type { Logger } from './log';
import type { RunningConfig } from './reload/run';
import type { Reloaders } from './reloaders';

export interface EngineServiceDeps {
  dataDir: string;
  reloaders: Pick<Reloaders, 'receivers' | 'inhibition' | 'routing' | 'storage' | 'ingest'>;
  /** The coordinator's running config (null before the first reload settled). */
  running(): RunningConfig | null;
  log: Logger;
  /** The service's metrics registry (the admin listener's /metrics). */
  registry: Registry;
}

export interface EngineService {
  readonly engine: AlertEngine;
  readonly history: HistoryWriter;
  /** Alerts received and delivery attempts, once stored (GET /api/v2/history/events). */
  readonly events: EventBus<AlertEvents>;
  /** What the ingest API on the service listener needs. */
  readonly api: AlertsApiDeps;
  /** What Alertmanager's read and silences API on the service listener needs. */
  readonly amApi: Omit<AlertmanagerApiDeps, 'configDir'>;
  /** Shutdown, once the service listener drained: no group notifies any more. */
  stopNotifying(): void;
  /** Shutdown, before storage closes: what the history writer holds goes to the database. */
  flushHistory(): void;
  /** Shutdown, last: engine.db closes. */
  close(): void;
  /** The plan's routing impact: the last alerts of the history, running config vs draft. */
  impact(draft: Config): RoutingImpact;
}

/** Inhibition is not critical and may have no live rule set yet: then nothing is muted. */
const NO_INHIBITION = buildInhibitor([]);
const DEFAULT_RESOLVE_TIMEOUT_MS = parseDuration(GLOBAL_DEFAULTS.resolve_timeout)!;

export function startEngineService(deps: EngineServiceDeps): EngineService {
  const { reloaders, log } = deps;
  const commit = () => deps.running()?.commit ?? null;
  const state = openState(deps.dataDir, log);
  const metrics = new EngineMetrics(deps.registry);
  const events = new EventBus<AlertEvents>();
  const history = new HistoryWriter(
    () => reloaders.storage.historySink(),
    (err) => log.warn('alert history rows could not be written', { error: err.message }),
    ({ alerts, attempts }) => {
      for (const { id, row } of alerts) events.publish('alert.received', toHistoryAlert(id, row));
      for (const { id, row } of attempts) events.publish('delivery.attempted', toHistoryNotification(id, row));
    },
  );
  const engine = new AlertEngine({
    ...(state ? { state } : {}),
    resolveTimeoutMs: () => parseDuration(deps.running()?.config.global.resolve_timeout ?? '') ?? DEFAULT_RESOLVE_TIMEOUT_MS,
    current: () => ({
      inhibitor: reloaders.inhibition.current ?? NO_INHIBITION,
      intervals: reloaders.routing.intervals,
      integrations: (receiver) => integrationsOf(reloaders.receivers.current, receiver),
    }),
    onAttempt: (a) => {
      metrics.attempt(a);
      history.attempt({ groupKey: a.groupKey, groupLabels: a.groupLabels, receiver: a.receiver, integration: a.integration, attempt: a.attempt, ok: a.ok, ...(a.error !== undefined ? { error: a.error } : {}), latencyMs: a.ms, alerts: a.alerts, commit: commit(), at: Date.now() });
    },
  });
  // A null tree only comes from rolling back the very first activate: the service is not
  // starting then, so the engine keeps what it had.
  // Rows the history writer holds belong to the database in force when they arrived.
  const stopFlushOnSwap = reloaders.storage.onStoreSwap(() => history.flush({ wait: true }));
  const unsubscribe = reloaders.routing.onTreeSwap((tree) => tree && engine.setTree(tree));
  if (reloaders.routing.current) engine.setTree(reloaders.routing.current);

  return {
    engine,
    history,
    events,
    api: { gate: () => reloaders.ingest.current, engine, history, commit, metrics },
    amApi: { engine, gate: () => reloaders.ingest.current, tree: () => reloaders.routing.current, running: deps.running },
    stopNotifying() {
      unsubscribe();
      stopFlushOnSwap();
      engine.stop();
    },
    flushHistory() {
      history.flush({ wait: true });
      if (history.dropped > 0) log.warn('alert history rows were dropped', { dropped: history.dropped });
    },
    close() {
      state?.close();
    },
    impact(draft) {
      const store = reloaders.storage.current;
      if (!store?.open) throw new Error('the alert history is not open');
      const tree = reloaders.routing.current;
      if (!tree) throw new Error('no route tree is running yet');
      const running = { tree, inhibitor: reloaders.inhibition.current ?? NO_INHIBITION, intervals: reloaders.routing.intervals };
      return routingImpact(store.queries.recentAlerts(DEFAULT_IMPACT_ALERTS), running, draft, DEFAULT_IMPACT_ALERTS);
    },
  };
}

/** Silences and the notification log survive restarts only with engine.db; a data dir that
 *  cannot hold it must not stop the service (as with the state store), so the engine then
 *  keeps them in memory and says so. */
function openState(dataDir: string, log: Logger): EngineState | null {
  try {
    return new EngineState(dataDir);
  } catch (err) {
    log.error('engine.db could not be opened: silences and the notification log are kept in memory only (a restart may repeat notifications)', { error: (err as Error).message });
    return null;
  }
}
