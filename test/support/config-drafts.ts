// One corpus of config drafts for the parity test of the config core's three callers (the
// editor's worker, the service's reload path, the console's gate): valid files, every kind
// of error the core reports, hostile YAML, misplaced and malformed secret references, typos.
// Each draft is a whole file, as an operator would type it.
import { readFileSync } from 'node:fs';
import { bigConfig } from '../../bench/console/big-config';

const sample = readFileSync(new URL('../../server/config/sample-config.yaml', import.meta.url), 'utf8');

const valid = `route:
  receiver: default
  group_by: [alertname]
  routes:
    - matchers: ['severity="critical"']
      receiver: pager
receivers:
  - name: default
    webhook_configs:
      - url: 'http://127.0.0.1:9999/hook'
  - name: pager
    slack_configs:
      - api_url: \${env:SLACK_URL}
        channel: '#pager'
`;

const edit = (from: string, to: string, text = valid): string => {
  if (!text.includes(from)) throw new Error(`config-drafts: "${from}" is not in the draft`);
  return text.replace(from, to);
};

const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`), valid].join('\n');

/** Environment variables the service's secret source holds for these drafts: every
 *  well-formed reference in a secret field resolves on the service as in the browser. */
export const DRAFT_ENV = { SLACK_URL: 'https://hooks.slack.test/T0/B0/x', INGEST_KEY: 'k3y-for-ingest', DATABASE_URL: 'postgres://u:p@db/alerts' };

export const CONFIG_DRAFTS: Record<string, string> = {
  'the sample config': sample,
  'a small valid config': valid,
  'a 5,000-line config': bigConfig(5_000).text,
  'merge keys that merge': edit("      - url: 'http://127.0.0.1:9999/hook'", "      - <<: &hook { url: 'http://127.0.0.1:9999/hook' }\n        send_resolved: true"),
  // YAML syntax
  'an unclosed flow sequence': edit('group_by: [alertname]', 'group_by: [alertname'),
  'a key without a value': edit('  group_by: [alertname]\n', '  group_by: [alertname]\n  gr\n'),
  'a duplicate key': edit('  receiver: default\n', '  receiver: default\n  receiver: pager\n'),
  'a second document': `${valid}---\nlog: {}\n`,
  'a tab as indentation': edit('  group_by', '\tgroup_by'),
  'an unknown tag': edit('receiver: default', 'receiver: !custom default'),
  'an orphan value': edit('receivers:\n', ': orphan\nreceivers:\n'),
  'an unquoted reference in a flow mapping': edit('      - api_url: ${env:SLACK_URL}\n        channel: \'#pager\'', "      - { api_url: ${env:SLACK_URL}, channel: '#pager' }"),
  // hostile YAML
  'an alias bomb': bomb,
  'a recursive alias': 'route: &r\n  routes: [*r]\nreceivers: []\n',
  'nesting too deep to parse': `route: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`,
  'nesting deeper than any config': `route:\n  x: ${'['.repeat(150)}${']'.repeat(150)}\nreceivers: []\n`,
  // the document's shape
  'an empty file': '',
  'only comments': '# nothing yet\n',
  'a list at the top': '- route\n- receivers\n',
  'a scalar at the top': 'just text\n',
  // secret references
  'a reference in a field that takes none': edit("channel: '#pager'", 'channel: ${env:SLACK_CHANNEL}'),
  'a reference inside a longer value': edit('${env:SLACK_URL}', '"https://hooks.slack.test/${env:SLACK_TOKEN}"'),
  'a shell-style reference': edit('${env:SLACK_URL}', '"${SLACK_URL}"'),
  'a relative file reference': edit('${env:SLACK_URL}', '${file:secrets/slack}'),
  'references where they belong': edit('route:\n', 'database: { driver: postgres, url: "${env:DATABASE_URL}" }\nwebhook:\n  authentication: { type: api_key, api_key: "${env:INGEST_KEY}" }\nroute:\n'),
  // typos and types
  'a misspelled key': edit('group_by:', 'group_bye:'),
  'a misspelled section': edit('receivers:', 'recievers:'),
  'a misspelled receiver kind': edit('    webhook_configs:', '    webhok_configs:'),
  'a quoted port': `server: { port: "8080" }\n${valid}`,
  'a port out of range': `server:\n  port: 70000\n${valid}`,
  'a word for a number': `webhook:\n  max_body_bytes: lots\n${valid}`,
  'a bad duration': edit('  group_by: [alertname]\n', '  group_by: [alertname]\n  group_wait: soon\n'),
  'a bad enum value': `log:\n  level: loud\n${valid}`,
  'a list where a mapping belongs': `server: [a, b]\n${valid}`,
  'a string where a boolean belongs': edit("      - url: 'http://127.0.0.1:9999/hook'", "      - url: 'http://127.0.0.1:9999/hook'\n        send_resolved: 'yes'"),
  'an unsupported receiver kind': edit("    webhook_configs:\n      - url: 'http://127.0.0.1:9999/hook'", '    email_configs: [{ to: a@b.c }]'),
  // cross-field rules
  'a route naming a missing receiver': edit('      receiver: pager', '      receiver: pagr'),
  'two receivers with one name': edit('  - name: pager', '  - name: default'),
  'a root route without a receiver': edit('  receiver: default\n  group_by', '  group_by'),
  'a root route with matchers': edit('  receiver: default\n', "  receiver: default\n  matchers: ['a=\"b\"']\n"),
  'a malformed matcher': edit('severity="critical"', 'severity=="critical"'),
  'a regex that does not compile': edit('    - matchers:', '    - match_re:\n        team: "(unclosed"\n      matchers:'),
  'postgres without a url': `database:\n  driver: postgres\n${valid}`,
  'api_key authentication without a key': `webhook:\n  authentication:\n    type: api_key\n${valid}`,
  'no receivers at all': 'route:\n  receiver: default\nreceivers: []\n',
  // Alertmanager's own rules
  'email without an SMTP server anywhere': edit("    webhook_configs:\n      - url: 'http://127.0.0.1:9999/hook'", '    email_configs: [{ to: ops@example.com }]'),
  'a pagerduty key and its file': edit("    webhook_configs:\n      - url: 'http://127.0.0.1:9999/hook'", '    pagerduty_configs: [{ routing_key: abc, routing_key_file: /run/k }]'),
  'a webhook without url': edit("      - url: 'http://127.0.0.1:9999/hook'", '      - send_resolved: true'),
  'a webhook url that is no URL': edit("'http://127.0.0.1:9999/hook'", 'not-a-url'),
  'a zero group_interval': edit('  group_by: [alertname]\n', '  group_by: [alertname]\n  group_interval: 0s\n'),
  'continue on the root route': edit('  receiver: default\n', '  receiver: default\n  continue: true\n'),
  'an undefined time interval': edit('      receiver: pager', '      receiver: pager\n      mute_time_intervals: [weekends]'),
  'a defined time interval': `${edit('      receiver: pager', '      receiver: pager\n      mute_time_intervals: [weekends]')}time_intervals:\n  - name: weekends\n    time_intervals: [{ weekdays: ['saturday:sunday'] }]\n`,
  'global settings and an email receiver': `global:\n  smtp_smarthost: smtp.example.com:587\n  smtp_from: am@example.com\n${edit("    webhook_configs:\n      - url: 'http://127.0.0.1:9999/hook'", '    email_configs: [{ to: ops@example.com }]')}`,
  'several problems at once': edit('group_by:', 'group_bye:', edit('      receiver: pager', '      receiver: pagr', edit("channel: '#pager'", 'channel: ${env:X}'))),
};
