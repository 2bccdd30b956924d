// Real repositories in temp dirs for the config-repository tests. Fixture commits go
// through the git CLI directly, so a test never trusts the code under test to set itself up.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp dir, removed after the current test. */
export function tempDir(prefix = 'hotconf-git-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** An environment without the caller's GIT_* variables, with a fixed fixture identity. */
function fixtureEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('GIT_')) delete env[key];
  return { ...env, GIT_AUTHOR_NAME: 'Fixture', GIT_AUTHOR_EMAIL: 'fixture@example.test', GIT_COMMITTER_NAME: 'Fixture', GIT_COMMITTER_EMAIL: 'fixture@example.test' };
}

/** Runs git in `dir` and returns its stdout (throws on failure). */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: fixtureEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Commits `content` as `file` with the git CLI; returns the new sha. */
export function fixtureCommit(dir: string, content: string, message: string, file = 'config.yaml'): string {
  writeFileSync(join(dir, file), content);
  git(dir, 'add', '--', file);
  git(dir, 'commit', '--quiet', '-m', message);
  return git(dir, 'rev-parse', 'HEAD').trim();
}

/** A repository made with plain git: one commit of config.yaml on main. */
export function plainRepo(content = 'log:\n  level: info\n'): { dir: string; first: string } {
  const dir = tempDir();
  git(dir, 'init', '--quiet', '--initial-branch=main');
  return { dir, first: fixtureCommit(dir, content, 'first') };
}

export const ALICE = { name: 'Alice Operator', email: 'alice@example.test' };
export const BOB = { name: 'Bob Operator', email: 'bob@example.test' };
