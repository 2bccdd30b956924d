// The optional remote: push after every commit, fetch + fast-forward on request. Never a
// force push: a rejected push means someone else published first, which is a conflict the
// user resolves in the editor, exactly like a stale base.
import { ConflictError, PushError, RepoStateError } from './errors';
import { readFileAt } from './reads';
import type { RepoContext } from './types';

export async function currentBranch(ctx: RepoContext): Promise<string> {
  try {
    const ref = (await ctx.git.raw(['symbolic-ref', 'HEAD'])).trim();
    return ref.replace(/^refs\/heads\//, '');
  } catch {
    throw new RepoStateError('detached_head', `the config repository at ${ctx.dir} has a detached HEAD; check out a branch to push to`);
  }
}

/**
 * Pushes `commit` (HEAD, made on top of `base`). On a non-fast-forward rejection the local
 * commit is taken back (it was never published, so no shared history changes), the branch
 * fast-forwards to the remote, and the caller gets a ConflictError with the new HEAD.
 */
export async function publishCommit(ctx: RepoContext, base: string, commit: string): Promise<void> {
  if (ctx.remote === null) return;
  const branch = await currentBranch(ctx);
  try {
    await ctx.netGit.raw(['push', '--porcelain', '--end-of-options', ctx.remote, `HEAD:refs/heads/${branch}`]);
    return;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!/\[rejected\]/.test(message)) {
      throw new PushError(
        commit,
        `committed ${commit.slice(0, 7)} locally, but pushing to remote "${ctx.remote}" failed; the next commit pushes it again. git said: ${firstLines(message)}`,
      );
    }
  }
  await ctx.git.raw(['reset', '--quiet', '--keep', base]);
  await fastForward(ctx, branch);
  const head = (await ctx.git.raw(['rev-parse', '--verify', 'HEAD'])).trim();
  throw new ConflictError(
    'push_rejected',
    head,
    (await readFileAt(ctx.git, head, ctx.file)) ?? '',
    `remote "${ctx.remote}" already has newer commits on ${branch}; your change was not committed. Merge it with HEAD (${head.slice(0, 7)}) and apply again`,
  );
}

/** Fetches the remote and fast-forwards the current branch to it (nothing when no remote). */
export async function fastForward(ctx: RepoContext, branch?: string): Promise<void> {
  if (ctx.remote === null) return;
  const name = branch ?? (await currentBranch(ctx));
  await ctx.netGit.raw(['fetch', '--quiet', '--end-of-options', ctx.remote]);
  const tracking = `refs/remotes/${ctx.remote}/${name}`;
  const target = (await ctx.git.raw(['for-each-ref', '--format=%(objectname)', '--end-of-options', tracking])).trim();
  // An empty remote (nothing pushed yet) has nothing to fast-forward to.
  if (target === '') return;
  try {
    await ctx.git.raw(['merge', '--ff-only', '--end-of-options', target]);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new RepoStateError(
      'diverged',
      `cannot fast-forward ${name} to ${ctx.remote}/${name}: the local and remote histories differ (or the config file has uncommitted edits); an operator must reconcile them. git said: ${firstLines(message)}`,
    );
  }
}

/** A short excerpt of git's output, with any credentials in remote URLs masked. */
function firstLines(text: string): string {
  return text
    .trim()
    .split('\n')
    .slice(0, 3)
    .join(' / ')
    .replace(/\/\/[^/@\s]+@/g, '//***@');
}
