// Acceptance of the service and its reload pipeline, driving real `hotconf serve` processes:
// SIGHUP and the admin API, metrics, events, crash recovery and a live port move.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePromText } from '../support/metrics';
import { type ServiceProcess, freePort, sampleConfig, serviceProcess } from '../support/service-process';
import { connectSse } from '../support/sse';

let svc: ServiceProcess | undefined;
afterEach(async () => {
  await svc?.stop();
  svc?.cleanup();
  svc = undefined;
});

async function started(config: (port: number) => string, env?: Record<string, string>): Promise<{ svc: ServiceProcess; port: number }> {
  const port = await freePort();
  svc = await serviceProcess({ config: config(port), ...(env ? { env } : {}) });
  await svc.start();
  return { svc, port };
}

const healthz = (port: number) => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status);

describe('scenario: add a receiver, then kill -HUP', () => {
  it('reloads receivers and routing, reports every phase in order, and moves the metrics', async () => {
    const { svc, port } = await started((p) => sampleConfig({ port: p }));
    const sse = await connectSse(`${svc.adminUrl}/api/v2/config/reload/events`, { token: svc.token });
    const before = parsePromText(await svc.metrics());

    svc.writeConfig(sampleConfig({ port, receivers: ['default', 'oncall'], extra: '' }).replace('route:\n  receiver: default', 'route:\n  receiver: default\n  routes:\n    - receiver: oncall\n      matchers: [\'severity="critical"\']'));
    const last = (await svc.status()).last_reload_id;
    svc.signal('SIGHUP');
    const record = await svc.waitForRecord(last);

    expect(record).toMatchObject({ trigger: 'sighup', status: 'success' });
    expect(record.components.map((c: any) => c.name).sort()).toEqual(['receivers', 'routing']);
    expect(record.changes.map((c: any) => c.path)).toEqual(expect.arrayContaining(['route.routes', 'receivers.1']));

    await sse.waitFor((e) => e.event === 'reload.finished' && e.data.id === record.id);
    const mine = sse.events.filter((e) => e.data.id === record.id);
    const phaseOrder = mine.filter((e) => e.event === 'phase.started').map((e) => e.data.phase);
    expect(phaseOrder).toEqual(['load', 'validate', 'diff', 'apply', 'reload', 'health']);
    expect(mine[0]!.event).toBe('reload.started');
    expect(mine.at(-1)!.event).toBe('reload.finished');
    sse.close();

    const after = parsePromText(await svc.metrics());
    expect(after.get('config_reload_total{status="success"}')).toBe(before.get('config_reload_total{status="success"}')! + 1);
    expect(after.get('config_reload_version')).toBe(2);
    expect(after.get('config_reload_component_duration_seconds_count{component="receivers"}')).toBeGreaterThan(before.get('config_reload_component_duration_seconds_count{component="receivers"}')!);
    expect(after.get('config_reload_last_success_timestamp_seconds')).toBeGreaterThan(before.get('config_reload_last_success_timestamp_seconds')!);
    expect(await healthz(port)).toBe(200);
  });
});

describe('scenario: a route names a receiver that does not exist', () => {
  it('is validation_failed with line and column, and the old config keeps serving', async () => {
    const { svc, port } = await started((p) => sampleConfig({ port: p }));
    svc.writeConfig(sampleConfig({ port, routeReceiver: 'typo' }));
    const { status, body } = await svc.reload();

    expect(status).toBe(422);
    const record = body.error.details.record;
    expect(record.status).toBe('validation_failed');
    expect(record.issues).toContainEqual(expect.objectContaining({ path: 'route.receiver', line: 10, column: expect.any(Number) }));
    expect(await healthz(port)).toBe(200);
    expect((await svc.status()).version).toBe(1);
    const m = parsePromText(await svc.metrics());
    expect(m.get('config_reload_errors_total{type="validation_failed"}')).toBe(1);
    expect(m.get('config_last_reload_successful')).toBe(0);
  });
});

