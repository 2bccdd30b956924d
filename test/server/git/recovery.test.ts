// Crash safety: leave behind what a process killed mid-commit would, then reopen.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitBlobId } from '../../../server/git/blob';
import { openConfigRepo } from '../../../server/git/repo';
import { ALICE, fixtureCommit, git, plainRepo } from './helpers';

function leaveMarker(dir: string, base: string, content: string): void {
  const marker = { version: 1, op: 'commit', base, blob: gitBlobId(content), startedAt: new Date().toISOString() };
  writeFileSync(join(dir, '.git', 'hotconf-pending'), JSON.stringify(marker));
}

const pendingPath = (dir: string) => join(dir, '.git', 'hotconf-pending');

describe('openConfigRepo repairs an interrupted write', () => {
  it('rolls back a write that never became a commit: file, temp file and marker', async () => {
    const { dir, first } = plainRepo('a: 1\n');
    leaveMarker(dir, first, 'a: 2\n');
    writeFileSync(join(dir, 'config.yaml'), 'a: 2\n');
    writeFileSync(join(dir, 'config.yaml.hotconf-tmp'), 'a: 2');
    const repo = await openConfigRepo({ dir });
    expect(repo.recovery).toBe('rolled_back');
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe('a: 1\n');
    expect(existsSync(join(dir, 'config.yaml.hotconf-tmp'))).toBe(false);
    expect(existsSync(pendingPath(dir))).toBe(false);
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(first);
    expect(git(dir, 'status', '--porcelain')).toBe('');
  });

  it('unstages content that was already added to the index', async () => {
    const { dir, first } = plainRepo('a: 1\n');
    leaveMarker(dir, first, 'a: 2\n');
    writeFileSync(join(dir, 'config.yaml'), 'a: 2\n');
    git(dir, 'add', 'config.yaml');
    expect((await openConfigRepo({ dir })).recovery).toBe('rolled_back');
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe('a: 1\n');
  });

  it('keeps a commit that had landed before the crash and only clears the marker', async () => {
    const { dir, first } = plainRepo('a: 1\n');
    const landed = fixtureCommit(dir, 'a: 2\n', 'landed');
    leaveMarker(dir, first, 'a: 2\n');
    const repo = await openConfigRepo({ dir });
    expect(repo.recovery).toBe('landed');
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(landed);
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe('a: 2\n');
    expect(existsSync(pendingPath(dir))).toBe(false);
  });

  it('rolls back when HEAD moved to someone else’s content meanwhile', async () => {
    const { dir, first } = plainRepo('a: 1\n');
    fixtureCommit(dir, 'a: other\n', 'other writer');
    leaveMarker(dir, first, 'a: mine\n');
    writeFileSync(join(dir, 'config.yaml'), 'a: mine\n');
    expect((await openConfigRepo({ dir })).recovery).toBe('rolled_back');
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe('a: other\n');
  });

  it('treats an unreadable marker as an interrupted write and rolls back', async () => {
    const { dir } = plainRepo('a: 1\n');
    writeFileSync(pendingPath(dir), '{"version": 1, "op": "comm');
    writeFileSync(join(dir, 'config.yaml'), 'half: written\n');
    expect((await openConfigRepo({ dir })).recovery).toBe('rolled_back');
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe('a: 1\n');
    expect(existsSync(pendingPath(dir))).toBe(false);
  });

  it('leaves hand edits alone when there is no marker, but removes a stray temp file', async () => {
    const { dir } = plainRepo('a: 1\n');
    writeFileSync(join(dir, 'config.yaml'), 'edited: by hand\n');
    writeFileSync(join(dir, 'config.yaml.hotconf-tmp'), 'partial');
    expect((await openConfigRepo({ dir })).recovery).toBe('none');
    expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe('edited: by hand\n');
    expect(existsSync(join(dir, 'config.yaml.hotconf-tmp'))).toBe(false);
  });

  it('works normally after a repair', async () => {
    const { dir, first } = plainRepo('a: 1\n');
    leaveMarker(dir, first, 'a: 2\n');
    writeFileSync(join(dir, 'config.yaml'), 'a: 2\n');
    const repo = await openConfigRepo({ dir });
    const { commit } = await repo.commit({ content: 'a: 3\n', message: 'after repair', baseCommit: first, author: ALICE });
    expect((await repo.head()).commit).toBe(commit);
  });
});
