// Finding a repository and reading its HEAD with plain file reads: the provenance lookup
// runs on every reload and must not start a git process when nothing moved.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

export interface GitDirs {
  /** Work tree root. */
  worktree: string;
  /** Per-worktree git dir (HEAD, index, hotconf's marker). */
  gitDir: string;
  /** Shared git dir (refs, packed-refs, objects); equals gitDir outside linked worktrees. */
  commonDir: string;
}

/** The git dirs of `worktree` itself (not of a parent), or null when it has no `.git`. */
export function gitDirsOf(worktree: string): GitDirs | null {
  const dotGit = join(worktree, '.git');
  let isDir: boolean;
  try {
    // No throw for the usual miss: a config outside any repository is looked for in every
    // ancestor on every reload, and an error (with its stack) per ancestor cost ~0.1 ms.
    const st = statSync(dotGit, { throwIfNoEntry: false });
    if (!st) return null;
    isDir = st.isDirectory();
  } catch {
    return null;
  }
  // A linked worktree or submodule has a `.git` file: "gitdir: <path>".
  const gitDir = isDir ? dotGit : readGitFile(dotGit, worktree);
  if (!gitDir || !existsSync(join(gitDir, 'HEAD'))) return null;
  return { worktree, gitDir, commonDir: readCommonDir(gitDir) };
}

/** Walks up from `start` to the nearest directory holding `.git`. */
export function findRepo(start: string): GitDirs | null {
  let dir = resolve(start);
  for (;;) {
    const dirs = gitDirsOf(dir);
    if (dirs) return dirs;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function readGitFile(path: string, worktree: string): string | null {
  const match = /^gitdir: (.+)$/m.exec(readFileSync(path, 'utf8'));
  if (!match?.[1]) return null;
  const target = match[1].trim();
  return isAbsolute(target) ? target : resolve(worktree, target);
}

function readCommonDir(gitDir: string): string {
  try {
    const target = readFileSync(join(gitDir, 'commondir'), 'utf8').trim();
    return isAbsolute(target) ? target : resolve(gitDir, target);
  } catch {
    return gitDir;
  }
}

export type HeadRead =
  | { kind: 'commit'; commit: string; branch: string | null }
  | { kind: 'unborn'; branch: string }
  /** A ref store plain reads cannot follow (reftable): ask git. */
  | { kind: 'unknown' };

const SHA_RE = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
const MAX_SYMREF_DEPTH = 5;

export function readHead(dirs: GitDirs): HeadRead {
  if (existsSync(join(dirs.commonDir, 'reftable'))) return { kind: 'unknown' };
  let content = readFileSync(join(dirs.gitDir, 'HEAD'), 'utf8').trim();
  let branch: string | null = null;
  for (let depth = 0; content.startsWith('ref: '); depth++) {
    if (depth === MAX_SYMREF_DEPTH) return { kind: 'unknown' };
    const ref = content.slice('ref: '.length).trim();
    branch ??= ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : ref;
    const target = readRef(dirs, ref);
    if (target === null) return { kind: 'unborn', branch };
    content = target;
  }
  return SHA_RE.test(content) ? { kind: 'commit', commit: content, branch } : { kind: 'unknown' };
}

/** A loose ref file wins over packed-refs, as in git. */
function readRef(dirs: GitDirs, ref: string): string | null {
  try {
    return readFileSync(join(dirs.commonDir, ref), 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  return readPackedRef(dirs.commonDir, ref);
}

function readPackedRef(commonDir: string, ref: string): string | null {
  let packed: string;
  try {
    packed = readFileSync(join(commonDir, 'packed-refs'), 'utf8');
  } catch {
    return null;
  }
  for (const line of packed.split('\n')) {
    // "<sha> <ref>"; '#' starts the header, '^' a peeled tag line.
    if (line.startsWith('#') || line.startsWith('^')) continue;
    const space = line.indexOf(' ');
    if (space > 0 && line.slice(space + 1) === ref) return line.slice(0, space);
  }
  return null;
}
