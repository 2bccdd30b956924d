// Against a real `hotconf serve`: both listeners answer only to their Host names (a foreign
// name is DNS rebinding: 421, and nothing of the config in the answer), and a body is
// counted as it streams — a chunked 100 MB upload with no Content-Length is refused with 413
// once the count passes the limit, before the client has sent it all, the connection is
// closed, and the service's memory does not grow with it. The console's readJson does the
// same with a streaming Request.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson } from '../../server/console/request';
import { HttpError } from '../../server/http/errors';
import { type ServiceProcess, freePort, sampleConfig, serviceProcess } from '../support/service-process';
import { memoryOf, pushChunked, rawRequest } from './support/raw-http';

const HUNDRED_MB = 100 * 1024 * 1024;

let svc: ServiceProcess;
let port: number;
let serviceUrl: string;

beforeAll(async () => {
  port = await freePort();
  serviceUrl = `http://127.0.0.1:${port}`;
  svc = await serviceProcess({ config: sampleConfig({ port }), env: { HOTCONF_ALLOWED_HOSTS: 'console.example' } });
  await svc.start();
});
afterAll(async () => {
  await svc?.stop();
  svc?.cleanup();
});

const auth = () => ({ authorization: `Bearer ${svc.token}` });
const adminPort = () => new URL(svc.adminUrl).port;

