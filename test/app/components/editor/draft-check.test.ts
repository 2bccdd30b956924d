import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { bigConfig } from '../../../../bench/console/big-config';
import { checkDraft, issuePlacer } from '../../../../components/editor/draft-check';
import { pathsOf, randomBlockYaml, seeded } from '../../../server/config/yaml-corpus';

const sample = readFileSync(new URL('../../../../server/config/sample-config.yaml', import.meta.url), 'utf8');

const valid = `route:
  receiver: default
  routes:
    - matchers: ['severity="critical"']
      receiver: default
receivers:
  - name: default
    webhook_configs: [{ url: 'http://127.0.0.1:9999/hook' }]
`;

describe('checkDraft', () => {
  it('finds nothing wrong in a valid config', () => {
    expect(checkDraft(valid)).toEqual([]);
  });

  it('places an unknown receiver on the line and columns of its name', () => {
    const text = valid.replace('      receiver: default', '      receiver: pager');
    const [issue, ...rest] = checkDraft(text);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ path: 'route.routes.0.receiver', code: 'unknown_receiver', startLine: 5, startColumn: 17, endLine: 5, endColumn: 22 });
    expect(issue!.message).toContain('"pager"');
  });

  it('reports YAML syntax errors with their position instead of schema errors', () => {
    const issues = checkDraft('route:\n  receiver: [default\nreceivers: []\n');
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]!.path).toBe('');
    expect(issues[0]!.startLine).toBeGreaterThan(1);
  });

  it('points an unknown field at its key, not its value', () => {
    const text = valid.replace('  - name: default\n', '  - name: default\n    emial_configs: []\n');
    const issue = checkDraft(text).find((i) => i.code === 'unrecognized_keys');
    expect(issue).toMatchObject({ path: 'receivers.0.emial_configs', startLine: 8, startColumn: 5 });
  });

  it('points a missing required section at the top of the file', () => {
    const issues = checkDraft('route:\n  receiver: default\n');
    expect(issues.some((i) => i.path === 'receivers' && i.startLine === 1)).toBe(true);
  });

  it('puts an issue about a block value on the key line, not the whole block', () => {
    const text = valid.replace("  routes:\n", "  routes:\n").replace("    - matchers: ['severity=\"critical\"']", "    - matchers: ['severity=\"critical\"']\n      group_wait: soon");
    const issue = checkDraft(text).find((i) => i.path === 'route.routes.0.group_wait');
    expect(issue).toMatchObject({ startLine: 5, endLine: 5 });
  });

  it('says so when the file is empty', () => {
    expect(checkDraft('')[0]).toMatchObject({ code: 'empty', startLine: 1 });
  });

  it('refuses to expand an alias bomb instead of hanging', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    const issues = checkDraft(bomb);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.code).toBe('alias_limit');
  });

  it('refuses a recursive alias instead of looping', () => {
    expect(checkDraft('route: &r\n  routes: [*r]\nreceivers: []\n')).toMatchObject([{ code: 'too_deep', path: '' }]);
  });

  it('reads the draft as the service does: merge keys merge', () => {
    const text = valid.replace("    webhook_configs: [{ url: 'http://127.0.0.1:9999/hook' }]", "    webhook_configs:\n      - <<: &hook { url: 'http://127.0.0.1:9999/hook' }\n        send_resolved: true");
    expect(checkDraft(text)).toEqual([]);
  });

  it('describes a syntax error in the yaml package’s words, on the line it is on', () => {
    const issues = checkDraft('route:\n  receiver: default\n  gr\nreceivers: []\n');
    expect(issues).toEqual([{ path: '', code: 'MISSING_CHAR', message: 'Implicit map keys need to be followed by map values', startLine: 3, startColumn: 3, endLine: 3, endColumn: 5 }]);
  });

  it('reports what only the service’s YAML reader refuses with its reason and position', () => {
    const [orphan, ...rest] = checkDraft('route:\n  receiver: default\n: orphan\nreceivers: []\n');
    expect(rest).toEqual([]);
    expect(orphan).toMatchObject({ path: '', code: 'yaml_syntax', startLine: 3, startColumn: 1 });
    expect(orphan!.message).toMatch(/^YAML syntax error: incomplete explicit mapping pair/);
    expect(checkDraft('route: !custom x\n')).toMatchObject([{ code: 'yaml_syntax', message: 'YAML syntax error: unknown tag !<!custom>', startLine: 1 }]);
  });

  it('places an unknown receiver on the 5,000-line benchmark config where it is typed', () => {
    const big = bigConfig(5_000);
    const lines = big.text.split('\n');
    const line = big.routeLines[57]!;
    lines[line - 1] += 'x';
    expect(checkDraft(lines.join('\n'))).toMatchObject([{ path: 'route.routes.57.receiver', code: 'unknown_receiver', startLine: line, startColumn: 17, endLine: line, endColumn: 25 }]);
  });

  it('places issues exactly where the yaml package’s locator would, for every path', () => {
    const random = seeded(42);
    const texts = [sample, valid, bigConfig(600).text, ...Array.from({ length: 120 }, () => randomBlockYaml(random))];
    let compared = 0;
    for (const text of texts) {
      const doc = parseDocument(text);
      if (doc.errors.length > 0) continue;
      const fast = issuePlacer(text);
      const slow = issuePlacer(text, { fast: false });
      for (const { path } of pathsOf(doc)) {
        for (const onKey of [false, true]) {
          expect(fast(path, onKey), `${path.join('.')} (onKey ${onKey}) in\n${text}`).toEqual(slow(path, onKey));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000);
  });

  it('sorts issues by position', () => {
    const text = valid.replace('receiver: default\n  routes', 'receiver: nope\n  routes').replace("url: 'http://127.0.0.1:9999/hook'", "url: ''");
    const lines = checkDraft(text).map((i) => i.startLine);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(lines.length).toBeGreaterThanOrEqual(2);
  });
});
