// Issue 12, acceptance 2: `receivers.activate` hangs past its 2 s timeout and then completes
// (the failpoint sleeps 2.6 s, ignoring its signal, as a hung component would). The reload
// is rolled back at the timeout; when the step wakes 0.6 s later it must not swap: what the
// receivers component serves, the record, the status and the metrics all still say the old
// config. Waits are on the service's events and log lines.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePromText } from '../support/metrics';
import { type ServiceProcess, freePort, sampleConfig, serviceProcess, liveReceivers } from '../support/service-process';
import { connectSse } from '../support/sse';

const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

let svc: ServiceProcess | undefined;
afterEach(async () => {
  await svc?.stop();
  svc?.cleanup();
  svc = undefined;
});


describe('a step that hangs past its timeout, then completes', () => {
  it('is abandoned: after it wakes, the receivers served, the record, the status and the metrics all agree on the old config', async () => {
    const port = await freePort();
    const old = sampleConfig({ port });
    svc = await serviceProcess({ config: old, env: { HOTCONF_FAILPOINTS: 'receivers.activate=sleep(2600)@sighup' } });
    await svc.start();
    const sse = await connectSse(`${svc.adminUrl}/api/v2/config/reload/events`, { token: svc.token });

    svc.writeConfig(sampleConfig({ port, receivers: ['default', 'late'] }));
    svc.signal('SIGHUP');
    const finished = await sse.waitFor((e) => e.event === 'reload.finished', 20_000);
    const record = finished.data.record;
    expect(record).toMatchObject({ status: 'rolled_back', rollback_reason: 'timeout', rolled_back: true });
    expect(record.components.find((c: any) => c.name === 'receivers')).toMatchObject({ status: 'rolled_back' });
    expect(record.phases.find((p: any) => p.name === 'reload')).toMatchObject({ status: 'timeout' });

    // The abandoned activate wakes up (~0.6 s after the timeout) and is refused.
    const ended = await svc.waitForLine((l) => l.msg === 'an abandoned step ended without taking effect' && l.component === 'receivers');
    expect(ended).toMatchObject({ step: 'activate', reload_id: record.id });
    expect(ended.late_by_ms).toBeGreaterThan(300);
    expect(ended.error).toMatch(/did not finish within 2000 ms|swap was refused/);

    // What actually runs, asked of the live component over the service listener...
    expect(await liveReceivers(svc, port)).toEqual(['default']);
    // ...and what is reported: all the old config.
    const status = await svc.status();
    expect(status).toMatchObject({ status: 'rolled_back', version: 1, config_hash: hash(old), ready: true, in_progress: false });
    const running = await (await svc.admin('/api/v2/config')).json();
    expect(running.receivers.map((r: any) => r.name)).toEqual(['default']);
    const m = parsePromText(await svc.metrics());
    expect(m.get('config_reload_version')).toBe(1);
    expect(m.get(`config_info{commit="none",hash="${hash(old)}"}`)).toBe(1);
    expect(m.get('config_reload_rollbacks_total{reason="timeout"}')).toBe(1);
    expect(m.get('config_reload_errors_total{type="timeout"}')).toBe(1);
    expect(m.get('config_reload_in_progress')).toBe(0);
    expect((await svc.history(1))[0]).toMatchObject({ id: record.id, status: 'rolled_back' });

    // The same change through the API (the failpoint is for SIGHUP only) does go live: the
    // check above would have seen it.
    const { status: code, body } = await svc.reload();
    expect(code).toBe(200);
    expect(body.status).toBe('success');
    expect(await liveReceivers(svc, port)).toEqual(['default', 'late']);
    sse.close();
  });
});
