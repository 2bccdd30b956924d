import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NotificationGroup } from '../../../server/alerts/notify-payload';
import { ReceiversReloader } from '../../../server/reloaders/receivers';
import { startCaptureServer, type CaptureServer } from '../alerts/capture-server';
import { ctx, makeConfig, recordingLog } from './helpers';

let hook: CaptureServer;
beforeEach(async () => (hook = await startCaptureServer()));
afterEach(() => hook.close());

const group: NotificationGroup = {
  groupKey: 'g',
  groupLabels: {},
  alerts: [{ status: 'firing', labels: { alertname: 'A' }, annotations: {}, startsAt: '2024-05-01T10:00:00Z', fingerprint: 'f' }],
};
const config = (path: string) => makeConfig({ receivers: [{ name: 'default', webhook_configs: [{ url: hook.url(path) }] }] });

describe('ReceiversReloader', () => {
  it('first start builds clients that send to the configured URLs', async () => {
    const receivers = new ReceiversReloader();
    await receivers.activate(await receivers.prepare(config('/one'), ctx()), ctx());
    await receivers.health(ctx());
    await receivers.commit(ctx());
    await receivers.current!.get('default')!.send(group);
    expect(hook.received.map((r) => r.path)).toEqual(['/one']);
    await receivers.close(ctx());
  });

  it('a change lets the old set finish its sends in flight, then closes it, without holding up commit', async () => {
    const receivers = new ReceiversReloader({ timeoutMs: 5_000 });
    await receivers.activate(await receivers.prepare(config('/old'), ctx()), ctx());
    await receivers.commit(ctx());
    const oldSet = receivers.current!;
    const release = hook.hold();
    const inFlight = oldSet.get('default')!.send(group);

    await receivers.activate(await receivers.prepare(config('/new'), ctx()), ctx());
    await receivers.health(ctx());
    await receivers.commit(ctx());
    expect(receivers.draining).toBe(1); // commit returned while the old send is still out
    expect(oldSet.get('default')!.closed).toBe(false);

    release();
    await inFlight;
    await receivers.current!.get('default')!.send(group);
    await receivers.close(ctx());
    expect(oldSet.get('default')!.closed).toBe(true);
    expect(hook.received.map((r) => r.path).sort()).toEqual(['/new', '/old']);
  });

  it('logs when it gives up waiting for an old send', async () => {
    const { log, lines } = recordingLog();
    const receivers = new ReceiversReloader({ timeoutMs: 50 });
    await receivers.activate(await receivers.prepare(config('/old'), ctx()), ctx());
    await receivers.commit(ctx());
    const release = hook.hold();
    const slow = receivers.current!.get('default')!.send(group);
    await receivers.activate(await receivers.prepare(config('/new'), ctx()), ctx());
    await receivers.commit(ctx(log));
    await receivers.close(ctx());
    expect(lines.join('\n')).toMatch(/closed replaced receivers with sends still in flight/);
    expect(lines.join('\n')).not.toContain(hook.url('/old'));
    release();
    await slow;
  });

  it('rollback restores the old set and closes the new one', async () => {
    const receivers = new ReceiversReloader();
    await receivers.activate(await receivers.prepare(config('/old'), ctx()), ctx());
    await receivers.commit(ctx());
    const oldSet = receivers.current!;
    await receivers.activate(await receivers.prepare(config('/new'), ctx()), ctx());
    const newSet = receivers.current!;
    await receivers.rollback(ctx());
    expect(receivers.current).toBe(oldSet);
    await receivers.close(ctx());
    expect(newSet.get('default')!.closed).toBe(true);
  });

  it('discard closes a prepared set that never went live', async () => {
    const receivers = new ReceiversReloader();
    const prepared = await receivers.prepare(config('/x'), ctx());
    await receivers.discard(prepared, ctx());
    await receivers.close(ctx());
    expect(prepared.get('default')!.closed).toBe(true);
    expect(receivers.current).toBeNull();
  });

  it('prepare fails on a bad URL naming its config path, leaving the live set', async () => {
    const receivers = new ReceiversReloader();
    await receivers.activate(await receivers.prepare(config('/x'), ctx()), ctx());
    // The schema refuses such a URL already; the reloader must still not build on one.
    const bad = makeConfig({ receivers: [{ name: 'default', slack_configs: [{ api_url: 'http://127.0.0.1:9/slack' }] }] });
    bad.receivers[0]!.slack_configs![0]!.api_url = 'nope';
    await expect(receivers.prepare(bad, ctx())).rejects.toThrow(/receivers\.0\.slack_configs\.0\.api_url is not a valid URL/);
    expect(receivers.current!.has('default')).toBe(true);
    await receivers.close(ctx());
  });

  it('health fails on a set whose clients were closed', async () => {
    const receivers = new ReceiversReloader();
    await receivers.activate(await receivers.prepare(config('/x'), ctx()), ctx());
    receivers.current!.get('default')!.close();
    await expect(receivers.health(ctx())).rejects.toThrow(/receiver "default" is closed/);
  });
  it('renders with the template files the reload context carries (what the load phase read)', async () => {
    const receivers = new ReceiversReloader();
    const withTitle = makeConfig({ receivers: [{ name: 'default', slack_configs: [{ api_url: hook.url('/slack'), channel: '#ops', title: '{{ template "team.title" . }}' }] }] });
    const templateFiles = [{ path: 'team.tmpl', text: '{{ define "team.title" }}team says {{ .Status }}{{ end }}' }];
    await receivers.activate(await receivers.prepare(withTitle, { ...ctx(), templateFiles }), ctx());
    await receivers.current!.get('default')!.send(group);
    expect(JSON.stringify(hook.received[0]!.body)).toContain('team says firing');
    await receivers.close(ctx());
  });
});