describe('/metrics', () => {
  it('says what runs: hotconf_build_info with the version, the revision of the build and the Node.js version', async () => {
    const { svc } = await started((p) => sampleConfig({ port: p }));
    const text = await svc.metrics();
    const line = text.split('\n').find((l) => l.startsWith('hotconf_build_info{'));
    const version = (await import('../../package.json', { with: { type: 'json' } })).default.version;
    expect(line).toMatch(new RegExp(`^hotconf_build_info\\{version="${version.replace(/\./g, '\\.')}",revision="[0-9a-f]{12}",node_version="${process.version}"\\} 1$`));
  });
});

describe('a burst of 1,000 SIGHUPs', () => {
  it('coalesces: the signals handled during a running reload start at most one follow-up, never two reloads at once', async () => {
    // Each SIGHUP reload is held 1 s in prepare, so the whole burst lands on a running reload.
    const port = await freePort();
    svc = await serviceProcess({ config: sampleConfig({ port }), env: { HOTCONF_FAILPOINTS: 'receivers.prepare=sleep(1000)@sighup' } });
    await svc.start();
    const sse = await connectSse(`${svc.adminUrl}/api/v2/config/reload/events`, { token: svc.token });
    svc.writeConfig(sampleConfig({ port, receivers: ['default', 'burst'] }));
    svc.signal('SIGHUP');
    await sse.waitFor((e) => e.event === 'reload.started');
    // The kernel merges a signal into one already pending, so every 100 signals the test waits
    // until the service has handled one more: at least 10 really reach it, however loaded the machine.
    const handledSoFar = async () => parsePromText(await svc!.metrics()).get('hotconf_signals_received_total{signal="SIGHUP"}') ?? 0;
    for (let i = 0; i < 1000; i++) {
      svc.signal('SIGHUP');
      if (i % 100 === 99) {
        const before = await handledSoFar();
        svc.signal('SIGHUP');
        await until(async () => (await handledSoFar()) > before);
      }
    }
    // A reload through the API starts after every signal above was handled: its record ends the burst.
    const { body: sentinel } = await svc.reload();
    const handled = parsePromText(await svc.metrics()).get('hotconf_signals_received_total{signal="SIGHUP"}')!;

    expect(svc.child.exitCode).toBeNull();
    const mine = sse.events.filter((e) => e.event === 'reload.started' || e.event === 'reload.finished');
    const started = mine.filter((e) => e.event === 'reload.started' && e.data.id < sentinel.id);
    expect(handled).toBeGreaterThanOrEqual(10); // many signals really reached the service...
    expect(started.length).toBeLessThanOrEqual(2); // ...and started the first reload plus at most one follow-up
    expect(started.every((e) => e.data.trigger === 'sighup')).toBe(true);
    // Never two at once: every start is followed by its own finish before the next start.
    const order = mine.map((e) => `${e.event === 'reload.started' ? '+' : '-'}${e.data.id}`);
    for (let i = 0; i < order.length; i += 2) expect([order[i], order[i + 1]]).toEqual([order[i]!, `-${order[i]!.slice(1)}`]);
    expect((await (await svc.admin('/api/v2/config')).json()).receivers.map((r: any) => r.name)).toEqual(['default', 'burst']);
    console.log(`1,000 SIGHUPs sent, ${handled} delivered and handled; ${started.length} reload(s) before the API call, whose reload (${sentinel.id}) ends the burst`);
    sse.close();
  });
});

describe('moving server.port under load', () => {
  it('refuses or fails no request while the listener moves', async () => {
    const { svc, port: oldPort } = await started((p) => sampleConfig({ port: p }));
    const newPort = await freePort();
    let target = oldPort;
    let ok = 0;
    const failures: string[] = [];
    let running = true;
    const client = async () => {
      while (running) {
        const port = target;
        try {
          const status = await healthz(port);
          if (status === 200) ok++;
          else failures.push(`${port}: HTTP ${status}`);
        } catch (err) {
          failures.push(`${port}: ${(err as Error).cause ?? err}`);
        }
      }
    };
    const clients = [client(), client(), client(), client()];
    await until(() => ok >= 50);

    svc.writeConfig(sampleConfig({ port: newPort }));
    const { status, body } = await svc.reload();
    expect(status).toBe(200);
    expect(body.components.map((c: any) => c.name)).toEqual(['listener']);
    target = newPort; // the client learns the new address from the reload's answer
    const before = ok;
    await until(() => ok >= before + 50); // the clients are on the new port
    running = false;
    await Promise.all(clients);

    expect(failures).toEqual([]);
    expect(ok).toBeGreaterThan(50);
    // After the hand-over window (graceful_shutdown_timeout: 2s) the old address is released.
    const released = await until(() => healthz(oldPort).then(() => false, () => true), 10_000);
    expect(released).toBeGreaterThan(1500); // not before the window ended
  });
});

