import { existsSync, mkdtempSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SettingsError } from '../../../server/console/settings';
import { freePort, parseListen, projectRoot, startConsole } from '../../../server/console/start';
import { addConsoleUser, bearerFetch } from '../../support/console-users';

const CONSOLE_DATA = mkdtempSync(join(tmpdir(), 'hotconf-start-console-'));
const ENV = { HOTCONF_REPO: '/tmp/no-such-repo', HOTCONF_SERVICE_URL: 'http://127.0.0.1:9', HOTCONF_ADMIN_TOKEN: 't', HOTCONF_CONSOLE_DATA_DIR: CONSOLE_DATA };
const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
afterAll(() => rm(CONSOLE_DATA, { recursive: true, force: true }));

async function fakeRoot(withNodeModules: boolean): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hotconf-root-'));
  temps.push(dir);
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'hotconf' }));
  if (withNodeModules) await symlink(join(projectRoot(), 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

describe('parseListen', () => {
  it('reads host:port, and bracketed IPv6', () => {
    expect(parseListen('127.0.0.1:3000')).toEqual({ host: '127.0.0.1', port: 3000 });
    expect(parseListen('localhost:0')).toEqual({ host: 'localhost', port: 0 });
    expect(parseListen('[::1]:8080')).toEqual({ host: '::1', port: 8080 });
  });

  it('rejects anything else, saying the expected form', () => {
    for (const bad of ['3000', '127.0.0.1', ':3000', '127.0.0.1:70000', 'a b:1', '::1:3000']) {
      expect(() => parseListen(bad)).toThrow(/must be HOST:PORT, e\.g\. 127\.0\.0\.1:3000/);
    }
  });
});

describe('projectRoot and freePort', () => {
  it('finds hotconf’s package.json above this source tree', () => {
    const root = projectRoot();
    expect(existsSync(join(root, 'server/console/start.ts'))).toBe(true);
  });

  it('gives a loopback port nothing listens on', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });
});

describe('startConsole', () => {
  it('refuses a bad environment before starting anything, listing every problem', async () => {
    const err = await startConsole({ listen: '127.0.0.1:0', env: { HOTCONF_REPO: '', HOTCONF_SERVICE_URL: 'nope', HOTCONF_ADMIN_TOKEN: '' }, root: await fakeRoot(false) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SettingsError);
    expect((err as SettingsError).problems).toHaveLength(4);
    expect((err as SettingsError).problems[3]).toMatch(/HOTCONF_CONSOLE_DATA_DIR is not set/);
  });

  it('says how to install or build when Next or its build is missing', async () => {
    await expect(startConsole({ listen: '127.0.0.1:0', env: ENV, root: await fakeRoot(false) })).rejects.toThrow(/Next\.js is not installed .*run `npm install`/);
    await expect(startConsole({ listen: '127.0.0.1:0', env: ENV, root: await fakeRoot(true) })).rejects.toThrow(/the console is not built .*run `npx next build`/);
  });

  it('runs the built console on a free port, answers 200, and stops it for good', async () => {
    const viewer = await addConsoleUser(CONSOLE_DATA, 'start-test', 'viewer');
    const running = await startConsole({ listen: '127.0.0.1:0', env: ENV, onOutput: () => {} });
    const get = bearerFetch(viewer.token);
    try {
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${running.url}/api/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });
      // The console reads its settings from the env it was given, where neither the service
      // nor the repo exists: each failure reaches the client with its own status and message.
      const schema = await get(`${running.url}/api/schema`);
      expect(schema.status).toBe(502);
      expect(((await schema.json()) as { error: { message: string } }).error.message).toMatch(/^service unreachable at http:\/\/127\.0\.0\.1:9: is `hotconf serve` running\?/);
      const config = await get(`${running.url}/api/config`);
      expect(config.status).toBe(500);
      expect(((await config.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'repo_unavailable', message: expect.stringMatching(/Check HOTCONF_REPO/) });
    } finally {
      await running.stop();
    }
    expect(() => process.kill(running.pid, 0)).toThrow();
    await expect(fetch(`${running.url}/api/health`)).rejects.toThrow();
  });
});
