// The history API: GET /api/v2/history/alerts and /api/v2/history/notifications, pages of
// the alert history newest first, plus GET /api/v2/history/commits (what each commit's
// config routed and how many of its deliveries failed) and the live event stream.
//
// Mounted on the service listener (DESIGN §5 puts it beside the Alertmanager API, where
// Grafana and scripts already point) and on the admin listener behind the admin token: the
// console knows only the admin address, which never moves, so its Alerts page keeps
// working while a reload moves the service listener. The handlers are the same.
//
// Every parameter is checked before any query runs; a bad one is a 400 that names it and
// says what to write instead. An unknown parameter is refused too: a typo must not
// silently widen the page.
import { MatcherError, parseMatchers, type Matcher } from '../config/matchers';
import type { AlertHistoryPage, AlertEvents, NotificationHistoryPage } from '../contract/history';
import type { AlertStore } from '../alerts/alert-store';
import { MAX_PAGE, type AlertFilter, type Cursor, type HistoryFilter, type NotificationFilter } from '../alerts/history/queries';
import type { EventBus } from '../reload/events';
import { HttpError, sendJson } from './errors';
import type { RequestContext, Router } from './router';
import { streamEvents } from './sse';

export interface HistoryApiDeps {
  /** The storage component's live store; null before the first reload. */
  store(): AlertStore | null;
  /** Alerts received and delivery attempts, as they happen. */
  events?: EventBus<AlertEvents>;
  /** Called first on every request (the admin listener checks its token here). */
  guard?: (ctx: RequestContext) => void;
  sseHeartbeatMs?: number;
  shutdown?: AbortSignal;
}

const DEFAULT_LIMIT = 100;
const COMMON = ['filter', 'receiver', 'commit', 'from', 'to', 'limit', 'cursor', 'status'];
const SHA_PREFIX = /^[0-9a-f]{7,40}$/;
const MAX_COMMITS = 200;

export function registerHistoryApi(router: Router, deps: HistoryApiDeps): Router {
  const guarded = (handler: (ctx: RequestContext) => Promise<void> | void) => (ctx: RequestContext) => {
    deps.guard?.(ctx);
    return handler(ctx);
  };
  router
    .on(
      'GET',
      '/api/v2/history/alerts',
      guarded(({ res, url }) => {
        allowOnly(url, COMMON);
        const filter: AlertFilter = { ...common(url), ...oneOf(url, 'status', ['firing', 'resolved'] as const) };
        const page = liveStore(deps).queries.alerts(filter);
        sendJson(res, 200, { alerts: page.items, next_cursor: encodeCursor(page.next) } satisfies AlertHistoryPage);
      }),
    )
    .on(
      'GET',
      '/api/v2/history/notifications',
      guarded(({ res, url }) => {
        allowOnly(url, [...COMMON, 'integration']);
        const integration = url.searchParams.get('integration');
        const filter: NotificationFilter = { ...common(url), ...oneOf(url, 'status', ['delivered', 'failed'] as const), ...(integration !== null ? { integration } : {}) };
        const page = liveStore(deps).queries.notifications(filter);
        sendJson(res, 200, { notifications: page.items, next_cursor: encodeCursor(page.next) } satisfies NotificationHistoryPage);
      }),
    )
    .on(
      'GET',
      '/api/v2/history/commits',
      guarded(({ res, url }) => {
        allowOnly(url, ['commit']);
        const commits = url.searchParams.getAll('commit');
        if (commits.length > MAX_COMMITS) throw bad('commit', `at most ${MAX_COMMITS} commits per call`);
        for (const c of commits) if (!/^[0-9a-f]{40}$/.test(c)) throw bad('commit', `${JSON.stringify(c.slice(0, 60))} is not a full commit sha (40 lowercase hex digits)`);
        sendJson(res, 200, { commits: liveStore(deps).queries.activity(commits) });
      }),
    );
  const events = deps.events;
  if (events) {
    router.on(
      'GET',
      '/api/v2/history/events',
      guarded((ctx) => streamEvents(ctx, events, { heartbeatMs: deps.sseHeartbeatMs ?? 15_000, ...(deps.shutdown ? { until: deps.shutdown } : {}) })),
    );
  }
  return router;
}

