// The service listener's API. Today: GET /healthz. The alert ingest API joins it with the
// alert-service work; the listener component (reloaders/listener.ts) serves this handler on
// whatever address the config names, moving it live.
import type { RequestListener } from 'node:http';
import type { Logger } from '../log';
import { sendJson } from './errors';
import { Router } from './router';

export function createServiceApi(log: Logger): RequestListener {
  return new Router().on('GET', '/healthz', ({ res }) => sendJson(res, 200, { status: 'ok' })).listener(log);
}
