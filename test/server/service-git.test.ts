// The service inside a git config repository: the load phase finds each config's provenance
// (the commit whose config.yaml equals the file, or `dirty` on top of HEAD after a hand edit).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initConfigRepo, openConfigRepo } from '../../server/git/repo';
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