describe('kill -9 during a reload', () => {
  it('restarts on the last good config and marks the reload interrupted', async () => {
    const port = await freePort();
    const good = sampleConfig({ port });
    svc = await serviceProcess({ config: good, env: { HOTCONF_FAILPOINTS: 'receivers.activate=sleep(10000)@sighup' } });
    await svc.start();
    const last = (await svc.status()).last_reload_id;

    const sse = await connectSse(`${svc.adminUrl}/api/v2/config/reload/events`, { token: svc.token });
    svc.writeConfig(sampleConfig({ port, receivers: ['default', 'never-applied'] }));
    svc.signal('SIGHUP');
    await sse.waitFor((e) => e.event === 'phase.started' && e.data.phase === 'reload'); // held in receivers.activate
    sse.close();
    expect((await svc.history(1))[0].status).toBe('in_progress');
    svc.signal('SIGKILL');
    await new Promise((r) => svc!.child.once('exit', r));

    const again = await serviceProcess({ config: sampleConfig({ port, receivers: ['default', 'never-applied'] }), dir: svc.dir });
    svc = again;
    await again.start();
    const status = await again.status();
    expect(status).toMatchObject({ source: 'last_good', ready: true });
    const running = await (await again.admin('/api/v2/config')).json();
    expect(running.receivers.map((r: any) => r.name)).toEqual(['default']);
    const { records } = await (await again.admin('/api/v2/config/reload/history?limit=5')).json();
    expect(records.find((r: any) => r.id === last + 1).status).toBe('interrupted');
  });
});

describe('the event stream', () => {
  it('replays what a client missed when it reconnects with Last-Event-ID', async () => {
    const { svc, port } = await started((p) => sampleConfig({ port: p }));
    const first = await connectSse(`${svc.adminUrl}/api/v2/config/reload/events`, { token: svc.token });
    svc.writeConfig(sampleConfig({ port, receivers: ['default', 'a'] }));
    await svc.reload();
    await first.waitFor((e) => e.event === 'reload.finished');
    const lastSeen = first.events.at(-1)!.id;
    first.close();

    // Two reloads while disconnected.
    svc.writeConfig(sampleConfig({ port, receivers: ['default', 'b'] }));
    await svc.reload();
    svc.writeConfig(sampleConfig({ port, receivers: ['default', 'c'] }));
    const { body } = await svc.reload();

    const second = await connectSse(`${svc.adminUrl}/api/v2/config/reload/events`, { token: svc.token, lastEventId: lastSeen });
    await second.waitFor((e) => e.event === 'reload.finished' && e.data.id === body.id);
    const ids = [...first.events, ...second.events].map((e) => e.id);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => ids[0]! + i)); // contiguous: none missed, none twice
    second.close();
  });
});

