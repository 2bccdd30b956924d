// Line/column for a YAML path: the slow path, used only when an error must be located.
// The hot path (load.ts) parses with js-yaml, which gives no positions for values; the
// `yaml` package keeps every node's source range, at ~10× the parse time, so it runs only
// when there is something to point at.
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export type PathLocator = (path: readonly (string | number)[]) => Position | null;

/** Same YAML reading as the hot path (core schema, merge keys), so paths walk the same tree. */
function parseWithPositions(text: string): { doc: Document; lines: LineCounter } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, merge: true, schema: 'core', prettyErrors: false });
  return { doc, lines };
}

/**
 * Parses once and answers many paths (a validation failure may carry hundreds of issues).
 * Returns, for a path:
 * - a mapping entry → the position of its KEY (where an editor marker belongs);
 * - a list item → the item's position;
 * - a path that does not exist (a missing field) → its nearest existing ancestor, down to
 *   the start of the document's content (line 1, column 1 for an empty file).
 * Aliases and merge keys (`<<: *defaults`) are followed, so a value that came from an
 * anchor is located where it is written. Null only when the text is not YAML at all.
 */
export function createLocator(text: string): PathLocator {
  const { doc, lines } = parseWithPositions(text);
  const at = (offset: number): Position => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const root: Position = doc.contents?.range ? at(doc.contents.range[0]) : { line: 1, column: 1 };

  return (path) => {
    if (doc.contents === null && doc.errors.length > 0) return null;
    let node: unknown = doc.contents;
    let found = root;
    for (const segment of path) {
      node = resolveAlias(doc, node);
      if (isMap(node)) {
        const pair = findPair(doc, node, String(segment));
        if (!pair) return found;
        const key = pair.key as Node | null;
        if (key?.range) found = at(key.range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | null | undefined;
        if (item === undefined) return found;
        if (item !== null && item.range) found = at(item.range[0]);
        node = item;
      } else {
        return found;
      }
    }
    return found;
  };
}

/** One-off form of createLocator. */
export function locatePath(text: string, path: readonly (string | number)[]): Position | null {
  return createLocator(text)(path);
}

function resolveAlias(doc: Document, node: unknown): unknown {
  // An alias of an alias is not valid YAML, so one step suffices.
  return isAlias(node) ? node.resolve(doc) : node;
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol' && key.value.description === '<<';
}

/** The pair for `key` as js-yaml would read the mapping: its own entries first, then the
 *  merged mappings in order (`<<: [*a, *b]`: *a wins over *b). */
function findPair(doc: Document, map: YAMLMap, key: string, depth = 0): Pair | null {
  for (const pair of map.items) {
    if (isMergeKey(pair.key)) continue;
    const k = isScalar(pair.key) ? pair.key.value : pair.key;
    if (k !== null && typeof k !== 'object' && String(k) === key) return pair;
  }
  // Merges can only nest as deep as the anchors written in the text; the bound stops a
  // recursive anchor from looping.
  if (depth > 32) return null;
  for (const pair of map.items) {
    if (!isMergeKey(pair.key)) continue;
    const source = resolveAlias(doc, pair.value);
    const sources = isSeq(source) ? source.items.map((s) => resolveAlias(doc, s)) : [source];
    for (const src of sources) {
      if (!isMap(src)) continue;
      const hit = findPair(doc, src, key, depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}

/** Position of a YAML syntax error as the `yaml` package sees it; for js-yaml errors that
 *  come without a position (e.g. a second document in the stream). */
export function locateSyntaxError(text: string): Position | null {
  const { doc, lines } = parseWithPositions(text);
  const err = doc.errors[0];
  if (!err) return null;
  const p = lines.linePos(err.pos[0]);
  return { line: p.line, column: p.col };
}

/**
 * Where an alias bomb is armed: the first alias that refers to a collection which itself
 * contains aliases (that nesting is what makes expansion exponential); failing that, the
 * first alias. Null when the text has no alias the `yaml` package can see.
 */
export function locateNestedAlias(text: string): Position | null {
  const { doc, lines } = parseWithPositions(text);
  let first: Position | null = null;
  let nested: Position | null = null;
  visit(doc, {
    Alias(_, alias) {
      const pos = alias.range ? lines.linePos(alias.range[0]) : null;
      if (!pos) return undefined;
      const here = { line: pos.line, column: pos.col };
      first ??= here;
      const target = alias.resolve(doc);
      if (target && containsAlias(target)) {
        nested = here;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return nested ?? first;
}

function containsAlias(node: Node): boolean {
  let found = false;
  visit(node, {
    Alias() {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}
