import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyConfig } from '../../../server/console/apply';
import type { ConsoleContext } from '../../../server/console/context';
import { toHttpError } from '../../../server/console/errors';
import type { ProcessInfo } from '../../../server/console/service-pid';
import { reloadCommit } from '../../../server/console/signal';
import { record } from './fake-admin';
import { AUTHOR, CONFIG_B, harness, rejection, type Harness } from './fixtures';

let h: Harness;
let pidFile: string;
let signals: Array<[number, string]>;
let ctx: ConsoleContext;
/** What the pid 4242 is, as the console's process check sees it. */
let pid4242: ProcessInfo | null;

beforeEach(async () => {
  h = await harness();
  pidFile = join(h.dir, 'hotconf.pid');
  await writeFile(pidFile, '4242\n');
  signals = [];
  pid4242 = { argv: ['/usr/bin/node', '/opt/hotconf/dist/cli.js', 'serve', '--config', 'config.yaml'], startedAtMs: Date.now() - 60_000 };
  // pid mode: the same harness, signalling through a recorded kill instead of POST /-/reload,
  // and a process table where 4242 is a hotconf service started a minute ago.
  ctx = {
    ...h.ctx,
    settings: { ...h.ctx.settings, signal: { mode: 'pid', pidFile } },
    kill: (pid, sig) => void signals.push([pid, sig]),
    inspect: async (pid) => (pid === 4242 ? pid4242 : null),
  };
});
afterEach(() => h.close());

/** What the service would stream for one reload of `commit`. */
function streamReload(id: number, commit: string | null, status: 'success' | 'rolled_back' = 'success', dirty = false): void {
  h.admin.broadcast('reload.started', { id, trigger: 'sighup', commit }, id * 10);
  h.admin.broadcast('phase.finished', { id, phase: 'load', status: 'success', duration_ms: 1 }, id * 10 + 1);
  h.admin.broadcast('reload.finished', { id, status, duration_ms: 2, record: record({ id, trigger: 'sighup', commit, status, dirty }) }, id * 10 + 2);
}

