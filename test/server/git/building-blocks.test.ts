import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../server/git/atomic';
import { gitBlobId } from '../../../server/git/blob';
import { isBusy, serialized } from '../../../server/git/queue';
import { tempDir } from './helpers';

describe('gitBlobId', () => {
  it('equals `git hash-object` for text, binary and empty content', () => {
    const dir = tempDir();
    for (const [name, bytes] of [
      ['text', Buffer.from('a: 1\nname: "Zoë"\n')],
      ['binary', Buffer.from([0, 255, 10, 13, 0])],
      ['empty', Buffer.alloc(0)],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      expect(gitBlobId(bytes), name).toBe(execFileSync('git', ['hash-object', file], { encoding: 'utf8' }).trim());
    }
    expect(gitBlobId('a: 1\n')).toBe(gitBlobId(Buffer.from('a: 1\n')));
  });

  it('uses sha256 for repositories with 64-digit object ids', () => {
    expect(gitBlobId('x', 64)).toHaveLength(64);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the content, keeps the mode and leaves no temp file', async () => {
    const dir = tempDir();
    const file = join(dir, 'config.yaml');
    writeFileSync(file, 'old\n', { mode: 0o640 });
    await writeFileAtomic(file, 'new\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['config.yaml']);
  });

  it('gives every write its own temp file: concurrent writes to one file each land whole', async () => {
    const dir = tempDir();
    const file = join(dir, 'config.yaml');
    const contents = Array.from({ length: 8 }, (_, i) => `writer: ${i}\n`.repeat(1000));
    await Promise.all(contents.map((c) => writeFileAtomic(file, c)));
    expect(contents).toContain(readFileSync(file, 'utf8'));
    expect(readdirSync(dir)).toEqual(['config.yaml']);
  });

  it('creates a missing file and fails cleanly when the directory is missing', async () => {
    const dir = tempDir();
    await writeFileAtomic(join(dir, 'fresh.yaml'), 'x\n');
    expect(readFileSync(join(dir, 'fresh.yaml'), 'utf8')).toBe('x\n');
    await expect(writeFileAtomic(join(dir, 'no', 'such.yaml'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('serialized', () => {
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('runs tasks under one key one at a time, in call order', async () => {
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([serialized('k', task('a')), serialized('k', task('b')), serialized('k', task('c'))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('runs tasks under different keys side by side', async () => {
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
    };
    await Promise.all([serialized('x', task('x')), serialized('y', task('y'))]);
    expect(log.slice(0, 2)).toEqual(['start x', 'start y']);
  });

  it('keeps going after a failed task, and forgets an idle key', async () => {
    const failed = serialized('f', () => Promise.reject(new Error('boom')));
    const next = serialized('f', async () => 'ran');
    expect(isBusy('f')).toBe(true);
    await expect(failed).rejects.toThrow('boom');
    expect(await next).toBe('ran');
    await tick();
    expect(isBusy('f')).toBe(false);
  });
});
