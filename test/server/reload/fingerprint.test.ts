// The "unchanged → no-op" identity of a config: the hash of its bytes and a fingerprint of
// the secret values its references resolve to.
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../../server/config/load';
import { memoizeSecrets, type SecretSource } from '../../../server/config/secrets';
import { hashText, quickFingerprint } from '../../../server/reload/fingerprint';
import { fakeSecrets } from '../../support/secrets';

const MINIMAL = 'route:\n  receiver: default\nreceivers:\n  - name: default\n';
const noSecrets: SecretSource = {
  env: {},
  readFile: () => {
    throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
  },
};

describe('hashText', () => {
  it('is the sha256 hex of the UTF-8 bytes of the text', () => {
    const text = 'log:\n  level: info # ünïcode\n';
    expect(hashText(text)).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
    expect(hashText(text)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('quickFingerprint', () => {
  it('is empty for a text without references', () => {
    expect(quickFingerprint(MINIMAL, noSecrets)).toBe('');
    expect(quickFingerprint('price: ${5}\n', noSecrets)).toBe('');
  });

  it('changes when a resolved value changes, and only then', () => {
    const text = 'a: ${env:A}\nb: ${file:/s/b}\n';
    const base = quickFingerprint(text, fakeSecrets({ A: '1' }, { '/s/b': 'x' }));
    expect(quickFingerprint(text, fakeSecrets({ A: '1' }, { '/s/b': 'x' }))).toBe(base);
    expect(quickFingerprint(text, fakeSecrets({ A: '2' }, { '/s/b': 'x' }))).not.toBe(base);
    expect(quickFingerprint(text, fakeSecrets({ A: '1' }, { '/s/b': 'y' }))).not.toBe(base);
    expect(quickFingerprint(text, fakeSecrets({}, { '/s/b': 'x' }))).not.toBe(base);
  });

  it('tells references to different variables with the same value apart', () => {
    const secrets = fakeSecrets({ A: 'same', B: 'same' });
    expect(quickFingerprint('x: ${env:A}\n', secrets)).not.toBe(quickFingerprint('x: ${env:B}\n', secrets));
  });

  it('never throws, even when the secret source does', () => {
    const broken: SecretSource = {
      env: new Proxy({}, { get: () => { throw new Error('boom'); } }),
      readFile: () => { throw new Error('boom'); },
    };
    const text = 'a: ${env:A}\nb: ${file:/s/b}\n';
    expect(quickFingerprint(text, broken)).toMatch(/^[0-9a-f]{64}$/);
    expect(quickFingerprint(text, noSecrets)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not contain the secret', () => {
    expect(quickFingerprint('a: ${env:A}\n', fakeSecrets({ A: 'abcdef' }))).not.toContain('abcdef');
  });

  it('shares one memoized source with the load, so both describe the same read of each file', () => {
    const readFile = vi.fn(() => 'https://hooks.slack.test/T/B/x');
    const secrets = memoizeSecrets({ env: {}, readFile });
    const text = 'route: { receiver: a }\nreceivers:\n  - name: a\n    slack_configs:\n      - api_url: ${file:/s/a}\n';
    expect(quickFingerprint(text, secrets)).toMatch(/^[0-9a-f]{64}$/);
    expect(loadConfig(text, { secrets }).resolved).toMatchObject({ receivers: [{ slack_configs: [{ api_url: 'https://hooks.slack.test/T/B/x' }] }] });
    expect(readFile).toHaveBeenCalledTimes(1);
  });
});
