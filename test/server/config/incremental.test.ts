// The incremental load/validate path must give exactly what the full path gives, or step
// aside. These tests compare the two on real configs, on edits, and on a corpus of random
// mutations of the sample config.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS benchmark helper without types
import { genHotconfYaml } from '../../../bench/lib/gen-config.mjs';
import { IncrementalChecker, resplit, splitSections, splitText } from '../../../server/config/incremental';
import { ConfigError, loadConfig, validateConfig, type ConfigChecker } from '../../../server/config/load';
import { configSchema } from '../../../server/config/schema';
import { fakeSecrets } from '../../support/secrets';

const sample = readFileSync(new URL('../../../server/config/sample-config.yaml', import.meta.url), 'utf8');
const gen = (n: number, variant = 0): string => genHotconfYaml(n, { variant });
const secrets = fakeSecrets();
const full: ConfigChecker = { load: (text) => loadConfig(text, { secrets }), validate: validateConfig };

/** Load (and validate) both ways; the outcome must be identical, errors included. */
function both(text: string, checker: IncrementalChecker) {
  const run = (c: ConfigChecker) => {
    try {
      const loaded = c.load(text, secrets);
      return { ok: true, value: JSON.stringify(loaded.resolved), config: (() => { try { return JSON.stringify(c.validate(loaded)); } catch (e) { return (e as ConfigError).issues; } })() };
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      return { ok: false, issues: e.issues };
    }
  };
  return { full: run(full), fast: run(checker) };
}

