// A typed client of the service's admin API (DESIGN §5; shapes in ../contract). It is the only
// place the console talks to the service, so it is also the one place that turns "the
// service is down / slow / refused us" into an error an operator can act on.
import type { AlertHistoryPage, CommitActivity, NotificationHistoryPage } from '../contract/history';
import type { Plan } from '../contract/plan';
import type { ReloadRecord } from '../contract/reload';
import type { ReloadHistoryPage, ServiceStatus } from '../contract/status';
import { HttpError } from './errors';

export interface AdminClientOptions {
  baseUrl: string;
  token: string;
  /** Default per-call timeout; reloads get their own, longer one. */
  timeoutMs?: number;
  reloadTimeoutMs?: number;
}

interface CallOptions {
  method?: 'GET' | 'POST';
  body?: string;
  contentType?: string;
  timeoutMs?: number;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Statuses answered with the response instead of an error (default: 2xx). */
  acceptStatus?: (status: number) => boolean;
}

const DEFAULT_TIMEOUT_MS = 10_000;
// A reload answers when every phase is done; storage migrations and drains can take a while.
const DEFAULT_RELOAD_TIMEOUT_MS = 120_000;

export class AdminClient {
  readonly baseUrl: string;
  private readonly token: string;
  private readonly timeoutMs: number;
  private readonly reloadTimeoutMs: number;

  constructor(opts: AdminClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.token = opts.token;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.reloadTimeoutMs = opts.reloadTimeoutMs ?? DEFAULT_RELOAD_TIMEOUT_MS;
  }

  async status(): Promise<ServiceStatus> {
    return this.json<ServiceStatus>(await this.call('/api/v2/config/status'));
  }

  async schema(): Promise<unknown> {
    return this.json<unknown>(await this.call('/api/v2/config/schema'));
  }

  /** Dry run of a config text: the service loads, validates and diffs it; with `detail` it
   *  also resolves the secrets for real and runs the preflight checks — ask for it only for
   *  users allowed to apply (what a file, a variable or a port looks like is theirs to know). */
  async plan(yamlText: string, { detail = false }: { detail?: boolean } = {}): Promise<Plan> {
    const path = detail ? '/api/v2/config/plan?detail=1' : '/api/v2/config/plan';
    const res = await this.call(path, { method: 'POST', body: yamlText, contentType: 'text/yaml' });
    return this.json<Plan>(res);
  }

  async history(opts: { limit?: number; before?: number | null } = {}): Promise<ReloadHistoryPage> {
    const query = new URLSearchParams();
    if (opts.limit !== undefined) query.set('limit', String(opts.limit));
    if (opts.before !== undefined && opts.before !== null) query.set('before', String(opts.before));
    const qs = query.size > 0 ? `?${query}` : '';
    return this.json<ReloadHistoryPage>(await this.call(`/api/v2/config/reload/history${qs}`));
  }

  /**
   * Reload now and wait for the outcome. A reload the service ran but that failed
   * (rejected config, rollback) is an outcome, not an error: its record is returned. Errors
   * are what prevented a reload from running at all (409 commit_mismatch, auth, transport).
   */
  async reload(opts: { expectCommit?: string } = {}): Promise<ReloadRecord> {
    const body = opts.expectCommit ? JSON.stringify({ expect_commit: opts.expectCommit }) : undefined;
    const res = await this.call('/-/reload', {
      method: 'POST',
      body,
      contentType: body ? 'application/json' : undefined,
      timeoutMs: this.reloadTimeoutMs,
      acceptStatus: (s) => s === 200 || s === 422 || s === 500,
    });
    const payload = await this.json<ReloadRecord | ServiceErrorBody>(res);
    if (res.status === 200) return payload as ReloadRecord;
    const record = (payload as ServiceErrorBody).error?.details?.record;
    if (isRecord(record)) return record;
    throw serviceError(res.status, payload, '/-/reload');
  }

