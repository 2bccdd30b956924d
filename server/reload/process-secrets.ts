// The service's secret values: its environment and its file system. Only the service reads
// them (the config core is pure and takes a SecretSource), with a size and file-type guard
// so that a reference to /dev/zero or a log file cannot hang or bloat a reload.
import { readFileSync, statSync } from 'node:fs';
import { MAX_SECRET_FILE_BYTES, type SecretSource } from '../config/secrets';

export const processSecrets: SecretSource = {
  env: process.env,
  readFile(path) {
    const st = statSync(path);
    if (!st.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    if (st.size > MAX_SECRET_FILE_BYTES) throw Object.assign(new Error('file too large'), { code: 'EFBIG' });
    return readFileSync(path, 'utf8');
  },
};
