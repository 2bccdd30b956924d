// Acceptance 1: concurrent writers with the same base. Exactly one lands.
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConflictError, openConfigRepo, RepoStateError } from '../../../server/git/repo';
import { ALICE, BOB, git, plainRepo, tempDir } from './helpers';

describe('concurrent commits', () => {
  it('two writers with the same base at the same moment: one commit lands, the other gets a conflict with HEAD', async () => {
    const { dir, first } = plainRepo('a: 0\n');
    // Two repository objects, one through a symlinked path: the queue is per real directory.
    const link = join(tempDir(), 'link');
    symlinkSync(dir, link);
    const [alice, bob] = await Promise.all([openConfigRepo({ dir }), openConfigRepo({ dir: link })]);
    const results = await Promise.allSettled([
      alice.commit({ content: 'a: alice\n', message: 'alice', baseCommit: first, author: ALICE }),
      bob.commit({ content: 'a: bob\n', message: 'bob', baseCommit: first, author: BOB }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);

    const head = git(dir, 'rev-parse', 'HEAD').trim();
    const winnerContent = git(dir, 'cat-file', 'blob', 'HEAD:config.yaml');
    expect(['a: alice\n', 'a: bob\n']).toContain(winnerContent);
    expect(lost[0]?.reason).toBeInstanceOf(ConflictError);
    expect(lost[0]?.reason).toMatchObject({ reason: 'stale_base', headCommit: head, headContent: winnerContent });
    expect(git(dir, 'rev-list', '--count', 'HEAD').trim()).toBe('2');
    expect(git(dir, 'rev-parse', 'HEAD^').trim()).toBe(first);
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe(winnerContent);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('eight writers on one base: one commit, seven conflicts, nothing interleaved', async () => {
    const { dir, first } = plainRepo('a: 0\n');
    const repo = await openConfigRepo({ dir });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => repo.commit({ content: `a: ${i + 1}\n`, message: `writer ${i}`, baseCommit: first, author: ALICE })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const conflicts = results.filter((r) => r.status === 'rejected' && r.reason instanceof ConflictError);
    expect(conflicts).toHaveLength(7);
    expect(git(dir, 'rev-list', '--count', 'HEAD').trim()).toBe('2');
  });

  it('writers that each build on the previous commit all land, in order', async () => {
    const { dir, first } = plainRepo('n: 0\n');
    const repo = await openConfigRepo({ dir });
    let base = first;
    for (let i = 1; i <= 4; i++) base = (await repo.commit({ content: `n: ${i}\n`, message: `n=${i}`, baseCommit: base, author: ALICE })).commit;
    expect(git(dir, 'log', '--format=%s').trim().split('\n')).toEqual(['n=4', 'n=3', 'n=2', 'n=1', 'first']);
  });

  it('waits once for an index.lock another git process releases, then commits', async () => {
    const { dir, first } = plainRepo();
    const lock = join(dir, '.git', 'index.lock');
    writeFileSync(lock, '');
    setTimeout(() => rmSync(lock), 50);
    const { commit } = await (await openConfigRepo({ dir })).commit({ content: 'x: 1\n', message: 'm', baseCommit: first, author: ALICE });
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(commit);
  });

  it('gives up on an index.lock that stays, says what to do, leaves the lock and rolls the file back', async () => {
    const { dir, first } = plainRepo('a: 1\n');
    const lock = join(dir, '.git', 'index.lock');
    writeFileSync(lock, '');
    const err = await (await openConfigRepo({ dir })).commit({ content: 'a: 2\n', message: 'm', baseCommit: first, author: ALICE }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RepoStateError);
    expect(err).toMatchObject({ code: 'index_locked' });
    expect((err as Error).message).toMatch(/index\.lock.*remove that file if no git process is running/);
    expect(existsSync(lock)).toBe(true);
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe('a: 1\n');
    expect(existsSync(join(dir, '.git', 'hotconf-pending'))).toBe(false);
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(first);
  });
});