  /**
   * Opens the event stream. The caller owns the returned body and must cancel it (or abort
   * `signal`) when done. No timeout: the stream is meant to stay open.
   */
  async events(opts: { lastEventId?: string; signal?: AbortSignal } = {}): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (opts.lastEventId) headers['Last-Event-ID'] = opts.lastEventId;
    return this.call('/api/v2/config/reload/events', { headers, signal: opts.signal, timeoutMs: 0 });
  }

  /** A page of the alert history; `query` holds the history API's parameters. */
  async historyAlerts(query: URLSearchParams): Promise<AlertHistoryPage> {
    return this.historyPage<AlertHistoryPage>(`/api/v2/history/alerts?${query}`);
  }

  async historyNotifications(query: URLSearchParams): Promise<NotificationHistoryPage> {
    return this.historyPage<NotificationHistoryPage>(`/api/v2/history/notifications?${query}`);
  }

  /** The parameters are the operator's (a label filter typed on the Alerts page): the
   *  service's 400 about one of them is theirs to fix, so it stays a 400, word for word. */
  private async historyPage<T>(path: string): Promise<T> {
    const res = await this.call(path, { acceptStatus: (s) => s === 200 || s === 400 });
    const payload = await this.json<T | ServiceErrorBody>(res);
    if (res.status === 200) return payload as T;
    const error = (payload as ServiceErrorBody).error;
    throw new HttpError(400, error?.code ?? 'bad_parameter', error?.message ?? 'the service refused a parameter of this call', { details: error?.details });
  }

  /** Per commit (full shas): alerts its config routed, deliveries that failed under it. */
  async commitActivity(shas: readonly string[]): Promise<CommitActivity[]> {
    if (shas.length === 0) return [];
    const query = new URLSearchParams(shas.map((sha) => ['commit', sha]));
    return (await this.json<{ commits: CommitActivity[] }>(await this.call(`/api/v2/history/commits?${query}`))).commits;
  }

  /** Opens the alert event stream (alerts received, delivery attempts); as `events`. */
  async alertEvents(opts: { lastEventId?: string; signal?: AbortSignal } = {}): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (opts.lastEventId) headers['Last-Event-ID'] = opts.lastEventId;
    return this.call('/api/v2/history/events', { headers, signal: opts.signal, timeoutMs: 0 });
  }

  // ------------------------------------------------------------ transport

  private async call(path: string, opts: CallOptions = {}): Promise<Response> {
    const url = `${this.baseUrl}${path}`;
    // Every admin call but the probes needs the token (reads too: they show the running config).
    const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers, Authorization: `Bearer ${this.token}` };
    if (opts.contentType) headers['Content-Type'] = opts.contentType;
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const signals = [opts.signal, timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined].filter((s): s is AbortSignal => s !== undefined);
    let res: Response;
    try {
      res = await fetch(url, { method: opts.method ?? 'GET', headers, body: opts.body, signal: signals.length ? AbortSignal.any(signals) : undefined });
    } catch (err) {
      throw transportError(err, this.baseUrl, path, timeoutMs);
    }
    const accepted = opts.acceptStatus ? opts.acceptStatus(res.status) : res.ok;
    if (accepted) return res;
    const payload = await res.json().catch(() => null);
    throw serviceError(res.status, payload, path);
  }

  private async json<T>(res: Response): Promise<T> {
    try {
      // The service is ours and versioned with the console; its shapes are trusted as typed.
      return (await res.json()) as T;
    } catch (err) {
      throw new HttpError(502, 'service_bad_response', `the service at ${this.baseUrl} answered ${res.url ? new URL(res.url).pathname : ''} with something that is not JSON: is HOTCONF_SERVICE_URL the admin listener?`, { cause: err });
    }
  }
}

interface ServiceErrorBody {
  error?: { code?: string; message?: string; details?: Record<string, unknown> };
}

function isRecord(value: unknown): value is ReloadRecord {
  return typeof value === 'object' && value !== null && 'id' in value && 'status' in value;
}

/** Fetch failed before any answer: refused, reset, DNS, or our own timeout. */
function transportError(err: unknown, baseUrl: string, path: string, timeoutMs: number): HttpError {
  const name = err instanceof Error ? err.name : '';
  if (name === 'TimeoutError') {
    return new HttpError(504, 'service_timeout', `the service at ${baseUrl} did not answer ${path} within ${seconds(timeoutMs)}: it may be overloaded or stuck; check its log`, { cause: err });
  }
  if (name === 'AbortError') {
    return new HttpError(499, 'aborted', `the request to ${path} was cancelled`, { cause: err });
  }
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : '';
  return new HttpError(502, 'service_unreachable', `service unreachable at ${baseUrl}: is \`hotconf serve\` running?${cause ? ` (${cause})` : ''}`, { cause: err });
}

/** The service answered with an error: keep its code and message, add who said it. */
function serviceError(status: number, payload: unknown, path: string): HttpError {
  const body = (payload ?? {}) as ServiceErrorBody;
  const code = body.error?.code ?? `service_${status}`;
  const message = body.error?.message ?? `the service answered ${path} with HTTP ${status}`;
  if (status === 401 || status === 403) {
    return new HttpError(502, 'service_auth', `the service refused the console's admin token (${status}): HOTCONF_ADMIN_TOKEN must equal the service's token`);
  }
  if (status === 409) return new HttpError(409, code, message, { details: body.error?.details });
  // 4xx from the service means the console sent something it should not have; 5xx is the
  // service failing. Either way the console's caller sees a bad gateway with the reason.
  return new HttpError(502, code, `the service answered ${path} with ${status}: ${message}`, { details: body.error?.details });
}

/** 300 → "0.3 s", 120000 → "120 s". */
function seconds(ms: number): string {
  return `${ms < 10_000 ? Number((ms / 1000).toFixed(1)) : Math.round(ms / 1000)} s`;
}
