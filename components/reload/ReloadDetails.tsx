// A reload in full: the verdict, what triggered it, each phase and component with its
// duration and error text, the rollback, the config errors or changes behind it, and its
// warnings (what loaded but was ignored, a last good config not saved, …).
// Renders live progress and finished records alike (both are ReloadProgress).
import Link from 'next/link';
import { Badge } from '../ui/Badge';
import { Sha } from '../ui/Sha';
import { Time } from '../ui/Time';
import type { ReloadProgress } from './progress';
import { formatMs, stepTone, verdictOf } from './verdict';
import { Waterfall } from './Waterfall';
import { withAllPhases } from './waterfall';

const TRIGGER_TEXT = { api: 'console / admin API', sighup: 'SIGHUP (kill -HUP)', poll: 'git poll', startup: 'service start' } as const;

export function ReloadDetails({ progress }: { progress: ReloadProgress }) {
  const verdict = verdictOf(progress.status);
  const record = progress.record;
  return (
    <div className="stack" data-testid="reload-details" data-reload-id={progress.id}>
      <div className={`verdict tone-border-${verdict.tone}`} role="status" aria-live="polite" data-testid="verdict" data-status={progress.status}>
        <Badge tone={verdict.tone}>{verdict.label}</Badge>
        <p>{verdict.meaning}</p>
      </div>

      <dl className="facts">
        <div>
          <dt>Trigger</dt>
          <dd>{progress.trigger ? TRIGGER_TEXT[progress.trigger] : '…'}</dd>
        </div>
        <div>
          <dt>Commit</dt>
          <dd>
            {progress.commit ? <Link href={`/history?sha=${progress.commit}`}><Sha sha={progress.commit} /></Link> : <span className="muted">unknown</span>}
            {record?.dirty ? <Badge tone="warn">hand-edited file</Badge> : null}
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{record ? <Time iso={record.started_at} /> : 'just now'}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd data-testid="reload-duration">{progress.duration_ms === null ? 'running…' : formatMs(progress.duration_ms)}</dd>
        </div>
      </dl>

      {record?.error ? (
        <section aria-labelledby="reload-error">
          <h2 id="reload-error">Error</h2>
          <pre className="error-full" data-testid="reload-error">{record.error}</pre>
        </section>
      ) : null}

      {record?.issues?.length ? (
        <section aria-labelledby="reload-issues">
          <h2 id="reload-issues">Config errors</h2>
          <ul className="issue-list">
            {record.issues.map((issue, i) => (
              <li key={i}>
                <span className="issue-where">{issue.line !== null ? `line ${issue.line}${issue.column !== null ? `:${issue.column}` : ''}` : 'file'}</span> <code>{issue.path}</code> {issue.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {record?.warnings?.length ? (
        <section aria-labelledby="reload-warnings">
          <h2 id="reload-warnings">Warnings</h2>
          <ul className="issue-list" data-testid="reload-warnings">
            {record.warnings.map((warning, i) => (
              <li key={i} className="warning-note">
                {warning}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="reload-phases">
        <h2 id="reload-phases">Phases</h2>
        <Waterfall steps={withAllPhases(progress.phases)} showErrors />
      </section>

      <section aria-labelledby="reload-components">
        <h2 id="reload-components">Components</h2>
        {progress.components.length === 0 ? (
          <p className="muted">{progress.status === 'in_progress' ? 'No component has reloaded yet.' : 'No component reloaded.'}</p>
        ) : (
          <ul className="step-list" aria-label="Components">
            {progress.components.map((c) => (
              <li key={c.name} data-testid={`component-${c.name}`} data-state={c.state}>
                <span className="step-name">{c.name}</span>
                <span className={`tone-text-${stepTone(c.state)}`}>{c.state.replace('_', ' ')}</span>
                <span className="num">{formatMs(c.duration_ms)}</span>
                {c.error ? <pre className="error-full">{c.error}</pre> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {progress.rollback ? (
        <section aria-labelledby="reload-rollback" data-testid="rollback" data-state={progress.rollback.state}>
          <h2 id="reload-rollback">Rollback</h2>
          <p>
            {progress.rollback.state === 'running' ? 'Rolling back' : progress.rollback.state === 'success' ? 'Rolled back' : 'Rollback failed'}
            {progress.rollback.reason ? ` (${progress.rollback.reason.replace(/_/g, ' ')})` : ''}
            {progress.rollback.components.length ? `: ${progress.rollback.components.join(', ')}` : ''}
            {progress.rollback.duration_ms !== undefined ? `, ${formatMs(progress.rollback.duration_ms)}` : ''}
          </p>
          {progress.rollback.error ? <pre className="error-full">{progress.rollback.error}</pre> : null}
        </section>
      ) : null}

      {record?.changes.length ? (
        <section aria-labelledby="reload-changes">
          <h2 id="reload-changes">Changes</h2>
          <ul className="change-list">
            {record.changes.map((c) => (
              <li key={`${c.op}:${c.path}`}>
                <span className={`op op-${c.op}`}>{c.op}</span> <code>{c.path}</code>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
