// History = the config repository's commits joined with the service's reload records, so each
// commit says whether (and how) it was applied. The join key is the commit sha a record was
// loaded from; the newest record of a commit wins. Records of a hand-edited file (dirty) are
// not that commit's content and are left out of the join.
import { assertUserRef } from '../git/refs';
import type { CommitDetail, CommitInfo, HistoryEntry, HistoryPage } from '../contract/console';
import type { ReloadRecord } from '../contract/reload';
import type { CommitActivity } from '../contract/history';
import type { AdminClient } from './admin-client';
import type { ConsoleContext } from './context';
import { HttpError } from './errors';
import { queryInt } from './request';

export interface JoinBounds {
  /** Records asked for per page of the service's history. */
  pageSize: number;
  /** Most pages read for one join: a history page must stay an interactive call. */
  maxPages: number;
  /** Commit dates have second precision and may come from another machine's clock. */
  clockSlackMs: number;
}

export const DEFAULT_BOUNDS: JoinBounds = { pageSize: 200, maxPages: 10, clockSlackMs: 60_000 };

/** ?cursor=<sha>&limit=<1..200> of GET /api/history. */
export function historyQuery(query: URLSearchParams): { cursor: string | null; limit: number | undefined } {
  return { cursor: query.get('cursor') || null, limit: queryInt(query, 'limit', 1, 200) };
}

export async function listHistory(ctx: ConsoleContext, opts: { cursor?: string | null; limit?: number } = {}): Promise<HistoryPage> {
  const cursor = opts.cursor ? assertUserRef(opts.cursor) : null;
  const repo = await ctx.repo();
  const page = await repo.log({ limit: opts.limit, cursor });
  const [joined, activity] = await Promise.all([joinOrExplain(ctx.admin, page.commits), activityOrExplain(ctx.admin, page.commits)]);
  const commits = page.commits.map((c) => {
    const a = activity.bySha.get(c.sha);
    return { ...c, reload: joined.reloads.get(c.sha) ?? null, ...(a ? { activity: { alerts: a.alerts, failed_deliveries: a.failed_deliveries } } : {}) };
  });
  return { commits, next_cursor: page.nextCursor, ...joined.error, ...activity.error };
}

/** Alerts routed and deliveries failed per commit, from the service's alert history. */
async function activityOrExplain(admin: AdminClient, commits: ReadonlyArray<Pick<CommitInfo, 'sha'>>): Promise<{ bySha: Map<string, CommitActivity>; error: { activity_error?: { code: string; message: string } } }> {
  try {
    const found = await admin.commitActivity(commits.map((c) => c.sha));
    return { bySha: new Map(found.map((a) => [a.commit, a])), error: {} };
  } catch (err) {
    const http = err instanceof HttpError ? err : new HttpError(502, 'service_unreachable', String(err));
    return { bySha: new Map(), error: { activity_error: { code: http.code, message: http.message } } };
  }
}

export async function commitDetail(ctx: ConsoleContext, sha: string): Promise<CommitDetail> {
  const ref = assertUserRef(sha);
  const repo = await ctx.repo();
  const shown = await repo.show(ref);
  const joined = await joinOrExplain(ctx.admin, [shown.commit]);
  return {
    sha: shown.commit.sha,
    content: shown.content,
    parent: shown.parent,
    parent_content: shown.parentContent,
    diff: shown.diff,
    commit: shown.commit,
    reload: joined.reloads.get(shown.commit.sha) ?? null,
    ...joined.error,
  };
}

/**
 * Newest reload record per commit, reading the service's history (newest first) page by page
 * until every commit is found, the records are older than the oldest commit (a reload never
 * precedes its commit), the history ends, or the page bound is reached.
 */
export async function newestReloads(
  admin: Pick<AdminClient, 'history'>,
  commits: ReadonlyArray<Pick<CommitInfo, 'sha' | 'date'>>,
  bounds: JoinBounds = DEFAULT_BOUNDS,
): Promise<Map<string, ReloadRecord>> {
  const found = new Map<string, ReloadRecord>();
  const wanted = new Set(commits.map((c) => c.sha));
  if (wanted.size === 0) return found;
  const oldest = Math.min(...commits.map((c) => Date.parse(c.date)));
  const cutoff = Number.isNaN(oldest) ? -Infinity : oldest - bounds.clockSlackMs;
  let before: number | null = null;
  for (let page = 0; page < bounds.maxPages; page++) {
    const { records, next_before } = await admin.history({ limit: bounds.pageSize, before });
    for (const record of records) {
      if (record.commit && !record.dirty && wanted.has(record.commit) && !found.has(record.commit)) found.set(record.commit, record);
    }
    const last = records[records.length - 1];
    if (found.size === wanted.size || next_before === null || !last || Date.parse(last.started_at) < cutoff) break;
    before = next_before;
  }
  return found;
}

/** The service being down must not hide git history: say why reloads are missing instead. */
async function joinOrExplain(
  admin: AdminClient,
  commits: ReadonlyArray<Pick<CommitInfo, 'sha' | 'date'>>,
): Promise<{ reloads: Map<string, ReloadRecord>; error: { reloads_error?: { code: string; message: string } } }> {
  try {
    return { reloads: await newestReloads(admin, commits), error: {} };
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    return { reloads: new Map(), error: { reloads_error: { code: err.code, message: err.message } } };
  }
}
