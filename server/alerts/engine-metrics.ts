// The alert engine's metrics. Where Alertmanager has a metric for the same thing, hotconf
// writes it under Alertmanager's name, labels and meaning (notify/notify.go, api/v2), so
// dashboards and alert rules written for Alertmanager read hotconf unchanged:
//   alertmanager_notifications_total            one per notification (retries excluded)
//   alertmanager_notifications_failed_total     a notification that failed after its retries
//   alertmanager_notification_requests_total    one per attempt
//   alertmanager_notification_requests_failed_total
//   alertmanager_notification_latency_seconds   per attempt
//   alertmanager_alerts_received_total{status,version}
//   alertmanager_alerts_invalid_total{version}
// hotconf adds what Alertmanager does not count: refused ingest requests, by reason, and how
// long an ingest request takes (hotconf_ingest_request_duration_seconds{api}).
//
// The registry is injected (tests use a fresh one); every series of a known label value is
// written at 0 up front, so rate() and absent() behave from the first scrape.
import { Counter, Histogram, type Registry } from 'prom-client';
import { INTEGRATION_KINDS } from './notify/types';
import type { DeliveryAttemptEvent } from './engine/pipeline';

/** Why an ingest request was refused (the HttpError codes of server/http/alerts-api.ts). */
export const INGEST_REJECT_REASONS = ['not_ready', 'rate_limited', 'unauthorized', 'body_too_large', 'bad_encoding', 'bad_json', 'bad_alerts', 'other'] as const;
export type IngestRejectReason = (typeof INGEST_REJECT_REASONS)[number];

/** Alertmanager's API versions as the received/invalid counters label them. */
export type IngestVersion = 'v1' | 'v2';

export class EngineMetrics {
  private readonly notifications: Counter<'integration'>;
  private readonly notificationsFailed: Counter<'integration'>;
  private readonly requests: Counter<'integration'>;
  private readonly requestsFailed: Counter<'integration'>;
  private readonly latency: Histogram<'integration'>;
  private readonly received: Counter<'status' | 'version'>;
  private readonly invalid: Counter<'version'>;
  private readonly rejected: Counter<'reason'>;
  private readonly ingestDuration: Histogram<'api'>;

  constructor(registry: Registry) {
    const registers = [registry];
    const integration = ['integration'] as const;
    this.notifications = new Counter({ name: 'alertmanager_notifications_total', help: 'Notifications attempted, by integration (retries not counted).', labelNames: integration, registers });
    this.notificationsFailed = new Counter({ name: 'alertmanager_notifications_failed_total', help: 'Notifications that failed after their retries, by integration.', labelNames: integration, registers });
    this.requests = new Counter({ name: 'alertmanager_notification_requests_total', help: 'Delivery attempts, by integration.', labelNames: integration, registers });
    this.requestsFailed = new Counter({ name: 'alertmanager_notification_requests_failed_total', help: 'Failed delivery attempts, by integration.', labelNames: integration, registers });
    // Alertmanager's buckets start at 1 s; deliveries to a local receiver take milliseconds.
    this.latency = new Histogram({ name: 'alertmanager_notification_latency_seconds', help: 'Delivery attempt latency, by integration.', labelNames: integration, buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 15, 20], registers });
    this.received = new Counter({ name: 'alertmanager_alerts_received_total', help: 'Alerts received through the ingest API, by status and API version.', labelNames: ['status', 'version'], registers });
    this.invalid = new Counter({ name: 'alertmanager_alerts_invalid_total', help: 'Alerts refused as invalid, by API version.', labelNames: ['version'], registers });
    this.rejected = new Counter({ name: 'hotconf_ingest_rejected_total', help: 'Ingest requests refused, by reason.', labelNames: ['reason'], registers });
    this.ingestDuration = new Histogram({ name: 'hotconf_ingest_request_duration_seconds', help: 'Ingest requests from first byte read to answer, refused ones included, by API version.', labelNames: ['api'], buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1], registers });

    for (const kind of INTEGRATION_KINDS) {
      for (const c of [this.notifications, this.notificationsFailed, this.requests, this.requestsFailed]) c.inc({ integration: kind }, 0);
      this.latency.zero({ integration: kind });
    }
    for (const version of ['v1', 'v2'] as const) {
      for (const status of ['firing', 'resolved']) this.received.inc({ status, version }, 0);
      this.invalid.inc({ version }, 0);
      this.ingestDuration.zero({ api: version });
    }
    for (const reason of INGEST_REJECT_REASONS) this.rejected.inc({ reason }, 0);
  }

  /** One delivery attempt (server/alerts/engine/pipeline.ts reports each). */
  attempt(a: DeliveryAttemptEvent): void {
    const labels = { integration: kindOf(a.integration) };
    if (a.attempt === 1) this.notifications.inc(labels);
    this.requests.inc(labels);
    this.latency.observe(labels, a.ms / 1000);
    if (a.ok) return;
    this.requestsFailed.inc(labels);
    if (a.final) this.notificationsFailed.inc(labels);
  }

  alertsReceived(version: IngestVersion, firing: number, resolved: number): void {
    if (firing) this.received.inc({ status: 'firing', version }, firing);
    if (resolved) this.received.inc({ status: 'resolved', version }, resolved);
  }

  alertsInvalid(version: IngestVersion, count: number): void {
    if (count) this.invalid.inc({ version }, count);
  }

  ingestRequest(version: IngestVersion, seconds: number): void {
    this.ingestDuration.observe({ api: version }, seconds);
  }

  ingestRejected(reason: string): void {
    this.rejected.inc({ reason: (INGEST_REJECT_REASONS as readonly string[]).includes(reason) ? reason : 'other' });
  }
}

/** `webhook/0` → `webhook`: Alertmanager labels by integration kind. */
function kindOf(integrationKey: string): string {
  const slash = integrationKey.indexOf('/');
  return slash < 0 ? integrationKey : integrationKey.slice(0, slash);
}
