// The validate phase's path check: every `*_file` field outside the secrets dirs is refused at
// its own path, also when the check reuses what it found in receivers that did not change.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Config } from '../../../server/config/schema';
import { configPathIssues } from '../../../server/reload/config-paths';
import { FileRoots } from '../../../server/reload/file-roots';

const dir = mkdtempSync(join(tmpdir(), 'hotconf-config-paths-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rules = { roots: new FileRoots({ dataDir: dir, configPath: join(dir, 'config.yaml') }), dataDir: dir, workDir: dir };

const receiver = (name: string, passwordFile?: string) => ({
  name,
  webhook_configs: [{ url: 'http://127.0.0.1:9/', http_config: { basic_auth: { username: 'u', ...(passwordFile ? { password_file: passwordFile } : {}) } } }],
});
const config = (receivers: object[]) => ({ database: { driver: 'sqlite', path: 'alerts.db' }, global: {}, receivers }) as unknown as Config;
const refused = (c: Config) => configPathIssues(c, '', rules).map((i) => i.path);

describe('configPathIssues', () => {
  it('finds each *_file outside the secrets dirs at its receiver index, as receivers change, move and stay', () => {
    const a = receiver('a');
    const b = receiver('b', '/etc/shadow');
    const c = receiver('c');
    expect(refused(config([a, b, c]))).toEqual(['receivers.1.webhook_configs.0.http_config.basic_auth.password_file']);
    // Same objects again: the same answer.
    expect(refused(config([a, b, c]))).toEqual(['receivers.1.webhook_configs.0.http_config.basic_auth.password_file']);
    // c changed (a new object), a and b kept.
    const c2 = receiver('c', '/root/.ssh/id_rsa');
    expect(refused(config([a, b, c2]))).toEqual([
      'receivers.1.webhook_configs.0.http_config.basic_auth.password_file',
      'receivers.2.webhook_configs.0.http_config.basic_auth.password_file',
    ]);
    // Moved: b is now first.
    expect(refused(config([b, a, c2]))).toEqual([
      'receivers.0.webhook_configs.0.http_config.basic_auth.password_file',
      'receivers.2.webhook_configs.0.http_config.basic_auth.password_file',
    ]);
    // A file inside the secrets dir (the data dir by default) is fine.
    expect(refused(config([a, receiver('b', join(dir, 'pw'))]))).toEqual([]);
  });
});
