import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RefError, RefNotFoundError } from '../../../server/git/refs';
import { InputError, openConfigRepo } from '../../../server/git/repo';
import { ALICE, BOB, fixtureCommit, git, plainRepo, tempDir } from './helpers';

describe('ConfigRepo.restore', () => {
  it('makes a new commit whose config equals the target’s, with the revert subject and a Reverts-To trailer', async () => {
    const { dir, first } = plainRepo('a: 1\n');
    const second = fixtureCommit(dir, 'a: 2\n', 'Set a to 2');
    fixtureCommit(dir, 'a: 3\n', 'Set a to 3');
    const repo = await openConfigRepo({ dir });
    const { commit, noop } = await repo.restore(second.slice(0, 7), BOB);
    expect(noop).toBe(false);
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(commit);
    expect(git(dir, 'log', '-1', '--format=%s', commit).trim()).toBe(`Revert config to ${second.slice(0, 7)}: Set a to 2`);
    expect(git(dir, 'log', '-1', '--format=%(trailers:key=Reverts-To,valueonly)', commit).trim()).toBe(second);
    expect(git(dir, 'log', '-1', '--format=%an <%ae>', commit).trim()).toBe('Bob Operator <bob@example.test>');
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe('a: 2\n');
    expect(git(dir, 'status', '--porcelain')).toBe('');
    // History is only added to: every earlier commit is still an ancestor.
    expect(git(dir, 'rev-list', '--count', 'HEAD').trim()).toBe('4');
    git(dir, 'merge-base', '--is-ancestor', first, commit);
  });

  it('succeeds where `git revert` would conflict, and restoring back returns the original bytes', async () => {
    const { dir } = plainRepo('server:\n  port: 8080\nlog:\n  level: info\n');
    const target = fixtureCommit(dir, 'server:\n  port: 8081\nlog:\n  level: info\n', 'port 8081');
    const latest = fixtureCommit(dir, 'server:\n  port: 9090\nlog:\n  level: debug\n', 'port 9090, debug');
    const latestBytes = readFileSync(join(dir, 'config.yaml'));

    // The scenario is real: reverting `target`'s change on top of `latest` conflicts.
    const clone = tempDir();
    git(clone, 'clone', '--quiet', dir, '.');
    expect(() => git(clone, 'revert', '--no-edit', target)).toThrow();

    const repo = await openConfigRepo({ dir });
    const restored = await repo.restore(target, ALICE);
    expect((await repo.readAt(restored.commit)).content).toBe('server:\n  port: 8081\nlog:\n  level: info\n');
    const back = await repo.restore(latest, ALICE);
    expect(back.noop).toBe(false);
    expect(readFileSync(join(dir, 'config.yaml'))).toEqual(latestBytes);
    expect(Buffer.from(git(dir, 'cat-file', 'blob', `${back.commit}:config.yaml`))).toEqual(latestBytes);
  });

  it('is a no-op, not an empty commit, when HEAD already holds the target’s content', async () => {
    const { dir, first } = plainRepo('a: 1\n');
    fixtureCommit(dir, 'a: 2\n', 'two');
    const head = fixtureCommit(dir, 'a: 1\n', 'back to one');
    const repo = await openConfigRepo({ dir });
    expect(await repo.restore(head, ALICE)).toEqual({ commit: head, noop: true });
    expect(await repo.restore(first, ALICE)).toEqual({ commit: head, noop: true });
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(head);
  });

  it('puts a hand-edited file back to the restored content even when no commit is needed', async () => {
    const { dir, first } = plainRepo('a: 1\n');
    writeFileSync(join(dir, 'config.yaml'), 'edited: by hand\n');
    expect(await (await openConfigRepo({ dir })).restore(first, ALICE)).toEqual({ commit: first, noop: true });
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe('a: 1\n');
  });

  it('refuses an unknown commit, a commit without the config file, a malformed ref and a bad author', async () => {
    const { dir } = plainRepo();
    git(dir, 'rm', '--quiet', 'config.yaml');
    git(dir, 'commit', '--quiet', '-m', 'remove');
    const noConfig = git(dir, 'rev-parse', 'HEAD').trim();
    fixtureCommit(dir, 'a: 1\n', 'again');
    const repo = await openConfigRepo({ dir });
    await expect(repo.restore('1234567890', ALICE)).rejects.toBeInstanceOf(RefNotFoundError);
    await expect(repo.restore(noConfig, ALICE)).rejects.toThrow(/has no config\.yaml/);
    await expect(repo.restore('HEAD~1', ALICE)).rejects.toBeInstanceOf(RefError);
    await expect(repo.restore(noConfig, { name: 'x', email: 'a\nb' })).rejects.toBeInstanceOf(InputError);
  });
});
