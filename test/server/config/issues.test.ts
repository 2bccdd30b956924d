import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { issuesFromZod } from '../../../server/config/issues';
import { configSchema } from '../../../server/config/schema';

/** Validates YAML text and returns the located issues, as the validate phase does. */
function issuesOf(text: string, withInput = true) {
  const input: unknown = parse(text);
  const result = configSchema.safeParse(input);
  if (result.success) throw new Error('expected the config to be invalid');
  return issuesFromZod(result.error, text, withInput ? input : undefined);
}

const BASE = 'route:\n  receiver: default\nreceivers:\n  - name: default\n';

describe('issuesFromZod', () => {
  it('reports an unknown field on the key itself, with the allowed fields and a likely fix', () => {
    const issues = issuesOf(`${BASE}    webhook_config:\n      - url: http://x\n`);
    expect(issues).toEqual([
      {
        path: 'receivers.0.webhook_config',
        line: 5,
        column: 5,
        end_line: 5,
        end_column: 19,
        code: 'unrecognized_keys',
        message: "unknown field 'webhook_config' under receivers.0: did you mean 'webhook_configs'? (allowed: name, discord_configs, email_configs, pagerduty_configs, slack_configs, webhook_configs, opsgenie_configs, wechat_configs, pushover_configs, victorops_configs, sns_configs, telegram_configs, webex_configs, msteams_configs)",
      },
    ]);
  });

  it('names the top level when a section is misspelt', () => {
    const [issue] = issuesOf(`${BASE}recievers: []\n`);
    expect(issue).toMatchObject({ path: 'recievers', line: 5, column: 1 });
    expect(issue!.message).toMatch(/^unknown field 'recievers' under the top level: did you mean 'receivers'\?/);
  });

  it('says what type was expected and what was found, in YAML words', () => {
    const issues = issuesOf(`server:\n  port: "8080"\n  host: [a]\nlog:\n  level: info\n  format: {}\n${BASE}`);
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['server.port', 'expected a number, got a string: remove the quotes around the number'],
      ['server.host', 'expected a string, got a list'],
      ['log.format', 'expected one of: json, text'],
    ]);
  });

  it('says a required field is missing and points at its parent', () => {
    const [issue] = issuesOf(`${BASE}    webhook_configs:\n      - send_resolved: true\n`);
    expect(issue).toEqual({
      path: 'receivers.0.webhook_configs.0.url',
      line: 6,
      column: 9,
      end_line: 6,
      end_column: 10,
      code: 'receiver_field',
      message: 'webhook_configs needs url',
    });
    const [route] = issuesOf('receivers:\n  - name: default\n');
    expect(route).toMatchObject({ path: 'route', code: 'invalid_type', message: 'route is required (a mapping (key: value lines))' });
  });

  it("rewrites zod's range messages and keeps the schema's own", () => {
    const issues = issuesOf('database:\n  max_connections: 0\nroute:\n  receiver: default\nreceivers: []\n');
    const messages = issues.map((i) => [i.path, i.code, i.message]);
    expect(messages).toContainEqual(['database.max_connections', 'too_small', 'must be at least 1']);
    expect(messages).toContainEqual(['route.receiver', 'unknown_receiver', 'route names receiver "default", which is not defined: no receivers are defined yet: add one under receivers']);
  });

  it('uses the rule name as the code of a cross-field issue, and points at the value it is about', () => {
    const [issue] = issuesOf('route:\n  receiver: default\n  routes:\n    - receiver: typo\nreceivers:\n  - name: default\n');
    expect(issue).toMatchObject({ path: 'route.routes.0.receiver', line: 4, column: 17, end_column: 21, code: 'unknown_receiver' });
  });

  it('names the nested route that refers to an unknown receiver or time interval by its full path', () => {
    const text = [
      'route:', '  receiver: default', '  routes:',
      '    - receiver: default', '    - receiver: default', '      routes:',
      '        - receiver: default', '        - receiver: typo', '          mute_time_intervals: [nope]',
      '    - receiver: ghost',
      'receivers:', '  - name: default', '',
    ].join('\n');
    expect(issuesOf(text).map((i) => [i.path, i.code])).toEqual([
      ['route.routes.1.routes.1.receiver', 'unknown_receiver'],
      ['route.routes.1.routes.1.mute_time_intervals.0', 'unknown_time_interval'],
      ['route.routes.2.receiver', 'unknown_receiver'],
    ]);
  });

  it('reports a bad label name on the key of the mapping', () => {
    const [issue] = issuesOf('route:\n  receiver: default\n  routes:\n    - match:\n        bad-label: x\nreceivers:\n  - name: default\n');
    expect(issue).toMatchObject({ path: 'route.routes.0.match.bad-label', line: 5, column: 9, code: 'invalid_key' });
    expect(issue!.message).toMatch(/^key 'bad-label' is not valid: not a label name/);
  });

  it('reports one issue per path, the first', () => {
    const issues = issuesOf('route:\n  receiver: default\n  group_wait: soon\nreceivers:\n  - name: default\n');
    expect(issues).toEqual([expect.objectContaining({ path: 'route.group_wait', message: 'expected a duration such as 30s, 5m, 1h30m or 720h (units y w d h m s ms, largest first)' })]);
  });

  it('sorts issues in file order', () => {
    const issues = issuesOf('receivers: {}\nroute: 5\nlog:\n  level: loud\n');
    expect(issues.map((i) => i.line)).toEqual([1, 2, 4]);
  });

  it("falls back to zod's wording of the found type without the input", () => {
    const [issue] = issuesOf('server:\n  port: "8080"\nroute:\n  receiver: default\nreceivers:\n  - name: default\n', false);
    expect(issue!.message).toBe('expected a number, got a string');
  });
});
