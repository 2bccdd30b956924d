// The crash marker: written (atomically) before the index or the config file is touched and
// removed once the commit is in, so a writer that dies in between leaves evidence the next
// writer can act on. It lives in the git dir, where it can never be committed by accident.
// Its name is fixed (so it can be found) and safe to share: only the holder of the writer
// lock (./lock) writes or removes it.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tempPathFor, writeFileAtomic } from './atomic';

export interface PendingMarker {
  version: 1;
  op: 'commit' | 'restore';
  /** HEAD when the change started. */
  base: string;
  /** Blob id of the content being committed. */
  blob: string;
  startedAt: string;
}

export const MARKER_NAME = 'hotconf-pending';

export function markerPath(gitDir: string): string {
  return join(gitDir, MARKER_NAME);
}

export const MESSAGE_FILE_PREFIX = 'hotconf-commit-msg';

/** A commit message handed to a commit-msg hook goes through a file of its own: a unique
 *  name per use, never an argument. */
export function messageFilePath(gitDir: string): string {
  return tempPathFor(join(gitDir, MESSAGE_FILE_PREFIX));
}

export async function writeMarker(gitDir: string, marker: PendingMarker): Promise<void> {
  await writeFileAtomic(markerPath(gitDir), JSON.stringify(marker) + '\n');
}

/** The marker, null when there is none, or 'corrupt' when it cannot be understood. */
export async function readMarker(gitDir: string): Promise<PendingMarker | 'corrupt' | null> {
  let text: string;
  try {
    text = await readFile(markerPath(gitDir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isMarker(parsed) ? parsed : 'corrupt';
  } catch {
    return 'corrupt';
  }
}

function isMarker(value: unknown): value is PendingMarker {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return m.version === 1 && (m.op === 'commit' || m.op === 'restore') && typeof m.base === 'string' && typeof m.blob === 'string';
}

export async function clearMarker(gitDir: string): Promise<void> {
  await rm(markerPath(gitDir), { force: true });
}
