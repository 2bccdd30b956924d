// The config core's one locator: where in the text a YAML path is, as a span an editor can
// underline and a CLI can print as LINE:COLUMN. The service, the console and the browser
// all locate issues here, so an issue reads the same everywhere.
//
// Two readers answer, in order:
// - fast-locate.ts, an indentation scanner (~1.5 ms on a 5,000-line config), for the block
//   YAML that config files nearly always are;
// - the `yaml` package's parseDocument (~70 ms on the same file), which keeps every node's
//   source range, follows aliases and merge keys, and reads anything. It runs only when the
//   scanner declines a path, and parses at most once per locator.
// test/server/config/fast-locate.test.ts holds the scanner to the parser's answers.
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { createFastLocator, type FastSpan } from './fast-locate';

type Segment = string | number;

/** 1-based; the end is exclusive and on the start's line (a marker underlines one line). */
export interface Span {
  line: number;
  column: number;
  end_line: number;
  end_column: number;
}

export interface LocateOptions {
  /** Point at the key naming the path's last segment even when its value is a scalar (an
   *  unknown field is about the key; a wrong value is about the value). */
  onKey?: boolean;
}

/**
 * For a path:
 * - a scalar value → the scalar (unless `onKey`);
 * - a mapping entry whose value is a collection → its key (one line, not the whole block);
 * - a list item that is a collection → the item's first character;
 * - a path that does not exist (a missing field) → its nearest existing ancestor, down to
 *   the start of the document's content (line 1, column 1 for an empty file).
 * Null only when the text is not YAML at all.
 */
export type PathLocator = (path: readonly Segment[], opts?: LocateOptions) => Span | null;

/** Scans once and answers many paths (a validation failure may carry hundreds of issues).
 *  `fast: false` always asks the parser (the parity tests compare the two); `parseUpTo` is the
 *  largest text the parser is asked about at all. */
export function createLocator(text: string, { fast = true, parseUpTo = PARSE_TO_LOCATE_UP_TO } = {}): PathLocator {
  const spanOf = spanMaker(text);
  const scanner = fast ? createFastLocator(text) : null;
  let parsed: ReturnType<typeof parseWithRanges> | null = null;
  return (path, opts = {}) => {
    const quick = scanner ? fastRange(scanner.span(path), opts.onKey ?? false) : null;
    if (quick) return spanOf(quick[0], quick[1]);
    if (scanner && text.length > parseUpTo) return nearestScanned(scanner, path, spanOf);
    parsed ??= parseWithRanges(text);
    const range = parsedRange(parsed, path, opts.onKey ?? false);
    return range ? spanOf(range[0], range[1]) : null;
  };
}

/** Above this, a path the scanner declines (inside a flow collection, a scalar spanning lines,
 *  behind an alias) is not handed to the parser: the issue points at the nearest ancestor the
 *  scanner places, usually the same line. The parser costs ~0.3 ms per KB, and 200 KB of
 *  unknown fields in one flow mapping took 0.4–1.7 s to check on a busy machine. */
export const PARSE_TO_LOCATE_UP_TO = 128 * 1024;

function nearestScanned(scanner: ReturnType<typeof createFastLocator>, path: readonly Segment[], spanOf: (start: number, end: number) => Span): Span {
  for (let n = path.length - 1; n > 0; n--) {
    const range = fastRange(scanner.span(path.slice(0, n)), false);
    if (range) return spanOf(range[0], range[1]);
  }
  return spanOf(0, 1);
}

/** One-off form of createLocator. */
export function locatePath(text: string, path: readonly Segment[], opts?: LocateOptions): Span | null {
  return createLocator(text)(path, opts);
}

/** The scanner's answer as [start, end) offsets, or null when the span does not hold it. */
function fastRange(span: FastSpan | null, onKey: boolean): [number, number] | null {
  if (!span) return null;
  if (onKey && span.depth > 0) return span.at;
  if (span.value.kind === 'scalar') return span.value.range; // null: spans lines, ask the parser
  if (span.value.kind === 'unknown') return null;
  return span.at;
}

