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

/** `POST /api/config` → 201. */
export interface ApplyResult {
  commit: string;
  reload: ReloadRecord;
}

/** `POST /api/history/{sha}/restore` → 201. */
export interface RestoreResult {
  commit: string;
  reload: ReloadRecord;
  /** True when HEAD already held that content: no commit was made, the service was still reloaded onto HEAD. */
  noop: boolean;
}

export interface HistoryEntry extends CommitInfo {
  reload: ReloadRecord | null;
}

/** `GET /api/history`. */
export interface HistoryPage {
  commits: HistoryEntry[];
  next_cursor: string | null;
  /** Set when the service could not be asked: commits are still listed, without reloads. */
  reloads_error?: { code: string; message: string };
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

/** `GET /api/status`. */
export interface ConsoleStatus extends ServiceStatus {
  head_commit: string;
  drift: Drift;
  /** Who the console commits as, "Name <email>" (the header shows it). */
  user: string;
}
