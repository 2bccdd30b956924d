// Delivery attempts: when, receiver and integration, delivered or failed (with the error),
// which attempt, how long it took, and the commit whose config was running.
import type { HistoryNotification } from '../hooks/api';
import { Badge } from '../ui/Badge';
import { Time } from '../ui/Time';
import { CommitLink, Labels } from './AlertTable';
import styles from './Alerts.module.css';

export function DeliveryTable({ deliveries }: { deliveries: HistoryNotification[] }) {
  if (deliveries.length === 0) return <p className="muted">No delivery matches.</p>;
  return (
    <table className={styles.table} data-testid="delivery-table">
      <thead>
        <tr>
          <th>At</th>
          <th>Receiver</th>
          <th>Integration</th>
          <th>Status</th>
          <th>Attempt</th>
          <th>Latency</th>
          <th>Group</th>
          <th>Error</th>
          <th>Config</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <tr key={d.id} data-testid="delivery-row" data-receiver={d.receiver} data-status={d.status}>
            <td>
              <Time iso={d.at} />
            </td>
            <td>{d.receiver}</td>
            <td>
              <code>{d.integration}</code>
            </td>
            <td>
              <Badge tone={d.status === 'delivered' ? 'ok' : 'bad'}>{d.status}</Badge>
            </td>
            <td>{d.attempt}</td>
            <td>{Math.round(d.latency_ms)} ms</td>
            <td>
              <Labels labels={d.group_labels} /> <span className="muted">({d.alerts})</span>
            </td>
            <td>{d.error ?? ''}</td>
            <td>{d.commit ? <CommitLink sha={d.commit} /> : <span className="muted">not in git</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
