import type { SecretSource } from '../../server/config/secrets';

/** A SecretSource from plain maps: env variables, and file paths with their contents. */
export function fakeSecrets(env: Record<string, string> = {}, files: Record<string, string> = {}): SecretSource {
  return {
    env,
    readFile(path) {
      const content = files[path];
      if (content === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return content;
    },
  };
}
