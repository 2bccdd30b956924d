// The write path shared by commit and restore. The caller holds the writer lock (./writer)
// and has already decided the change is wanted (base checked, content differs from HEAD).
//
// Crash safety: the marker is written before the file is touched and removed after the
// commit, so any crash in between is repaired by the next writer (see ./recovery).
import { rm, writeFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic';
import { gitBlobId } from './blob';
import { RepoStateError } from './errors';
import { clearMarker, messageFilePath, writeMarker } from './pending';
import { headCommit, rememberBlob } from './reads';
import { rollBackToHead } from './rollback';
import type { Author, HeadState, RepoContext } from './types';

export interface Change {
  op: 'commit' | 'restore';
  content: string;
  /** Validated, trimmed. */
  message: string;
  author: Author;
}

/** Writes, stages and commits the change on top of `head`; returns the new commit. */
export async function commitChange(ctx: RepoContext, head: HeadState, change: Change): Promise<string> {
  const blob = gitBlobId(change.content, head.commit.length === 64 ? 64 : 40);
  await writeMarker(ctx.gitDir, { version: 1, op: change.op, base: head.commit, blob, startedAt: new Date().toISOString() });
  try {
    await writeFileAtomic(ctx.filePath, change.content);
    // `git commit -- <file>` stages the file's working-tree content itself (and only that
    // file: other staged work stays out), so a separate `git add` is needed only when git
    // does not know the file yet. --verbose: see the note in ./client on silent commands.
    if (head.blob === null) await withIndexLockRetry(ctx, () => ctx.git.raw(['add', '--verbose', '--', ctx.file]));
    await runCommit(ctx, change);
    const commit = await headCommit(ctx);
    if (commit === head.commit) throw new RepoStateError('commit_failed', 'git commit finished without creating a commit');
    rememberBlob(ctx, commit, blob);
    await clearMarker(ctx.gitDir);
    return commit;
  } catch (err) {
    // Leave the work tree as HEAD has it. If even that fails the marker stays behind and the
    // next open repairs; the caller still learns the original failure.
    await rollBackToHead(ctx).catch(() => undefined);
    throw err;
  }
}

async function runCommit(ctx: RepoContext, change: Change): Promise<void> {
  const messageFile = messageFilePath(ctx.gitDir);
  await writeFile(messageFile, change.message + '\n');
  try {
    // The author travels inside a single `--author=` argument, the message inside a file:
    // neither can become an option. Committer identity comes from the client's `-c user.*`.
    const args = ['commit', '--file', messageFile, `--author=${change.author.name} <${change.author.email}>`, '--', ctx.file];
    await withIndexLockRetry(ctx, () => ctx.git.raw(args));
  } finally {
    await rm(messageFile, { force: true });
  }
}

export const INDEX_LOCK_RETRY_MS = 250;

/**
 * A held index.lock is never hotconf's own: writers hold the writer lock (./lock) and reads
 * never lock the index. So it is another git process (an operator's
 * shell) that usually finishes in milliseconds: wait once, retry once, then say what to do.
 * The lock is never deleted here; it may belong to a live process.
 */
async function withIndexLockRetry<T>(ctx: RepoContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!isIndexLockError(err)) throw err;
  }
  await new Promise((resolve) => setTimeout(resolve, INDEX_LOCK_RETRY_MS));
  try {
    return await run();
  } catch (err) {
    if (!isIndexLockError(err)) throw err;
    throw new RepoStateError(
      'index_locked',
      `another git process is holding ${ctx.gitDir}/index.lock; wait for it to finish and retry, or remove that file if no git process is running`,
    );
  }
}

function isIndexLockError(err: unknown): boolean {
  return err instanceof Error && err.message.includes('index.lock');
}
