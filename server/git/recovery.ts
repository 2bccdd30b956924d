// Repair after a crash between "file written" and "commit made" (the marker from ./write).
//
// Policy: roll back, never complete. The user whose request died never saw the commit
// confirmed, so hotconf does not create it on their behalf later: the file (and the index)
// go back to HEAD and they apply again. The one case kept is a commit that had already
// landed (crash after `git commit`, before the marker was removed): HEAD moved off the
// recorded base onto exactly the recorded content, so it stays, and only the marker goes.
import { readMarker } from './pending';
import { headState } from './reads';
import { removeLeftovers, rollBackToHead } from './rollback';
import type { RepoContext } from './types';

/** What opening the repository found: nothing to do, a landed commit kept, or a rollback. */
export type Recovery = 'none' | 'landed' | 'rolled_back';

export async function recoverInterruptedWrite(ctx: RepoContext): Promise<Recovery> {
  const marker = await readMarker(ctx.gitDir);
  if (marker === null) {
    await removeLeftovers(ctx);
    return 'none';
  }
  const head = await headState(ctx);
  const landed = marker !== 'corrupt' && head.commit !== marker.base && head.blob === marker.blob;
  // Either way the work tree ends equal to HEAD: for a landed commit that is already so.
  await rollBackToHead(ctx);
  return landed ? 'landed' : 'rolled_back';
}
