// Replace a file so that readers (the service's reload) see either the old bytes or the new
// ones, never a torn write: write a sibling temp file, flush it, rename over the original.
import { open, rename, rm, stat, chmod } from 'node:fs/promises';

export const TMP_SUFFIX = '.hotconf-tmp';

export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  const tmp = path + TMP_SUFFIX;
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(data);
      // Flushed before the rename, so a power loss cannot leave the new name on empty data.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await keepMode(path, tmp);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
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
