// The cross-process writer lock (DESIGN §10: one writer per config repository across
// processes). ./queue orders the writers inside one process; this file orders processes: two
// consoles on one repository, or a console and `hotconf` run by hand.
//
// The lock is a file in the git dir, created with O_EXCL ('wx'), holding the owner's pid,
// host, a random nonce and the time it was taken. While held its mtime is refreshed, so a
// waiter can tell a live owner from one that is gone:
//  - the owner's pid is not alive on this host (a kill -9, an OOM kill): stale at once;
//  - the pid is this process's own but the nonce is not one this process holds (a restart
//    that got the same pid, as pid 1 in a container does): stale at once;
//  - the file has not been refreshed for `staleMs` (a wedged owner, a pid reused by an
//    unrelated process, an owner on another host): stale.
// A stale lock is broken by renaming it aside and checking that what moved is what was judged
// stale, so two waiters breaking one dead lock can never both win.
//
// The lock is an optimisation of the common case, not the last line of defence: the ref
// update is compare-and-swap (./write), so even a lock wrongly judged stale cannot make two
// commits land on one base.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, open, rename, rm, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { uniqueTag } from './atomic';
import { RepoBusyError, type LockHolder } from './errors';

export const LOCK_NAME = 'hotconf-write.lock';

export interface LockSettings {
  /** How long a writer waits for a live owner before giving up with RepoBusyError. */
  waitMs: number;
  /** A lock file not refreshed for this long is stale, whoever owns it. */
  staleMs: number;
  /** How often an owner refreshes its lock file's mtime; well below staleMs. */
  refreshMs: number;
}

/** A commit takes milliseconds and a push up to NETWORK_TIMEOUT_MS (./client); the owner
 *  refreshes throughout, so staleMs only has to outlast a stalled event loop. */
export const DEFAULT_LOCK_SETTINGS: LockSettings = { waitMs: 10_000, staleMs: 30_000, refreshMs: 5_000 };

export type StaleReason = 'owner_dead' | 'previous_incarnation' | 'not_refreshed';

export interface HeldLock {
  readonly path: string;
  /** Why a previous owner's lock was broken to get this one (null: it was free). */
  readonly tookOver: StaleReason | null;
  release(): Promise<void>;
}

interface LockFile extends LockHolder {
  version: 1;
  nonce: string;
}

/** What a waiter saw at the lock's name: one inode, read through one handle. */
interface SeenLock {
  content: LockFile | null;
  ino: number;
  mtimeMs: number;
}

const HOST = hostname();
/** Nonces of the locks this process holds right now (see 'previous_incarnation'). Per
 *  process, not per module copy: a bundler may load this module twice in one process (Next's
 *  instrumentation bundle did), and a second copy must not judge the first's lock stale. */
const heldHere: Set<string> = ((globalThis as { __hotconfGitLocksHeld?: Set<string> }).__hotconfGitLocksHeld ??= new Set<string>());

export function lockPath(gitDir: string): string {
  return join(gitDir, LOCK_NAME);
}

/** Waits up to settings.waitMs for the lock; throws RepoBusyError if a live owner keeps it. */
export async function acquireWriterLock(gitDir: string, op: string, settings: LockSettings): Promise<HeldLock> {
  const held = await acquire(gitDir, op, settings, true);
  if (!held) throw new Error('unreachable: a waiting acquire returns a lock or throws');
  return held;
}

/** The lock if it is free or stale; null at once if a live owner holds it. */
export function tryWriterLock(gitDir: string, op: string, settings: LockSettings): Promise<HeldLock | null> {
  return acquire(gitDir, op, settings, false);
}

async function acquire(gitDir: string, op: string, settings: LockSettings, wait: boolean): Promise<HeldLock | null> {
  const path = lockPath(gitDir);
  const started = Date.now();
  let tookOver: StaleReason | null = null;
  let pause = 2;
  for (;;) {
    const mine = await tryCreate(path, op);
    if (mine) return hold(path, mine, settings, tookOver);
    const seen = await inspect(path);
    // Released between our create and our look: try again at once.
    if (seen === null) continue;
    const stale = staleness(seen, settings);
    if (stale) {
      if (await breakStale(path, seen, settings)) tookOver = stale;
      continue;
    }
    if (!wait) return null;
    const waited = Date.now() - started;
    if (waited >= settings.waitMs) throw busy(gitDir, seen, waited);
    // Polling, with jitter so two waiters do not retry in lockstep; the owner usually
    // finishes within a few of these.
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause * (0.5 + Math.random()), settings.waitMs - waited)));
    pause = Math.min(pause * 2, 50);
  }
}

