// Every parse of config.yaml is bounded while it runs (server/config/parse-budget.ts): the
// hostile corpus of issue 11 answered in-process by the config core with a located issue,
// quickly and without the memory js-yaml alone would take; and what real configs do with
// anchors and merge keys still loads.
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { checkConfigText, ConfigError, loadConfig, presentSecrets } from '../../../server/config/load';
import { IncrementalChecker } from '../../../server/config/incremental';
import { boundExpansion } from '../../../server/config/bounds';
import { BudgetExceeded, PARSE_TIME_LIMIT_MS, budgetListener } from '../../../server/config/parse-budget';
import { MAX_LOCATED_ISSUES } from '../../../server/config/issues';
import { PARSE_TO_LOCATE_UP_TO, createLocator } from '../../../server/config/locate';
import { readYaml } from '../../../server/config/read-yaml';
import { CORE_SCHEMA } from '../../../server/config/yaml-schema';
import { decodeConfigBytes } from '../../../server/config/utf8';
import { ANSWER_CEILING_MS, HOSTILE, HOSTILE_TEXT_ONLY, billionLaughs, mergeChain } from '../../security/hostile-yaml-corpus';

function refusal(body: string | Buffer) {
  if (typeof body !== 'string') {
    try {
      decodeConfigBytes(body);
    } catch (err) {
      if (err instanceof ConfigError) return { kind: err.kind, issues: err.issues };
      throw err;
    }
    throw new Error('the bytes decoded');
  }
  const checked = checkConfigText(body, presentSecrets);
  if (checked.ok) throw new Error('the text was accepted');
  return checked;
}

describe('hostile YAML in the config core', () => {
  it.each([...HOSTILE, ...HOSTILE_TEXT_ONLY].map((h) => [h.name, h] as const))('%s: a located load error, before the parse clock would stop it', (_name, input) => {
    refusal(input.body); // warm-up: the first parse of a run compiles the parser
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const { kind, issues } = refusal(input.body);
    const ms = performance.now() - t0;
    expect(kind).toBe(input.kind ?? 'load_failed');
    expect(issues[0]).toMatchObject({ code: input.code, ...(input.line ? { line: input.line } : {}) });
    expect(issues[0]!.line).toBeGreaterThanOrEqual(1);
    expect(issues[0]!.column).toBeGreaterThanOrEqual(1);
    expect(ms).toBeLessThan(ANSWER_CEILING_MS);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(50 * 1024 * 1024);
  });

  it('stops a merge-key chain after a bounded amount of work, whatever its length', () => {
    const texts = [mergeChain(100_000), mergeChain(1_000_000)];
    refusal(texts[0]!);
    // Fastest of three: the machine is shared.
    const [small, large] = texts.map((text) => {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        refusal(text);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    });
    // Quadratic, ten times the text would cost a hundred times the time. The budget grows by
    // one value per 16 characters: 106,250 values at 100 KB, 162,500 at 1 MB.
    expect(large!).toBeLessThan(small! * 20 + 10);
  });

  it('never parses past the first document (yaml.v2 does not either): an alias bomb or 10,000 documents after it cost nothing', () => {
    const head = 'route:\n  receiver: default\nreceivers:\n  - name: default\n';
    for (const rest of ['---\na: 1\n'.repeat(10_000), `---\n${billionLaughs(9)}`, '---\nroute: [unclosed\n']) {
      // Parsed, the bomb would be refused (alias_expansion) and the last one too (yaml_syntax).
      const { value, warnings } = readYaml(head + rest);
      expect(value).toEqual({ route: { receiver: 'default' }, receivers: [{ name: 'default' }] });
      expect(warnings).toEqual([expect.objectContaining({ code: 'later_document_ignored', line: 5, column: 1 })]);
    }
  });

  it('says what the limit is and what to do', () => {
    const byCode = Object.fromEntries(HOSTILE.map((h) => [h.code, refusal(h.body).issues[0]!.message]));
    expect(byCode.alias_expansion).toMatch(/more than [\d,]+ values.*merge keys.*Stop nesting aliases/);
    expect(byCode.too_deep).toMatch(/more than 128 levels.*flatten it/);
    expect(byCode.too_large).toMatch(/larger than 4,194,304 bytes.*split/);
    expect(byCode.proto_key).toMatch(/`__proto__` is not allowed as a key.*remove it/);
    expect(byCode.bad_encoding).toMatch(/not UTF-8: byte 0xe9.*save it as UTF-8/);
  });
});

describe('locating issues in a large text', () => {
  it('points at the nearest ancestor the scanner places, not asking the parser, above PARSE_TO_LOCATE_UP_TO', () => {
    const filler = `x_pad: "${'a'.repeat(PARSE_TO_LOCATE_UP_TO)}"\n`;
    const text = `route:\n  receiver: a\n  matchers: ['team="a"', 'bad matcher']\nreceivers:\n  - name: a\n${filler}`;
    const small = createLocator(text.slice(0, text.indexOf('x_pad')));
    const large = createLocator(text);
    // Inside a flow sequence: the scanner declines; the parser finds the item, the guard the key.
    expect(small(['route', 'matchers', 1])).toMatchObject({ line: 3, column: 26 });
    expect(large(['route', 'matchers', 1])).toMatchObject({ line: 3, column: 3 });
    // What the scanner places, it places exactly either way.
    expect(large(['route', 'receiver'])).toEqual(small(['route', 'receiver']));
  });

  it('locates at most MAX_LOCATED_ISSUES issues, and says how many more there are', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `k${i}: 1`).join(', ');
    const checked = checkConfigText(`route: {receiver: a, ${keys}}\nreceivers: [{name: a}]\n`, presentSecrets);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.issues).toHaveLength(MAX_LOCATED_ISSUES + 1);
    expect(checked.issues.at(-1)).toMatchObject({ code: 'too_many_issues', line: null });
    expect(checked.issues.at(-1)!.message).toMatch(/more problems are not listed \(at most 200 are\): fix these first/);
  });
});

