import { describe, expect, it } from 'vitest';
import type { SimpleGit } from 'simple-git';
import { gitClient } from '../../../server/git/client';
import { assertUserRef, RefError, RefNotFoundError, resolveCommit, USER_REF_RE } from '../../../server/git/refs';
import { git, plainRepo } from './helpers';

describe('assertUserRef', () => {
  it('accepts 7 to 40 lowercase hex digits and returns them unchanged', () => {
    for (const ref of ['abcdef0', '0123456789abcdef', 'a'.repeat(40)]) expect(assertUserRef(ref)).toBe(ref);
    expect(USER_REF_RE.test('a'.repeat(40))).toBe(true);
  });

  it.each([
    ['too short', 'abcdef'],
    ['41 hex digits', 'a'.repeat(41)],
    ['uppercase hex', 'ABCDEF1'],
    ['a trailing newline', 'abcdef1\n'],
    ['surrounding space', ' abcdef1'],
    ['a revision expression', 'abcdef1^{tree}'],
    ['HEAD~1', 'HEAD~1'],
  ])('rejects %s', (_, ref) => {
    expect(() => assertUserRef(ref)).toThrow(RefError);
  });

  it('rejects values that are not strings', () => {
    for (const ref of [undefined, null, 1234567, {}, ['abcdef1']]) expect(() => assertUserRef(ref)).toThrow(RefError);
  });

  it('says what is accepted and shows look-alike characters escaped', () => {
    expect(() => assertUserRef('\u0430bcdef1')).toThrow(/7 to 40 lowercase hex digits.*|\\u0430/);
    try {
      assertUserRef('\u0430bcdef1');
    } catch (err) {
      expect((err as Error).message).toContain('\\u0430bcdef1');
      expect((err as Error).message).toContain('7 to 40 lowercase hex digits');
    }
  });
});

describe('resolveCommit', () => {
  it('resolves a full or abbreviated sha to the full commit sha', async () => {
    const { dir, first } = plainRepo();
    const client = gitClient(dir);
    expect(await resolveCommit(client, first)).toBe(first);
    expect(await resolveCommit(client, first.slice(0, 7))).toBe(first);
  });

  it('reports a well-formed sha that names no commit as RefNotFoundError', async () => {
    const { dir } = plainRepo();
    await expect(resolveCommit(gitClient(dir), 'deadbeefdeadbeef')).rejects.toBeInstanceOf(RefNotFoundError);
  });

  it('does not accept the sha of a tree or a blob as a commit', async () => {
    const { dir } = plainRepo();
    const tree = git(dir, 'rev-parse', 'HEAD^{tree}').trim();
    const blob = git(dir, 'rev-parse', 'HEAD:config.yaml').trim();
    await expect(resolveCommit(gitClient(dir), tree)).rejects.toBeInstanceOf(RefNotFoundError);
    await expect(resolveCommit(gitClient(dir), blob)).rejects.toBeInstanceOf(RefNotFoundError);
  });

  it('reports an ambiguous abbreviation as a RefError asking for more digits', async () => {
    // A 7-digit collision between two commits cannot be produced on demand; git's answer is.
    const ambiguous = {
      raw: () => Promise.reject(new Error('error: short object ID abcdef1 is ambiguous\nfatal: Needed a single revision')),
    } as unknown as SimpleGit;
    const err = await resolveCommit(ambiguous, 'abcdef1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RefError);
    expect(err).not.toBeInstanceOf(RefNotFoundError);
    expect((err as Error).message).toMatch(/more hex digits/);
  });

  it('passes other git failures through unchanged', async () => {
    const broken = { raw: () => Promise.reject(new Error('fatal: not a git repository')) } as unknown as SimpleGit;
    const err = await resolveCommit(broken, 'abcdef1').catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(RefError);
    expect((err as Error).message).toMatch(/not a git repository/);
  });
});
