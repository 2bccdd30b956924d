import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RefNotFoundError } from '../../../server/git/refs';
import { InputError, openConfigRepo } from '../../../server/git/repo';
import { fixtureCommit, git, plainRepo } from './helpers';

/** A repository with `n` commits of config.yaml (plus one unrelated commit in between). */
async function repoWithHistory(n: number) {
  const { dir, first } = plainRepo('v: 0\n');
  const shas = [first];
  for (let i = 1; i < n; i++) {
    shas.push(fixtureCommit(dir, `v: ${i}\n`, `change ${i}`));
    if (i === 2) fixtureCommit(dir, 'readme\n', 'docs only', 'README.md');
  }
  return { dir, shas: shas.reverse(), repo: await openConfigRepo({ dir }) };
}

describe('ConfigRepo reads', () => {
  it('head() returns HEAD and the config content committed there, not the file on disk', async () => {
    const { dir, repo } = await repoWithHistory(2);
    writeFileSync(join(dir, 'config.yaml'), 'edited: by hand\n');
    const head = await repo.head();
    expect(head.commit).toBe(git(dir, 'rev-parse', 'HEAD').trim());
    expect(head.content).toBe('v: 1\n');
  });

  it('readAt() returns a commit’s config byte for byte, by full or short sha', async () => {
    const content = 'name: "Zoë ✓"\nno-trailing-newline: true';
    const { dir, first } = plainRepo(content);
    const repo = await openConfigRepo({ dir });
    expect(await repo.readAt(first)).toEqual({ commit: first, content });
    expect(await repo.readAt(first.slice(0, 8))).toEqual({ commit: first, content });
  });

  it('readAt() of a commit without the config file, or of an unknown sha, is RefNotFoundError', async () => {
    const { dir } = plainRepo();
    git(dir, 'rm', '--quiet', 'config.yaml');
    git(dir, 'commit', '--quiet', '-m', 'remove');
    const repo = await openConfigRepo({ dir });
    await expect(repo.readAt(git(dir, 'rev-parse', 'HEAD').trim())).rejects.toBeInstanceOf(RefNotFoundError);
    await expect(repo.readAt('0000000000')).rejects.toBeInstanceOf(RefNotFoundError);
  });

  it('head() reads as empty when HEAD has no config file yet', async () => {
    const { dir } = plainRepo();
    git(dir, 'rm', '--quiet', 'config.yaml');
    git(dir, 'commit', '--quiet', '-m', 'remove');
    expect((await (await openConfigRepo({ dir })).head()).content).toBe('');
  });

  it('log() lists commits touching the config, newest first, with author, date, subject and body', async () => {
    const { dir, first } = plainRepo('a: 1\n');
    git(dir, 'commit', '--quiet', '--allow-empty', '-m', 'unrelated');
    const sha = fixtureCommit(dir, 'a: 2\n', 'Raise a\n\nBecause the dashboard said so.\nSecond line.');
    const { commits, nextCursor } = await (await openConfigRepo({ dir })).log();
    expect(commits.map((c) => c.sha)).toEqual([sha, first]);
    expect(commits[0]).toEqual({
      sha,
      short: sha.slice(0, 7),
      author: 'Fixture',
      email: 'fixture@example.test',
      date: git(dir, 'log', '-1', '--format=%aI', sha).trim(),
      subject: 'Raise a',
      body: 'Because the dashboard said so.\nSecond line.',
    });
    expect(commits[0]?.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(nextCursor).toBeNull();
  });

  it('log() pages with a cursor: pages join into the full history without gaps or repeats', async () => {
    const { shas, repo } = await repoWithHistory(7);
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof repo.log>> = await repo.log({ limit: 3, cursor });
      seen.push(...page.commits.map((c) => c.sha));
      sizes.push(page.commits.length);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(sizes).toEqual([3, 3, 1]);
    expect(seen).toEqual(shas);
  });

  it('log() cursor is the first commit of the next page', async () => {
    const { shas, repo } = await repoWithHistory(5);
    const page1 = await repo.log({ limit: 2 });
    expect(page1.nextCursor).toBe(shas[2]);
    const page2 = await repo.log({ limit: 2, cursor: page1.nextCursor });
    expect(page2.commits[0]?.sha).toBe(shas[2]);
  });

  it('log() limits to 50 by default and refuses limits outside 1..200', async () => {
    const { repo } = await repoWithHistory(2);
    expect((await repo.log()).commits).toHaveLength(2);
    for (const limit of [0, 201, 2.5, -1, Number.NaN]) await expect(repo.log({ limit })).rejects.toBeInstanceOf(InputError);
    await expect(repo.log({ limit: '5' as unknown as number })).rejects.toThrow(/limit must be a whole number from 1 to 200/);
    expect((await repo.log({ limit: 200 })).commits).toHaveLength(2);
  });

  it('log() with an unknown cursor is RefNotFoundError', async () => {
    const { repo } = await repoWithHistory(2);
    await expect(repo.log({ cursor: 'abcdef0123' })).rejects.toBeInstanceOf(RefNotFoundError);
  });

  it('show() gives the commit, its content, its parent’s content and the unified diff', async () => {
    const { dir, first } = plainRepo('a: 1\nb: 2\n');
    const sha = fixtureCommit(dir, 'a: 1\nb: 3\n', 'b to 3');
    const shown = await (await openConfigRepo({ dir })).show(sha.slice(0, 10));
    expect(shown.commit.sha).toBe(sha);
    expect(shown.commit.subject).toBe('b to 3');
    expect(shown.content).toBe('a: 1\nb: 3\n');
    expect(shown.parent).toBe(first);
    expect(shown.parentContent).toBe('a: 1\nb: 2\n');
    expect(shown.diff).toMatch(/^diff --git a\/config\.yaml b\/config\.yaml\n/);
    expect(shown.diff).toContain('--- a/config.yaml\n+++ b/config.yaml\n');
    expect(shown.diff).toContain('-b: 2\n+b: 3\n');
  });

  it('show() of the root commit has no parent and a diff adding every line', async () => {
    const { dir, first } = plainRepo('a: 1\n');
    const shown = await (await openConfigRepo({ dir })).show(first);
    expect(shown.parent).toBeNull();
    expect(shown.parentContent).toBeNull();
    expect(shown.diff).toContain('+a: 1\n');
  });

  it('show() of a commit that added the config file has a parent without content', async () => {
    const { dir } = plainRepo();
    git(dir, 'rm', '--quiet', 'config.yaml');
    git(dir, 'commit', '--quiet', '-m', 'remove');
    const removed = git(dir, 'rev-parse', 'HEAD').trim();
    const added = fixtureCommit(dir, 'back: true\n', 'add again');
    const shown = await (await openConfigRepo({ dir })).show(added);
    expect(shown.parent).toBe(removed);
    expect(shown.parentContent).toBeNull();
  });

  it('show() ignores diff settings from the user’s git config', async () => {
    const { dir } = plainRepo('a: 1\n');
    const sha = fixtureCommit(dir, 'a: 2\n', 'two');
    git(dir, 'config', 'diff.noprefix', 'true');
    git(dir, 'config', 'color.ui', 'always');
    const { diff } = await (await openConfigRepo({ dir })).show(sha);
    expect(diff).toContain('--- a/config.yaml');
    expect(diff).not.toContain('\u001b[');
  });
});
