// The editor's live check: the service's own reading of the text (js-yaml with the same
// YAML schema) and the same zod schema it validates with, run in the browser on every
// (debounced) change, with each issue placed on the YAML node it is about. YAML syntax
// errors come first: the schema is only checked on a parsed document.
//
// Speed matters here (the marker should follow the keystroke within ~150 ms on a
// 5,000-line config): js-yaml reads such a file in ~5 ms where the `yaml` package's
// parseDocument takes ~70 ms, so the `yaml` package only runs when it is the one that can
// answer — to describe a syntax error, or to place an issue the fast scanner declines.
import yaml from 'js-yaml';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { createFastLocator, type FastSpan } from '../../server/config/fast-locate';
import { configSchema } from '../../server/config/schema';
import { CORE_SCHEMA } from '../../server/config/yaml-schema';

export interface DraftIssue {
  /** YAML path, dot-joined with numeric indexes: `route.routes.0.receiver` ('' = the file). */
  path: string;
  message: string;
  code: string;
  /** 1-based range in the text, for a Monaco marker. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

type Segment = string | number;
type Range = Pick<DraftIssue, 'startLine' | 'startColumn' | 'endLine' | 'endColumn'>;

/** Values aliases may add beyond what is written, and the deepest nesting a config may
 *  have: the service's bounds (load.ts), so a draft the editor passes expands the same way
 *  on Apply — and a "billion laughs" draft cannot hang the tab. */
const ALIAS_ALLOWANCE = 100_000;
const MAX_DEPTH = 128;

export function checkDraft(text: string): DraftIssue[] {
  let value: unknown;
  try {
    value = yaml.load(text, { schema: CORE_SCHEMA });
  } catch (err) {
    if (err instanceof yaml.YAMLException) return syntaxIssues(text, err);
    // js-yaml recurses per nesting level: thousands of `[` overflow the stack.
    if (err instanceof RangeError) return [fileIssue(text, 'too_deep', 'the document is nested too deeply to parse: no config needs that, flatten it')];
    throw err;
  }
  const runaway = expansionProblem(value, text);
  if (runaway) return [fileIssue(text, runaway.code, `the document cannot be expanded: ${runaway.message}`)];
  if (value === null || value === undefined) {
    return [fileIssue(text, 'empty', 'the file is empty: it needs at least route and receivers')];
  }
  const result = configSchema.safeParse(value);
  if (result.success) return [];
  const place = issuePlacer(text);
  return result.error.issues
    .flatMap((issue) => {
      // An unknown key is reported on its object; point at each offending key instead.
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => ({ path: [...issue.path, key] as Segment[], message: `unknown field "${key}": check the spelling, or remove it`, code: issue.code, onKey: true }));
      }
      return [{ path: issue.path as Segment[], message: issue.message, code: ruleOf(issue), onKey: false }];
    })
    .map(({ path, message, code, onKey }) => ({ path: path.join('.'), message, code, ...place(path, onKey) }))
    .sort((x, y) => x.startLine - y.startLine || x.startColumn - y.startColumn);
}

/**
 * Where issues about `text` go (see locate): the fast scanner's answer when it has one,
 * else the `yaml` package's, parsed once and only when first needed. `fast: false` always
 * asks the `yaml` package (the tests compare the two).
 */
export function issuePlacer(text: string, { fast = true } = {}): (path: readonly Segment[], onKey: boolean) => Range {
  const at = rangeIn(lineCounterOf(text));
  const scanner = fast ? createFastLocator(text) : null;
  let doc: Document | null = null;
  return (path, onKey) => {
    const quick = scanner ? fastRange(scanner.span(path), onKey) : null;
    if (quick) return at(quick[0], quick[1]);
    doc ??= parseDocument(text, { prettyErrors: false });
    const [start, end] = locate(doc, path, onKey);
    return at(start, end);
  };
}

/** locate()'s answer from the scanner's span, or null when the span does not hold it. */
function fastRange(span: FastSpan | null, onKey: boolean): [number, number] | null {
  if (!span) return null;
  if (onKey && span.depth > 0) return span.at;
  if (span.value.kind === 'scalar') return span.value.range; // null: spans lines, ask the parser
  if (span.value.kind === 'unknown') return null;
  return span.at;
}

/**
 * A draft js-yaml cannot read is described by the `yaml` package, as the editor always has:
 * its messages name the construct and point at it, where js-yaml's mark often lands a line
 * later or at the end of the file. The slow parse runs only while the text is broken. On
 * the few texts only js-yaml refuses (an unknown tag, say), its reason at its mark.
 */
