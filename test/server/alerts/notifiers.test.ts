import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReceivers, NotifyError } from '../../../server/alerts/notifiers';
import type { NotificationGroup, NotifyAlert } from '../../../server/alerts/notify-payload';
import type { Receiver } from '../../../server/config/schema';
import { startCaptureServer, type CaptureServer } from './capture-server';

let hook: CaptureServer;
beforeEach(async () => (hook = await startCaptureServer()));
afterEach(() => hook.close());

const firing: NotifyAlert = {
  status: 'firing',
  labels: { alertname: 'HighLatency', cluster: 'eu1', instance: 'a' },
  annotations: { summary: 'p99 above 1s' },
  startsAt: '2024-05-01T10:00:00Z',
  fingerprint: 'f1',
};
const resolved: NotifyAlert = { ...firing, status: 'resolved', labels: { ...firing.labels, instance: 'b' }, endsAt: '2024-05-01T10:05:00Z', fingerprint: 'f2' };
const group = (alerts: NotifyAlert[]): NotificationGroup => ({ groupKey: '{}:{alertname="HighLatency"}', groupLabels: { alertname: 'HighLatency' }, alerts });

const webhook = (over: Partial<NonNullable<Receiver['webhook_configs']>[number]> = {}) => ({ url: hook.url(), send_resolved: true, timeout: '5s', max_alerts: 0, ...over });

