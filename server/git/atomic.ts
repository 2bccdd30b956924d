// Replace a file so that readers (the service's reload) see either the old bytes or the new
// ones, never a torn write: write a sibling temp file, flush it, rename over the original.
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat, chmod } from 'node:fs/promises';

/** Every temp file hotconf makes is `<target>.hotconf-tmp-<pid>-<random>`: two processes (or
 *  two writes in one) never share one, and leftovers are found by this prefix. */
export const TMP_SUFFIX = '.hotconf-tmp';

/** A name no other process or call can be using: pid plus 48 random bits. */
export function uniqueTag(): string {
  return `${process.pid}-${randomBytes(6).toString('hex')}`;
}

export function tempPathFor(path: string): string {
  return `${path}${TMP_SUFFIX}-${uniqueTag()}`;
}

export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  await (await prepareReplacement(path, data)).commit();
}

/** A replacement written and flushed but not yet in place: the slow part of an atomic write,
 *  for a caller that may only make the change visible later (after a ref moved), or never. */
export interface PreparedReplacement {
  /** Renames it over the target: readers see the new bytes from here on. */
  commit(): Promise<void>;
  /** Removes it; the target is untouched. */
  discard(): Promise<void>;
}

export async function prepareReplacement(path: string, data: string | Buffer): Promise<PreparedReplacement> {
  const tmp = tempPathFor(path);
  const discard = () => rm(tmp, { force: true });
  // 'wx': should the name somehow exist, fail rather than write into someone else's file.
  const handle = await open(tmp, 'wx');
  try {
    try {
      await handle.writeFile(data);
      // Flushed before the rename, so a power loss cannot leave the new name on empty data.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await keepMode(path, tmp);
  } catch (err) {
    await discard();
    throw err;
  }
  return {
    async commit() {
      try {
        await rename(tmp, path);
      } catch (err) {
        await discard();
        throw err;
      }
    },
    discard,
  };
}

/** An operator who made the file 0600 keeps 0600. */
async function keepMode(original: string, replacement: string): Promise<void> {
  try {
    const { mode } = await stat(original);
    await chmod(replacement, mode & 0o7777);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
