'use client';
// Commits of config.yaml, newest first, each with the outcome of the reload that loaded it.
import Link from 'next/link';
import { useHistory } from '../hooks/queries';
import { formatMs } from '../reload/verdict';
import { Badge } from '../ui/Badge';
import { ErrorNote } from '../ui/ErrorNote';
import { Sha } from '../ui/Sha';
import { Time } from '../ui/Time';
import { commitOutcome } from './reload-badge';

export function CommitList({ selected }: { selected: string | null }) {
  const history = useHistory();
  if (history.isPending) return <p className="muted" role="status">Loading history…</p>;
  if (history.error) return <ErrorNote error={history.error} title="Cannot read the history" />;
  const commits = history.data.pages.flatMap((p) => p.commits);
  return (
    <div className="stack-sm">
      <ol className="commit-list" aria-label="Commits, newest first" data-testid="commit-list">
        {commits.map((c, i) => {
          const outcome = commitOutcome(c.reload);
          const current = c.sha === selected || (selected === null && i === 0);
          return (
            <li key={c.sha} data-testid="commit-row" data-sha={c.sha} data-applied={String(outcome.applied)} aria-current={current ? 'true' : undefined}>
              <Link href={`/history?sha=${c.sha}`} scroll={false} className="commit-subject">
                {c.subject || '(no message)'}
              </Link>
              <span className="commit-meta">
                <Sha sha={c.sha} /> · {c.author} · <Time iso={c.date} />
                {i === 0 ? (
                  <>
                    {' '}
                    · <strong>HEAD</strong>
                  </>
                ) : null}
              </span>
              <span className="commit-reload" data-testid="commit-outcome">
                <Badge tone={outcome.tone}>{outcome.label}</Badge>
                {c.reload ? (
                  <span className="muted">
                    {' '}
                    <Link href={`/reloads/${c.reload.id}`}>#{c.reload.id}</Link> {c.reload.trigger}, {formatMs(c.reload.duration_ms)}
                  </span>
                ) : null}
              </span>
              {c.activity ? (
                <span className="commit-activity muted" data-testid="commit-activity" data-alerts={c.activity.alerts} data-failed={c.activity.failed_deliveries}>
                  <Link href={`/alerts?commit=${c.sha}`}>
                    {c.activity.alerts.toLocaleString('en-US')} {c.activity.alerts === 1 ? 'alert' : 'alerts'} routed
                  </Link>
                  {c.activity.failed_deliveries > 0 ? <Badge tone="bad">{`${c.activity.failed_deliveries.toLocaleString('en-US')} failed ${c.activity.failed_deliveries === 1 ? 'delivery' : 'deliveries'}`}</Badge> : ', no failed delivery'}
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      {history.hasNextPage ? (
        <button type="button" className="button" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
          {history.isFetchingNextPage ? 'Loading…' : 'Older commits'}
        </button>
      ) : null}
    </div>
  );
}