describe('incremental loading', () => {
  it('parses the sample and generated configs exactly as the full parser does', () => {
    for (const text of [sample, gen(10), gen(100)]) {
      const cache = new IncrementalChecker();
      const { full, fast } = both(text, cache);
      expect(fast).toEqual(full);
      expect(cache.lastParse.fast).toBe(true);
    }
  });

  it('re-parses only the receiver that changed', () => {
    const cache = new IncrementalChecker();
    cache.load(gen(100, 0), secrets);
    const parsed = cache.load(gen(100, 1), secrets);
    expect(cache.lastParse).toMatchObject({ fast: true, reused: cache.lastParse.chunks - 1 });
    expect(JSON.stringify(parsed.resolved)).toBe(JSON.stringify(full.load(gen(100, 1), secrets).resolved));
  });

  it('validates to exactly what the schema gives, reusing unchanged outputs', () => {
    const cache = new IncrementalChecker();
    const a = cache.validate(cache.load(gen(50, 0), secrets));
    const b = cache.validate(cache.load(gen(50, 1), secrets));
    expect(JSON.stringify(b)).toBe(JSON.stringify(configSchema.parse(full.load(gen(50, 1), secrets).resolved)));
    expect(b.receivers[5]).toBe(a.receivers[5]); // unchanged receiver: same output object
    expect(b.receivers[1]).not.toBe(a.receivers[1]); // team-0, the one that changed
  });

  it("re-parses only the root route's head when a root setting changes, and keeps every child route's validated output", () => {
    const cache = new IncrementalChecker();
    const before = cache.validate(cache.load(gen(100), secrets));
    const edited = gen(100).replace('  group_by: [alertname]\n', '  group_by: [alertname]\n  group_wait: 45s\n');
    const after = cache.validate(cache.load(edited, secrets));
    expect(cache.lastParse).toMatchObject({ fast: true, reused: cache.lastParse.chunks - 1 });
    expect(after.route.group_wait).toBe('45s');
    expect(after.route.routes![37]).toBe(before.route.routes![37]); // the same validated object
    expect(JSON.stringify(after)).toBe(JSON.stringify(full.validate(full.load(edited, secrets))));
  });

  it('hands back an unchanged section, and the unchanged children of an edited root route, as the very same validated list', () => {
    const cache = new IncrementalChecker();
    const before = cache.validate(cache.load(gen(100), secrets));
    const edited = gen(100).replace('  group_by: [alertname]\n', '  group_by: [alertname]\n  group_wait: 45s\n');
    const after = cache.validate(cache.load(edited, secrets));
    expect(after.route).not.toBe(before.route);
    expect(after.route.routes).toBe(before.route.routes);
    expect(after.receivers).toBe(before.receivers);
    // Sections the file leaves out: their defaults, the same objects each time.
    expect(after.time_intervals).toBe(before.time_intervals);
    expect(after.server).toBe(before.server);
    // One receiver changed: a new list, every other item still the same object.
    const again = cache.validate(cache.load(edited.replace('name: team-7\n', 'name: team-7b\n').replace('receiver: team-7\n', 'receiver: team-7b\n'), secrets));
    expect(again.receivers).not.toBe(after.receivers);
    expect(again.receivers[3]).toBe(after.receivers[3]);
  });

  it('re-parses only the child route that changed', () => {
    const cache = new IncrementalChecker();
    const before = cache.validate(cache.load(gen(100), secrets));
    const edited = gen(100).replace('        - team="team-42"', '        - team=~"team-42|team-43"');
    const after = cache.validate(cache.load(edited, secrets));
    expect(cache.lastParse).toMatchObject({ fast: true, reused: cache.lastParse.chunks - 1 });
    expect(after.route.routes![42]!.matchers).toEqual(['team=~"team-42|team-43"']);
    expect(after.route.routes![41]).toBe(before.route.routes![41]);
    expect(after.route).not.toBe(before.route);
  });

  it('leaves the root route whole when its routes are not a block list directly under it', () => {
    const flow = 'route:\n  receiver: a\n  routes: [{ receiver: a }]\nreceivers: [{ name: a }]\n';
    expect(splitSections(flow)!.find((s) => s.key === 'route')!.children).toBeUndefined();
    const cache = new IncrementalChecker();
    const { full: f, fast } = both(flow, cache);
    expect(fast).toEqual(f);
  });

  it('cuts items and child routes at their dashes only, around blank lines, comments and deeper lines', () => {
    const text = [
      'route:',
      '  receiver: a',
      '  # a comment at the key indent',
      '  routes:',
      '  - receiver: a',
      '    matchers: [\'x="1"\']',
      '   ',
      '      # a deeper comment',
      '  -',
      '    receiver: b',
      '  group_by: [alertname]',
      'receivers:',
      '# a comment at column 0',
      '  - name: a',
      '',
      '    webhook_configs: [{ url: "http://127.0.0.1:9/a" }]',
      '  - name: b',
      '  # between items',
      '  -   name: c',
      '',
    ].join('\n');
    const sections = splitSections(text)!;
    expect(sections.find((s) => s.key === 'route')!.children).toHaveLength(2);
    expect(sections.find((s) => s.key === 'receivers')!.items).toHaveLength(3);
    const { full: f, fast } = both(text, new IncrementalChecker());
    expect(fast).toEqual(f);
    // A line at the dashes' indent that is not an item ends the list: not cut, read whole.
    const broken = text.replace('  - name: b', '  name: b');
    expect(splitSections(broken)!.find((s) => s.key === 'receivers')!.items).toBeNull();
    expect(both(broken, new IncrementalChecker()).fast).toEqual(both(broken, new IncrementalChecker()).full);
  });

  it('steps aside for anchors, document markers, tabs, quoted or duplicate top-level keys', () => {
    const cases = [
      'defaults: &d {send_resolved: true}\n' + sample,
      '---\n' + sample,
      sample.replace('route:', '"route":'),
      sample + '\nlog:\n  level: debug\n',
      '  indented: first\n' + sample,
    ];
    for (const text of cases) expect(splitSections(text)).toBeNull();
  });

  it('reports a syntax error inside a cached document at its real line', () => {
    const cache = new IncrementalChecker();
    cache.load(gen(20), secrets);
    const broken = gen(20).replace('  - name: team-7\n', '  - name: [team-7\n');
    const { full, fast } = both(broken, cache);
    expect(fast).toEqual(full);
    expect(full.ok).toBe(false);
  });

  it.each([
    ['the sample', sample],
    ['a generated config', gen(20)],
    ['a generated config whose root route has settings after its routes', gen(20).replace('  routes:\n', '  group_wait: 10s\n  routes:\n').replace('receivers:\n', '  repeat_interval: 2h\n  continue: false\nreceivers:\n')],
  ])('agrees with the full path on 400 random mutations of %s', (_, original) => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const lines = original.split('\n');
    const cache = new IncrementalChecker();
    cache.load(original, secrets);
    for (let k = 0; k < 400; k++) {
      const l = [...lines];
      const i = rand(l.length);
      switch (rand(6)) {
        case 0: l.splice(i, 1); break; // delete a line
        case 1: l.splice(i, 0, l[rand(l.length)]!); break; // duplicate a line elsewhere
        case 2: l[i] = '  ' + l[i]; break; // indent
        case 3: l[i] = l[i]!.replace(/^ {2}/, ''); break; // dedent
        case 4: l[i] = l[i]!.replace(/:/, ': x'); break; // break a value
        case 5: l.splice(i, 0, '- stray'); break; // a stray item
      }
      // Every other time as a reload does it: freshLength first (it cuts the text), then the load.
      if (k % 2 === 0) cache.freshLength(l.join('\n'));
      const { full, fast } = both(l.join('\n'), cache);
      expect(fast, `mutation ${k}:\n${l.join('\n')}`).toEqual(full);
    }
  });
});

