// `hotconf routes test|show` answer as `amtool config routes test|show` (Alertmanager 0.25)
// does, asked in the same run about the same file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/console/start';
import { assertAmtool } from '../compat/amtool';

const CLI = join(projectRoot(), 'dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'hotconf-routes-'));

// Nested routes, continue, inheritance, regexes, legacy match and match_re.
const CONFIG = [
  'route:',
  '  receiver: default',
  '  group_by: [alertname]',
  '  routes:',
  "    - matchers: ['severity=\"critical\"']",
  '      receiver: pager',
  '      continue: true',
  '    - match_re: { team: "db|storage" }',
  '      receiver: db',
  '      routes:',
  "        - matchers: ['env=~\"prod.*\"', 'severity!=\"info\"']",
  '          receiver: db-prod',
  '        - match: { env: staging }',
  '    - matchers: [\'{team="web", env="prod"}\']',
  '      receiver: web',
  '    - receiver: catch-all',
  '      matchers: [\'alertname=~"Watchdog|Heartbeat"\']',
  'receivers: [{ name: default }, { name: pager }, { name: db }, { name: db-prod }, { name: web }, { name: catch-all }]',
  '',
].join('\n');
const file = join(dir, 'config.yml');
writeFileSync(file, CONFIG);

const LABEL_SETS = [
  [],
  ['severity=critical'],
  ['severity=critical', 'team=db', 'env=production'],
  ['team=db', 'env=staging'],
  ['team=storage', 'env=prod', 'severity=info'],
  ['team=web', 'env=prod'],
  ['team=web', 'env=dev', 'alertname=Watchdog'],
  ['alertname=Heartbeat', 'severity=critical'],
];

const hotconf = (args: string[]) => spawnSync(process.execPath, [CLI, 'routes', ...args], { encoding: 'utf8' });
const amtool = (args: string[]) => spawnSync('amtool', ['config', 'routes', ...args, `--config.file=${file}`], { encoding: 'utf8' });

describe('hotconf routes', () => {
  it.each(LABEL_SETS.map((l) => [l.join(' ') || '(no labels)', l]))('test %s names the receivers amtool names', (_name, labels) => {
    assertAmtool();
    const ours = hotconf(['test', '--config', file, ...(labels as string[])]);
    const theirs = amtool(['test', ...(labels as string[])]);
    expect(theirs.status).toBe(0);
    expect(ours.status).toBe(0);
    expect(ours.stdout.trim()).toBe(theirs.stdout.trim());
  });

  it('show draws the tree amtool draws', () => {
    assertAmtool();
    const ours = hotconf(['show', '--config', file]);
    const theirs = amtool(['show']);
    expect(ours.stdout.trim()).toBe(theirs.stdout.trim());
  });

  it('refuses a label that is not name=value', () => {
    expect(hotconf(['test', '--config', file, 'severity']).status).toBe(2);
  });
});
