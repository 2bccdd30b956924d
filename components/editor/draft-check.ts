// The editor's live check: the same zod schema the service validates with, run in the
// browser on every (debounced) change, with each issue placed on the YAML node it is
// about. YAML syntax errors come first: the schema is only checked on a parsed document.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import { configSchema } from '../../server/config/schema';

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

/** Aliases may be expanded this many times: a "billion laughs" draft must not hang the tab. */
const MAX_ALIAS_COUNT = 100;

type Segment = string | number;

export function checkDraft(text: string): DraftIssue[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = rangeIn(lineCounter);
  if (doc.errors.length > 0) {
    return doc.errors.map((e) => ({ path: '', message: firstLine(e.message), code: e.code, ...at(e.pos[0], e.pos[1]) }));
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    return [{ path: '', message: `the document cannot be expanded: ${(err as Error).message}`, code: 'alias_limit', ...at(0, 0) }];
  }
  if (value === null || value === undefined) {
    return [{ path: '', message: 'the file is empty: it needs at least route and receivers', code: 'empty', ...at(0, 0) }];
  }
  const result = configSchema.safeParse(value);
  if (result.success) return [];
  return result.error.issues
    .flatMap((issue) => {
      // An unknown key is reported on its object; point at each offending key instead.
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => ({ path: [...issue.path, key] as Segment[], message: `unknown field "${key}": check the spelling, or remove it`, code: issue.code, onKey: true }));
      }
      return [{ path: issue.path as Segment[], message: issue.message, code: ruleOf(issue), onKey: false }];
    })
    .map(({ path, message, code, onKey }) => {
      const [start, end] = locate(doc, path, onKey);
      return { path: path.join('.'), message, code, ...at(start, end) };
    })
    .sort((x, y) => x.startLine - y.startLine || x.startColumn - y.startColumn);
}

function ruleOf(issue: { code: string; params?: Record<string, unknown> }): string {
  const rule = issue.params?.rule;
  return typeof rule === 'string' ? rule : issue.code;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
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
