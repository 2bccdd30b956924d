import { describe, expect, it } from 'vitest';
import { commitOutcome } from '../../../../components/history/reload-badge';

describe('commitOutcome', () => {
  it('marks a commit whose reload succeeded or changed nothing as applied', () => {
    expect(commitOutcome({ status: 'success' })).toEqual({ label: 'applied', tone: 'ok', applied: true });
    expect(commitOutcome({ status: 'noop' }).applied).toBe(true);
  });

  it('marks a rejected or rolled back commit as not applied, saying which', () => {
    expect(commitOutcome({ status: 'apply_failed' })).toMatchObject({ label: 'not applied: rejected', applied: false });
    expect(commitOutcome({ status: 'rolled_back' })).toMatchObject({ label: 'not applied: rolled back', applied: false });
  });

  it('says a commit no reload has loaded yet is not loaded, without calling it failed', () => {
    expect(commitOutcome(undefined)).toEqual({ label: 'not loaded', tone: 'neutral', applied: null });
    expect(commitOutcome({ status: 'in_progress' }).applied).toBeNull();
  });
});
