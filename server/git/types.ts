// Shapes shared by the config-repository modules (re-exported from ./repo, which is the
// public entry point).
import type { SimpleGit } from 'simple-git';
import type { GitExec } from './exec';
import type { GitDirs } from './gitdir';
import type { LockSettings } from './lock';
import type { Author } from './author';

export type { Author } from './author';

/** A commit's trees along the config file's path (./tree builds and reads them). */
export interface PathTrees {
  /** `ls-tree -z` output of each directory along the file's path, root first; an empty
   *  buffer for a directory that does not exist yet. */
  levels: Buffer[];
  /** The config file's entry in the last level, null when there is none. */
  blob: string | null;
  mode: string | null;
}

export interface CommitInfo {
  sha: string;
  short: string;
  author: string;
  email: string;
  /** Author date, strict ISO 8601. */
  date: string;
  subject: string;
  body: string;
}

/** Everything the repository operations need about one opened repository. */
export interface RepoContext {
  /** Work tree root (as given, resolved). */
  readonly dir: string;
  /** The config file, relative to `dir`, in git's `/` form. */
  readonly file: string;
  readonly filePath: string;
  /** Where hotconf keeps its writer lock, crash marker and commit-message files. */
  readonly gitDir: string;
  /** For reading HEAD without a git process. */
  readonly dirs: GitDirs;
  /** Serialization key: the real path of `dir`, so two spellings of one repo share a queue. */
  readonly queueKey: string;
  /** Local operations. */
  readonly git: SimpleGit;
  /** Network operations (fetch/push), with a longer timeout. */
  readonly netGit: SimpleGit;
  /** Plumbing that reads stdin or prints nothing (./exec). */
  readonly exec: GitExec;
  readonly remote: string | null;
  /** The cross-process writer lock's timing (./lock). */
  readonly lock: LockSettings;
  /** Where git looks for hooks (core.hooksPath or <git dir>/hooks). */
  readonly hooksDir: string;
  /** Commit sha → the tree listings along the config file's path there (./tree). A commit's
   *  trees never change, so entries never go stale; they save git processes on the write path. */
  readonly knownTrees: Map<string, PathTrees>;
}

/** HEAD as the write path sees it: the commit, the blob id of the config file there (null:
 *  absent) and the trees the next commit is built from. */
export interface HeadState {
  commit: string;
  blob: string | null;
  trees: PathTrees;
}
