// The ingest API on the service listener: POST /api/v2/alerts (Alertmanager API v2, what
// Prometheus sends) and POST /api/v1/webhook (Alertmanager's webhook payload, version 4, so
// hotconf can sit behind an existing Alertmanager). In front of both, the ingest gate of the
// live config: rate limit (429 with Retry-After), authentication (401), body size (413,
// counted as it streams). A malformed body is a 400 that names the alert and the field; the
// valid alerts of a body with invalid ones are still taken, as Alertmanager does.
import type { AlertEngine } from '../alerts/engine/engine';
import type { EngineMetrics, IngestVersion } from '../alerts/engine-metrics';
import type { HistoryWriter } from '../alerts/engine/history-writer';
import { PostedAlertsError, readPostedAlerts } from '../alerts/engine/posted-alerts';
import type { Alert, PostedAlert } from '../alerts/engine/alert';
import type { IngestGate } from '../alerts/ingest-gate';
import { HttpError, sendJson } from './errors';
import { type RequestContext, type Router, readBody } from './router';

export interface AlertsApiDeps {
  /** The live ingest gate; null while the ingest component has not started. */
  gate(): IngestGate | null;
  engine: AlertEngine;
  history: HistoryWriter;
  /** The commit of the config routing alerts now (null: not from git). */
  commit(): string | null;
  metrics: EngineMetrics;
}

export function registerAlertsApi(router: Router, deps: AlertsApiDeps): Router {
  return router
    .on('POST', '/api/v2/alerts', async (ctx) => counted(deps, 'v2', () => take(ctx, deps, readAlertsBody, 'v2')))
    .on('POST', '/api/v1/webhook', async (ctx) => counted(deps, 'v1', () => take(ctx, deps, readWebhookBody, 'v1')));
}

type ReadBody = (body: unknown) => { alerts: PostedAlert[]; problems: string[] };

/** Every request is timed and every refusal counted by its reason, whichever step refused. */
async function counted(deps: AlertsApiDeps, version: IngestVersion, run: () => Promise<void>): Promise<void> {
  const started = performance.now();
  try {
    await run();
  } catch (err) {
    deps.metrics.ingestRejected(err instanceof HttpError ? err.code : 'other');
    throw err;
  } finally {
    deps.metrics.ingestRequest(version, (performance.now() - started) / 1000);
  }
}

async function take(ctx: RequestContext, deps: AlertsApiDeps, read: ReadBody, version: IngestVersion): Promise<void> {
  const gate = deps.gate();
  if (!gate) throw new HttpError(503, 'not_ready', 'the ingest API is not ready yet: the service is starting');
  if (!gate.tryTake()) {
    ctx.res.setHeader('retry-after', String(Math.max(1, Math.ceil(1 / gate.requestsPerSecond))));
    throw new HttpError(429, 'rate_limited', `more than ${gate.requestsPerSecond} requests per second (burst ${gate.burst}): slow down and retry`);
  }
  if (!gate.authenticate(ctx.req.headers)) throw new HttpError(401, 'unauthorized', 'send the ingest API key as Authorization: Bearer <key> or X-API-Key');
  const body = parseJson(await readBytes(ctx, gate.maxBodyBytes));
  let read_: { alerts: PostedAlert[]; problems: string[] };
  try {
    read_ = read(body);
  } catch (err) {
    if (err instanceof PostedAlertsError) throw new HttpError(400, 'bad_alerts', err.message, { details: { problems: err.problems } });
    throw err;
  }
  // The answer goes out before the alerts are held, routed and recorded: that work is still
  // done in this same turn of the event loop (so the config in force now routes them, and
  // no reload can come between), but the sender, on the other core, is already on its next
  // request meanwhile. Holding takes every valid alert (a merge into the held ones, in
  // memory), so the count is known before it runs.
  const { alerts, problems } = read_;
  if (problems.length === 0) sendJson(ctx.res, 200, { accepted: alerts.length });
  const held = deps.engine.hold(alerts);
  record(deps, version, held, problems.length);
  if (problems.length > 0) throw new HttpError(400, 'bad_alerts', problems.join('; '), { details: { problems, accepted: held.length } });
}

/** Routes the held alerts and writes them to the history, with the commit routing them. */
function record(deps: AlertsApiDeps, version: IngestVersion, held: readonly Alert[], invalid: number): void {
  const commit = deps.commit();
  const now = Date.now();
  const receivedAt = new Date(now).toISOString();
  let resolvedCount = 0;
  for (const a of held) {
    const receivers = deps.engine.route(a);
    const resolved = a.endsAt <= now;
    if (resolved) resolvedCount++;
    deps.history.alert({ fingerprint: a.fingerprint, status: resolved ? 'resolved' : 'firing', labels: a.labels, annotations: a.annotations, startsAt: new Date(a.startsAt).toISOString(), endsAt: resolved ? new Date(a.endsAt).toISOString() : null, receivedAt, commit, receivers });
  }
  deps.metrics.alertsReceived(version, held.length - resolvedCount, resolvedCount);
  deps.metrics.alertsInvalid(version, invalid);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readBytes(ctx: RequestContext, limit: number): Promise<Buffer> {
  return readBody(ctx.req, limit, { decode: false });
}

function parseJson(raw: Buffer | string): unknown {
  let text: string;
  try {
    text = typeof raw === 'string' ? raw : utf8.decode(raw);
  } catch {
    throw new HttpError(400, 'bad_encoding', 'the body is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpError(400, 'bad_json', `the body is not JSON: ${(err as Error).message}`);
  }
}

const readAlertsBody = (body: unknown) => readPostedAlerts(body);

/** Alertmanager's webhook payload (version 4): its alerts, read as posted alerts. */
function readWebhookBody(body: unknown): { alerts: PostedAlert[]; problems: string[] } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new PostedAlertsError(['the body must be an Alertmanager webhook payload: {"version": "4", "alerts": [...]}']);
  const payload = body as { version?: unknown; alerts?: unknown };
  if (payload.version !== '4') throw new PostedAlertsError([`version: must be "4" (Alertmanager's webhook payload), not ${JSON.stringify(payload.version)}`]);
  if (!Array.isArray(payload.alerts)) throw new PostedAlertsError(['alerts: must be a list']);
  // Firing alerts carry Go's zero time as endsAt: the posted-alerts reader reads it as unset.
  const alerts = payload.alerts.map((a) => {
    if (a === null || typeof a !== 'object') return a;
    const { labels, annotations, startsAt, endsAt, generatorURL } = a as Record<string, unknown>;
    return { labels, annotations, startsAt, endsAt, generatorURL };
  });
  return readPostedAlerts(alerts);
}
