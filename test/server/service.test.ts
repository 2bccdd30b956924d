// Acceptance of the service and its reload pipeline, driving real `hotconf serve` processes:
// SIGHUP and the admin API, metrics, events, crash recovery and a live port move.
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
    const sse = await connectSse(`${svc.adminUrl}/api/v2/config/reload/events`);
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

describe('a burst of 1,000 SIGHUPs', () => {
  it('keeps the process alive and runs at most 3 reloads, never two at once', async () => {
    const { svc, port } = await started((p) => sampleConfig({ port: p }));
    svc.writeConfig(sampleConfig({ port, receivers: ['default', 'burst'] }));
    const total = (m: Map<string, number>) => [...m].filter(([k]) => k.startsWith('config_reload_total{')).reduce((s, [, v]) => s + v, 0);
    const before = total(parsePromText(await svc.metrics()));
    for (let i = 0; i < 1000; i++) svc.signal('SIGHUP');
    await new Promise((r) => setTimeout(r, 1500));

    expect(svc.child.exitCode).toBeNull();
    const ran = total(parsePromText(await svc.metrics())) - before;
    expect(ran).toBeGreaterThanOrEqual(1);
    expect(ran).toBeLessThanOrEqual(3);
    const { records } = await (await svc.admin('/api/v2/config/reload/history?limit=10')).json();
    const spans = records.map((r: any) => [Date.parse(r.started_at), Date.parse(r.started_at) + r.duration_ms]).sort((a: number[], b: number[]) => a[0]! - b[0]!);
    for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(Math.floor(spans[i - 1][1]) - 1);
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
    await new Promise((r) => setTimeout(r, 300));

    svc.writeConfig(sampleConfig({ port: newPort }));
    const { status, body } = await svc.reload();
    expect(status).toBe(200);
    expect(body.components.map((c: any) => c.name)).toEqual(['listener']);
    target = newPort; // the client learns the new address from the reload's answer
    await new Promise((r) => setTimeout(r, 500));
    running = false;
    await Promise.all(clients);

    expect(failures).toEqual([]);
    expect(ok).toBeGreaterThan(50);
    // After the hand-over window (graceful_shutdown_timeout: 2s) the old address is released.
    await new Promise((r) => setTimeout(r, 2500));
    await expect(healthz(oldPort)).rejects.toThrow();
  });
});

describe('kill -9 during a reload', () => {
  it('restarts on the last good config and marks the reload interrupted', async () => {
    const port = await freePort();
    const good = sampleConfig({ port });
    svc = await serviceProcess({ config: good, env: { HOTCONF_FAILPOINTS: 'receivers.activate=sleep(10000)@sighup' } });
    await svc.start();
    const last = (await svc.status()).last_reload_id;

    svc.writeConfig(sampleConfig({ port, receivers: ['default', 'never-applied'] }));
    svc.signal('SIGHUP');
    const inProgress = async () => (await (await svc!.admin('/api/v2/config/reload/history?limit=1')).json()).records[0].status === 'in_progress';
    for (let i = 0; i < 200 && !(await inProgress()); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await inProgress()).toBe(true);
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
    const first = await connectSse(`${svc.adminUrl}/api/v2/config/reload/events`);
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

    const second = await connectSse(`${svc.adminUrl}/api/v2/config/reload/events`, lastSeen);
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
    const plan = await (await svc.admin('/api/v2/config/plan', { method: 'POST', body: sampleConfig({ port: adminPort }) })).json();
    expect(plan.valid).toBe(false);
    expect(plan.components).toContainEqual(expect.objectContaining({ name: 'listener', preflight: 'failed' }));
    expect(plan.errors[0].message).toMatch(/in use/);
    const okPlan = await (await svc.admin('/api/v2/config/plan', { method: 'POST', body: sampleConfig({ port: taken, receivers: ['default', 'x'] }) })).json();
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
  it('shuts down gracefully and exits 0', async () => {
    const { svc } = await started((p) => sampleConfig({ port: p }));
    expect(await svc.stop()).toBe(0);
  });
});
