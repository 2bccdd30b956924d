// One writer at a time per repository: first among this process's callers (./queue, which
// also keeps them in call order), then among processes (./lock). Whoever holds the lock
// first repairs what a dead writer left behind (./recovery) before changing anything.
import { acquireWriterLock, tryWriterLock } from './lock';
import { serialized } from './queue';
import { recoverInterruptedWrite, type Recovery } from './recovery';
import type { RepoContext } from './types';

export async function asWriter<T>(ctx: RepoContext, op: string, task: () => Promise<T>): Promise<T> {
  return serialized(ctx.queueKey, async () => {
    const lock = await acquireWriterLock(ctx.gitDir, op, ctx.lock);
    try {
      await recoverInterruptedWrite(ctx, { sweep: lock.tookOver !== null });
      return await task();
    } finally {
      await lock.release();
    }
  });
}

/** Recovery when a repository is opened: only if no live process is writing to it. */
export async function recoverOnOpen(ctx: RepoContext): Promise<Recovery> {
  return serialized(ctx.queueKey, async () => {
    const lock = await tryWriterLock(ctx.gitDir, 'open', ctx.lock);
    if (!lock) return 'deferred';
    try {
      return await recoverInterruptedWrite(ctx, { sweep: true });
    } finally {
      await lock.release();
    }
  });
}
