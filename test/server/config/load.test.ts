import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseWithYamlPackage } from 'yaml';
import { ConfigError, checkConfigText, loadConfig, validateConfig, type SecretSource } from '../../../server/config/load';
import { plainValues } from '../../../server/config/plain-scalar';
import { fakeSecrets } from '../../support/secrets';

const SAMPLE = readFileSync(new URL('../../../server/config/sample-config.yaml', import.meta.url), 'utf8');

const noSecrets: SecretSource = {
  env: {},
  readFile: () => {
    throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
  },
};

const secretsOf = fakeSecrets;

/** Phase load with no secrets available unless a test gives some. */
const load = (text: string, opts: { secrets?: SecretSource } = {}) => loadConfig(text, { secrets: opts.secrets ?? noSecrets });

/** Runs `fn`, expects a ConfigError, returns it. */
function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

const MINIMAL = 'route:\n  receiver: default\nreceivers:\n  - name: default\n';

describe('loadConfig (phase load)', () => {
  it('returns the text and the parsed value without validating it', () => {
    const text = `${MINIMAL}not_a_section: 1\n`;
    const parsed = load(text, { secrets: noSecrets });
    expect(parsed.text).toBe(text);
    expect(plainValues(parsed.resolved)).toEqual({ route: { receiver: 'default' }, receivers: [{ name: 'default' }], not_a_section: 1 });
  });

  it('reads YAML 1.2 numbers and YAML 1.1 booleans, as Alertmanager: dates and underscored numbers stay strings, yes/off are booleans', () => {
    const text = 'a: 2024-01-01\nb: yes\nc: off\nd: 1_000\ne: 0b101\nf: 0x1F\ng: 0o17\nh: ~\ni: TRUE\nj: .inf\nk: "8080"\nl: 8080\nm: 1.5e3\n';
    expect(plainValues(load(text).resolved)).toEqual({
      a: '2024-01-01',
      b: true,
      c: false,
      d: '1_000',
      e: '0b101',
      f: 31,
      g: 15,
      h: null,
      i: true,
      j: Infinity,
      k: '8080',
      l: 8080,
      m: 1500,
    });
  });

  it('supports merge keys, explicit keys overriding merged ones', () => {
    const text = 'defaults: &d { send_resolved: true, timeout: 5s }\nhook:\n  <<: *d\n  timeout: 1s\n  url: http://x\n';
    expect(plainValues(load(text).resolved)).toEqual({
      defaults: { send_resolved: true, timeout: '5s' },
      hook: { send_resolved: true, timeout: '1s', url: 'http://x' },
    });
  });

  it('refuses duplicate keys as a located syntax error', () => {
    const err = configError(() => load('log:\n  level: info\n  level: debug\n'));
    expect(err.kind).toBe('load_failed');
    expect(err.issues).toEqual([expect.objectContaining({ path: '', line: 3, column: 3, code: 'yaml_syntax' })]);
    expect(err.issues[0]!.message).toBe('YAML syntax error: Map keys must be unique');
  });

  it('reports a syntax error with its line and column and without quoting the file', () => {
    const text = 'receivers:\n  - name: a\n    slack_configs:\n      - api_url: https://hooks.example/T0/B0/sekrit-token\n     channel: oops\n';
    const err = configError(() => load(text));
    const issue = err.issues[0]!;
    expect(issue).toMatchObject({ path: '', code: 'yaml_syntax' });
    expect(issue.line).toBe(5);
    expect(issue.column).toBeGreaterThan(0);
    // js-yaml's message carries a code excerpt of the file; the issue must not.
    for (const text of [issue.message, err.message]) {
      expect(text).not.toContain('sekrit-token');
      expect(text).not.toContain('^');
    }
  });

  it('reads the first YAML document only, as Alertmanager does, and warns where the next one starts', () => {
    const loaded = load('a: 1\n---\nb: [2\n');
    expect(plainValues(loaded.resolved)).toEqual({ a: 1 });
    expect(loaded.warnings).toEqual([expect.objectContaining({ code: 'later_document_ignored', line: 2, column: 1 })]);
    // Nothing but markers and comments after the first: nothing ignored, nothing to say.
    expect(load('a: 1\n---\n# end\n').warnings).toEqual([]);
    expect(load('---\na: 1\n...\n').warnings).toEqual([]);
  });

  it('says an empty first document is what was read when the config follows a second `---`', () => {
    expect(configError(() => load('---\n---\na: 1\n')).issues[0]!.message).toMatch(/^the first YAML document of config\.yaml is empty/);
    expect(configError(() => load('# nothing\n')).issues[0]!.message).toMatch(/^config\.yaml is empty/);
  });

  it('describes a syntax error of the first document without the documents after it', () => {
    const err = configError(() => load('a: [1\n---\nb: [2\n'));
    expect(err.issues.filter((i) => i.line! > 2)).toEqual([]);
    expect(err.issues.map((i) => i.message).join('\n')).not.toMatch(/multiple documents/);
  });

  it('explains that a secret reference in a flow collection must be quoted', () => {
    const err = configError(() => load("receivers:\n  - name: x\n    slack_configs: [{ api_url: ${file:/run/secrets/slack}, channel: '#a' }]\n"));
    expect(err.issues[0]!.message).toMatch(/must be quoted, e\.g\. '\$\{env:NAME\}'/);
  });

  it.each([
    ['an empty file', '', /config\.yaml is empty/],
    ['a file of comments', '# nothing here\n', /config\.yaml is empty/],
    ['a list', '- route\n- receivers\n', /top level is a list/],
    ['a scalar', 'just text\n', /top level is a single string value/],
  ])('refuses %s with a clear load_failed', (_what, text, message) => {
    const err = configError(() => load(text));
    expect(err.kind).toBe('load_failed');
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toMatchObject({ path: '', line: 1, column: 1 });
    expect(err.issues[0]!.message).toMatch(message);
  });
});

