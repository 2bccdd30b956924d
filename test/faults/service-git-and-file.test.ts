// Issue 12, acceptance 3 (git and the config file): no `git` on PATH, a damaged `.git`, the
// config file replaced by a directory. The service stays up, says what is wrong, and keeps
// or applies the right config: provenance failures make `commit` null and `provenance`
// "unknown" and the reload goes on; an unreadable file is load_failed and the old config
// keeps running (and a start falls back to the last good config).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ServiceProcess, freePort, sampleConfig, serviceProcess, liveReceivers, hup } from '../support/service-process';

let svc: ServiceProcess | undefined;
afterEach(async () => {
  await svc?.stop();
  svc?.cleanup();
  svc = undefined;
});



/** The service's dir as a git repository with config.yaml committed; returns the commit. */
function commitConfig(dir: string): string {
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8' }).trim();
  git('init', '-q');
  git('add', 'config.yaml');
  git('commit', '-q', '-m', 'config');
  return git('rev-parse', 'HEAD');
}

describe('git provenance cannot be found', () => {
  it('no git binary on PATH: start and reloads succeed with commit null and provenance "unknown"', async () => {
    const port = await freePort();
    svc = await serviceProcess({ config: sampleConfig({ port }), env: { PATH: '/nonexistent-bin' } });
    commitConfig(svc.dir);
    await svc.start();
    const status = await svc.status();
    expect(status).toMatchObject({ ready: true, status: 'success', commit: null, provenance: 'unknown' });
    const startup = (await svc.history(1))[0];
    expect(startup).toMatchObject({ trigger: 'startup', status: 'success', commit: null, provenance: 'unknown' });
    expect(startup.warnings).toEqual([expect.stringMatching(/^git provenance unknown \(.*ENOENT.*\): commit is null$/)]);
    expect(await svc.waitForLine(/cannot tell which git commit the config file is/)).toMatchObject({ level: 'warn' });

    svc.writeConfig(sampleConfig({ port, receivers: ['default', 'no-git'] }));
    expect(await hup(svc)).toMatchObject({ status: 'success', commit: null, provenance: 'unknown' });
    expect(await liveReceivers(svc, port)).toEqual(['default', 'no-git']);
    // A caller asking for a specific commit is told the service cannot vouch for it.
    const { status: code, body } = await svc.reload({ expect_commit: 'abcdef1' });
    expect(code).toBe(409);
    expect(body.error).toMatchObject({ code: 'commit_mismatch', details: { provenance: 'unknown' } });
    expect(body.error.message).toMatch(/cannot tell which commit the config file is/);
  });

  it('a damaged .git (its objects lost): start and reloads succeed with commit null and provenance "unknown"', async () => {
    const port = await freePort();
    svc = await serviceProcess({ config: sampleConfig({ port }) });
    commitConfig(svc.dir);
    rmSync(join(svc.dir, '.git', 'objects'), { recursive: true });
    mkdirSync(join(svc.dir, '.git', 'objects'));
    await svc.start();
    expect(await svc.status()).toMatchObject({ ready: true, status: 'success', commit: null, provenance: 'unknown' });
    expect((await svc.history(1))[0].warnings).toEqual([expect.stringMatching(/^git provenance unknown \(.+\): commit is null$/)]);

    svc.writeConfig(sampleConfig({ port, receivers: ['default', 'damaged'] }));
    expect(await hup(svc)).toMatchObject({ status: 'success', commit: null, provenance: 'unknown' });
    expect(await liveReceivers(svc, port)).toEqual(['damaged', 'default']);
  });
});

describe('the config file replaced by a directory', () => {
  it('is load_failed with a clear message while the old config keeps running; a restart runs the last good config; the file back loads again', async () => {
    const port = await freePort();
    svc = await serviceProcess({ config: sampleConfig({ port, receivers: ['default', 'good'] }) });
    await svc.start();
    rmSync(svc.configPath);
    mkdirSync(svc.configPath);

    const failed = await hup(svc);
    expect(failed).toMatchObject({ status: 'load_failed' });
    expect(failed.error).toMatch(/config file .*config.yaml is a directory, not a file/);
    expect(await liveReceivers(svc, port)).toEqual(['default', 'good']);
    expect(await svc.status()).toMatchObject({ status: 'load_failed', version: 1, ready: true, source: 'file' });

    expect(await svc.stop()).toBe(0);
    await svc.start();
    expect(await svc.status()).toMatchObject({ ready: true, source: 'last_good' });
    expect(await liveReceivers(svc, port)).toEqual(['default', 'good']);
    expect(await svc.waitForLine(/^config file does not load; trying the last good config/)).toMatchObject({ error: expect.stringMatching(/is a directory/) });

    rmSync(svc.configPath, { recursive: true });
    svc.writeConfig(sampleConfig({ port, receivers: ['default', 'back'] }));
    expect(await hup(svc)).toMatchObject({ status: 'success' });
    expect(await svc.status()).toMatchObject({ source: 'file' });
    expect(await liveReceivers(svc, port)).toEqual(['back', 'default']);
  });
});
