// The engine's metrics count as Alertmanager's do: a notification once however many tries it
// takes, each try as a request with its latency, a failure of the notification only when no
// retry follows; ingest counts alerts by status and API version, and refusals by reason.
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { EngineMetrics } from '@/server/alerts/engine-metrics';
import type { DeliveryAttemptEvent } from '@/server/alerts/engine/pipeline';
import { metricValue } from '../../support/metrics';

const attempt = (over: Partial<DeliveryAttemptEvent>): DeliveryAttemptEvent => ({ receiver: 'team', integration: 'webhook/0', groupKey: '{}:{}', groupLabels: {}, attempt: 1, ok: true, final: true, ms: 12, alerts: 1, ...over });

describe('EngineMetrics', () => {
  it('has every integration and refusal reason at 0 before anything happens', async () => {
    const registry = new Registry();
    new EngineMetrics(registry);
    const text = await registry.metrics();
    expect(text).toContain('alertmanager_notifications_total{integration="pagerduty"} 0');
    expect(text).toContain('alertmanager_notifications_failed_total{integration="wechat"} 0');
    expect(text).toContain('alertmanager_alerts_received_total{status="resolved",version="v2"} 0');
    expect(text).toContain('hotconf_ingest_rejected_total{reason="rate_limited"} 0');
  });

  it('counts a notification that succeeds on its third try once, its three requests, two failed requests and no failed notification', async () => {
    const registry = new Registry();
    const m = new EngineMetrics(registry);
    m.attempt(attempt({ attempt: 1, ok: false, final: false, error: '503' }));
    m.attempt(attempt({ attempt: 2, ok: false, final: false, error: '503' }));
    m.attempt(attempt({ attempt: 3, ok: true, final: true }));
    const webhook = { integration: 'webhook' };
    expect(await metricValue(registry, 'alertmanager_notifications_total', webhook)).toBe(1);
    expect(await metricValue(registry, 'alertmanager_notification_requests_total', webhook)).toBe(3);
    expect(await metricValue(registry, 'alertmanager_notification_requests_failed_total', webhook)).toBe(2);
    expect(await metricValue(registry, 'alertmanager_notifications_failed_total', webhook)).toBe(0);
    expect(await metricValue(registry, 'alertmanager_notification_latency_seconds', webhook)).toBe(3);
  });

  it('counts a notification as failed on the try after which no retry follows', async () => {
    const registry = new Registry();
    const m = new EngineMetrics(registry);
    m.attempt(attempt({ integration: 'slack/1', attempt: 1, ok: false, final: false }));
    m.attempt(attempt({ integration: 'slack/1', attempt: 2, ok: false, final: true }));
    expect(await metricValue(registry, 'alertmanager_notifications_failed_total', { integration: 'slack' })).toBe(1);
    expect(await metricValue(registry, 'alertmanager_notifications_total', { integration: 'slack' })).toBe(1);
  });

  it('counts received alerts by status and version, invalid ones, refusals by reason, and times requests', async () => {
    const registry = new Registry();
    const m = new EngineMetrics(registry);
    m.alertsReceived('v2', 3, 1);
    m.alertsInvalid('v1', 2);
    m.ingestRejected('rate_limited');
    m.ingestRejected('something_new');
    m.ingestRequest('v2', 0.002);
    expect(await metricValue(registry, 'alertmanager_alerts_received_total', { status: 'firing', version: 'v2' })).toBe(3);
    expect(await metricValue(registry, 'alertmanager_alerts_received_total', { status: 'resolved', version: 'v2' })).toBe(1);
    expect(await metricValue(registry, 'alertmanager_alerts_invalid_total', { version: 'v1' })).toBe(2);
    expect(await metricValue(registry, 'hotconf_ingest_rejected_total', { reason: 'rate_limited' })).toBe(1);
    expect(await metricValue(registry, 'hotconf_ingest_rejected_total', { reason: 'other' })).toBe(1);
    expect(await metricValue(registry, 'hotconf_ingest_request_duration_seconds', { api: 'v2' })).toBe(1);
  });
});