function syntaxIssues(text: string, err: yaml.YAMLException): DraftIssue[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = rangeIn(lineCounter);
  if (doc.errors.length > 0) {
    return doc.errors.map((e) => ({ path: '', message: firstLine(e.message), code: e.code, ...at(e.pos[0], e.pos[1]) }));
  }
  // `reason` is the message without js-yaml's excerpt of the text (the marker shows where).
  const offset = (err.mark as { position?: unknown } | undefined)?.position;
  const start = typeof offset === 'number' ? Math.min(offset, text.length) : 0;
  return [{ path: '', message: `YAML syntax error: ${err.reason}`, code: 'yaml_syntax', ...at(start, start) }];
}

function fileIssue(text: string, code: string, message: string): DraftIssue {
  return { path: '', message, code, ...rangeIn(lineCounterOf(text))(0, 0) };
}

/**
 * js-yaml returns an alias as a shared reference, so a small "billion laughs" document is a
 * DAG that explodes when zod walks it as a tree, and a recursive alias is a cycle. This
 * walks it as a tree, within the service's budget: twice as many values as the text has
 * characters (no alias-free document comes near) plus ALIAS_ALLOWANCE, MAX_DEPTH deep.
 */
function expansionProblem(value: unknown, text: string): { code: string; message: string } | null {
  const budget = 2 * text.length + ALIAS_ALLOWANCE;
  let count = 0;
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [node, depth] = next;
    if (++count > budget) {
      return {
        code: 'alias_limit',
        message: `its aliases (*name) expand to more than ${budget.toLocaleString('en')} values: an alias bomb ("billion laughs") or close to one. Stop nesting aliases inside anchored (&name) collections, or write the repeated values out`,
      };
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      return { code: 'too_deep', message: `it is nested more than ${MAX_DEPTH} levels deep: remove the alias (*name) that refers to a collection containing it, or flatten it` };
    }
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return null;
}

function ruleOf(issue: { code: string; params?: Record<string, unknown> }): string {
  const rule = issue.params?.rule;
  return typeof rule === 'string' ? rule : issue.code;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** The lines of `text` as the `yaml` package counts them when it parses it. */
function lineCounterOf(text: string): LineCounter {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', nl + 1)) lineCounter.addNewLine(nl + 1);
  return lineCounter;
}

function rangeIn(lineCounter: LineCounter) {
  return (start: number, end: number) => {
    const s = lineCounter.linePos(start);
    // An empty range would draw no squiggle: cover at least one character.
    const e = lineCounter.linePos(Math.max(end, start + 1));
    const sameLine = e.line === s.line;
    return { startLine: s.line, startColumn: s.col, endLine: sameLine ? e.line : s.line, endColumn: sameLine ? e.col : s.col + 1_000 };
  };
}

/**
 * The source range an issue path is about: the scalar itself when the path ends on one
 * (unless `onKey`: then the key naming it); the key of a map entry whose value is a block
 * (so the marker sits on one line, not the whole block); the deepest existing ancestor's
 * key when the path names something missing.
 */
export function locate(doc: Document, path: readonly Segment[], onKey = false): [number, number] {
  let node: unknown = doc.contents;
  let keyRange: [number, number] | null = null;
  for (const segment of path) {
    const next = child(node, segment);
    if (!next) break;
    node = next.value;
    keyRange = next.key;
  }
  if (isScalar(node) && node.range && !(onKey && keyRange)) return [node.range[0], node.range[1]];
  if (keyRange) return keyRange;
  const range = (node as Node | null)?.range;
  return range ? [range[0], range[0] + 1] : [0, 0];
}

function child(node: unknown, segment: Segment): { value: unknown; key: [number, number] | null } | null {
  if (isMap(node)) {
    const pair = node.items.find((p: Pair) => isScalar(p.key) && String(p.key.value) === String(segment));
    if (!pair || !isScalar(pair.key) || !pair.key.range) return null;
    return { value: pair.value, key: [pair.key.range[0], pair.key.range[1]] };
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    if (item === undefined) return null;
    const range = (item as Node | null)?.range;
    // A sequence item has no key: mark its first character (the start of the entry).
    return { value: item, key: range ? [range[0], range[0] + 1] : null };
  }
  if (isPair(node)) return child(node.value, segment);
  return null;
}

/** A located issue from the service (a 422 on Apply, a plan error) as an editor issue. */
export function fromConfigIssue(issue: { path: string; line: number | null; column: number | null; message: string; code: string }): DraftIssue {
  const line = issue.line ?? 1;
  const column = issue.column ?? 1;
  return { path: issue.path, message: issue.message, code: issue.code, startLine: line, startColumn: column, endLine: line, endColumn: column + 1 };
}
