// The cross-process writer lock (server/git/lock.ts): who may take it, when a holder counts
// as gone, and what a writer that cannot get it is told.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RepoBusyError } from '../../../server/git/errors';
import { acquireWriterLock, DEFAULT_LOCK_SETTINGS, LOCK_NAME, tryWriterLock, type LockSettings } from '../../../server/git/lock';
import { openConfigRepo } from '../../../server/git/repo';
import { ALICE, git, plainRepo, tempDir } from './helpers';

const QUICK: LockSettings = { ...DEFAULT_LOCK_SETTINGS, waitMs: 200 };
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function gitDir(): string {
  const dir = join(tempDir(), '.git');
  mkdirSync(dir);
  return dir;
}

/** A process that is alive (until the test ends) and is not this one. */
function livePid(): number {
  const child = spawn('sleep', ['600'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

/** The pid of a process that has exited and been reaped. */
async function deadPid(): Promise<number> {
  const child = spawn('true', { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

function plantLock(dir: string, lock: Record<string, unknown>, ageMs = 0): void {
  const path = join(dir, LOCK_NAME);
  writeFileSync(path, JSON.stringify({ version: 1, host: hostname(), nonce: 'planted', since: Date.now() - ageMs, op: 'commit', ...lock }));
  const when = new Date(Date.now() - ageMs);
  utimesSync(path, when, when);
}

describe('the writer lock', () => {
  it('is a file in the git dir naming its owner, removed on release', async () => {
    const dir = gitDir();
    const lock = await acquireWriterLock(dir, 'commit', QUICK);
    expect(lock.tookOver).toBeNull();
    expect(JSON.parse(readFileSync(join(dir, LOCK_NAME), 'utf8'))).toMatchObject({ version: 1, pid: process.pid, host: hostname(), op: 'commit' });
    await lock.release();
    expect(existsSync(join(dir, LOCK_NAME))).toBe(false);
  });

  it('makes a second writer wait while it is held, then fail with RepoBusyError naming the owner', async () => {
    const dir = gitDir();
    const pid = livePid();
    plantLock(dir, { pid });
    expect(await tryWriterLock(dir, 'open', QUICK)).toBeNull();
    const err = await acquireWriterLock(dir, 'commit', QUICK).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RepoBusyError);
    expect(err).toMatchObject({ holder: { pid, op: 'commit' } });
    expect((err as RepoBusyError).waitedMs).toBeGreaterThanOrEqual(QUICK.waitMs);
    expect((err as Error).message).toMatch(/is writing to the config repository.*try again shortly/);
    // The owner's lock is left alone.
    expect(JSON.parse(readFileSync(join(dir, LOCK_NAME), 'utf8'))).toMatchObject({ pid, nonce: 'planted' });
  });

  it('is taken over at once from an owner whose process is gone', async () => {
    const dir = gitDir();
    plantLock(dir, { pid: await deadPid() });
    const lock = await acquireWriterLock(dir, 'commit', QUICK);
    expect(lock.tookOver).toBe('owner_dead');
    expect(JSON.parse(readFileSync(join(dir, LOCK_NAME), 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });

  it('is taken over from a live owner that stopped refreshing it for longer than staleMs', async () => {
    const dir = gitDir();
    plantLock(dir, { pid: livePid() }, DEFAULT_LOCK_SETTINGS.staleMs + 1000);
    expect((await acquireWriterLock(dir, 'commit', QUICK)).tookOver).toBe('not_refreshed');
  });

  it('is taken over from an owner on another host only by age: its pid means nothing here', async () => {
    const dir = gitDir();
    plantLock(dir, { pid: await deadPid(), host: 'elsewhere' });
    expect(await tryWriterLock(dir, 'open', QUICK)).toBeNull();
    plantLock(dir, { pid: 1, host: 'elsewhere' }, DEFAULT_LOCK_SETTINGS.staleMs + 1000);
    expect((await tryWriterLock(dir, 'open', QUICK))?.tookOver).toBe('not_refreshed');
  });

  it('is taken over from an earlier process that had this one\'s pid (a restarted container\'s pid 1)', async () => {
    const dir = gitDir();
    plantLock(dir, { pid: process.pid, nonce: 'from-before-the-restart' });
    expect((await acquireWriterLock(dir, 'commit', QUICK)).tookOver).toBe('previous_incarnation');
  });

  it('treats an unreadable lock file as being written: held while fresh, stale once old', async () => {
    const dir = gitDir();
    const path = join(dir, LOCK_NAME);
    writeFileSync(path, '');
    expect(await tryWriterLock(dir, 'open', QUICK)).toBeNull();
    const old = new Date(Date.now() - DEFAULT_LOCK_SETTINGS.staleMs - 1000);
    utimesSync(path, old, old);
    expect((await tryWriterLock(dir, 'open', QUICK))?.tookOver).toBe('not_refreshed');
  });

  it('never removes a lock that is no longer its own on release', async () => {
    const dir = gitDir();
    const lock = await acquireWriterLock(dir, 'commit', QUICK);
    // As if ours had been judged stale and another writer had taken the name since.
    plantLock(dir, { pid: livePid(), nonce: 'someone-else' });
    await lock.release();
    expect(JSON.parse(readFileSync(join(dir, LOCK_NAME), 'utf8'))).toMatchObject({ nonce: 'someone-else' });
  });

  it('gives a dead owner\'s lock to one of two waiters at a time', async () => {
    const dir = gitDir();
    plantLock(dir, { pid: await deadPid() });
    let holders = 0;
    let most = 0;
    const writer = async () => {
      const lock = await acquireWriterLock(dir, 'commit', { ...QUICK, waitMs: 5000 });
      most = Math.max(most, ++holders);
      await new Promise((resolve) => setImmediate(resolve));
      holders--;
      await lock.release();
    };
    await Promise.all([writer(), writer(), writer()]);
    expect(most).toBe(1);
  });
});

describe('ConfigRepo under another process\'s lock', () => {
  it('commit fails with RepoBusyError and changes nothing when the owner is alive and keeps it', async () => {
    const { dir, first } = plainRepo('a: 1\n');
    const repo = await openConfigRepo({ dir, lock: { waitMs: 200 } });
    plantLock(join(dir, '.git'), { pid: livePid() });
    await expect(repo.commit({ content: 'a: 2\n', message: 'm', baseCommit: first, author: ALICE })).rejects.toBeInstanceOf(RepoBusyError);
    await expect(repo.restore(first, ALICE)).rejects.toBeInstanceOf(RepoBusyError);
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(first);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('open defers repair of an interrupted write while a live owner holds the lock; the next writer repairs it', async () => {
    const { dir, first } = plainRepo('a: 1\n');
    writeFileSync(join(dir, '.git', 'hotconf-pending'), JSON.stringify({ version: 1, op: 'commit', base: first, blob: '0'.repeat(40), startedAt: '' }));
    writeFileSync(join(dir, 'config.yaml'), 'a: half-written\n');
    const owner = livePid();
    plantLock(join(dir, '.git'), { pid: owner });
    const repo = await openConfigRepo({ dir });
    expect(repo.recovery).toBe('deferred');
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe('a: half-written\n');
    // The owner dies; the next writer finds its lock stale, repairs, then commits.
    children.find((c) => c.pid === owner)!.kill('SIGKILL');
    await new Promise((resolve) => children.find((c) => c.pid === owner)!.once('exit', resolve));
    const { commit } = await repo.commit({ content: 'a: 2\n', message: 'after repair', baseCommit: first, author: ALICE });
    expect(git(dir, 'rev-parse', 'HEAD^').trim()).toBe(first);
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(commit);
    expect(existsSync(join(dir, '.git', 'hotconf-pending'))).toBe(false);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });
});