describe('loadConfig: alias expansion is bounded', () => {
  function billionLaughs(levels: number): string {
    let text = 'lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i < levels; i++) text += `lol${i}: &lol${i} [${Array(10).fill(`*lol${i - 1}`).join(', ')}]\n`;
    return text;
  }

  it('refuses a billion-laughs document quickly with load_failed, located at a nested alias', { timeout: 10_000 }, () => {
    const err = configError(() => load(billionLaughs(10)));
    expect(err.kind).toBe('load_failed');
    // Line 2 aliases a plain list; line 3 is the first alias of a list made of aliases.
    expect(err.issues).toEqual([expect.objectContaining({ code: 'alias_expansion', line: 3, column: 14 })]);
    expect(err.issues[0]!.message).toMatch(/alias bomb/);
  });

  it('accepts an anchor reused by hundreds of receivers (what an alias-count limit of 100 would refuse)', () => {
    let text = `${MINIMAL}x-defaults: &hook { send_resolved: true, timeout: 5s }\nmore:\n`;
    for (let i = 0; i < 300; i++) text += `  - { <<: *hook, url: 'http://127.0.0.1:9999/${i}?a=1&b=2' }\n`;
    const parsed = load(text);
    const more = (parsed.resolved as { more: unknown[] }).more;
    expect(more).toHaveLength(300);
    expect(plainValues(more[299])).toEqual({ send_resolved: true, timeout: '5s', url: 'http://127.0.0.1:9999/299?a=1&b=2' });
  });

  it('refuses a recursive alias, located where the loop closes', () => {
    const err = configError(() => load('a: &a\n  b: *a\n'));
    expect(err.issues).toEqual([expect.objectContaining({ code: 'alias_recursive', path: 'a.b', line: 2, column: 3 })]);
  });

  it('refuses absurd nesting instead of overflowing the stack later', () => {
    const deep = configError(() => load(`a: ${'['.repeat(200)}${']'.repeat(200)}\n`));
    expect(deep.issues[0]).toMatchObject({ code: 'too_deep' });
    const deeper = configError(() => load(`a: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`));
    expect(deeper.issues[0]).toMatchObject({ code: 'too_deep' });
  });
});

/** The `yaml` package's core-schema reading with YAML 1.1's plain booleans (yes, off, …) as
 *  booleans: the one place hotconf reads as Alertmanager's yaml.v2 does, on purpose. */
