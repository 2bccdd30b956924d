// The admin API (DESIGN §5), served on the admin listener, which is never reloaded: the
// console keeps talking to the service whatever the config does to the service listener.
// Handlers are a few lines each; the work lives in the coordinator, plan and config modules.
// Every call needs the admin token except /-/healthy, /-/ready and /metrics, which stay open
// as Prometheus and Alertmanager keep them (probes and scrapers carry no token): the running
// config, its history and its events tell an attacker what the service talks to.
import { readFile } from 'node:fs/promises';
import { stringify as toYaml } from 'yaml';
import { redactConfig } from '../config/secrets';
import { configJsonSchema } from '../config/schema';
import type { Logger } from '../log';
import type { ReloadCoordinator } from '../reload/coordinator';
import type { EventBus } from '../reload/events';
import type { ReloadMetrics } from '../reload/metrics';
import type { RunningConfig } from '../reload/run';
import type { RecordKeeper } from '../reload/record-keeper';
import type { ReloadRecord } from '../contract/reload';
import type { ServiceStatus } from '../contract/status';
import { requireToken } from './auth';
import { HttpError, sendJson, sendText } from './errors';
import { type Handler, type RequestContext, Router, readBody } from './router';
import { type OpenReload, isOpenReload } from './open-reload';
import { StreamCaps, type StreamLimits, streamEvents } from './sse';
import { type HistoryApiDeps, registerHistoryApi } from './history-api';

export interface AdminApiDeps {
  coordinator: ReloadCoordinator;
  events: EventBus;
  metrics: ReloadMetrics;
  store: Pick<RecordKeeper, 'history'>;
  token: string;
  configPath: string;
  /** Never throws (reload/provenance-guard.ts): `unknown` when git cannot be asked. */
  provenance: { lookup(bytes: string): Promise<{ commit: string | null; dirty: boolean; provenance?: string; error?: string }> };
  log: Logger;
  sseHeartbeatMs?: number;
  /** Caps on open event streams (sse.ts DEFAULT_STREAM_LIMITS when absent). */
  streamLimits?: StreamLimits;
  /** The process's identity for the status (the pid file carries the same nonce). */
  instance?: { pid: number; nonce: string };
  /** Standing problems of the process itself (a pid file not written), for the status. */
  warnings?: () => string[];
  /** Aborted at shutdown: event streams end so the admin listener can drain. */
  shutdown?: AbortSignal;
  /** `loopback`: POST /-/reload without the token from this host (open-reload.ts). */
  openReload?: OpenReload;
  /** The alert history and its event stream, behind the admin token (for the console). */
  history?: Pick<HistoryApiDeps, 'store' | 'events'>;
}

const SHA_RE = /^[0-9a-f]{7,40}$/;
const FAILED_CONFIG = new Set(['load_failed', 'validation_failed']);

export function createAdminApi(deps: AdminApiDeps): Router {
  const { coordinator, token } = deps;
  const rendered = new WeakMap<RunningConfig, { json: string; yaml: string }>();
  let schemaText: string | undefined;
  const streams = new StreamCaps(deps.streamLimits);
  const streamOptions = { heartbeatMs: deps.sseHeartbeatMs ?? 15_000, caps: streams, ...(deps.shutdown ? { until: deps.shutdown } : {}) };

  const authed = (handler: Handler): Handler => (ctx) => {
    requireToken(ctx.req, token);
    return handler(ctx);
  };

  const router = new Router()
    .on('GET', '/-/healthy', ({ res }) => sendText(res, 200, 'ok\n'))
    .on('GET', '/-/ready', ({ res }) =>
      coordinator.ready ? sendText(res, 200, 'ready\n') : sendText(res, 503, coordinator.running ? 'not ready: a rollback failed; the next successful reload restores readiness\n' : 'not ready: no config loaded yet\n'),
    )
    .on('GET', '/metrics', async ({ res }) => sendText(res, 200, await deps.metrics.metrics(), deps.metrics.contentType))
    .on('POST', '/-/reload', async (ctx) => {
      if (!isOpenReload(ctx.req, deps.openReload)) return authed((c) => reload(c, deps))(ctx);
      deps.log.info('reload requested without a token from this host (--admin-open-reload loopback)', { peer: ctx.req.socket.remoteAddress });
      return reload(ctx, deps);
    })
    .on('GET', '/api/v2/config/status', authed(({ res }) => sendJson(res, 200, status(deps))))
    .on(
      'GET',
      '/api/v2/config',
      authed(({ res, url }) => {
        const running = coordinator.running;
        if (!running) throw new HttpError(503, 'not_ready', 'no config is running yet');
        let r = rendered.get(running);
        if (!r) {
          // Rendered once per running config: the redacted view is what every GET returns.
          const redacted = redactConfig(running.config);
          rendered.set(running, (r = { json: JSON.stringify(redacted), yaml: toYaml(redacted) }));
        }
        const format = url.searchParams.get('format') ?? 'json';
        if (format === 'yaml') return sendText(res, 200, r.yaml, 'application/yaml; charset=utf-8');
        if (format !== 'json') throw new HttpError(400, 'bad_format', `format must be json or yaml, not "${format}"`);
        sendText(res, 200, r.json, 'application/json; charset=utf-8');
      }),
    )
    .on('GET', '/api/v2/config/schema', authed(({ res }) => sendText(res, 200, (schemaText ??= JSON.stringify(configJsonSchema())), 'application/schema+json; charset=utf-8')))
    .on(
      'POST',
      '/api/v2/config/plan',
      authed(async ({ req, res, url }) => {
        // Bytes, not text: the plan decodes them strictly and locates what is not UTF-8.
        const body = await readBody(req, 10 * 1024 * 1024, { decode: false });
        // ?detail=1: secrets resolved for real and preflight checks run (reload/plan.ts). Opt-in,
        // so that a caller relaying plans for others (the console) says what its users may know.
        sendJson(res, 200, await coordinator.plan(body, { detail: planDetail(url) }));
      }),
    )
    .on(
      'GET',
      '/api/v2/config/reload/history',
      authed(({ res, url }) => {
        const limit = intParam(url, 'limit');
        const before = intParam(url, 'before');
        sendJson(res, 200, deps.store.history({ ...(limit !== undefined ? { limit } : {}), ...(before !== undefined ? { before } : {}) }));
      }),
    )
    .on('GET', '/api/v2/config/reload/events', authed((ctx) => streamEvents(ctx, deps.events, streamOptions)));
  if (deps.history) {
    registerHistoryApi(router, {
      ...deps.history,
      // Alert labels and annotations are operational data: the admin listener shows them to the token holder only.
      guard: ({ req }) => requireToken(req, token),
      ...(deps.sseHeartbeatMs !== undefined ? { sseHeartbeatMs: deps.sseHeartbeatMs } : {}),
      ...(deps.shutdown ? { shutdown: deps.shutdown } : {}),
    });
  }
  return router;
}

