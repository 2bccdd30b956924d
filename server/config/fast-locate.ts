// Where a YAML path is, without a YAML parser: an indentation scanner for block-style YAML,
// which is what config.yaml nearly always is. It is the first reader of the config core's
// locator (locate.ts): ~1.5 ms on a 5,000-line config, where the `yaml` package's
// parseDocument takes ~70 ms — the difference that lets the editor's live check keep up
// with typing.
//
// It reads the text as a tree of block mappings (`key:`), block sequences (`- `, also the
// compact `- key: value` and the indentless `key:\n- item` forms), and one-line values it
// does not look into (plain and quoted scalars, flow collections, aliases). Whenever it
// meets something whose extent or meaning it cannot be sure of without a real parser — a
// flow collection or quoted scalar that spans lines, a tag or anchor on the way to the path,
// a merge key or a key it cannot read when the wanted key is not found, tabs as
// indentation, several documents — it answers null, and locate.ts asks the parser.
// It expects text that the loader read without error.

type Segment = string | number;

/** What a path found, as offsets into the text (locate.ts turns them into a Span). */
export interface FastSpan {
  /** How many leading segments of the path exist (the rest name something missing). */
  depth: number;
  /** [start, end) of what a path without a scalar at its end points at: the key of the deepest existing mapping
   *  entry, the first character of the deepest existing list item, or (depth 0) the first
   *  character of the document's content. */
  at: [number, number];
  /** The node at that depth. A scalar written on one line has its [start, end) offsets
   *  (start = end for an empty value, placed where the `yaml` package places it); a scalar
   *  spanning lines has none; 'unknown' is a node behind a tag or an anchor. */
  value: { kind: 'collection' } | { kind: 'scalar'; range: [number, number] | null } | { kind: 'unknown' };
}

export interface FastLocator {
  /** The span of a path, or null when the scanner cannot answer for it. */
  span(path: readonly Segment[]): FastSpan | null;
}

/** Scans the text once (O(lines)) and answers many paths. */
export function createFastLocator(text: string): FastLocator {
  const lines = splitLines(text);
  const root = scanDocument(text, lines);
  return { span: (path) => (root === null ? null : walk(root, path)) };
}

// ---------------------------------------------------------------- the tree

type Node = MapNode | SeqNode | ScalarNode | OpaqueNode;

interface MapNode {
  kind: 'map';
  start: number;
  entries: Map<string, Entry>;
  /** A merge key (`<<`) or a key this scanner cannot read as a string: a key that is not
   *  among `entries` may still be in the mapping. */
  incomplete: boolean;
}

interface Entry {
  key: [number, number];
  value: Node;
}

interface SeqNode {
  kind: 'seq';
  start: number;
  items: Node[];
}

/** A scalar; `end` null when it spans lines (a multi-line plain scalar, a block scalar). */
interface ScalarNode {
  kind: 'scalar';
  start: number;
  end: number | null;
}

/** A node the scanner does not enter: a flow collection or an alias (where it starts is
 *  known), or a node behind a tag or an anchor (where it starts is not: the `yaml` package
 *  places a collection after its properties, on a later line). */
interface OpaqueNode {
  kind: 'opaque';
  what: 'flow' | 'alias' | 'props';
  start: number | null;
}

function walk(root: Node, path: readonly Segment[]): FastSpan | null {
  let node = root;
  let at: [number, number] | null = node.start === null ? null : [node.start, node.start + 1];
  let depth = 0;
  for (const segment of path) {
    if (node.kind === 'map') {
      const entry = node.entries.get(String(segment));
      if (!entry) {
        if (node.incomplete) return null;
        break;
      }
      at = entry.key;
      node = entry.value;
    } else if (node.kind === 'seq' && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      if (item.start === null) return null;
      at = [item.start, item.start + 1];
      node = item;
    } else if (node.kind === 'opaque') {
      // locate.ts would look inside a flow collection or follow the alias.
      return null;
    } else {
      break; // a scalar, or a list asked for a key: the path ends here
    }
    depth++;
  }
  if (at === null) return null;
  return { depth, at, value: describe(node) };
}

function describe(node: Node): FastSpan['value'] {
  if (node.kind === 'scalar') return { kind: 'scalar', range: node.end === null ? null : [node.start, node.end] };
  if (node.kind === 'opaque' && node.what === 'props') return { kind: 'unknown' };
  return { kind: 'collection' };
}

