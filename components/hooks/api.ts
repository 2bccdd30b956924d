// The browser's client of the console API (DESIGN §7): one typed function per call, and one
// error type carrying the console's `{ error: { code, message, details }, ...fields }` body
// so a page can tell a stale base (409) or an invalid config (422) from an outage.
import type { ApplyResult, CommitDetail, ConsoleStatus, HeadConfig, HistoryEntry, HistoryPage, RestoreResult } from '../../server/contract/console';
import type { Plan } from '../../server/contract/plan';
import type { AlertHistoryPage, NotificationHistoryPage } from '../../server/contract/history';
import type { ConfigIssue, ReloadRecord } from '../../server/contract/reload';
import type { ReloadHistoryPage } from '../../server/contract/status';

// The response shapes are the contract's (type-only imports: nothing of the server reaches
// the browser bundle).
export type { Plan, PlanComponent } from '../../server/contract/plan';
export type { ApplyResult, CommitDetail, ConsoleStatus, HeadConfig, HistoryEntry, HistoryPage, RestoreResult };
export type { Drift } from '../../server/contract/console';
export type { AlertHistoryPage, HistoryAlert, HistoryNotification, NotificationHistoryPage, RoutingImpact } from '../../server/contract/history';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole response body, for the top-level fields of 409 and 422 answers. */
    readonly body: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** 409 on commit: HEAD moved since the edit started. */
  get conflict(): HeadConfig | null {
    const { head_commit, head_content } = this.body;
    if (this.status !== 409 || typeof head_commit !== 'string' || typeof head_content !== 'string') return null;
    return { commit: head_commit, content: head_content };
  }

  /**
   * The commit an apply or restore made before it failed (the service could not be
   * reloaded): the console says so in `error.details.commit`.
   */
  get committed(): string | null {
    const details = (this.body.error as { details?: { commit?: unknown } } | undefined)?.details;
    return typeof details?.commit === 'string' ? details.commit : null;
  }

  /** 422 on commit: the located errors of an invalid config. */
  get issues(): ConfigIssue[] {
    const errors = this.body.errors;
    return Array.isArray(errors) ? (errors as ConfigIssue[]) : [];
  }
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers: { Accept: 'application/json', ...init.headers }, cache: 'no-store' });
  } catch (err) {
    throw new ApiError(0, 'console_unreachable', `the console did not answer ${path}: is \`hotconf console\` still running? (${(err as Error).message})`, {});
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (res.ok && body !== null) return body as T;
  // The session ended (expired, signed out elsewhere, user removed): back to the sign-in page.
  if (res.status === 401 && typeof window !== 'undefined' && window.location.pathname !== '/signin') {
    window.location.assign(`/signin?next=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }
  const error = (body?.error ?? {}) as { code?: string; message?: string };
  throw new ApiError(res.status, error.code ?? `http_${res.status}`, error.message ?? `the console answered ${path} with HTTP ${res.status}`, body ?? {});
}

function postJson<T>(path: string, payload: unknown): Promise<T> {
  return request<T>(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) });
}

export const api = {
  status: () => request<ConsoleStatus>('/api/status'),
  headConfig: () => request<HeadConfig>('/api/config'),
  schema: () => request<Record<string, unknown>>('/api/schema'),
  plan: (content: string) => postJson<Plan>('/api/config/plan', { content }),
  apply: (input: { content: string; message: string; base_commit: string }) => postJson<ApplyResult>('/api/config', input),
  history: (cursor?: string | null) => request<HistoryPage>(`/api/history${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`),
  commit: (sha: string) => request<CommitDetail>(`/api/history/${encodeURIComponent(sha)}`),
  restore: (sha: string) => postJson<RestoreResult>(`/api/history/${encodeURIComponent(sha)}/restore`, {}),
  reloads: (limit: number) => request<ReloadHistoryPage>(`/api/reloads?limit=${limit}`),
  reload: (id: number) => request<ReloadRecord>(`/api/reloads/${id}`),
  alerts: (query: URLSearchParams) => request<AlertHistoryPage>(`/api/alerts?${query}`),
  notifications: (query: URLSearchParams) => request<NotificationHistoryPage>(`/api/alerts/notifications?${query}`),
};
