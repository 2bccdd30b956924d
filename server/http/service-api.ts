// The service listener's API. Today: GET /healthz, and GET /api/v2/receivers as
// Alertmanager answers it (the names of the receivers the live notifier set holds — what
// the `receivers` component runs, not what the config file says). The alert ingest API
// joins it with the alert-service work; the listener component (reloaders/listener.ts)
// serves this handler on whatever address the config names, moving it live.
import type { RequestListener } from 'node:http';
import type { Logger } from '../log';
import { sendJson } from './errors';
import { Router } from './router';

export interface ServiceApiDeps {
  /** The live receivers (reloaders/receivers.ts `current`); null before the first reload. */
  liveReceivers?: () => ReadonlyMap<string, unknown> | null;
}

export function createServiceApi(log: Logger, deps: ServiceApiDeps = {}): RequestListener {
  return new Router()
    .on('GET', '/healthz', ({ res }) => sendJson(res, 200, { status: 'ok' }))
    .on('GET', '/api/v2/receivers', ({ res }) => sendJson(res, 200, [...(deps.liveReceivers?.()?.keys() ?? [])].map((name) => ({ name }))))
    .listener(log);
}
