// `GET /api/v2/config/status` of the admin API, and the console's `/api/status` built on it.
import type { ProvenanceKind, ReloadRecord, ReloadStatus } from './reload';

/** What the service runs and how its last reload went. One declaration: the admin API
 *  builds it (server/http/admin-api.ts) and the console reads it. */
export interface ServiceStatus {
  /** +1 for every reload that changed the running config; 0 before the first. */
  version: number;
  /** Status of the last reload; null before the first finished. */
  status: ReloadStatus | null;
  last_reload: string | null;
  last_reload_unix: number | null;
  last_reload_duration_ms: number | null;
  last_reload_id: number | null;
  commit: string | null;
  dirty: boolean;
  /** Of the running config: `unknown` when git could not be asked (commit is then null). */
  provenance?: ProvenanceKind | null;
  config_hash: string | null;
  in_progress: boolean;
  ready: boolean;
  /** `last_good`: the file did not load at start and the service runs the last good config. */
  source: 'file' | 'last_good' | null;
  /** Standing problems that degrade reporting, not the service (state store down or
   *  replaced, last good config not saved, pid file not written). Empty when all is well. */
  warnings?: string[];
  /** The service process, and the nonce its pid file carries (to tell it from a reused pid). */
  pid?: number;
  instance?: string;
}

/** `GET /api/v2/config/reload/history`. */
export interface ReloadHistoryPage {
  records: ReloadRecord[];
  next_before: number | null;
}
