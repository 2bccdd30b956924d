import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConflictError, openConfigRepo, PushError, RepoStateError } from '../../../server/git/repo';
import { ALICE, BOB, fixtureCommit, git, plainRepo, tempDir } from './helpers';

/** A bare "origin" holding one commit, and two clones of it. */
function remoteSetup() {
  const { dir: seed, first } = plainRepo('a: 0\n');
  const origin = tempDir('hotconf-origin-');
  git(origin, 'init', '--quiet', '--bare', '--initial-branch=main');
  git(seed, 'push', '--quiet', origin, 'main');
  const clone = () => {
    const dir = tempDir();
    git(dir, 'clone', '--quiet', origin, '.');
    return dir;
  };
  return { origin, first, a: clone(), b: clone() };
}

describe('the optional remote', () => {
  it('pushes every commit to the remote', async () => {
    const { origin, first, a } = remoteSetup();
    const repo = await openConfigRepo({ dir: a, remote: 'origin' });
    const { commit } = await repo.commit({ content: 'a: 1\n', message: 'one', baseCommit: first, author: ALICE });
    expect(git(origin, 'rev-parse', 'main').trim()).toBe(commit);
    const restored = await repo.restore(first, ALICE);
    expect(git(origin, 'rev-parse', 'main').trim()).toBe(restored.commit);
  });

  it('turns a rejected push into a conflict with the remote’s HEAD, never forcing, and takes the local commit back', async () => {
    const { origin, first, a, b } = remoteSetup();
    const fromA = await (await openConfigRepo({ dir: a, remote: 'origin' })).commit({ content: 'a: from-a\n', message: 'a', baseCommit: first, author: ALICE });
    const repoB = await openConfigRepo({ dir: b, remote: 'origin' });
    const err = await repoB.commit({ content: 'a: from-b\n', message: 'b', baseCommit: first, author: BOB }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err).toMatchObject({ reason: 'push_rejected', headCommit: fromA.commit, headContent: 'a: from-a\n' });
    expect(git(origin, 'rev-parse', 'main').trim()).toBe(fromA.commit);
    // B is now exactly at the remote: no diverged local commit, file matches.
    expect(git(b, 'rev-parse', 'HEAD').trim()).toBe(fromA.commit);
    expect(readFileSync(join(b, 'config.yaml'), 'utf8')).toBe('a: from-a\n');
    expect(git(b, 'status', '--porcelain')).toBe('');
    // And B can apply on top of the new HEAD.
    const retry = await repoB.commit({ content: 'a: from-b\n', message: 'b again', baseCommit: fromA.commit, author: BOB });
    expect(git(origin, 'rev-parse', 'main').trim()).toBe(retry.commit);
  });

  it('fetch() fast-forwards to commits pushed by others', async () => {
    const { first, a, b } = remoteSetup();
    const fromA = await (await openConfigRepo({ dir: a, remote: 'origin' })).commit({ content: 'a: 1\n', message: 'one', baseCommit: first, author: ALICE });
    const repoB = await openConfigRepo({ dir: b, remote: 'origin' });
    expect((await repoB.head()).commit).toBe(first);
    await repoB.fetch();
    expect(await repoB.head()).toEqual({ commit: fromA.commit, content: 'a: 1\n' });
    expect(readFileSync(join(b, 'config.yaml'), 'utf8')).toBe('a: 1\n');
  });

  it('fetch() reports diverged histories instead of merging them', async () => {
    const { first, a, b } = remoteSetup();
    await (await openConfigRepo({ dir: a, remote: 'origin' })).commit({ content: 'a: 1\n', message: 'one', baseCommit: first, author: ALICE });
    fixtureCommit(b, 'a: local\n', 'local only');
    const err = await (await openConfigRepo({ dir: b, remote: 'origin' })).fetch().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RepoStateError);
    expect(err).toMatchObject({ code: 'diverged' });
  });

  it('fetch() does nothing without a remote', async () => {
    const { dir, first } = plainRepo();
    const repo = await openConfigRepo({ dir });
    await repo.fetch();
    expect((await repo.head()).commit).toBe(first);
  });

  it('keeps the local commit when the remote is unreachable, and never echoes credentials', async () => {
    const { dir, first } = plainRepo();
    // Port 1 on loopback refuses at once; the URL carries a credential that must not leak.
    git(dir, 'remote', 'add', 'origin', 'http://operator:s3cr3t-token@127.0.0.1:1/config.git');
    const repo = await openConfigRepo({ dir, remote: 'origin' });
    const err = await repo.commit({ content: 'x: 1\n', message: 'm', baseCommit: first, author: ALICE }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PushError);
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    expect(err).toMatchObject({ commit: head });
    expect(head).not.toBe(first);
    expect((err as Error).message).toMatch(/committed .* locally/);
    expect((err as Error).message).not.toContain('s3cr3t-token');
  });
});
