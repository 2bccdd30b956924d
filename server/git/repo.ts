// The config repository: the console's only way to read and change config.yaml in git.
// Reads run concurrently; commit, restore and fetch run one at a time per repository, across
// processes too (./writer). Everything a user typed is validated before git runs (./refs,
// ./validate).
import { constants } from 'node:fs';
import { open, readFile, realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from './atomic';
import { gitBlobId } from './blob';
import { DEFAULT_COMMITTER, gitClient, NETWORK_TIMEOUT_MS } from './client';
import { InputError, NothingToCommitError, RepoStateError } from './errors';
import { gitExec } from './exec';
import { gitDirsOf } from './gitdir';
import { hooksDirOf } from './hooks';
import { DEFAULT_CONFIG_FILE } from './init';
import { DEFAULT_LOCK_SETTINGS, type LockSettings } from './lock';
import { commitSubject, headCommit, headState, logCommits, readCommitFile, readFileAt, refuseSymlink, showCommit, subjectOf } from './reads';
import type { Recovery } from './recovery';
import { abbreviateCommit, assertUserRef, RefNotFoundError, resolveCommit } from './refs';
import { fastForward, publishCommit } from './remote';
import { readPathTrees } from './tree';
import { validateAuthor, validateContent, validateFile, validateLimit, validateMessage, validateRemoteName } from './validate';
import { commitChange, staleBase } from './write';
import { asWriter, recoverOnOpen } from './writer';
import type { Author, CommitInfo, HeadState, RepoContext } from './types';

export type { Author, CommitInfo } from './types';
export { ConflictError, InputError, NothingToCommitError, PushError, RepoBusyError, RepoStateError } from './errors';
export type { ConflictReason, InputField, LockHolder, RepoStateCode } from './errors';
export type { Recovery } from './recovery';
export type { LockSettings } from './lock';
export { initConfigRepo } from './init';

export interface ConfigRepoOptions {
  dir: string;
  /** Path of the config file inside the repository; default 'config.yaml'. */
  file?: string;
  /** Name of a configured git remote to push to after each commit and fetch from. */
  remote?: string;
  /** Committer identity; default hotconf <hotconf@localhost>. Authors are per commit. */
  committer?: Author;
  /** Timing of the cross-process writer lock; the defaults suit consoles (./lock). */
  lock?: Partial<LockSettings>;
}

/**
 * Opens an existing repository with at least one commit, repairing an interrupted write of a
 * dead writer. While another live process is writing, nothing is repaired (`deferred`): that
 * write is not interrupted, and if it dies the next writer repairs it.
 */
export async function openConfigRepo(opts: ConfigRepoOptions): Promise<ConfigRepo> {
  const ctx = await createContext(opts);
  return new ConfigRepo(ctx, await recoverOnOpen(ctx));
}

async function createContext(opts: ConfigRepoOptions): Promise<RepoContext> {
  if (typeof opts.dir !== 'string' || opts.dir === '') throw new InputError('dir', 'dir must name the config repository directory');
  const dir = resolve(opts.dir);
  const file = validateFile(opts.file ?? DEFAULT_CONFIG_FILE);
  const remote = opts.remote === undefined ? null : validateRemoteName(opts.remote);
  const committer = validateAuthor(opts.committer ?? DEFAULT_COMMITTER, 'committer');
  const dirs = gitDirsOf(dir);
  if (!dirs) {
    throw new RepoStateError('not_a_repo', `${dir} is not the root of a git repository (no .git there); create it with initConfigRepo or \`git init\``);
  }
  const git = gitClient(dir, committer);
  const [, hooksDir] = await Promise.all([
    git.raw(['rev-parse', '--verify', 'HEAD']).catch(() => {
      throw new RepoStateError('no_commits', `the git repository at ${dir} has no commits yet; make a first commit of ${file} (initConfigRepo does)`);
    }),
    hooksDirOf(git, dir),
  ]);
  if (remote !== null && !(await git.raw(['remote'])).split('\n').includes(remote)) {
    throw new RepoStateError('unknown_remote', `the config repository at ${dir} has no remote named "${remote}"; add it with \`git remote add\``);
  }
  return {
    dir,
    file,
    filePath: join(dir, file),
    gitDir: dirs.gitDir,
    dirs,
    queueKey: await realpath(dir),
    git,
    netGit: gitClient(dir, committer, NETWORK_TIMEOUT_MS),
    exec: gitExec(dir, committer),
    remote,
    lock: { ...DEFAULT_LOCK_SETTINGS, ...opts.lock },
    hooksDir,
    knownTrees: new Map(),
  };
}

export class ConfigRepo {
  readonly dir: string;
  readonly file: string;
  readonly filePath: string;

  /** Use openConfigRepo. */
  constructor(
    private readonly ctx: RepoContext,
    /** What openConfigRepo had to repair; for the startup log. */
    readonly recovery: Recovery,
  ) {
    this.dir = ctx.dir;
    this.file = ctx.file;
    this.filePath = ctx.filePath;
  }

  /** The config file's text in the work tree; null when it is missing, unreadable or a
   *  symbolic link — a link is never followed (the service refuses it too). */
  async readOnDisk(): Promise<string | null> {
    const file = await open(this.filePath, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(() => null);
    if (!file) return null;
    try {
      return (await file.stat()).isFile() ? await file.readFile('utf8') : null;
    } finally {
      await file.close();
    }
  }

  /** HEAD and its config content ('' when HEAD has no config file yet, so the editor can create it). */
  async head(): Promise<{ commit: string; content: string }> {
    const commit = await headCommit(this.ctx);
    return { commit, content: (await readFileAt(this.ctx.git, commit, this.file)) ?? '' };
  }

  /** The config as of commit `ref` (a user ref: 7–40 lowercase hex). */
  async readAt(ref: string): Promise<{ commit: string; content: string }> {
    const commit = await resolveCommit(this.ctx.git, ref);
    return { commit, content: await this.requireFileAt(commit) };
  }

  /**
   * Commits touching the config file, newest first. `nextCursor` is the sha of the first
   * commit of the next page: the next call starts *at* it, so a deep page costs the same as
   * the first (no `--skip`).
   */
  async log(opts: { limit?: number; cursor?: string | null } = {}): Promise<{ commits: CommitInfo[]; nextCursor: string | null }> {
    const limit = validateLimit(opts.limit);
    const start = opts.cursor === undefined || opts.cursor === null ? 'HEAD' : await resolveCommit(this.ctx.git, opts.cursor);
    // One extra commit tells whether another page exists, and is that page's cursor.
    const commits = await logCommits(this.ctx.git, start, this.file, limit + 1);
    const next = commits.length > limit ? commits[limit] : undefined;
    return { commits: commits.slice(0, limit), nextCursor: next?.sha ?? null };
  }

  /** One commit: its metadata, config content, first parent, the parent's content and the diff. */
  async show(ref: string): Promise<{ commit: CommitInfo; content: string; parent: string | null; parentContent: string | null; diff: string }> {
    const sha = await resolveCommit(this.ctx.git, ref);
    const [shown, content] = await Promise.all([showCommit(this.ctx.git, sha, this.file), this.requireFileAt(sha)]);
    const parentContent = shown.parent === null ? null : await readFileAt(this.ctx.git, shown.parent, this.file);
    return { commit: shown.info, content, parent: shown.parent, parentContent, diff: shown.diff };
  }

  /**
   * Commits `content` as the new config, authored by `author`, if HEAD is still
   * `baseCommit`; otherwise ConflictError('stale_base') carrying HEAD's sha and content.
   * Pushes afterwards when a remote is configured.
   */
  async commit(input: { content: string; message: string; baseCommit: string; author: Author }): Promise<{ commit: string }> {
    const content = validateContent(input.content);
    const message = validateMessage(input.message);
    const author = validateAuthor(input.author);
    const base = assertUserRef(input.baseCommit);
    return asWriter(this.ctx, 'commit', async () => {
      const head = await headState(this.ctx);
      if (!(await this.isHead(base, head.commit))) throw await staleBase(this.ctx, base, head.commit);
      if (this.blobOf(content, head) === head.blob) throw new NothingToCommitError(head.commit);
      const commit = await commitChange(this.ctx, head, { op: 'commit', content, message, author });
      await publishCommit(this.ctx, head.commit, commit);
      return { commit };
    });
  }

  /**
   * A new commit whose config equals commit `ref`'s; history is never rewritten. When HEAD
   * already holds that content nothing is committed (`noop`), and a hand-edited file on
   * disk is put back to it, since that is what "restore" asks for.
   */
  async restore(ref: string, author: Author): Promise<{ commit: string; noop: boolean }> {
    assertUserRef(ref);
    const who = validateAuthor(author);
    // The target is read while the writer lock is being taken; a failed read (unknown ref)
    // releases the lock unused.
    const reading = this.restoreTarget(ref);
    reading.catch(() => undefined);
    return asWriter(this.ctx, 'restore', async () => {
      const { target, found, short, subject } = await reading;
      const head = await headState(this.ctx);
      if (found.id === head.blob) {
        await this.ensureWorkTree(found.bytes);
        return { commit: head.commit, noop: true };
      }
      const message = `Revert config to ${short}: ${subject}\n\nReverts-To: ${target}`;
      const commit = await commitChange(this.ctx, head, { op: 'restore', content: found.bytes, knownBlob: found.id, message, author: who });
      await publishCommit(this.ctx, head.commit, commit);
      return { commit, noop: false };
    });
  }

  /**
   * The commit to restore, its config bytes and its subject. A commit is immutable, so this
   * needs no lock. Two git processes side by side: rev-parse checks the ref and gives git's
   * abbreviation (its errors are the ones reported); cat-file, asked by the ref itself
   * (`<ref>^{commit}`, on stdin), gives the full sha, the raw commit (for the subject) and
   * the config's bytes.
   */
  private async restoreTarget(ref: string): Promise<{ target: string; found: { id: string; bytes: Buffer }; short: string; subject: string }> {
    const [abbreviated, read] = await Promise.allSettled([abbreviateCommit(this.ctx.git, ref), readCommitFile(this.ctx, `${assertUserRef(ref)}^{commit}`, this.file)]);
    if (abbreviated.status === 'rejected') throw abbreviated.reason;
    let short = abbreviated.value;
    let file = read.status === 'fulfilled' ? read.value : null;
    let subject = file?.raw ? subjectOf(file.raw) : null;
    // Both name one commit unless the short ref changed meaning in between (a new object
    // made it ambiguous), or git must re-encode the message: then ask again by full sha.
    if (!file?.commit || !file.commit.startsWith(short) || subject === null) {
      const target = await resolveCommit(this.ctx.git, ref);
      [file, { short, subject }] = await Promise.all([readCommitFile(this.ctx, target, this.file), commitSubject(this.ctx.git, target)]);
    }
    const target = file.commit;
    if (target === null) throw new Error(`commit ${short} vanished while it was being read`);
    if (file.blob === null) throw new RefNotFoundError(`commit ${target.slice(0, 7)} has no ${this.file}`);
    // Restoring a link's blob would commit the path it names as the config's text.
    refuseSymlink((await readPathTrees(this.ctx, target)).mode, target, this.file);
    return { target, found: file.blob, short, subject };
  }

  /** Fetches the remote and fast-forwards to it; does nothing without a remote. */
  async fetch(): Promise<void> {
    await asWriter(this.ctx, 'fetch', () => fastForward(this.ctx));
  }

  private async requireFileAt(commit: string): Promise<string> {
    const content = await readFileAt(this.ctx.git, commit, this.file);
    if (content === null) throw new RefNotFoundError(`commit ${commit.slice(0, 7)} has no ${this.file}`);
    return content;
  }

  /** A full sha compares directly; a short one must resolve (it could be ambiguous). */
  private async isHead(base: string, head: string): Promise<boolean> {
    if (!head.startsWith(base)) return false;
    return base.length === head.length || (await resolveCommit(this.ctx.git, base)) === head;
  }

  private blobOf(content: string, head: HeadState): string {
    return gitBlobId(content, head.commit.length === 64 ? 64 : 40);
  }

  private async ensureWorkTree(content: Buffer): Promise<void> {
    const onDisk = await readFile(this.filePath).catch(() => null);
    if (!onDisk?.equals(content)) await writeFileAtomic(this.filePath, content);
  }
}
