'use client';
// Running commit vs HEAD, drift and readiness: the first thing an operator checks.
import { useStatus } from '../hooks/queries';
import { Badge } from '../ui/Badge';
import { ErrorNote } from '../ui/ErrorNote';
import { Sha } from '../ui/Sha';
import { Time } from '../ui/Time';
import { describeDrift } from './drift';

export function CommitPanel() {
  const { data: status, error, isPending } = useStatus();
  if (isPending) return <section className="card" aria-busy="true"><h2>Running config</h2><p className="muted">Loading…</p></section>;
  if (!status) return <section className="card"><h2>Running config</h2><ErrorNote error={error} /></section>;
  const drift = describeDrift(status);
  return (
    <section className="card" aria-labelledby="running-config" data-testid="commit-panel">
      <h2 id="running-config">Running config</h2>
      <dl className="facts">
        <div>
          <dt>Running commit</dt>
          <dd>
            <Sha sha={status.commit} testId="running-commit" />
            {status.dirty ? <Badge tone="warn">hand-edited file</Badge> : null}
          </dd>
        </div>
        <div>
          <dt>HEAD</dt>
          <dd>
            <Sha sha={status.head_commit} testId="head-commit" />
          </dd>
        </div>
        <div>
          <dt>Drift</dt>
          <dd>
            <span data-testid="drift" data-drift={status.drift}>
              <Badge tone={drift.tone}>{drift.label}</Badge>
            </span>
          </dd>
        </div>
        <div>
          <dt>Readiness</dt>
          <dd data-testid="readiness" data-ready={String(status.ready)}>
            <Badge tone={status.ready ? 'ok' : 'bad'}>{status.ready ? 'ready' : 'not ready'}</Badge>
            {status.in_progress ? <Badge tone="running">reloading</Badge> : null}
          </dd>
        </div>
        <div>
          <dt>Last reload</dt>
          <dd>
            <Time iso={status.last_reload} />
          </dd>
        </div>
        <div>
          <dt>Config version</dt>
          <dd className="num">
            {status.version} <span className="muted" title={status.config_hash ?? undefined}>{status.config_hash ? `hash ${status.config_hash.replace(/^sha256:/, '').slice(0, 10)}` : ''}</span>
          </dd>
        </div>
      </dl>
      <p className={`drift-note tone-border-${drift.tone}`} data-testid="drift-explanation">{drift.explanation}</p>
    </section>
  );
}
