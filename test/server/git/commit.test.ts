import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RefError } from '../../../server/git/refs';
import { ConflictError, InputError, NothingToCommitError, openConfigRepo } from '../../../server/git/repo';
import { ALICE, fixtureCommit, git, plainRepo, tempDir } from './helpers';

describe('ConfigRepo.commit', () => {
  it('writes the exact bytes, commits them with the user as author and hotconf as committer', async () => {
    const { dir, first } = plainRepo();
    const repo = await openConfigRepo({ dir });
    const content = 'log:\n  level: debug\nname: "Zoë"'; // no trailing newline, non-ASCII
    const { commit } = await repo.commit({ content, message: '  Debug logging\n\nTo chase the flaky webhook.  \n', baseCommit: first, author: ALICE });
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(commit);
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe(content);
    expect(git(dir, 'cat-file', 'blob', `${commit}:config.yaml`)).toBe(content);
    expect(git(dir, 'log', '-1', '--format=%an <%ae>%n%cn <%ce>%n%P', commit).trim().split('\n')).toEqual([
      'Alice Operator <alice@example.test>',
      'hotconf <hotconf@localhost>',
      first,
    ]);
    expect(git(dir, 'log', '-1', '--format=%B', commit).trim()).toBe('Debug logging\n\nTo chase the flaky webhook.');
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('uses the configured committer identity', async () => {
    const { dir, first } = plainRepo();
    const repo = await openConfigRepo({ dir, committer: { name: 'Console Bot', email: 'bot@example.test' } });
    const { commit } = await repo.commit({ content: 'x: 1\n', message: 'm', baseCommit: first, author: ALICE });
    expect(git(dir, 'log', '-1', '--format=%cn <%ce>', commit).trim()).toBe('Console Bot <bot@example.test>');
  });

  it('accepts an abbreviated base commit that names HEAD', async () => {
    const { dir, first } = plainRepo();
    const { commit } = await (await openConfigRepo({ dir })).commit({ content: 'x: 1\n', message: 'm', baseCommit: first.slice(0, 7), author: ALICE });
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(commit);
  });

  it('refuses a stale base with ConflictError carrying HEAD’s sha and content, touching nothing', async () => {
    const { dir, first } = plainRepo('a: 1\n');
    const head = fixtureCommit(dir, 'a: 2\n', 'someone else');
    const repo = await openConfigRepo({ dir });
    const err = await repo.commit({ content: 'a: 3\n', message: 'mine', baseCommit: first, author: ALICE }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err).toMatchObject({ reason: 'stale_base', headCommit: head, headContent: 'a: 2\n' });
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(head);
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe('a: 2\n');
  });

  it('treats a base that is not HEAD’s prefix as stale even if it is well-formed', async () => {
    const { dir } = plainRepo();
    const repo = await openConfigRepo({ dir });
    await expect(repo.commit({ content: 'x: 1\n', message: 'm', baseCommit: '0'.repeat(40), author: ALICE })).rejects.toBeInstanceOf(ConflictError);
  });

  it('refuses content identical to HEAD instead of making an empty commit', async () => {
    const { dir, first } = plainRepo('same: true\n');
    const err = await (await openConfigRepo({ dir }))
      .commit({ content: 'same: true\n', message: 'm', baseCommit: first, author: ALICE })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NothingToCommitError);
    expect(err).toBeInstanceOf(InputError);
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(first);
  });

  it('creates the config file when HEAD has none', async () => {
    const { dir } = plainRepo();
    git(dir, 'rm', '--quiet', 'config.yaml');
    git(dir, 'commit', '--quiet', '-m', 'remove');
    const repo = await openConfigRepo({ dir });
    const head = await repo.head();
    expect(head.content).toBe('');
    const { commit } = await repo.commit({ content: 'new: true\n', message: 'create', baseCommit: head.commit, author: ALICE });
    expect(git(dir, 'cat-file', 'blob', `${commit}:config.yaml`)).toBe('new: true\n');
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('sees commits made outside hotconf between its own commits', async () => {
    const { dir, first } = plainRepo('a: 1\n');
    const repo = await openConfigRepo({ dir });
    const ours = await repo.commit({ content: 'a: 2\n', message: 'ours', baseCommit: first, author: ALICE });
    const theirs = fixtureCommit(dir, 'a: 3\n', 'from a shell');
    await expect(repo.commit({ content: 'a: 4\n', message: 'stale', baseCommit: ours.commit, author: ALICE })).rejects.toMatchObject({
      reason: 'stale_base',
      headCommit: theirs,
      headContent: 'a: 3\n',
    });
    await expect(repo.commit({ content: 'a: 3\n', message: 'same', baseCommit: theirs, author: ALICE })).rejects.toBeInstanceOf(NothingToCommitError);
    await expect(repo.commit({ content: 'a: 2\n', message: 'back', baseCommit: theirs, author: ALICE })).resolves.toHaveProperty('commit');
  });

  it('replaces a hand-edited file on disk with the committed content', async () => {
    const { dir, first } = plainRepo();
    writeFileSync(join(dir, 'config.yaml'), 'edited: by hand\n');
    const { commit } = await (await openConfigRepo({ dir })).commit({ content: 'from: console\n', message: 'm', baseCommit: first, author: ALICE });
    expect(git(dir, 'cat-file', 'blob', `${commit}:config.yaml`)).toBe('from: console\n');
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('commits only the config file, leaving other staged work alone', async () => {
    const { dir, first } = plainRepo();
    writeFileSync(join(dir, 'notes.txt'), 'staged by an operator\n');
    git(dir, 'add', 'notes.txt');
    const { commit } = await (await openConfigRepo({ dir })).commit({ content: 'x: 1\n', message: 'm', baseCommit: first, author: ALICE });
    expect(git(dir, 'show', '--name-only', '--format=', commit).trim()).toBe('config.yaml');
    expect(git(dir, 'status', '--porcelain')).toBe('A  notes.txt\n');
  });

  it('keeps the file’s permissions and leaves no temp file behind', async () => {
    const { dir, first } = plainRepo();
    chmodSync(join(dir, 'config.yaml'), 0o600);
    await (await openConfigRepo({ dir })).commit({ content: 'x: 1\n', message: 'm', baseCommit: first, author: ALICE });
    expect(statSync(join(dir, 'config.yaml')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((name) => name.includes('hotconf'))).toEqual([]);
    expect(readdirSync(join(dir, '.git')).filter((name) => name.includes('hotconf'))).toEqual([]);
  });

  it('works with a config file in a subdirectory', async () => {
    const dir = tempDir();
    git(dir, 'init', '--quiet', '--initial-branch=main');
    mkdirSync(join(dir, 'conf'));
    const first = fixtureCommit(dir, 'a: 1\n', 'first', 'conf/app.yaml');
    const repo = await openConfigRepo({ dir, file: 'conf/app.yaml' });
    const { commit } = await repo.commit({ content: 'a: 2\n', message: 'm', baseCommit: first, author: ALICE });
    expect((await repo.readAt(commit)).content).toBe('a: 2\n');
    expect(repo.filePath).toBe(join(dir, 'conf', 'app.yaml'));
  });

  describe('input checks, before anything is written', () => {
    const bad: Array<[string, Record<string, unknown>, RegExp]> = [
      ['an empty message', { message: '   \n ' }, /commit message is empty/],
      ['a message over 10,000 characters', { message: 'x'.repeat(10_001) }, /at most 10000/],
      ['a message with a NUL', { message: 'a\0b' }, /NUL/],
      ['a non-string message', { message: 7 }, /must be a string/],
      ['an author name with a newline', { author: { name: 'A\nB', email: 'a@b' } }, /line breaks/],
      ['an author email with angle brackets', { author: { name: 'A', email: '<a@b>' } }, /'<', '>'/],
      ['an author name git would reduce to nothing', { author: { name: ' .,; ', email: 'a@b' } }, /author name is empty/],
      ['a missing author', { author: null }, /author must be an object/],
      ['content over 1 MiB', { content: 'x'.repeat(1024 * 1024 + 1) }, /at most 1048576 bytes/],
      ['content that is not a string', { content: { a: 1 } }, /content must be a string/],
    ];
    it.each(bad)('rejects %s with an InputError', async (_, override, message) => {
      const { dir, first } = plainRepo();
      const repo = await openConfigRepo({ dir });
      const input = { content: 'x: 1\n', message: 'm', baseCommit: first, author: ALICE, ...override } as Parameters<typeof repo.commit>[0];
      const err = await repo.commit(input).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(message);
      expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(first);
      expect(git(dir, 'status', '--porcelain')).toBe('');
    });

    it('accepts a message of exactly 10,000 characters and content of exactly 1 MiB', async () => {
      const { dir, first } = plainRepo();
      const repo = await openConfigRepo({ dir });
      const content = '#'.repeat(1024 * 1024);
      const { commit } = await repo.commit({ content, message: 'x'.repeat(10_000), baseCommit: first, author: ALICE });
      expect((await repo.readAt(commit)).content).toBe(content);
    });

    it('rejects a malformed base commit with a RefError', async () => {
      const { dir } = plainRepo();
      await expect((await openConfigRepo({ dir })).commit({ content: 'x: 1\n', message: 'm', baseCommit: 'HEAD', author: ALICE })).rejects.toBeInstanceOf(RefError);
    });
  });

  it('rolls the file back to HEAD when git refuses the commit (a failing pre-commit hook)', async () => {
    const { dir, first } = plainRepo('a: 1\n');
    writeFileSync(join(dir, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\necho "policy: no" >&2\nexit 1\n', { mode: 0o755 });
    const err = await (await openConfigRepo({ dir }))
      .commit({ content: 'a: 2\n', message: 'm', baseCommit: first, author: ALICE })
      .catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/policy: no/);
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(first);
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe('a: 1\n');
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(existsSync(join(dir, '.git', 'hotconf-pending'))).toBe(false);
  });
});
