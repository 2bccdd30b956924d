// Issue 12: `ctx.serialize` orders one console's applies, not two consoles'. Another console
// can commit on top of ours between our commit and our reload; the service then (rightly)
// refuses to load ours. That must read as "superseded by a newer commit", not as a failure,
// and the service must end on HEAD. The interleaving is forced, not hoped for: the first
// console stops at its `after-commit` failpoint, the second applies on top of its commit,
// then the first is resumed with SIGUSR2. Run in both signal modes: POST /-/reload with
// expect_commit, and SIGHUP to the verified pid from the pid file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplyResult, HistoryPage } from '../../server/contract/console';
import { git } from '../server/git/helpers';
import { expectConsistent } from './support/consistency';
import { startConsoleStack, type ConsoleStack } from './support/console-stack';

describe.each(['api', 'pid'] as const)('an apply superseded before its reload (signal mode %s)', (signal) => {
  let stack: ConsoleStack;
  beforeAll(async () => {
    stack = await startConsoleStack();
  }, 180_000);
  afterAll(() => stack?.stop());

  it('answers 201 with superseded_by naming the newer commit and the service\'s newest reload of it; the service runs HEAD', async () => {
    const [first, second] = await Promise.all([
      stack.console('alice', { signal, env: { HOTCONF_CONSOLE_FAILPOINT: 'after-commit' } }),
      stack.console('bob', { signal }),
    ]);
    const base = (await first.api<{ commit: string; content: string }>('/api/config')).body;
    const mine = base.content.replace(/group_wait: \w+\n/, 'group_wait: 11s\n');
    const answer = first.api<ApplyResult>('/api/config', { method: 'POST', body: { content: mine, message: 'alice: group_wait 11s', base_commit: base.commit } });
    await first.line(/failpoint after-commit: paused/, { seen: true });
    const ours = git(stack.repoDir, 'rev-parse', 'HEAD').trim();

    // Bob edits on top of Alice's commit while her reload has not run yet.
    const theirs = await second.api<ApplyResult>('/api/config', { method: 'POST', body: { content: mine.replace('repeat_interval: 4h', 'repeat_interval: 6h'), message: 'bob: repeat_interval 6h', base_commit: ours } });
    expect(theirs.status).toBe(201);
    expect(theirs.body.reload).toMatchObject({ commit: theirs.body.commit, status: 'success' });

    process.kill(first.pid, 'SIGUSR2');
    const { status, body } = await answer;
    expect(status).toBe(201);
    expect(body.commit).toBe(ours);
    expect(body.superseded_by).toMatchObject({ commit: theirs.body.commit, author: 'bob', subject: 'bob: repeat_interval 6h' });
    // In pid mode our own SIGHUP ran once more on HEAD, found it loaded: that noop is newest.
    expect(body.reload).toMatchObject({ commit: theirs.body.commit, dirty: false, status: signal === 'api' ? 'success' : 'noop' });
    expect(await first.line(/reconcile \(superseded\): /, { seen: true })).toMatch(/in_step/);

    expect(git(stack.repoDir, 'rev-parse', 'HEAD').trim()).toBe(theirs.body.commit);
    expect(await stack.serviceStatus()).toMatchObject({ commit: theirs.body.commit, dirty: false });
    expectConsistent(stack.repoDir);
    // History: Bob's commit was loaded; Alice's never was on its own, and says so (no reload).
    const history = (await second.api<HistoryPage>('/api/history')).body;
    expect(history.commits.slice(0, 2).map((c) => [c.sha, c.reload?.commit ?? null])).toEqual([
      [theirs.body.commit, theirs.body.commit],
      [ours, null],
    ]);
  });
});
