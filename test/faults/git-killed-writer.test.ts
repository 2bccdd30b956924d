// Issue 12, DESIGN §10: a writer that dies holding the cross-process writer lock (kill -9,
// OOM) must not wedge the repository, and a writer that is alive must not be undone by a
// console that opens the repository meanwhile. The writer is a real Node process paused at a
// named failpoint (server/git/failpoint.ts); every step waits on what it reports, not on time.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openConfigRepo } from '../../server/git/repo';
import { ALICE, fixtureCommit, git, plainRepo } from '../server/git/helpers';
import { expectConsistent } from './support/consistency';
import { removeWriterBundle, startWriter, type WriterProcess } from './support/writer-process';

let writers: WriterProcess[] = [];
afterEach(async () => {
  await Promise.all(writers.map((w) => w.stop()));
  writers = [];
});
afterAll(() => removeWriterBundle());

const lockFile = (dir: string) => join(dir, '.git', 'hotconf-write.lock');
const marker = (dir: string) => join(dir, '.git', 'hotconf-pending');

/** A writer process that stops for good at `failpoint` in the middle of this commit. */
async function pausedWriter(dir: string, base: string, failpoint: string): Promise<{ writer: WriterProcess; answer: Promise<unknown> }> {
  const writer = await startWriter('alice', { HOTCONF_GIT_FAILPOINT: failpoint });
  writers.push(writer);
  const answer = writer.request({ op: 'commit', dir, base, content: 'a: alice\n', message: 'by alice' });
  answer.catch(() => undefined);
  await writer.stderrLine(new RegExp(`failpoint ${failpoint}: paused`));
  // It holds the lock, in its own name.
  expect(JSON.parse(readFileSync(lockFile(dir), 'utf8'))).toMatchObject({ pid: writer.pid, op: 'commit' });
  return { writer, answer };
}

async function kill9(writer: WriterProcess): Promise<void> {
  writer.child.kill('SIGKILL');
  await writer.exited();
}

describe('a writer killed with SIGKILL while holding the writer lock', () => {
  it('before HEAD moved: a waiting writer takes the dead lock over, rolls back and commits on the same base', async () => {
    const { dir, first } = plainRepo('a: 0\n');
    const { writer: alice } = await pausedWriter(dir, first, 'before-ref');
    const bob = await startWriter('bob');
    writers.push(bob);
    // Bob queues behind Alice's lock; then Alice dies. Her pid is gone: the lock is stale.
    const bobAnswer = bob.request({ op: 'commit', dir, base: first, content: 'a: bob\n', message: 'by bob' });
    await kill9(alice);
    const answer = await bobAnswer;
    expect(answer).toMatchObject({ ok: true });
    expect(git(dir, 'log', '--format=%s', 'HEAD').trim().split('\n')).toEqual(['by bob', 'first']);
    expect(git(dir, 'cat-file', 'blob', 'HEAD:config.yaml')).toBe('a: bob\n');
    expect(existsSync(lockFile(dir))).toBe(false);
    expect(existsSync(marker(dir))).toBe(false);
    expectConsistent(dir);
  });

  it('after HEAD moved: the next writer keeps the landed commit, puts the file in step, and answers a conflict on the old base', async () => {
    const { dir, first } = plainRepo('a: 0\n');
    const { writer: alice } = await pausedWriter(dir, first, 'ref-updated');
    // Alice's commit is in; the file the service reads is not yet.
    const landed = git(dir, 'rev-parse', 'HEAD').trim();
    expect(landed).not.toBe(first);
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe('a: 0\n');
    await kill9(alice);

    const repo = await openConfigRepo({ dir });
    expect(repo.recovery).toBe('landed');
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe('a: alice\n');
    await expect(repo.commit({ content: 'a: late\n', message: 'late', baseCommit: first, author: ALICE })).rejects.toMatchObject({
      name: 'ConflictError',
      headCommit: landed,
      headContent: 'a: alice\n',
    });
    const { commit } = await repo.commit({ content: 'a: next\n', message: 'next', baseCommit: landed, author: ALICE });
    expect(git(dir, 'rev-parse', 'HEAD^').trim()).toBe(landed);
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(commit);
    expectConsistent(dir);
  });
});

describe('a console opening the repository while another process is writing', () => {
  it('repairs nothing (deferred), and the live write completes; a writer on the same base then gets the conflict', async () => {
    const { dir, first } = plainRepo('a: 0\n');
    const { writer: alice, answer } = await pausedWriter(dir, first, 'before-ref');
    expect(existsSync(marker(dir))).toBe(true);

    const repo = await openConfigRepo({ dir });
    expect(repo.recovery).toBe('deferred');
    // Alice's write is untouched: her marker and her lock are still there.
    expect(existsSync(marker(dir))).toBe(true);
    expect(JSON.parse(readFileSync(lockFile(dir), 'utf8'))).toMatchObject({ pid: alice.pid });

    const mine = repo.commit({ content: 'a: mine\n', message: 'mine', baseCommit: first, author: ALICE });
    mine.catch(() => undefined);
    alice.child.kill('SIGUSR2'); // resume
    expect(await answer).toMatchObject({ ok: true });
    await expect(mine).rejects.toMatchObject({ name: 'ConflictError', headContent: 'a: alice\n' });
    expect(git(dir, 'log', '--format=%s', 'HEAD').trim().split('\n')).toEqual(['by alice', 'first']);
    expectConsistent(dir);
  });
});

describe('a writer the lock cannot stop (git in an operator\'s shell)', () => {
  it('moves HEAD between the base check and the ref update: compare-and-swap turns that into a ConflictError, nothing is overwritten', async () => {
    const { dir, first } = plainRepo('a: 0\n');
    const { writer: alice, answer } = await pausedWriter(dir, first, 'before-ref');
    // Alice checked her base and built her commit; now someone commits by hand.
    const byHand = fixtureCommit(dir, 'a: by hand\n', 'from a shell');
    alice.child.kill('SIGUSR2');
    expect(await answer).toMatchObject({
      ok: false,
      error: { name: 'ConflictError', reason: 'stale_base', headCommit: byHand, headContent: 'a: by hand\n' },
    });
    expect(git(dir, 'log', '--format=%s', 'HEAD').trim().split('\n')).toEqual(['from a shell', 'first']);
    expectConsistent(dir);
  });
});
