// The console API's answers (DESIGN §7), as the browser reads them.
import type { ReloadRecord } from './reload';
import type { ServiceStatus } from './status';

export interface HeadConfig {
  content: string;
  commit: string;
}

/** One commit of the config repository. */
export interface CommitInfo {
  sha: string;
  short: string;
  author: string;
  email: string;
  /** Author date, strict ISO 8601. */
  date: string;
  subject: string;
  body: string;
}

/** The commit that landed on top of an apply's (or restore's) commit before its reload ran. */
export interface SupersededBy {
  commit: string;
  short: string;
  author: string;
  date: string;
  subject: string;
}

/**
 * `POST /api/config` → 201: `commit` landed. `reload` is the service's reload of it — or,
 * when `superseded_by` is set, of that newer HEAD: another commit landed on top of ours
 * before our reload ran, the service was brought onto HEAD (which descends from ours)
 * instead, and `reload.commit` is HEAD's sha.
 */
export interface ApplyResult {
  commit: string;
  reload: ReloadRecord;
  superseded_by?: SupersededBy;
}

/** `POST /api/history/{sha}/restore` → 201; `reload` and `superseded_by` as for an apply. */
export interface RestoreResult {
  commit: string;
  reload: ReloadRecord;
  superseded_by?: SupersededBy;
  /** True when HEAD already held that content: no commit was made, the service was still reloaded onto HEAD. */
  noop: boolean;
}

export interface HistoryEntry extends CommitInfo {
  reload: ReloadRecord | null;
  /** What this commit's config did to alerts (absent when the service could not say). */
  activity?: { alerts: number; failed_deliveries: number };
}

/** `GET /api/history`. */
export interface HistoryPage {
  commits: HistoryEntry[];
  next_cursor: string | null;
  /** Set when the service could not be asked: commits are still listed, without reloads. */
  reloads_error?: { code: string; message: string };
  /** Set when the alert history could not be asked: commits are listed without activity. */
  activity_error?: { code: string; message: string };
}

/** `GET /api/history/{sha}`. */
export interface CommitDetail {
  sha: string;
  content: string;
  parent: string | null;
  parent_content: string | null;
  diff: string;
  commit: CommitInfo;
  reload: ReloadRecord | null;
  reloads_error?: { code: string; message: string };
}

/**
 * none: the service runs HEAD, byte for byte.
 * behind: it runs another commit (HEAD moved and no reload followed, or HEAD failed to load
 *   and the service kept or fell back to an older one).
 * dirty: its file was edited by hand after the last commit (what `kill -HUP` after an edit gives).
 */
export type Drift = 'none' | 'behind' | 'dirty';

/**
 * What a reconcile found and did (server/console/reconcile.ts has the rules):
 * in_step: the service runs HEAD. reloaded: it did not, and the console reloaded it onto
 * HEAD (`record`, whatever its outcome). rejected: its newest reload was of HEAD and failed,
 * so it was not retried. file_differs: the config file on disk is not HEAD's content (a hand
 * edit, or a commit being written), so nothing was reloaded. behind: after a failed commit
 * attempt only, the service is behind HEAD, which another console is reloading. failed: the
 * service could not be asked or reloaded (`error`).
 */
export type ReconcileState = 'in_step' | 'reloaded' | 'rejected' | 'file_differs' | 'behind' | 'failed';

/** Why a reconcile ran: the console started, a signal failed, a commit attempt failed,
 *  another commit superseded ours before its reload, or someone asked (POST /api/reconcile). */
export type ReconcileReason = 'start' | 'failed_signal' | 'failed_commit' | 'superseded' | 'requested';

export interface ReconcileOutcome {
  state: ReconcileState;
  /** HEAD when last looked at. */
  head: string | null;
  /** What the service runs (its commit; `dirty` when not that commit's bytes). */
  running: { commit: string | null; dirty: boolean } | null;
  /** The reload the console ran, if it ran one. */
  record: ReloadRecord | null;
  error?: { code: string; message: string };
  at: string;
}

/** `GET /api/status`. */
export interface ConsoleStatus extends ServiceStatus {
  head_commit: string;
  drift: Drift;
  /** Who the console commits as, "Name <email>" (the header shows it). */
  user: string;
  /** This console process's newest reconcile; null before the first. */
  reconcile: (ReconcileOutcome & { reason: ReconcileReason }) | null;
}