describe('WebhookNotifier', () => {
  it('POSTs the Alertmanager webhook payload (version 4)', async () => {
    const set = buildReceivers([{ name: 'team', webhook_configs: [webhook()] }], { externalURL: 'http://hotconf.local' });
    await set.get('team')!.send(group([firing, resolved]));
    expect(hook.received).toHaveLength(1);
    const { headers, body } = hook.received[0]!;
    expect(headers['content-type']).toBe('application/json');
    expect(body).toEqual({
      receiver: 'team',
      status: 'firing',
      alerts: [
        { status: 'firing', labels: firing.labels, annotations: firing.annotations, startsAt: firing.startsAt, endsAt: '0001-01-01T00:00:00Z', generatorURL: '', fingerprint: 'f1' },
        { status: 'resolved', labels: resolved.labels, annotations: resolved.annotations, startsAt: resolved.startsAt, endsAt: '2024-05-01T10:05:00Z', generatorURL: '', fingerprint: 'f2' },
      ],
      groupLabels: { alertname: 'HighLatency' },
      commonLabels: { alertname: 'HighLatency', cluster: 'eu1' },
      commonAnnotations: { summary: 'p99 above 1s' },
      externalURL: 'http://hotconf.local',
      version: '4',
      groupKey: '{}:{alertname="HighLatency"}',
      truncatedAlerts: 0,
    });
  });

  it('without send_resolved sends only firing alerts, and nothing when all are resolved', async () => {
    const set = buildReceivers([{ name: 'team', webhook_configs: [webhook({ send_resolved: false })] }]);
    await set.get('team')!.send(group([firing, resolved]));
    await set.get('team')!.send(group([resolved]));
    expect(hook.received).toHaveLength(1);
    expect((hook.received[0]!.body as { alerts: unknown[] }).alerts).toHaveLength(1);
  });

  it('truncates to max_alerts and counts the rest', async () => {
    const set = buildReceivers([{ name: 'team', webhook_configs: [webhook({ max_alerts: 1 })] }]);
    await set.get('team')!.send(group([firing, resolved]));
    expect(hook.received[0]!.body).toMatchObject({ truncatedAlerts: 1, alerts: [{ fingerprint: 'f1' }] });
  });

  it('fails with the notifier’s config path and the HTTP status, never the URL', async () => {
    hook.respond.status = 500;
    const set = buildReceivers([{ name: 'team', webhook_configs: [webhook({ url: hook.url('/secret-token-path') })] }]);
    const err = await set.get('team')!.send(group([firing])).catch((e: Error) => e);
    expect((err as Error).message).toBe('receiver "team" failed: receivers.0.webhook_configs.0: unexpected status code 500');
    expect((err as NotifyError).retryable).toBe(true);
  });

  it('gives up after the configured timeout', async () => {
    hook.respond.delayMs = 2_000;
    const set = buildReceivers([{ name: 'team', webhook_configs: [webhook({ timeout: '100ms' })] }]);
    await expect(set.get('team')!.send(group([firing]))).rejects.toThrow(/no answer within 100 ms \(timeout\)/);
  });

  it('reports a refused connection by its code only', async () => {
    const url = hook.url('/x');
    await hook.close();
    const set = buildReceivers([{ name: 'team', webhook_configs: [webhook({ url })] }]);
    const err = (await set.get('team')!.send(group([firing])).catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(/request failed \(ECONNREFUSED\)/);
    expect(err.message).not.toContain('127.0.0.1');
    hook = await startCaptureServer();
  });
});

describe('SlackNotifier', () => {
  it('POSTs a Slack attachment message with Alertmanager’s default title', async () => {
    const set = buildReceivers([{ name: 'slack', slack_configs: [{ api_url: hook.url('/services/T/B/X'), channel: '#alerts', send_resolved: false }] }]);
    await set.get('slack')!.send(group([firing, { ...firing, labels: { ...firing.labels, instance: 'c' }, fingerprint: 'f3' }]));
    expect(hook.received[0]!.path).toBe('/services/T/B/X');
    expect(hook.received[0]!.body).toEqual({
      channel: '#alerts',
      username: 'Alertmanager',
      attachments: [
        {
          title: '[FIRING:2] HighLatency (eu1)',
          title_link: '/#/alerts?receiver=slack',
          text: '',
          fallback: '[FIRING:2] HighLatency (eu1) | /#/alerts?receiver=slack',
          callback_id: '',
          footer: '',
          color: 'danger',
          mrkdwn_in: ['fallback', 'pretext', 'text'],
        },
      ],
    });
  });

  it('sends the configured title and text as written', async () => {
    const set = buildReceivers([{ name: 'slack', slack_configs: [{ api_url: hook.url(), title: 'DB down', text: 'see runbook', username: 'pager', send_resolved: true }] }]);
    await set.get('slack')!.send(group([resolved]));
    expect(hook.received[0]!.body).toMatchObject({ username: 'pager', attachments: [{ title: 'DB down', text: 'see runbook', color: 'good' }] });
  });
});

describe('buildReceivers', () => {
  it('builds one client per receiver, each with its notifiers, without any network', () => {
    const set = buildReceivers([
      { name: 'a', webhook_configs: [webhook(), webhook()], slack_configs: [{ api_url: 'https://hooks.slack.com/services/x', send_resolved: false }] },
      { name: 'blackhole' },
    ]);
    expect([...set.keys()]).toEqual(['a', 'blackhole']);
    expect(set.get('a')!.notifiers.map((n) => n.label)).toEqual(['receivers.0.webhook_configs.0', 'receivers.0.webhook_configs.1', 'receivers.0.slack_configs.0']);
    expect(hook.received).toHaveLength(0);
  });

  it('rejects an invalid or non-http URL by its path, without echoing it', () => {
    expect(() => buildReceivers([{ name: 'a', webhook_configs: [webhook({ url: 'not a url with token abc123' })] }])).toThrow(
      /^receivers\.0\.webhook_configs\.0\.url is not a valid URL: write an absolute http/,
    );
    expect(() => buildReceivers([{ name: 'a', webhook_configs: [webhook({ url: 'not a url with token abc123' })] }])).not.toThrow(/abc123/);
    // Not even the scheme is named: text that is no URL at all may be a key.
    expect(() => buildReceivers([{ name: 'a', slack_configs: [{ api_url: 'ftp://x/y', send_resolved: false }] }])).toThrow(/slack_configs\.0\.api_url is not an http:\/\/ or https:\/\/ URL/);
    expect(() => buildReceivers([{ name: 'a', slack_configs: [{ api_url: 'ftp://x/y', send_resolved: false }] }])).not.toThrow(/ftp/);
  });

  it('rejects duplicate receiver names', () => {
    expect(() => buildReceivers([{ name: 'a' }, { name: 'a' }])).toThrow(/receivers\.1\.name: "a" is already defined/);
  });
});

describe('ReceiverSet.drainAndClose', () => {
  it('waits for sends in flight, then closes every client', async () => {
    hook.respond.delayMs = 200;
    const set = buildReceivers([{ name: 'team', webhook_configs: [webhook()] }]);
    const sending = set.get('team')!.send(group([firing]));
    expect(set.inFlight.size).toBe(1);
    expect(await set.drainAndClose(5_000)).toBe(true);
    await sending;
    expect(hook.received).toHaveLength(1);
    expect(set.get('team')!.closed).toBe(true);
    await expect(set.get('team')!.send(group([firing]))).rejects.toThrow(/was replaced by a reload/);
  });

  it('gives up waiting after the timeout and closes anyway', async () => {
    const release = hook.hold();
    const set = buildReceivers([{ name: 'team', webhook_configs: [webhook()] }]);
    const sending = set.get('team')!.send(group([firing]));
    expect(await set.drainAndClose(50)).toBe(false);
    expect(set.get('team')!.closed).toBe(true);
    release();
    await sending; // the send itself still completes
    expect(set.inFlight.size).toBe(0);
  });
});

describe('buildReceivers with a reuse map', () => {
  const webhook = (url: string) => ({ url, send_resolved: true, timeout: '5s', max_alerts: 0 });

  it('reuses the notifier of an unchanged config object and builds a new one for a changed one', () => {
    const reuse = new WeakMap();
    const kept = webhook('http://127.0.0.1:9/a');
    const first = buildReceivers([{ name: 'a', webhook_configs: [kept] }, { name: 'b', webhook_configs: [webhook('http://127.0.0.1:9/b')] }] as Receiver[], { reuse });
    const second = buildReceivers([{ name: 'a', webhook_configs: [kept] }, { name: 'b', webhook_configs: [webhook('http://127.0.0.1:9/b2')] }] as Receiver[], { reuse });
    expect(second.get('a')!.notifiers[0]).toBe(first.get('a')!.notifiers[0]);
    expect(second.get('b')!.notifiers[0]).not.toBe(first.get('b')!.notifiers[0]);
    expect(second.get('a')).not.toBe(first.get('a')); // clients are per set: closing the old set leaves the new one open
  });

  it('does not reuse a notifier whose receiver moved (its label names the new place)', () => {
    const reuse = new WeakMap();
    const kept = webhook('http://127.0.0.1:9/a');
    const first = buildReceivers([{ name: 'a', webhook_configs: [kept] }] as Receiver[], { reuse });
    const second = buildReceivers([{ name: 'z', webhook_configs: [webhook('http://127.0.0.1:9/z')] }, { name: 'a', webhook_configs: [kept] }] as Receiver[], { reuse });
    expect(second.get('a')!.notifiers[0]).not.toBe(first.get('a')!.notifiers[0]);
    expect(second.get('a')!.notifiers[0]!.label).toBe('receivers.1.webhook_configs.0');
  });
});
