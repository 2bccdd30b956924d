// The editor's check worker, run under Node: the module the browser loads as a Web Worker,
// driven through its message protocol. Its answers must be the service's, word for word —
// the parity test feeds one corpus of drafts to the worker, to the service's reload path
// (the coordinator's incremental checker, fed the drafts one after another as reloads
// would be) and to the console's gate (the full path), and compares every issue.
import { beforeAll, describe, expect, it } from 'vitest';
import { bigConfig } from '../../../../bench/console/big-config';
import type { CheckRequest, CheckResponse } from '../../../../components/editor/check.worker';
import { IncrementalChecker } from '../../../../server/config/incremental';
import { checkConfigText, presentSecrets } from '../../../../server/config/load';
import type { ConfigIssue } from '../../../../server/contract/config';
import { CONFIG_DRAFTS, DRAFT_ENV } from '../../../support/config-drafts';
import { fakeSecrets } from '../../../support/secrets';

/** The worker's global scope, as the module sees it under Node. */
const scope = globalThis as unknown as { onmessage: ((event: { data: CheckRequest }) => void) | null; postMessage: (message: CheckResponse) => void };
const answers: CheckResponse[] = [];
let seq = 0;

beforeAll(async () => {
  scope.postMessage = (message) => answers.push(message);
  await import('../../../../components/editor/check.worker');
});

/** Posts a draft to the worker and returns its answer (the module answers synchronously). */
function ask(text: string): ConfigIssue[] {
  const id = ++seq;
  scope.onmessage!({ data: { seq: id, text } });
  const answer = answers.find((a) => a.seq === id);
  if (!answer) throw new Error(`the worker did not answer message ${id}`);
  return answer.issues;
}

const valid = CONFIG_DRAFTS['a small valid config']!;

describe('the check worker', () => {
  it('answers each message with its sequence number and no issues for a valid draft', () => {
    expect(ask(valid)).toEqual([]);
  });

  it('answers a second YAML document with a warning at its `---`, not a problem: it is ignored, as the service ignores it', () => {
    const id = ++seq;
    scope.onmessage!({ data: { seq: id, text: CONFIG_DRAFTS['a second document']! } });
    const answer = answers.find((a) => a.seq === id)!;
    expect(answer.issues).toEqual([]);
    expect(answer.warnings).toEqual([expect.objectContaining({ code: 'later_document_ignored', line: valid.split('\n').length })]);
    expect(ask(valid)).toEqual([]);
    expect(answers.at(-1)!.warnings).toEqual([]);
  });

  it('places a missing receiver on the value that names it, as the service does', () => {
    const [issue, ...rest] = ask(valid.replace('      receiver: pager', '      receiver: pagr'));
    expect(rest).toEqual([]);
    expect(issue).toEqual({
      path: 'route.routes.0.receiver',
      code: 'unknown_receiver',
      line: 6,
      column: 17,
      end_line: 6,
      end_column: 21,
      message: 'route names receiver "pagr", which is not defined: add it under receivers or use one of: default, pager',
    });
  });

  it('marks a misplaced secret reference with the service’s message, though the browser holds no secrets', () => {
    const [issue] = ask(valid.replace("channel: '#pager'", 'channel: ${env:X}'));
    expect(issue).toMatchObject({ path: 'receivers.1.slack_configs.0.channel', code: 'secret_ref_misplaced', line: 14 });
    expect(issue!.message).toMatch(/only resolved in secret fields/);
  });

  it('offers the spelling it guesses for a misspelled key, on the key', () => {
    const [issue] = ask(valid.replace('group_by:', 'group_bye:'));
    expect(issue).toMatchObject({ path: 'route.group_bye', code: 'unrecognized_keys', line: 3, column: 3, end_column: 12 });
    expect(issue!.message).toMatch(/did you mean 'group_by'\?/);
  });

  it('places an unknown receiver on the 5,000-line benchmark config where it is typed', () => {
    const big = bigConfig(5_000);
    const lines = big.text.split('\n');
    const line = big.routeLines[57]!;
    lines[line - 1] += 'x';
    expect(ask(big.text)).toEqual([]);
    expect(ask(lines.join('\n'))).toMatchObject([{ path: 'route.routes.57.receiver', code: 'unknown_receiver', line, column: 17, end_line: line, end_column: 25 }]);
  });

  it('sorts issues by position', () => {
    const text = valid.replace('receiver: default\n  group_by', 'receiver: nope\n  group_by').replace("url: 'http://127.0.0.1:9999/hook'", "url: ''");
    const lines = ask(text).map((i) => i.line!);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });
});

describe('parity: the worker, the service and the console say the same about every draft', () => {
  const drafts = Object.entries(CONFIG_DRAFTS);
  const service = new IncrementalChecker();
  const serviceSecrets = fakeSecrets(DRAFT_ENV);

  it.each(drafts)('%s', (_what, text) => {
    const browser = ask(text);
    const onService = checkConfigText(text, serviceSecrets, { checker: service });
    const onConsole = checkConfigText(text, presentSecrets);
    const serviceIssues = onService.ok ? [] : onService.issues;
    expect(browser).toEqual(serviceIssues);
    expect(onConsole.ok ? [] : onConsole.issues).toEqual(serviceIssues);
    for (const issue of browser) {
      expect(issue.line, `${issue.code} at ${issue.path} has a line`).not.toBeNull();
      expect(issue.message.length).toBeGreaterThan(10);
    }
  });

  it('covers valid drafts and every kind of issue', () => {
    const codes = new Set(drafts.flatMap(([, text]) => ask(text).map((i) => i.code)));
    const valids = drafts.filter(([, text]) => ask(text).length === 0).length;
    expect(valids).toBeGreaterThanOrEqual(4);
    for (const code of ['yaml_syntax', 'alias_expansion', 'alias_recursive', 'too_deep', 'empty_config', 'not_a_mapping', 'secret_ref_misplaced', 'secret_ref_invalid', 'unrecognized_keys', 'invalid_type', 'invalid_value', 'too_big', 'unknown_receiver', 'unique_receiver', 'root_receiver', 'root_matchers', 'matcher', 'regex', 'postgres_url', 'api_key_required', 'global_fallback', 'receiver_field', 'one_of', 'zero_interval', 'unknown_time_interval']) {
      expect(codes, code).toContain(code);
    }
  });
});
