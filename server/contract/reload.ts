// Reload records and events: what every reload leaves behind and what it says while it runs.
// The service writes them, the console relays them, the browser draws them.
import type { ChangeRecord, ConfigIssue } from './config';

export type { ChangeRecord, ConfigIssue } from './config';

export const PHASES = ['load', 'validate', 'diff', 'apply', 'reload', 'health'] as const;
export type PhaseName = (typeof PHASES)[number];

export type Trigger = 'sighup' | 'api' | 'poll' | 'startup';

export type ReloadStatus =
  | 'in_progress'
  | 'success'
  | 'noop'
  | 'load_failed'
  | 'validation_failed'
  | 'apply_failed'
  | 'rolled_back'
  | 'rollback_failed'
  /** The process died while this reload ran (found on the next start). */
  | 'interrupted';

export type StepStatus = 'success' | 'failed' | 'skipped' | 'timeout' | 'rolled_back' | 'rollback_failed';

export type ErrorType = 'load_failed' | 'validation_failed' | 'apply_failed' | 'reload_failed' | 'timeout' | 'rollback_failed';
export type RollbackReason = 'critical_failed' | 'timeout' | 'health_check_failed';

export interface PhaseRecord {
  name: PhaseName;
  status: StepStatus;
  duration_ms: number;
  error?: string;
}

export interface ComponentRecord {
  name: string;
  status: StepStatus;
  duration_ms: number;
  error?: string;
}

/** Where `commit` comes from. git: compared with HEAD; none: the file is in no repository;
 *  unknown: the lookup failed (no git binary, damaged .git) and `commit` is null. */
export type ProvenanceKind = 'git' | 'none' | 'unknown';

export interface ReloadRecord {
  id: number;
  trigger: Trigger;
  commit: string | null;
  dirty: boolean;
  /** Absent on records written before it existed. */
  provenance?: ProvenanceKind;
  config_hash: string | null;
  status: ReloadStatus;
  started_at: string;
  duration_ms: number;
  phases: PhaseRecord[];
  components: ComponentRecord[];
  changes: ChangeRecord[];
  error?: string;
  /** Located config errors (load/validation failures). */
  issues?: ConfigIssue[];
  warnings?: string[];
  rolled_back: boolean;
  rollback_reason?: RollbackReason;
}

/** Event names and payloads of the SSE stream (DESIGN §5). */
export interface ReloadEvents {
  'reload.started': { id: number; trigger: Trigger; commit: string | null };
  'phase.started': { id: number; phase: PhaseName };
  'phase.finished': { id: number; phase: PhaseName; status: StepStatus; duration_ms: number; error?: string };
  'component.finished': { id: number; component: string; status: StepStatus; duration_ms: number; error?: string };
  'rollback.started': { id: number; reason: RollbackReason; components: string[] };
  'rollback.finished': { id: number; status: 'success' | 'failed'; duration_ms: number; error?: string };
  'reload.finished': { id: number; status: ReloadStatus; duration_ms: number; record: ReloadRecord };
}
export type EventName = keyof ReloadEvents;