describe('the admin API', () => {
  it('refuses mutating calls without the admin token and never echoes it', async () => {
    const { svc } = await started((p) => sampleConfig({ port: p }));
    const none = await svc.admin('/-/reload', { method: 'POST', auth: false });
    expect(none.status).toBe(401);
    const wrong = await svc.admin('/-/reload', { method: 'POST', auth: false, headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(403);
    expect(JSON.stringify(await wrong.json())).not.toContain(svc.token);
    expect((await svc.admin('/api/v2/config/plan', { method: 'POST', auth: false, body: 'x: 1' })).status).toBe(401);
  });

  it('refuses a reload whose expect_commit does not match the file, before reloading', async () => {
    const { svc } = await started((p) => sampleConfig({ port: p }));
    const { status, body } = await svc.reload({ expect_commit: 'abcdef1' });
    expect(status).toBe(409);
    expect(body.error.code).toBe('commit_mismatch');
    expect((await svc.reload({ expect_commit: '--output=/tmp/x' })).status).toBe(400);
  });

  it('answers ?async=1 at once with the id of the reload that will serve the call', async () => {
    const { svc } = await started((p) => sampleConfig({ port: p }));
    const res = await svc.admin('/-/reload?async=1', { method: 'POST' });
    expect(res.status).toBe(202);
    const { id } = await res.json();
    expect((await svc.waitForRecord(id - 1)).id).toBe(id);
  });

  it('plans without activating anything', async () => {
    const { svc, port } = await started((p) => sampleConfig({ port: p }));
    const taken = port; // the service's own port is in use: moving there is fine, moving to the admin port is not
    const adminPort = Number(new URL(svc.adminUrl).port);
    const plan = await (await svc.admin('/api/v2/config/plan?detail=1', { method: 'POST', body: sampleConfig({ port: adminPort }) })).json();
    expect(plan.valid).toBe(false);
    expect(plan.components).toContainEqual(expect.objectContaining({ name: 'listener', preflight: 'failed' }));
    expect(plan.errors[0].message).toMatch(/in use/);
    const okPlan = await (await svc.admin('/api/v2/config/plan?detail=1', { method: 'POST', body: sampleConfig({ port: taken, receivers: ['default', 'x'] }) })).json();
    expect(okPlan).toMatchObject({ valid: true, restart_required: [] });
    expect(okPlan.components.map((c: any) => c.name)).toEqual(['receivers']);
    expect((await svc.status()).version).toBe(1);
  });

  it('serves the eight reload metrics with the documented buckets from the first scrape', async () => {
    const { svc } = await started((p) => sampleConfig({ port: p }));
    const text = await svc.metrics();
    for (const name of [
      'config_reload_total',
      'config_reload_duration_seconds',
      'config_reload_phase_duration_seconds',
      'config_reload_component_duration_seconds',
      'config_reload_errors_total',
      'config_reload_last_success_timestamp_seconds',
      'config_reload_rollbacks_total',
      'config_reload_version',
      'config_last_reload_successful',
      'config_reload_in_progress',
      'config_info',
      'process_resident_memory_bytes',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(text).toContain('config_reload_duration_seconds_bucket{le="0.001"}');
    expect(text).toContain('config_reload_phase_duration_seconds_bucket{le="0.0005",phase="load"}');
    expect(text).toContain('config_reload_rollbacks_total{reason="health_check_failed"} 0');
  });
});

describe('SIGTERM', () => {
  it('shuts down gracefully: drains, closes components in reverse, closes storage, the alert engine and the state store, removes the pid file, exits 0', async () => {
    const { svc } = await started((p) => sampleConfig({ port: p }));
    const pidFile = join(svc.dataDir, 'hotconf.pid');
    expect(readFileSync(pidFile, 'utf8').split('\n')[0]).toBe(String(svc.child.pid));
    expect(await svc.stop()).toBe(0);
    const steps = svc.lines().filter((l) => /^(received SIGTERM|shutdown: |stopped$)/.test(l.msg)).map((l) => (l.msg === 'shutdown: component closed' ? `closed ${l.component}` : l.msg));
    expect(steps).toEqual([
      'received SIGTERM',
      'shutdown: reloads finished',
      'shutdown: admin listener drained',
      ...['listener', 'ingest', 'inhibition', 'routing', 'receivers', 'storage', 'logger'].map((c) => `closed ${c}`),
      'shutdown: alert engine closed',
      'shutdown: state store closed',
      'stopped',
    ]);
    // SQLite removes a WAL file when its last connection closes cleanly.
    expect(existsSync(join(svc.dataDir, 'alerts.db-wal'))).toBe(false);
    expect(existsSync(join(svc.dataDir, 'hotconf.db-wal'))).toBe(false);
    expect(existsSync(join(svc.dataDir, 'engine.db'))).toBe(true);
    expect(existsSync(join(svc.dataDir, 'engine.db-wal'))).toBe(false);
    expect(existsSync(pidFile)).toBe(false);
  });
});

/** Polls `cond` (state a test can observe) until true; resolves with the ms it took. */
async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<number> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms: ${cond}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - t0;
}
