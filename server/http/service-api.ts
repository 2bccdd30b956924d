// The service listener's API: GET /healthz; GET /api/v2/receivers as Alertmanager answers
// it (the names of the receivers the live notifier set holds — what the `receivers`
// component runs, not what the config file says); and, when the service runs the alert
// engine, the ingest API (alerts-api.ts: POST /api/v2/alerts, POST /api/v1/webhook) and the
// rest of Alertmanager's API v2 (am-api/: status, alerts, alert groups, silences); and the
// history API (history-api.ts: GET /api/v2/history/alerts, /notifications, /commits). The
// listener component (reloaders/listener.ts) serves this handler on whatever address the
// config names, moving it live.
import type { RequestListener } from 'node:http';
import type { Logger } from '../log';
import { type AlertsApiDeps, registerAlertsApi } from './alerts-api';
import { type AlertmanagerApiDeps, registerAlertmanagerApi } from './am-api';
import { sendAm } from './am-api/respond';
import { type HistoryApiDeps, registerHistoryApi } from './history-api';
import { sendJson } from './errors';
import { Router } from './router';

export interface ServiceApiDeps {
  /** The live receivers (reloaders/receivers.ts `current`); null before the first reload. */
  liveReceivers?: () => ReadonlyMap<string, unknown> | null;
  /** The alert engine's ingest API; without it the listener takes no alerts. */
  alerts?: AlertsApiDeps;
  /** Alertmanager's read and silences API over the engine; without it, none. */
  alertmanager?: AlertmanagerApiDeps;
  /** The alert history; without it the listener serves none. The event stream is the admin
   *  listener's only (its subscribers are the console's, counted there). */
  history?: Omit<HistoryApiDeps, 'events'>;
}

export function createServiceApi(log: Logger, deps: ServiceApiDeps = {}): RequestListener {
  const router = new Router()
    .on('GET', '/healthz', ({ res }) => sendJson(res, 200, { status: 'ok' }))
    .on('GET', '/api/v2/receivers', ({ res }) => sendAm(res, 200, [...(deps.liveReceivers?.()?.keys() ?? [])].map((name) => ({ name }))));
  if (deps.alerts) registerAlertsApi(router, deps.alerts);
  if (deps.alertmanager) registerAlertmanagerApi(router, deps.alertmanager);
  if (deps.history) registerHistoryApi(router, deps.history);
  return router.listener(log);
}
