// Acceptance 2: nothing a user types reaches git as an option.
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RefError, RefNotFoundError } from '../../../server/git/refs';
import { openConfigRepo, type ConfigRepo } from '../../../server/git/repo';
import { ALICE, git, plainRepo, tempDir } from './helpers';

/** A dir outside the repository that an injected option would write into or delete. */
function makeProbe(): string {
  const probe = join(tempDir('hotconf-probe-'), 'probe');
  mkdirSync(probe);
  writeFileSync(join(probe, 'canary'), 'still here');
  return probe;
}

function corpus(probe: string): unknown[] {
  return [
    `--output=${probe}/x`,
    `-c core.pager=touch ${probe}/pager`,
    `--upload-pack=touch ${probe}/p`,
    `HEAD;rm -rf ${probe}`,
    '../../etc/passwd',
    'HEAD~1',
    'HEAD',
    'a'.repeat(41),
    'abc\u04301234', // Cyrillic 'а' (U+0430) in place of 'a'
    '\uff11\uff12\uff13\uff14\uff15\uff16\uff17', // fullwidth digits １２３４５６７
    '',
    '--end-of-options',
    'abcdef1 --output=x',
    42, // not a string (null would legitimately mean "first page" to log)
  ];
}

/** Every user-ref entry point of the repository, called with `ref`. */
function entryPoints(repo: ConfigRepo, ref: unknown): Array<[string, () => Promise<unknown>]> {
  const r = ref as string;
  return [
    ['readAt', () => repo.readAt(r)],
    ['show', () => repo.show(r)],
    ['restore', () => repo.restore(r, ALICE)],
    ['log cursor', () => repo.log({ cursor: r })],
    ['commit base', () => repo.commit({ content: 'x: 1\n', message: 'm', baseCommit: r, author: ALICE })],
  ];
}

function expectProbeUntouched(probe: string): void {
  expect(readdirSync(probe)).toEqual(['canary']);
}

describe('user refs cannot inject git options', () => {
  it('rejects the whole corpus at every entry point with a RefError, and no file appears', async () => {
    const probe = makeProbe();
    const { dir, first } = plainRepo();
    const repo = await openConfigRepo({ dir });
    for (const ref of corpus(probe)) {
      for (const [name, call] of entryPoints(repo, ref)) {
        const err = await call().catch((e: unknown) => e);
        expect(err, `${name}(${JSON.stringify(ref)})`).toBeInstanceOf(RefError);
        expect(err, `${name}(${JSON.stringify(ref)})`).not.toBeInstanceOf(RefNotFoundError);
      }
    }
    expectProbeUntouched(probe);
    expect(existsSync(join(dir, 'x'))).toBe(false);
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(first);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('rejects before any git process runs: the answer is the same with the repository gone', async () => {
    const probe = makeProbe();
    const { dir } = plainRepo();
    const repo = await openConfigRepo({ dir });
    renameSync(join(dir, '.git'), join(dir, 'not-git'));
    for (const ref of corpus(probe)) {
      for (const [name, call] of entryPoints(repo, ref)) {
        const err = await call().catch((e: unknown) => e);
        expect((err as Error).constructor, `${name}(${JSON.stringify(ref)})`).toBe(RefError);
      }
    }
    expectProbeUntouched(probe);
  });

  it('treats option-like commit messages and author fields as plain text', async () => {
    const probe = makeProbe();
    const { dir, first } = plainRepo();
    const repo = await openConfigRepo({ dir });
    const author = { name: `--output=${probe}/a`, email: `e@x --upload-pack=touch ${probe}/e` };
    const { commit } = await repo.commit({ content: 'x: 2\n', message: `--output=${probe}/m`, baseCommit: first, author });
    expect(git(dir, 'log', '-1', '--format=%s%n%an%n%ae', commit).trim().split('\n')).toEqual([
      `--output=${probe}/m`,
      author.name,
      author.email,
    ]);
    expectProbeUntouched(probe);
  });
});
