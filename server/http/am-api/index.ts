// Alertmanager's API v2 on the service listener, beside the ingest API (alerts-api.ts), so
// that amtool, Grafana's Alertmanager data source and Prometheus talk to hotconf as they do
// to Alertmanager 0.25: status, alerts and alert groups, silences. Every handler answers
// its errors as Alertmanager does (respond.ts).
import type { AlertEngine } from '../../alerts/engine/engine';
import type { IngestGate } from '../../alerts/ingest-gate';
import type { RouteTree } from '../../alerts/route-tree';
import type { RunningConfig } from '../../reload/run';
import type { Router } from '../router';
import { getAlertGroups, getAlerts } from './alerts-read';
import { amErrors } from './respond';
import { SILENCE_PATH, deleteSilence, getSilence, getSilences, postSilence } from './silences';
import { getStatus } from './status';

export interface AlertmanagerApiDeps {
  engine: AlertEngine;
  /** The live ingest gate: writes (silences) follow its authentication. */
  gate(): IngestGate | null;
  /** The live route tree: which receivers an alert goes to. */
  tree(): RouteTree | null;
  /** The running config, for the status. */
  running(): RunningConfig | null;
  /** The config file's directory. */
  configDir: string;
}

export function registerAlertmanagerApi(router: Router, deps: AlertmanagerApiDeps): Router {
  return router
    .on('GET', '/api/v2/status', amErrors((ctx) => getStatus(ctx, deps)))
    .on('GET', '/api/v2/alerts', amErrors((ctx) => getAlerts(ctx, deps)))
    .on('GET', '/api/v2/alerts/groups', amErrors((ctx) => getAlertGroups(ctx, deps)))
    .on('GET', '/api/v2/silences', amErrors((ctx) => getSilences(ctx, deps)))
    .on('POST', '/api/v2/silences', amErrors((ctx) => postSilence(ctx, deps)))
    .onPrefix('GET', SILENCE_PATH, amErrors((ctx) => getSilence(ctx, deps)))
    .onPrefix('DELETE', SILENCE_PATH, amErrors((ctx) => deleteSilence(ctx, deps)));
}
