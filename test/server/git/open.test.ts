import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, openConfigRepo, RepoStateError } from '../../../server/git/repo';
import { git, plainRepo, tempDir } from './helpers';

describe('openConfigRepo', () => {
  it('exposes the directory, the file and the file’s absolute path', async () => {
    const { dir } = plainRepo();
    const repo = await openConfigRepo({ dir });
    expect(repo.dir).toBe(dir);
    expect(repo.file).toBe('config.yaml');
    expect(repo.filePath).toBe(join(dir, 'config.yaml'));
  });

  it('refuses a directory that is not a repository root, even inside another repository', async () => {
    const { dir } = plainRepo();
    const nested = join(dir, 'nested');
    mkdirSync(nested);
    await expect(openConfigRepo({ dir: nested })).rejects.toMatchObject({ code: 'not_a_repo' });
    await expect(openConfigRepo({ dir: tempDir() })).rejects.toBeInstanceOf(RepoStateError);
  });

  it('refuses a repository without commits and says how to make one', async () => {
    const dir = tempDir();
    git(dir, 'init', '--quiet');
    await expect(openConfigRepo({ dir })).rejects.toThrow(/has no commits yet/);
  });

  it.each(['../outside.yaml', '/etc/passwd', '-c.yaml', ':(glob)*.yaml', '.git/config', 'a//b.yaml', ''])('refuses the config file path %j', async (file) => {
    const { dir } = plainRepo();
    await expect(openConfigRepo({ dir, file })).rejects.toBeInstanceOf(InputError);
  });

  it('refuses an unknown or malformed remote and a malformed committer', async () => {
    const { dir } = plainRepo();
    await expect(openConfigRepo({ dir, remote: 'origin' })).rejects.toMatchObject({ code: 'unknown_remote' });
    await expect(openConfigRepo({ dir, remote: '--upload-pack=x' })).rejects.toBeInstanceOf(InputError);
    await expect(openConfigRepo({ dir, committer: { name: 'x', email: 'a>b' } })).rejects.toMatchObject({ field: 'committer' });
  });

  it('accepts a `.git` file pointing at a linked worktree', async () => {
    const { dir } = plainRepo('a: 1\n');
    const linked = join(tempDir(), 'wt');
    git(dir, 'worktree', 'add', '--quiet', '-b', 'other', linked);
    writeFileSync(join(linked, 'unrelated'), '');
    const repo = await openConfigRepo({ dir: linked });
    expect((await repo.head()).content).toBe('a: 1\n');
  });
});
