// Creating the embedded default config repository (`npm start` on a fresh clone).
import { mkdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic';
import { DEFAULT_COMMITTER, gitClient } from './client';
import { gitDirsOf } from './gitdir';
import { acquireWriterLock, DEFAULT_LOCK_SETTINGS } from './lock';
import { serialized } from './queue';
import { validateAuthor, validateContent } from './validate';
import type { Author } from './types';

export const DEFAULT_CONFIG_FILE = 'config.yaml';
export const INITIAL_MESSAGE = 'Initial configuration';

/**
 * Makes `dir` a git repository on branch `main` whose first commit, by "hotconf" (or
 * `opts.author`), holds `content` as config.yaml. Idempotent: a repository that already has
 * commits is left alone and its HEAD returned; one interrupted before its first commit is
 * completed with `content`.
 */
export async function initConfigRepo(dir: string, content: string, opts: { author?: Author } = {}): Promise<{ commit: string }> {
  const text = validateContent(content);
  const author = validateAuthor(opts.author ?? DEFAULT_COMMITTER);
  await mkdir(dir, { recursive: true });
  return serialized(await realpath(dir), async () => {
    const git = gitClient(dir);
    // Only `dir`'s own .git counts: a data dir inside another checkout must get its own repo.
    // Two processes may both run `git init` here; the second one only re-initialises.
    if (!gitDirsOf(dir)) await git.raw(['init', '--initial-branch=main']);
    const dirs = gitDirsOf(dir);
    if (!dirs) throw new Error(`git init did not create a repository in ${dir}`);
    // The first commit under the writer lock, so two processes starting on a fresh data dir
    // make one first commit, not two competing ones.
    const lock = await acquireWriterLock(dirs.gitDir, 'init', DEFAULT_LOCK_SETTINGS);
    try {
      const head = await git.raw(['rev-parse', '--verify', 'HEAD']).catch(() => null);
      if (head !== null) return { commit: head.trim() };
      await writeFileAtomic(join(dir, DEFAULT_CONFIG_FILE), text);
      await git.raw(['add', '--verbose', '--', DEFAULT_CONFIG_FILE]);
      await git.raw(['commit', '--message', INITIAL_MESSAGE, `--author=${author.name} <${author.email}>`]);
      return { commit: (await git.raw(['rev-parse', '--verify', 'HEAD'])).trim() };
    } finally {
      await lock.release();
    }
  });
}
