// Provenance for the service's load phase: which commit the config file on disk is, or
// that it is dirty (edited by hand since HEAD). It runs on every reload, so when HEAD has
// not moved it costs one hash of the bytes plus two small file reads; a git process starts
// only when HEAD moved (to learn the config's blob id in the new HEAD).
import { realpathSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { SimpleGit } from 'simple-git';
import { gitBlobId } from './blob';
import { gitClient } from './client';
import { findRepo, readHead, type GitDirs } from './gitdir';
import { blobIdAt } from './reads';

export interface Provenance {
  commit: string | null;
  dirty: boolean;
}

interface FoundRepo {
  dirs: GitDirs;
  /** The config file's path inside the repository, in git's `/` form. */
  file: string;
  git: SimpleGit;
}

export function createProvenanceLookup(configPath: string): { lookup(bytes: Buffer | string): Promise<Provenance> } {
  let repo: FoundRepo | null = null;
  // HEAD commit → the config's blob id there (null: HEAD has no such file). One entry: HEAD
  // only moves forward in practice, and a promise so concurrent lookups share one git call.
  let cached: { commit: string; blob: Promise<string | null> } | null = null;

  function headBlob(found: FoundRepo, commit: string): Promise<string | null> {
    if (cached?.commit !== commit) {
      const blob = blobIdAt(found.git, commit, found.file);
      cached = { commit, blob };
      // A failed lookup must be retried next time, not served from the cache.
      blob.catch(() => {
        if (cached?.blob === blob) cached = null;
      });
    }
    return cached.blob;
  }

  async function lookup(bytes: Buffer | string): Promise<Provenance> {
    // Found once and kept; searched again while absent (the repo may be created later).
    repo ??= discover(configPath);
    if (!repo) return { commit: null, dirty: false };
    let commit: string | null;
    try {
      commit = await headCommit(repo);
    } catch {
      // The repository moved or vanished since it was found: look again, once.
      repo = discover(configPath);
      if (!repo) return { commit: null, dirty: false };
      commit = await headCommit(repo);
    }
    // No commit yet: nothing on disk can be "from git".
    if (commit === null) return { commit: null, dirty: true };
    const blob = await headBlob(repo, commit);
    return { commit, dirty: blob === null || blob !== blobOf(bytes, commit.length === 64 ? 64 : 40) };
  }

  // The blob id of the last bytes looked up: an unchanged file (every noop reload) is
  // compared, not hashed again. A string compare of the text is ~10× cheaper than SHA-1.
  let lastBlob: { bytes: Buffer | string; width: 40 | 64; id: string } | null = null;
  function blobOf(bytes: Buffer | string, width: 40 | 64): string {
    if (lastBlob && lastBlob.width === width && (typeof bytes === 'string' ? bytes === lastBlob.bytes : Buffer.isBuffer(lastBlob.bytes) && bytes.equals(lastBlob.bytes))) {
      return lastBlob.id;
    }
    const id = gitBlobId(bytes, width);
    lastBlob = { bytes, width, id };
    return id;
  }

  return { lookup };
}

function discover(configPath: string): FoundRepo | null {
  // Real paths on both sides, so a symlinked data dir still yields the path git knows.
  let dir: string;
  try {
    // .native: the C library's realpath, one call (this runs on every reload while no
    // repository is found), not an lstat per path component.
    dir = realpathSync.native(dirname(configPath));
  } catch {
    return null;
  }
  const dirs = findRepo(dir);
  if (!dirs) return null;
  const file = relative(realpathSync.native(dirs.worktree), join(dir, basename(configPath))).split(sep).join('/');
  return { dirs, file, git: gitClient(dirs.worktree) };
}

async function headCommit(repo: FoundRepo): Promise<string | null> {
  const head = readHead(repo.dirs);
  if (head.kind === 'commit') return head.commit;
  if (head.kind === 'unborn') return null;
  const out = await repo.git.raw(['rev-parse', '--verify', 'HEAD']).catch(() => '');
  return out.trim() || null;
}