describe('reloadCommit in pid mode (SIGHUP + event stream)', () => {
  it('subscribes first, sends SIGHUP to the pid in the pid file, and returns the reload of its commit', async () => {
    const { commit } = await (await ctx.repo()).commit({ content: CONFIG_B, message: 'b', baseCommit: h.initial, author: AUTHOR });
    const done = reloadCommit(ctx, commit);
    await h.admin.waitForStreams(1);
    await waitFor(() => signals.length === 1);
    expect(signals).toEqual([[4242, 'SIGHUP']]);
    streamReload(1, 'b'.repeat(40)); // a reload already in flight, of another commit: not ours
    streamReload(2, commit, 'rolled_back');
    const rec = await done;
    expect(rec).toMatchObject({ id: 2, commit, status: 'rolled_back' });
    expect(h.reloads()).toEqual([]);
    await waitFor(() => h.admin.openStreams() === 0);
  });

  it('drives a whole apply: commit, SIGHUP, wait for that commit to be reloaded', async () => {
    const applying = applyConfig(ctx, { content: CONFIG_B, message: 'via sighup', base_commit: h.initial }, AUTHOR);
    await waitFor(() => signals.length === 1);
    const head = (await (await ctx.repo()).head()).commit;
    streamReload(5, head);
    const result = await applying;
    expect(result).toMatchObject({ commit: head, reload: { id: 5, commit: head } });
  });

  it('gives up after the timeout with 504, saying the commit landed and where to look', async () => {
    const err = toHttpError(await rejection(reloadCommit(ctx, 'c'.repeat(40), { timeoutMs: 300 })));
    expect([err.status, err.code]).toEqual([504, 'reload_timeout']);
    expect(err.message).toMatch(/^committed ccccccc; sent SIGHUP but saw no reload of it within 0.3 s: check the service's log/);
    await waitFor(() => h.admin.openStreams() === 0);
  });

  it('explains a pid file that is missing or holds no pid', async () => {
    ctx.settings.signal = { mode: 'pid', pidFile: join(h.dir, 'nope.pid') };
    let err = toHttpError(await rejection(reloadCommit(ctx, 'd'.repeat(40))));
    expect([err.status, err.code]).toEqual([502, 'service_unreachable']);
    expect(err.message).toMatch(/cannot read the service's pid file .*nope\.pid: is `hotconf serve` running with that data dir\? \(ENOENT\)/);
    await writeFile(pidFile, 'garbage');
    ctx.settings.signal = { mode: 'pid', pidFile };
    err = toHttpError(await rejection(reloadCommit(ctx, 'd'.repeat(40))));
    expect(err.message).toMatch(/does not start with a process id \(found "garbage"\)/);
  });

  it('explains a stale pid file (no such process)', async () => {
    ctx.kill = () => {
      throw Object.assign(new Error('kill ESRCH'), { code: 'ESRCH' });
    };
    const err = toHttpError(await rejection(reloadCommit(ctx, 'e'.repeat(40))));
    expect(err.message).toMatch(/cannot signal pid 4242 .*no such process: the service is not running \(stale pid file\?\)/);
    await waitFor(() => h.admin.openStreams() === 0);
  });

  it('never takes a reload the service marked dirty as the reload of its commit', async () => {
    const applying = applyConfig(ctx, { content: CONFIG_B, message: 'via sighup', base_commit: h.initial }, AUTHOR);
    await waitFor(() => signals.length === 1);
    const head = (await (await ctx.repo()).head()).commit;
    // The sha is ours, but the bytes it loaded were not (read mid-write, or edited by hand):
    // the file on disk is still our commit, so the reload our SIGHUP queued is still to come.
    streamReload(5, head, 'success', true);
    streamReload(6, head);
    const result = await applying;
    expect(result.reload).toMatchObject({ id: 6, commit: head, dirty: false });
  });

  it('answers 409 commit_mismatch at once when the file stops being its commit while it waits', async () => {
    const applying = rejection(applyConfig(ctx, { content: CONFIG_B, message: 'mine', base_commit: h.initial }, AUTHOR));
    await waitFor(() => signals.length === 1);
    const ours = (await (await ctx.repo()).head()).commit;
    await writeFile(join(h.dir, 'repo', 'config.yaml'), CONFIG_B + '# edited by hand\n');
    streamReload(7, ours, 'success', true);
    const err = toHttpError(await applying);
    expect([err.status, err.code]).toEqual([409, 'commit_mismatch']);
    expect(err.message).toMatch(new RegExp(`^committed ${ours.slice(0, 7)}, but the service's config file no longer matches it \\(its file is at ${ours.slice(0, 7)}, edited by hand\\)`));
    expect(signals).toHaveLength(1);
  });
});

describe('the pid file, checked before every SIGHUP', () => {
  it('refuses to signal a pid that is not a hotconf service (a reused pid), and names what it is', async () => {
    pid4242 = { argv: ['/usr/sbin/nginx', '-g', 'daemon off;'], startedAtMs: Date.now() - 60_000 };
    const err = toHttpError(await rejection(reloadCommit(ctx, 'a'.repeat(40))));
    expect([err.status, err.code]).toEqual([502, 'service_pid_mismatch']);
    expect(err.message).toMatch(/pid 4242 from .*hotconf\.pid is not a hotconf service \(its command line is "\/usr\/sbin\/nginx -g daemon off;"\): the pid file is stale/);
    expect(signals).toEqual([]);
  });

  it('refuses to signal a hotconf process that started after the pid file was written', async () => {
    pid4242 = { argv: ['node', 'dist/cli.js', 'serve'], startedAtMs: Date.now() + 60_000 };
    const err = toHttpError(await rejection(reloadCommit(ctx, 'a'.repeat(40))));
    expect(err.code).toBe('service_pid_mismatch');
    expect(err.message).toMatch(/started at .*, after the pid file was written/);
    expect(signals).toEqual([]);
  });

  it('calls a pid with no process a stale pid file, without signalling', async () => {
    pid4242 = null;
    const err = toHttpError(await rejection(reloadCommit(ctx, 'a'.repeat(40))));
    expect([err.status, err.code]).toEqual([502, 'service_unreachable']);
    expect(err.message).toMatch(/pid 4242 from .* is not running: the service is not running \(stale pid file\?\)/);
    expect(signals).toEqual([]);
  });

  it('fails with 502 when the service ends its event stream before our reload', async () => {
    const done = rejection(reloadCommit(ctx, 'f'.repeat(40)));
    await h.admin.waitForStreams(1);
    await waitFor(() => signals.length === 1);
    await h.admin.close();
    const err = toHttpError(await done);
    expect(err.status).toBe(502);
    expect(err.message).toMatch(/^committed fffffff, but the service was not reloaded/);
  });
});

async function waitFor(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
}
