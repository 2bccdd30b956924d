// The service inside a git config repository: the load phase finds each config's provenance
// (the commit whose config.yaml equals the file, or `dirty` on top of HEAD after a hand edit).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initConfigRepo, openConfigRepo } from '../../server/git/repo';
import { parsePromText } from '../support/metrics';
import { type ServiceProcess, freePort, sampleConfig, serviceProcess } from '../support/service-process';

let svc: ServiceProcess | undefined;
afterEach(async () => {
  await svc?.stop();
  svc?.cleanup();
});

describe('provenance of the running config', () => {
  it('is HEAD after start, dirty with HEAD\'s sha after a hand edit + SIGHUP, and clean again once committed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotconf-prov-'));
    const port = await freePort();
    const { commit: head } = await initConfigRepo(dir, sampleConfig({ port }));
    svc = await serviceProcess({ config: sampleConfig({ port }), dir });
    await svc.start();
    expect(await svc.status()).toMatchObject({ commit: head, dirty: false });

    // By hand, as an operator on the box would: edit, then kill -HUP.
    svc.writeConfig(sampleConfig({ port, receivers: ['default', 'by-hand'] }));
    const last = (await svc.status()).last_reload_id;
    svc.signal('SIGHUP');
    const record = await svc.waitForRecord(last);
    expect(record).toMatchObject({ status: 'success', commit: head, dirty: true });
    expect(await svc.status()).toMatchObject({ commit: head, dirty: true });

    // Committing exactly that content makes the running config clean at the new commit.
    const repo = await openConfigRepo({ dir });
    const { commit } = await repo.commit({ content: sampleConfig({ port, receivers: ['default', 'by-hand'] }), message: 'adopt the hand edit', baseCommit: head, author: { name: 'Op', email: 'op@example.com' } });
    const reloaded = await svc.reload({ expect_commit: commit });
    expect(reloaded.status).toBe(200);
    expect(reloaded.body).toMatchObject({ status: 'noop', commit, dirty: false });
    expect(await svc.status()).toMatchObject({ commit, dirty: false });
    expect(execFileSync('git', ['-C', dir, 'log', '--format=%s'], { encoding: 'utf8' })).toContain('adopt the hand edit');
  });
});

describe('hotconf_config_drift', () => {
  const drift = async (s: ServiceProcess) => parsePromText(await s.metrics()).get('hotconf_config_drift');
  async function until(what: string, check: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('is 0 while the service runs HEAD, 1 once a commit lands that was never loaded, 0 again after the reload', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotconf-drift-'));
    const port = await freePort();
    const { commit: head } = await initConfigRepo(dir, sampleConfig({ port }));
    svc = await serviceProcess({ config: sampleConfig({ port }), dir, env: { HOTCONF_DRIFT_CHECK_MS: '100' } });
    await svc.start();
    expect(await drift(svc)).toBe(0);

    // A commit by other means than the console (no reload follows): HEAD moves, the
    // running config stays. Git writes the working file too, as a checkout would.
    const next = sampleConfig({ port, receivers: ['default', 'pushed'] });
    const repo = await openConfigRepo({ dir });
    const { commit } = await repo.commit({ content: next, message: 'pushed elsewhere', baseCommit: head, author: { name: 'Op', email: 'op@example.com' } });
    await until('drift 1', async () => (await drift(svc!)) === 1);
    // Said in the log too; the line may reach us after the metric does (stdout is a pipe,
    // written asynchronously).
    await until('the drift logged', async () => svc!.lines().some((l) => l.msg === 'the running config differs from git HEAD'));

    expect((await svc.reload({ expect_commit: commit })).status).toBe(200);
    await until('drift 0', async () => (await drift(svc!)) === 0);
  });
});
