// Putting the config file (work tree and index) back to what HEAD holds: used when a commit
// fails part-way in this process, and by recovery after a crash. Callers hold the writer lock.
import { readdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TMP_SUFFIX, writeFileAtomic } from './atomic';
import { clearMarker, MARKER_NAME, MESSAGE_FILE_PREFIX } from './pending';
import { blobIdAt, headCommit, readFileAt } from './reads';
import type { RepoContext } from './types';

/** Reads HEAD afresh: after a commit that did land, HEAD already matches and nothing changes. */
export async function rollBackToHead(ctx: RepoContext): Promise<void> {
  const head = await headCommit(ctx);
  const headContent = await readFileAt(ctx.git, head, ctx.file);
  if (headContent === null) {
    await rm(ctx.filePath, { force: true });
  } else if ((await readOrNull(ctx.filePath)) !== headContent) {
    await writeFileAtomic(ctx.filePath, headContent);
  }
  // Unstage whatever was staged, but only if it was: reading the index takes no lock,
  // resetting does, and a rollback after an index.lock failure must still finish.
  if ((await stagedBlob(ctx)) !== (await blobIdAt(ctx.git, head, ctx.file))) {
    await ctx.git.raw(['reset', '--quiet', '--', ctx.file]);
  }
  await removeLeftovers(ctx);
  await clearMarker(ctx.gitDir);
}

/**
 * Temp files of interrupted writes; harmless, but the config file's would show up in `git
 * status`. Every temp name starts with a fixed prefix (./atomic). Only the writer-lock holder
 * calls this, so none of them can belong to a write still in progress.
 */
export async function removeLeftovers(ctx: RepoContext): Promise<void> {
  await Promise.all([
    removeByPrefix(dirname(ctx.filePath), basename(ctx.filePath) + TMP_SUFFIX),
    removeByPrefix(ctx.gitDir, MARKER_NAME + TMP_SUFFIX),
    removeByPrefix(ctx.gitDir, MESSAGE_FILE_PREFIX),
  ]);
}

async function removeByPrefix(dir: string, prefix: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(prefix)).map((n) => rm(join(dir, n), { force: true })));
}

/** Blob id of the file in the index, or null when it is not staged at all. */
async function stagedBlob(ctx: RepoContext): Promise<string | null> {
  // "<mode> <blob id> <stage>\t<path>\0"
  const out = await ctx.git.raw(['ls-files', '-z', '--stage', '--', ctx.file]);
  return /^\d+ ([0-9a-f]+) /.exec(out)?.[1] ?? null;
}

async function readOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
