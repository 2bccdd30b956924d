import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
// @ts-expect-error plain JS benchmark helper without types
import { genHotconfYaml } from '../../../bench/lib/gen-config.mjs';
import { bigConfig } from '../../../bench/console/big-config';
import { createFastLocator, type FastSpan } from '../../../server/config/fast-locate';
import { createLocator } from '../../../server/config/locate';
import { CORE_SCHEMA } from '../../../server/config/yaml-schema';
import { LOCATE_FIXTURE, pathsOf, randomBlockYaml, seeded } from './yaml-corpus';

type Segment = string | number;

const sample = readFileSync(new URL('../../../server/config/sample-config.yaml', import.meta.url), 'utf8');

const TEXT = LOCATE_FIXTURE;

/** Where the scanner's span points (a key, a list item, the document's start) as LINE:COLUMN;
 *  null when it declines the path. */
function fastLocate(text: string, path: readonly Segment[]): { line: number; column: number } | null {
  const span = createFastLocator(text).span(path);
  if (!span) return null;
  const lineStart = text.lastIndexOf('\n', span.at[0] - 1) + 1;
  return { line: text.slice(0, lineStart).split('\n').length, column: span.at[0] - lineStart + 1 };
}

/** The parser's answer to the same question: the key (or item) a path ends on. */
function locatePath(text: string, path: readonly Segment[]): { line: number; column: number } | null {
  const span = createLocator(text, { fast: false })(path, { onKey: true });
  return span && { line: span.line, column: span.column };
}

