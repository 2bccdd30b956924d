// What every fault test ends with: git agrees with itself, the file on disk is HEAD's, the
// index matches both, and nothing of hotconf's is left behind (temp files, marker, lock).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { git } from '../../server/git/helpers';

export function expectConsistent(dir: string): void {
  // Dangling objects are allowed: a writer that died or lost after writing its tree leaves
  // unreferenced objects, which are garbage for `git gc`, not corruption.
  expect(git(dir, 'fsck', '--strict', '--no-progress', '--no-dangling').trim()).toBe('');
  expect(git(dir, 'status', '--porcelain')).toBe('');
  // Plumbing does not refresh the index first: the entry's stat data must be current too.
  expect(git(dir, 'diff-files', '--name-only')).toBe('');
  expect(git(dir, 'diff-index', '--cached', '--name-only', 'HEAD')).toBe('');
  expect(readFileSync(join(dir, 'config.yaml'), 'utf8')).toBe(git(dir, 'cat-file', 'blob', 'HEAD:config.yaml'));
  expect(readdirSync(dir).filter((name) => name.includes('hotconf'))).toEqual([]);
  expect(readdirSync(join(dir, '.git')).filter((name) => name.includes('hotconf'))).toEqual([]);
}
