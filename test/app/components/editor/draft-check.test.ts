import { describe, expect, it } from 'vitest';
import { checkDraft } from '../../../../components/editor/draft-check';

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

  it('sorts issues by position', () => {
    const text = valid.replace('receiver: default\n  routes', 'receiver: nope\n  routes').replace("url: 'http://127.0.0.1:9999/hook'", "url: ''");
    const lines = checkDraft(text).map((i) => i.startLine);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(lines.length).toBeGreaterThanOrEqual(2);
  });
});