/** One random edit of a line of `text`, as a person or a tool makes them. */
function editLine(text: string, rand: (n: number) => number): string {
  const l = text.split('\n');
  const i = rand(l.length);
  switch (rand(9)) {
    case 0: l.splice(i, 1); break; // delete a line
    case 1: l.splice(i, 0, l[rand(l.length)]!); break; // a copy of another line
    case 2: l[i] = '  ' + l[i]; break; // indent
    case 3: l[i] = l[i]!.replace(/^ {2}/, ''); break; // dedent
    case 4: l[i] = l[i]!.replace(/:/, ': x'); break; // break a value
    case 5: l.splice(i, 0, '- stray'); break; // a stray item
    case 6: l[i] = l[i]!.replace(/[a-z0-9]+$/, (w) => `${w}x`); break; // change a value
    case 7: l.splice(i, 0, `${' '.repeat(rand(6))}# note`); break; // a comment
    case 8: l.splice(i, 0, rand(2) ? 'extra_key: 1' : ''); break; // a new top-level key, or a blank line
  }
  return l.join('\n');
}

describe('resplit (cutting a text against the cut of the text before it)', () => {
  it.each([
    ['the sample config', sample],
    ['a generated config', gen(30)],
    ['a config written with column-0 lists', gen(10).replace(/\n {2}- /g, '\n- ').replace(/\n {4}/g, '\n  ')],
  ])('cuts %s, edit after edit, exactly as a whole cut does, or steps aside', (_, original) => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    let text = original;
    let split = splitText(text);
    let reused = 0;
    for (let k = 0; k < 600; k++) {
      const next = editLine(text, rand);
      const whole = splitText(next);
      const fast = split ? resplit(split, next) : null;
      if (fast) {
        reused++;
        expect(fast, `edit ${k}:\n${next}`).toEqual(whole);
      }
      // Usually go on from the edited text; now and then back to the original (a revert).
      [text, split] = rand(8) === 0 ? [original, splitText(original)] : [next, fast ?? whole];
    }
    expect(reused).toBeGreaterThan(200);
  });
});

describe('resplit reads again only the piece an everyday edit touches', () => {
  const base = gen(100);
  const prev = splitText(base)!;
  const sectionOf = (split: NonNullable<ReturnType<typeof splitText>>, key: string) => split.sections.find((s) => s.key === key)!;

  it('one receiver: that item; the others are the very strings of the last cut', () => {
    const next = resplit(prev, base.replace('name: team-7\n', 'name: team-7b\n'))!;
    const [before, after] = [sectionOf(prev, 'receivers'), sectionOf(next, 'receivers')];
    expect(after.items!.filter((item, i) => item !== before.items![i])).toEqual([expect.stringContaining('team-7b')]);
    expect(after.items![3]).toBe(before.items![3]);
    expect(next).toEqual(splitText(next.text));
  });

  it("the root route's group_wait: its head; every child route is the very string of the last cut", () => {
    const next = resplit(prev, base.replace('  group_by: [alertname]\n', '  group_by: [alertname]\n  group_wait: 45s\n'))!;
    const [before, after] = [sectionOf(prev, 'route'), sectionOf(next, 'route')];
    expect(after.text).toContain('group_wait: 45s');
    expect(after.children!.every((child, i) => child === before.children![i])).toBe(true);
    expect(next).toEqual(splitText(next.text));
  });
});

describe('IncrementalChecker on a chain of edits (each to the text before it, as reloads see them)', () => {
  it.each([
    ['the sample config', sample],
    ['a generated config', gen(30)],
  ])('agrees with the full path on 300 successive edits of %s', (_, original) => {
    let seed = 11;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const cache = new IncrementalChecker();
    let text = original;
    cache.load(text, secrets);
    for (let k = 0; k < 300; k++) {
      const next = editLine(text, rand);
      if (k % 2 === 0) cache.freshLength(next);
      const { full, fast } = both(next, cache);
      expect(fast, `edit ${k}:\n${next}`).toEqual(full);
      // An edit that breaks the file is usually fixed next: go on from the last good text.
      if (full.ok && typeof full.config === 'string') text = next;
    }
  });
});

describe('IncrementalChecker.freshLength (what the reload hands to the parse worker)', () => {
  const secrets = fakeSecrets({}, {});
  const base = genHotconfYaml(50);

  it('counts the characters of the chunks a load would parse anew, parsing nothing', () => {
    const checker = new IncrementalChecker();
    // Nothing cached yet: every chunk is fresh (the text less the newlines between chunks).
    expect(checker.freshLength(base)).toBeGreaterThan(base.length * 0.9);
    checker.load(base, secrets);
    expect(checker.freshLength(base)).toBe(0);
    const edited = base.replace('name: team-7\n', 'name: team-7b\n');
    const fresh = checker.freshLength(edited)!;
    expect(fresh).toBeGreaterThan(0);
    expect(fresh).toBeLessThan(400);
    // Asking parsed nothing: the next load still finds the edited chunk fresh and bounds it.
    checker.load(edited, secrets);
    expect(checker.lastParse).toMatchObject({ fast: true, reused: checker.lastParse.chunks - 1 });
  });

  it('is null when the full parser would run (anchors, too large)', () => {
    const checker = new IncrementalChecker();
    expect(checker.freshLength(`x: &a 1\n${base}`)).toBeNull();
    expect(checker.freshLength(`${base}x: "${'a'.repeat(5 * 1024 * 1024)}"\n`)).toBeNull();
  });
});
