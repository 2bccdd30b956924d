import { describe, expect, it } from 'vitest';
import { applyEvent, fromRecord, type ReloadEvent, type ReloadProgress } from '../../../../components/reload/progress';
import { ReloadStore } from '../../../../components/reload/reload-store';
import { record } from './fixtures';

function fold(events: ReloadEvent[]): ReloadProgress {
  return events.reduce<ReloadProgress | undefined>((s, e) => applyEvent(s, e), undefined)!;
}

describe('applyEvent', () => {
  it('shows a phase as running when it starts and with its outcome when it finishes', () => {
    const started = fold([
      { name: 'reload.started', data: { id: 3, trigger: 'sighup', commit: null } },
      { name: 'phase.started', data: { id: 3, phase: 'load' } },
    ]);
    expect(started).toMatchObject({ id: 3, trigger: 'sighup', status: 'in_progress', phases: [{ name: 'load', state: 'running' }] });
    const finished = applyEvent(started, { name: 'phase.finished', data: { id: 3, phase: 'load', status: 'failed', duration_ms: 2, error: 'line 4: bad indentation' } });
    expect(finished.phases).toEqual([{ name: 'load', state: 'failed', duration_ms: 2, error: 'line 4: bad indentation' }]);
  });

  it('keeps phases and components in the order they appeared', () => {
    const p = fold([
      { name: 'phase.started', data: { id: 1, phase: 'apply' } },
      { name: 'component.finished', data: { id: 1, component: 'storage', status: 'success', duration_ms: 5 } },
      { name: 'component.finished', data: { id: 1, component: 'routing', status: 'failed', duration_ms: 1, error: 'boom' } },
      { name: 'phase.started', data: { id: 1, phase: 'reload' } },
    ]);
    expect(p.phases.map((x) => x.name)).toEqual(['apply', 'reload']);
    expect(p.components.map((c) => `${c.name}:${c.state}`)).toEqual(['storage:success', 'routing:failed']);
  });

  it('follows a rollback from start to finish', () => {
    const p = fold([
      { name: 'rollback.started', data: { id: 1, reason: 'critical_failed', components: ['storage'] } },
      { name: 'rollback.finished', data: { id: 1, status: 'success', duration_ms: 4 } },
    ]);
    expect(p.rollback).toEqual({ state: 'success', reason: 'critical_failed', components: ['storage'], duration_ms: 4 });
  });

  it('takes the record as the final word when the reload finishes, keeping the rollback it saw', () => {
    const final = record({ id: 1, status: 'rolled_back', rolled_back: true, rollback_reason: 'critical_failed', components: [{ name: 'storage', status: 'rolled_back', duration_ms: 3 }] });
    const p = fold([
      { name: 'rollback.started', data: { id: 1, reason: 'critical_failed', components: ['storage', 'routing'] } },
      { name: 'rollback.finished', data: { id: 1, status: 'success', duration_ms: 4 } },
      { name: 'reload.finished', data: { id: 1, status: 'rolled_back', duration_ms: 20, record: final } },
    ]);
    expect(p.status).toBe('rolled_back');
    expect(p.record).toBe(final);
    expect(p.phases).toHaveLength(6);
    expect(p.rollback).toMatchObject({ state: 'success', components: ['storage', 'routing'], duration_ms: 4 });
  });
});

describe('fromRecord', () => {
  it('renders a finished reload that the page never saw live', () => {
    const p = fromRecord(record());
    expect(p).toMatchObject({ id: 7, status: 'success', duration_ms: 12, rollback: null });
    expect(p.phases.map((x) => x.state)).toEqual(Array(6).fill('success'));
  });

  it('derives the rollback from the record alone', () => {
    const p = fromRecord(record({ status: 'rolled_back', rolled_back: true, rollback_reason: 'health_check_failed', components: [{ name: 'listener', status: 'rolled_back', duration_ms: 1 }] }));
    expect(p.rollback).toEqual({ state: 'success', reason: 'health_check_failed', components: ['listener'] });
    expect(fromRecord(record({ status: 'rollback_failed' })).rollback?.state).toBe('failed');
  });
});

describe('ReloadStore', () => {
  it('routes events to their reload and notifies subscribers', () => {
    const store = new ReloadStore();
    let calls = 0;
    const off = store.subscribe(() => calls++);
    store.handle({ name: 'reload.started', data: { id: 1, trigger: 'api', commit: null } });
    store.handle({ name: 'reload.started', data: { id: 2, trigger: 'sighup', commit: null } });
    store.handle({ name: 'phase.started', data: { id: 1, phase: 'load' } });
    off();
    store.handle({ name: 'phase.started', data: { id: 2, phase: 'load' } });
    expect(calls).toBe(3);
    expect(store.get(1)?.phases).toHaveLength(1);
    expect(store.get(2)?.trigger).toBe('sighup');
    expect(store.getVersion()).toBe(4);
  });

  it('finds the first reload after a mark, including one already running when first heard of', () => {
    const store = new ReloadStore();
    store.handle({ name: 'reload.started', data: { id: 1, trigger: 'api', commit: null } });
    const mark = store.mark();
    expect(store.firstSince(mark)).toBeUndefined();
    store.handle({ name: 'phase.started', data: { id: 1, phase: 'diff' } });
    expect(store.firstSince(mark)).toBeUndefined();
    store.handle({ name: 'phase.finished', data: { id: 5, phase: 'health', status: 'success', duration_ms: 1 } });
    store.handle({ name: 'reload.started', data: { id: 6, trigger: 'sighup', commit: null } });
    expect(store.firstSince(mark)?.id).toBe(5);
  });

  it('forgets the oldest reloads past its bound', () => {
    const store = new ReloadStore();
    for (let id = 1; id <= 60; id++) store.handle({ name: 'reload.started', data: { id, trigger: 'api', commit: null } });
    expect(store.get(1)).toBeUndefined();
    expect(store.get(60)).toBeDefined();
    expect(store.firstSince(0)?.id).toBe(11);
  });
});