async function reload({ req, res, url }: RequestContext, deps: AdminApiDeps): Promise<void> {
  // No body (the usual case) → queue at once: a burst of calls then joins one reload.
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  const expect = hasBody ? parseExpectCommit(await readBody(req, 64 * 1024)) : undefined;
  if (expect) await assertProvenance(expect, deps);
  if (deps.coordinator.closing) throw new HttpError(503, 'shutting_down', 'the service is shutting down: no new reload is started');

  const ticket = deps.coordinator.request('api');
  if (url.searchParams.get('async') === '1') {
    return sendJson(res, 202, { id: await ticket.started });
  }
  const record = await ticket.done;
  if (expect && (record.dirty || !record.commit?.startsWith(expect))) {
    throw new HttpError(409, 'commit_mismatch', `the reload loaded ${describe(record)}, not ${expect}: the file changed while the reload was queued`, { details: { expected: expect, commit: record.commit, dirty: record.dirty, record } });
  }
  if (record.status === 'success' || record.status === 'noop') return sendJson(res, 200, record);
  throw new HttpError(FAILED_CONFIG.has(record.status) ? 422 : 500, record.status, record.error ?? record.status, { details: { record } });
}

function planDetail(url: URL): boolean {
  const detail = url.searchParams.get('detail');
  if (detail === null || detail === '0') return false;
  if (detail === '1') return true;
  throw new HttpError(400, 'bad_detail', 'detail must be 1 (resolve secrets and run the preflight checks) or 0 (the default)');
}

function parseExpectCommit(body: string): string | undefined {
  if (!body.trim()) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new HttpError(400, 'bad_json', 'the body must be JSON like {"expect_commit": "<sha>"} or empty');
  }
  const value = (parsed as { expect_commit?: unknown } | null)?.expect_commit;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !SHA_RE.test(value)) throw new HttpError(400, 'bad_commit', 'expect_commit must be 7 to 40 lowercase hex characters');
  return value;
}

/** Refuse before reloading when the file on disk is not the expected commit. */
async function assertProvenance(expect: string, deps: AdminApiDeps): Promise<void> {
  const text = await readFile(deps.configPath, 'utf8').catch(() => null);
  if (text === null) return; // the reload itself reports the unreadable file
  const p = await deps.provenance.lookup(text);
  if (p.provenance === 'unknown') {
    throw new HttpError(409, 'commit_mismatch', `cannot tell which commit the config file is (${p.error ?? 'git failed'}): nothing was reloaded`, { details: { expected: expect, commit: null, dirty: false, provenance: 'unknown' } });
  }
  if (p.dirty || !p.commit?.startsWith(expect)) {
    throw new HttpError(409, 'commit_mismatch', `the config file is ${describe(p)}, not ${expect}: nothing was reloaded`, { details: { expected: expect, commit: p.commit, dirty: p.dirty } });
  }
}

function describe(p: { commit: string | null; dirty: boolean }): string {
  if (!p.commit) return 'not in a git repository';
  return p.dirty ? `edited by hand on top of ${p.commit.slice(0, 12)}` : `commit ${p.commit.slice(0, 12)}`;
}

function status({ coordinator, instance, warnings }: AdminApiDeps): ServiceStatus {
  const running = coordinator.running;
  const last: ReloadRecord | null = coordinator.lastRecord;
  return {
    version: running?.version ?? 0,
    status: last?.status ?? null,
    last_reload: last?.started_at ?? null,
    last_reload_unix: last ? Date.parse(last.started_at) / 1000 : null,
    last_reload_duration_ms: last?.duration_ms ?? null,
    last_reload_id: last?.id ?? null,
    commit: running?.commit ?? null,
    dirty: running?.dirty ?? false,
    provenance: running?.provenance ?? null,
    config_hash: running?.hash ?? null,
    in_progress: coordinator.inProgress,
    ready: coordinator.ready,
    source: running?.source ?? null,
    warnings: [...coordinator.warnings, ...(warnings?.() ?? [])],
    ...(instance ? { pid: instance.pid, instance: instance.nonce } : {}),
  };
}

function intParam(url: URL, name: string): number | undefined {
  const v = url.searchParams.get(name);
  if (v === null) return undefined;
  if (!/^\d+$/.test(v)) throw new HttpError(400, 'bad_parameter', `${name} must be a non-negative integer`);
  return Number(v);
}
