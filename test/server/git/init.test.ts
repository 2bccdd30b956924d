import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, initConfigRepo, openConfigRepo } from '../../../server/git/repo';
import { ALICE, git, plainRepo, tempDir } from './helpers';

describe('initConfigRepo', () => {
  it('creates a repository on main with one commit of config.yaml by hotconf', async () => {
    const dir = join(tempDir(), 'data', 'config-repo');
    const { commit } = await initConfigRepo(dir, 'log:\n  level: info\n');
    expect(git(dir, 'symbolic-ref', '--short', 'HEAD').trim()).toBe('main');
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(commit);
    expect(git(dir, 'rev-list', '--count', 'HEAD').trim()).toBe('1');
    expect(git(dir, 'log', '-1', '--format=%an <%ae>|%cn <%ce>|%s').trim()).toBe('hotconf <hotconf@localhost>|hotconf <hotconf@localhost>|Initial configuration');
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe('log:\n  level: info\n');
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('is idempotent: an existing repository with commits is left alone', async () => {
    const dir = tempDir();
    const { commit } = await initConfigRepo(dir, 'a: 1\n');
    expect(await initConfigRepo(dir, 'a: different\n')).toEqual({ commit });
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe('a: 1\n');
    const { dir: existing, first } = plainRepo('mine: true\n');
    expect(await initConfigRepo(existing, 'a: 1\n')).toEqual({ commit: first });
  });

  it('two simultaneous calls make one repository with one commit', async () => {
    const dir = tempDir();
    const [x, y] = await Promise.all([initConfigRepo(dir, 'a: 1\n'), initConfigRepo(dir, 'a: 1\n')]);
    expect(x).toEqual(y);
    expect(git(dir, 'rev-list', '--count', 'HEAD').trim()).toBe('1');
  });

  it('completes a repository left without a first commit', async () => {
    const dir = tempDir();
    git(dir, 'init', '--quiet', '--initial-branch=main');
    const { commit } = await initConfigRepo(dir, 'a: 1\n');
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(commit);
  });

  it('makes its own repository inside a directory another repository contains', async () => {
    const { dir: outer } = plainRepo();
    const inner = join(outer, 'data', 'config-repo');
    await initConfigRepo(inner, 'a: 1\n');
    expect(existsSync(join(inner, '.git'))).toBe(true);
    expect(git(inner, 'rev-parse', '--show-toplevel').trim()).toBe(inner);
  });

  it('uses the given author, and the result opens as a config repository', async () => {
    const dir = tempDir();
    await initConfigRepo(dir, 'a: 1\n', { author: ALICE });
    expect(git(dir, 'log', '-1', '--format=%an|%cn').trim()).toBe('Alice Operator|hotconf');
    expect((await (await openConfigRepo({ dir })).head()).content).toBe('a: 1\n');
  });

  it('refuses oversized content and a bad author before creating anything', async () => {
    const dir = join(tempDir(), 'never');
    await expect(initConfigRepo(dir, 'x'.repeat(1024 * 1024 + 1))).rejects.toBeInstanceOf(InputError);
    await expect(initConfigRepo(dir, 'a: 1\n', { author: { name: '', email: 'a@b' } })).rejects.toBeInstanceOf(InputError);
    expect(existsSync(dir)).toBe(false);
  });
});
