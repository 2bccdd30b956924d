// The service's plan of the draft: what changes, which components reload (and whether their
// preflight passed), what needs a restart, and errors only the service can find.
import type { Plan, RoutingImpact } from '../hooks/api';
import { impactLines } from '../../server/contract/history';
import { Badge } from '../ui/Badge';
import { ErrorNote } from '../ui/ErrorNote';
import { blockingPlanErrors } from './apply-gate';

export type PlanState =
  | { kind: 'unchanged' }
  | { kind: 'blocked'; reason: string }
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'ready'; plan: Plan; stale: boolean };

/** What the panel shows, from the edit's state and the plan query's. */
export function planStateOf(input: {
  dirty: boolean;
  localIssues: number;
  plan: { data?: Plan; error: unknown; isPlaceholderData: boolean; isFetching: boolean };
  /** Whether the planned text is the editor's current text. */
  settled: boolean;
}): PlanState {
  const { dirty, localIssues, plan, settled } = input;
  if (!dirty) return { kind: 'unchanged' };
  if (localIssues > 0) return { kind: 'blocked', reason: 'Fix the problems listed under the editor to see the plan.' };
  if (plan.error) return { kind: 'error', error: plan.error };
  if (plan.data) return { kind: 'ready', plan: plan.data, stale: plan.isPlaceholderData || plan.isFetching || !settled };
  return { kind: 'loading' };
}

export function PlanPanel({ state }: { state: PlanState }) {
  return (
    <section aria-labelledby="plan-title" className="plan" data-testid="plan-panel" data-state={state.kind} aria-busy={state.kind === 'loading'}>
      <h2 id="plan-title">Plan</h2>
      <PlanBody state={state} />
    </section>
  );
}

function PlanBody({ state }: { state: PlanState }) {
  switch (state.kind) {
    case 'unchanged':
      return <p className="muted">No changes yet: the plan appears as you edit.</p>;
    case 'blocked':
      return <p className="muted">{state.reason}</p>;
    case 'loading':
      return <p className="muted" role="status">Asking the service for a plan…</p>;
    case 'error':
      return <ErrorNote error={state.error} title="The plan could not be made" />;
    case 'ready':
      return <PlanDetails plan={state.plan} stale={state.stale} />;
  }
}

/** `skipped`: the service ran no preflight for this caller (a plan without detail). */
const PREFLIGHT_BADGE = {
  ok: { tone: 'ok', label: 'preflight ok' },
  failed: { tone: 'bad', label: 'preflight failed' },
  skipped: { tone: 'neutral', label: 'preflight not run' },
} as const;

/** Where the last alerts of the history would go under the draft (the service replays them). */
function ImpactSection({ impact }: { impact: RoutingImpact }) {
  const lines = impactLines(impact);
  return (
    <>
      <h3>Routing impact</h3>
      <ul data-testid="plan-impact" data-changed={impact.changed} data-replayed={impact.replayed}>
        {lines.map((line, i) => (
          <li key={i} className={impact.changed > 0 && !impact.error ? 'warning-note' : undefined}>
            {line}
          </li>
        ))}
      </ul>
      {impact.samples.length > 0 ? (
        <details>
          <summary>
            {impact.samples.length === impact.changed ? 'The alerts' : `${impact.samples.length} of the ${impact.changed} alerts`} that would go elsewhere
          </summary>
          <ul className="change-list">
            {impact.samples.map((s) => (
              <li key={s.id}>
                <code>{Object.entries(s.labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}</code>: {s.from.join(', ') || 'no receiver'} → {s.to.join(', ') || 'no receiver'}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

function PlanDetails({ plan, stale }: { plan: Plan; stale: boolean }) {
  const failedPreflight = plan.components.filter((c) => c.preflight === 'failed');
  const blocking = blockingPlanErrors(plan);
  const verdict = blocking.length > 0 ? { tone: 'bad' as const, label: 'invalid' } : failedPreflight.length > 0 ? { tone: 'warn' as const, label: 'preflight failed' } : { tone: 'ok' as const, label: 'valid' };
  return (
    <div className={stale ? 'stale stack-sm' : 'stack-sm'}>
      <p data-testid="plan-summary" data-verdict={verdict.label}>
        <Badge tone={verdict.tone}>{verdict.label}</Badge> {plan.summary}
        {stale ? <span className="muted"> (updating…)</span> : null}
      </p>

      {blocking.length > 0 ? (
        <ul className="issue-list" aria-label="Errors the service found">
          {blocking.map((e, i) => (
            <li key={i}>
              <span className="issue-where">{e.line !== null ? `line ${e.line}${e.column !== null ? `:${e.column}` : ''}` : 'file'}</span> <code>{e.path}</code> {e.message}
            </li>
          ))}
        </ul>
      ) : null}

      {plan.impact ? <ImpactSection impact={plan.impact} /> : null}

      <h3>Components that will reload</h3>
      {plan.components.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="step-list" data-testid="plan-components">
          {plan.components.map((c) => (
            <li key={c.name} data-testid={`plan-component-${c.name}`} data-preflight={c.preflight}>
              <span className="step-name">{c.name}</span>
              {c.critical ? <Badge tone="neutral">critical</Badge> : <span />}
              <Badge tone={PREFLIGHT_BADGE[c.preflight].tone}>{PREFLIGHT_BADGE[c.preflight].label}</Badge>
              {c.error ? <pre className="error-full">{c.error}</pre> : null}
            </li>
          ))}
        </ul>
      )}
      {failedPreflight.length ? <p className="warning-note">A failed preflight means the service will most likely reject or roll back this change. You can still apply it: the service keeps its current config if it fails.</p> : null}

      <h3>Changed paths</h3>
      {plan.changes.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="change-list" data-testid="plan-changes">
          {plan.changes.map((c) => (
            <li key={`${c.op}:${c.path}`}>
              <span className={`op op-${c.op}`}>{c.op}</span> <code>{c.path}</code>
            </li>
          ))}
        </ul>
      )}

      <h3>Restart required</h3>
      {plan.restart_required.length === 0 ? (
        <p className="muted" data-testid="plan-restart">No: everything reloads live.</p>
      ) : (
        <ul data-testid="plan-restart">
          {plan.restart_required.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}

      {plan.warnings.length > 0 ? (
        <>
          <h3>Warnings</h3>
          <ul data-testid="plan-warnings">
            {plan.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