async function tryCreate(path: string, op: string): Promise<LockFile | null> {
  const lock: LockFile = { version: 1, pid: process.pid, host: HOST, nonce: randomBytes(8).toString('hex'), since: Date.now(), op };
  let handle;
  try {
    handle = await open(path, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw err;
  }
  try {
    await handle.writeFile(JSON.stringify(lock) + '\n');
  } catch (err) {
    // An empty lock would hold everyone off for staleMs: take it back.
    await handle.close().catch(() => undefined);
    await rm(path, { force: true });
    throw err;
  }
  await handle.close();
  return lock;
}

/** The lock file at `path`, or null when there is none. Content is null while unreadable
 *  (its owner is between create and write, or died there: then only its age can tell). */
async function inspect(path: string): Promise<SeenLock | null> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const { ino, mtimeMs } = await handle.stat();
    return { content: parseLock(await handle.readFile('utf8')), ino, mtimeMs };
  } finally {
    await handle.close();
  }
}

function parseLock(text: string): LockFile | null {
  try {
    const v = JSON.parse(text) as Partial<LockFile>;
    const ok = v.version === 1 && Number.isInteger(v.pid) && typeof v.host === 'string' && typeof v.nonce === 'string' && typeof v.since === 'number';
    return ok ? (v as LockFile) : null;
  } catch {
    return null;
  }
}

function staleness(seen: SeenLock, settings: LockSettings): StaleReason | null {
  const lock = seen.content;
  if (lock && lock.host === HOST) {
    if (lock.pid === process.pid) {
      if (!heldHere.has(lock.nonce)) return 'previous_incarnation';
    } else if (!isAlive(lock.pid)) {
      return 'owner_dead';
    }
  }
  return Date.now() - seen.mtimeMs > settings.staleMs ? 'not_refreshed' : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process its parent has not reaped yet still answers signal 0; on Linux its
  // state says it is a zombie ("<pid> (<comm>) Z ...").
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/**
 * Moves the stale lock aside under a unique name, then checks that the file moved is the one
 * judged stale and still is. If a live owner's lock was moved instead (the stale one had been
 * replaced in between), it is linked back, unless yet another writer already took the name.
 */
async function breakStale(path: string, seen: SeenLock, settings: LockSettings): Promise<boolean> {
  const aside = `${path}.stale-${uniqueTag()}`;
  try {
    await rename(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  try {
    const moved = await inspect(aside);
    const same = moved !== null && moved.ino === seen.ino && moved.content?.nonce === seen.content?.nonce;
    if (same && staleness(moved, settings) !== null) return true;
    await link(aside, path).catch(() => undefined);
    return false;
  } finally {
    await rm(aside, { force: true });
  }
}

function hold(path: string, lock: LockFile, settings: LockSettings, tookOver: StaleReason | null): HeldLock {
  heldHere.add(lock.nonce);
  // Refreshing the mtime is what tells waiters this owner is alive; unref'd, so a held lock
  // never keeps a process from exiting.
  const refresh = setInterval(() => {
    const now = new Date();
    utimes(path, now, now).catch(() => undefined);
  }, settings.refreshMs);
  refresh.unref();
  let released = false;
  return {
    path,
    tookOver,
    async release() {
      if (released) return;
      released = true;
      clearInterval(refresh);
      try {
        // Only our own lock is removed: had ours been broken as stale, the file may now be
        // another owner's.
        const seen = await inspect(path);
        if (seen?.content?.nonce === lock.nonce) await rm(path, { force: true });
      } finally {
        heldHere.delete(lock.nonce);
      }
    },
  };
}

function busy(gitDir: string, seen: SeenLock, waitedMs: number): RepoBusyError {
  const holder = seen.content ? { pid: seen.content.pid, host: seen.content.host, since: seen.content.since, op: seen.content.op } : null;
  const who = holder ? `process ${holder.pid} on ${holder.host} (${holder.op}, for ${Math.round((Date.now() - holder.since) / 1000)} s)` : 'another process';
  return new RepoBusyError(
    holder,
    waitedMs,
    `${who} is writing to the config repository; waited ${Math.round(waitedMs / 100) / 10} s for it. Nothing was changed: try again shortly. If no hotconf process is running, remove ${lockPath(gitDir)}`,
  );
}
