// git's client-side commit hooks around hotconf's plumbing commit (./write): `commit-tree`
// and `update-ref` run no hooks, but an operator's pre-commit policy must still be able to
// refuse a change, as it could when hotconf ran `git commit`. Only hooks that exist are run
// (a stat each, no git process otherwise), through `git hook run` (git ≥ 2.36).
import { access, constants } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { SimpleGit } from 'simple-git';
import type { RepoContext } from './types';

export type HookName = 'pre-commit' | 'commit-msg' | 'post-commit';

/** The hooks directory, honouring core.hooksPath; resolved once, when the repository opens. */
export async function hooksDirOf(git: SimpleGit, dir: string): Promise<string> {
  const path = (await git.raw(['rev-parse', '--git-path', 'hooks'])).trim();
  return isAbsolute(path) ? path : resolve(dir, path);
}

export async function hasHook(ctx: RepoContext, name: HookName): Promise<boolean> {
  try {
    await access(join(ctx.hooksDir, name), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs the hook; a non-zero exit rejects with the hook's stderr as the message. */
export async function runHook(ctx: RepoContext, name: HookName, args: readonly string[] = []): Promise<void> {
  // GIT_EDITOR=':' as git commit sets it: a hook must not wait for an editor nobody sees.
  await ctx.exec(['hook', 'run', name, '--', ...args], { env: { GIT_EDITOR: ':' } });
}