function yaml11Booleans(value: unknown): unknown {
  if (typeof value === 'string' && /^(?:y|Y|yes|Yes|YES|on|On|ON)$/.test(value)) return true;
  if (typeof value === 'string' && /^(?:n|N|no|No|NO|off|Off|OFF)$/.test(value)) return false;
  if (Array.isArray(value)) return value.map(yaml11Booleans);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, yaml11Booleans(v)]));
  return value;
}

describe('loadConfig: the same reading as the `yaml` package', () => {
  // The editor's locator reads the file with the `yaml` package; the service with js-yaml.
  // If their structures disagreed, markers would point at values the service never saw.
  const corpus: Record<string, string> = {
    sample: SAMPLE,
    'anchors and merges': [
      'base: &base { group_by: [alertname], continue: false }',
      'hooks: &hooks',
      '  - url: http://127.0.0.1:9999/a',
      '    send_resolved: true',
      'route:',
      '  <<: *base',
      '  receiver: r',
      '  routes:',
      '    - <<: [*base, { continue: true, receiver: other }]',
      '      receiver: mine',
      'receivers:',
      '  - { name: r, webhook_configs: *hooks }',
      '  - name: q',
      '    webhook_configs: *hooks',
      '',
    ].join('\n'),
    'quoted and unquoted scalars': [
      'a: "8080"',
      "b: '8080'",
      'c: 8080',
      'd: true',
      "e: 'true'",
      'f: null',
      'g: "null"',
      'h: ~',
      'i:',
      'j: "tab\\there \\u00e9"',
      "k: 'it''s'",
      'l: -12',
      'm: +12',
      'n: 012',
      'o: 1.50',
      'p: .5',
      'q: 1e3',
      'r: -.INF',
      's: 0x1f',
      't: 0o17',
      'u: 1:30',
      'v: 2024-01-01T10:00:00Z',
      'w: Yes',
      'x: False',
      'y: 1_000',
      'z: 0b11',
      '',
    ].join('\n'),
    'multi-line strings': [
      'literal: |',
      '  line one',
      '    indented',
      '  line three',
      'folded: >-',
      '  folded',
      '  text',
      '',
      '  new paragraph',
      'keep: |+',
      '  kept',
      '',
      'strip: |-',
      '  stripped',
      'plain: a plain',
      '  multi-line scalar',
      'quoted: "a quoted',
      '  multi-line"',
      '',
    ].join('\n'),
    'flow collections and comments': [
      '# leading comment',
      'route: { receiver: a, group_by: [alertname, "cluster"], routes: [ { matchers: [ \'severity="critical"\' ], receiver: b } ] }  # trailing',
      'receivers: [ { name: a }, { name: b } ]',
      'empty_map: {}',
      'empty_list: []',
      '',
    ].join('\n'),
  };

  it.each(Object.entries(corpus))('%s', (_name, text) => {
    const ours = plainValues(load(text, { secrets: noSecrets }).resolved);
    expect(ours).toEqual(yaml11Booleans(parseWithYamlPackage(text, { merge: true, schema: 'core' })));
  });

  it.each([
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['tabs as indentation', 'a:\n\tb: 1\n'],
    ['an undefined alias', 'a: *nowhere\n'],
  ])('both refuse %s', (_name, text) => {
    expect(() => parseWithYamlPackage(text, { merge: true, schema: 'core' })).toThrow();
    expect(configError(() => load(text)).issues[0]!.code).toBe('yaml_syntax');
  });
});

