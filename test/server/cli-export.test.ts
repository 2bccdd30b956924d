// `hotconf export --alertmanager`: what it writes is a file the real amtool (Alertmanager
// 0.25) accepts — the sample config, which is also what `npm start` creates, included.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/console/start';
import { amtoolCheck, assertAmtool } from '../compat/amtool';

const ROOT = projectRoot();
const CLI = join(ROOT, 'dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'hotconf-export-'));
const run = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

describe('hotconf export --alertmanager', () => {
  it('writes the sample config (what npm start creates) as a file amtool check-config accepts, and says what it dropped', () => {
    assertAmtool();
    const out = join(dir, 'sample-am.yml');
    const r = run(['export', '--alertmanager', join(ROOT, 'server/config/sample-config.yaml'), '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("note: dropped hotconf's server section");
    expect(r.stderr).toMatch(/dropped receivers\.0\.webhook_configs\.0\.timeout/);
    expect(readFileSync(out, 'utf8')).toContain('# Routing tree'); // comments are kept
    const [verdict] = amtoolCheck([out]);
    expect(verdict).toMatchObject({ valid: true });
  });

  it('turns a ${file:} reference into the field Alertmanager reads from a file, and refuses an ${env:} one unless asked to write its value', () => {
    assertAmtool();
    const secretFile = join(dir, 'slack-url');
    writeFileSync(secretFile, 'https://hooks.slack.com/services/T0/B0/x\n');
    const config = join(dir, 'refs.yml');
    writeFileSync(
      config,
      [
        'route: { receiver: a }',
        'receivers:',
        '  - name: a',
        '    slack_configs:',
        `      - api_url: \${file:${secretFile}}`,
        "        channel: '#a'",
        '    webhook_configs:',
        '      - url: ${env:HOOK_URL}',
        '',
      ].join('\n'),
    );
    const refused = run(['export', '--alertmanager', config]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/receivers\.0\.webhook_configs\.0\.url: \$\{env:HOOK_URL\} \(this field has no _file form/);

    const out = join(dir, 'refs-am.yml');
    const written = run(['export', '--alertmanager', '--resolve-secrets', config, '-o', out], { HOOK_URL: 'https://hooks.example.com/alert' });
    expect(written.status).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain(`api_url_file: ${secretFile}`);
    expect(text).toContain('url: https://hooks.example.com/alert');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(amtoolCheck([out])[0]).toMatchObject({ valid: true });
  });

  it('exports the first YAML document only, as hotconf and Alertmanager read it, and warns where the rest starts', () => {
    assertAmtool();
    const config = join(dir, 'two-docs.yml');
    writeFileSync(config, 'route:\n  receiver: a\nreceivers:\n  - name: a\n---\nroute: [broken\n');
    const out = join(dir, 'two-docs-am.yml');
    const r = run(['export', '--alertmanager', config, '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`${config}:5:1: warning: config.yaml holds a second YAML document from here on`);
    expect(readFileSync(out, 'utf8')).toBe('route:\n  receiver: a\nreceivers:\n  - name: a\n');
    expect(amtoolCheck([out])[0]).toMatchObject({ valid: true });
  });

  it('refuses an invalid config and writes nothing', () => {
    const bad = join(dir, 'bad.yml');
    writeFileSync(bad, 'route: { receiver: nobody }\nreceivers: [{ name: a }]\n');
    const r = run(['export', '--alertmanager', bad, '-o', join(dir, 'never.yml')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/route\.receiver: route names receiver "nobody"/);
    expect(() => statSync(join(dir, 'never.yml'))).toThrow();
  });
});
