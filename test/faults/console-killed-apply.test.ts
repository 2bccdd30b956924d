// Issue 12, DESIGN §10 ("the console reconciles: a commit that landed but was never loaded
// gets loaded"): a real console process killed with SIGKILL at each step of an apply, then
// started again on the same repository and service. Each step is reached through a failpoint
// (the console's HOTCONF_CONSOLE_FAILPOINT, the git layer's HOTCONF_GIT_FAILPOINT) that stops
// the process there and says so; the test waits on those lines and on the restarted
// console's reconcile line, never on timers. A second console, running throughout, is the
// operator's view: its History must tell each commit's story honestly, before and after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryPage } from '../../server/contract/console';
import { git } from '../server/git/helpers';
import { expectConsistent } from './support/consistency';
import { startConsoleStack, type ConsoleProcess, type ConsoleStack } from './support/console-stack';

let stack: ConsoleStack;
let observer: ConsoleProcess;
let signal: 'api' | 'pid';
let edits = 0;

const head = () => git(stack.repoDir, 'rev-parse', 'HEAD').trim();

/** Starts an apply on `victim` and waits until it stops at its failpoint; the request itself
 *  never gets an answer (the process dies), so its failure is expected and dropped. */
async function applyUntil(victim: ConsoleProcess, failpoint: string): Promise<{ base: string; message: string }> {
  const base = (await observer.api<{ commit: string; content: string }>('/api/config')).body;
  edits += 1;
  const message = `group_wait ${edits}s, killed at ${failpoint}`;
  const content = base.content.replace(/group_wait: \w+\n/, `group_wait: ${edits}s\n`);
  void victim.api('/api/config', { method: 'POST', body: { content, message, base_commit: base.commit } }).catch(() => undefined);
  const line = await victim.line(new RegExp(`failpoint ${failpoint}: paused, pid (\\d+)`), { seen: true });
  // The paused process is the console server itself, the one startConsole knows.
  expect(Number(/pid (\d+)/.exec(line)?.[1])).toBe(victim.pid);
  return { base: base.commit, message };
}

/** Kills the victim, starts a console again on the same repository, waits for its reconcile. */
async function restart(victim: ConsoleProcess): Promise<{ console: ConsoleProcess; reconcile: string }> {
  await victim.kill9();
  const again = await stack.console(`${victim.name}-restarted`, { signal });
  const reconcile = await again.line(/hotconf console reconcile \(start\): /, { seen: true });
  return { console: again, reconcile };
}

async function history(): Promise<HistoryPage> {
  const { status, body } = await observer.api<HistoryPage>('/api/history?limit=50');
  expect(status).toBe(200);
  return body;
}

/** The end state every case must reach: the service runs HEAD, clean; git is in step with
 *  itself; and every commit in History has the reload of exactly that commit. */
async function expectReconciled(): Promise<void> {
  expect(await stack.serviceStatus()).toMatchObject({ commit: head(), dirty: false });
  expectConsistent(stack.repoDir);
  const page = await history();
  expect(page.reloads_error).toBeUndefined();
  for (const entry of page.commits) {
    expect(entry.reload, `${entry.short} "${entry.subject}"`).toMatchObject({ commit: entry.sha, dirty: false, status: 'success' });
  }
}

describe.each(['api', 'pid'] as const)('a console killed with SIGKILL during an apply, then started again (signal mode %s)', (mode) => {
  beforeAll(async () => {
    signal = mode;
    stack = await startConsoleStack();
    observer = await stack.console('observer', { signal });
  }, 180_000);
  afterAll(() => stack?.stop());

  it('before the commit: nothing landed; the restarted console finds the service in step', async () => {
    const victim = await stack.console('before-commit', { signal, env: { HOTCONF_CONSOLE_FAILPOINT: 'before-commit' } });
    const { base } = await applyUntil(victim, 'before-commit');
    const { reconcile } = await restart(victim);
    expect(reconcile).toMatch(/in_step/);
    expect(head()).toBe(base);
    await expectReconciled();
  });

  it('inside the commit, holding the writer lock (objects written, HEAD not moved): rolled back, and the lock does not wedge the next apply', async () => {
    const victim = await stack.console('before-ref', { signal, env: { HOTCONF_GIT_FAILPOINT: 'before-ref' } });
    const { base } = await applyUntil(victim, 'before-ref');
    const { console: again, reconcile } = await restart(victim);
    expect(reconcile).toMatch(/in_step/);
    expect(head()).toBe(base);
    await expectReconciled();
    // The dead console's lock is taken over: the next apply lands and is loaded.
    const content = (await again.api<{ content: string }>('/api/config')).body.content.replace(/group_wait: \w+\n/, 'group_wait: 99s\n');
    const applied = await again.api<{ commit: string; reload: { commit: string } }>('/api/config', { method: 'POST', body: { content, message: 'after the takeover', base_commit: base } });
    expect(applied.status).toBe(201);
    expect(applied.body.reload.commit).toBe(head());
    await expectReconciled();
  });

  it('inside the commit, after HEAD moved but before the file was replaced: the commit is kept and loaded', async () => {
    const victim = await stack.console('ref-updated', { signal, env: { HOTCONF_GIT_FAILPOINT: 'ref-updated' } });
    const { base, message } = await applyUntil(victim, 'ref-updated');
    await victim.kill9();
    const landed = head();
    expect(landed).not.toBe(base);
    // Meanwhile the operator's History shows the commit as one that was never loaded.
    const before = await history();
    expect(before.commits[0]).toMatchObject({ sha: landed, subject: message, reload: null });
    expect((await stack.serviceStatus()).commit).toBe(base);

    const again = await stack.console('ref-updated-restarted', { signal });
    expect(await again.line(/hotconf console reconcile \(start\): /, { seen: true })).toMatch(new RegExp(`reloaded the service onto HEAD ${landed.slice(0, 7)}: success`));
    expect(head()).toBe(landed);
    await expectReconciled();
  });

  it('after the commit, before the signal: the restarted console loads the commit', async () => {
    const victim = await stack.console('after-commit', { signal, env: { HOTCONF_CONSOLE_FAILPOINT: 'after-commit' } });
    const { base, message } = await applyUntil(victim, 'after-commit');
    const landed = head();
    expect(landed).not.toBe(base);
    expect(git(stack.repoDir, 'log', '-1', '--format=%s', landed).trim()).toBe(message);
    const before = await history();
    expect(before.commits[0]).toMatchObject({ sha: landed, reload: null });
    expect((await stack.serviceStatus()).commit).toBe(base);

    const { reconcile } = await restart(victim);
    expect(reconcile).toMatch(new RegExp(`reloaded the service onto HEAD ${landed.slice(0, 7)}: success`));
    await expectReconciled();
    const records = await stack.serviceRecords(5);
    expect(records.filter((r) => r.commit === landed)).toHaveLength(1);
  });

  it('after the reload, before the answer: the service already runs the commit; nothing is reloaded twice', async () => {
    const victim = await stack.console('after-reload', { signal, env: { HOTCONF_CONSOLE_FAILPOINT: 'after-reload' } });
    const { base } = await applyUntil(victim, 'after-reload');
    const landed = head();
    expect(landed).not.toBe(base);
    expect((await history()).commits[0]).toMatchObject({ sha: landed, reload: { commit: landed, status: 'success' } });

    const { reconcile } = await restart(victim);
    expect(reconcile).toMatch(/in_step/);
    await expectReconciled();
    expect((await stack.serviceRecords(5)).filter((r) => r.commit === landed)).toHaveLength(1);
  });
});
