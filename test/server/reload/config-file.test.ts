// Reading config.yaml on the reload path: the text, and the bytes it came from when they are
// exactly that text in UTF-8 (the last good config is stored from them).
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfigFile } from '../../../server/reload/config-file';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hotconf-config-file-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readConfigFile', () => {
  it('returns the text and, for a plain UTF-8 file, the same bytes', () => {
    const path = join(dir, 'config.yaml');
    const text = 'route:\n  receiver: équipe\n';
    writeFileSync(path, text);
    const read = readConfigFile(path);
    expect(read.text).toBe(text);
    expect(Buffer.from(read.utf8!).toString('utf8')).toBe(text);
  });

  it('keeps a byte-order mark in the text, so the bytes are still exactly the text', () => {
    const path = join(dir, 'config.yaml');
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('route: {}\n')]);
    writeFileSync(path, bytes);
    const read = readConfigFile(path);
    expect(read.text).toBe('\ufeffroute: {}\n');
    expect(Buffer.from(read.utf8).equals(bytes)).toBe(true);
    expect(Buffer.from(read.text, 'utf8').equals(bytes)).toBe(true);
  });

  it('refuses a symbolic link, saying what to do', () => {
    const real = join(dir, 'real.yaml');
    writeFileSync(real, 'route: {}\n');
    symlinkSync(real, join(dir, 'config.yaml'));
    expect(() => readConfigFile(join(dir, 'config.yaml'))).toThrow(/is a symbolic link: .*replace the link with the file itself/);
  });
});
