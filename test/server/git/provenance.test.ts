import { mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProvenanceLookup } from '../../../server/git/provenance';
import { fixtureCommit, git, plainRepo, tempDir } from './helpers';

const head = (dir: string) => git(dir, 'rev-parse', 'HEAD').trim();

describe('createProvenanceLookup', () => {
  it('names HEAD, not dirty, when the bytes are HEAD’s config (Buffer or string)', async () => {
    const { dir, first } = plainRepo('a: 1\n');
    const { lookup } = createProvenanceLookup(join(dir, 'config.yaml'));
    expect(await lookup(readFileSync(join(dir, 'config.yaml')))).toEqual({ commit: first, dirty: false });
    expect(await lookup('a: 1\n')).toEqual({ commit: first, dirty: false });
  });

  it('reports dirty with HEAD’s sha when the file was edited by hand', async () => {
    const { dir, first } = plainRepo('a: 1\n');
    const { lookup } = createProvenanceLookup(join(dir, 'config.yaml'));
    expect(await lookup('a: 1 # edited\n')).toEqual({ commit: first, dirty: true });
  });

  it('follows HEAD when it moves', async () => {
    const { dir, first } = plainRepo('a: 1\n');
    const { lookup } = createProvenanceLookup(join(dir, 'config.yaml'));
    expect(await lookup('a: 1\n')).toEqual({ commit: first, dirty: false });
    const second = fixtureCommit(dir, 'a: 2\n', 'two');
    expect(await lookup('a: 2\n')).toEqual({ commit: second, dirty: false });
    expect(await lookup('a: 1\n')).toEqual({ commit: second, dirty: true });
  });

  it('answers from its cache while HEAD has not moved: no git process is needed', async () => {
    const { dir, first } = plainRepo('a: 1\n');
    const { lookup } = createProvenanceLookup(join(dir, 'config.yaml'));
    await lookup('a: 1\n');
    // With the object store out of the way any git call would fail.
    renameSync(join(dir, '.git', 'objects'), join(dir, 'objects-away'));
    try {
      expect(await lookup('a: 1\n')).toEqual({ commit: first, dirty: false });
      expect(await lookup('b: 2\n')).toEqual({ commit: first, dirty: true });
    } finally {
      renameSync(join(dir, 'objects-away'), join(dir, '.git', 'objects'));
    }
  });

  it('reads HEAD from packed-refs and from a detached HEAD', async () => {
    const { dir } = plainRepo('a: 1\n');
    const second = fixtureCommit(dir, 'a: 2\n', 'two');
    git(dir, 'pack-refs', '--all');
    const { lookup } = createProvenanceLookup(join(dir, 'config.yaml'));
    expect(await lookup('a: 2\n')).toEqual({ commit: second, dirty: false });
    git(dir, 'checkout', '--quiet', '--detach', 'HEAD^');
    expect(await lookup('a: 1\n')).toEqual({ commit: head(dir), dirty: false });
  });

  it('is dirty when HEAD has no such file, and commit null when there are no commits yet', async () => {
    const { dir, first } = plainRepo();
    writeFileSync(join(dir, 'other.yaml'), 'x: 1\n');
    expect(await createProvenanceLookup(join(dir, 'other.yaml')).lookup('x: 1\n')).toEqual({ commit: first, dirty: true });
    const empty = tempDir();
    git(empty, 'init', '--quiet');
    expect(await createProvenanceLookup(join(empty, 'config.yaml')).lookup('x: 1\n')).toEqual({ commit: null, dirty: true });
  });

  it('reports no commit and not dirty outside any repository, and finds a repository created later', async () => {
    const dir = join(tempDir(), 'conf');
    mkdirSync(dir);
    const { lookup } = createProvenanceLookup(join(dir, 'config.yaml'));
    expect(await lookup('a: 1\n')).toEqual({ commit: null, dirty: false });
    git(dir, 'init', '--quiet', '--initial-branch=main');
    const first = fixtureCommit(dir, 'a: 1\n', 'first');
    expect(await lookup('a: 1\n')).toEqual({ commit: first, dirty: false });
  });

  it('finds the repository above a config file in a subdirectory, and through a symlinked path', async () => {
    const { dir } = plainRepo();
    mkdirSync(join(dir, 'conf'));
    const sha = fixtureCommit(dir, 'b: 1\n', 'nested', 'conf/app.yaml');
    expect(await createProvenanceLookup(join(dir, 'conf', 'app.yaml')).lookup('b: 1\n')).toEqual({ commit: sha, dirty: false });
    const link = join(tempDir(), 'link');
    symlinkSync(join(dir, 'conf'), link);
    expect(await createProvenanceLookup(join(link, 'app.yaml')).lookup('b: 1\n')).toEqual({ commit: sha, dirty: false });
  });

  it('reads the HEAD of a linked worktree', async () => {
    const { dir } = plainRepo('a: 1\n');
    const linked = join(tempDir(), 'wt');
    git(dir, 'worktree', 'add', '--quiet', '-b', 'other', linked);
    const other = fixtureCommit(linked, 'a: other\n', 'on the other branch');
    expect(await createProvenanceLookup(join(linked, 'config.yaml')).lookup('a: other\n')).toEqual({ commit: other, dirty: false });
    expect(await createProvenanceLookup(join(dir, 'config.yaml')).lookup('a: other\n')).toEqual({ commit: head(dir), dirty: true });
  });
});
