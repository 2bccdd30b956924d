// A corpus for parity tests of the fast locator (server/config/fast-locate.ts): random
// block-style YAML documents, and every path in a document. The documents nest mappings and
// lists in every block form a config may use (compact `- key: v`, indentless lists, `- - x`,
// values on the next line), with the things a scanner must step over (comments, blank
// lines, flow collections, quoted and multi-line scalars, block scalars whose lines look
// like keys). Deterministic for a seed.
import { isMap, isScalar, isSeq, type Document } from 'yaml';

export type Segment = string | number;

export type Random = () => number;

/** mulberry32: small, fast, and the same sequence on every run. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => ' '.repeat(n);

export function randomBlockYaml(random: Random, opts: { maxDepth?: number; maxEntries?: number } = {}): string {
  const maxDepth = opts.maxDepth ?? 4;
  const maxEntries = opts.maxEntries ?? 5;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number) => random() < p;
  const count = () => 1 + Math.floor(random() * maxEntries);
  const step = () => pick([1, 2, 2, 2, 4]);

  const scalar = () =>
    pick([
      'plain',
      'two words',
      'http://127.0.0.1:9999/hook?a=b#frag',
      '30s',
      '42',
      '-7',
      'true',
      '~',
      "'single ''quoted'' value'",
      '"double \\"quoted\\" value"',
      "'a: b # not a comment'",
      'team="a"',
      "it's",
      'x #',
    ]);
  const flow = () => pick(['[]', '{}', '[a, b]', "['x=\"1\"', 'y']", '{k: v, "q": [1, 2]}', '[ {a: 1}, [b] ]']);
  const comment = () => (chance(0.2) ? `  # ${pick(['note', 'key: value', '- item'])}` : '');

  /** Blank and comment lines between entries (a comment at any indentation). */
  const filler = (indent: number): string[] => {
    const out: string[] = [];
    if (chance(0.15)) out.push('');
    if (chance(0.15)) out.push(`${pad(Math.max(0, indent + pick([-2, 0, 3])))}# ${pick(['comment', 'a: b', '- c'])}`);
    return out;
  };

  /** Lines of a value under a key or dash at column `owner`. `inline` is what follows the
   *  indicator on its own line; `below` the lines after it. */
  const value = (owner: number, depth: number, inMapping: boolean): { inline: string; below: string[] } => {
    const roll = random();
    if (depth >= maxDepth || roll < 0.35) {
      // A plain scalar may go on over the lines below, indented more than its owner.
      if (chance(0.1)) return { inline: ' two words', below: [`${pad(owner + step())}and more words`, `${pad(owner + 1)}and the last`] };
      return { inline: ` ${scalar()}${comment()}`, below: [] };
    }
    if (roll < 0.45) return { inline: chance(0.5) ? comment() : chance(0.5) ? ' ' : '', below: [] }; // empty: null
    if (roll < 0.55) return { inline: ` ${flow()}${comment()}`, below: [] };
    if (roll < 0.6) {
      const indent = owner + step();
      return { inline: ` ${pick(['|', '>', '|-', '>+'])}`, below: [`${pad(indent)}text: looks like a key`, '', `${pad(indent)}- and an item`, `${pad(indent + 2)}# and a comment`] };
    }
    const indent = owner + step();
    if (roll < 0.8) return { inline: comment(), below: mapping(indent, depth + 1) };
    // An indentless list is only allowed as a mapping value.
    return { inline: comment(), below: sequence(inMapping && chance(0.3) ? owner : indent, depth + 1) };
  };

  const keyOf = (i: number) => pick([`k${i}`, `key_${i}`, `with space ${i}`, `'quoted ${i}'`, `"dq ${i}"`, `url${i}`, `a.b${i}`, `x-${i}`]);

  const mapping = (indent: number, depth: number): string[] => {
    const out: string[] = [];
    const n = count();
    for (let i = 0; i < n; i++) {
      if (i > 0) out.push(...filler(indent));
      const { inline, below } = value(indent, depth, true);
      out.push(`${pad(indent)}${keyOf(i)}${chance(0.1) ? ' ' : ''}:${inline}`, ...below);
    }
    return out;
  };

  const sequence = (indent: number, depth: number): string[] => {
    const out: string[] = [];
    const n = count();
    for (let i = 0; i < n; i++) {
      if (i > 0) out.push(...filler(indent));
      const roll = random();
      const dash = `${pad(indent)}-`;
      if (depth < maxDepth && roll < 0.35) {
        // Compact mapping: its first entry on the dash's line.
        const gap = pick([1, 1, 3]);
        const [first, ...rest] = mapping(indent + 1 + gap, depth + 1);
        out.push(`${dash}${pad(gap)}${(first ?? '').trimStart()}`, ...rest);
      } else if (depth < maxDepth && roll < 0.45) {
        const [first, ...rest] = sequence(indent + 2, depth + 1);
        out.push(`${dash} ${(first ?? '').trimStart()}`, ...rest);
      } else {
        const { inline, below } = value(indent, depth, false);
        out.push(`${dash}${inline}`, ...below);
      }
    }
    return out;
  };

  const head = chance(0.2) ? ['# a config', ''] : [];
  const start = chance(0.1) ? ['---'] : [];
  const body = chance(0.85) ? mapping(0, 0) : sequence(0, 0);
  return [...head, ...start, ...body, ''].join('\n');
}

/** Every path in the document, plus missing ones next to each (a missing key, an index past
 *  the end, a key asked of a list, a path past a scalar). `viaFlow`: the path reads inside a
 *  flow collection, where the fast locator declines. */
export function pathsOf(doc: Document): { path: Segment[]; viaFlow: boolean }[] {
  const out: { path: Segment[]; viaFlow: boolean }[] = [];
  const visit = (node: unknown, path: Segment[], viaFlow: boolean) => {
    out.push({ path, viaFlow });
    if (isMap(node)) {
      const flow = viaFlow || Boolean(node.flow);
      out.push({ path: [...path, 'no_such_key'], viaFlow: flow });
      for (const pair of node.items) if (isScalar(pair.key)) visit(pair.value, [...path, String(pair.key.value)], flow);
    } else if (isSeq(node)) {
      const flow = viaFlow || Boolean(node.flow);
      out.push({ path: [...path, node.items.length], viaFlow: flow }, { path: [...path, 'key'], viaFlow: flow });
      node.items.forEach((item, i) => visit(item, [...path, i], flow));
    } else {
      out.push({ path: [...path, 'deeper'], viaFlow });
    }
  };
  visit(doc.contents, [], false);
  return out;
}


/** A small config whose line numbers the locator tests name in comments. */
export const LOCATE_FIXTURE = [
  '# hotconf config', //                        1
  'server:', //                                 2
  '  port: 8080', //                            3
  'route:', //                                  4
  '  group_by: [alertname]', //                 5
  '  routes:', //                               6
  '    - receiver: team-a', //                  7
  '      matchers:', //                         8
  "        - 'team=\"a\"'", //                  9
  '    - { receiver: team-b, continue: true }', // 10
  'receivers:', //                              11
  '  - name: team-a', //                        12
  '',
].join('\n');