describe('fastLocate', () => {
  it('points a mapping entry at its key, as locatePath does', () => {
    expect(fastLocate(TEXT, ['server', 'port'])).toEqual({ line: 3, column: 3 });
    expect(fastLocate(TEXT, ['route', 'routes', 0, 'receiver'])).toEqual({ line: 7, column: 7 });
    expect(fastLocate(TEXT, ['receivers', 0, 'name'])).toEqual({ line: 12, column: 5 });
  });

  it('points a list item at the item', () => {
    expect(fastLocate(TEXT, ['route', 'routes', 0, 'matchers', 0])).toEqual({ line: 9, column: 11 });
    expect(fastLocate(TEXT, ['route', 'routes', 1])).toEqual({ line: 10, column: 7 });
    expect(fastLocate(TEXT, ['route', 'routes', 0])).toEqual({ line: 7, column: 7 });
  });

  it('falls back to the nearest existing ancestor for a missing field', () => {
    expect(fastLocate(TEXT, ['route', 'receiver'])).toEqual({ line: 4, column: 1 });
    expect(fastLocate(TEXT, ['receivers', 5, 'name'])).toEqual({ line: 11, column: 1 });
    expect(fastLocate(TEXT, ['server', 'port', 'deeper'])).toEqual({ line: 3, column: 3 });
    expect(fastLocate(TEXT, ['receivers', 'name'])).toEqual({ line: 11, column: 1 });
  });

  it('places a missing top-level section at the start of the content', () => {
    expect(fastLocate(TEXT, ['inhibit_rules'])).toEqual({ line: 2, column: 1 });
    expect(fastLocate(TEXT, [])).toEqual({ line: 2, column: 1 });
    expect(fastLocate('---\n# c\nroute: {}\n', ['receivers'])).toEqual({ line: 3, column: 1 });
  });

  it('answers null for a path into a flow collection, which only a parser can read', () => {
    expect(fastLocate(TEXT, ['route', 'routes', 1, 'continue'])).toBeNull();
    expect(fastLocate(TEXT, ['route', 'group_by', 0])).toBeNull();
    expect(fastLocate(TEXT, ['route', 'group_by', 3])).toBeNull();
  });

  it('reads the compact, indentless and nested list forms', () => {
    const text = [
      'a:', //                 1
      '- x', //                2
      '-   k: 1', //           3
      '    j: 2', //           4
      '- - y', //              5
      '  - z', //              6
      '-', //                  7
      '  # c', //              8
      '  m: 3', //             9
      '-   ', //               10
      'b: 4', //               11
    ].join('\n');
    for (const path of [['a', 0], ['a', 1, 'j'], ['a', 2, 1], ['a', 3], ['a', 3, 'm'], ['a', 4], ['a', 5], ['b'], ['a', 1, 'nope']]) {
      expect(fastLocate(text, path), path.join('.')).toEqual(locatePath(text, path));
    }
    expect(fastLocate(text, ['a', 4])).toEqual({ line: 10, column: 5 });
  });

  it('reads lists written at their key’s column, as Kubernetes-style YAML does', () => {
    const text = ['receivers:', '- name: a', '  webhook_configs:', '  - url: x', '    send_resolved: true', '- name: b', ''].join('\n');
    expect(fastLocate(text, ['receivers', 0, 'webhook_configs', 0, 'send_resolved'])).toEqual({ line: 5, column: 5 });
    expect(fastLocate(text, ['receivers', 1, 'name'])).toEqual({ line: 6, column: 3 });
    expect(fastLocate(text, ['receivers', 0, 'webhook_configs', 1])).toEqual({ line: 3, column: 3 });
  });

  it('reads keys and values with the characters plain scalars allow', () => {
    const text = ['a:b: 1', 'ключ: 2', '"😀": 3', 'url: http://x/#frag # comment', 'd: ?x', 'e  : -x', ''].join('\n');
    for (const path of [['a:b'], ['ключ'], ['😀'], ['url'], ['d'], ['e'], ['missing']]) {
      expect(fastLocate(text, path), path.join('.')).toEqual(locatePath(text, path));
    }
    expect(fastLocate(text, ['e'])).toEqual({ line: 6, column: 1 });
  });

  it('steps over comments, block scalars, multi-line plain scalars and one-line flow values', () => {
    const text = [
      'a: |', //                        1
      '  b: not a key', //              2
      '', //                            3
      '  - not an item', //             4
      'c: two words', //                5
      '  go on here', //                6
      '# d: commented out', //          7
      'e: [1, {f: "]"}]  # ok', //      8
      "'quoted key': 'it''s'", //       9
      '"dq key" : x', //                10
      'g:', //                          11
      '    # deeper comment', //        12
      '  h: 1', //                      13
      '',
    ].join('\n');
    for (const path of [['c'], ['e'], ['quoted key'], ['dq key'], ['g', 'h'], ['d'], ['b'], ['a', 'b']]) {
      expect(fastLocate(text, path), path.join('.')).toEqual(locatePath(text, path));
    }
    expect(fastLocate(text, ['g', 'h'])).toEqual({ line: 13, column: 3 });
  });

  it('counts columns the same way with CRLF line ends', () => {
    const text = TEXT.replaceAll('\n', '\r\n');
    for (const path of [['server', 'port'], ['receivers', 0, 'name'], ['route', 'routes', 0, 'matchers', 0]]) {
      expect(fastLocate(text, path)).toEqual(locatePath(text, path));
    }
  });

  it('answers null when aliases or merge keys may be on the way, and locates what they cannot affect', () => {
    const text = ['x-hook: &hook', '  timeout: 5s', 'receivers:', '  - name: a', '    webhook_configs:', '      - <<: *hook', '        url: http://a', '  - name: b', '    webhook_configs:', '      - *hook', ''].join('\n');
    expect(fastLocate(text, ['x-hook', 'timeout'])).toBeNull(); // behind an anchor
    expect(fastLocate(text, ['receivers', 0, 'webhook_configs', 0, 'timeout'])).toBeNull(); // maybe merged
    expect(fastLocate(text, ['receivers', 1, 'webhook_configs', 0, 'timeout'])).toBeNull(); // through an alias
    expect(fastLocate(text, ['receivers', 0, 'webhook_configs', 0, 'url'])).toEqual({ line: 7, column: 9 });
    expect(fastLocate(text, ['receivers', 1, 'name'])).toEqual({ line: 8, column: 5 });
    // An anchored item (the `yaml` package places it after its anchor) next to plain ones.
    const list = 'a:\n- &x\n- y\nb: 1\n';
    expect(fastLocate(list, ['a', 0])).toBeNull();
    expect(fastLocate(list, ['a', 1])).toEqual(locatePath(list, ['a', 1]));
    expect(fastLocate(list, ['b'])).toEqual({ line: 4, column: 1 });
  });

  it('answers null for keys it cannot read as strings when the wanted key is missing', () => {
    const text = 'a:\n  1: x\n  true: y\n  b: z\n';
    expect(fastLocate(text, ['a', 'b'])).toEqual({ line: 4, column: 3 });
    expect(fastLocate(text, ['a', '1'])).toBeNull();
    expect(fastLocate(text, ['a', 'true'])).toBeNull();
  });

  it('answers null for the whole document when its layout is not plain block style', () => {
    const cases = {
      'a flow collection over several lines (js-yaml ignores its indentation)': 'a:\n  x: [1,\nb: 2]\n',
      'a quoted scalar over several lines': 'a:\n  x: "foo\nb: 1"\n',
      'a tab as indentation': 'a:\n\tb: 1\n',
      'a second document': 'a: 1\n---\nb: 2\n',
      'a directive': '%YAML 1.2\n---\na: 1\n',
      'an explicit key': '? a\n: 1\nb: 2\n',
      'an empty document': '# nothing\n',
      'a scalar document': 'just text\n',
    };
    for (const [what, text] of Object.entries(cases)) expect(fastLocate(text, ['b']), what).toBeNull();
  });
});

