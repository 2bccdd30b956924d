// The alert history: `GET /api/v2/history/alerts` and `/api/v2/history/notifications`
// (service listener, and the admin listener for the console), the console's Alerts page,
// the alert event stream and the per-commit activity on the History page.

export interface HistoryAlert {
  id: number;
  fingerprint: string;
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  starts_at: string;
  ends_at: string | null;
  /** When the service received it (RFC 3339). */
  received_at: string;
  /** The config commit whose route tree routed it; null when the file was not in git. */
  commit: string | null;
  /** The receivers the route tree chose (empty for alerts stored before hotconf kept them). */
  receivers: string[];
}

export interface HistoryNotification {
  id: number;
  group_key: string;
  group_labels: Record<string, string>;
  receiver: string;
  /** The receiver's integration, e.g. `webhook/0`. */
  integration: string;
  status: 'delivered' | 'failed';
  attempt: number;
  latency_ms: number;
  error: string | null;
  /** How many alerts the notification held. */
  alerts: number;
  commit: string | null;
  at: string;
}

/**
 * A page, newest first. `next_cursor` is opaque; null when nothing older matches. A page may
 * hold fewer items than asked for and still have a cursor: a query scans a bounded number of
 * rows per call, so a filter that matches little answers in bounded time and goes on with
 * the cursor.
 */
export interface AlertHistoryPage {
  alerts: HistoryAlert[];
  next_cursor: string | null;
}

export interface NotificationHistoryPage {
  notifications: HistoryNotification[];
  next_cursor: string | null;
}

/** What one commit's config did: alerts it routed, deliveries that failed under it. */
export interface CommitActivity {
  commit: string;
  alerts: number;
  failed_deliveries: number;
}

/** The alert event stream (`GET /api/v2/history/events`, proxied as `/api/alerts/events`). */
export interface AlertEvents {
  'alert.received': HistoryAlert;
  'delivery.attempted': HistoryNotification;
}

/** The routing impact of a draft: the last N alerts replayed through it (plan). */
export interface RoutingImpact {
  /** How many stored alerts were replayed (at most the limit asked for). */
  replayed: number;
  limit: number;
  /** How many would reach a different set of receivers under the draft. */
  changed: number;
  /** Changed alerts by where they went and where they would go, largest first. */
  moves: Array<{ from: string[]; to: string[]; count: number }>;
  /** Some of the changed alerts (at most `sample_cap`), newest first. */
  samples: Array<{ id: number; labels: Record<string, string>; received_at: string; from: string[]; to: string[] }>;
  sample_cap: number;
  /** Receivers that some replayed alert reaches under the running config and none would under the draft. */
  starved: string[];
  duration_ms: number;
  /** Set when the impact could not be computed (no history store, say); the plan still stands. */
  error?: string;
}

/** The impact in sentences, as the plan panel and `hotconf plan` print it. */
export function impactLines(impact: RoutingImpact): string[] {
  if (impact.error) return [`routing impact not computed: ${impact.error}`];
  const last = `the last ${impact.replayed.toLocaleString('en-US')} ${impact.replayed === 1 ? 'alert' : 'alerts'}`;
  if (impact.replayed === 0) return ['routing impact: no alert in the history to replay'];
  if (impact.changed === 0) return [`routing impact: each of ${last} would go where it went`];
  const names = (rs: string[]) => (rs.length === 0 ? 'no receiver' : rs.join(', '));
  return [
    ...impact.moves.map((m) => `${m.count.toLocaleString('en-US')} of ${last} would go to ${names(m.to)} instead of ${names(m.from)}`),
    ...impact.starved.map((r) => `receiver ${r} would get none of them`),
  ];
}