/** A 421 whose body is only the error: what it says, and how to allow a name. */
function expectMisdirected(answer: { status: number; body: string }, how: RegExp): void {
  expect(answer.status).toBe(421);
  const body = JSON.parse(answer.body) as { error: { code: string; message: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe('misdirected_request');
  expect(body.error.message).toContain('not to the Host "evil.example"');
  expect(body.error.message).toMatch(how);
  for (const leak of ['receivers', 'webhook', '127.0.0.1:9/', 'default', svc.token]) expect(answer.body).not.toContain(leak);
}

describe('Host checks (DNS rebinding)', () => {
  it('the admin listener answers a foreign Host with 421 and no data, even with the token', async () => {
    for (const path of ['/api/v2/config', '/api/v2/config/status', '/-/healthy', '/metrics']) {
      const answer = await rawRequest(svc.adminUrl + path, { headers: { host: `evil.example:${adminPort()}`, ...auth() } });
      expectMisdirected(answer, /start hotconf serve with --allowed-hosts NAME \(or HOTCONF_ALLOWED_HOSTS=NAME\)$/);
    }
    const plan = await rawRequest(svc.adminUrl + '/api/v2/config/plan', { method: 'POST', headers: { host: 'evil.example', ...auth() }, body: 'log: { level: debug }\n' });
    expectMisdirected(plan, /--allowed-hosts/);
    const reload = await rawRequest(svc.adminUrl + '/-/reload', { method: 'POST', headers: { host: 'evil.example', ...auth() } });
    expectMisdirected(reload, /--allowed-hosts/);
    expect((await svc.history()).length).toBe(1); // the startup reload only: nothing ran
  });

  it('the admin listener answers its loopback names, IP addresses and the names --allowed-hosts lists', async () => {
    for (const host of [`localhost:${adminPort()}`, 'localhost', `127.0.0.1:${adminPort()}`, '[::1]', 'console.example', `CONSOLE.EXAMPLE:${adminPort()}`]) {
      const answer = await rawRequest(svc.adminUrl + '/api/v2/config/status', { headers: { host, ...auth() } });
      expect([host, answer.status]).toEqual([host, 200]);
    }
  });

  it('the service listener answers a foreign Host with 421 and takes no alert', async () => {
    const receivers = await rawRequest(serviceUrl + '/api/v2/receivers', { headers: { host: 'evil.example' } });
    expectMisdirected(receivers, /add it to server.allowed_hosts in the config and reload \(or start hotconf serve with --allowed-hosts NAME\)$/);
    const alert = JSON.stringify([{ labels: { alertname: 'Rebound' } }]);
    const ingest = await rawRequest(serviceUrl + '/api/v2/alerts', { method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json' }, body: alert });
    expectMisdirected(ingest, /server.allowed_hosts/);
    const ok = await rawRequest(serviceUrl + '/api/v2/alerts', { method: 'POST', headers: { host: `localhost:${port}`, 'content-type': 'application/json' }, body: alert });
    expect(ok.status).toBe(200);
  });

  it('the service listener takes the names of server.allowed_hosts once reloaded, and the flag names too', async () => {
    const host = 'alerts.example';
    expect((await rawRequest(serviceUrl + '/healthz', { headers: { host } })).status).toBe(421);
    expect((await rawRequest(serviceUrl + '/healthz', { headers: { host: 'console.example' } })).status).toBe(200);
    svc.writeConfig(sampleConfig({ port }).replace('  graceful_shutdown_timeout: 2s', `  graceful_shutdown_timeout: 2s\n  allowed_hosts: [${host}]`));
    const { status, body } = await svc.reload();
    expect([status, body.status, body.components?.map((c: { name: string }) => c.name)]).toEqual([200, 'success', ['listener']]);
    expect((await rawRequest(serviceUrl + '/healthz', { headers: { host: `${host}:${port}` } })).status).toBe(200);
    expect((await rawRequest(serviceUrl + '/healthz', { headers: { host: 'evil.example' } })).status).toBe(421);
  });

  it('hotconf serve refuses an --allowed-hosts entry that is not a host name, saying what to write', () => {
    const run = spawnSync(process.execPath, [resolve('dist/cli.js'), 'serve', '--config', svc.configPath, '--data-dir', svc.dataDir, '--allowed-hosts', 'ok.example,https://evil.example/'], { encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('hotconf serve: --allowed-hosts: "https://evil.example/" is not a host name: list names like hotconf.example.com or IP addresses, without scheme or port (or * to accept any name)');
  });

  it('refuses a config whose server.allowed_hosts holds a URL, saying what to write', async () => {
    const res = await svc.admin('/api/v2/config/plan', { method: 'POST', body: sampleConfig({ port }).replace('  graceful_shutdown_timeout: 2s', '  graceful_shutdown_timeout: 2s\n  allowed_hosts: ["https://alerts.example:443"]') });
    const plan = (await res.json()) as { valid: boolean; errors: { path: string; message: string }[] };
    expect(plan.valid).toBe(false);
    expect(plan.errors).toContainEqual(expect.objectContaining({ path: 'server.allowed_hosts.0', message: expect.stringMatching(/must be a host name like alerts.example.com or an IP address, without scheme or port/) }));
  });
});

describe('bodies are counted as they stream', () => {
  it.each([
    ['the ingest API (limit webhook.max_body_bytes, 1 MiB)', () => `${serviceUrl}/api/v2/alerts`, () => ({})],
    ['the admin plan (limit 10 MiB)', () => `${svc.adminUrl}/api/v2/config/plan`, auth],
  ])('a chunked 100 MB body to %s → 413 early, connection closed, memory flat', async (_name, url, headers) => {
    const pid = svc.child.pid!;
    const before = memoryOf(pid);
    const outcome = await pushChunked(url(), HUNDRED_MB, headers());
    const after = memoryOf(pid);
    console.log(`${_name}: 413 after ${(outcome.sentAtAnswer! / 2 ** 20).toFixed(0)} MiB sent, ${(outcome.sent / 2 ** 20).toFixed(0)} MiB in all; RSS ${(before.rss / 2 ** 20).toFixed(0)} → ${(after.rss / 2 ** 20).toFixed(0)} MiB, peak ${(before.peak / 2 ** 20).toFixed(0)} → ${(after.peak / 2 ** 20).toFixed(0)} MiB`);
    expect(outcome.status).toBe(413);
    expect(JSON.parse(outcome.body).error).toMatchObject({ code: 'body_too_large', message: expect.stringMatching(/^the request body is larger than \d+ bytes: send at most \d+ bytes$/) });
    expect(outcome.sentAtAnswer).toBeLessThan(HUNDRED_MB / 2);
    expect(outcome.cutOff).toBe(true);
    expect(outcome.sent).toBeLessThan(HUNDRED_MB);
    expect(after.peak - before.peak).toBeLessThan(50 * 1024 * 1024);
    expect(after.rss - before.rss).toBeLessThan(50 * 1024 * 1024);
    expect((await fetch(`${serviceUrl}/healthz`)).status).toBe(200);
  });

  it('a declared Content-Length over the limit is refused before the body is read', async () => {
    const answer = await rawRequest(`${serviceUrl}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(HUNDRED_MB) } });
    expect(answer.status).toBe(413);
  });
});

describe("the console's readJson", () => {
  /** A POST whose body is an endless chunked stream of JSON-ish text; counts what was pulled. */
  function endlessRequest(): { req: Request; pulled: () => number; cancelled: () => boolean } {
    let pulled = 0;
    let cancelled = false;
    const chunk = new TextEncoder().encode('"' + 'a'.repeat(64 * 1024 - 2) + '"');
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    const req = new Request('http://console.test/api/config/plan', { method: 'POST', body, duplex: 'half', headers: { 'content-type': 'application/json' } } as RequestInit);
    return { req, pulled: () => pulled, cancelled: () => cancelled };
  }

  it('refuses a chunked body past 4 MiB with 413 as soon as the count passes, and cancels the rest', async () => {
    const { req, pulled, cancelled } = endlessRequest();
    const err = await readJson(req).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect([(err as HttpError).status, (err as HttpError).code]).toEqual([413, 'body_too_large']);
    expect(pulled()).toBeLessThan(4 * 1024 * 1024 + 4 * 64 * 1024);
    expect(cancelled()).toBe(true);
  });

  it('still reads a body under the limit', async () => {
    const req = new Request('http://console.test/api/config/plan', { method: 'POST', body: JSON.stringify({ content: 'x' }) });
    expect(await readJson(req)).toEqual({ content: 'x' });
  });
});
