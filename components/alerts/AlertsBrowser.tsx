'use client';
// The Alerts page: the newest alerts and delivery attempts from the service's history,
// filtered by label matchers (Alertmanager's syntax, checked by the service) and receiver,
// and kept live by the alert event stream: an event refetches the newest page (at most
// twice a second), so what is shown is always the service's answer to the same filter.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useCallback, useRef, useState, type FormEvent } from 'react';
import { api } from '../hooks/api';
import { Badge } from '../ui/Badge';
import { ErrorNote } from '../ui/ErrorNote';
import { AlertTable } from './AlertTable';
import { DeliveryTable } from './DeliveryTable';
import styles from './Alerts.module.css';
import { useAlertEvents } from './useAlertEvents';

const PAGE = 50;
const REFRESH_MS = 500;

interface Filters {
  filter: string;
  receiver: string;
  commit: string;
}

export function AlertsBrowser() {
  const params = useSearchParams();
  const [filters, setFilters] = useState<Filters>(() => ({ filter: params.get('filter') ?? '', receiver: params.get('receiver') ?? '', commit: params.get('commit') ?? '' }));
  const query = queryOf(filters);
  const alerts = useQuery({ queryKey: ['alerts', 'list', query.toString()], queryFn: () => api.alerts(query), retry: false });
  const deliveries = useQuery({ queryKey: ['alerts', 'deliveries', query.toString()], queryFn: () => api.notifications(query), retry: false });
  const stream = useAlertEvents(useThrottledRefresh());

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setFilters({ filter: String(form.get('filter') ?? '').trim(), receiver: String(form.get('receiver') ?? '').trim(), commit: filters.commit });
  };

  return (
    <div className="stack">
      <form className={styles.filters} onSubmit={submit} aria-label="Filter alerts" data-testid="alert-filters">
        <label>
          Labels (Alertmanager matchers)
          <input name="filter" defaultValue={filters.filter} placeholder='severity="critical", team=~"db|web"' data-testid="alert-filter-labels" />
        </label>
        <label>
          Receiver
          <input name="receiver" defaultValue={filters.receiver} placeholder="any" data-testid="alert-filter-receiver" />
        </label>
        <button type="submit" className="button">
          Filter
        </button>
        {filters.commit ? (
          <span>
            routed by <code>{filters.commit.slice(0, 7)}</code>{' '}
            <button type="button" className="button" onClick={() => setFilters({ ...filters, commit: '' })}>
              any commit
            </button>
          </span>
        ) : null}
        <span data-testid="alert-stream" data-state={stream}>
          <Badge tone={stream === 'live' ? 'ok' : stream === 'offline' ? 'bad' : 'neutral'}>{stream}</Badge>
        </span>
      </form>

      <section aria-labelledby="alerts-title" className="stack-sm">
        <h2 id="alerts-title">Alerts received</h2>
        {alerts.error ? <ErrorNote error={alerts.error} title="Cannot read the alerts" /> : alerts.data ? <AlertTable alerts={alerts.data.alerts} /> : <p className="muted">Loading…</p>}
      </section>

      <section aria-labelledby="deliveries-title" className="stack-sm">
        <h2 id="deliveries-title">Deliveries</h2>
        {deliveries.error ? <ErrorNote error={deliveries.error} title="Cannot read the deliveries" /> : deliveries.data ? <DeliveryTable deliveries={deliveries.data.notifications} /> : <p className="muted">Loading…</p>}
      </section>
      <p className="muted">
        The newest {PAGE} of each; a commit links to the config that routed it on the <Link href="/history">History</Link> page.
      </p>
    </div>
  );
}

function queryOf(f: Filters): URLSearchParams {
  const q = new URLSearchParams({ limit: String(PAGE) });
  if (f.filter) q.set('filter', f.filter);
  if (f.receiver) q.set('receiver', f.receiver);
  if (f.commit) q.set('commit', f.commit);
  return q;
}

/** Refetches the alert queries after an event, at most once per REFRESH_MS. */
function useThrottledRefresh(): () => void {
  const client = useQueryClient();
  const pending = useRef(false);
  return useCallback(() => {
    if (pending.current) return;
    pending.current = true;
    setTimeout(() => {
      pending.current = false;
      void client.invalidateQueries({ queryKey: ['alerts'] });
    }, REFRESH_MS);
  }, [client]);
}
