import { describe, expect, it } from 'vitest';
import { planStateOf } from '../../../../components/editor/PlanPanel';

const plan = { valid: true, errors: [], warnings: [], changes: [], components: [], restart_required: [], summary: '1 change' };
const query = { data: undefined, error: null, isPlaceholderData: false, isFetching: false };

describe('planStateOf', () => {
  it('shows nothing to plan for an unchanged draft', () => {
    expect(planStateOf({ dirty: false, localIssues: 0, plan: query, settled: true })).toEqual({ kind: 'unchanged' });
  });

  it('asks for the local problems to be fixed before planning', () => {
    expect(planStateOf({ dirty: true, localIssues: 2, plan: { ...query, data: plan }, settled: true }).kind).toBe('blocked');
  });

  it('waits, then shows the plan, marked stale while the text moved on or a newer plan loads', () => {
    expect(planStateOf({ dirty: true, localIssues: 0, plan: query, settled: true })).toEqual({ kind: 'loading' });
    expect(planStateOf({ dirty: true, localIssues: 0, plan: { ...query, data: plan }, settled: true })).toEqual({ kind: 'ready', plan, stale: false });
    expect(planStateOf({ dirty: true, localIssues: 0, plan: { ...query, data: plan }, settled: false })).toMatchObject({ stale: true });
    expect(planStateOf({ dirty: true, localIssues: 0, plan: { ...query, data: plan, isPlaceholderData: true }, settled: true })).toMatchObject({ stale: true });
  });

  it('reports a failed plan request', () => {
    const error = new Error('service unreachable');
    expect(planStateOf({ dirty: true, localIssues: 0, plan: { ...query, error }, settled: true })).toEqual({ kind: 'error', error });
  });
});
