// A notifier field's Go template that does not parse is accepted with a located warning, as
// amtool accepts the file (Alertmanager parses it only when it renders a notification); the
// opsgenie responder type, which Alertmanager parses when it loads the file, stays an error.
import { describe, expect, it } from 'vitest';
import { IncrementalChecker } from '../../../server/config/incremental';
import { checkConfigText, presentSecrets } from '../../../server/config/load';

const config = (title: string, extra = '') =>
  [
    'route:',
    '  receiver: team-a',
    'receivers:',
    '  - name: team-a',
    '    slack_configs:',
    '      - api_url: http://127.0.0.1:9/slack',
    "        channel: '#a'",
    `        title: '${title}'`,
    '  - name: team-b',
    '    webhook_configs:',
    `      - url: http://127.0.0.1:9/b${extra}`,
    '',
  ].join('\n');

function warningsOf(text: string, checker?: IncrementalChecker) {
  const checked = checkConfigText(text, presentSecrets, checker ? { checker } : {});
  if (!checked.ok) throw new Error(`refused: ${JSON.stringify(checked.issues)}`);
  return checked.loaded.warnings;
}

describe('field templates that do not parse', () => {
  it('are accepted with a warning on the value, saying what is wrong and what Alertmanager would do', () => {
    expect(warningsOf(config('{{ .CommonLabels.alertname }}'))).toEqual([]);
    const [warning, ...rest] = warningsOf(config('{{ .CommonLabels.alertname '));
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({ code: 'template', path: 'receivers.0.slack_configs.0.title', line: 8, column: 16 });
    expect(warning!.message).toBe(
      'the template does not parse: unclosed action (at character 28 of the value). Alertmanager accepts this file and fails only when it renders a notification with it: fix the template',
    );
  });

  it('find the values of template maps (email headers, PagerDuty details) too', () => {
    const text = config('ok').replace(
      '  - name: team-b\n',
      "  - name: team-b\n    pagerduty_configs:\n      - routing_key: abc\n        details:\n          summary: '{{ nosuchfunc }}'\n",
    );
    expect(warningsOf(text)).toMatchObject([{ code: 'template', path: 'receivers.1.pagerduty_configs.0.details.summary', line: 13 }]);
  });

  it('keep warning on later reloads that reuse the receiver unchanged (the incremental checker)', () => {
    const checker = new IncrementalChecker();
    expect(warningsOf(config('{{ end }}'), checker)).toHaveLength(1);
    // Only team-b changes: team-a is reused as validated before, and still warned about.
    expect(warningsOf(config('{{ end }}', '/edited'), checker)).toMatchObject([{ path: 'receivers.0.slack_configs.0.title', line: 8 }]);
    expect(checker.lastParse.fast).toBe(true);
    expect(warningsOf(config('{{ .Status }}', '/edited'), checker)).toEqual([]);
  });

  it('except the opsgenie responder type, which Alertmanager parses when it loads the file: an error', () => {
    const text = "route:\n  receiver: o\nreceivers:\n  - name: o\n    opsgenie_configs:\n      - api_key: k\n        responders:\n          - name: sre\n            type: '{{ .CommonLabels.type '\n";
    const checked = checkConfigText(text, presentSecrets);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues).toMatchObject([{ path: 'receivers.0.opsgenie_configs.0.responders.0.type', line: 9, message: expect.stringMatching(/^the template does not parse: unclosed action/) }]);
  });
});
