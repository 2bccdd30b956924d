// The users and sessions files hold password and token hashes: they are written owner-only
// (0600) and atomically (a flushed temp file renamed over the old one), so a reader — the
// console, the CLI, the page proxy — sees the old file or the new one, never half of one.
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync, fsyncSync, closeSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export function writePrivateFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.hotconf-tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  // 'wx': never write into a file someone else made; the mode applies from creation on.
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  try {
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** The file's text, or undefined when it does not exist yet. */
export function readOptionalFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** What changes whenever the file is replaced (a rename gives a new inode), for read caches. */
export function fileStamp(path: string): string {
  try {
    const s = statSync(path);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw err;
  }
}
