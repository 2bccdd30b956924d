// Alerts as the service received them: when, status, labels, the receivers its route tree
// chose, and the commit whose config routed it (linked to that commit on the History page).
import Link from 'next/link';
import type { HistoryAlert } from '../hooks/api';
import { Badge } from '../ui/Badge';
import { Time } from '../ui/Time';
import styles from './Alerts.module.css';

export function AlertTable({ alerts }: { alerts: HistoryAlert[] }) {
  if (alerts.length === 0) return <p className="muted">No alert matches.</p>;
  return (
    <table className={styles.table} data-testid="alert-table">
      <thead>
        <tr>
          <th>Received</th>
          <th>Status</th>
          <th>Labels</th>
          <th>Receivers</th>
          <th>Routed by</th>
        </tr>
      </thead>
      <tbody>
        {alerts.map((a) => (
          <tr key={a.id} data-testid="alert-row" data-alertname={a.labels.alertname ?? ''} data-receivers={a.receivers.join(',')}>
            <td>
              <Time iso={a.received_at} />
            </td>
            <td>
              <Badge tone={a.status === 'firing' ? 'warn' : 'ok'}>{a.status}</Badge>
            </td>
            <td>
              <Labels labels={a.labels} />
            </td>
            <td data-testid="alert-receivers">{a.receivers.join(', ') || <span className="muted">none recorded</span>}</td>
            <td>{a.commit ? <CommitLink sha={a.commit} /> : <span className="muted">not in git</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Labels({ labels }: { labels: Record<string, string> }) {
  return (
    <span className={styles.labels}>
      {Object.entries(labels).map(([k, v]) => (
        <code key={k}>
          {k}={v}
        </code>
      ))}
    </span>
  );
}

export function CommitLink({ sha }: { sha: string }) {
  return (
    <Link href={`/history?sha=${sha}`} title={sha} data-testid="commit-link">
      <code className="sha">{sha.slice(0, 7)}</code>
    </Link>
  );
}
