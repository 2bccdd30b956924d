// Git's blob id computed in-process: equal ids mean equal bytes, so "is the file on disk what
// HEAD holds?" costs one hash instead of a git subprocess.
import { createHash } from 'node:crypto';

/** sha1("blob <len>\0" + bytes), or sha256 in a repository whose object ids are 64 hex digits. */
export function gitBlobId(bytes: Buffer | string, idLength: 40 | 64 = 40): string {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return createHash(idLength === 64 ? 'sha256' : 'sha1')
    .update(`blob ${data.length}\0`)
    .update(data)
    .digest('hex');
}
