// One reload as the reload view shows it, built either event by event from the live stream
// or at once from a finished record. Pure: the store and the views only call these.
import type { EventName, ReloadEvents, ReloadRecord, ReloadStatus, RollbackReason, StepStatus, Trigger } from '../../server/contract/reload';
import type { PhaseStep } from './waterfall';
import type { StepState } from './verdict';

export type ReloadEvent = { [K in EventName]: { name: K; data: ReloadEvents[K] } }[EventName];

export interface ComponentStep {
  name: string;
  state: StepState;
  duration_ms: number;
  error?: string;
}

export interface RollbackStep {
  state: 'running' | 'success' | 'failed';
  reason?: RollbackReason;
  components: string[];
  duration_ms?: number;
  error?: string;
}

export interface ReloadProgress {
  id: number;
  trigger: Trigger | null;
  commit: string | null;
  status: ReloadStatus;
  /** Phases in the order they started. */
  phases: PhaseStep[];
  /** Components in the order they finished (the stream has no component.started). */
  components: ComponentStep[];
  rollback: RollbackStep | null;
  duration_ms: number | null;
  /** The service's record, once the reload finished. */
  record: ReloadRecord | null;
}

export function emptyProgress(id: number): ReloadProgress {
  return { id, trigger: null, commit: null, status: 'in_progress', phases: [], components: [], rollback: null, duration_ms: null, record: null };
}

/** Folds one event into the reload it belongs to (events of other reloads are the caller's to route). */
export function applyEvent(state: ReloadProgress | undefined, event: ReloadEvent): ReloadProgress {
  const current = state ?? emptyProgress(event.data.id);
  switch (event.name) {
    case 'reload.started':
      return { ...current, trigger: event.data.trigger, commit: event.data.commit };
    case 'phase.started':
      return { ...current, phases: upsert(current.phases, { name: event.data.phase, state: 'running', duration_ms: 0 }) };
    case 'phase.finished': {
      const { phase, status, duration_ms, error } = event.data;
      return { ...current, phases: upsert(current.phases, withError({ name: phase, state: status, duration_ms }, error)) };
    }
    case 'component.finished': {
      const { component, status, duration_ms, error } = event.data;
      return { ...current, components: upsert(current.components, withError({ name: component, state: status, duration_ms }, error)) };
    }
    case 'rollback.started':
      return { ...current, rollback: { state: 'running', reason: event.data.reason, components: event.data.components } };
    case 'rollback.finished': {
      const { status, duration_ms, error } = event.data;
      const rollback = withError({ ...(current.rollback ?? { components: [] }), state: status, duration_ms }, error);
      return { ...current, rollback };
    }
    case 'reload.finished':
      return { ...fromRecord(event.data.record), rollback: finalRollback(current.rollback, event.data.record) };
  }
}

/** A finished reload, from its record alone (a reload that ended before the page opened). */
export function fromRecord(record: ReloadRecord): ReloadProgress {
  return {
    id: record.id,
    trigger: record.trigger,
    commit: record.commit,
    status: record.status,
    phases: record.phases.map((p) => withError({ name: p.name, state: p.status as StepStatus, duration_ms: p.duration_ms }, p.error)),
    components: record.components.map((c) => withError({ name: c.name, state: c.status as StepStatus, duration_ms: c.duration_ms }, c.error)),
    rollback: finalRollback(null, record),
    duration_ms: record.duration_ms,
    record,
  };
}

/** The record says whether a rollback happened; the events (when seen) say which components and how long. */
function finalRollback(seen: RollbackStep | null, record: ReloadRecord): RollbackStep | null {
  if (record.status === 'rollback_failed') return { components: [], ...seen, state: 'failed', reason: seen?.reason ?? record.rollback_reason };
  if (!record.rolled_back) return seen;
  const rolled = record.components.filter((c) => c.status === 'rolled_back').map((c) => c.name);
  return { components: rolled, ...seen, state: 'success', reason: seen?.reason ?? record.rollback_reason };
}

function upsert<T extends { name: string }>(list: readonly T[], item: T): T[] {
  const i = list.findIndex((x) => x.name === item.name);
  if (i < 0) return [...list, item];
  return list.map((x, j) => (j === i ? item : x));
}

function withError<T extends object>(step: T, error: string | undefined): T & { error?: string } {
  return error === undefined ? step : { ...step, error };
}
