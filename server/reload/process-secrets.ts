// The service's secret values: its environment and its file system. Only the service reads
// them (the config core is pure and takes a SecretSource), with a size and file-type guard
// so that a reference to /dev/zero or a log file cannot hang or bloat a reload, and (for the
// service) inside the allowed folders.
import { readFileSync, statSync } from 'node:fs';
import { MAX_SECRET_FILE_BYTES, type SecretSource } from '../config/secrets';
import type { FileRoots } from './file-roots';

/** Reads any file the process may read: for `hotconf validate` and `export`, which run as
 *  the operator. The service reads through confinedSecrets. */
export const processSecrets: SecretSource = {
  env: process.env,
  readFile: readSecretFile,
};

/** The service's source: a `${file:}` outside the secrets dirs is refused (code EOUTSIDE)
 *  before anything is read, and so is a link inside them that leads out. */
export function confinedSecrets(roots: FileRoots): SecretSource {
  return {
    env: process.env,
    readFile: (path) => readSecretFile(roots.confine(path, 'secrets')),
  };
}

function readSecretFile(path: string): string {
  const st = statSync(path);
  if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
  if (st.size > MAX_SECRET_FILE_BYTES) throw Object.assign(new Error('file too large'), { code: 'EFBIG' });
  return readFileSync(path, 'utf8');
}
