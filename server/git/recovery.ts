// Repair after a writer died between "marker written" and "commit made and file in step" (the
// marker from ./write). Only a holder of the writer lock runs this (./writer): a marker seen
// then cannot belong to a write in progress in another process, only to a dead one.
//
// Policy: roll back, never complete. The user whose request died never saw the commit
// confirmed, so hotconf does not create it on their behalf later: the file (and the index)
// go back to HEAD and they apply again. The one case kept is a commit that had already
// landed (crash after the ref moved, before the marker was removed): HEAD moved off the
// recorded base onto exactly the recorded content, so it stays, and the file follows it.
import { readMarker } from './pending';
import { headState } from './reads';
import { removeLeftovers, rollBackToHead } from './rollback';
import type { RepoContext } from './types';

/** What a repair found: nothing to do, a landed commit kept, a rollback, or (on open only)
 *  `deferred`: another live process holds the writer lock, so nothing was looked at; its
 *  own write path, or the next writer, repairs whatever needs it. */
export type Recovery = 'none' | 'landed' | 'rolled_back' | 'deferred';

/** `sweep`: also remove stray temp files when there is no marker (on open, or after breaking
 *  a dead writer's lock); a writer taking a free lock skips that readdir. */
export async function recoverInterruptedWrite(ctx: RepoContext, opts: { sweep: boolean }): Promise<Exclude<Recovery, 'deferred'>> {
  const marker = await readMarker(ctx.gitDir);
  if (marker === null) {
    if (opts.sweep) await removeLeftovers(ctx);
    return 'none';
  }
  const head = await headState(ctx);
  const landed = marker !== 'corrupt' && head.commit !== marker.base && head.blob === marker.blob;
  // Either way the work tree ends equal to HEAD: for a landed commit that is already so.
  await rollBackToHead(ctx);
  return landed ? 'landed' : 'rolled_back';
}