function liveStore(deps: HistoryApiDeps): AlertStore {
  const store = deps.store();
  if (!store?.open) throw new HttpError(503, 'not_ready', 'the alert history is not open yet: the service is starting');
  return store;
}

function common(url: URL): HistoryFilter {
  const receiver = url.searchParams.get('receiver');
  const commit = url.searchParams.get('commit');
  if (commit !== null && !SHA_PREFIX.test(commit)) throw bad('commit', `${JSON.stringify(commit.slice(0, 60))} is not a commit: give 7 to 40 lowercase hex digits`);
  const from = time(url, 'from');
  const to = time(url, 'to');
  if (from !== undefined && to !== undefined && from >= to) throw bad('from', 'from must be before to');
  const cursor = url.searchParams.get('cursor');
  return {
    matchers: matchers(url.searchParams.getAll('filter')),
    limit: limit(url),
    ...(receiver !== null ? { receiver } : {}),
    ...(commit !== null ? { commit } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(cursor !== null ? { cursor: decodeCursor(cursor) } : {}),
  };
}

/** Alertmanager's matcher syntax, as its `filter` parameter takes it: one or more per value. */
function matchers(values: readonly string[]): Matcher[] {
  return values.flatMap((value) => {
    try {
      const parsed = parseMatchers(value);
      if (parsed.length === 0) throw new MatcherError('it holds no matcher');
      return parsed;
    } catch (err) {
      throw bad('filter', `${JSON.stringify(value.slice(0, 200))} is not a label matcher (${(err as Error).message}): write e.g. filter=alertname="HighLatency" or filter=severity=~"critical|page"`);
    }
  });
}

function limit(url: URL): number {
  const v = url.searchParams.get('limit');
  if (v === null) return DEFAULT_LIMIT;
  if (!/^\d{1,7}$/.test(v) || Number(v) < 1 || Number(v) > MAX_PAGE) throw bad('limit', `limit must be a whole number from 1 to ${MAX_PAGE}, not ${JSON.stringify(v.slice(0, 20))}`);
  return Number(v);
}

/** RFC 3339 (`2024-05-01T10:00:00Z`) or unix seconds (`1714557600`, `1714557600.5`). */
function time(url: URL, name: string): number | undefined {
  const v = url.searchParams.get(name);
  if (v === null) return undefined;
  const ms = /^\d{1,12}(\.\d{1,9})?$/.test(v) ? Math.round(Number(v) * 1000) : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) throw bad(name, `${JSON.stringify(v.slice(0, 60))} is not a time: write RFC 3339 (2024-05-01T10:00:00Z) or unix seconds`);
  return ms;
}

function oneOf<T extends string>(url: URL, name: string, allowed: readonly T[]): { status?: T } {
  const v = url.searchParams.get(name);
  if (v === null) return {};
  if (!(allowed as readonly string[]).includes(v)) throw bad(name, `${name} must be ${allowed.join(' or ')}, not ${JSON.stringify(v.slice(0, 40))}`);
  return { status: v as T };
}

function allowOnly(url: URL, known: readonly string[]): void {
  for (const name of url.searchParams.keys()) {
    if (!known.includes(name)) throw bad(name, `unknown parameter ${JSON.stringify(name.slice(0, 40))}: this endpoint takes ${known.join(', ')}`);
  }
}

/** The cursor is opaque to clients: a version tag and the (time, id) the page ended at. */
export function encodeCursor(c: Cursor | null): string | null {
  return c ? Buffer.from(`h1:${c.at}:${c.id}`).toString('base64url') : null;
}

function decodeCursor(text: string): Cursor {
  const m = /^h1:(\d{1,16}):(\d{1,16})$/.exec(Buffer.from(text, 'base64url').toString('latin1'));
  if (!m || text.length > 64) throw bad('cursor', 'the cursor is not one this service gave out: pass next_cursor from the previous page unchanged, or leave it out to start at the newest');
  return { at: Number(m[1]), id: Number(m[2]) };
}

function bad(parameter: string, message: string): HttpError {
  return new HttpError(400, 'bad_parameter', `${parameter}: ${message}`, { details: { parameter } });
}