// ---------------------------------------------------------------- lines

interface Line {
  start: number;
  /** End of the content: before "\n" or "\r\n". */
  end: number;
  /** Leading spaces. */
  indent: number;
  /** Only whitespace, or a comment. */
  blank: boolean;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const stop = nl === -1 ? text.length : nl;
    const end = stop > start && text.charCodeAt(stop - 1) === CR ? stop - 1 : stop;
    let i = start;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    let j = i;
    while (j < end && isBlank(text.charCodeAt(j))) j++;
    lines.push({ start, end, indent: i - start, blank: j === end || text.charCodeAt(j) === HASH });
    if (nl === -1) return lines;
    start = nl + 1;
  }
}

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const HASH = 0x23;

function isBlank(code: number): boolean {
  return code === SPACE || code === TAB;
}

// ---------------------------------------------------------------- the scanner

/** Thrown when the text is not what this scanner reads safely; caught once, in scanDocument. */
class Unsupported extends Error {}

/** Real configs nest ~10 levels; the bound keeps a pathological text off the stack's end. */
const MAX_DEPTH = 200;

/** The root collection, or null when the scanner cannot read the document. */
function scanDocument(text: string, lines: readonly Line[]): Node | null {
  try {
    return new Scanner(text, lines).document();
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
}

class Scanner {
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly lines: readonly Line[],
  ) {}

  document(): Node {
    if (this.text.charCodeAt(0) === 0xfeff) throw new Unsupported();
    let first = this.nextContent(0);
    // A leading `---` alone on its line (a habit of many YAML writers) starts the document.
    if (first < this.lines.length && this.isDocumentStart(first)) first = this.nextContent(first + 1);
    // An empty document is the caller's case (nothing to locate in it).
    if (first >= this.lines.length) throw new Unsupported();
    const line = this.line(first);
    const [root, next] = this.node(first, line.start + line.indent, -1);
    if (root.kind !== 'map' && root.kind !== 'seq') throw new Unsupported();
    // Anything after the root collection is a second document, or a line this scanner
    // misread: either way, not its business.
    if (this.nextContent(next) < this.lines.length) throw new Unsupported();
    return root;
  }

  /** A node starting at offset `at` of line `index`, inside a collection indented `owner`
   *  (a line indented more than `owner` continues it). Returns it and the next line index. */
  private node(index: number, at: number, owner: number): [Node, number] {
    if (++this.depth > MAX_DEPTH) throw new Unsupported();
    try {
      const column = at - this.line(index).start;
      if (this.isSeqItem(at, index)) return this.sequence(index, column);
      if (this.readKey(index, at)) return this.mapping(index, column);
      return this.inlineValue(index, at, owner);
    } finally {
      this.depth--;
    }
  }

  /** A block mapping whose entries are at `column`; the first one starts on line `index`. */
  private mapping(index: number, column: number): [MapNode, number] {
    const map: MapNode = { kind: 'map', start: this.line(index).start + column, entries: new Map(), incomplete: false };
    let current = index;
    for (;;) {
      const key = this.readKey(current, this.line(current).start + column);
      if (!key) throw new Unsupported();
      const [value, after] = this.valueAfter(current, key.valueAt, column, true);
      if (key.name === null) map.incomplete = true;
      // Of duplicate keys the first counts, as in locate.ts (js-yaml refuses them anyway).
      else if (!map.entries.has(key.name)) map.entries.set(key.name, { key: key.range, value });
      const next = this.nextContent(after);
      if (next >= this.lines.length || this.line(next).indent < column) return [map, next];
      if (this.line(next).indent > column) throw new Unsupported();
      // A `- ` at the mapping's own column only belongs to an entry with an empty value,
      // which valueAfter has consumed as an indentless list.
      if (this.isSeqItem(this.line(next).start + column, next)) throw new Unsupported();
      current = next;
    }
  }

  /** A block sequence whose `-` are at `column`; the first one is on line `index`. */
  private sequence(index: number, column: number): [SeqNode, number] {
    const seq: SeqNode = { kind: 'seq', start: this.line(index).start + column, items: [] };
    let current = index;
    for (;;) {
      const dash = this.line(current).start + column;
      if (this.text.charCodeAt(dash + 1) === TAB) throw new Unsupported();
      const [item, after] = this.valueAfter(current, dash + 1, column, false);
      seq.items.push(item);
      const next = this.nextContent(after);
      if (next >= this.lines.length || this.line(next).indent < column) return [seq, next];
      if (this.line(next).indent > column) throw new Unsupported();
      // Not a `- `: the next key of the mapping this indentless list is the value of.
      if (!this.isSeqItem(this.line(next).start + column, next)) return [seq, next];
      current = next;
    }
  }

  /**
   * The value after an indicator (`key:` or `-`) ending at `from` on line `index`, in a
   * collection at column `owner`: on the same line, or on the lines below (indented more,
   * or — for a mapping value — an indentless list at the same column), or empty.
   */
  private valueAfter(index: number, from: number, owner: number, inMapping: boolean): [Node, number] {
    const line = this.line(index);
    let at = from;
    while (at < line.end && isBlank(this.text.charCodeAt(at))) at++;
    const empty = at === line.end || this.text.charCodeAt(at) === HASH;
    if (!empty) {
      // After `key: ` only a scalar-like value can follow on the same line; after `- ` also
      // a nested list or a compact mapping.
      return inMapping ? this.inlineValue(index, at, owner) : this.node(index, at, owner);
    }
    // Where the `yaml` package puts an empty value: after the indicator and its spaces.
    if (this.text.slice(from, at).includes('\t')) throw new Unsupported();
    const next = this.nextContent(index + 1);
    if (next < this.lines.length) {
      const below = this.line(next);
      const start = below.start + below.indent;
      if (below.indent > owner) return this.node(next, start, owner);
      if (inMapping && below.indent === owner && this.isSeqItem(start, next)) return this.sequence(next, owner);
    }
    return [{ kind: 'scalar', start: at, end: at }, index + 1];
  }

  /** A value that is neither a block list nor a block mapping, starting at `at` on line
   *  `index`, in a collection at column `owner`. */
  private inlineValue(index: number, at: number, owner: number): [Node, number] {
    const line = this.line(index);
    const c = this.text[at];
    switch (c) {
      case '[':
      case '{': {
        const end = this.flowEnd(at, line.end);
        this.expectLineEnd(end, line.end);
        return this.singleLine({ kind: 'opaque', what: 'flow', start: at }, index, owner);
      }
      case '"':
      case "'": {
        const end = this.quoteEnd(at, line.end);
        if (end === -1) throw new Unsupported(); // a quoted scalar spanning lines
        this.expectLineEnd(end, line.end);
        return this.singleLine({ kind: 'scalar', start: at, end }, index, owner);
      }
      case '*': {
        let end = at + 1;
        while (end < line.end && !isBlank(this.text.charCodeAt(end))) end++;
        this.expectLineEnd(end, line.end);
        return this.singleLine({ kind: 'opaque', what: 'alias', start: at }, index, owner);
      }
      case '&':
      case '!':
        return this.withProperties(index, at, owner);
      case '|':
      case '>':
        return [{ kind: 'scalar', start: at, end: null }, this.skipMoreIndented(index + 1, owner, false)];
      case '-':
        if (this.isSeqItem(at, index)) throw new Unsupported(); // `key: - x` is not YAML
        return this.plainScalar(index, at, owner);
      case '?':
      case ':':
        // `?x` and `:x` are plain scalars; followed by a blank they are indicators.
        if (at + 1 < line.end && !isBlank(this.text.charCodeAt(at + 1))) return this.plainScalar(index, at, owner);
        throw new Unsupported();
      case ',':
      case ']':
      case '}':
      case '%':
      case '@':
      case '`':
      case '#':
      case '\t':
        throw new Unsupported();
      default:
        return this.plainScalar(index, at, owner);
    }
  }

  /** A plain scalar: to the end of the line or a comment, and on through the lines
   *  indented more than `owner` (they continue it). */
  private plainScalar(index: number, at: number, owner: number): [ScalarNode, number] {
    const line = this.line(index);
    const end = this.plainEnd(at, line.end);
    const next = this.nextContent(index + 1);
    if (next < this.lines.length && this.line(next).indent > owner) {
      return [{ kind: 'scalar', start: at, end: null }, this.skipMoreIndented(index + 1, owner, true)];
    }
    return [{ kind: 'scalar', start: at, end }, index + 1];
  }

  /** `&anchor` / `!tag` before a node: the node is read (so the lines it spans are checked
   *  like any others) but not entered. */
  private withProperties(index: number, at: number, owner: number): [Node, number] {
    const line = this.line(index);
    let end = at;
    while (end < line.end && (this.text[end] === '&' || this.text[end] === '!')) {
      while (end < line.end && !isBlank(this.text.charCodeAt(end))) end++;
      while (end < line.end && isBlank(this.text.charCodeAt(end))) end++;
    }
    // Not as a mapping value: `- &a` over `- b` is two items, not an indentless list (and
    // `key: &a` over `- b` is then refused by the mapping, which is fine).
    const [, after] = this.valueAfter(index, end, owner, false);
    return [{ kind: 'opaque', what: 'props', start: null }, after];
  }

  /** A one-line value: a line below indented more than `owner` would continue it, which
   *  only a plain scalar may do. */
  private singleLine(node: Node, index: number, owner: number): [Node, number] {
    const next = this.nextContent(index + 1);
    if (next < this.lines.length && this.line(next).indent > owner) throw new Unsupported();
    return [node, index + 1];
  }

  /** The first line index at or after `index` that is not blank and is indented at most
   *  `owner` (the lines in between continue a scalar). */
  private skipMoreIndented(index: number, owner: number, plain: boolean): number {
    let i = index;
    while (i < this.lines.length) {
      const line = this.line(i);
      const whitespace = line.blank && this.isWhitespaceOnly(line);
      if (!whitespace && line.indent <= owner) break;
      // A plain scalar cannot hold `: ` (plainEnd throws on one): the text is not what it
      // seems, so do not guess.
      if (plain && !line.blank) this.plainEnd(line.start + line.indent, line.end);
      i++;
    }
    return i;
  }

  // ------------------------------------------------------------ tokens

  /** A key at offset `at` of line `index`: its range, its name as a string (null when this
   *  scanner cannot tell what string js-yaml would make of it, or it is a merge key), and
   *  where its value starts (after the `:`). Null when the text there is not a key. */
  private readKey(index: number, at: number): { range: [number, number]; name: string | null; valueAt: number } | null {
    const line = this.line(index);
    const c = this.text[at];
    if (c === '"' || c === "'") {
      const end = this.quoteEnd(at, line.end);
      if (end === -1) return null;
      let colon = end;
      while (colon < line.end && isBlank(this.text.charCodeAt(colon))) colon++;
      if (!this.isIndicator(colon, line.end)) return null;
      return { range: [at, end], name: this.unquote(at, end), valueAt: colon + 1 };
    }
    if (c === '[' || c === '{' || c === '|' || c === '>') return null;
    if (c === '?' || c === '&' || c === '!' || c === '*') {
      // An explicit key, or a key with properties: valid YAML this scanner does not read.
      if (this.findIndicator(at, line.end) !== -1) throw new Unsupported();
      return null;
    }
    const colon = this.findIndicator(at, line.end);
    if (colon === -1) return null;
    let end = colon;
    while (end > at && isBlank(this.text.charCodeAt(end - 1))) end--;
    const text = this.text.slice(at, end);
    return { range: [at, end], name: isPlainStringKey(text) ? text : null, valueAt: colon + 1 };
  }

  /** The `:` of a plain implicit key on the line from `at`, or -1 (none before a comment). */
  private findIndicator(at: number, end: number): number {
    for (let i = at; i < end; i++) {
      const code = this.text.charCodeAt(i);
      if (code === HASH && i > at && isBlank(this.text.charCodeAt(i - 1))) return -1;
      if (code === 0x3a && this.isIndicator(i, end)) return i;
    }
    return -1;
  }

  /** A `:` followed by a blank or the end of the line. */
  private isIndicator(i: number, end: number): boolean {
    return this.text.charCodeAt(i) === 0x3a && (i + 1 === end || isBlank(this.text.charCodeAt(i + 1)));
  }

  /** End of a plain scalar in a value (before a comment, trailing blanks trimmed); throws
   *  when it holds a `: ` (then it is not a plain scalar at all). */
  private plainEnd(at: number, lineEnd: number): number {
    let end = lineEnd;
    for (let i = at; i < lineEnd; i++) {
      const code = this.text.charCodeAt(i);
      if (code === HASH && i > at && isBlank(this.text.charCodeAt(i - 1))) {
        end = i;
        break;
      }
      if (this.isIndicator(i, lineEnd)) throw new Unsupported();
    }
    while (end > at && isBlank(this.text.charCodeAt(end - 1))) end--;
    return end;
  }

  /** The offset after the closing quote of the quoted scalar at `at`, or -1 when it does not
   *  close on this line. */
  private quoteEnd(at: number, lineEnd: number): number {
    const quote = this.text[at];
    for (let i = at + 1; i < lineEnd; i++) {
      const c = this.text[i];
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) {
        if (quote === "'" && this.text[i + 1] === "'") i++;
        else return i + 1;
      }
    }
    return -1;
  }

  /** The offset after the bracket closing the flow collection at `at`; throws when it does
   *  not close on this line (continuation lines need not respect indentation in js-yaml). */
  private flowEnd(at: number, lineEnd: number): number {
    let depth = 0;
    let previous = '';
    for (let i = at; i < lineEnd; i++) {
      const c = this.text[i] as string;
      if ((c === '"' || c === "'") && '[{,:'.includes(previous)) {
        const end = this.quoteEnd(i, lineEnd);
        if (end === -1) break;
        i = end - 1;
        previous = c;
        continue;
      }
      if (c === '#' && isBlank(this.text.charCodeAt(i - 1))) break;
      if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') {
        if (--depth === 0) return i + 1;
      }
      if (!isBlank(c.charCodeAt(0))) previous = c;
    }
    throw new Unsupported();
  }

  /** Only blanks or a comment may follow a one-line value (not a `:`: that was a key). */
  private expectLineEnd(from: number, lineEnd: number): void {
    let i = from;
    while (i < lineEnd && isBlank(this.text.charCodeAt(i))) i++;
    if (i < lineEnd && !(this.text.charCodeAt(i) === HASH && i > from)) throw new Unsupported();
  }

  /** The string a quoted key stands for, or null for a double-quoted key with escapes. */
  private unquote(at: number, end: number): string | null {
    const inner = this.text.slice(at + 1, end - 1);
    if (this.text[at] === "'") return inner.replaceAll("''", "'");
    return inner.includes('\\') ? null : inner;
  }

  private isSeqItem(at: number, index: number): boolean {
    const end = this.line(index).end;
    return this.text.charCodeAt(at) === 0x2d && (at + 1 === end || isBlank(this.text.charCodeAt(at + 1)));
  }

  private isDocumentStart(index: number): boolean {
    const line = this.line(index);
    if (line.indent !== 0 || !this.text.startsWith('---', line.start)) return false;
    let i = line.start + 3;
    if (i === line.end) return true;
    if (!isBlank(this.text.charCodeAt(i))) return false;
    while (i < line.end && isBlank(this.text.charCodeAt(i))) i++;
    // Content after `--- ` on the same line is a document this scanner does not read.
    if (i < line.end && this.text.charCodeAt(i) !== HASH) throw new Unsupported();
    return true;
  }

  private isWhitespaceOnly(line: Line): boolean {
    for (let i = line.start; i < line.end; i++) if (!isBlank(this.text.charCodeAt(i))) return false;
    return true;
  }

  /** The first line at or after `index` that holds content (not blank, not a comment). */
  private nextContent(index: number): number {
    let i = index;
    while (i < this.lines.length && (this.lines[i] as Line).blank) i++;
    if (i < this.lines.length) {
      const line = this.line(i);
      // A directive (`%YAML`), a tab as indentation: not plain block style.
      if (this.text.charCodeAt(line.start + line.indent) === TAB) throw new Unsupported();
      if (line.indent === 0 && this.text.charCodeAt(line.start) === 0x25) throw new Unsupported();
    }
    return i;
  }

  private line(index: number): Line {
    return this.lines[index] as Line;
  }
}

/** Plain keys js-yaml and the `yaml` package both read as this very string. Others (numbers,
 *  null, booleans, `<<`, keys starting with an indicator) are left to locate.ts. */
function isPlainStringKey(text: string): boolean {
  if (text === '' || /^[-?:,[\]{}#&*!|>'"%@`0-9+.~\s]/.test(text)) return false;
  return !/^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|<<)$/.test(text);
}