describe('loadConfig: secret references', () => {
  const text = [
    'database: { driver: postgres, url: "${env:DATABASE_URL}" }',
    'route: { receiver: slack }',
    'receivers:',
    '  - name: slack',
    '    slack_configs:',
    '      - api_url: ${file:/run/secrets/slack_url}',
    '',
  ].join('\n');

  it('resolves references at the secret fields', () => {
    const secrets = secretsOf({ DATABASE_URL: 'postgres://u:pw@db/alerts' }, { '/run/secrets/slack_url': 'https://hooks.slack.test/T/B/x\n' });
    const parsed = load(text, { secrets });
    expect(parsed.resolved).toMatchObject({
      database: { url: 'postgres://u:pw@db/alerts' },
      receivers: [{ slack_configs: [{ api_url: 'https://hooks.slack.test/T/B/x' }] }],
    });
  });

  it('fails the load with every unresolvable reference located at its field', () => {
    const err = configError(() => load(text, { secrets: noSecrets }));
    expect(err.kind).toBe('load_failed');
    expect(err.issues).toEqual([
      expect.objectContaining({ path: 'database.url', line: 1, column: 36, code: 'secret_unresolved' }),
      expect.objectContaining({ path: 'receivers.0.slack_configs.0.api_url', line: 6, column: 18, code: 'secret_unresolved' }),
    ]);
    expect(err.issues[0]!.message).toMatch(/environment variable DATABASE_URL \(from \$\{env:DATABASE_URL\}\) is not set/);
    expect(err.issues[1]!.message).toMatch(/file \/run\/secrets\/slack_url .* does not exist/);
  });

});

describe('validateConfig (phase validate)', () => {
  it('returns the config with defaults filled in', () => {
    const cfg = validateConfig(load(MINIMAL));
    expect(cfg.server.port).toBe(8080);
    expect(cfg.receivers).toEqual([{ name: 'default' }]);
  });

  it('throws validation_failed with every issue located, first one in the message', () => {
    const text = ['server:', '  port: 70000', 'log:', '  level: verbose', 'route:', '  receiver: default', 'receivers:', '  - name: default', ''].join('\n');
    const err = configError(() => validateConfig(load(text)));
    expect(err.kind).toBe('validation_failed');
    expect(err.issues).toEqual([
      { path: 'server.port', line: 2, column: 9, end_line: 2, end_column: 14, message: 'must be at most 65535', code: 'too_big' },
      { path: 'log.level', line: 4, column: 10, end_line: 4, end_column: 17, message: 'expected one of: debug, info, warn, error', code: 'invalid_value' },
    ]);
    expect(err.message).toBe('config.yaml is not a valid hotconf config: server.port at line 2, column 9: must be at most 65535 (and 1 more problem)');
  });

  it('never puts a secret into an issue or the error message', () => {
    const secret = 'https://hooks.slack.test/T000/B000/XXXXsecretXXXX';
    const text = [
      'route: { receiver: slack }',
      'receivers:',
      '  - name: slack',
      '    slack_configs:',
      '      - api_url: ${env:SLACK_URL}',
      '        channel: [42]',
      '        colour: red',
      '  - name: literal',
      '    slack_configs:',
      '      - api_url: 998877665544',
      '',
    ].join('\n');
    const err = configError(() => validateConfig(load(text, { secrets: secretsOf({ SLACK_URL: secret }) })));
    expect(err.issues.map((i) => i.path)).toEqual([
      'receivers.0.slack_configs.0.channel',
      'receivers.0.slack_configs.0.colour',
      'receivers.1.slack_configs.0.api_url',
    ]);
    const everything = JSON.stringify(err.issues) + err.message;
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain('998877665544');
  });
});

describe('checkConfigText', () => {
  it('returns the config and the parsed text when valid', () => {
    const result = checkConfigText(MINIMAL, noSecrets);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.config.route.receiver).toBe('default');
      expect(result.loaded.text).toBe(MINIMAL);
    }
  });

  it('returns the kind and issues instead of throwing', () => {
    expect(checkConfigText('a: [\n', noSecrets)).toMatchObject({ ok: false, kind: 'load_failed', issues: [{ code: 'yaml_syntax' }] });
    expect(checkConfigText('route: {}\nreceivers: []\n', noSecrets)).toMatchObject({ ok: false, kind: 'validation_failed' });
  });

  it('turns an unexpected failure into an issue rather than a throw', () => {
    const hostile: SecretSource = {
      env: new Proxy({}, { get: () => { throw new Error('env exploded'); } }),
      readFile: () => '',
    };
    const result = checkConfigText('route: { receiver: a }\nreceivers: [{ name: a, webhook_configs: [{ url: "${env:X}" }] }]\n', hostile);
    expect(result).toMatchObject({ ok: false, kind: 'load_failed', issues: [{ code: 'internal_error' }] });
  });
});
