// --admin-open-reload loopback, for the reload sidecars of Kubernetes (configmap-reload,
// prometheus-config-reloader) that POST /-/reload without a token: with the opt-in, a
// token-less reload from this host re-reads the file; from another address, or from a
// browser (Origin), it is refused and nothing reloads; without the opt-in it needs the
// token as before; a wrong token is still wrong.
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { type ServiceProcess, freePort, liveReceivers, sampleConfig, serviceProcess } from '../../support/service-process';

let svc: ServiceProcess | undefined;
afterEach(async () => {
  await svc?.stop();
  svc?.cleanup();
  svc = undefined;
});

/** An address of this machine that is not loopback: a connection to it has that address as its peer. */
function outsideAddress(): string {
  const found = Object.values(networkInterfaces()).flat().find((a) => a && !a.internal && a.family === 'IPv4');
  if (!found) throw new Error('this machine has no non-loopback IPv4 address; the refusal of a token-less reload from another address cannot be shown without one');
  return found.address;
}

async function started(env: Record<string, string>): Promise<{ svc: ServiceProcess; port: number; adminPort: number }> {
  const port = await freePort();
  svc = await serviceProcess({ config: sampleConfig({ port }), adminHost: '0.0.0.0', env });
  await svc.start();
  return { svc, port, adminPort: Number(new URL(svc.adminUrl).port) };
}

const reload = (host: string, adminPort: number, headers: Record<string, string> = {}) => fetch(`http://${host}:${adminPort}/-/reload`, { method: 'POST', headers });

describe('POST /-/reload without a token', () => {
  it('with --admin-open-reload loopback: reloads the file when it comes from this host', async () => {
    const { svc, port, adminPort } = await started({ HOTCONF_ADMIN_OPEN_RELOAD: 'loopback' });
    svc.writeConfig(sampleConfig({ port, receivers: ['default', 'from-sidecar'] }));
    const res = await reload('127.0.0.1', adminPort);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'success', trigger: 'api' });
    expect(await liveReceivers(svc, port)).toEqual(['default', 'from-sidecar']);
    expect(svc.lines().some((l) => l.msg.startsWith('reload requested without a token from this host'))).toBe(true);
  });

  it('with the opt-in: refused from another address, and from a browser on this host; nothing reloads', async () => {
    const { svc, port, adminPort } = await started({ HOTCONF_ADMIN_OPEN_RELOAD: 'loopback' });
    svc.writeConfig(sampleConfig({ port, receivers: ['default', 'not-loaded'] }));
    const before = (await svc.status()).last_reload_id;

    const remote = await reload(outsideAddress(), adminPort);
    expect(remote.status).toBe(401);
    expect((await remote.json()).error.message).toContain('accepted from this host only');

    const browser = await reload('127.0.0.1', adminPort, { origin: 'http://evil.example' });
    expect(browser.status).toBe(403);
    const fetchMetadata = await reload('127.0.0.1', adminPort, { 'sec-fetch-site': 'cross-site' });
    expect(fetchMetadata.status).toBe(403);

    const wrongToken = await reload('127.0.0.1', adminPort, { authorization: 'Bearer not-the-token' });
    expect(wrongToken.status).toBe(403);

    expect((await svc.status()).last_reload_id).toBe(before);
    expect(await liveReceivers(svc, port)).toEqual(['default']);
  });

  it('without the opt-in: needs the token, from this host too', async () => {
    const { svc, adminPort } = await started({});
    const before = (await svc.status()).last_reload_id;
    expect((await reload('127.0.0.1', adminPort)).status).toBe(401);
    expect((await svc.status()).last_reload_id).toBe(before);
  });

  it('refuses an opt-in value other than loopback at start, saying what it takes', async () => {
    const port = await freePort();
    svc = await serviceProcess({ config: sampleConfig({ port }), env: { HOTCONF_ADMIN_OPEN_RELOAD: 'any' } });
    const child = svc.launch();
    const { code } = await svc.exited();
    expect(child.exitCode ?? code).toBe(2);
    expect(svc.logs.join('')).toContain('--admin-open-reload takes "loopback"');
  });
});
