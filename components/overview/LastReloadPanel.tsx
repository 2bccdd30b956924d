'use client';
// The newest reload's outcome and phase waterfall, and a sparkline of the ones before it.
import Link from 'next/link';
import { useReloads } from '../hooks/queries';
import { fromRecord } from '../reload/progress';
import { formatMs, verdictOf } from '../reload/verdict';
import { Waterfall } from '../reload/Waterfall';
import { withAllPhases } from '../reload/waterfall';
import { Badge } from '../ui/Badge';
import { ErrorNote } from '../ui/ErrorNote';
import { Time } from '../ui/Time';
import { ReloadSparkline } from './ReloadSparkline';

const RECENT = 40;

export function LastReloadPanel() {
  const { data, error, isPending } = useReloads(RECENT);
  const last = data?.records[0];
  return (
    <>
      <section className="card" aria-labelledby="last-reload" data-testid="last-reload">
        <h2 id="last-reload">Last reload</h2>
        {isPending ? <p className="muted">Loading…</p> : null}
        {error ? <ErrorNote error={error} /> : null}
        {data && !last ? <p className="muted">The service has not reloaded yet.</p> : null}
        {last ? (
          <>
            <p className="toolbar">
              <span data-testid="last-reload-verdict" data-status={last.status} data-reload-id={last.id}>
                <Badge tone={verdictOf(last.status).tone}>{verdictOf(last.status).label}</Badge>
              </span>
              <span>
                <Link href={`/reloads/${last.id}`}>#{last.id}</Link> by {last.trigger}, <Time iso={last.started_at} />, {formatMs(last.duration_ms)}
              </span>
            </p>
            <Waterfall steps={withAllPhases(fromRecord(last).phases)} label={`Phases of reload #${last.id}`} />
            {last.error ? <pre className="error-full">{last.error}</pre> : null}
          </>
        ) : null}
      </section>
      <section className="card" aria-labelledby="recent-reloads">
        <h2 id="recent-reloads">Recent reloads</h2>
        {data && data.records.length > 0 ? <ReloadSparkline records={data.records} /> : <p className="muted">None yet.</p>}
      </section>
    </>
  );
}