describe('the time limit of one parse', () => {
  it('stops a parse still running after PARSE_TIME_LIMIT_MS, located where it got to', () => {
    const text = `x: [${'1, '.repeat(5_000)}1]\ny: 2\n`;
    let clock = 0;
    // Every reading of the clock (one per 512 nodes) is 100 ms later: the limit passes after
    // ~10 readings, well inside the list's 10,000 nodes.
    const listener = budgetListener(text, { now: () => (clock += 100) });
    let stopped: unknown;
    try {
      yaml.load(text, { schema: CORE_SCHEMA, listener: listener as never });
    } catch (err) {
      stopped = err;
    }
    expect(stopped).toBeInstanceOf(BudgetExceeded);
    expect(stopped).toMatchObject({ code: 'parse_timeout' });
    expect((stopped as BudgetExceeded).message).toMatch(new RegExp(`took longer than ${PARSE_TIME_LIMIT_MS} ms and was stopped`));
    // Inside the list, not at its start nor after it.
    expect((stopped as BudgetExceeded).offset).toBeGreaterThan(4);
    expect((stopped as BudgetExceeded).offset).toBeLessThan(text.indexOf('y: 2'));
  });
});

describe('anchors and merge keys real configs use', () => {
  it('checks 1,000 receivers that each merge `<<: *defaults` as valid, the bounds adding little to the parse', () => {
    let text = 'route:\n  receiver: r0\nreceivers:\n  - name: r0\n    webhook_configs:\n';
    text += '      - &defaults\n        send_resolved: true\n        max_alerts: 10\n        http_config:\n          follow_redirects: true\n        url: http://127.0.0.1:9/0\n';
    for (let i = 1; i < 1000; i++) text += `  - name: r${i}\n    webhook_configs:\n      - <<: *defaults\n        url: http://127.0.0.1:9/${i}\n`;
    const checked = checkConfigText(text, presentSecrets);
    expect(checked.ok ? null : checked.issues).toBeNull();
    if (!checked.ok) return;
    expect(checked.config.receivers).toHaveLength(1000);
    expect(checked.config.receivers[999]!.webhook_configs![0]).toMatchObject({ url: 'http://127.0.0.1:9/999', send_resolved: true, max_alerts: 10 });
    // The bounds cost little next to the parse itself (fastest of several runs: the machine
    // is shared).
    const fastest = (f: () => void): number => {
      let best = Infinity;
      for (let i = 0; i < 7; i++) {
        const t0 = performance.now();
        f();
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    const unbounded = fastest(() => yaml.load(text, { schema: CORE_SCHEMA }));
    const bounded = fastest(() => readYaml(text));
    expect(bounded).toBeLessThan(unbounded * 1.5 + 2);
  });

  it('reads the same values through a merge as written out', () => {
    const merged = loadConfig('d: &d {a: 1, b: [x, y]}\ne: {<<: *d, b: z}\n', { secrets: presentSecrets }).resolved as Record<string, Record<string, unknown>>;
    expect(JSON.parse(JSON.stringify(merged.e))).toEqual({ a: 1, b: 'z' });
  });
});

describe('prototypes', () => {
  it('refuses `__proto__` however it is written, located at the key', () => {
    for (const text of ['a:\n  "__proto__": 1\n', "a: {'__proto__': {b: 1}}\n", 'a:\n  b: 1\n  __proto__:\n    c: 2\n']) {
      const checked = checkConfigText(text, presentSecrets);
      expect(checked.ok).toBe(false);
      if (checked.ok) continue;
      const issue = checked.issues[0]!;
      expect(issue.code).toBe('proto_key');
      const line = text.split('\n')[issue.line! - 1]!;
      expect(line.slice(issue.column! - 1)).toMatch(/^["']?__proto__/);
    }
  });

  it('refuses it in the chunks the incremental checker parses as well', () => {
    const checker = new IncrementalChecker();
    const base = 'route:\n  receiver: a\nreceivers:\n  - name: a\n';
    expect(checkConfigText(base, presentSecrets, { checker }).ok).toBe(true);
    const checked = checkConfigText(`${base}  - name: b\n    __proto__: {name: a}\n`, presentSecrets, { checker });
    expect(checked.ok ? null : checked.issues[0]).toMatchObject({ code: 'proto_key', line: 6 });
  });

  it('no value with a prototype other than a plain object\'s reaches zod, which would read its inherited fields', () => {
    // What the CVE made of `<<: {__proto__: {...}}`: fields on the prototype, none of its own.
    const inherited = Object.create({ route: { receiver: 'a' }, receivers: [{ name: 'a' }] }) as object;
    const text = 'route: {receiver: a}\n';
    let refused: unknown;
    try {
      boundExpansion({ route: inherited }, text);
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).issues[0]).toMatchObject({ code: 'bad_prototype', path: 'route', line: 1 });
  });

  it('the parse itself refuses a mapping js-yaml built with another prototype', () => {
    const listener = budgetListener('a: 1\n');
    const state = { input: 'a: 1\n\0', position: 0, kind: null as string | null, anchor: null, result: null as unknown, documents: [] };
    listener('open', state);
    Object.assign(state, { kind: 'mapping', result: Object.create({ a: 1 }), position: 5 });
    expect(() => listener('close', state)).toThrow(expect.objectContaining({ code: 'bad_prototype' }));
  });
});
