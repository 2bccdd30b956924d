// The write path shared by commit and restore. The caller holds the writer lock (./writer)
// and has already decided the change is wanted (base checked, content differs from HEAD).
//
// The commit is built with plumbing, not `git commit`: the blob and the trees as loose
// objects (./objects, ./tree), the commit (`commit-tree`), then HEAD moves with a compare-and-swap
// (`update-ref HEAD <new> <old>`), so it lands only on the base it was planned on; a writer
// the lock did not stop (a shell, a lock wrongly judged stale) makes this a ConflictError,
// never a lost commit. The config file, which the service reads, changes only after HEAD
// did (atomically, by rename), so no reader sees content that is not committed and a loser
// never touches it; the index follows last. Independent steps run side by side: on a busy
// machine every git process costs a few milliseconds, so the count of serial steps is the
// latency.
//
// Crash safety: the marker is written before anything else and removed once file and index
// are in step with HEAD, so any crash in between is repaired by the next writer (./recovery).
import { access, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { prepareReplacement, writeFileAtomic, type PreparedReplacement } from './atomic';
import { gitBlobId } from './blob';
import { writeObject } from './objects';
import { ConflictError, RepoStateError } from './errors';
import { failpoint } from './failpoint';
import { hasHook, runHook } from './hooks';
import { clearMarker, messageFilePath, writeMarker } from './pending';
import { headCommit, readFileAt } from './reads';
import { rollBackToHead } from './rollback';
import { fileMode, rememberTrees, writeTrees } from './tree';
import type { Author, HeadState, RepoContext } from './types';

export interface Change {
  op: 'commit' | 'restore';
  /** The config file's new bytes (a string is written as UTF-8). */
  content: string | Buffer;
  /** Validated, trimmed. */
  message: string;
  author: Author;
  /** The content's blob id when it is already in the object database (a restore). */
  knownBlob?: string;
}

/** Commits the change on top of `head`, moves HEAD there and puts file and index in step;
 *  returns the new commit. */
export async function commitChange(ctx: RepoContext, head: HeadState, change: Change): Promise<string> {
  const bytes = typeof change.content === 'string' ? Buffer.from(change.content, 'utf8') : change.content;
  const width = head.commit.length === 64 ? 64 : 40;
  const blob = gitBlobId(bytes, width);
  const mode = fileMode(head.trees);
  let fileWritten = false;
  let replacement: Promise<PreparedReplacement> | null = null;
  try {
    // Preparation side by side; nothing here is visible until HEAD moves (unreferenced
    // objects are garbage git collects), and the marker is in place before anything is.
    const preparation = [
      writeMarker(ctx.gitDir, { version: 1, op: change.op, base: head.commit, blob, startedAt: new Date().toISOString() }),
      // An index.lock held by an operator's git fails the change here, before anything is
      // visible, rather than after HEAD moved.
      waitForIndexLock(ctx),
      change.knownBlob === blob ? undefined : writeObject(ctx, 'blob', bytes, width),
      writeTrees(ctx, head.trees, blob, mode, width),
      hasHook(ctx, 'pre-commit'),
      hasHook(ctx, 'commit-msg'),
    ] as const;
    // All settle before any failure is acted on: a rollback must not run while the marker
    // is still being written, or it would clear it first and the marker would outlive it.
    await Promise.allSettled(preparation);
    const [, , , { tree, levels }, preCommit, commitMsg] = await Promise.all(preparation);
    await failpoint('before-ref');
    // A pre-commit hook checks the index and may check the file, as under `git commit`.
    if (preCommit) {
      await writeFileAtomic(ctx.filePath, bytes);
      fileWritten = true;
      await stage(ctx, mode, blob);
      await runHook(ctx, 'pre-commit');
    }
    const message = commitMsg ? await editMessage(ctx, cleanMessage(change.message)) : cleanMessage(change.message);
    // The file's new bytes are written and flushed while the commit is made; only the
    // rename waits for HEAD to have moved.
    if (!fileWritten) replacement = prepareReplacement(ctx.filePath, bytes);
    const commit = await commitTree(ctx, tree, head.commit, message, change.author);
    await compareAndSwapHead(ctx, head.commit, commit, message);
    rememberTrees(ctx, commit, { levels, blob, mode });
    await failpoint('ref-updated');
    if (replacement) await (await replacement).commit();
    replacement = null;
    // The commit has landed: from here on a failure must not turn it into an error. An index
    // that could not be updated keeps the marker, and the next writer puts it in step.
    const [indexed, postCommit] = await Promise.all([stage(ctx, mode, blob).then(() => true, () => false), hasHook(ctx, 'post-commit')]);
    if (indexed) await clearMarker(ctx.gitDir);
    // git ignores post-commit's exit status; so does hotconf.
    if (postCommit) await runHook(ctx, 'post-commit').catch(() => undefined);
    return commit;
  } catch (err) {
    await replacement?.then((r) => r.discard()).catch(() => undefined);
    // Leave the work tree and index as HEAD has them (HEAD read afresh: a commit that landed
    // stays). If even that fails the marker stays behind and the next writer repairs; the
    // caller still learns the original failure.
    await rollBackToHead(ctx).catch(() => undefined);
    throw err;
  }
}

/** The ConflictError for a base that is not HEAD: HEAD's sha and content, for the merge. */
export async function staleBase(ctx: RepoContext, base: string, head: string): Promise<ConflictError> {
  return new ConflictError(
    'stale_base',
    head,
    (await readFileAt(ctx.git, head, ctx.file)) ?? '',
    `the config changed since ${base.slice(0, 7)}: HEAD is now ${head.slice(0, 7)}; merge your edit with HEAD and apply again`,
  );
}

/**
 * Only the config file's index entry changes, to exactly the committed blob; other staged
 * work stays staged and out of the commit (the tree is built from HEAD's, not the index).
 * `--refresh` after it records the file's stat data (the file is written by then): without
 * it git sees the entry as "maybe modified" and `reset --keep` or `merge` (./remote, an
 * operator's shell) refuse to run. One git process for both.
 */
async function stage(ctx: RepoContext, mode: string, blob: string): Promise<void> {
  // One argument "<mode>,<blob>,<path>": the path is validated (./validate), never an option.
  await withIndexLockRetry(ctx, () => ctx.exec(['update-index', '--add', '--cacheinfo', `${mode},${blob},${ctx.file}`, '-q', '--refresh']));
}

/** Runs the commit-msg hook on the cleaned message; it may edit it, as under `git commit`. */
async function editMessage(ctx: RepoContext, cleaned: string): Promise<string> {
  const file = messageFilePath(ctx.gitDir);
  try {
    await writeFile(file, cleaned, { flag: 'wx' });
    await runHook(ctx, 'commit-msg', [file]);
    const edited = cleanMessage(await readFile(file, 'utf8'));
    if (edited === '') throw new RepoStateError('commit_failed', 'the commit-msg hook left an empty commit message; nothing was committed');
    return edited;
  } finally {
    await rm(file, { force: true });
  }
}

/** git's default cleanup for a given message ("whitespace"): trailing whitespace off every
 *  line, runs of blank lines collapsed, none at either end, one final newline. */
export function cleanMessage(message: string): string {
  const out: string[] = [];
  // git's isspace: ASCII whitespace only, so a trailing no-break space stays.
  for (const line of message.split('\n').map((l) => l.replace(/[ \t\r\f\v]+$/, ''))) {
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out[out.length - 1] === '') out.pop();
  return out.length === 0 ? '' : out.join('\n') + '\n';
}

async function commitTree(ctx: RepoContext, tree: string, parent: string, message: string, author: Author): Promise<string> {
  // The message goes in on stdin and the author in the environment: neither can be read as
  // an option. The committer comes from the client's `-c user.*` (./client).
  const out = await ctx.exec(['commit-tree', '-p', parent, '--end-of-options', tree], {
    input: message,
    env: { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email },
  });
  return out.toString('latin1').trim();
}

export const REF_LOCK_RETRY_MS = 250;

/**
 * Moves HEAD (the branch it names, with its reflog) from `base` to `commit`, or not at all.
 * `HEAD` rather than the branch's name: if an operator checked out another branch meanwhile,
 * its value is not `base` and this fails, instead of committing to a branch whose files are
 * no longer the work tree's.
 */
async function compareAndSwapHead(ctx: RepoContext, base: string, commit: string, message: string): Promise<void> {
  const reflog = `commit: ${message.split('\n', 1)[0] ?? ''}`;
  const attempt = () => ctx.exec(['update-ref', '-m', reflog, '--end-of-options', 'HEAD', commit, base]);
  for (let tries = 1; ; tries++) {
    try {
      await attempt();
      return;
    } catch (err) {
      const now = await headCommit(ctx);
      if (now !== base) throw await staleBase(ctx, base, now);
      // HEAD is still the base, so the ref was only locked (another git process updating it
      // this instant): wait once, as for index.lock, then say what happened.
      if (tries === 2) {
        throw new RepoStateError('commit_failed', `could not move HEAD to the new commit: ${err instanceof Error ? err.message : String(err)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, REF_LOCK_RETRY_MS));
    }
  }
}

export const INDEX_LOCK_RETRY_MS = 250;

/** Fails with the same error as a git that met the lock, without starting one. */
async function waitForIndexLock(ctx: RepoContext): Promise<void> {
  const held = () => access(join(ctx.gitDir, 'index.lock')).then(() => true, () => false);
  if (!(await held())) return;
  await withIndexLockRetry(ctx, async () => {
    if (await held()) throw new Error(`${ctx.gitDir}/index.lock exists`);
  });
}

/**
 * A held index.lock is never hotconf's own: writers hold the writer lock (./lock) and reads
 * never lock the index. So it is another git process (an operator's shell) that usually
 * finishes in milliseconds: wait once, retry once, then say what to do. The lock is never
 * deleted here; it may belong to a live process.
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
