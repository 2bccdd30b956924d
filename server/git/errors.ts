// Typed failures of the config repository, so the HTTP layer can map each to a status
// without parsing messages: ConflictError → 409, InputError → 400, PushError → 502,
// RepoBusyError → 503 (try again shortly), RepoStateError → 500 (the repository needs an
// operator). RefError lives in ./refs.

export type ConflictReason = 'stale_base' | 'push_rejected';

/** The caller's view of the repository is out of date; it gets HEAD to merge against. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';

  constructor(
    readonly reason: ConflictReason,
    readonly headCommit: string,
    readonly headContent: string,
    message: string,
  ) {
    super(message);
  }
}

export type InputField = 'content' | 'message' | 'author' | 'committer' | 'limit' | 'file' | 'remote' | 'dir';

/** A value handed to the repository is unusable; `field` names which one. */
export class InputError extends Error {
  override readonly name: string = 'InputError';

  constructor(
    readonly field: InputField,
    message: string,
  ) {
    super(message);
  }
}

/** The new content equals HEAD's: committing it would make an empty commit. */
export class NothingToCommitError extends InputError {
  override readonly name = 'NothingToCommitError';

  constructor(readonly headCommit: string) {
    super('content', `the content is identical to config at HEAD (${headCommit.slice(0, 7)}); there is nothing to commit`);
  }
}

/** The commit landed locally but could not be published (remote down, hook refused …). */
export class PushError extends Error {
  override readonly name = 'PushError';

  constructor(
    readonly commit: string,
    message: string,
  ) {
    super(message);
  }
}

/** Who holds the cross-process writer lock (./lock), as far as its lock file tells. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When it took the lock (epoch ms). */
  since: number;
  op: string;
}

/**
 * Another process (another console on the same repository) kept the writer lock for longer
 * than this one waits. Nothing was written; retrying later is safe. Not a conflict: the
 * caller's base may still be HEAD.
 */
export class RepoBusyError extends Error {
  override readonly name = 'RepoBusyError';

  constructor(
    /** null when the lock file could not be read (it was being replaced). */
    readonly holder: LockHolder | null,
    readonly waitedMs: number,
    message: string,
  ) {
    super(message);
  }
}

export type RepoStateCode = 'not_a_repo' | 'no_commits' | 'unknown_remote' | 'detached_head' | 'diverged' | 'index_locked' | 'commit_failed' | 'config_symlink';

/** The repository is in a state hotconf will not work around on its own. */
export class RepoStateError extends Error {
  override readonly name = 'RepoStateError';

  constructor(
    readonly code: RepoStateCode,
    message: string,
  ) {
    super(message);
  }
}
