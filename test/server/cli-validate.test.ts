// `hotconf validate`, as an operator and a CI job run it: the built CLI on real files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/console/start';

const CLI = join(projectRoot(), 'dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'hotconf-validate-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const run = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, env: { ...process.env, HOTCONF_TEST_HOOK: 'https://hooks.example.com/x' } });

const good = file('good.yml', 'route:\n  receiver: a\nreceivers:\n  - name: a\n');
const bad = file('bad.yml', 'route:\n  receiver: a\n  continue: true\nreceivers:\n  - name: a\n    webhook_configs: [{ url: not-a-url }]\n');
const withRef = file('ref.yml', 'route:\n  receiver: a\nreceivers:\n  - name: a\n    webhook_configs: [{ url: "${env:HOTCONF_MISSING_HOOK}" }]\n');

describe('hotconf validate', () => {
  it('checks every file, prints FILE:LINE:COLUMN: path: message, and exits 1 when any is invalid', () => {
    const r = run(['validate', good, bad]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${good}: valid`);
    expect(r.stderr).toContain(`${bad}:3:13: route.continue: the root route cannot have continue`);
    expect(r.stderr).toMatch(new RegExp(`${bad}:6:\\d+: receivers\\.0\\.webhook_configs\\.0\\.url: must be an http or https URL`));
  });

  it('exits 0 when every file is valid, and reads standard input for -', () => {
    const r = run(['validate', good, '-'], readFileSync(good, 'utf8'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('<stdin>: valid');
  });

  it('answers JSON for scripts', () => {
    const r = run(['validate', '--output', 'json', good, bad]);
    const verdicts = JSON.parse(r.stdout) as { file: string; valid: boolean; issues: { code: string; line: number }[] }[];
    expect(verdicts.map((v) => [v.file, v.valid])).toEqual([
      [good, true],
      [bad, false],
    ]);
    expect(verdicts[1]!.issues.map((i) => i.code)).toEqual(['root_continue', 'url']);
  });

  it('reads only the first YAML document, as amtool does, and warns at the line where the ignored one starts', () => {
    const twoDocs = file('two.yml', `${readFileSync(good, 'utf8')}---\nroute: [broken\n`);
    const text = run(['validate', twoDocs]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`${twoDocs}: valid`);
    expect(text.stderr).toMatch(new RegExp(`^${twoDocs}:5:1: warning: config\\.yaml holds a second YAML document from here on`));
    const [verdict] = JSON.parse(run(['validate', '--output', 'json', twoDocs]).stdout) as { valid: boolean; issues: unknown[]; warnings: { code: string; line: number }[] }[];
    expect(verdict).toMatchObject({ valid: true, issues: [], warnings: [{ code: 'later_document_ignored', line: 5, column: 1 }] });
  });

  it('resolves secret references, unless --no-secrets asks only for their form', () => {
    expect(run(['validate', withRef]).status).toBe(1);
    expect(run(['validate', withRef]).stderr).toMatch(/HOTCONF_MISSING_HOOK .* is not set/);
    expect(run(['validate', '--no-secrets', withRef]).status).toBe(0);
  });

  it('refuses unknown flags and a missing file name as usage errors (exit 2), and reports an unreadable file', () => {
    expect(run(['validate', '--bogus', good]).status).toBe(2);
    expect(run(['validate']).status).toBe(2);
    const missing = run(['validate', join(dir, 'nope.yml')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*nope\.yml \(ENOENT\)/);
  });

  it('prints the version and the git revision it was built from with --version, after any command', () => {
    for (const args of [['--version'], ['validate', '--version'], ['serve', '--version'], ['up', '--version'], ['plan', '--version']]) {
      const r = run(args);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^hotconf \d+\.\d+\.\d+ \(revision [0-9a-f]{12}, node v\d+\.\d+\.\d+\)\n$/);
    }
  });
});