describe('the locator with the scanner in front gives the parser’s answers', () => {
  it('for every path of the sample config', () => {
    expectParity(sample);
  });

  it('for every path of a generated 50-team config', () => {
    expectParity(genHotconfYaml(50));
  });

  it('for every path of the 5,000-line benchmark config', () => {
    expectParity(bigConfig(5_000).text);
  });

  it('for every path of 300 random block-style documents, LF and CRLF', () => {
    const random = seeded(20261126);
    let checked = 0;
    for (let i = 0; i < 300; i++) {
      const text = randomBlockYaml(random);
      if (!loads(text)) continue;
      expectParity(text);
      expectParity(text.replaceAll('\n', '\r\n'));
      checked++;
    }
    // The generator writes valid YAML nearly always: the comparison must not be vacuous.
    expect(checked).toBeGreaterThan(270);
  });
});

describe('createFastLocator().span', () => {
  it('gives the key range, the depth and the one-line scalar range the editor marks', () => {
    const text = 'route:\n  receiver:   pager   # who\n  routes:\n    -\n    - receiver:\n';
    const span = createFastLocator(text).span;
    expect(span(['route', 'receiver'])).toEqual({ depth: 2, at: [9, 17], value: { kind: 'scalar', range: [21, 26] } });
    expect(span(['route', 'receiver', 'deeper'])).toEqual({ depth: 2, at: [9, 17], value: { kind: 'scalar', range: [21, 26] } });
    expect(span(['route', 'routes'])).toMatchObject({ depth: 2, value: { kind: 'collection' } });
    expect(span(['nope'])).toEqual({ depth: 0, at: [0, 1], value: { kind: 'collection' } });
  });

  it('places empty values and spans of every path where the yaml package does', () => {
    const random = seeded(7);
    for (let i = 0; i < 150; i++) {
      const text = randomBlockYaml(random);
      if (!loads(text)) continue;
      const doc = parseDocument(text);
      const span = createFastLocator(text).span;
      for (const { path, viaFlow } of pathsOf(doc)) {
        if (viaFlow) continue;
        const got = span(path);
        const want = referenceSpan(doc, text, path);
        expect(got, `${path.join('.')} in\n${text}`).not.toBeNull();
        const { value, ...rest } = got as FastSpan;
        expect(rest).toEqual({ depth: want.depth, at: want.at });
        if (value.kind === 'scalar' && value.range === null) expect(want.multiLine, `${path.join('.')} in\n${text}`).toBe(true);
        else expect(value).toEqual(want.value);
      }
    }
  });
});

// ---------------------------------------------------------------- helpers

function loads(text: string): boolean {
  try {
    yaml.load(text, { schema: CORE_SCHEMA });
  } catch {
    return false;
  }
  return parseDocument(text).errors.length === 0;
}

/** The core's locator gives the same spans with the scanner in front as the parser alone,
 *  for every path, both for issues about a value and about a key; and the scanner itself
 *  answers every path that does not go through a flow collection. */
function expectParity(text: string): void {
  const doc = parseDocument(text);
  const slow = createLocator(text, { fast: false });
  // Every size: the parity of scanner and parser, not the size guard, is what is compared.
  const withScanner = createLocator(text, { parseUpTo: Infinity });
  const scanner = createFastLocator(text);
  const paths = pathsOf(doc);
  expect(paths.length).toBeGreaterThan(1);
  for (const { path, viaFlow } of paths) {
    if (viaFlow) expect(scanner.span(path), path.join('.')).toBeNull();
    else expect(scanner.span(path), `${path.join('.')} in\n${text}`).not.toBeNull();
    for (const onKey of [false, true]) expect(withScanner(path, { onKey }), `${path.join('.')} (onKey ${onKey}) in\n${text}`).toEqual(slow(path, { onKey }));
  }
}

/** What the editor's yaml-based locator sees for a path: the walk of FastSpan's contract,
 *  done on the `yaml` package's document. */
function referenceSpan(doc: Document, text: string, path: readonly Segment[]) {
  let node: unknown = doc.contents;
  const rootStart = (doc.contents as Node).range?.[0] ?? 0;
  let at: [number, number] = [rootStart, rootStart + 1];
  let depth = 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair || !isScalar(pair.key) || !pair.key.range) break;
      at = [pair.key.range[0], pair.key.range[1]];
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item?.range) break;
      at = [item.range[0], item.range[0] + 1];
      node = item;
    } else break;
    depth++;
  }
  if (isScalar(node) && node.range) {
    const range: [number, number] = [node.range[0], node.range[1]];
    return { depth, at, value: { kind: 'scalar', range }, multiLine: text.slice(range[0], range[1]).includes('\n') || node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' };
  }
  return { depth, at, value: { kind: 'collection' }, multiLine: false };
}

describe('a path ending on an alias', () => {
  it('points at the key that uses it, with or without the scanner', () => {
    const text = 'x: &v 5s\nlog:\n  level: *v\n';
    expect(createLocator(text)(['log', 'level'])).toEqual({ line: 3, column: 3, end_line: 3, end_column: 8 });
    expect(createLocator(text, { fast: false })(['log', 'level'])).toEqual({ line: 3, column: 3, end_line: 3, end_column: 8 });
  });
});
