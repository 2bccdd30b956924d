// The admin API against a real `hotconf serve`: every call that reads or changes the config
// needs the admin token; only the probes and the metrics stay open (Prometheus and
// Alertmanager keep them open too: scrapers and health checks carry no token).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServiceProcess, freePort, sampleConfig, serviceProcess } from '../support/service-process';

let svc: ServiceProcess;

beforeAll(async () => {
  svc = await serviceProcess({ config: sampleConfig({ port: await freePort() }) });
  await svc.start();
});
afterAll(async () => {
  await svc?.stop();
  svc?.cleanup();
});

/** Every admin call that needs the token, with what a valid call sends. */
const GUARDED: { method: string; path: string; body?: string; stream?: boolean }[] = [
  { method: 'GET', path: '/api/v2/config/status' },
  { method: 'GET', path: '/api/v2/config' },
  { method: 'GET', path: '/api/v2/config?format=yaml' },
  { method: 'GET', path: '/api/v2/config/schema' },
  { method: 'GET', path: '/api/v2/config/reload/history?limit=5' },
  { method: 'GET', path: '/api/v2/config/reload/events', stream: true },
  { method: 'POST', path: '/api/v2/config/plan', body: 'log: { level: debug }\n' },
  { method: 'POST', path: '/-/reload' },
];

async function call(c: (typeof GUARDED)[number], auth: Record<string, string>): Promise<{ status: number; text: string }> {
  const abort = new AbortController();
  const res = await fetch(svc.adminUrl + c.path, { method: c.method, headers: auth, signal: abort.signal, ...(c.body ? { body: c.body } : {}) });
  // An event stream never ends: the status and headers are the answer.
  const text = c.stream && res.ok ? '' : await res.text();
  abort.abort();
  return { status: res.status, text };
}

describe('admin API reads need the admin token', () => {
  it.each(GUARDED)('$method $path without a token → 401 that says how to send it, and no data', async (c) => {
    const { status, text } = await call(c, {});
    expect(status).toBe(401);
    const body = JSON.parse(text) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unauthorized');
    expect(body.error.message).toMatch(/Authorization: Bearer <admin token>/);
    expect(body.error.message).toMatch(/HOTCONF_ADMIN_TOKEN or <data dir>\/admin-token/);
    expect(Object.keys(body)).toEqual(['error']);
    expect(text).not.toContain('receivers');
  });

  it.each(GUARDED)('$method $path with a wrong token → 403, the right token never echoed', async (c) => {
    const { status, text } = await call(c, { authorization: 'Bearer not-the-token' });
    expect(status).toBe(403);
    expect(text).not.toContain(svc.token);
    expect(text).not.toContain('not-the-token');
  });

  it.each(GUARDED)('$method $path with the token → 200', async (c) => {
    const { status } = await call(c, { authorization: `Bearer ${svc.token}` });
    expect(status).toBe(200);
  });

  it('keeps /-/healthy, /-/ready and /metrics open', async () => {
    for (const path of ['/-/healthy', '/-/ready', '/metrics']) {
      const res = await fetch(svc.adminUrl + path);
      expect([path, res.status]).toEqual([path, 200]);
    }
    expect(await (await fetch(svc.adminUrl + '/metrics')).text()).toContain('config_reload_total');
  });
});
