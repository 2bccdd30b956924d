// The service's secret source: its environment and its file system, guarded against files
// that are no secret (directories, devices, large files).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { resolveSecretRefs } from '../../../server/config/secrets';
import { processSecrets } from '../../../server/reload/process-secrets';

describe('processSecrets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hotconf-secrets-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a secret file from disk', () => {
    writeFileSync(join(dir, 'token'), 'from-disk\n');
    const { resolved, errors } = resolveSecretRefs({ database: { url: `\${file:${join(dir, 'token')}}` } }, processSecrets);
    expect(errors).toEqual([]);
    expect(resolved).toEqual({ database: { url: 'from-disk' } });
  });

  it('reads the process environment', () => {
    vi.stubEnv('HOTCONF_TEST_SECRET', 'from-env');
    try {
      expect(resolveSecretRefs({ database: { url: '${env:HOTCONF_TEST_SECRET}' } }, processSecrets).resolved).toEqual({ database: { url: 'from-env' } });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it.each([
    ['a directory', () => dir, /is not a regular file/],
    ['a device that never ends', () => '/dev/zero', /is not a regular file/],
    ['a file larger than any secret', () => {
      const big = join(dir, 'big');
      writeFileSync(big, 'x'.repeat(65 * 1024));
      return big;
    }, /is larger than 64 KiB/],
  ])('refuses %s', (_what, pathOf, message) => {
    const { errors } = resolveSecretRefs({ database: { url: `\${file:${pathOf()}}` } }, processSecrets);
    expect(errors).toEqual([expect.objectContaining({ code: 'secret_unresolved', message: expect.stringMatching(message) })]);
  });
});

