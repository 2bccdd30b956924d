import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../server/git/atomic';
import { gitBlobId } from '../../../server/git/blob';
import { objectId, treeBody } from '../../../server/git/objects';
import { isBusy, serialized } from '../../../server/git/queue';
import { cleanMessage } from '../../../server/git/write';
import { git, tempDir } from './helpers';

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

describe('tree objects built in-process', () => {
  it('have the id `git mktree` gives the same entries, in git\'s order (a tree sorts as if it ended in "/")', () => {
    const dir = tempDir();
    git(dir, 'init', '--quiet');
    const blob = git(dir, 'hash-object', '-w', '--stdin').trim();
    const sub = git(dir, 'mktree').trim(); // the empty tree
    const entries = [
      { mode: '100644', type: 'blob', oid: blob, name: Buffer.from('a.b') },
      { mode: '040000', type: 'tree', oid: sub, name: Buffer.from('a') },
      { mode: '100755', type: 'blob', oid: blob, name: Buffer.from('a-b') },
      { mode: '100644', type: 'blob', oid: blob, name: Buffer.from('a0') },
      { mode: '120000', type: 'blob', oid: blob, name: Buffer.from('Zoë') },
    ];
    const listing = entries.map((e) => `${e.mode} ${e.type} ${e.oid}\t${e.name.toString()}\0`).join('');
    const byGit = execFileSync('git', ['mktree', '-z'], { cwd: dir, input: listing, encoding: 'utf8' }).trim();
    expect(objectId('tree', treeBody(entries), 40)).toBe(byGit);
  });
});

describe('cleanMessage', () => {
  it('stores a message as `git stripspace` (git commit\'s default cleanup) would', () => {
    const dir = tempDir();
    for (const message of ['subject', 'subject  \n\n\n\nbody \t\nmore\n\n', '\n\nleading blank lines\n', 'no-break space stays\u00a0', '# not a comment here']) {
      expect(cleanMessage(message), JSON.stringify(message)).toBe(execFileSync('git', ['stripspace'], { cwd: dir, input: message, encoding: 'utf8' }));
    }
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