// ---------------------------------------------------------------- the parser's answer

/** Same YAML reading as the loader (core schema, merge keys), so paths walk the same tree. */
function parseWithRanges(text: string): Document {
  // No duplicate-key check: js-yaml refused those already, and the `yaml` package's check is
  // quadratic in a mapping's size.
  return parseDocument(text, { merge: true, schema: 'core', prettyErrors: false, uniqueKeys: false });
}

function parsedRange(doc: Document, path: readonly Segment[], onKey: boolean): [number, number] | null {
  if (doc.contents === null && doc.errors.length > 0) return null;
  let node: unknown = doc.contents;
  let keyRange: [number, number] | null = null;
  for (const segment of path) {
    node = resolveAlias(doc, node);
    if (isMap(node)) {
      const pair = findPair(doc, node, String(segment));
      const key = pair?.key as Node | null | undefined;
      if (!pair || !key?.range) break;
      keyRange = [key.range[0], key.range[1]];
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | null | undefined;
      if (item === undefined || item === null || !item.range) break;
      // A list item has no key: its first character stands for it.
      keyRange = [item.range[0], item.range[0] + 1];
      node = item;
    } else {
      break;
    }
  }
  // A path ending on an alias (`key: *name`) points at the key that uses it, as the scanner
  // does, not at the anchor's value far away.
  if (isScalar(node) && node.range && !(onKey && keyRange)) return [node.range[0], node.range[1]];
  if (keyRange) return keyRange;
  const start = (doc.contents as Node | null)?.range?.[0] ?? 0;
  return [start, start + 1];
}

function resolveAlias(doc: Document, node: unknown): unknown {
  // An alias of an alias is not valid YAML, so one step suffices.
  return isAlias(node) ? node.resolve(doc) : node;
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol' && key.value.description === '<<';
}

/** The pair for `key` as the loader reads the mapping: its own entries first, then the
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

// ---------------------------------------------------------------- syntax errors, aliases

/** The `yaml` package's reading of a text the loader refused: its messages name the
 *  construct and point at it. Empty when it finds nothing wrong. Duplicate keys are not
 *  its to find (read-yaml.ts takes js-yaml's place for them): its check is quadratic. */
export function syntaxErrorsOf(text: string): { span: Span; message: string }[] {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, lineCounter: new LineCounter() });
  const spanOf = spanMaker(text);
  return doc.errors.map((e) => ({ span: spanOf(e.pos[0], e.pos[1]), message: e.message.split('\n')[0] ?? e.message }));
}

/**
 * Where an alias bomb is armed: the first alias that refers to a collection which itself
 * contains aliases (that nesting is what makes expansion exponential); failing that, the
 * first alias. Null when the text has no alias the `yaml` package can see.
 */
export function locateNestedAlias(text: string): Span | null {
  const doc = parseWithRanges(text);
  const spanOf = spanMaker(text);
  let first: Span | null = null;
  let nested: Span | null = null;
  visit(doc, {
    Alias(_, alias) {
      if (!alias.range) return undefined;
      const here = spanOf(alias.range[0], alias.range[1]);
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

// ---------------------------------------------------------------- offsets → lines

/** Turns [start, end) offsets into a Span. Lines start after each "\n", as the `yaml`
 *  package counts them; the line table is built on first use. */
function spanMaker(text: string): (start: number, end: number) => Span {
  let starts: number[] | null = null;
  const lineOf = (offset: number): number => {
    if (!starts) {
      starts = [0];
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) starts.push(nl + 1);
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  return (start, end) => {
    const s = Math.max(0, Math.min(start, text.length));
    const line = lineOf(s);
    const lineStart = starts![line]!;
    const nl = text.indexOf('\n', s);
    const lineEnd = nl === -1 ? text.length : nl;
    // An empty range would draw no underline: cover at least one character.
    const e = Math.max(Math.min(end, lineEnd), s + 1);
    return { line: line + 1, column: s - lineStart + 1, end_line: line + 1, end_column: e - lineStart + 1 };
  };
}
