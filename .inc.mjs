// ../../tmp/inc/inc.ts
import { readFileSync } from "node:fs";

// server/config/errors.ts
var ConfigError = class extends Error {
  constructor(kind, message, issues) {
    super(message);
    this.kind = kind;
    this.issues = issues;
  }
  kind;
  issues;
  name = "ConfigError";
};
function issueAt(span, path, code, message) {
  if (!span) return { path, line: null, column: null, message, code };
  return { path, line: span.line, column: span.column, end_line: span.end_line, end_column: span.end_column, message, code };
}
function configError(kind, headline, issues) {
  return new ConfigError(kind, summarize(headline, issues), issues);
}
function summarize(headline, issues) {
  const first = issues[0];
  if (!first) return headline;
  const where = [first.path || null, first.line !== null ? `line ${first.line}, column ${first.column}` : null].filter(Boolean).join(" at ");
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
  return `${headline}: ${where ? `${where}: ` : ""}${first.message}${more}`;
}
function byPosition(a, b) {
  return (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0);
}

// server/config/locate.ts
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, visit } from "yaml";

// server/config/fast-locate.ts
function createFastLocator(text) {
  const lines = splitLines(text);
  const root = scanDocument(text, lines);
  return { span: (path) => root === null ? null : walk(root, path) };
}
function walk(root, path) {
  let node = root;
  let at = node.start === null ? null : [node.start, node.start + 1];
  let depth = 0;
  for (const segment of path) {
    if (node.kind === "map") {
      const entry = node.entries.get(String(segment));
      if (!entry) {
        if (node.incomplete) return null;
        break;
      }
      at = entry.key;
      node = entry.value;
    } else if (node.kind === "seq" && typeof segment === "number") {
      const item = node.items[segment];
      if (item === void 0) break;
      if (item.start === null) return null;
      at = [item.start, item.start + 1];
      node = item;
    } else if (node.kind === "opaque") {
      return null;
    } else {
      break;
    }
    depth++;
  }
  if (at === null) return null;
  return { depth, at, value: describe(node) };
}
function describe(node) {
  if (node.kind === "scalar") return { kind: "scalar", range: node.end === null ? null : [node.start, node.end] };
  if (node.kind === "opaque" && node.what === "props") return { kind: "unknown" };
  return { kind: "collection" };
}
function splitLines(text) {
  const lines = [];
  let start = 0;
  for (; ; ) {
    const nl = text.indexOf("\n", start);
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
var SPACE = 32;
var TAB = 9;
var CR = 13;
var HASH = 35;
function isBlank(code) {
  return code === SPACE || code === TAB;
}
var Unsupported = class extends Error {
};
var MAX_DEPTH = 200;
function scanDocument(text, lines) {
  try {
    return new Scanner(text, lines).document();
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
}
var Scanner = class {
  constructor(text, lines) {
    this.text = text;
    this.lines = lines;
  }
  text;
  lines;
  depth = 0;
  document() {
    if (this.text.charCodeAt(0) === 65279) throw new Unsupported();
    let first = this.nextContent(0);
    if (first < this.lines.length && this.isDocumentStart(first)) first = this.nextContent(first + 1);
    if (first >= this.lines.length) throw new Unsupported();
    const line = this.line(first);
    const [root, next] = this.node(first, line.start + line.indent, -1);
    if (root.kind !== "map" && root.kind !== "seq") throw new Unsupported();
    if (this.nextContent(next) < this.lines.length) throw new Unsupported();
    return root;
  }
  /** A node starting at offset `at` of line `index`, inside a collection indented `owner`
   *  (a line indented more than `owner` continues it). Returns it and the next line index. */
  node(index2, at, owner) {
    if (++this.depth > MAX_DEPTH) throw new Unsupported();
    try {
      const column = at - this.line(index2).start;
      if (this.isSeqItem(at, index2)) return this.sequence(index2, column);
      if (this.readKey(index2, at)) return this.mapping(index2, column);
      return this.inlineValue(index2, at, owner);
    } finally {
      this.depth--;
    }
  }
  /** A block mapping whose entries are at `column`; the first one starts on line `index`. */
  mapping(index2, column) {
    const map = { kind: "map", start: this.line(index2).start + column, entries: /* @__PURE__ */ new Map(), incomplete: false };
    let current = index2;
    for (; ; ) {
      const key = this.readKey(current, this.line(current).start + column);
      if (!key) throw new Unsupported();
      const [value, after] = this.valueAfter(current, key.valueAt, column, true);
      if (key.name === null) map.incomplete = true;
      else if (!map.entries.has(key.name)) map.entries.set(key.name, { key: key.range, value });
      const next = this.nextContent(after);
      if (next >= this.lines.length || this.line(next).indent < column) return [map, next];
      if (this.line(next).indent > column) throw new Unsupported();
      if (this.isSeqItem(this.line(next).start + column, next)) throw new Unsupported();
      current = next;
    }
  }
  /** A block sequence whose `-` are at `column`; the first one is on line `index`. */
  sequence(index2, column) {
    const seq = { kind: "seq", start: this.line(index2).start + column, items: [] };
    let current = index2;
    for (; ; ) {
      const dash = this.line(current).start + column;
      if (this.text.charCodeAt(dash + 1) === TAB) throw new Unsupported();
      const [item, after] = this.valueAfter(current, dash + 1, column, false);
      seq.items.push(item);
      const next = this.nextContent(after);
      if (next >= this.lines.length || this.line(next).indent < column) return [seq, next];
      if (this.line(next).indent > column) throw new Unsupported();
      if (!this.isSeqItem(this.line(next).start + column, next)) return [seq, next];
      current = next;
    }
  }
  /**
   * The value after an indicator (`key:` or `-`) ending at `from` on line `index`, in a
   * collection at column `owner`: on the same line, or on the lines below (indented more,
   * or — for a mapping value — an indentless list at the same column), or empty.
   */
  valueAfter(index2, from, owner, inMapping) {
    const line = this.line(index2);
    let at = from;
    while (at < line.end && isBlank(this.text.charCodeAt(at))) at++;
    const empty = at === line.end || this.text.charCodeAt(at) === HASH;
    if (!empty) {
      return inMapping ? this.inlineValue(index2, at, owner) : this.node(index2, at, owner);
    }
    if (this.text.slice(from, at).includes("	")) throw new Unsupported();
    const next = this.nextContent(index2 + 1);
    if (next < this.lines.length) {
      const below = this.line(next);
      const start = below.start + below.indent;
      if (below.indent > owner) return this.node(next, start, owner);
      if (inMapping && below.indent === owner && this.isSeqItem(start, next)) return this.sequence(next, owner);
    }
    return [{ kind: "scalar", start: at, end: at }, index2 + 1];
  }
  /** A value that is neither a block list nor a block mapping, starting at `at` on line
   *  `index`, in a collection at column `owner`. */
  inlineValue(index2, at, owner) {
    const line = this.line(index2);
    const c2 = this.text[at];
    switch (c2) {
      case "[":
      case "{": {
        const end = this.flowEnd(at, line.end);
        this.expectLineEnd(end, line.end);
        return this.singleLine({ kind: "opaque", what: "flow", start: at }, index2, owner);
      }
      case '"':
      case "'": {
        const end = this.quoteEnd(at, line.end);
        if (end === -1) throw new Unsupported();
        this.expectLineEnd(end, line.end);
        return this.singleLine({ kind: "scalar", start: at, end }, index2, owner);
      }
      case "*": {
        let end = at + 1;
        while (end < line.end && !isBlank(this.text.charCodeAt(end))) end++;
        this.expectLineEnd(end, line.end);
        return this.singleLine({ kind: "opaque", what: "alias", start: at }, index2, owner);
      }
      case "&":
      case "!":
        return this.withProperties(index2, at, owner);
      case "|":
      case ">":
        return [{ kind: "scalar", start: at, end: null }, this.skipMoreIndented(index2 + 1, owner, false)];
      case "-":
        if (this.isSeqItem(at, index2)) throw new Unsupported();
        return this.plainScalar(index2, at, owner);
      case "?":
      case ":":
        if (at + 1 < line.end && !isBlank(this.text.charCodeAt(at + 1))) return this.plainScalar(index2, at, owner);
        throw new Unsupported();
      case ",":
      case "]":
      case "}":
      case "%":
      case "@":
      case "`":
      case "#":
      case "	":
        throw new Unsupported();
      default:
        return this.plainScalar(index2, at, owner);
    }
  }
  /** A plain scalar: to the end of the line or a comment, and on through the lines
   *  indented more than `owner` (they continue it). */
  plainScalar(index2, at, owner) {
    const line = this.line(index2);
    const end = this.plainEnd(at, line.end);
    const next = this.nextContent(index2 + 1);
    if (next < this.lines.length && this.line(next).indent > owner) {
      return [{ kind: "scalar", start: at, end: null }, this.skipMoreIndented(index2 + 1, owner, true)];
    }
    return [{ kind: "scalar", start: at, end }, index2 + 1];
  }
  /** `&anchor` / `!tag` before a node: the node is read (so the lines it spans are checked
   *  like any others) but not entered. */
  withProperties(index2, at, owner) {
    const line = this.line(index2);
    let end = at;
    while (end < line.end && (this.text[end] === "&" || this.text[end] === "!")) {
      while (end < line.end && !isBlank(this.text.charCodeAt(end))) end++;
      while (end < line.end && isBlank(this.text.charCodeAt(end))) end++;
    }
    const [, after] = this.valueAfter(index2, end, owner, false);
    return [{ kind: "opaque", what: "props", start: null }, after];
  }
  /** A one-line value: a line below indented more than `owner` would continue it, which
   *  only a plain scalar may do. */
  singleLine(node, index2, owner) {
    const next = this.nextContent(index2 + 1);
    if (next < this.lines.length && this.line(next).indent > owner) throw new Unsupported();
    return [node, index2 + 1];
  }
  /** The first line index at or after `index` that is not blank and is indented at most
   *  `owner` (the lines in between continue a scalar). */
  skipMoreIndented(index2, owner, plain2) {
    let i = index2;
    while (i < this.lines.length) {
      const line = this.line(i);
      const whitespace = line.blank && this.isWhitespaceOnly(line);
      if (!whitespace && line.indent <= owner) break;
      if (plain2 && !line.blank) this.plainEnd(line.start + line.indent, line.end);
      i++;
    }
    return i;
  }
  // ------------------------------------------------------------ tokens
  /** A key at offset `at` of line `index`: its range, its name as a string (null when this
   *  scanner cannot tell what string js-yaml would make of it, or it is a merge key), and
   *  where its value starts (after the `:`). Null when the text there is not a key. */
  readKey(index2, at) {
    const line = this.line(index2);
    const c2 = this.text[at];
    if (c2 === '"' || c2 === "'") {
      const end2 = this.quoteEnd(at, line.end);
      if (end2 === -1) return null;
      let colon2 = end2;
      while (colon2 < line.end && isBlank(this.text.charCodeAt(colon2))) colon2++;
      if (!this.isIndicator(colon2, line.end)) return null;
      return { range: [at, end2], name: this.unquote(at, end2), valueAt: colon2 + 1 };
    }
    if (c2 === "[" || c2 === "{" || c2 === "|" || c2 === ">") return null;
    if (c2 === "?" || c2 === "&" || c2 === "!" || c2 === "*") {
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
  findIndicator(at, end) {
    for (let i = at; i < end; i++) {
      const code = this.text.charCodeAt(i);
      if (code === HASH && i > at && isBlank(this.text.charCodeAt(i - 1))) return -1;
      if (code === 58 && this.isIndicator(i, end)) return i;
    }
    return -1;
  }
  /** A `:` followed by a blank or the end of the line. */
  isIndicator(i, end) {
    return this.text.charCodeAt(i) === 58 && (i + 1 === end || isBlank(this.text.charCodeAt(i + 1)));
  }
  /** End of a plain scalar in a value (before a comment, trailing blanks trimmed); throws
   *  when it holds a `: ` (then it is not a plain scalar at all). */
  plainEnd(at, lineEnd2) {
    let end = lineEnd2;
    for (let i = at; i < lineEnd2; i++) {
      const code = this.text.charCodeAt(i);
      if (code === HASH && i > at && isBlank(this.text.charCodeAt(i - 1))) {
        end = i;
        break;
      }
      if (this.isIndicator(i, lineEnd2)) throw new Unsupported();
    }
    while (end > at && isBlank(this.text.charCodeAt(end - 1))) end--;
    return end;
  }
  /** The offset after the closing quote of the quoted scalar at `at`, or -1 when it does not
   *  close on this line. */
  quoteEnd(at, lineEnd2) {
    const quote2 = this.text[at];
    for (let i = at + 1; i < lineEnd2; i++) {
      const c2 = this.text[i];
      if (quote2 === '"' && c2 === "\\") i++;
      else if (c2 === quote2) {
        if (quote2 === "'" && this.text[i + 1] === "'") i++;
        else return i + 1;
      }
    }
    return -1;
  }
  /** The offset after the bracket closing the flow collection at `at`; throws when it does
   *  not close on this line (continuation lines need not respect indentation in js-yaml). */
  flowEnd(at, lineEnd2) {
    let depth = 0;
    let previous = "";
    for (let i = at; i < lineEnd2; i++) {
      const c2 = this.text[i];
      if ((c2 === '"' || c2 === "'") && "[{,:".includes(previous)) {
        const end = this.quoteEnd(i, lineEnd2);
        if (end === -1) break;
        i = end - 1;
        previous = c2;
        continue;
      }
      if (c2 === "#" && isBlank(this.text.charCodeAt(i - 1))) break;
      if (c2 === "[" || c2 === "{") depth++;
      else if (c2 === "]" || c2 === "}") {
        if (--depth === 0) return i + 1;
      }
      if (!isBlank(c2.charCodeAt(0))) previous = c2;
    }
    throw new Unsupported();
  }
  /** Only blanks or a comment may follow a one-line value (not a `:`: that was a key). */
  expectLineEnd(from, lineEnd2) {
    let i = from;
    while (i < lineEnd2 && isBlank(this.text.charCodeAt(i))) i++;
    if (i < lineEnd2 && !(this.text.charCodeAt(i) === HASH && i > from)) throw new Unsupported();
  }
  /** The string a quoted key stands for, or null for a double-quoted key with escapes. */
  unquote(at, end) {
    const inner = this.text.slice(at + 1, end - 1);
    if (this.text[at] === "'") return inner.replaceAll("''", "'");
    return inner.includes("\\") ? null : inner;
  }
  isSeqItem(at, index2) {
    const end = this.line(index2).end;
    return this.text.charCodeAt(at) === 45 && (at + 1 === end || isBlank(this.text.charCodeAt(at + 1)));
  }
  isDocumentStart(index2) {
    const line = this.line(index2);
    if (line.indent !== 0 || !this.text.startsWith("---", line.start)) return false;
    let i = line.start + 3;
    if (i === line.end) return true;
    if (!isBlank(this.text.charCodeAt(i))) return false;
    while (i < line.end && isBlank(this.text.charCodeAt(i))) i++;
    if (i < line.end && this.text.charCodeAt(i) !== HASH) throw new Unsupported();
    return true;
  }
  isWhitespaceOnly(line) {
    for (let i = line.start; i < line.end; i++) if (!isBlank(this.text.charCodeAt(i))) return false;
    return true;
  }
  /** The first line at or after `index` that holds content (not blank, not a comment). */
  nextContent(index2) {
    let i = index2;
    while (i < this.lines.length && this.lines[i].blank) i++;
    if (i < this.lines.length) {
      const line = this.line(i);
      if (this.text.charCodeAt(line.start + line.indent) === TAB) throw new Unsupported();
      if (line.indent === 0 && this.text.charCodeAt(line.start) === 37) throw new Unsupported();
    }
    return i;
  }
  line(index2) {
    return this.lines[index2];
  }
};
function isPlainStringKey(text) {
  if (text === "" || /^[-?:,[\]{}#&*!|>'"%@`0-9+.~\s]/.test(text)) return false;
  return !/^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE|<<)$/.test(text);
}

// server/config/locate.ts
function createLocator(text, { fast = true, parseUpTo = PARSE_TO_LOCATE_UP_TO } = {}) {
  const spanOf = spanMaker(text);
  const scanner = fast ? createFastLocator(text) : null;
  let parsed = null;
  return (path, opts = {}) => {
    const quick = scanner ? fastRange(scanner.span(path), opts.onKey ?? false) : null;
    if (quick) return spanOf(quick[0], quick[1]);
    if (scanner && text.length > parseUpTo) return nearestScanned(scanner, path, spanOf);
    parsed ??= parseWithRanges(text);
    const range = parsedRange(parsed, path, opts.onKey ?? false);
    return range ? spanOf(range[0], range[1]) : null;
  };
}
var PARSE_TO_LOCATE_UP_TO = 128 * 1024;
function nearestScanned(scanner, path, spanOf) {
  for (let n = path.length - 1; n > 0; n--) {
    const range = fastRange(scanner.span(path.slice(0, n)), false);
    if (range) return spanOf(range[0], range[1]);
  }
  return spanOf(0, 1);
}
function fastRange(span, onKey) {
  if (!span) return null;
  if (onKey && span.depth > 0) return span.at;
  if (span.value.kind === "scalar") return span.value.range;
  if (span.value.kind === "unknown") return null;
  return span.at;
}
function parseWithRanges(text) {
  return parseDocument(text, { merge: true, schema: "core", prettyErrors: false, uniqueKeys: false });
}
function parsedRange(doc, path, onKey) {
  if (doc.contents === null && doc.errors.length > 0) return null;
  let node = doc.contents;
  let keyRange = null;
  for (const segment of path) {
    node = resolveAlias(doc, node);
    if (isMap(node)) {
      const pair = findPair(doc, node, String(segment));
      const key = pair?.key;
      if (!pair || !key?.range) break;
      keyRange = [key.range[0], key.range[1]];
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (item === void 0 || item === null || !item.range) break;
      keyRange = [item.range[0], item.range[0] + 1];
      node = item;
    } else {
      break;
    }
  }
  if (isScalar(node) && node.range && !(onKey && keyRange)) return [node.range[0], node.range[1]];
  if (keyRange) return keyRange;
  const start = doc.contents?.range?.[0] ?? 0;
  return [start, start + 1];
}
function resolveAlias(doc, node) {
  return isAlias(node) ? node.resolve(doc) : node;
}
function isMergeKey(key) {
  return isScalar(key) && typeof key.value === "symbol" && key.value.description === "<<";
}
function findPair(doc, map, key, depth = 0) {
  for (const pair of map.items) {
    if (isMergeKey(pair.key)) continue;
    const k = isScalar(pair.key) ? pair.key.value : pair.key;
    if (k !== null && typeof k !== "object" && String(k) === key) return pair;
  }
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
function syntaxErrorsOf(text) {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, lineCounter: new LineCounter() });
  const spanOf = spanMaker(text);
  return doc.errors.map((e) => ({ span: spanOf(e.pos[0], e.pos[1]), message: e.message.split("\n")[0] ?? e.message }));
}
function locateNestedAlias(text) {
  const doc = parseWithRanges(text);
  const spanOf = spanMaker(text);
  let first = null;
  let nested = null;
  visit(doc, {
    Alias(_, alias) {
      if (!alias.range) return void 0;
      const here = spanOf(alias.range[0], alias.range[1]);
      first ??= here;
      const target = alias.resolve(doc);
      if (target && containsAlias(target)) {
        nested = here;
        return visit.BREAK;
      }
      return void 0;
    }
  });
  return nested ?? first;
}
function containsAlias(node) {
  let found = false;
  visit(node, {
    Alias() {
      found = true;
      return visit.BREAK;
    }
  });
  return found;
}
function spanMaker(text) {
  let starts = null;
  const lineOf = (offset) => {
    if (!starts) {
      starts = [0];
      for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", nl + 1)) starts.push(nl + 1);
    }
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = low + high + 1 >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  return (start, end) => {
    const s = Math.max(0, Math.min(start, text.length));
    const line = lineOf(s);
    const lineStart = starts[line];
    const nl = text.indexOf("\n", s);
    const lineEnd2 = nl === -1 ? text.length : nl;
    const e = Math.max(Math.min(end, lineEnd2), s + 1);
    return { line: line + 1, column: s - lineStart + 1, end_line: line + 1, end_column: e - lineStart + 1 };
  };
}

// server/config/plain-scalar.ts
var PlainScalar = class {
  constructor(text, value) {
    this.text = text;
    this.value = value;
  }
  text;
  value;
  /** A mapping key is the text (js-yaml turns keys into strings with String()). */
  toString() {
    return this.text;
  }
  /** Not "[object Object]": js-yaml refuses to stringify plain objects used as keys. */
  get [Symbol.toStringTag]() {
    return "PlainScalar";
  }
  toJSON() {
    return this.value;
  }
};

// server/config/read-yaml.ts
import yaml2 from "js-yaml";

// server/config/parse-budget.ts
var MAX_DEPTH2 = 128;
var ALIAS_ALLOWANCE = 1e5;
var aliasBudget = (text) => ALIAS_ALLOWANCE + Math.floor(text.length / 16);
var PARSE_TIME_LIMIT_MS = 1e3;
var CHECK_CLOCK_EVERY = 512;
var BudgetExceeded = class extends Error {
  constructor(code, message, offset) {
    super(message);
    this.code = code;
    this.offset = offset;
  }
  code;
  offset;
};
function budgetListener(text, { depthOffset = 0, now = Date.now } = {}) {
  const budget = aliasBudget(text);
  const maxFrames = MAX_DEPTH2 + 1 - depthOffset;
  const started = now();
  const sizes = /* @__PURE__ */ new WeakMap();
  const armed = /* @__PURE__ */ new WeakSet();
  const starts = new Int32Array(Math.max(maxFrames, 0) + 1);
  const frameSizes = new Float64Array(starts.length);
  const holdsAlias = new Uint8Array(starts.length);
  let depth = 0;
  let spent = 0;
  let events = 0;
  let firstNested = -1;
  const charge = (units, at) => {
    spent += units;
    if (spent <= budget) return;
    const message = `YAML aliases add more than ${budget.toLocaleString("en")} values to config.yaml: this is an alias bomb ("billion laughs"), a chain of merge keys (<<), or close to one. Stop nesting aliases (*name) inside anchored (&name) collections, or write the repeated values out`;
    throw new BudgetExceeded("alias_expansion", message, firstNested >= 0 ? firstNested : at);
  };
  return (event, state) => {
    if ((++events & CHECK_CLOCK_EVERY - 1) === 0 && now() - started > PARSE_TIME_LIMIT_MS) {
      throw new BudgetExceeded("parse_timeout", `parsing config.yaml took longer than ${PARSE_TIME_LIMIT_MS} ms and was stopped: the file is too large or too intricate; simplify it`, state.position);
    }
    if (event === "open") {
      if (state.documents.length > 0) {
        const message = "YAML syntax error: config.yaml holds more than one YAML document (a second one starts here): a config is one document; remove the `---` and what follows, or merge it into the first";
        throw new BudgetExceeded("yaml_syntax", message, documentStart(state.input, state.position));
      }
      if (depth >= maxFrames) {
        const message = `config.yaml is nested more than ${MAX_DEPTH2} levels deep here: no hotconf config needs that, flatten it`;
        throw new BudgetExceeded("too_deep", message, nodeStart(state.input, state.position));
      }
      starts[depth] = state.position;
      frameSizes[depth] = 1;
      holdsAlias[depth] = 0;
      depth++;
      return;
    }
    const frame = --depth;
    const parent = frame - 1;
    const value = state.result;
    if (state.kind === null && value !== null && value !== void 0) {
      const at = nodeStart(state.input, starts[frame]);
      const size = typeof value === "object" ? sizes.get(value) ?? 1 + entriesOf(value) : 1;
      if (firstNested < 0 && typeof value === "object" && armed.has(value)) firstNested = at;
      charge(size, at);
      if (parent >= 0) {
        holdsAlias[parent] = 1;
        frameSizes[parent] = frameSizes[parent] + size;
      }
      return;
    }
    if (parent >= 0) {
      frameSizes[parent] = frameSizes[parent] + frameSizes[frame];
      holdsAlias[parent] = holdsAlias[parent] | holdsAlias[frame];
    }
    if (value === null || typeof value !== "object" || state.kind === "scalar") return;
    if (state.kind === "mapping") checkMapping(value, state.input, starts[frame], state.position);
    if (state.anchor === null) return;
    if (holdsAlias[frame]) armed.add(value);
    sizes.set(value, frameSizes[frame]);
  };
}
function entriesOf(node) {
  return Array.isArray(node) ? node.length : Object.keys(node).length;
}
function checkMapping(node, input, start, end) {
  if (Object.getPrototypeOf(node) !== Object.prototype) {
    throw new BudgetExceeded("bad_prototype", "this mapping was built with a prototype other than a plain object's (a parser fault): the config is refused rather than read through it", start);
  }
  if (Object.hasOwn(node, "__proto__")) {
    const key = input.indexOf("__proto__", start);
    const message = "`__proto__` is not allowed as a key (it names the prototype of an object in JavaScript, and no config field has that name): remove it";
    throw new BudgetExceeded("proto_key", message, key !== -1 && key < end ? key : start);
  }
}
function nodeStart(input, from) {
  let at = from;
  for (; ; ) {
    const c2 = input.charCodeAt(at);
    if (c2 === 32 || c2 === 9 || c2 === 10 || c2 === 13) at++;
    else if (c2 === 35) {
      const nl = input.indexOf("\n", at);
      if (nl === -1) return at;
      at = nl + 1;
    } else return at;
  }
}
function documentStart(input, at) {
  const marker = Math.max(input.lastIndexOf("\n---", at), input.lastIndexOf("\n...", at));
  return marker === -1 ? at : marker + 1;
}
function spanAt(text, offset) {
  const at = Math.max(0, Math.min(offset, text.length));
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  let line = 1;
  for (let nl = text.indexOf("\n"); nl !== -1 && nl < lineStart; nl = text.indexOf("\n", nl + 1)) line++;
  return { line, column: at - lineStart + 1, end_line: line, end_column: at - lineStart + 2 };
}

// server/config/yaml-schema.ts
import yaml from "js-yaml";
var MERGE_KEY = new yaml.Type("tag:yaml.org,2002:merge", { kind: "scalar", resolve: (s) => s === "<<" });
function scalarType(tag, test, construct) {
  return new yaml.Type(`tag:yaml.org,2002:${tag}`, { kind: "scalar", resolve: (s) => s !== null && test.test(s), construct });
}
var TRUE = /^(?:y|Y|yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
var BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
var CORE_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    scalarType("null", /^(?:~|[Nn]ull|NULL)?$/, () => null),
    scalarType("bool", BOOL, (s) => new PlainScalar(s, TRUE.test(s))),
    scalarType(
      "int",
      /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/,
      (s) => new PlainScalar(s, s.startsWith("0o") ? parseInt(s.slice(2), 8) : s.startsWith("0x") ? parseInt(s.slice(2), 16) : parseInt(s, 10))
    ),
    scalarType("float", /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/, (s) => {
      if (/nan$/i.test(s)) return new PlainScalar(s, NaN);
      if (/inf$/i.test(s)) return new PlainScalar(s, s.startsWith("-") ? -Infinity : Infinity);
      return new PlainScalar(s, parseFloat(s));
    }),
    MERGE_KEY
  ]
});

// server/config/read-yaml.ts
var MAX_CONFIG_BYTES = 4 * 1024 * 1024;
var DESCRIBE_UP_TO = 64 * 1024;
function readYaml(text) {
  checkText(text);
  try {
    return yaml2.load(text, { schema: CORE_SCHEMA, filename: "config.yaml", listener: budgetListener(text) });
  } catch (err) {
    if (err instanceof BudgetExceeded) throw budgetError(text, err);
    if (err instanceof yaml2.YAMLException) throw syntaxError(text, err);
    if (err instanceof RangeError) throw budgetError(text, new BudgetExceeded("too_deep", `config.yaml is nested too deeply to parse (more than ${MAX_DEPTH2} levels are never needed): flatten it`, deepestOpening(text)));
    throw err;
  }
}
function readYamlFragment(text, depth = 0) {
  return yaml2.load(text, { schema: CORE_SCHEMA, listener: budgetListener(text, { depthOffset: depth }) });
}
function withinTextLimits(text) {
  try {
    checkText(text);
    return true;
  } catch {
    return false;
  }
}
function checkText(text) {
  if (text.length > MAX_CONFIG_BYTES || text.length > MAX_CONFIG_BYTES / 3 && utf8Length(text) > MAX_CONFIG_BYTES) {
    const message = `config.yaml is larger than ${MAX_CONFIG_BYTES.toLocaleString("en")} bytes (the limit for one config; a 10,000-receiver config is about 1.8 MB): split long lists with shared defaults, or remove what is not needed`;
    throw configError("load_failed", "config.yaml is too large", [issueAt(spanAt(text, byteOffsetChars(text, MAX_CONFIG_BYTES)), "", "too_large", message)]);
  }
  const bad = firstLoneSurrogate(text);
  if (bad !== -1) {
    const message = "config.yaml holds text that is not valid Unicode here (half of a UTF-16 surrogate pair), which cannot be written as UTF-8: retype or remove this character";
    throw configError("load_failed", "config.yaml is not valid text", [issueAt(spanAt(text, bad), "", "bad_encoding", message)]);
  }
}
function budgetError(text, err) {
  const offset = err.offset + (text.charCodeAt(0) === 65279 ? 1 : 0);
  const summary = err.code === "yaml_syntax" ? "config.yaml is not valid YAML" : `config.yaml passes a parsing limit (${err.code})`;
  return configError("load_failed", summary, [issueAt(spanAt(text, offset), "", err.code, err.message)]);
}
function utf8Length(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c2 = text.charCodeAt(i);
    bytes += c2 < 128 ? 1 : c2 < 2048 ? 2 : c2 >= 55296 && c2 < 56320 ? (i++, 4) : 3;
  }
  return bytes;
}
function byteOffsetChars(text, limit) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c2 = text.charCodeAt(i);
    bytes += c2 < 128 ? 1 : c2 < 2048 ? 2 : c2 >= 55296 && c2 < 56320 ? 4 : 3;
    if (bytes > limit) return i;
    if (c2 >= 55296 && c2 < 56320) i++;
  }
  return text.length;
}
function firstLoneSurrogate(text) {
  if (text.isWellFormed?.() ?? true) return -1;
  for (let i = 0; i < text.length; i++) {
    const c2 = text.charCodeAt(i);
    if (c2 >= 55296 && c2 < 56320) {
      const next = text.charCodeAt(i + 1);
      if (next >= 56320 && next < 57344) i++;
      else return i;
    } else if (c2 >= 56320 && c2 < 57344) return i;
  }
  return -1;
}
function syntaxError(text, err) {
  const duplicate = err.reason === "duplicated mapping key";
  const described = !duplicate && text.length <= DESCRIBE_UP_TO ? syntaxErrorsOf(text) : [];
  const found = described.length > 0 ? described : [{ span: markOf(text, err), message: duplicate ? "Map keys must be unique" : err.reason }];
  const issues = found.map(({ span, message }) => issueAt(span, "", "yaml_syntax", `YAML syntax error: ${message}${hintFor(text, span)}`));
  return configError("load_failed", "config.yaml is not valid YAML", issues);
}
function markOf(text, err) {
  const offset = err.mark?.position;
  return spanAt(text, typeof offset === "number" ? offset + (text.charCodeAt(0) === 65279 ? 1 : 0) : 0);
}
function hintFor(text, span) {
  const lineText = span ? text.split("\n", span.line)[span.line - 1] ?? "" : "";
  return lineText.includes("${") && /[[{]/.test(lineText) ? ": a secret reference inside [...] or {...} must be quoted, e.g. '${env:NAME}'" : "";
}
function deepestOpening(text) {
  let depth = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const c2 = text[i];
    if (c2 === "[" || c2 === "{") {
      if (++depth > MAX_DEPTH2) {
        at = i;
        break;
      }
    } else if ((c2 === "]" || c2 === "}") && depth > 0) depth--;
  }
  return at;
}

// server/config/bounds.ts
var ALIAS_ALLOWANCE2 = 1e5;
function boundExpansion(value, text, at = []) {
  const budget = 2 * text.length + ALIAS_ALLOWANCE2;
  let count = 0;
  const stack = at.map(() => ({}));
  const path = [...at];
  const walk2 = (node) => {
    if (++count > budget) throw aliasBomb(text, budget);
    if (node === null || typeof node !== "object" || node instanceof PlainScalar) return;
    if (stack.length >= MAX_DEPTH2) throw tooDeep(text, stack, path);
    if (Object.getPrototypeOf(node) !== (Array.isArray(node) ? Array.prototype : Object.prototype)) throw notPlain(text, path);
    stack.push(node);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        walk2(node[i]);
        path.pop();
      }
    } else {
      for (const key of Object.keys(node)) {
        path.push(key);
        walk2(node[key]);
        path.pop();
      }
    }
    stack.pop();
  };
  walk2(value);
}
function aliasBomb(text, budget) {
  const message = `YAML aliases expand config.yaml to more than ${budget.toLocaleString("en")} values: this is an alias bomb ("billion laughs") or close to one. Stop nesting aliases (*name) inside anchored (&name) collections, or write the repeated values out`;
  return configError("load_failed", "config.yaml cannot be expanded", [issueAt(locateNestedAlias(text), "", "alias_expansion", message)]);
}
function notPlain(text, path) {
  const message = "this value was built with a prototype other than a plain mapping's or list's (a parser fault): the config is refused rather than read through it";
  return configError("load_failed", "config.yaml cannot be read safely", [issueAt(createLocator(text)(path), path.join("."), "bad_prototype", message)]);
}
function tooDeep(text, stack, path) {
  const repeat = stack.findIndex((node, i) => stack.indexOf(node) !== i);
  if (repeat !== -1) {
    const loopPath = path.slice(0, repeat);
    const message2 = "an alias (*name) refers to a collection that contains it, so the document would be infinite: remove the recursive alias";
    return configError("load_failed", "config.yaml cannot be expanded", [issueAt(createLocator(text)(loopPath), loopPath.join("."), "alias_recursive", message2)]);
  }
  const deepPath = path.slice(0, MAX_DEPTH2);
  const message = `config.yaml is nested more than ${MAX_DEPTH2} levels deep at ${deepPath.slice(0, 6).join(".")}\u2026: no hotconf config needs that, flatten it`;
  return configError("load_failed", "config.yaml is nested too deeply", [issueAt(createLocator(text)(deepPath), deepPath.join("."), "too_deep", message)]);
}
function checkTopLevel(value, text) {
  if (value === void 0 || value === null) {
    const message = "config.yaml is empty: it needs at least a route and receivers (start from the sample config)";
    throw new ConfigError("load_failed", message, [issueAt({ line: 1, column: 1, end_line: 1, end_column: 2 }, "", "empty_config", message)]);
  }
  if (typeof value !== "object" || Array.isArray(value) || value instanceof PlainScalar) {
    const kind = Array.isArray(value) ? "a list" : `a single ${typeof (value instanceof PlainScalar ? value.value : value)} value`;
    const message = `config.yaml must be a mapping of sections (route, receivers, inhibit_rules, server, \u2026), but its top level is ${kind}`;
    throw new ConfigError("load_failed", message, [issueAt(createLocator(text)([]), "", "not_a_mapping", message)]);
  }
}

// server/config/schema.ts
import { z as z8 } from "zod";

// server/config/editor-hints.ts
import { z } from "zod";
var editorHints = z.registry();
function requiredInEditor(schema, fields) {
  editorHints.add(schema, { required: fields });
  return schema;
}

// server/config/sections/fields.ts
import { z as z2 } from "zod";

// server/config/duration.ts
var UNIT_MS = {
  ms: 1,
  s: 1e3,
  m: 6e4,
  h: 36e5,
  d: 864e5,
  w: 6048e5,
  y: 31536e6
};
var DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
var ORDER = ["y", "w", "d", "h", "m", "s", "ms"];
function parseDuration(text) {
  if (text === "0") return 0;
  if (text === "") return null;
  const m = DURATION_RE.exec(text);
  if (!m) return null;
  let total = 0;
  ORDER.forEach((unit, i) => {
    const n = m[i + 1];
    if (n !== void 0) total += Number(n) * UNIT_MS[unit];
  });
  return Number.isSafeInteger(total) ? total : null;
}
var GO_UNIT_MS = { ns: 1e-6, us: 1e-3, "\xB5s": 1e-3, "\u03BCs": 1e-3, ms: 1, s: 1e3, m: 6e4, h: 36e5 };
var GO_PART = /(\d*(?:\.\d*)?)(ns|us|µs|μs|ms|s|m|h)/y;
function parseGoDuration(text) {
  let s = text;
  let sign = 1;
  if (s.startsWith("-") || s.startsWith("+")) {
    sign = s[0] === "-" ? -1 : 1;
    s = s.slice(1);
  }
  if (s === "0") return 0;
  if (s === "") return null;
  let total = 0;
  GO_PART.lastIndex = 0;
  while (GO_PART.lastIndex < s.length) {
    const start = GO_PART.lastIndex;
    const m = GO_PART.exec(s);
    if (!m || m.index !== start || m[1] === "" || m[1] === ".") return null;
    total += Number(m[1]) * GO_UNIT_MS[m[2]];
  }
  return sign * total;
}

// server/config/matchers.ts
import { RE2JS } from "re2js";
var LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
var MATCHER_RE = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|=|!=|!~)\s*([\s\S]*?)\s*$/;
var MatcherError = class extends Error {
};
function isLabelName(name) {
  return LABEL_NAME.test(name);
}
var compiledBySource = /* @__PURE__ */ new Map();
var MAX_COMPILED = 1e4;
function compileAnchored(source) {
  const known = compiledBySource.get(source);
  if (known) return known;
  const regex = compileUncached(source);
  if (compiledBySource.size >= MAX_COMPILED) compiledBySource.clear();
  compiledBySource.set(source, regex);
  return regex;
}
function compileUncached(source) {
  if (/\(\?<[^=!]/.test(source)) throw new MatcherError(`invalid regex ${JSON.stringify(source)}: named groups are written (?P<name>\u2026)`);
  let compiled2;
  try {
    compiled2 = RE2JS.compile(`^(?:${source})$`);
  } catch (err) {
    throw new MatcherError(`invalid regex ${JSON.stringify(source)}: ${err.message.replace(/^error parsing regexp: /, "")}`);
  }
  return { test: (value) => compiled2.matcher(value).find() };
}
function parseMatchers(line) {
  let s = line.startsWith("{") ? line.slice(1) : line;
  if (s.endsWith("}")) s = s.slice(0, -1);
  const tokens = [];
  let token = "";
  let quoted = false;
  let escaped = false;
  for (const ch of s) {
    if (ch === "," && !quoted) {
      tokens.push(token);
      token = "";
      continue;
    }
    if (ch === '"') {
      if (!escaped) quoted = !quoted;
      else escaped = false;
    } else if (ch === "\\") escaped = !escaped;
    else if (ch !== ",") escaped = false;
    token += ch;
  }
  if (token.trim() !== "") tokens.push(token.trim());
  return tokens.map(parseMatcher);
}
function parseMatcher(text) {
  const m = MATCHER_RE.exec(text);
  if (!m) {
    throw new MatcherError(`${JSON.stringify(text)} is not a matcher: write name="value", name!="value", name=~"regex" or name!~"regex"`);
  }
  const [, name, op, raw] = m;
  const value = unquote(raw, text);
  const matcher = { name, op, value };
  if (op === "=~" || op === "!~") matcher.re = compileAnchored(value);
  return matcher;
}
function unquote(raw, whole) {
  const quoted = raw.startsWith('"');
  const body = quoted ? raw.slice(1) : raw;
  const chars = [...body];
  let out = "";
  let closed = !quoted;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === "\\" && i < chars.length - 1) {
      const next = chars[++i];
      out += next === "n" ? "\n" : next === '"' || next === "\\" ? next : `\\${next}`;
    } else if (ch === '"') {
      if (!quoted || i < chars.length - 1) throw new MatcherError(`${JSON.stringify(whole)}: the value has an unescaped " (write \\" inside a quoted value)`);
      closed = true;
    } else {
      out += ch;
    }
  }
  if (!closed) throw new MatcherError(`${JSON.stringify(whole)}: the quoted value is not closed`);
  return out;
}

// server/template/am-funcs.ts
import { RE2JS as RE2JS2 } from "re2js";

// server/template/strconv.ts
function isPrint(c2) {
  return c2 === " " || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(c2);
}
var SHORT_ESCAPES = {
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "	": "\\t",
  "\v": "\\v"
};
function quote(s, asciiOnly = false, q = '"') {
  let out = q;
  for (const c2 of s) {
    const cp = c2.codePointAt(0);
    if (c2 === q || c2 === "\\") out += "\\" + c2;
    else if (asciiOnly ? cp < 128 && isPrint(c2) : isPrint(c2)) out += c2;
    else if (SHORT_ESCAPES[c2]) out += SHORT_ESCAPES[c2];
    else if (cp < 32 || cp === 127) out += "\\x" + hex(cp, 2);
    else if (cp < 65536) out += "\\u" + hex(cp, 4);
    else out += "\\U" + hex(cp, 8);
  }
  return out + q;
}
var hex = (n, width) => n.toString(16).padStart(width, "0");
function canBackquote(s) {
  for (const c2 of s) {
    if (c2 === "`" || c2 === "\uFFFD") return false;
    const cp = c2.codePointAt(0);
    if (cp < 32 && c2 !== "	" || cp === 127) return false;
  }
  return true;
}
var SyntaxError_ = class extends Error {
};
var invalid = () => {
  throw new SyntaxError_("invalid syntax");
};
function unquoteChar(s, at, q) {
  const c2 = s[at];
  if (c2 === void 0) return invalid();
  if (c2 === q && (q === "'" || q === '"')) return invalid();
  if (c2 !== "\\") {
    const whole = String.fromCodePoint(s.codePointAt(at));
    return { value: whole, next: at + whole.length };
  }
  const e = s[at + 1];
  const simple = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "	", v: "\v", "\\": "\\" };
  if (e !== void 0 && simple[e] !== void 0) return { value: simple[e], next: at + 2 };
  if (e === "'" || e === '"') {
    if (e !== q) return invalid();
    return { value: e, next: at + 2 };
  }
  const digitsOf = (n, base) => {
    const text = s.slice(at + 2, at + 2 + n);
    if (text.length !== n || ![...text].every((d) => !Number.isNaN(parseInt(d, base)))) return invalid();
    return parseInt(text, base);
  };
  switch (e) {
    case "x":
      return { value: String.fromCharCode(digitsOf(2, 16)), next: at + 4 };
    case "u":
    case "U": {
      const n = e === "u" ? 4 : 8;
      const cp = digitsOf(n, 16);
      if (cp > 1114111 || cp >= 55296 && cp < 57344) return invalid();
      return { value: String.fromCodePoint(cp), next: at + 2 + n };
    }
  }
  if (e !== void 0 && e >= "0" && e <= "7") {
    const text = s.slice(at + 1, at + 4);
    if (!/^[0-7]{3}$/.test(text)) return invalid();
    const v = parseInt(text, 8);
    if (v > 255) return invalid();
    return { value: String.fromCharCode(v), next: at + 4 };
  }
  return invalid();
}
function unquote2(lit) {
  if (lit.length >= 2 && lit[0] === "`" && lit.endsWith("`")) return lit.slice(1, -1).replaceAll("\r", "");
  if (lit.length < 2 || lit[0] !== '"' || !lit.endsWith('"')) return invalid();
  const body = lit.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; ) {
    const { value, next } = unquoteChar(body, i, '"');
    out += value;
    i = next;
  }
  return out;
}
function underscoreOK(s) {
  let saw = "^";
  let i = 0;
  if (s[0] === "+" || s[0] === "-") s = s.slice(1);
  let isHex = false;
  if (s.length >= 2 && s[0] === "0" && "bBoOxX".includes(s[1])) {
    i = 2;
    saw = "0";
    isHex = s[1] === "x" || s[1] === "X";
  }
  for (; i < s.length; i++) {
    const c2 = s[i];
    if (c2 >= "0" && c2 <= "9" || isHex && /[a-fA-F]/.test(c2)) {
      saw = "0";
    } else if (c2 === "_") {
      if (saw !== "0") return false;
      saw = "_";
    } else {
      if (saw === "_") return false;
      saw = "!";
    }
  }
  return saw !== "_";
}
var INT64_MAX = (1n << 63n) - 1n;
var UINT64_MAX = (1n << 64n) - 1n;
function parseInteger(s, signed) {
  const orig = s;
  let neg = false;
  if (signed && (s[0] === "+" || s[0] === "-")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  let base = 10;
  if (s[0] === "0" && s.length > 1) {
    const p = s[1].toLowerCase();
    if (p === "x" || p === "o" || p === "b") {
      base = p === "x" ? 16 : p === "o" ? 8 : 2;
      s = s.slice(2);
    } else {
      base = 8;
      s = s.slice(1);
    }
  }
  if (s === "") return void 0;
  let n = 0n;
  let underscores = false;
  for (const c2 of s) {
    if (c2 === "_") {
      underscores = true;
      continue;
    }
    const d = parseInt(c2, 36);
    if (Number.isNaN(d) || d >= base) return void 0;
    n = n * BigInt(base) + BigInt(d);
  }
  if (underscores && !underscoreOK(orig)) return void 0;
  if (neg) n = -n;
  if (signed ? n > INT64_MAX || n < -INT64_MAX - 1n : n > UINT64_MAX) return void 0;
  return n;
}
function parseFloat64(s) {
  if (s.includes("_") && !underscoreOK(s)) return void 0;
  const t2 = s.replaceAll("_", "");
  let value;
  const hexMatch = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(t2);
  if (hexMatch) {
    const [, sign, int2 = "", frac = "", exp = "0"] = hexMatch;
    if (int2 + frac === "") return void 0;
    const mantissa = Number(BigInt("0x" + int2 + frac));
    value = mantissa * 2 ** (Number(exp) - 4 * frac.length);
    if (sign === "-") value = -value;
  } else if (/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(t2)) {
    value = Number(t2);
  } else {
    return void 0;
  }
  return Number.isFinite(value) ? value : void 0;
}

// server/template/values.ts
var GO_TYPE = /* @__PURE__ */ Symbol.for("hotconf.template.goType");
var ZERO_VALUE = /* @__PURE__ */ Symbol.for("hotconf.template.zeroValue");
var SIGNATURE = /* @__PURE__ */ Symbol.for("hotconf.template.signature");
var GoFloat = class {
  constructor(value) {
    this.value = value;
  }
  value;
};
var GoFunc = class {
  constructor(fn) {
    this.fn = fn;
  }
  fn;
};
function typedSlice(elemType, items) {
  Object.defineProperty(items, GO_TYPE, { value: `[]${elemType}`, enumerable: false });
  return items;
}
var BUILTIN_PROTOTYPES = /* @__PURE__ */ new Set([
  Object.prototype,
  Array.prototype,
  Map.prototype,
  Set.prototype,
  Date.prototype,
  Function.prototype,
  String.prototype,
  Number.prototype,
  Boolean.prototype,
  RegExp.prototype,
  Error.prototype
]);
function isPlainObject(v) {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
function kindOf(v) {
  if (v === void 0 || v === null) return "nil";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "number":
      return Number.isInteger(v) ? "int" : "float";
    case "bigint":
      return "int";
    case "string":
      return "string";
    case "function":
      return "func";
  }
  if (v instanceof GoFloat) return "float";
  if (v instanceof GoFunc) return "func";
  if (Array.isArray(v)) return "slice";
  if (v instanceof Map) return "map";
  if (v instanceof Date) return "time";
  return isPlainObject(v) ? "map" : "struct";
}
function toNumber(v) {
  return v instanceof GoFloat ? v.value : Number(v);
}
function typeName(v) {
  const declared = v?.[GO_TYPE] ?? v?.constructor?.[GO_TYPE];
  if (typeof declared === "string" && v !== null && typeof v === "object") return declared;
  switch (kindOf(v)) {
    case "nil":
      return "<nil>";
    case "bool":
      return "bool";
    case "int":
      return "int";
    case "float":
      return "float64";
    case "complex":
      return "complex128";
    case "string":
      return "string";
    case "slice":
      return "[]interface {}";
    case "map":
      return "map[string]interface {}";
    case "time":
      return "time.Time";
    case "func":
      return "func(...interface {}) (interface {}, error)";
    case "struct":
      return v.constructor?.name || "struct";
  }
}
function isTrue(v) {
  switch (kindOf(v)) {
    case "nil":
      return false;
    case "bool":
      return v;
    case "int":
    case "float":
      return toNumber(v) !== 0;
    case "string":
      return v.length > 0;
    case "slice":
      return v.length > 0;
    case "map":
      return mapSize(v) > 0;
    default:
      return true;
  }
}
function findMethod(receiver, name) {
  if (receiver === null || typeof receiver !== "object" || name === "constructor") return void 0;
  for (let o = receiver; o !== null && !BUILTIN_PROTOTYPES.has(o); o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d) return typeof d.value === "function" ? d.value : void 0;
  }
  return void 0;
}
function structField(receiver, name) {
  for (let o = receiver; o !== null && !BUILTIN_PROTOTYPES.has(o); o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (!d) continue;
    if (d.get) return { found: true, value: d.get.call(receiver) };
    return { found: true, value: d.value };
  }
  return { found: false };
}
function structFields(receiver) {
  return Object.keys(receiver).map((k) => [k, receiver[k]]);
}
function mapGet(m, key) {
  if (m instanceof Map) return m.has(key) ? { found: true, value: m.get(key) } : { found: false };
  if (typeof key !== "string" || !Object.hasOwn(m, key)) return { found: false };
  return { found: true, value: m[key] };
}
function mapSize(m) {
  return m instanceof Map ? m.size : Object.keys(m).length;
}
function mapZero(m) {
  return m.constructor?.[ZERO_VALUE];
}
function sortedEntries(m) {
  const entries2 = m instanceof Map ? [...m.entries()] : Object.entries(m);
  return entries2.sort(([a], [b]) => compareKeys(a, b));
}
function compareKeys(a, b) {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const [x, y] = [String(a), String(b)];
  const xs = [...x];
  const ys = [...y];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const d = xs[i].codePointAt(0) - ys[i].codePointAt(0);
    if (d !== 0) return d;
  }
  return xs.length - ys.length;
}
var encoder = new TextEncoder();
var decoder = new TextDecoder();
function byteLength(s) {
  return encoder.encode(s).length;
}
function byteSlice(s, i, j) {
  return decoder.decode(encoder.encode(s).subarray(i, j));
}
function byteAt(s, i) {
  return encoder.encode(s)[i];
}
function utf8Bytes(s) {
  return encoder.encode(s);
}

// server/template/format.ts
var noFlags = () => ({ plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false });
function sprint(args) {
  let out = "";
  args.forEach((a, i) => {
    const isString = typeof a === "string";
    if (i > 0 && !isString && typeof args[i - 1] !== "string") out += " ";
    out += formatArg(a, "v", noFlags());
  });
  return out;
}
function sprintln(args) {
  return args.map((a) => formatArg(a, "v", noFlags())).join(" ") + "\n";
}
var MAX_WIDTH = 1e6;
function sprintf(format, args) {
  let out = "";
  let argNum = 0;
  let reordered = false;
  let i = 0;
  const n = format.length;
  const argIndex = () => {
    if (format[i] !== "[") return true;
    reordered = true;
    const close = format.indexOf("]", i);
    const index2 = close < 0 ? NaN : Number(format.slice(i + 1, close));
    if (!Number.isInteger(index2) || index2 < 1 || index2 > args.length || close - i < 2) {
      i = close < 0 ? n : close + 1;
      return false;
    }
    argNum = index2 - 1;
    i = close + 1;
    return true;
  };
  const intArg = () => {
    if (argNum >= args.length) return void 0;
    const a = args[argNum++];
    if (kindOf(a) !== "int") return void 0;
    const v = toNumber(a);
    return Math.abs(v) > MAX_WIDTH ? void 0 : v;
  };
  const digits = () => {
    const m = /^[0-9]+/.exec(format.slice(i));
    if (!m) return void 0;
    i += m[0].length;
    return Number(m[0]) > MAX_WIDTH ? NaN : Number(m[0]);
  };
  while (i < n) {
    const pct = format.indexOf("%", i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const f = noFlags();
    for (; i < n; i++) {
      const c2 = format[i];
      if (c2 === "#") f.sharp = true;
      else if (c2 === "0") f.zero = !f.minus;
      else if (c2 === "+") f.plus = true;
      else if (c2 === "-") {
        f.minus = true;
        f.zero = false;
      } else if (c2 === " ") f.space = true;
      else break;
    }
    let goodIndex = argIndex();
    if (format[i] === "*") {
      i++;
      const w = intArg();
      if (w === void 0) out += "%!(BADWIDTH)";
      else {
        f.wid = Math.abs(w);
        if (w < 0) {
          f.minus = true;
          f.zero = false;
        }
      }
      goodIndex = argIndex() && goodIndex;
    } else {
      const w = digits();
      if (w !== void 0) {
        if (Number.isNaN(w)) out += "%!(BADWIDTH)";
        else f.wid = w;
      }
    }
    if (format[i] === ".") {
      i++;
      goodIndex = argIndex() && goodIndex;
      if (format[i] === "*") {
        i++;
        const p = intArg();
        if (p === void 0 || p < 0) out += "%!(BADPREC)";
        else f.prec = p;
        goodIndex = argIndex() && goodIndex;
      } else {
        const p = digits();
        if (p !== void 0 && Number.isNaN(p)) out += "%!(BADPREC)";
        else f.prec = p ?? 0;
      }
    }
    goodIndex = argIndex() && goodIndex;
    if (i >= n) {
      out += "%!(NOVERB)";
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i));
    i += verb.length;
    if (verb === "%") {
      out += "%";
      continue;
    }
    if (!goodIndex) {
      out += `%!${verb}(BADINDEX)`;
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    if (verb === "v") {
      if (f.sharp) {
        f.sharp = false;
        f.sharpV = true;
      }
      if (f.plus) {
        f.plus = false;
        f.plusV = true;
      }
    }
    out += formatArg(args[argNum++], verb, f);
  }
  if (!reordered && argNum < args.length) {
    const extra = args.slice(argNum).map((a) => a === void 0 || a === null ? "<nil>" : `${typeName(a)}=${formatArg(a, "v", noFlags())}`);
    out += `%!(EXTRA ${extra.join(", ")})`;
  }
  return out;
}
function printValue(v) {
  if (v === void 0 || v === null) return "<no value>";
  return formatArg(v, "v", noFlags());
}
function formatVerb(v, verb) {
  return formatArg(v, verb, noFlags());
}
function formatArg(v, verb, f, depth = 0) {
  if (v === void 0 || v === null) {
    if (verb === "T" || verb === "v") return pad("<nil>", f);
    return badVerb(v, verb, f);
  }
  if (verb === "T") return pad(typeName(v), f);
  const kind = kindOf(v);
  if ((kind === "struct" || kind === "map" || kind === "slice") && !f.sharpV && "vsxXq".includes(verb)) {
    for (const name of ["Error", "String"]) {
      const method = findMethod(v, name);
      if (method) return formatString(String(method.call(v)), verb, f);
    }
  }
  switch (kind) {
    case "bool":
      return verb === "t" || verb === "v" ? pad(String(v), f) : badVerb(v, verb, f);
    case "int":
      return formatInteger(v, verb, f);
    case "float":
      return formatFloatVerb(v, verb, f);
    case "string":
      return formatString(v, verb, f);
    case "time":
      return "vsxXq".includes(verb) && !f.sharpV ? formatString(goTimeString(v), verb, f) : badVerb(v, verb, f);
    case "func":
      return verb === "v" ? pad("0xfunc", f) : badVerb(v, verb, f);
    case "slice": {
      const items = v.map((e) => formatArg(e, verb, f, depth + 1));
      if (f.sharpV) return `${typeName(v)}{${items.join(", ")}}`;
      return `[${items.join(" ")}]`;
    }
    case "map": {
      const items = sortedEntries(v).map(([k, e]) => `${formatArg(k, verb, f, depth + 1)}:${formatArg(e, verb, f, depth + 1)}`);
      if (f.sharpV) return `${typeName(v)}{${items.join(", ")}}`;
      return `map[${items.join(" ")}]`;
    }
    case "struct": {
      const items = structFields(v).map(([k, e]) => {
        const value = formatArg(e, verb, f, depth + 1);
        return f.plusV || f.sharpV ? `${k}:${value}` : value;
      });
      return f.sharpV ? `${typeName(v)}{${items.join(", ")}}` : `{${items.join(" ")}}`;
    }
    default:
      return badVerb(v, verb, f);
  }
}
function badVerb(v, verb, f) {
  if (v === void 0 || v === null) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeName(v)}=${formatArg(v, "v", f)})`;
}
var runeCount = (s) => [...s].length;
function pad(s, f) {
  const w = f.wid ?? 0;
  const n = runeCount(s);
  if (n >= w) return s;
  if (f.minus) return s + " ".repeat(w - n);
  return (f.zero ? "0" : " ").repeat(w - n) + s;
}
function formatString(s, verb, f) {
  switch (verb) {
    case "v":
      return f.sharpV ? pad(quote(s), f) : pad(truncate(s, f), f);
    case "s":
      return pad(truncate(s, f), f);
    case "q": {
      const t2 = truncate(s, f);
      if (f.sharp && canBackquote(t2)) return pad("`" + t2 + "`", f);
      return pad(quote(t2, f.plus), f);
    }
    case "x":
    case "X":
      return pad(hexBytes(utf8Bytes(s), verb, f), f);
  }
  return badVerb(s, verb, f);
}
function truncate(s, f) {
  return f.prec === void 0 ? s : [...s].slice(0, f.prec).join("");
}
function hexBytes(bytes, verb, f) {
  const n = f.prec === void 0 ? bytes.length : Math.min(f.prec, bytes.length);
  const parts = [];
  for (let i = 0; i < n; i++) {
    let h = bytes[i].toString(16).padStart(2, "0");
    if (verb === "X") h = h.toUpperCase();
    parts.push(h);
  }
  const prefix = f.sharp ? verb === "X" ? "0X" : "0x" : "";
  if (f.space) return parts.map((p) => prefix + p).join(" ");
  return parts.length ? prefix + parts.join("") : "";
}
function formatInteger(v, verb, f) {
  const n = BigInt(toNumber(v));
  switch (verb) {
    case "v":
    case "d":
      return integer(n, 10, verb, f);
    case "b":
      return integer(n, 2, verb, f);
    case "o":
    case "O":
      return integer(n, 8, verb, f);
    case "x":
    case "X":
      return integer(n, 16, verb, f);
    case "c":
      return pad(runeOf(n), f);
    case "q":
      return pad(quoteRune(runeOf(n), f.plus), f);
    case "U": {
      const hex2 = n.toString(16).toUpperCase().padStart(f.prec ?? 4, "0");
      const c2 = runeOf(n);
      return pad(`U+${hex2}` + (f.sharp && isPrint(c2) ? ` '${c2}'` : ""), f);
    }
  }
  return badVerb(v, verb, f);
}
function runeOf(n) {
  const cp = Number(n);
  return cp < 0 || cp > 1114111 || cp >= 55296 && cp < 57344 ? "\uFFFD" : String.fromCodePoint(cp);
}
function quoteRune(c2, asciiOnly) {
  if (c2 === '"') return `'"'`;
  return quote(c2, asciiOnly, "'");
}
function integer(n, base, verb, f) {
  const negative = n < 0n;
  let digits = (negative ? -n : n).toString(base);
  if (verb === "X") digits = digits.toUpperCase();
  let prec = 0;
  if (f.prec !== void 0) {
    prec = f.prec;
    if (prec === 0 && n === 0n) return pad("", { ...f, zero: false });
  } else if (f.zero && f.wid !== void 0 && !f.minus) {
    prec = f.wid;
    if (negative || f.plus || f.space) prec--;
  }
  digits = digits.padStart(prec, "0");
  if (f.sharp) {
    if (base === 2) digits = "0b" + digits;
    if (base === 8 && digits[0] !== "0") digits = "0" + digits;
    if (base === 16) digits = (verb === "X" ? "0X" : "0x") + digits;
  }
  if (verb === "O") digits = "0o" + digits;
  const sign = negative ? "-" : f.plus ? "+" : f.space ? " " : "";
  return pad(sign + digits, { ...f, zero: false });
}
function formatFloatVerb(v, verb, f) {
  const x = toNumber(v);
  switch (verb) {
    case "v":
      return floatField(x, "g", f.prec ?? -1, f);
    case "g":
    case "G":
    case "x":
    case "X":
      return floatField(x, verb, f.prec ?? -1, f);
    case "b":
      return floatField(x, "b", -1, f);
    case "e":
    case "E":
    case "f":
    case "F":
      return floatField(x, verb === "F" ? "f" : verb, f.prec ?? 6, f);
  }
  return badVerb(v, verb, f);
}
function floatField(x, fmtChar, prec, f) {
  let num2 = formatFloat(x, fmtChar, prec);
  if (num2[0] !== "-" && num2[0] !== "+") num2 = "+" + num2;
  if (f.space && num2[0] === "+" && !f.plus) num2 = " " + num2.slice(1);
  if (num2[1] === "I" || num2[1] === "N") {
    if (num2[1] === "N" && !f.space && !f.plus) num2 = num2.slice(1);
    return pad(num2, { ...f, zero: false });
  }
  if (f.plus || num2[0] !== "+") {
    if (f.zero && f.wid !== void 0 && f.wid > num2.length) return num2[0] + "0".repeat(f.wid - num2.length) + num2.slice(1);
    return pad(num2, f);
  }
  return pad(num2.slice(1), f);
}
function formatFloat(x, fmtChar, prec) {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "+Inf" : "-Inf";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  if (fmtChar === "b") return sign + binaryFloat(Math.abs(x));
  if (fmtChar === "x" || fmtChar === "X") return sign + hexFloat(Math.abs(x), fmtChar, prec);
  const lower = fmtChar.toLowerCase();
  const shortest = prec < 0;
  let d;
  if (shortest) {
    d = shortestDecimal(Math.abs(x));
    prec = lower === "e" ? d.digits.length - 1 : lower === "f" ? Math.max(d.digits.length - d.dp, 0) : d.digits.length;
  } else {
    d = exactDecimal(Math.abs(x));
    if (lower === "e") d = round(d, prec + 1);
    else if (lower === "f") d = round(d, d.dp + prec);
    else {
      if (prec === 0) prec = 1;
      d = round(d, prec);
    }
  }
  if (lower === "e") return sign + fmtE(d, prec, fmtChar);
  if (lower === "f") return sign + fmtF(d, prec);
  const nd = d.digits.length;
  let eprec = prec;
  if (eprec > nd && nd >= d.dp) eprec = nd;
  if (shortest) eprec = 6;
  const exp = d.dp - 1;
  if (exp < -4 || exp >= eprec) return sign + fmtE(d, Math.min(prec, nd) - 1, fmtChar === "G" ? "E" : "e");
  return sign + fmtF(d, Math.max((prec > d.dp ? nd : prec) - d.dp, 0));
}
function normalize(digits, dp) {
  const lead = digits.length - digits.replace(/^0+/, "").length;
  digits = digits.slice(lead).replace(/0+$/, "");
  return { digits, dp: digits === "" ? 0 : dp - lead };
}
function shortestDecimal(x) {
  if (x === 0) return { digits: "", dp: 0 };
  const [mantissa, exp] = x.toExponential().split("e");
  return normalize(mantissa.replace(".", ""), Number(exp) + 1);
}
function exactDecimal(x) {
  if (x === 0) return { digits: "", dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n & 0x7ffn);
  let mantissa = bits & (1n << 52n) - 1n;
  let exp;
  if (biased === 0) exp = -1074;
  else {
    mantissa |= 1n << 52n;
    exp = biased - 1075;
  }
  if (exp >= 0) {
    const s2 = (mantissa << BigInt(exp)).toString();
    return normalize(s2, s2.length);
  }
  const s = (mantissa * 5n ** BigInt(-exp)).toString();
  return normalize(s, s.length + exp);
}
function round(d, n) {
  if (n < 0) return { digits: "", dp: 0 };
  if (d.digits.length <= n) return d;
  const next = d.digits[n];
  let up = next > "5";
  if (next === "5") {
    const rest = d.digits.slice(n + 1);
    up = /[1-9]/.test(rest) || n > 0 && Number(d.digits[n - 1]) % 2 === 1;
  }
  let kept = d.digits.slice(0, n);
  let dp = d.dp;
  if (up) {
    const bumped = (BigInt(kept || "0") + 1n).toString();
    if (kept === "" || bumped.length > kept.length) dp++;
    kept = kept === "" ? "1" : bumped.slice(0, Math.max(kept.length, 1));
  }
  return normalize(kept, dp);
}
function fmtE(d, prec, e) {
  const digits = d.digits || "0";
  let s = digits[0];
  if (prec > 0) s += "." + digits.slice(1, prec + 1).padEnd(prec, "0");
  const exp = d.digits === "" ? 0 : d.dp - 1;
  const abs = Math.abs(exp);
  return `${s}${e}${exp < 0 ? "-" : "+"}${abs < 10 ? "0" + abs : abs}`;
}
function fmtF(d, prec) {
  const digitAt = (i) => i >= 0 && i < d.digits.length ? d.digits[i] : "0";
  let s = "";
  if (d.dp > 0) for (let i = 0; i < d.dp; i++) s += digitAt(i);
  else s = "0";
  if (prec > 0) {
    s += ".";
    for (let i = 0; i < prec; i++) s += digitAt(d.dp + i);
  }
  return s;
}
function goTimeString(t2) {
  const p = (n, w = 2) => String(n).padStart(w, "0");
  const year = t2.getUTCFullYear();
  const ms = t2.getUTCMilliseconds();
  const frac = ms ? "." + p(ms, 3).replace(/0+$/, "") : "";
  return `${year < 0 ? "-" + p(-year, 4) : p(year, 4)}-${p(t2.getUTCMonth() + 1)}-${p(t2.getUTCDate())} ${p(t2.getUTCHours())}:${p(t2.getUTCMinutes())}:${p(t2.getUTCSeconds())}${frac} +0000 UTC`;
}
var MANT_BITS = 52n;
function floatBits(x) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  let exp = Number(bits >> MANT_BITS & 0x7ffn);
  let mant = bits & (1n << MANT_BITS) - 1n;
  if (exp === 0) exp++;
  else mant |= 1n << MANT_BITS;
  return { mant, exp: exp - 1023 };
}
function binaryFloat(x) {
  const { mant, exp } = floatBits(x);
  const e = exp - Number(MANT_BITS);
  return `${mant}p${e >= 0 ? "+" : ""}${e}`;
}
function hexFloat(x, fmtChar, prec) {
  let { mant, exp } = floatBits(x);
  if (mant === 0n) exp = 0;
  mant <<= 60n - MANT_BITS;
  while (mant !== 0n && (mant & 1n << 60n) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = mant << shift & (1n << 60n) - 1n;
    mant >>= 60n - shift;
    if ((extra | mant & 1n) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & 1n << 61n) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const upper = fmtChar === "X";
  let out = `0${fmtChar}${mant >> 60n & 1n}`;
  mant = mant << 4n & (1n << 64n) - 1n;
  const digits = prec < 0 ? mant === 0n ? 0 : Infinity : prec;
  if (digits > 0) {
    out += ".";
    for (let i = 0; i < digits && (prec >= 0 || mant !== 0n); i++) {
      out += (mant >> 60n & 15n).toString(16);
      mant = mant << 4n & (1n << 64n) - 1n;
    }
  }
  if (upper) out = out.toUpperCase();
  const e = Math.abs(exp);
  return `${out}${upper ? "P" : "p"}${exp < 0 ? "-" : "+"}${String(e).padStart(2, "0")}`;
}

// server/template/builtins.ts
function withSignature(fn, params, variadic) {
  fn[SIGNATURE] = { params, variadic };
  return fn;
}
function signatureOf(fn) {
  return fn[SIGNATURE];
}
var isNil = (v) => v === void 0 || v === null;
function index(item, ...indexes) {
  if (isNil(item)) throw new Error("index of untyped nil");
  for (const i of indexes) {
    if (isNil(item)) throw new Error("index of nil pointer");
    const kind = kindOf(item);
    if (kind === "slice" || kind === "string") {
      const len = kind === "string" ? byteLength(item) : item.length;
      const x = indexArg(i, len);
      if (x === len) throw new Error(`reflect: ${kind} index out of range`);
      item = kind === "string" ? byteAt(item, x) : item[x];
    } else if (kind === "map") {
      const m = item;
      const first = m instanceof Map ? m.keys().next() : void 0;
      const keyKind = first && !first.done ? kindOf(first.value) : "string";
      if (!isNil(i) && kindOf(i) !== keyKind) throw new Error(`value has type ${typeName(i)}; should be ${keyKind}`);
      const found = mapGet(m, i);
      item = found.found ? found.value : mapZero(m);
    } else {
      throw new Error(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}
function indexArg(i, cap) {
  if (isNil(i)) throw new Error("cannot index slice/array with nil");
  if (kindOf(i) !== "int") throw new Error(`cannot index slice/array with type ${typeName(i)}`);
  const x = toNumber(i);
  if (x < 0 || x > cap) throw new Error(`index out of range: ${x}`);
  return x;
}
function slice(item, ...indexes) {
  if (isNil(item)) throw new Error("slice of untyped nil");
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  const kind = kindOf(item);
  let len;
  if (kind === "string") {
    if (indexes.length === 3) throw new Error("cannot 3-index slice a string");
    len = byteLength(item);
  } else if (kind === "slice") {
    len = item.length;
  } else {
    throw new Error(`can't slice item of type ${typeName(item)}`);
  }
  const idx = [0, len, len];
  indexes.forEach((i, n) => idx[n] = indexArg(i, len));
  const [lo, hi, max] = idx;
  if (lo > hi) throw new Error(`invalid slice index: ${lo} > ${hi}`);
  if (indexes.length === 3 && hi > max) throw new Error(`invalid slice index: ${hi} > ${max}`);
  if (kind === "string") return byteSlice(item, lo, hi);
  const out = item.slice(lo, hi);
  const declared = item[GO_TYPE];
  if (declared) Object.defineProperty(out, GO_TYPE, { value: declared, enumerable: false });
  return out;
}
function length(item) {
  switch (kindOf(item)) {
    case "nil":
      throw new Error("reflect: call of reflect.Value.Type on zero Value");
    case "string":
      return byteLength(item);
    case "slice":
      return item.length;
    case "map":
      return mapSize(item);
  }
  throw new Error(`len of type ${typeName(item)}`);
}
function call(fn, ...args) {
  if (isNil(fn)) throw new Error("call of nil");
  const f = fn instanceof GoFunc ? fn.fn : fn;
  if (typeof f !== "function") throw new Error(`non-function of type ${typeName(fn)}`);
  return f(...args);
}
var BASIC = /* @__PURE__ */ new Set(["bool", "int", "float", "string", "complex"]);
var basicKind = (v) => BASIC.has(kindOf(v)) ? kindOf(v) : void 0;
function eq(a, ...bs) {
  if (bs.length === 0) throw new Error("missing argument for comparison");
  const ka = basicKind(a);
  for (const b of bs) {
    const kb = basicKind(b);
    let truth;
    if (isNil(a) && isNil(b)) {
      truth = true;
    } else if (ka !== kb || kindOf(a) !== kindOf(b)) {
      if (!isNil(a) && !isNil(b)) throw new Error("incompatible types for comparison");
      truth = isNil(a) && isNil(b);
    } else if (ka) {
      truth = ka === "int" || ka === "float" ? toNumber(a) === toNumber(b) : a === b;
    } else {
      truth = equalComposite(a, b);
    }
    if (truth) return true;
  }
  return false;
}
function equalComposite(a, b) {
  const kind = kindOf(a);
  if (kind === "time") return a.getTime() === b.getTime();
  if (kind === "struct" && typeName(a) === typeName(b)) {
    const [fa, fb] = [structFields(a), structFields(b)];
    if (fa.every(([, v]) => basicKind(v) || isNil(v))) return fa.every(([k, v], i) => fb[i]?.[0] === k && fb[i]?.[1] === v);
  }
  if (kind === "struct" && typeName(a) !== typeName(b)) throw new Error("incompatible types for comparison");
  throw new Error(`non-comparable type ${formatVerb(b, "s")}: ${typeName(b)}`);
}
function lt(a, b) {
  const [ka, kb] = [basicKind(a), basicKind(b)];
  if (!ka || !kb) throw new Error("invalid type for comparison");
  if (ka !== kb) throw new Error("incompatible types for comparison");
  if (ka === "bool" || ka === "complex") throw new Error("invalid type for comparison");
  if (ka === "string") return a < b;
  return toNumber(a) < toNumber(b);
}
var le = (a, b) => lt(a, b) || eq(a, b);
function evalArgs(args) {
  if (args.length === 1 && typeof args[0] === "string") return args[0];
  return sprint(args.map((a) => isNil(a) ? "<no value>" : a));
}
var HTML_ESCAPES = { '"': "&#34;", "'": "&#39;", "&": "&amp;", "<": "&lt;", ">": "&gt;" };
function htmlEscape(s) {
  return s.replace(/["'&<>]/g, (c2) => HTML_ESCAPES[c2]);
}
function jsEscape(s) {
  let out = "";
  for (const c2 of s) {
    const cp = c2.codePointAt(0);
    if (c2 === "\\") out += "\\\\";
    else if (c2 === "'") out += "\\'";
    else if (c2 === '"') out += '\\"';
    else if (c2 === "<" || c2 === ">" || c2 === "&" || c2 === "=") out += "\\u00" + cp.toString(16).toUpperCase();
    else if (cp < 32) out += "\\u00" + cp.toString(16).toUpperCase().padStart(2, "0");
    else if (cp < 128 || isPrint(c2)) out += c2;
    else out += "\\u" + cp.toString(16).toUpperCase().padStart(4, "0");
  }
  return out;
}
function queryEscape(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c2) => "%" + c2.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, "+");
}
var BUILTINS = /* @__PURE__ */ new Map([
  ["and", withSignature(() => void 0, ["any"], "any")],
  ["or", withSignature(() => void 0, ["any"], "any")],
  ["not", withSignature((a) => !isTrue(a), ["any"])],
  ["call", withSignature(call, ["any"], "any")],
  ["index", withSignature(index, ["any"], "any")],
  ["slice", withSignature(slice, ["any"], "any")],
  ["len", withSignature(length, ["any"])],
  ["print", withSignature((...a) => sprint(a), [], "any")],
  ["printf", withSignature((format, ...a) => sprintf(format, a), ["string"], "any")],
  ["println", withSignature((...a) => sprintln(a), [], "any")],
  ["html", withSignature((...a) => htmlEscape(evalArgs(a)), [], "any")],
  ["js", withSignature((...a) => jsEscape(evalArgs(a)), [], "any")],
  ["urlquery", withSignature((...a) => queryEscape(evalArgs(a)), [], "any")],
  ["eq", withSignature(eq, ["any"], "any")],
  ["ne", withSignature((a, b) => !eq(a, b), ["any", "any"])],
  ["lt", withSignature(lt, ["any", "any"])],
  ["le", withSignature(le, ["any", "any"])],
  ["gt", withSignature((a, b) => !le(a, b), ["any", "any"])],
  ["ge", withSignature((a, b) => !lt(a, b), ["any", "any"])]
]);

// server/template/am-funcs.ts
function mapRunes(s, f) {
  let out = "";
  for (const c2 of s) {
    const m = f(c2);
    out += [...m].length === 1 ? m : c2;
  }
  return out;
}
var isWordChar = (c2) => c2 !== void 0 && /^[\p{L}\p{M}\p{N}_]$/u.test(c2);
var isMidWord = (c2) => c2 !== void 0 && /^['.:\u2018\u2019\u00B7]$/u.test(c2);
function title(s) {
  const cs = [...s];
  let out = "";
  let seenCased = false;
  cs.forEach((c2, i) => {
    const inWord = isWordChar(c2) || isMidWord(c2) && isWordChar(cs[i - 1]) && isWordChar(cs[i + 1]);
    if (!inWord) {
      seenCased = false;
      out += c2;
      return;
    }
    const cased = c2.toLowerCase() !== c2.toUpperCase();
    if (cased && !seenCased) {
      seenCased = true;
      out += mapRunes(c2, (x) => x.toUpperCase());
    } else {
      out += mapRunes(c2, (x) => x.toLowerCase());
    }
  });
  return out;
}
var compiled = /* @__PURE__ */ new Map();
function compile(pattern) {
  let re = compiled.get(pattern);
  if (!re) {
    re = RE2JS2.compile(pattern);
    if (compiled.size >= 256) compiled.delete(compiled.keys().next().value);
    compiled.set(pattern, re);
  }
  return re;
}
function match(pattern, s) {
  return compile(pattern).test(s);
}
function reReplaceAll(pattern, repl, text) {
  let re;
  try {
    re = compile(pattern);
  } catch (e) {
    throw new Error(`regexp: Compile(${"`"}${pattern}${"`"}): ${e.message}`);
  }
  const m = re.matcher(text);
  let out = "";
  let lastEnd = 0;
  let searchPos = 0;
  while (searchPos <= text.length && m.find(searchPos)) {
    const [start, end] = [m.start(), m.end()];
    out += text.slice(lastEnd, start);
    if (end > lastEnd || start === 0) out += expand(repl, (g) => m.group(g) ?? "", re.groupCount(), re.namedGroups());
    lastEnd = end;
    const width = text.codePointAt(searchPos) > 65535 ? 2 : 1;
    searchPos = searchPos + width > end ? searchPos + width : end;
  }
  return out + text.slice(lastEnd);
}
function expand(template, group, count, names) {
  let out = "";
  for (let i = 0; i < template.length; ) {
    const dollar = template.indexOf("$", i);
    if (dollar < 0) return out + template.slice(i);
    out += template.slice(i, dollar);
    const rest = template.slice(dollar + 1);
    if (rest.startsWith("$")) {
      out += "$";
      i = dollar + 2;
      continue;
    }
    const braced = /^\{(\w+)\}/.exec(rest);
    const bare = braced ? null : /^\w+/.exec(rest);
    const name = braced?.[1] ?? bare?.[0];
    if (name === void 0) {
      out += "$";
      i = dollar + 1;
      continue;
    }
    i = dollar + 1 + (braced ? braced[0].length : name.length);
    if (/^[0-9]+$/.test(name)) {
      const n = Number(name);
      if (n <= count) out += group(n);
    } else if (names[name] !== void 0) {
      out += group(names[name]);
    }
  }
  return out;
}
var AM_FUNCS = /* @__PURE__ */ new Map([
  ["toUpper", withSignature((s) => mapRunes(s, (c2) => c2.toUpperCase()), ["string"])],
  ["toLower", withSignature((s) => mapRunes(s, (c2) => c2.toLowerCase()), ["string"])],
  ["title", withSignature(title, ["string"])],
  // Separator first, for pipelines: {{ .Values | join ", " }}.
  ["join", withSignature((sep, items) => items.join(sep), ["string", "[]string"])],
  ["match", withSignature(match, ["string", "string"])],
  // html/template.HTML in Go; text templates print it as the string it is.
  ["safeHtml", withSignature((text) => text, ["string"])],
  ["reReplaceAll", withSignature(reReplaceAll, ["string", "string", "string"])],
  ["stringSlice", withSignature((...items) => typedSlice("string", items), [], "string")]
]);

// server/template/errors.ts
function locate(text, offset) {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}
var TemplateSyntaxError = class extends Error {
  constructor(message, name, offset, text) {
    super(message);
    this.offset = offset;
    this.name = name;
    ({ line: this.line, column: this.column } = locate(text, offset));
  }
  offset;
  /** Name the text was parsed under (a file name, a field path). */
  name;
  line;
  column;
  get located() {
    return `${this.name}:${this.line}:${this.column}: ${this.message}`;
  }
};
var TemplateExecError = class extends Error {
  constructor(message, name, sourceName, offset, text, context) {
    super(message);
    this.sourceName = sourceName;
    this.offset = offset;
    this.context = context;
    this.name = name;
    ({ line: this.line, column: this.column } = locate(text, offset));
  }
  sourceName;
  offset;
  context;
  /** The template being executed (a `define` name, or the name given to `add`). */
  name;
  line;
  column;
  get located() {
    const at = this.context ? ` at <${this.context}>` : "";
    return `${this.sourceName}:${this.line}:${this.column}: executing "${this.name}"${at}: ${this.message}`;
  }
};

// server/template/nodes.ts
function nodeString(n) {
  switch (n.type) {
    case "list":
      return n.nodes.map(nodeString).join("");
    case "text":
      return n.text;
    case "action":
      return `{{${nodeString(n.pipe)}}}`;
    case "if":
    case "range":
    case "with": {
      const otherwise = n.elseList ? `{{else}}${nodeString(n.elseList)}` : "";
      return `{{${n.type} ${nodeString(n.pipe)}}}${nodeString(n.list)}${otherwise}{{end}}`;
    }
    case "template":
      return `{{template ${quote(n.name)}${n.pipe ? " " + nodeString(n.pipe) : ""}}}`;
    case "break":
    case "continue":
    case "end":
    case "else":
      return `{{${n.type}}}`;
    case "pipe": {
      const decl = n.decl.length ? `${n.decl.map(nodeString).join(", ")} ${n.isAssign ? "=" : ":="} ` : "";
      return decl + n.cmds.map(nodeString).join(" | ");
    }
    case "command":
      return n.args.map((a) => a.type === "pipe" ? `(${nodeString(a)})` : nodeString(a)).join(" ");
    case "field":
      return n.ident.map((f) => "." + f).join("");
    case "chain": {
      const head = n.node.type === "pipe" ? `(${nodeString(n.node)})` : nodeString(n.node);
      return head + n.fields.map((f) => "." + f).join("");
    }
    case "identifier":
      return n.name;
    case "variable":
      return n.ident.join(".");
    case "dot":
      return ".";
    case "nil":
      return "nil";
    case "bool":
      return String(n.value);
    case "string":
      return n.quoted;
    case "number":
      return n.text;
  }
}
function isEmptyTree(list2) {
  return list2.nodes.every((n) => n.type === "text" && n.text.trim() === "");
}

// server/template/exec.ts
var DEFAULT_LIMITS = { maxSteps: 1e6, maxOutput: 4e6, maxDepth: 100 };
function execute(tree, data, env) {
  const state = new State(tree, data, env);
  try {
    state.walk(data, tree.list);
  } catch (e) {
    if (e instanceof RangeError) state.errorf("template nesting too deep to execute");
    throw e;
  }
  return state.output();
}
var MISSING = /* @__PURE__ */ Symbol("missing");
var LoopSignal = class {
  constructor(kind) {
    this.kind = kind;
  }
  kind;
};
var BREAK = new LoopSignal("break");
var CONTINUE = new LoopSignal("continue");
var State = class {
  constructor(tree, data, env) {
    this.tree = tree;
    this.env = env;
    this.vars = [{ name: "$", value: data }];
  }
  tree;
  env;
  out = [];
  outLength = 0;
  steps = 0;
  depth = 0;
  vars;
  node;
  output() {
    return this.out.join("");
  }
  errorf(message) {
    const node = this.node;
    throw new TemplateExecError(
      message,
      this.tree.name,
      this.tree.sourceName,
      node?.pos ?? 0,
      this.tree.text,
      node ? nodeString(node) : ""
    );
  }
  at(node) {
    this.node = node;
  }
  step() {
    if (++this.steps > this.env.limits.maxSteps) this.errorf(`execution exceeded the budget of ${this.env.limits.maxSteps} steps`);
  }
  write(s) {
    this.outLength += s.length;
    if (this.outLength > this.env.limits.maxOutput) this.errorf(`output exceeded the budget of ${this.env.limits.maxOutput} characters`);
    this.out.push(s);
  }
  // ---- variables
  varValue(name) {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    this.errorf(`undefined variable: ${name}`);
  }
  setVar(name, value) {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  // ---- walking the tree
  walk(dot, node) {
    this.step();
    this.at(node);
    switch (node.type) {
      case "action": {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.print(node, value);
        return;
      }
      case "if":
      case "with":
        return this.walkIfOrWith(dot, node);
      case "list":
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case "range":
        return this.walkRange(dot, node);
      case "template":
        return this.walkTemplate(dot, node);
      case "text":
        return this.write(node.text);
      case "break":
        throw BREAK;
      case "continue":
        throw CONTINUE;
    }
  }
  print(node, value) {
    this.at(node);
    if (kindOf(value) === "func") this.errorf(`can't print ${nodeString(node)} of type ${typeName(value)}`);
    this.write(printValue(value));
  }
  walkIfOrWith(dot, node) {
    const mark = this.vars.length;
    const value = this.evalPipeline(dot, node.pipe);
    if (isTrue(value)) this.walk(node.type === "with" ? value : dot, node.list);
    else if (node.elseList) this.walk(dot, node.elseList);
    this.vars.length = mark;
  }
  walkRange(dot, node) {
    this.at(node);
    const outer = this.vars.length;
    const value = this.evalPipeline(dot, node.pipe);
    const mark = this.vars.length;
    const decl = node.pipe.decl;
    const iteration = (index2, elem) => {
      this.step();
      if (decl.length > 0) this.assignLoopVar(decl.length === 1 ? decl[0] : decl[1], node.pipe.isAssign, mark - 1, elem);
      if (decl.length > 1) this.assignLoopVar(decl[0], node.pipe.isAssign, mark - 2, index2);
      try {
        this.walk(elem, node.list);
      } catch (e) {
        if (e !== BREAK && e !== CONTINUE) throw e;
        if (e === BREAK) return false;
      } finally {
        this.vars.length = mark;
      }
      return true;
    };
    let iterated = false;
    switch (kindOf(value)) {
      case "slice": {
        const items = value;
        for (let i = 0; i < items.length; i++) {
          iterated = true;
          if (!iteration(i, items[i])) break;
        }
        break;
      }
      case "map":
        for (const [k, v] of sortedEntries(value)) {
          iterated = true;
          if (!iteration(k, v)) break;
        }
        break;
      case "nil":
        break;
      default:
        this.errorf(`range can't iterate over ${formatVerb(value, "v")}`);
    }
    if (!iterated && node.elseList) this.walk(dot, node.elseList);
    this.vars.length = outer;
  }
  assignLoopVar(v, isAssign, slot, value) {
    if (isAssign) this.setVar(v.ident[0], value);
    else this.vars[slot].value = value;
  }
  walkTemplate(dot, node) {
    this.at(node);
    const tree = this.env.templates(node.name);
    if (!tree) this.errorf(`template ${quote(node.name)} not defined`);
    if (this.depth >= this.env.limits.maxDepth) this.errorf(`exceeded maximum template depth (${this.env.limits.maxDepth})`);
    const newDot = node.pipe ? this.evalPipeline(dot, node.pipe) : void 0;
    const saved = { tree: this.tree, vars: this.vars };
    this.tree = tree;
    this.vars = [{ name: "$", value: newDot }];
    this.depth++;
    try {
      this.walk(newDot, tree.list);
    } finally {
      this.depth--;
      this.tree = saved.tree;
      this.vars = saved.vars;
    }
  }
  // ---- evaluating pipelines
  evalPipeline(dot, pipe) {
    this.at(pipe);
    let value = MISSING;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0], value);
      else this.vars.push({ name: v.ident[0], value });
    }
    return value;
  }
  evalCommand(dot, cmd, final) {
    this.step();
    const [first, ...args] = cmd.args;
    switch (first.type) {
      case "field":
        this.at(first);
        return this.evalFieldChain(dot, dot, first, first.ident, args, final);
      case "chain":
        return this.evalChain(dot, first, args, final);
      case "identifier":
        return this.evalFunction(dot, first, cmd, args, final);
      case "pipe":
        this.notAFunction(first, args, final);
        return this.evalPipeline(dot, first);
      case "variable":
        return this.evalVariable(dot, first, args, final);
    }
    this.at(first);
    this.notAFunction(first, args, final);
    switch (first.type) {
      case "bool":
        return first.value;
      case "dot":
        return dot;
      case "nil":
        return this.errorf("nil is not a command");
      case "number":
        return this.constant(first);
      case "string":
        return first.text;
    }
  }
  notAFunction(head, args, final) {
    if (args.length > 0 || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(head)}`);
  }
  /** A number literal where no type is asked for: float if written like one, else int. */
  constant(n) {
    this.at(n);
    if (n.isComplex) this.errorf(`complex number ${n.text} is not supported`);
    const hexInt = /^[+-]?0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isFloat && !hexInt && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return new GoFloat(n.float);
    if (n.isInt) return n.int;
    return this.errorf(`${n.text} overflows int`);
  }
  evalVariable(dot, v, args, final) {
    this.at(v);
    const value = this.varValue(v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(v, args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }
  evalChain(dot, chain, args, final) {
    this.at(chain);
    if (chain.node.type === "nil") this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(dot, "any", chain.node);
    return this.evalFieldChain(dot, receiver, chain, chain.fields, args, final);
  }
  /** .X.Y.Z: each step reads a field or calls a method; only the last gets the arguments. */
  evalFieldChain(dot, receiver, node, ident, args, final) {
    for (let i = 0; i < ident.length - 1; i++) receiver = this.evalField(dot, ident[i], node, [], MISSING, receiver);
    return this.evalField(dot, ident.at(-1), node, args, final, receiver);
  }
  evalField(dot, name, node, args, final, receiver) {
    if (receiver === void 0 || receiver === null) {
      if (this.env.missingKey === "error") this.errorf(`nil data; no entry for key ${quote(name)}`);
      return void 0;
    }
    const method = findMethod(receiver, name);
    if (method) return this.evalCall(dot, method, receiver, node, name, args, final);
    const hasArgs = args.length > 0 || final !== MISSING;
    switch (kindOf(receiver)) {
      case "map": {
        if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
        const entry = mapGet(receiver, name);
        if (entry.found) return entry.value;
        if (this.env.missingKey === "error") this.errorf(`map has no entry for key ${quote(name)}`);
        return this.env.missingKey === "zero" ? mapZero(receiver) : void 0;
      }
      case "struct": {
        const field = structField(receiver, name);
        if (!field.found) break;
        if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
        return field.value;
      }
    }
    return this.errorf(`can't evaluate field ${name} in type ${typeName(receiver)}`);
  }
  /** A function call; `cmd` (the whole command) is where a failure inside the function is reported. */
  evalFunction(dot, node, cmd, args, final) {
    this.at(node);
    const fn = this.env.funcs.get(node.name);
    if (!fn) this.errorf(`${quote(node.name)} is not a defined function`);
    return this.evalCall(dot, fn, void 0, cmd, node.name, args, final);
  }
  /** Calls a function or method (bound to `self`) with evaluated, type-checked arguments. */
  evalCall(dot, fn, self, node, name, args, final) {
    this.step();
    const sig = signatureOf(fn);
    const numIn = args.length + (final === MISSING ? 0 : 1);
    if (sig?.variadic !== void 0) {
      if (numIn < sig.params.length) this.errorf(`wrong number of args for ${name}: want at least ${sig.params.length} got ${args.length}`);
    } else if (sig && numIn !== sig.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${sig.params.length} got ${numIn}`);
    }
    const paramType = (i) => sig?.params[i] ?? sig?.variadic ?? "any";
    const builtin = BUILTINS.get(name) === fn;
    if (builtin && (name === "and" || name === "or")) {
      let value;
      for (const arg of args) {
        value = this.evalArg(dot, "any", arg);
        if (isTrue(value) === (name === "or")) return value;
      }
      return final === MISSING ? value : final;
    }
    const argv = args.map((a, i) => this.evalArg(dot, paramType(i), a));
    if (final !== MISSING) argv.push(this.validateType(final, paramType(numIn - 1)));
    const passed = builtin ? argv : argv.map((a) => a instanceof GoFloat ? a.value : a);
    let result;
    try {
      result = fn.apply(self, passed);
    } catch (e) {
      if (e instanceof TemplateExecError) throw e;
      this.at(node);
      this.errorf(`error calling ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (typeof result === "string" && result.length > this.env.limits.maxOutput) {
      this.at(node);
      this.errorf(`${name} returned more than the output budget of ${this.env.limits.maxOutput} characters`);
    }
    return result;
  }
  /** An argument, evaluated for a parameter of type `type` (Go's evalArg). */
  evalArg(dot, type, n) {
    this.at(n);
    switch (n.type) {
      case "dot":
        return this.validateType(dot, type);
      case "nil":
        if (canBeNil(type)) return void 0;
        return this.errorf(`cannot assign nil to ${type}`);
      case "field":
        return this.validateType(this.evalFieldChain(dot, dot, n, n.ident, [], MISSING), type);
      case "variable":
        return this.validateType(this.evalVariable(dot, n, [], MISSING), type);
      case "pipe":
        return this.validateType(this.evalPipeline(dot, n), type);
      case "identifier":
        return this.validateType(this.evalFunction(dot, n, n, [], MISSING), type);
      case "chain":
        return this.validateType(this.evalChain(dot, n, [], MISSING), type);
    }
    switch (type) {
      case "any":
        return n.type === "number" ? this.constant(n) : n.type === "bool" ? n.value : n.text;
      case "bool":
        if (n.type === "bool") return n.value;
        return this.errorf(`expected bool; found ${nodeString(n)}`);
      case "string":
        if (n.type === "string") return n.text;
        return this.errorf(`expected string; found ${nodeString(n)}`);
      case "int":
        if (n.type === "number" && n.isInt) return n.int;
        return this.errorf(`expected integer; found ${nodeString(n)}`);
      case "float64":
        if (n.type === "number" && n.isFloat) return new GoFloat(n.float);
        return this.errorf(`expected float; found ${nodeString(n)}`);
    }
    return this.errorf(`can't handle ${nodeString(n)} for arg of type ${type}`);
  }
  /** Checks that a computed value fits a parameter (Go's validateType). */
  validateType(value, type) {
    if (value === void 0 || value === null) {
      if (type === "[]string") return [];
      if (canBeNil(type)) return void 0;
      return this.errorf(`invalid value; expected ${type}`);
    }
    const kind = kindOf(value);
    const fits = type === "any" || type === "string" && kind === "string" || type === "bool" && kind === "bool" || type === "int" && kind === "int" || type === "float64" && kind === "float" || type === "[]string" && kind === "slice" && value.every((e) => typeof e === "string") && ["[]string", "[]interface {}"].includes(typeName(value));
    if (!fits) this.errorf(`wrong type for value; expected ${type}; got ${typeName(value)}`);
    return value;
  }
};
var canBeNil = (type) => type === "any" || type === "[]string";

// server/template/lexer.ts
var KEYWORDS = /* @__PURE__ */ new Map([
  [".", "dot"],
  ["block", "block"],
  ["break", "break"],
  ["continue", "continue"],
  ["define", "define"],
  ["else", "else"],
  ["end", "end"],
  ["if", "if"],
  ["nil", "nil"],
  ["range", "range"],
  ["template", "template"],
  ["with", "with"]
]);
var KEYWORD_TYPES = new Set(KEYWORDS.values());
function isKeyword(type) {
  return KEYWORD_TYPES.has(type);
}
var LEFT = "{{";
var RIGHT = "}}";
var isSpace = (c2) => c2 === " " || c2 === "	" || c2 === "\r" || c2 === "\n";
var isAlphaNumeric = (c2) => c2 !== void 0 && (c2 === "_" || /^[\p{L}\p{Nd}]$/u.test(c2));
var hasLeftTrim = (s, at) => s[at] === "-" && isSpace(s[at + 1]);
var hasRightTrim = (s, at) => isSpace(s[at]) && s[at + 1] === "-";
function lex(input) {
  const tokens = [];
  let pos = 0;
  let start = 0;
  let parenDepth = 0;
  const emit = (type) => {
    tokens.push({ type, pos: start, val: input.slice(start, pos) });
    start = pos;
  };
  const fail = (message) => {
    tokens.push({ type: "error", pos: start, val: message });
    return tokens;
  };
  const runeAt = (at) => {
    const cp = input.codePointAt(at);
    return cp === void 0 ? void 0 : String.fromCodePoint(cp);
  };
  const atRightDelim = () => {
    if (input.startsWith(RIGHT, pos)) return { delim: true, trim: false };
    if (hasRightTrim(input, pos) && input.startsWith(RIGHT, pos + 2)) return { delim: true, trim: true };
    return { delim: false, trim: false };
  };
  const atTerminator = () => {
    const c2 = input[pos];
    return c2 === void 0 || isSpace(c2) || ".,|:()".includes(c2) || c2 === RIGHT[0];
  };
  const skipSpaces = () => {
    while (isSpace(input[pos])) pos++;
  };
  for (; ; ) {
    const open = input.indexOf(LEFT, pos);
    if (open === -1) {
      pos = input.length;
      if (pos > start) emit("text");
      emit("eof");
      return tokens;
    }
    pos = open;
    const trim = hasLeftTrim(input, open + LEFT.length);
    let textEnd = pos;
    if (trim) while (textEnd > start && isSpace(input[textEnd - 1])) textEnd--;
    if (textEnd > start) tokens.push({ type: "text", pos: start, val: input.slice(start, textEnd) });
    start = pos;
    pos += LEFT.length;
    const afterMarker = trim ? 2 : 0;
    if (input.startsWith("/*", pos + afterMarker)) {
      pos += afterMarker;
      const close = input.indexOf("*/", pos + 2);
      if (close === -1) return fail("unclosed comment");
      pos = close + 2;
      const r = atRightDelim();
      if (!r.delim) return fail("comment ends before closing delimiter");
      pos += (r.trim ? 2 : 0) + RIGHT.length;
      if (r.trim) skipSpaces();
      start = pos;
      continue;
    }
    emit("leftDelim");
    pos += afterMarker;
    start = pos;
    parenDepth = 0;
    for (; ; ) {
      const r = atRightDelim();
      if (r.delim) {
        if (parenDepth !== 0) return fail("unclosed left paren");
        if (r.trim) pos += 2;
        start = pos;
        pos += RIGHT.length;
        emit("rightDelim");
        if (r.trim) skipSpaces();
        start = pos;
        break;
      }
      const c2 = runeAt(pos);
      if (c2 === void 0) return fail("unclosed action");
      if (isSpace(c2)) {
        let n = 0;
        while (isSpace(input[pos])) {
          pos++;
          n++;
        }
        if (hasRightTrim(input, pos - 1) && input.startsWith(RIGHT, pos + 1)) {
          pos--;
          if (n === 1) continue;
        }
        emit("space");
        continue;
      }
      pos += c2.length;
      switch (c2) {
        case "=":
          emit("assign");
          continue;
        case ":":
          if (input[pos] !== "=") return fail("expected :=");
          pos++;
          emit("declare");
          continue;
        case "|":
          emit("pipe");
          continue;
        case '"':
          if (!scanQuoted('"')) return fail("unterminated quoted string");
          emit("string");
          continue;
        case "`": {
          const close = input.indexOf("`", pos);
          if (close === -1) return fail("unterminated raw quoted string");
          pos = close + 1;
          emit("rawString");
          continue;
        }
        case "'":
          if (!scanQuoted("'")) return fail("unterminated character constant");
          emit("charConstant");
          continue;
        case "$":
        case ".": {
          if (c2 === "." && input[pos] !== void 0 && input[pos] >= "0" && input[pos] <= "9") {
            pos--;
            if (!scanNumberToken()) return tokens;
            continue;
          }
          if (atTerminator()) {
            emit(c2 === "$" ? "variable" : "dot");
            continue;
          }
          let bad;
          for (; ; ) {
            const d = runeAt(pos);
            if (!isAlphaNumeric(d)) {
              bad = d;
              break;
            }
            pos += d.length;
          }
          if (!atTerminator()) return fail(`bad character ${unicodeName(bad)}`);
          emit(c2 === "$" ? "variable" : "field");
          continue;
        }
        case "(":
          emit("leftParen");
          parenDepth++;
          continue;
        case ")":
          emit("rightParen");
          parenDepth--;
          if (parenDepth < 0) return fail(`unexpected right paren ${unicodeName(c2)}`);
          continue;
      }
      if (c2 === "+" || c2 === "-" || c2 >= "0" && c2 <= "9") {
        pos -= c2.length;
        if (!scanNumberToken()) return tokens;
        continue;
      }
      if (isAlphaNumeric(c2)) {
        let d = runeAt(pos);
        while (isAlphaNumeric(d)) {
          pos += d.length;
          d = runeAt(pos);
        }
        if (!atTerminator()) return fail(`bad character ${unicodeName(d)}`);
        const word = input.slice(start, pos);
        const keyword = KEYWORDS.get(word);
        emit(keyword ?? (word === "true" || word === "false" ? "bool" : "identifier"));
        continue;
      }
      if (c2.length === 1 && c2 >= " " && c2 <= "~") {
        emit("char");
        continue;
      }
      return fail(`unrecognized character in action: ${unicodeName(c2)}`);
    }
  }
  function scanQuoted(quote2) {
    for (; ; ) {
      const c2 = input[pos++];
      if (c2 === "\\") {
        const e = input[pos++];
        if (e !== void 0 && e !== "\n") continue;
        return false;
      }
      if (c2 === void 0 || c2 === "\n") return false;
      if (c2 === quote2) return true;
    }
  }
  function scanNumberToken() {
    let ok = scanNumber();
    let type = "number";
    if (ok && (input[pos] === "+" || input[pos] === "-")) {
      ok = scanNumber() && input[pos - 1] === "i";
      type = "complex";
    }
    if (!ok) {
      fail(`bad number syntax: ${quote(input.slice(start, pos))}`);
      return false;
    }
    emit(type);
    return true;
  }
  function scanNumber() {
    const accept = (valid) => {
      if (input[pos] !== void 0 && valid.includes(input[pos])) {
        pos++;
        return true;
      }
      return false;
    };
    const acceptRun = (valid) => {
      while (accept(valid)) ;
    };
    accept("+-");
    let digits = "0123456789_";
    if (accept("0")) {
      if (accept("xX")) digits = "0123456789abcdefABCDEF_";
      else if (accept("oO")) digits = "01234567_";
      else if (accept("bB")) digits = "01_";
    }
    acceptRun(digits);
    if (accept(".")) acceptRun(digits);
    if (digits.length === 11 && accept("eE")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    if (digits.length === 23 && accept("pP")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    accept("i");
    const next = runeAt(pos);
    if (isAlphaNumeric(next)) {
      pos += next.length;
      return false;
    }
    return true;
  }
}
function unicodeName(c2) {
  const cp = c2.codePointAt(0) ?? 0;
  const hex2 = "U+" + cp.toString(16).toUpperCase().padStart(4, "0");
  return isPrint(c2) ? `${hex2} '${c2}'` : hex2;
}

// server/template/parser.ts
var MAX_DEPTH3 = 1e3;
var isEnd = (n) => n.type === "end" || n.type === "else";
function parse(text, name, funcs) {
  return new Parser(text, name, funcs).parse();
}
var Parser = class {
  constructor(text, name, funcs) {
    this.text = text;
    this.name = name;
    this.funcs = funcs;
    this.tokens = lex(text);
  }
  text;
  name;
  funcs;
  tokens;
  i = 0;
  vars = ["$"];
  rangeDepth = 0;
  depth = 0;
  /** Where the innermost unclosed block began, to point "unexpected EOF" at it. */
  openBlocks = [];
  actionStart = -1;
  defines = /* @__PURE__ */ new Map();
  parse() {
    const root = { type: "list", pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== "eof") {
      if (this.peek().type === "leftDelim") {
        const mark = this.i;
        const delim = this.next();
        if (this.nextNonSpace().type === "define") {
          this.parseDefinition(delim.pos);
          continue;
        }
        this.i = mark;
      }
      const n = this.textOrAction();
      if (isEnd(n)) this.fail(`unexpected ${nodeString(n)}`, n.pos);
      root.nodes.push(n);
    }
    this.addTree(this.name, root, 0);
    return { name: this.name, text: this.text, root, templates: this.defines };
  }
  // ---- tokens
  next() {
    const t2 = this.tokens[this.i] ?? this.tokens[this.tokens.length - 1];
    if (this.i < this.tokens.length) this.i++;
    return t2;
  }
  peek() {
    return this.tokens[this.i] ?? this.tokens[this.tokens.length - 1];
  }
  backup() {
    this.i--;
  }
  nextNonSpace() {
    let t2 = this.next();
    while (t2.type === "space") t2 = this.next();
    return t2;
  }
  peekNonSpace() {
    const t2 = this.nextNonSpace();
    this.backup();
    return t2;
  }
  // ---- errors
  fail(message, pos) {
    throw new TemplateSyntaxError(message, this.name, pos, this.text);
  }
  unexpected(token, context) {
    if (token.type === "error") {
      let extra = "";
      if (this.actionStart >= 0) {
        const started = locate(this.text, this.actionStart).line;
        if (started !== locate(this.text, token.pos).line) {
          extra = (token.val.endsWith(" action") ? " started at " : " in action started at ") + `${this.name}:${started}`;
        }
      }
      this.fail(token.val + extra, token.pos);
    }
    this.fail(`unexpected ${tokenString(token)} in ${context}`, token.pos);
  }
  expect(type, context) {
    const t2 = this.nextNonSpace();
    if (t2.type !== type) this.unexpected(t2, context);
    return t2;
  }
  nest(pos, message, body) {
    if (this.depth >= MAX_DEPTH3) this.fail(message, pos);
    this.depth++;
    try {
      return body();
    } finally {
      this.depth--;
    }
  }
  // ---- templates
  /** Registers a tree; two non-empty bodies of one name in one text are an error, as in Go. */
  addTree(name, list2, pos) {
    const existing = this.defines.get(name);
    if (existing === void 0 || isEmptyTree(existing)) {
      this.defines.set(name, list2);
    } else if (!isEmptyTree(list2)) {
      this.fail(`template: multiple definition of template ${quote(name)}`, pos);
    }
  }
  /** {{define "name"}} … {{end}}; "define" has been read. Its body is a fresh scope. */
  parseDefinition(start) {
    const context = "define clause";
    const nameToken = this.nextNonSpace();
    if (nameToken.type !== "string" && nameToken.type !== "rawString") this.unexpected(nameToken, context);
    const name = this.unquote(nameToken);
    this.expect("rightDelim", context);
    const [list2, end] = this.inFreshScope(start, () => this.itemList());
    if (end.type !== "end") this.fail(`unexpected ${nodeString(end)} in ${context}`, end.pos);
    this.addTree(name, list2, nameToken.pos);
  }
  inFreshScope(start, body) {
    const [vars, rangeDepth] = [this.vars, this.rangeDepth];
    this.vars = ["$"];
    this.rangeDepth = 0;
    this.openBlocks.push(start);
    try {
      return body();
    } finally {
      this.openBlocks.pop();
      [this.vars, this.rangeDepth] = [vars, rangeDepth];
    }
  }
  /** Nodes up to an {{end}} or {{else}}, which is returned beside them. */
  itemList() {
    const list2 = { type: "list", pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== "eof") {
      const n = this.textOrAction();
      if (isEnd(n)) return [list2, n];
      list2.nodes.push(n);
    }
    this.fail("unexpected EOF", this.openBlocks.at(-1) ?? this.text.length);
  }
  textOrAction() {
    const token = this.nextNonSpace();
    if (token.type === "text") return { type: "text", pos: token.pos, text: token.val };
    if (token.type !== "leftDelim") this.unexpected(token, "input");
    const outer = this.actionStart;
    this.actionStart = token.pos;
    try {
      return this.action(token.pos);
    } finally {
      this.actionStart = outer;
    }
  }
  action(start) {
    const token = this.nextNonSpace();
    switch (token.type) {
      case "block":
        return this.blockControl(start);
      case "break":
      case "continue":
        return this.loopControl(token);
      case "else":
        return this.elseControl(token);
      case "end":
        this.expect("rightDelim", "end");
        return { type: "end", pos: token.pos };
      case "if":
      case "range":
      case "with":
        return this.nest(token.pos, "max nesting depth exceeded", () => this.control(token.type, start));
      case "template":
        return this.templateControl();
    }
    this.backup();
    return { type: "action", pos: this.peekNonSpace().pos, pipe: this.pipeline("command", "rightDelim") };
  }
  loopControl(token) {
    const which = token.type;
    const t2 = this.nextNonSpace();
    if (t2.type !== "rightDelim") this.unexpected(t2, `{{${which}}}`);
    if (this.rangeDepth === 0) this.fail(`{{${which}}} outside {{range}}`, token.pos);
    return { type: which, pos: token.pos };
  }
  elseControl(token) {
    if (this.peekNonSpace().type === "if") return { type: "else", pos: token.pos };
    this.expect("rightDelim", "else");
    return { type: "else", pos: token.pos };
  }
  /** if / range / with: a pipeline, a body, maybe an else body, one {{end}}. */
  control(type, start) {
    const varsBefore = this.vars.length;
    this.openBlocks.push(start);
    try {
      const pipe = this.pipeline(type, "rightDelim");
      if (type === "range") this.rangeDepth++;
      const [list2, next] = this.itemList();
      if (type === "range") this.rangeDepth--;
      const node = { type, pos: pipe.pos, pipe, list: list2 };
      if (next.type === "else") {
        if (type === "if" && this.peek().type === "if") {
          const elseIf = this.next();
          node.elseList = { type: "list", pos: next.pos, nodes: [this.control("if", elseIf.pos)] };
        } else {
          const [elseList, end] = this.itemList();
          if (end.type !== "end") this.fail(`expected end; found ${nodeString(end)}`, end.pos);
          node.elseList = elseList;
        }
      }
      return node;
    } finally {
      this.openBlocks.pop();
      this.vars.length = varsBefore;
    }
  }
  /** {{block "name" pipeline}} body {{end}}: defines "name" and calls it here. */
  blockControl(start) {
    const context = "block clause";
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, "rightDelim");
    const [list2, end] = this.inFreshScope(start, () => this.itemList());
    if (end.type !== "end") this.fail(`unexpected ${nodeString(end)} in ${context}`, end.pos);
    this.addTree(name, list2, token.pos);
    return { type: "template", pos: token.pos, name, pipe };
  }
  templateControl() {
    const context = "template clause";
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    if (this.nextNonSpace().type === "rightDelim") return { type: "template", pos: token.pos, name };
    this.backup();
    return { type: "template", pos: token.pos, name, pipe: this.pipeline(context, "rightDelim") };
  }
  templateName(token, context) {
    if (token.type !== "string" && token.type !== "rawString") this.unexpected(token, context);
    return this.unquote(token);
  }
  // ---- pipelines
  /** declarations? command ('|' command)*, up to `end` (consumed). */
  pipeline(context, end) {
    const pipe = { type: "pipe", pos: this.peekNonSpace().pos, isAssign: false, decl: [], cmds: [] };
    this.declarations(pipe, context);
    for (; ; ) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        this.checkPipeline(pipe, context, token);
        return pipe;
      }
      if (!STARTS_OPERAND.has(token.type)) this.unexpected(token, context);
      this.backup();
      pipe.cmds.push(this.command());
    }
  }
  declarations(pipe, context) {
    for (; ; ) {
      const mark = this.i;
      const v = this.nextNonSpace();
      if (v.type !== "variable") {
        this.i = mark;
        return;
      }
      const next = this.peekNonSpace();
      if (next.type === "assign" || next.type === "declare") {
        pipe.isAssign = next.type === "assign";
        this.nextNonSpace();
        pipe.decl.push({ type: "variable", pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        return;
      }
      if (next.type === "char" && next.val === ",") {
        this.nextNonSpace();
        pipe.decl.push({ type: "variable", pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        if (context === "range" && pipe.decl.length < 2) {
          const after = this.peekNonSpace();
          if (after.type === "variable" || after.type === "rightDelim" || after.type === "rightParen") continue;
          this.fail("range can only initialize variables", after.pos);
        }
        this.fail(`too many declarations in ${context}`, next.pos);
      }
      this.i = mark;
      return;
    }
  }
  checkPipeline(pipe, context, end) {
    if (pipe.cmds.length === 0) this.fail(`missing value for ${context}`, end.pos);
    pipe.cmds.slice(1).forEach((c2, i) => {
      if (["bool", "dot", "nil", "number", "string"].includes(c2.args[0].type)) {
        this.fail(`non executable command in pipeline stage ${i + 2}`, c2.pos);
      }
    });
  }
  /** operand (space operand)*, up to '|' (consumed) or the end of the pipeline (not consumed). */
  command() {
    const cmd = { type: "command", pos: this.peekNonSpace().pos, args: [] };
    for (; ; ) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.type === "space") continue;
      if (token.type === "rightDelim" || token.type === "rightParen") this.backup();
      else if (token.type !== "pipe") this.unexpected(token, "operand");
      break;
    }
    if (cmd.args.length === 0) this.fail("empty command", cmd.pos);
    return cmd;
  }
  /** A term and any .Field accesses on it. */
  operand() {
    const term = this.term();
    if (!term || this.peek().type !== "field") return term;
    const pos = this.peek().pos;
    const fields = [];
    while (this.peek().type === "field") fields.push(this.next().val.slice(1));
    switch (term.type) {
      case "field":
        return { ...term, pos, ident: [...term.ident, ...fields] };
      case "variable":
        return { ...term, pos, ident: [...term.ident, ...fields] };
      case "bool":
      case "string":
      case "number":
      case "nil":
      case "dot":
        this.fail(`unexpected . after term ${quote(nodeString(term))}`, term.pos);
    }
    return { type: "chain", pos, node: term, fields };
  }
  term() {
    const token = this.nextNonSpace();
    const pos = token.pos;
    switch (token.type) {
      case "error":
        this.fail(token.val, pos);
      case "identifier":
        if (!this.funcs.has(token.val)) this.fail(`function ${quote(token.val)} not defined`, pos);
        return { type: "identifier", pos, name: token.val };
      case "dot":
        return { type: "dot", pos };
      case "nil":
        return { type: "nil", pos };
      case "variable":
        if (!this.vars.includes(token.val)) this.fail(`undefined variable ${quote(token.val)}`, pos);
        return { type: "variable", pos, ident: [token.val] };
      case "field":
        return { type: "field", pos, ident: [token.val.slice(1)] };
      case "bool":
        return { type: "bool", pos, value: token.val === "true" };
      case "charConstant":
      case "complex":
      case "number":
        return this.number(token);
      case "leftParen":
        return this.nest(pos, "max expression depth exceeded", () => this.pipeline("parenthesized pipeline", "rightParen"));
      case "string":
      case "rawString":
        return { type: "string", pos, quoted: token.val, text: this.unquote(token) };
    }
    this.backup();
    return void 0;
  }
  unquote(token) {
    try {
      return unquote2(token.val);
    } catch (e) {
      if (e instanceof SyntaxError_) this.fail(e.message, token.pos);
      throw e;
    }
  }
  /** Every reading Go gives a number literal (its NumberNode), or Go's complaint. */
  number(token) {
    const text = token.val;
    const n = {
      type: "number",
      pos: token.pos,
      text,
      isInt: false,
      isUint: false,
      isFloat: false,
      isComplex: false,
      int: 0,
      float: 0
    };
    if (token.type === "charConstant") {
      let ch;
      try {
        ch = unquoteChar(text, 1, "'");
      } catch {
        this.fail("invalid syntax", token.pos);
      }
      if (text.slice(ch.next) !== "'") this.fail(`malformed character constant: ${text}`, token.pos);
      const cp = ch.value.codePointAt(0);
      return { ...n, isInt: true, isUint: true, isFloat: true, int: cp, float: cp };
    }
    if (token.type === "complex" || text.endsWith("i")) {
      return { ...n, isComplex: true };
    }
    const u = parseInteger(text, false);
    const i = parseInteger(text, true);
    if (u !== void 0) Object.assign(n, { isUint: true });
    if (i !== void 0) Object.assign(n, { isInt: true, int: Number(i) });
    if (n.isInt || n.isUint) {
      n.isFloat = true;
      n.float = Number(i ?? u);
      return n;
    }
    const f = parseFloat64(text);
    if (f !== void 0) {
      if (!/[.eEpP]/.test(text)) this.fail(`integer overflow: ${quote(text)}`, token.pos);
      n.isFloat = true;
      n.float = f;
      if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) Object.assign(n, { isInt: true, int: f });
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) n.isUint = true;
      return n;
    }
    this.fail(`illegal number syntax: ${quote(text)}`, token.pos);
  }
};
var STARTS_OPERAND = /* @__PURE__ */ new Set([
  "bool",
  "charConstant",
  "complex",
  "dot",
  "field",
  "identifier",
  "number",
  "nil",
  "rawString",
  "string",
  "variable",
  "leftParen"
]);
function tokenString(t2) {
  if (t2.type === "eof") return "EOF";
  if (t2.type === "error") return t2.val;
  if (isKeyword(t2.type)) return `<${t2.val}>`;
  const runes = [...t2.val];
  if (runes.length > 10) return quote(runes.slice(0, 10).join("")) + "...";
  return quote(t2.val);
}

// server/template/am-data.ts
var Pair = class {
  constructor(Name, Value) {
    this.Name = Name;
    this.Value = Value;
  }
  Name;
  Value;
  static [GO_TYPE] = "template.Pair";
};
var Pairs = class extends Array {
  static [GO_TYPE] = "template.Pairs";
  // map/filter/slice give plain arrays, not Pairs.
  static get [Symbol.species]() {
    return Array;
  }
  Names() {
    return typedSlice("string", this.map((p) => p.Name));
  }
  Values() {
    return typedSlice("string", this.map((p) => p.Value));
  }
};
var KV = class _KV extends Map {
  static [GO_TYPE] = "template.KV";
  static [ZERO_VALUE] = "";
  static of(record) {
    return new _KV(Object.entries(record ?? {}));
  }
  /** Pairs sorted by name, except that "alertname" comes first. */
  SortedPairs() {
    const names = [...this.keys()].filter((k) => k !== "alertname").sort(byCodePoint);
    if (this.has("alertname")) names.unshift("alertname");
    return Pairs.from(names.map((k) => new Pair(k, this.get(k))));
  }
  Names() {
    return this.SortedPairs().Names();
  }
  Values() {
    return this.SortedPairs().Values();
  }
  /** A copy without the given names. */
  Remove(names) {
    return new _KV([...this].filter(([k]) => !names.includes(k)));
  }
};
withSignature(KV.prototype.SortedPairs, []);
withSignature(KV.prototype.Names, []);
withSignature(KV.prototype.Values, []);
withSignature(KV.prototype.Remove, ["[]string"]);
withSignature(Pairs.prototype.Names, []);
withSignature(Pairs.prototype.Values, []);
function byCodePoint(a, b) {
  const [x, y] = [[...a], [...b]];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
var Alert = class {
  constructor(Status, Labels, Annotations, StartsAt, EndsAt, GeneratorURL, Fingerprint) {
    this.Status = Status;
    this.Labels = Labels;
    this.Annotations = Annotations;
    this.StartsAt = StartsAt;
    this.EndsAt = EndsAt;
    this.GeneratorURL = GeneratorURL;
    this.Fingerprint = Fingerprint;
  }
  Status;
  Labels;
  Annotations;
  StartsAt;
  EndsAt;
  GeneratorURL;
  Fingerprint;
  static [GO_TYPE] = "template.Alert";
};
var Alerts = class extends Array {
  static [GO_TYPE] = "template.Alerts";
  static get [Symbol.species]() {
    return Array;
  }
  /** The firing alerts, as a []Alert (not Alerts: Go's method returns the plain slice). */
  Firing() {
    return typedSlice("template.Alert", this.filter((a) => a.Status === "firing"));
  }
  Resolved() {
    return typedSlice("template.Alert", this.filter((a) => a.Status === "resolved"));
  }
};
withSignature(Alerts.prototype.Firing, []);
withSignature(Alerts.prototype.Resolved, []);
var Data = class {
  constructor(Receiver, Status, Alerts2, GroupLabels, CommonLabels, CommonAnnotations, ExternalURL) {
    this.Receiver = Receiver;
    this.Status = Status;
    this.Alerts = Alerts2;
    this.GroupLabels = GroupLabels;
    this.CommonLabels = CommonLabels;
    this.CommonAnnotations = CommonAnnotations;
    this.ExternalURL = ExternalURL;
  }
  Receiver;
  Status;
  Alerts;
  GroupLabels;
  CommonLabels;
  CommonAnnotations;
  ExternalURL;
  static [GO_TYPE] = "template.Data";
};

// server/template/index.ts
var DEFAULT_FUNCS = new Map([...BUILTINS, ...AM_FUNCS]);
function parseTemplate(text, name = "", funcs = DEFAULT_FUNCS.keys()) {
  return parse(text, name, new Set(funcs));
}
var TemplateSet = class {
  templates = /* @__PURE__ */ new Map();
  funcs;
  funcNames;
  missingKey;
  limits;
  constructor(options = {}) {
    const extra = options.funcs instanceof Map ? options.funcs : new Map(Object.entries(options.funcs ?? {}));
    this.funcs = new Map([...BUILTINS, ...extra]);
    this.funcNames = new Set(this.funcs.keys());
    this.missingKey = options.missingKey ?? "default";
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
  }
  /** Parses `text` and registers the templates it defines. Throws TemplateSyntaxError. */
  add(text, name) {
    const tree = parse(text, name, this.funcNames);
    for (const [defined, list2] of tree.templates) {
      if (this.templates.has(defined) && isEmptyTree(list2)) continue;
      this.templates.set(defined, { name: defined, list: list2, text, sourceName: name });
    }
    return tree;
  }
  has(name) {
    return this.templates.has(name);
  }
  /** Renders the template `name` over `data`. Throws TemplateExecError. */
  execute(name, data, options = {}) {
    const tree = this.templates.get(name);
    if (!tree) {
      throw new TemplateExecError(`no template ${quote(name)} associated with this set`, name, name, 0, "", "");
    }
    return execute(tree, data, {
      templates: (n) => this.templates.get(n),
      funcs: this.funcs,
      missingKey: this.missingKey,
      limits: { ...this.limits, ...options.limits }
    });
  }
  /**
   * Renders a one-off text (a notifier field) that may call this set's
   * templates, as Alertmanager's ExecuteTextString: its {{define}}s are
   * visible only to itself. Throws TemplateSyntaxError or TemplateExecError.
   */
  executeText(text, data, options = {}) {
    if (text === "") return "";
    const name = options.name ?? "";
    const tree = parse(text, name, this.funcNames);
    const own = /* @__PURE__ */ new Map();
    for (const [defined, list2] of tree.templates) {
      if (isEmptyTree(list2) && this.templates.has(defined)) continue;
      own.set(defined, { name: defined, list: list2, text, sourceName: name });
    }
    const body = { name, list: tree.root, text, sourceName: name };
    return execute(body, data, {
      templates: (n) => own.get(n) ?? this.templates.get(n),
      funcs: this.funcs,
      missingKey: this.missingKey,
      limits: { ...this.limits, ...options.limits }
    });
  }
};
function alertmanagerTemplates(limits) {
  return new TemplateSet({ funcs: AM_FUNCS, missingKey: "zero", limits });
}

// server/config/go-url.ts
function parseGoUrl(raw) {
  if (/[\x00-\x1f\x7f]/.test(raw)) return { error: "contains a control character" };
  const hash = raw.indexOf("#");
  const fragment = hash === -1 ? "" : raw.slice(hash + 1);
  let rest = hash === -1 ? raw : raw.slice(0, hash);
  if (badEscape(fragment)) return { error: "has an invalid %-escape" };
  const schemeEnd = schemeLength(rest);
  if (schemeEnd === "missing") return { error: 'is missing the scheme before ":"' };
  const scheme = schemeEnd > 0 ? rest.slice(0, schemeEnd).toLowerCase() : "";
  if (schemeEnd > 0) rest = rest.slice(schemeEnd + 1);
  const q = rest.indexOf("?");
  if (q !== -1) rest = rest.slice(0, q);
  if (!rest.startsWith("/")) {
    if (scheme !== "") return { scheme, host: "", opaque: true };
    const segment = rest.split("/", 1)[0] ?? "";
    if (segment.includes(":")) return { error: "has a colon in its first path segment (missing scheme?)" };
  }
  let host = "";
  if (rest.startsWith("//") && (scheme !== "" || !rest.startsWith("///"))) {
    const authorityEnd = rest.indexOf("/", 2);
    const authority = authorityEnd === -1 ? rest.slice(2) : rest.slice(2, authorityEnd);
    rest = authorityEnd === -1 ? "" : rest.slice(authorityEnd);
    const at = authority.lastIndexOf("@");
    if (at !== -1 && !/^[A-Za-z0-9\-._~!$&'()*+,;=:%@]*$/.test(authority.slice(0, at))) return { error: "has invalid user information" };
    if (at !== -1 && badEscape(authority.slice(0, at))) return { error: "has an invalid %-escape in its user information" };
    host = authority.slice(at + 1);
    const problem = hostProblem(host);
    if (problem) return { error: problem };
  }
  if (badEscape(rest)) return { error: "has an invalid %-escape in its path" };
  return { scheme, host, opaque: false };
}
function schemeLength(s) {
  for (let i = 0; i < s.length; i++) {
    const c2 = s[i];
    if (/[A-Za-z]/.test(c2)) continue;
    if (/[0-9+\-.]/.test(c2)) {
      if (i === 0) return 0;
      continue;
    }
    if (c2 === ":") return i === 0 ? "missing" : i;
    return 0;
  }
  return 0;
}
function badEscape(s) {
  return /%(?![0-9A-Fa-f]{2})/.test(s);
}
function hostProblem(host) {
  let name = host;
  if (host.startsWith("[")) {
    const close = host.lastIndexOf("]");
    if (close === -1) return "has a '[' without ']' in its host";
    if (!/^(?::\d*)?$/.test(host.slice(close + 1))) return "has an invalid port after its host";
    name = host.slice(1, close);
  } else {
    const colon = host.lastIndexOf(":");
    if (colon !== -1) {
      if (!/^\d*$/.test(host.slice(colon + 1))) return "has an invalid port after its host";
      name = host.slice(0, colon);
    }
  }
  for (const m of name.matchAll(/%(..)/g)) {
    if (!/^[0-9A-Fa-f]{2}$/.test(m[1])) return "has an invalid %-escape in its host";
    if (parseInt(m[1][0], 16) < 8 && m[1] !== "25") return "has an escaped character in its host";
  }
  for (const c2 of name) {
    if (c2.charCodeAt(0) < 128 && !/[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"%]/.test(c2)) return "has a character a host name cannot hold";
  }
  return null;
}

// server/config/sections/fields.ts
var plain = () => z2.instanceof(PlainScalar);
var str = () => z2.union([z2.string(), plain(), z2.number(), z2.boolean(), z2.null()]).transform((v) => {
  if (v instanceof PlainScalar) return v.text;
  return v === null ? "" : typeof v === "string" ? v : String(v);
});
var bool = () => z2.union([z2.boolean(), plain().refine((p) => typeof p.value === "boolean", { message: "expected true or false", params: { rule: "bool" } }), z2.null()]).transform((v) => v instanceof PlainScalar ? v.value : v === true);
var numberOf = (v) => v instanceof PlainScalar ? v.value : v;
var int = (min, max, what = "a whole number") => z2.union([z2.number(), plain(), z2.null()]).superRefine((v, ctx) => {
  if (v === null) return;
  const n = numberOf(v);
  if (typeof n !== "number" || !Number.isFinite(n)) return ctx.addIssue({ code: "custom", message: `expected ${what}`, params: { rule: "invalid_type" } });
  const whole = Math.trunc(n);
  if (whole < min) return ctx.addIssue({ code: "custom", message: `must be at least ${min}`, params: { rule: "too_small" } });
  const exact = v instanceof PlainScalar && /^[-+]?\d+$/.test(v.text) && BigInt(v.text) <= 18446744073709551615n;
  if (exact ? BigInt(v.text) > BigInt(max) : whole > Number(max)) ctx.addIssue({ code: "custom", message: `must be at most ${max}`, params: { rule: "too_big" } });
}).transform((v) => v === null ? 0 : Math.trunc(numberOf(v)));
var num = () => z2.union([z2.number(), plain()]).superRefine((v, ctx) => {
  if (typeof numberOf(v) !== "number") ctx.addIssue({ code: "custom", message: "expected a number", params: { rule: "number" } });
}).transform((v) => numberOf(v));
var SECRET_FIELDS = /* @__PURE__ */ new WeakSet();
function isSecretField(schema) {
  return SECRET_FIELDS.has(schema);
}
function secret(description) {
  const field = str().describe(`${description} Secret: may be written as \${env:NAME} or \${file:/path}; never shown back.`);
  SECRET_FIELDS.add(field);
  return field;
}
var REDACTED_BY_ALERTMANAGER = "<secret>";
function secretAnyUrl(description) {
  const field = str().superRefine((v, ctx) => {
    const problem = v === "" ? null : checkAnyUrl(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem, params: { rule: "url" } });
  }).describe(`${description} Secret: may be written as \${env:NAME} or \${file:/path}; never shown back.`);
  SECRET_FIELDS.add(field);
  return field;
}
function secretUrl(description) {
  const field = str().superRefine((v, ctx) => {
    if (v === REDACTED_BY_ALERTMANAGER) return;
    const problem = checkHttpUrl(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem, params: { rule: "url" } });
  }).describe(`${description} Secret: may be written as \${env:NAME} or \${file:/path}; never shown back.`);
  SECRET_FIELDS.add(field);
  return field;
}
var TEMPLATE_FIELDS = /* @__PURE__ */ new WeakSet();
function tmpl(description) {
  const field = str().superRefine((text, ctx) => {
    const problem = templateProblem(text);
    if (problem) ctx.addIssue({ code: "custom", message: problem, params: { rule: "template" } });
  }).describe(`${description} A Go template: {{ \u2026 }} is rendered for each notification.`);
  TEMPLATE_FIELDS.add(field);
  return field;
}
function templateProblem(text) {
  if (!text.includes("{{")) return null;
  try {
    parseTemplate(text);
    return null;
  } catch (err) {
    if (!(err instanceof TemplateSyntaxError)) throw err;
    return `the template does not parse: ${err.message} (at character ${err.column}${err.line > 1 ? ` of line ${err.line}` : ""} of the value)`;
  }
}
var tmplMap = () => z2.record(
  z2.string(),
  str().superRefine((text, ctx) => {
    const problem = templateProblem(text);
    if (problem) ctx.addIssue({ code: "custom", message: problem, params: { rule: "template" } });
  })
).nullish().transform(unsetNull).optional();
var unsetNull = (v) => v ?? void 0;
function opt(schema) {
  return schema.nullish().transform(unsetNull).optional();
}
function list(item) {
  return z2.array(item).nullish().transform(unsetNull).optional();
}
var stringMap = () => z2.record(z2.string(), str()).nullish().transform(unsetNull).optional();
var DURATION_HINT = "expected a duration such as 30s, 5m, 1h30m or 720h (units y w d h m s ms, largest first)";
var duration = () => z2.union([z2.string(), plain(), z2.number()]).transform((v) => v instanceof PlainScalar ? v.text : String(v)).superRefine((text, ctx) => {
  if (parseDuration(text) === null) ctx.addIssue({ code: "custom", message: text === "" ? `empty duration: ${DURATION_HINT}` : DURATION_HINT, params: { rule: "duration" } });
});
var goDuration = () => z2.union([z2.string(), plain(), z2.number()]).transform((v) => v instanceof PlainScalar ? v.text : String(v)).superRefine((text, ctx) => {
  if (parseGoDuration(text) === null) ctx.addIssue({ code: "custom", message: "expected a Go duration such as 30s, 1m or 1h30m (units ns us ms s m h)", params: { rule: "duration" } });
});
function checkHttpUrl(value) {
  const url = parseGoUrl(value);
  if ("error" in url) return `is not a valid URL: it ${url.error}`;
  if (url.scheme !== "http" && url.scheme !== "https") return "must be an http or https URL (write http://host/\u2026 or https://host/\u2026)";
  if (url.host === "") return "needs a host, e.g. https://hooks.example.com/\u2026";
  return null;
}
function checkAnyUrl(value) {
  const url = parseGoUrl(value);
  return "error" in url ? `is not a valid URL: it ${url.error}` : null;
}
var httpUrl = () => str().superRefine((v, ctx) => {
  const problem = checkHttpUrl(v);
  if (problem) ctx.addIssue({ code: "custom", message: problem, params: { rule: "url" } });
});
var hostPort = () => str().superRefine((v, ctx) => {
  if (v === "") return;
  const m = /^(?:\[([^\]]*)\]|([^:[\]]*)):([^:[\]]*)$/.exec(v);
  if (!m) ctx.addIssue({ code: "custom", message: "expected host:port (e.g. smtp.example.com:587); IPv6 hosts in brackets", params: { rule: "host_port" } });
  else if (m[3] === "") ctx.addIssue({ code: "custom", message: "the port cannot be empty: write host:port", params: { rule: "host_port" } });
});
var LABEL_NAME_HINT = "not a label name: use letters, digits and _, not starting with a digit";
var labelName = () => z2.string().refine(isLabelName, { message: LABEL_NAME_HINT, params: { rule: "label_name" } });
var labelMap = () => z2.record(labelName(), str()).nullish().transform(unsetNull).optional();
var regexMap = () => z2.record(
  labelName(),
  z2.union([z2.string(), plain(), z2.number(), z2.boolean()], { error: "expected a regex (an empty value is no regex)" }).transform((v) => v instanceof PlainScalar ? v.text : String(v)).superRefine((source, ctx) => {
    try {
      compileAnchored(source);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: err.message, params: { rule: "regex" } });
    }
  })
).nullish().transform(unsetNull).optional();
var matcherLine = z2.string().superRefine((text, ctx) => {
  try {
    parseMatchers(text);
  } catch (err) {
    if (!(err instanceof MatcherError)) throw err;
    ctx.addIssue({ code: "custom", message: err.message, params: { rule: "matcher" } });
  }
}).describe('Alertmanager matchers: name="value", name!="value", name=~"regex", name!~"regex", or several as {a="1", b=~"x"}.');

// server/config/sections/global.ts
import { z as z4 } from "zod";

// server/config/sections/http-config.ts
import { z as z3 } from "zod";
var TLS_VERSIONS = ["TLS10", "TLS11", "TLS12", "TLS13"];
var tlsVersion = () => str().refine((v) => v === "" || TLS_VERSIONS.includes(v), { message: `unknown TLS version: use one of ${TLS_VERSIONS.join(", ")}`, params: { rule: "tls_version" } });
var anyUrl = () => str().superRefine((v, ctx) => {
  const problem = v === "" ? null : checkAnyUrl(v);
  if (problem) ctx.addIssue({ code: "custom", message: problem, params: { rule: "url" } });
});
var tlsConfigSchema = z3.strictObject({
  ca_file: str().optional().describe("CA certificate file to verify the server with."),
  cert_file: str().optional().describe("Client certificate file."),
  key_file: str().optional().describe("Client key file."),
  server_name: str().optional().describe("Server name to verify the certificate against."),
  insecure_skip_verify: bool().optional().describe("Skip verifying the server certificate (do not use in production)."),
  min_version: tlsVersion().optional().describe("Lowest TLS version: TLS10, TLS11, TLS12 or TLS13."),
  max_version: tlsVersion().optional().describe("Highest TLS version: TLS10, TLS11, TLS12 or TLS13.")
}).describe("TLS settings.");
var basicAuthSchema = z3.strictObject({
  username: str().optional().describe("User name."),
  password: secret("Password.").optional(),
  password_file: str().optional().describe("File holding the password.")
});
var authorizationSchema = z3.strictObject({
  type: str().optional().describe('Authorization type (default Bearer). "basic" is refused: use basic_auth.'),
  credentials: secret("Credentials sent after the type.").optional(),
  credentials_file: str().optional().describe("File holding the credentials.")
});
var oauth2Schema = z3.strictObject({
  client_id: str().optional().describe("OAuth2 client id (required)."),
  client_secret: secret("OAuth2 client secret.").optional(),
  client_secret_file: str().optional().describe("File holding the client secret."),
  scopes: list(str()).describe("Scopes to request."),
  token_url: str().optional().describe("Token endpoint (required)."),
  endpoint_params: stringMap().describe("Extra parameters for the token request."),
  proxy_url: anyUrl().optional().describe("Proxy for the token request."),
  tls_config: opt(tlsConfigSchema)
});
var set = (v) => v !== void 0 && v !== "";
var httpConfigSchema = z3.strictObject({
  basic_auth: opt(basicAuthSchema).describe("HTTP basic authentication."),
  authorization: opt(authorizationSchema).describe("The Authorization header."),
  oauth2: opt(oauth2Schema).describe("OAuth2 client credentials."),
  bearer_token: secret("Bearer token (prefer authorization.credentials).").optional(),
  bearer_token_file: str().optional().describe("File holding the bearer token (prefer authorization.credentials_file)."),
  proxy_url: secretAnyUrl("Proxy URL; it may carry credentials.").optional(),
  tls_config: opt(tlsConfigSchema),
  follow_redirects: bool().default(true).describe("Follow HTTP 3xx redirects."),
  enable_http2: bool().default(true).describe("Use HTTP/2 when the server offers it.")
}).superRefine((c2, ctx) => {
  const fail = (message, path) => ctx.addIssue({ code: "custom", message, path, params: { rule: "http_config" } });
  const bearer = set(c2.bearer_token) || set(c2.bearer_token_file);
  if (set(c2.bearer_token) && set(c2.bearer_token_file)) fail("set bearer_token or bearer_token_file, not both", ["bearer_token"]);
  else if ((c2.basic_auth || c2.oauth2) && bearer) fail("set only one of basic_auth, oauth2 and bearer_token / bearer_token_file", ["bearer_token"]);
  if (c2.basic_auth && set(c2.basic_auth.password) && set(c2.basic_auth.password_file)) fail("set password or password_file, not both", ["basic_auth", "password"]);
  if (c2.authorization) {
    const type = (c2.authorization.type ?? "").trim();
    if (bearer) fail("authorization cannot be combined with bearer_token or bearer_token_file", ["authorization"]);
    else if (set(c2.authorization.credentials) && set(c2.authorization.credentials_file)) fail("set credentials or credentials_file, not both", ["authorization", "credentials"]);
    else if (type.toLowerCase() === "basic") fail('authorization type cannot be "basic": use basic_auth instead', ["authorization", "type"]);
    else if (c2.basic_auth || c2.oauth2) fail("set only one of basic_auth, oauth2 and authorization", ["authorization"]);
  }
  if (c2.oauth2) {
    const o = c2.oauth2;
    if (c2.basic_auth) fail("set only one of basic_auth, oauth2 and authorization", ["oauth2"]);
    else if (!set(o.client_id)) fail("oauth2 needs client_id", ["oauth2", "client_id"]);
    else if (!set(o.client_secret) && !set(o.client_secret_file)) fail("oauth2 needs client_secret or client_secret_file", ["oauth2", "client_secret"]);
    else if (!set(o.token_url)) fail("oauth2 needs token_url", ["oauth2", "token_url"]);
    else if (set(o.client_secret) && set(o.client_secret_file)) fail("set client_secret or client_secret_file, not both", ["oauth2", "client_secret"]);
  }
}).describe("HTTP client settings: authentication, TLS, proxy.");
function hasAuthorization(c2) {
  return c2 !== void 0 && (c2.authorization !== void 0 || set(c2.bearer_token) || set(c2.bearer_token_file));
}

// server/config/sections/global.ts
var set2 = (v) => v !== void 0 && v !== "";
var GLOBAL_DEFAULTS = {
  resolve_timeout: "5m",
  smtp_hello: "localhost",
  smtp_require_tls: true,
  pagerduty_url: "https://events.pagerduty.com/v2/enqueue",
  opsgenie_api_url: "https://api.opsgenie.com/",
  wechat_api_url: "https://qyapi.weixin.qq.com/cgi-bin/",
  victorops_api_url: "https://alert.victorops.com/integrations/generic/20131114/alert/",
  telegram_api_url: "https://api.telegram.org",
  webex_api_url: "https://webexapis.com/v1/messages"
};
var defaultUrl = (fallback, description) => z4.union([httpUrl(), z4.null()]).default(fallback).describe(`${description} Default ${fallback}.`);
var globalSchema = z4.strictObject({
  // yaml.v2 reads `resolve_timeout:` with no value as a zero duration.
  resolve_timeout: z4.union([duration(), z4.null().transform(() => "0s")]).default(GLOBAL_DEFAULTS.resolve_timeout).describe("An alert without endsAt is resolved after this long without an update (default 5m)."),
  http_config: opt(httpConfigSchema).describe("HTTP client settings for every notifier without its own."),
  smtp_from: str().optional().describe("Default sender address of email notifications."),
  smtp_hello: str().default(GLOBAL_DEFAULTS.smtp_hello).describe("Host name announced to SMTP servers (default localhost)."),
  smtp_smarthost: hostPort().optional().describe("Default SMTP server, host:port."),
  smtp_auth_username: str().optional(),
  smtp_auth_password: secret("Default SMTP password.").optional(),
  smtp_auth_password_file: str().optional(),
  smtp_auth_secret: secret("Default SMTP CRAM-MD5 secret.").optional(),
  smtp_auth_identity: str().optional(),
  smtp_require_tls: bool().default(GLOBAL_DEFAULTS.smtp_require_tls).describe("Require STARTTLS (default true)."),
  slack_api_url: secretUrl("Default Slack webhook URL.").optional(),
  slack_api_url_file: str().optional().describe("File holding the default Slack webhook URL."),
  pagerduty_url: defaultUrl(GLOBAL_DEFAULTS.pagerduty_url, "PagerDuty Events API URL."),
  opsgenie_api_url: defaultUrl(GLOBAL_DEFAULTS.opsgenie_api_url, "Opsgenie API URL."),
  opsgenie_api_key: secret("Default Opsgenie API key.").optional(),
  opsgenie_api_key_file: str().optional(),
  wechat_api_url: defaultUrl(GLOBAL_DEFAULTS.wechat_api_url, "WeChat API URL."),
  wechat_api_secret: secret("Default WeChat API secret.").optional(),
  wechat_api_corp_id: str().optional(),
  victorops_api_url: defaultUrl(GLOBAL_DEFAULTS.victorops_api_url, "VictorOps API URL."),
  victorops_api_key: secret("Default VictorOps API key.").optional(),
  victorops_api_key_file: str().optional(),
  telegram_api_url: defaultUrl(GLOBAL_DEFAULTS.telegram_api_url, "Telegram Bot API URL."),
  webex_api_url: defaultUrl(GLOBAL_DEFAULTS.webex_api_url, "Webex API URL.")
}).superRefine((g, ctx) => {
  const both = (a, b) => {
    if (set2(g[a]) && set2(g[b])) ctx.addIssue({ code: "custom", message: `set ${a} or ${b}, not both`, path: [a], params: { rule: "one_of" } });
  };
  both("slack_api_url", "slack_api_url_file");
  both("opsgenie_api_key", "opsgenie_api_key_file");
  both("victorops_api_key", "victorops_api_key_file");
  both("smtp_auth_password", "smtp_auth_password_file");
}).describe("Defaults for every notifier (Alertmanager's global section).");

// server/config/sections/hotconf.ts
import { z as z5 } from "zod";
var duration2 = (description) => duration().describe(description);
var HOST_NAME_RE = /^(?:\*|\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?)$/;
var serverSchema = z5.strictObject({
  host: z5.string().min(1).default("127.0.0.1").describe("Address the service listener binds. Reloadable: a change binds the new address before the old one closes."),
  port: int(1, 65535).default(8080).describe("TCP port of the service listener (1-65535). Reloadable without refusing requests."),
  read_timeout: duration2("Longest time to read a whole request, headers and body.").default("30s"),
  graceful_shutdown_timeout: duration2("How long an old listener keeps draining in-flight requests after a move, and the service on shutdown.").default("10s"),
  allowed_hosts: z5.array(z5.string().regex(HOST_NAME_RE, { message: "must be a host name like alerts.example.com or an IP address, without scheme or port (or * for any name)" })).optional().describe("Host names the service listener answers to besides localhost, its own address and IP addresses (others get 421: DNS rebinding). A wildcard host (0.0.0.0) adds no name: list the machine names clients use. * accepts any name.")
}).describe("The service listener (alert ingest and /healthz).");
var logSchema = z5.strictObject({
  level: z5.enum(["debug", "info", "warn", "error"]).default("info").describe("Lowest level written."),
  format: z5.enum(["json", "text"]).default("json").describe("json: one object per line; text: human-readable lines.")
}).describe("Logging. Reloaded atomically.");
var databaseSchema = z5.strictObject({
  driver: z5.enum(["sqlite", "postgres"]).default("sqlite").describe("sqlite (embedded) or postgres (scale-out; needs url)."),
  path: z5.string().min(1).default("alerts.db").describe("SQLite file for alert history, inside the data dir (--data-dir); a relative path starts there. Its folder must exist, and an existing file must be an SQLite database. A change opens, migrates and checks the new file before switching."),
  url: secret("Postgres connection URL (driver: postgres).").optional(),
  max_connections: int(1, 1e3).default(10).describe("Connection pool size (1-1000)."),
  retention: duration2("How long alert history is kept.").default("720h")
}).describe("Alert history storage.");
var webhookSchema = z5.strictObject({
  max_body_bytes: int(1, 100 * 1024 * 1024).default(1048576).describe("Largest accepted request body, in bytes."),
  rate_limit: z5.strictObject({
    enabled: bool().default(true).describe("Whether ingest is rate limited."),
    requests_per_second: num().refine((n) => n > 0, { message: "must be greater than 0", params: { rule: "number" } }).default(200).describe("Sustained requests per second."),
    burst: int(1, Number.MAX_SAFE_INTEGER).default(400).describe("Requests allowed in a burst above the sustained rate.")
  }).prefault({}).describe("Token-bucket rate limit on the ingest API."),
  authentication: z5.strictObject({
    type: z5.enum(["none", "api_key"]).default("none").describe("none, or api_key (clients send Authorization: Bearer <key> or X-API-Key)."),
    api_key: secret("The key ingest clients must present.").optional()
  }).prefault({}).describe("Who may post alerts.")
}).describe("The ingest API.");

// server/config/sections/receivers.ts
import { z as z6 } from "zod";
var set3 = (v) => v !== void 0 && v !== "";
var rule = (ctx, path, message, name = "receiver_field") => ctx.addIssue({ code: "custom", message, path, params: { rule: name } });
function oneOf(ctx, c2, a, b) {
  if (set3(c2[a]) && set3(c2[b])) rule(ctx, [a], `set ${a} or ${b}, not both`, "one_of");
}
var sendResolved = (byDefault) => bool().default(byDefault).describe(`Also notify when alerts resolve (default ${byDefault}).`);
var http = () => opt(httpConfigSchema).describe("HTTP client settings for this integration (default: global.http_config).");
var webhookConfigSchema = z6.strictObject({
  send_resolved: sendResolved(true),
  http_config: http(),
  url: secretUrl("Where the notification is POSTed (Alertmanager webhook payload, version 4).").optional(),
  max_alerts: int(0, 18446744073709551615n).default(0).describe("Most alerts per message; 0 means all."),
  timeout: duration().optional().describe("hotconf extension: per-request timeout (default 10s). `hotconf export --alertmanager` drops it.")
}).superRefine((c2, ctx) => {
  if (!set3(c2.url)) rule(ctx, ["url"], "webhook_configs needs url");
});
var slackConfigSchema = z6.strictObject({
  send_resolved: sendResolved(false),
  http_config: http(),
  api_url: secretUrl("Slack incoming-webhook URL (default: global.slack_api_url).").optional(),
  api_url_file: str().optional().describe("File holding the Slack webhook URL."),
  channel: tmpl("Channel or user to post to.").optional(),
  username: tmpl("Sender name.").optional(),
  color: tmpl("Attachment colour.").optional(),
  title: tmpl("Message title.").optional(),
  title_link: tmpl("Link of the title.").optional(),
  pretext: tmpl("Text above the attachment.").optional(),
  text: tmpl("Message body.").optional(),
  fields: list(
    z6.strictObject({ title: tmpl("Field title.").optional(), value: tmpl("Field value.").optional(), short: bool().optional() }).superRefine((f, ctx) => {
      if (!set3(f.title)) rule(ctx, ["title"], "a Slack field needs title");
      else if (!set3(f.value)) rule(ctx, ["value"], "a Slack field needs value");
    })
  ).describe("Attachment fields."),
  short_fields: bool().optional(),
  footer: tmpl("Footer.").optional(),
  fallback: tmpl("Plain-text summary.").optional(),
  callback_id: tmpl("Callback id.").optional(),
  icon_emoji: tmpl("Icon emoji.").optional(),
  icon_url: tmpl("Icon URL.").optional(),
  image_url: tmpl("Image URL.").optional(),
  thumb_url: tmpl("Thumbnail URL.").optional(),
  link_names: bool().optional(),
  mrkdwn_in: list(str()),
  actions: list(
    z6.strictObject({
      type: tmpl("Action type (e.g. button).").optional(),
      text: tmpl("Action label.").optional(),
      url: tmpl("Link of a link button.").optional(),
      style: tmpl("Button style.").optional(),
      name: tmpl("Name of an interactive button.").optional(),
      value: tmpl("Value of an interactive button.").optional(),
      confirm: opt(
        z6.strictObject({ text: tmpl("Confirmation text.").optional(), title: tmpl("Title.").optional(), ok_text: tmpl("OK label.").optional(), dismiss_text: tmpl("Dismiss label.").optional() }).superRefine((f, ctx) => {
          if (!set3(f.text)) rule(ctx, ["text"], "a Slack confirmation needs text");
        })
      )
    }).superRefine((a, ctx) => {
      if (!set3(a.type)) rule(ctx, ["type"], "a Slack action needs type");
      else if (!set3(a.text)) rule(ctx, ["text"], "a Slack action needs text");
      else if (!set3(a.url) && !set3(a.name)) rule(ctx, ["url"], "a Slack action needs url (a link button) or name (an interactive button)");
    })
  )
}).superRefine((c2, ctx) => oneOf(ctx, c2, "api_url", "api_url_file"));
var emailConfigSchema = z6.strictObject({
  send_resolved: sendResolved(false),
  to: tmpl("Recipient address(es), comma-separated.").optional(),
  from: tmpl("Sender address (default: global.smtp_from).").optional(),
  hello: str().optional().describe("Host name announced to the SMTP server (default: global.smtp_hello)."),
  smarthost: hostPort().optional().describe("SMTP server host:port (default: global.smtp_smarthost)."),
  auth_username: str().optional(),
  auth_password: secret("SMTP password.").optional(),
  auth_password_file: str().optional(),
  auth_secret: secret("SMTP CRAM-MD5 secret.").optional(),
  auth_identity: str().optional(),
  headers: tmplMap().describe("Extra mail headers (templates)."),
  html: tmpl("HTML body.").optional(),
  text: tmpl("Text body.").optional(),
  require_tls: bool().optional().describe("Require STARTTLS (default: global.smtp_require_tls)."),
  tls_config: opt(tlsConfigSchema)
}).superRefine((c2, ctx) => {
  if (!set3(c2.to)) rule(ctx, ["to"], "email_configs needs to (the recipient address)");
  const seen = /* @__PURE__ */ new Map();
  for (const header of Object.keys(c2.headers ?? {})) {
    const canonical = canonicalHeader(header);
    if (seen.has(canonical)) rule(ctx, ["headers", header], `header ${canonical} is set twice (as ${seen.get(canonical)} and ${header}): header names are case-insensitive`);
    seen.set(canonical, header);
  }
});
function canonicalHeader(name) {
  if (!/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(name)) return name;
  return name.split("-").map((w) => w ? w[0].toUpperCase() + w.slice(1).toLowerCase() : w).join("-");
}
var pagerdutyLink = z6.strictObject({ href: tmpl("Link.").optional(), text: tmpl("Link text.").optional() });
var pagerdutyImage = z6.strictObject({ src: tmpl("Image source.").optional(), alt: tmpl("Alt text.").optional(), href: tmpl("Link.").optional() });
var pagerdutyConfigSchema = z6.strictObject({
  send_resolved: sendResolved(true),
  http_config: http(),
  service_key: secret("Integration key (Events API v1).").optional(),
  service_key_file: str().optional(),
  routing_key: secret("Integration key (Events API v2).").optional(),
  routing_key_file: str().optional(),
  url: httpUrl().optional().describe("Events API URL (default: global.pagerduty_url)."),
  client: tmpl("Client name.").optional(),
  client_url: tmpl("Client link.").optional(),
  description: tmpl("Incident description.").optional(),
  details: tmplMap().describe("Custom details (templates)."),
  images: list(pagerdutyImage),
  links: list(pagerdutyLink),
  source: tmpl("Source.").optional(),
  severity: tmpl("Severity.").optional(),
  class: tmpl("Class.").optional(),
  component: tmpl("Component.").optional(),
  group: tmpl("Group.").optional()
}).superRefine((c2, ctx) => {
  if (!set3(c2.routing_key) && !set3(c2.service_key) && !set3(c2.routing_key_file) && !set3(c2.service_key_file)) rule(ctx, ["routing_key"], "pagerduty_configs needs routing_key or service_key (or their _file)");
  oneOf(ctx, c2, "routing_key", "routing_key_file");
  oneOf(ctx, c2, "service_key", "service_key_file");
});
var OPSGENIE_RESPONDER_TYPES = ["team", "teams", "user", "escalation", "schedule"];
var opsgenieConfigSchema = z6.strictObject({
  send_resolved: sendResolved(true),
  http_config: http(),
  api_key: secret("API key (default: global.opsgenie_api_key).").optional(),
  api_key_file: str().optional(),
  api_url: httpUrl().optional().describe("API URL (default: global.opsgenie_api_url)."),
  message: tmpl("Alert message.").optional(),
  description: tmpl("Description.").optional(),
  source: tmpl("Source.").optional(),
  details: tmplMap().describe("Details (templates)."),
  entity: tmpl("Entity.").optional(),
  responders: list(
    z6.strictObject({ id: tmpl("Responder id.").optional(), name: tmpl("Responder name.").optional(), username: tmpl("Responder user name.").optional(), type: tmpl("team, teams, user, escalation or schedule.").optional() })
  ),
  actions: tmpl("Comma-separated actions.").optional(),
  tags: tmpl("Comma-separated tags.").optional(),
  note: tmpl("Note.").optional(),
  priority: tmpl("Priority (P1-P5).").optional(),
  update_alerts: bool().optional()
}).superRefine((c2, ctx) => {
  oneOf(ctx, c2, "api_key", "api_key_file");
  (c2.responders ?? []).forEach((r, i) => {
    if (!set3(r.id) && !set3(r.username) && !set3(r.name)) rule(ctx, ["responders", i], "a responder needs id, username or name");
    else if (!(r.type ?? "").includes("{{") && !OPSGENIE_RESPONDER_TYPES.includes((r.type ?? "").toLowerCase())) {
      rule(ctx, ["responders", i, "type"], `responder type must be one of ${OPSGENIE_RESPONDER_TYPES.join(", ")} (or a template)`);
    }
  });
});
var wechatConfigSchema = z6.strictObject({
  send_resolved: sendResolved(false),
  http_config: http(),
  api_secret: secret("API secret (default: global.wechat_api_secret).").optional(),
  corp_id: str().optional().describe("Corp id (default: global.wechat_api_corp_id)."),
  message: tmpl("Message.").optional(),
  api_url: httpUrl().optional().describe("API URL (default: global.wechat_api_url)."),
  to_user: tmpl("User.").optional(),
  to_party: tmpl("Party.").optional(),
  to_tag: tmpl("Tag.").optional(),
  agent_id: tmpl("Agent id.").optional(),
  message_type: str().optional().describe("text or markdown (default text).")
}).superRefine((c2, ctx) => {
  if (set3(c2.message_type) && !["text", "markdown"].includes(c2.message_type)) rule(ctx, ["message_type"], "message_type must be text or markdown");
});
var RESERVED_VICTOROPS_FIELDS = ["routing_key", "message_type", "state_message", "entity_display_name", "monitoring_tool", "entity_id", "entity_state"];
var victoropsConfigSchema = z6.strictObject({
  send_resolved: sendResolved(true),
  http_config: http(),
  api_key: secret("API key (default: global.victorops_api_key).").optional(),
  api_key_file: str().optional(),
  api_url: httpUrl().optional().describe("API URL (default: global.victorops_api_url)."),
  routing_key: tmpl("Routing key (required).").optional(),
  message_type: tmpl("CRITICAL, WARNING or INFO (default CRITICAL).").optional(),
  state_message: tmpl("State message.").optional(),
  entity_display_name: tmpl("Entity display name.").optional(),
  monitoring_tool: tmpl("Monitoring tool.").optional(),
  custom_fields: stringMap()
}).superRefine((c2, ctx) => {
  if (!set3(c2.routing_key)) rule(ctx, ["routing_key"], "victorops_configs needs routing_key");
  oneOf(ctx, c2, "api_key", "api_key_file");
  for (const key of Object.keys(c2.custom_fields ?? {})) {
    if (RESERVED_VICTOROPS_FIELDS.includes(key)) rule(ctx, ["custom_fields", key], `custom field ${key} is one VictorOps sets itself: use another name`);
  }
});
var pushoverConfigSchema = z6.strictObject({
  send_resolved: sendResolved(true),
  http_config: http(),
  user_key: secret("Recipient user key (required).").optional(),
  token: secret("Application token (required).").optional(),
  title: tmpl("Title.").optional(),
  message: tmpl("Message.").optional(),
  url: tmpl("Supplementary URL.").optional(),
  url_title: tmpl("Title of the URL.").optional(),
  sound: tmpl("Sound.").optional(),
  priority: tmpl("Priority.").optional(),
  retry: goDuration().optional().describe("How often an emergency notification is retried (Go duration, default 1m)."),
  expire: goDuration().optional().describe("How long an emergency notification is retried (Go duration, default 1h)."),
  html: bool().optional()
}).superRefine((c2, ctx) => {
  if (!set3(c2.user_key)) rule(ctx, ["user_key"], "pushover_configs needs user_key");
  else if (!set3(c2.token)) rule(ctx, ["token"], "pushover_configs needs token");
});
var sigv4Schema = z6.strictObject({
  region: str().optional(),
  access_key: str().optional(),
  secret_key: secret("AWS secret key.").optional(),
  profile: str().optional(),
  role_arn: str().optional()
}).superRefine((c2, ctx) => {
  if (set3(c2.access_key) !== set3(c2.secret_key)) rule(ctx, ["access_key"], "sigv4 needs both access_key and secret_key, or neither");
});
var snsConfigSchema = z6.strictObject({
  send_resolved: sendResolved(true),
  http_config: http(),
  api_url: str().optional().describe("SNS API URL."),
  sigv4: opt(sigv4Schema),
  topic_arn: tmpl("Topic ARN.").optional(),
  phone_number: tmpl("Phone number (SMS).").optional(),
  target_arn: tmpl("Target ARN (mobile push).").optional(),
  subject: tmpl("Subject.").optional(),
  message: tmpl("Message.").optional(),
  attributes: stringMap()
}).superRefine((c2, ctx) => {
  const empty = [c2.target_arn, c2.topic_arn, c2.phone_number].filter((v) => !set3(v)).length;
  if (empty % 2 === 1) rule(ctx, ["topic_arn"], "sns_configs needs exactly one of topic_arn, target_arn and phone_number");
});
var TELEGRAM_PARSE_MODES = ["", "Markdown", "MarkdownV2", "HTML"];
var telegramConfigSchema = z6.strictObject({
  send_resolved: sendResolved(true),
  http_config: http(),
  api_url: httpUrl().optional().describe("Bot API URL (default: global.telegram_api_url)."),
  bot_token: secret("Bot token (required).").optional(),
  chat_id: int(-9223372036854776e3, 9223372036854775807n).optional().describe("Chat id (required)."),
  message: tmpl("Message.").optional(),
  disable_notifications: bool().optional(),
  parse_mode: str().default("HTML").describe("Markdown, MarkdownV2 or HTML (default HTML).")
}).superRefine((c2, ctx) => {
  if (!set3(c2.bot_token)) rule(ctx, ["bot_token"], "telegram_configs needs bot_token");
  else if (!c2.chat_id) rule(ctx, ["chat_id"], "telegram_configs needs chat_id");
  else if (!TELEGRAM_PARSE_MODES.includes(c2.parse_mode)) rule(ctx, ["parse_mode"], "parse_mode must be Markdown, MarkdownV2, HTML or empty");
});
var webexConfigSchema = z6.strictObject({
  send_resolved: sendResolved(true),
  http_config: http(),
  api_url: httpUrl().optional().describe("Webex API URL (default: global.webex_api_url)."),
  message: tmpl("Message.").optional(),
  room_id: tmpl("Room id (required).").optional()
}).superRefine((c2, ctx) => {
  if (!set3(c2.room_id)) rule(ctx, ["room_id"], "webex_configs needs room_id");
  else if (!hasAuthorization(c2.http_config)) rule(ctx, ["http_config"], "webex_configs needs http_config.authorization (the bot token): Webex has no global credentials");
});
var discordConfigSchema = z6.strictObject({
  send_resolved: sendResolved(true),
  http_config: http(),
  webhook_url: secretUrl("Discord webhook URL (required).").optional(),
  title: tmpl("Title.").optional(),
  message: tmpl("Message.").optional()
}).superRefine((c2, ctx) => {
  if (!set3(c2.webhook_url)) rule(ctx, ["webhook_url"], "discord_configs needs webhook_url");
});
var msteamsConfigSchema = z6.strictObject({
  send_resolved: sendResolved(true),
  http_config: http(),
  webhook_url: secretUrl("Incoming-webhook URL.").optional(),
  webhook_url_file: str().optional(),
  title: tmpl("Title.").optional(),
  summary: tmpl("Summary.").optional(),
  text: tmpl("Text.").optional()
}).superRefine((c2, ctx) => {
  if (!set3(c2.webhook_url) && !set3(c2.webhook_url_file)) rule(ctx, ["webhook_url"], "msteams_configs needs webhook_url or webhook_url_file");
  oneOf(ctx, c2, "webhook_url", "webhook_url_file");
});
var receiverSchema = requiredInEditor(z6.strictObject({
  name: str().optional().describe("Unique receiver name that routes refer to."),
  discord_configs: list(discordConfigSchema).describe("Discord webhooks."),
  email_configs: list(emailConfigSchema).describe("Email over SMTP."),
  pagerduty_configs: list(pagerdutyConfigSchema).describe("PagerDuty."),
  slack_configs: list(slackConfigSchema).describe("Slack incoming webhooks."),
  webhook_configs: list(webhookConfigSchema).describe("Generic webhooks (Alertmanager webhook payload v4)."),
  opsgenie_configs: list(opsgenieConfigSchema).describe("Opsgenie."),
  wechat_configs: list(wechatConfigSchema).describe("WeChat."),
  pushover_configs: list(pushoverConfigSchema).describe("Pushover."),
  victorops_configs: list(victoropsConfigSchema).describe("VictorOps / Splunk On-Call."),
  sns_configs: list(snsConfigSchema).describe("Amazon SNS."),
  telegram_configs: list(telegramConfigSchema).describe("Telegram."),
  webex_configs: list(webexConfigSchema).describe("Cisco Webex."),
  msteams_configs: list(msteamsConfigSchema).describe("Microsoft Teams (Alertmanager 0.26+).")
}).superRefine((r, ctx) => {
  if (!set3(r.name)) rule(ctx, ["name"], "a receiver needs a name", "receiver_name");
}).describe("A named set of integrations."), ["name"]);

// server/config/sections/routing.ts
import { z as z7 } from "zod";
var nonZero = (description) => opt(duration().refine((v) => parseDuration(v) !== 0, { message: "cannot be zero", params: { rule: "zero_interval" } })).describe(description);
var groupBy = () => list(z7.string()).superRefine((names, ctx) => {
  if (!names) return;
  const seen = /* @__PURE__ */ new Set();
  names.forEach((name, i) => {
    if (name === "...") return;
    if (!isLabelName(name)) ctx.addIssue({ code: "custom", message: `${LABEL_NAME_HINT} (or '...' for all labels)`, path: [i], params: { rule: "label_name" } });
    else if (seen.has(name)) ctx.addIssue({ code: "custom", message: `label ${name} is listed twice`, path: [i], params: { rule: "group_by" } });
    seen.add(name);
  });
  if (names.includes("...") && names.some((n) => n !== "...")) ctx.addIssue({ code: "custom", message: "'...' groups by all labels: it cannot be combined with label names", params: { rule: "group_by" } });
}).describe("Labels to group alerts by; ['...'] groups by all labels.");
var routeSchema = z7.strictObject({
  receiver: str().optional().describe("Receiver for alerts this route matches (inherited from the parent when absent)."),
  group_by: groupBy(),
  matchers: list(matcherLine).describe("Alertmanager matchers an alert must satisfy."),
  match: labelMap().describe("Deprecated equality matchers (label: value)."),
  match_re: regexMap().describe("Deprecated regex matchers (label: regex, anchored)."),
  mute_time_intervals: list(str()).describe("Time intervals (names) during which this route sends nothing."),
  active_time_intervals: list(str()).describe("Time intervals (names) outside which this route sends nothing."),
  continue: bool().optional().describe("Keep matching sibling routes after this one matched."),
  get routes() {
    return list(routeSchema).describe("Child routes, tried in order.");
  },
  group_wait: opt(duration()).describe("How long to wait before the first notification of a new group."),
  group_interval: nonZero("How long to wait before notifying about new alerts in a group."),
  repeat_interval: nonZero("How long to wait before re-sending a notification.")
}).describe("An Alertmanager route.");
var inhibitRuleSchema = z7.strictObject({
  source_matchers: list(matcherLine).describe("Matchers for the alert that inhibits."),
  target_matchers: list(matcherLine).describe("Matchers for the alerts that are muted."),
  source_match: labelMap().describe("Deprecated: equality matchers for the source."),
  source_match_re: regexMap().describe("Deprecated: regex matchers for the source."),
  target_match: labelMap().describe("Deprecated: equality matchers for the target."),
  target_match_re: regexMap().describe("Deprecated: regex matchers for the target."),
  equal: list(labelName()).describe("Labels that must have equal values in source and target.")
}).describe("Mute target alerts while a matching source alert fires.");
var WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
var MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
function rangeOf(text, member) {
  const parts = text.toLowerCase().split(":");
  if (parts.length > 2) return `${text} is not a range: write begin:end or a single value`;
  const [a, b = a] = parts;
  const begin = member(a);
  const end = member(b);
  if (begin === null) return `${a} is not a valid value here`;
  if (end === null) return `${b} is not a valid value here`;
  return [begin, end];
}
var atoi = (s) => /^[+-]?\d+$/.test(s) && Math.abs(Number(s)) < 2 ** 31 ? Number(s) : null;
function rangeField(check, description) {
  return list(
    str().superRefine((text, ctx) => {
      const problem = check(text);
      if (problem) ctx.addIssue({ code: "custom", message: problem, params: { rule: "time_interval" } });
    })
  ).describe(description);
}
var weekdays = rangeField((text) => {
  const r = rangeOf(text, (s) => WEEKDAYS.includes(s) ? WEEKDAYS.indexOf(s) : null);
  if (typeof r === "string") return `${r}: weekdays are written in lower case, e.g. monday:friday`;
  return r[0] > r[1] ? "the start day cannot be after the end day" : null;
}, "Days of the week, e.g. ['monday:friday', 'sunday'].");
var daysOfMonth = rangeField((text) => {
  const r = rangeOf(text, atoi);
  if (typeof r === "string") return r;
  const [b, e] = r;
  if (b === 0 || b < -31 || b > 31) return `${b} is not a valid day of the month: use 1 to 31, or -1 to -31 from the end`;
  if (e === 0 || e < -31 || e > 31) return `${e} is not a valid day of the month: use 1 to 31, or -1 to -31 from the end`;
  if (b < 0 && e > 0) return "the end day must be negative when the start day is";
  if ((b < 0 ? 28 + b : b) > (e < 0 ? 28 + e : e)) return `end day ${e} is always before start day ${b}`;
  return null;
}, "Days of the month, e.g. ['1:5', '-3:-1'].");
var months = rangeField((text) => {
  const r = rangeOf(text, (s) => MONTHS.includes(s) ? MONTHS.indexOf(s) + 1 : atoi(s));
  if (typeof r === "string") return `${r}: months are names in lower case or numbers, e.g. january:march or 1:3`;
  return r[0] > r[1] ? "the end month is before the start month" : null;
}, "Months, e.g. ['january:march', '12'].");
var years = rangeField((text) => {
  const r = rangeOf(text, atoi);
  if (typeof r === "string") return r;
  return r[0] > r[1] ? `end year ${r[1]} is before start year ${r[0]}` : null;
}, "Years, e.g. ['2024:2026'].");
var CLOCK = /^(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/;
var minutesOf = (t2) => Number(t2.slice(0, 2)) * 60 + Number(t2.slice(3));
var timeRange = z7.strictObject({ start_time: str().optional(), end_time: str().optional() }).superRefine((t2, ctx) => {
  const issue = (message, path) => ctx.addIssue({ code: "custom", message, path: [path], params: { rule: "time_interval" } });
  if (!t2.start_time || !t2.end_time) return issue("both start_time and end_time are needed", t2.start_time ? "end_time" : "start_time");
  if (!CLOCK.test(t2.start_time)) return issue("expected a time of day HH:MM (00:00 to 24:00)", "start_time");
  if (!CLOCK.test(t2.end_time)) return issue("expected a time of day HH:MM (00:00 to 24:00)", "end_time");
  if (minutesOf(t2.start_time) >= minutesOf(t2.end_time)) issue("the start time must be before the end time", "start_time");
});
function isTimeZone(name) {
  if (name === "UTC" || name === "Local" || name === "") return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
var timeIntervalSpec = z7.strictObject({
  times: list(timeRange).describe('Times of day, e.g. [{start_time: "09:00", end_time: "17:00"}].'),
  weekdays,
  days_of_month: daysOfMonth,
  months,
  years,
  location: str().refine(isTimeZone, { message: "unknown time zone: use an IANA name such as Europe/Berlin, or UTC", params: { rule: "time_interval" } }).optional().describe("Time zone of the times, e.g. Europe/Berlin (default UTC).")
});
var timeIntervalSchema = requiredInEditor(z7.strictObject({
  name: str().optional().describe("Name that routes refer to."),
  time_intervals: list(timeIntervalSpec).describe("When this interval is in effect: any of these.")
}).superRefine((t2, ctx) => {
  if (!t2.name) ctx.addIssue({ code: "custom", message: "a time interval needs a name", path: ["name"], params: { rule: "time_interval_name" } });
}).describe("A named set of times, for mute_time_intervals and active_time_intervals of routes."), ["name"]);

// server/config/schema.ts
var defaultGlobal;
function globalDefaults() {
  return defaultGlobal ??= globalSchema.parse({});
}
var configSections = {
  global: opt(globalSchema).transform((g) => g ?? globalDefaults()),
  templates: list(str()).transform((t2) => t2 ?? []).describe("Go template files (globs, relative to this file) whose {{ define }}s notifiers can use."),
  route: routeSchema.describe("The root of the routing tree. Must name a receiver and has no matchers."),
  receivers: list(receiverSchema).transform((r) => r ?? []).describe("Receivers that routes refer to by name."),
  inhibit_rules: list(inhibitRuleSchema).transform((r) => r ?? []).describe("Inhibition rules."),
  time_intervals: list(timeIntervalSchema).transform((t2) => t2 ?? []).describe("Named time intervals for routes (mute_time_intervals, active_time_intervals)."),
  mute_time_intervals: list(timeIntervalSchema).transform((t2) => t2 ?? []).describe("Deprecated name of time_intervals (still read)."),
  server: serverSchema.prefault({}),
  log: logSchema.prefault({}),
  database: databaseSchema.prefault({}),
  webhook: webhookSchema.prefault({})
};
var configSchema = z8.strictObject(configSections).superRefine((cfg, ctx) => {
  for (const issue of crossFieldIssues(cfg)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message, params: { rule: issue.rule } });
}).describe("hotconf / Alert History service configuration: Alertmanager 0.25 format plus hotconf sections.");
var set4 = (v) => typeof v === "string" && v !== "";
function crossFieldIssues(cfg) {
  const out = [];
  const c2 = cfg;
  const receivers = Array.isArray(c2.receivers) ? c2.receivers : [];
  const names = /* @__PURE__ */ new Map();
  receivers.forEach((r, i) => {
    if (!set4(r?.name)) return;
    const first = names.get(r.name);
    if (first !== void 0) {
      out.push({ path: ["receivers", i, "name"], message: `receiver name "${r.name}" is already used by receivers[${first}]: names must be unique`, rule: "unique_receiver" });
    } else names.set(r.name, i);
  });
  if (c2.global && typeof c2.global === "object") receivers.forEach((r, i) => globalFallbacks(r, i, c2.global, out));
  const intervals = intervalNames(c2, out);
  if (c2.route && typeof c2.route === "object") checkRoutes(c2.route, names, intervals, out);
  if (c2.database?.driver === "postgres" && !c2.database.url) {
    out.push({ path: ["database", "url"], message: "driver postgres needs database.url (e.g. ${env:DATABASE_URL})", rule: "postgres_url" });
  }
  if (c2.webhook?.authentication?.type === "api_key" && !c2.webhook.authentication.api_key) {
    out.push({ path: ["webhook", "authentication", "api_key"], message: "authentication type api_key needs api_key (e.g. ${env:INGEST_API_KEY})", rule: "api_key_required" });
  }
  return out;
}
function intervalNames(c2, out) {
  const names = /* @__PURE__ */ new Set();
  for (const section of ["mute_time_intervals", "time_intervals"]) {
    const items = Array.isArray(c2[section]) ? c2[section] : [];
    items.forEach((t2, i) => {
      if (!set4(t2?.name)) return;
      if (names.has(t2.name)) out.push({ path: [section, i, "name"], message: `time interval "${t2.name}" is defined twice: names must be unique across time_intervals and mute_time_intervals`, rule: "unique_time_interval" });
      names.add(t2.name);
    });
  }
  return names;
}
function globalFallbacks(r, i, g, out) {
  if (!r || !(r.email_configs || r.slack_configs || r.pagerduty_configs || r.opsgenie_configs || r.wechat_configs || r.victorops_configs || r.webex_configs)) return;
  for (const [j, e] of entries(r.email_configs)) {
    if (!set4(e.smarthost) && !set4(g.smtp_smarthost)) missing(out, i, "email_configs", j, "smarthost", "no SMTP server: set smarthost here or global.smtp_smarthost");
    else if (!set4(e.from) && !set4(g.smtp_from)) missing(out, i, "email_configs", j, "from", "no sender address: set from here or global.smtp_from");
  }
  for (const [j, s] of entries(r.slack_configs)) {
    if (!set4(s.api_url) && !set4(s.api_url_file) && !set4(g.slack_api_url) && !set4(g.slack_api_url_file)) {
      missing(out, i, "slack_configs", j, "api_url", "no Slack webhook URL: set api_url (or api_url_file) here or global.slack_api_url");
    }
  }
  for (const [j, p] of entries(r.pagerduty_configs)) {
    if (!set4(p.url) && !set4(g.pagerduty_url)) missing(out, i, "pagerduty_configs", j, "url", "no PagerDuty URL: set url here or global.pagerduty_url");
  }
  for (const [j, o] of entries(r.opsgenie_configs)) {
    if (!set4(o.api_url) && !set4(g.opsgenie_api_url)) missing(out, i, "opsgenie_configs", j, "api_url", "no Opsgenie URL: set api_url here or global.opsgenie_api_url");
    else if (!set4(o.api_key) && !set4(o.api_key_file) && !set4(g.opsgenie_api_key) && !set4(g.opsgenie_api_key_file)) {
      missing(out, i, "opsgenie_configs", j, "api_key", "no Opsgenie API key: set api_key (or api_key_file) here or global.opsgenie_api_key");
    }
  }
  for (const [j, w] of entries(r.wechat_configs)) {
    if (!set4(w.api_url) && !set4(g.wechat_api_url)) missing(out, i, "wechat_configs", j, "api_url", "no WeChat URL: set api_url here or global.wechat_api_url");
    else if (!set4(w.api_secret) && !set4(g.wechat_api_secret)) missing(out, i, "wechat_configs", j, "api_secret", "no WeChat API secret: set api_secret here or global.wechat_api_secret");
    else if (!set4(w.corp_id) && !set4(g.wechat_api_corp_id)) missing(out, i, "wechat_configs", j, "corp_id", "no WeChat corp id: set corp_id here or global.wechat_api_corp_id");
  }
  for (const [j, v] of entries(r.victorops_configs)) {
    if (!set4(v.api_url) && !set4(g.victorops_api_url)) missing(out, i, "victorops_configs", j, "api_url", "no VictorOps URL: set api_url here or global.victorops_api_url");
    else if (!set4(v.api_key) && !set4(v.api_key_file) && !set4(g.victorops_api_key) && !set4(g.victorops_api_key_file)) {
      missing(out, i, "victorops_configs", j, "api_key", "no VictorOps API key: set api_key (or api_key_file) here or global.victorops_api_key");
    }
  }
  for (const [j, w] of entries(r.webex_configs)) {
    if (!set4(w.api_url) && !set4(g.webex_api_url)) missing(out, i, "webex_configs", j, "api_url", "no Webex URL: set api_url here or global.webex_api_url");
  }
}
function missing(out, i, kind, j, field, message) {
  out.push({ path: ["receivers", i, kind, j, field], message, rule: "global_fallback" });
}
var NONE = [];
function entries(list2) {
  return list2 ? list2.entries() : NONE;
}
function checkRoutes(root, receivers, intervals, out) {
  if (!set4(root.receiver)) {
    out.push({ path: ["route", "receiver"], message: "the root route must name a receiver (it is the default for every alert)", rule: "root_receiver" });
  }
  if (root.matchers?.length || Object.keys(root.match ?? {}).length || Object.keys(root.match_re ?? {}).length) {
    out.push({ path: ["route", "matchers"], message: "the root route must not have matchers: it matches every alert", rule: "root_matchers" });
  }
  if (root.continue) out.push({ path: ["route", "continue"], message: "the root route cannot have continue: there is nothing after it to continue to", rule: "root_continue" });
  if (root.mute_time_intervals?.length) out.push({ path: ["route", "mute_time_intervals"], message: "the root route cannot have mute_time_intervals: set them on a child route", rule: "root_time_intervals" });
  if (root.active_time_intervals?.length) out.push({ path: ["route", "active_time_intervals"], message: "the root route cannot have active_time_intervals: set them on a child route", rule: "root_time_intervals" });
  walkRoutes(root, (route, place) => {
    if (set4(route.receiver) && !receivers.has(route.receiver)) {
      const known = [...receivers.keys()].slice(0, 10).join(", ");
      const hint = known ? `add it under receivers or use one of: ${known}` : "no receivers are defined yet: add one under receivers";
      out.push({ path: [...place.path(), "receiver"], message: `route names receiver "${route.receiver}", which is not defined: ${hint}`, rule: "unknown_receiver" });
    }
    if (route.mute_time_intervals) knownIntervals(route.mute_time_intervals, "mute_time_intervals", intervals, place, out);
    if (route.active_time_intervals) knownIntervals(route.active_time_intervals, "active_time_intervals", intervals, place, out);
  });
}
function knownIntervals(names, field, intervals, place, out) {
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (!intervals.has(name)) out.push({ path: [...place.path(), field, i], message: `time interval "${name}" is not defined: add it under time_intervals`, rule: "unknown_time_interval" });
  }
}
function walkRoutes(root, visit2) {
  const place = new RoutePlace();
  const walk2 = (route) => {
    visit2(route, place);
    if (!Array.isArray(route.routes)) return;
    for (let i = 0; i < route.routes.length; i++) {
      place.enter(i);
      walk2(route.routes[i]);
      place.leave();
    }
  };
  walk2(root);
}
var RoutePlace = class {
  indices = [];
  depth = 0;
  enter(index2) {
    this.indices[this.depth++] = index2;
  }
  leave() {
    this.depth--;
  }
  path() {
    const out = ["route"];
    for (let d = 0; d < this.depth; d++) out.push("routes", this.indices[d]);
    return out;
  }
};

// server/config/schema-walk.ts
var defOf = (node) => node._zod.def;
var WRAPPERS = /* @__PURE__ */ new Set(["optional", "default", "prefault", "nullable", "readonly", "catch", "nonoptional"]);
function innerOf(node) {
  const def = defOf(node);
  return WRAPPERS.has(def.type) ? def.innerType : def.type === "pipe" ? def.in : void 0;
}
function unwrap(schema) {
  let node = schema;
  for (let inner = innerOf(node); inner; inner = innerOf(node)) node = inner;
  return node;
}
function objectShapeAt(root, path) {
  let node = core(root);
  for (const segment of path) {
    if (!node) return null;
    const def = defOf(node);
    if (def.type === "object") node = def.shape?.[String(segment)];
    else if (def.type === "array") node = def.element;
    else if (def.type === "record") node = def.valueType;
    else return null;
    node = node && core(node);
  }
  return node && defOf(node).type === "object" ? defOf(node).shape ?? null : null;
}
function core(schema) {
  const node = unwrap(schema);
  const def = defOf(node);
  if (def.type !== "union") return node;
  for (const option of def.options ?? []) {
    const inner = unwrap(option);
    if (["object", "array", "record"].includes(defOf(inner).type)) return inner;
  }
  return node;
}
function fieldPaths(root, test) {
  const out = [];
  const onPath = /* @__PURE__ */ new Set();
  const visit2 = (schema, path) => {
    for (let layer = schema; layer; layer = innerOf(layer)) {
      if (test(layer)) {
        out.push([...path]);
        return;
      }
    }
    const node = unwrap(schema);
    if (onPath.has(node)) return;
    onPath.add(node);
    const def = defOf(node);
    if (def.type === "object") for (const [key, child] of Object.entries(def.shape ?? {})) visit2(child, [...path, key]);
    else if (def.type === "array" && def.element) visit2(def.element, [...path, "*"]);
    else if (def.type === "union") for (const option of def.options ?? []) visit2(option, path);
    onPath.delete(node);
  };
  visit2(root, []);
  return [...new Map(out.map((p) => [p.join("."), p])).values()];
}

// server/config/issues.ts
function issuesFromZod(error, text, input) {
  const drafts = error.issues.flatMap((issue) => draftsFor(issue, input));
  const seen = /* @__PURE__ */ new Set();
  const unique = drafts.filter((d) => {
    const key = d.path.join(".");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  let locator = null;
  const issues = unique.slice(0, MAX_LOCATED_ISSUES).map((d) => {
    locator ??= createLocator(text);
    return issueAt(locator(d.path, { onKey: d.onKey ?? false }), d.path.join("."), d.code, d.message);
  });
  issues.sort(byPosition);
  if (unique.length > issues.length) issues.push(issueAt(null, "", "too_many_issues", `more problems are not listed (at most ${MAX_LOCATED_ISSUES} are): fix these first`));
  return issues;
}
var MAX_LOCATED_ISSUES = 200;
function toPath(path) {
  return path.map((p) => typeof p === "number" ? p : String(p));
}
function draftsFor(issue, input) {
  const path = toPath(issue.path);
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.slice(0, MAX_LOCATED_ISSUES + 1).map((key) => ({ path: [...path, key], code: issue.code, message: unknownFieldMessage(key, path), onKey: true }));
    case "invalid_type":
      return [{ path, code: issue.code, message: invalidTypeMessage(issue, path, input) }];
    case "invalid_value":
      return [{ path, code: issue.code, message: isZodDefault(issue.message) ? `expected one of: ${issue.values.map(String).join(", ")}` : issue.message }];
    case "too_small":
    case "too_big":
      return [{ path, code: issue.code, message: isZodDefault(issue.message) ? boundMessage(issue) : issue.message }];
    case "invalid_key": {
      const inner = issue.issues[0]?.message ?? "not allowed here";
      return [{ path, code: issue.code, message: `key '${String(path.at(-1))}' is not valid: ${inner}`, onKey: true }];
    }
    case "invalid_format":
      return [{ path, code: issue.code, message: isZodDefault(issue.message) ? `has the wrong format (expected ${issue.format})` : issue.message }];
    case "invalid_union": {
      const options = issue.errors;
      const deeper = options.filter((errs) => errs.some((e) => e.path.length > 0));
      const chosen = deeper[0] ?? options[0] ?? [];
      if (chosen.length === 0) return [{ path, code: issue.code, message: "has a value of the wrong kind" }];
      return chosen.flatMap((e) => draftsFor({ ...e, path: [...issue.path, ...e.path] }, input));
    }
    case "custom": {
      const rule2 = issue.params?.rule;
      return [{ path, code: typeof rule2 === "string" ? rule2 : "custom", message: issue.message }];
    }
    default:
      return [{ path, code: issue.code, message: issue.message }];
  }
}
function isZodDefault(message) {
  return /^(Invalid|Too (small|big)|Unrecognized)\b/.test(message);
}
function label(path) {
  return path.length === 0 ? "the top level" : path.join(".");
}
function unknownFieldMessage(key, parent) {
  const allowed = allowedKeys(parent);
  let message = `unknown field '${key}' under ${label(parent)}`;
  if (allowed.length > 0) {
    const guess = closest(key, allowed);
    if (guess) message += `: did you mean '${guess}'?`;
    message += ` (allowed: ${allowed.join(", ")})`;
  }
  return message;
}
function allowedKeys(path) {
  const shape = objectShapeAt(configSchema, path);
  if (!shape) return [];
  return Object.entries(shape).filter(([, schema]) => !schema.description?.startsWith("Not supported")).map(([key]) => key);
}
function closest(word, candidates) {
  let best = null;
  let bestDistance = 3;
  for (const c2 of candidates) {
    const d = editDistance(word.toLowerCase(), c2);
    if (d < bestDistance) {
      best = c2;
      bestDistance = d;
    }
  }
  return best;
}
function editDistance(a, b) {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length];
}
var EXPECTED = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a mapping (key: value lines)",
  array: "a list",
  record: "a mapping (key: value lines)"
};
function invalidTypeMessage(issue, path, input) {
  const expected = EXPECTED[issue.expected] ?? issue.expected;
  const found = input === void 0 ? receivedFromMessage(issue.message) : { value: valueAt(input, path) };
  if (found === null) return isZodDefault(issue.message) ? `expected ${expected}` : issue.message;
  if (found.value === void 0) return `${label(path)} is required (${expected})`;
  let message = `expected ${expected}, got ${describeValue(found.value)}`;
  const v = found.value;
  if (typeof v === "string" && (issue.expected === "number" || issue.expected === "int") && /^[-+]?\d+(\.\d+)?$/.test(v.trim())) {
    message += ": remove the quotes around the number";
  } else if (typeof v === "string" && issue.expected === "boolean" && /^(true|false)$/i.test(v.trim())) {
    message += ": write true or false without quotes";
  } else if (typeof v === "number" && issue.expected === "string") {
    message += ": quote it (e.g. '123') if it is meant as text";
  }
  return message;
}
function receivedFromMessage(message) {
  const kind = /received (\w+)/.exec(message)?.[1];
  const sample = { undefined: void 0, null: null, string: "", number: 0, boolean: false, array: [], object: {} };
  return kind !== void 0 && kind in sample ? { value: sample[kind] } : null;
}
function describeValue(found) {
  const v = found instanceof PlainScalar ? found.value : found;
  if (v === null) return "an empty value";
  if (Array.isArray(v)) return "a list";
  switch (typeof v) {
    case "string":
      return "a string";
    case "number":
      return Number.isInteger(v) || !Number.isFinite(v) ? "a number" : "a fractional number";
    case "boolean":
      return "true/false";
    case "object":
      return "a mapping";
    default:
      return typeof v;
  }
}
function valueAt(doc, path) {
  let node = doc;
  for (const segment of path) {
    if (node === null || typeof node !== "object") return void 0;
    node = Object.hasOwn(node, segment) ? node[segment] : void 0;
  }
  return node;
}
function boundMessage(issue) {
  const small = issue.code === "too_small";
  const limit = small ? issue.minimum : issue.maximum;
  const n = Number(limit);
  switch (issue.origin) {
    case "string":
      if (small && n === 1) return "must not be empty";
      return small ? `must be at least ${n} characters long` : `must be at most ${n} characters long`;
    case "array":
      return small ? `must have at least ${n} item${n === 1 ? "" : "s"}` : `must have at most ${n} items`;
    default:
      if (issue.inclusive === false) return small ? `must be greater than ${n}` : `must be less than ${n}`;
      return small ? `must be at least ${n}` : `must be at most ${n}`;
  }
}

// server/config/templates.ts
var TemplateGlobError = class extends Error {
};
function readTemplateFiles(globs, source, locate2) {
  const files = [];
  const issues = [];
  globs.forEach((glob, i) => {
    if (typeof glob !== "string") return;
    try {
      for (const file of source.read(glob)) files.push({ ...file, glob: i });
    } catch (err) {
      const message = err instanceof TemplateGlobError ? err.message : `cannot read the files of this pattern: ${err.message}`;
      issues.push(issueAt(locate2()(["templates", i]), `templates.${i}`, "template_files", message));
    }
  });
  return { files, issues };
}
function templateIssues(files, locate2) {
  const issues = [];
  const set5 = alertmanagerTemplates();
  for (const file of files) {
    try {
      set5.add(file.text, baseName(file.path));
    } catch (err) {
      if (!(err instanceof TemplateSyntaxError)) throw err;
      const message = `template file ${file.path}, line ${err.line}, column ${err.column}: ${err.message}`;
      issues.push(issueAt(locate2()(["templates", file.glob ?? 0]), `templates.${file.glob ?? 0}`, "template_syntax", message));
    }
  }
  return issues;
}
function baseName(path) {
  return path.slice(path.lastIndexOf("/") + 1);
}

// server/config/secrets.ts
var MAX_SECRET_FILE_BYTES = 64 * 1024;
var PRESENT = "https://secret.invalid/resolved-by-the-service";
var presentSecrets = {
  env: new Proxy({}, { get: (_target, key) => typeof key === "string" ? PRESENT : void 0, has: () => true }),
  readFile: () => PRESENT
};
var SECRET_PATHS = fieldPaths(configSchema, isSecretField).map((p) => p.join("."));
var REDACTED = "<secret>";
var SECRET_SEGMENTS = SECRET_PATHS.map((p) => p.split("."));
var ENV_REF = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;
var FILE_REF = /^\$\{file:([^}]+)\}$/;
var EMBEDDED_REF = /\$\{(?:env|file):/;
function parseRef(value) {
  const env = ENV_REF.exec(value);
  if (env) return { ref: { kind: "env", name: env[1], text: value } };
  const file = FILE_REF.exec(value);
  if (file) {
    const path = file[1];
    if (!path.startsWith("/")) {
      return { error: `\${file:${path}} must name an absolute path (e.g. \${file:/run/secrets/slack_url}): the service's working directory is not a stable base` };
    }
    return { ref: { kind: "file", path, text: value } };
  }
  if (value.startsWith("${") && value.endsWith("}") && value.indexOf("${", 1) === -1) {
    return { error: "this looks like a secret reference but is not one: write ${env:NAME} (NAME of letters, digits and _) or ${file:/absolute/path}" };
  }
  if (EMBEDDED_REF.test(value)) {
    return { error: "a secret reference must be the whole value: ${env:\u2026} or ${file:\u2026} inside a longer string is not expanded; put the complete secret (e.g. the full URL) into the variable or file" };
  }
  return null;
}
var OUTSIDE = "EOUTSIDE";
function readSecretRef(ref, secrets2) {
  if (ref.kind === "env") {
    const value2 = secrets2.env[ref.name];
    const what2 = `environment variable ${ref.name} (from ${ref.text})`;
    if (value2 === void 0) {
      return { ok: false, marker: "unset", message: `${what2} is not set in the service's environment: export it before starting hotconf, or use \${file:/path}` };
    }
    if (value2 === "") return { ok: false, marker: "empty", message: `${what2} is empty: set it to the secret's value` };
    return { ok: true, value: value2 };
  }
  const what = `file ${ref.path} (from ${ref.text})`;
  let content;
  try {
    content = secrets2.readFile(ref.path);
  } catch (err) {
    const code = err.code;
    const reason = typeof code === "string" ? code : "EUNKNOWN";
    if (reason === OUTSIDE) return { ok: false, marker: reason, message: `${what} is not allowed: ${err.message}` };
    return { ok: false, marker: reason, message: `${what} ${describeFileError(reason)}` };
  }
  const value = content.replace(/\r?\n$/, "");
  if (value === "") return { ok: false, marker: "empty", message: `${what} is empty: write the secret into it` };
  return { ok: true, value };
}
function describeFileError(code) {
  switch (code) {
    case "ENOENT":
      return "does not exist: create it (readable by the service) or fix the path";
    case "EACCES":
    case "EPERM":
      return "cannot be read by the service (permission denied): make it readable by the user hotconf runs as";
    case "EISDIR":
    case "ENOTREG":
      return "is not a regular file: point the reference at a file that holds only the secret";
    case "EFBIG":
      return `is larger than ${MAX_SECRET_FILE_BYTES / 1024} KiB: a secret file must hold only the secret`;
    default:
      return `cannot be read (${code}): check the path and its permissions`;
  }
}
function resolveSecretRefs(raw, secrets2) {
  const errors = [];
  let resolved = raw;
  for (const segments of SECRET_SEGMENTS) {
    resolved = rewriteAt(resolved, segments, 0, [], (value, path) => {
      if (typeof value !== "string") return value;
      const parsed = parseRef(value);
      if (parsed === null) return value;
      if ("error" in parsed) {
        errors.push({ path, message: parsed.error, code: "secret_ref_invalid" });
        return value;
      }
      const result = readSecretRef(parsed.ref, secrets2);
      if (!result.ok) {
        errors.push({ path, message: result.message, code: result.marker === OUTSIDE ? "secret_file_outside" : "secret_unresolved" });
        return value;
      }
      return result.value;
    });
  }
  findMisplacedRefs(raw, [], errors);
  return { resolved, errors };
}
function findMisplacedRefs(node, path, errors) {
  if (typeof node === "string") {
    if (EMBEDDED_REF.test(node) && !isSecretPath(path)) {
      errors.push({
        path: [...path],
        code: "secret_ref_misplaced",
        message: `secret references are only resolved in secret fields (passwords, keys, tokens, webhook URLs: their hover says "Secret"); ${path.join(".") || "this value"} is not one, so the reference would be used literally`
      });
    }
    return;
  }
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      path.push(i);
      findMisplacedRefs(node[i], path, errors);
      path.pop();
    }
  } else if (isPlainObject2(node)) {
    for (const key of Object.keys(node)) {
      path.push(key);
      findMisplacedRefs(node[key], path, errors);
      path.pop();
    }
  }
}
function isSecretPath(path) {
  return SECRET_SEGMENTS.some(
    (segs) => segs.length === path.length && segs.every((s, i) => s === "*" ? typeof path[i] === "number" : s === path[i])
  );
}
function collectSecretValues(doc) {
  const values = [];
  for (const segments of SECRET_SEGMENTS) {
    rewriteAt(doc, segments, 0, [], (value) => {
      if (value instanceof PlainScalar) values.push(value.text);
      else if (value !== null && value !== void 0 && typeof value !== "object") values.push(String(value));
      return value;
    });
  }
  return values;
}
var MIN_SCRUB_LENGTH = 4;
function scrubSecrets(message, secretValues) {
  let out = message;
  for (const s of secretValues) if (s.length >= MIN_SCRUB_LENGTH && out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}
function isPlainObject2(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function rewriteAt(node, segments, i, path, fn) {
  if (i === segments.length) return fn(node, [...path]);
  const seg = segments[i];
  if (seg === "*") {
    if (!Array.isArray(node)) return node;
    let copy = null;
    for (let idx = 0; idx < node.length; idx++) {
      const item = node[idx];
      path.push(idx);
      const next2 = rewriteAt(item, segments, i + 1, path, fn);
      path.pop();
      if (next2 !== item) (copy ??= [...node])[idx] = next2;
    }
    return copy ?? node;
  }
  if (!isPlainObject2(node) || !Object.hasOwn(node, seg)) return node;
  const child = node[seg];
  path.push(seg);
  const next = rewriteAt(child, segments, i + 1, path, fn);
  path.pop();
  return next === child ? node : { ...node, [seg]: next };
}

// server/config/load.ts
function loadConfig(text, { secrets: secrets2, templates, parsed }) {
  const raw = parsed ? parsed.value : readYaml(text);
  checkTopLevel(raw, text);
  if (parsed) for (const chunk of parsed.fresh) boundExpansion(chunk.value, text, chunk.path);
  else boundExpansion(raw, text);
  const resolved = text.includes("${") ? resolveOrThrow(raw, secrets2, text) : raw;
  return { text, resolved, templateFiles: templates ? readTemplates(raw, templates, text) : [] };
}
function readTemplates(raw, source, text) {
  const globs = Array.isArray(raw.templates) ? raw.templates : [];
  if (globs.length === 0) return [];
  const { files, issues } = readTemplateFiles(globs, source, () => createLocator(text));
  if (issues.length > 0) throw configError("load_failed", "the template files of config.yaml do not load", issues);
  return files;
}
function resolveOrThrow(raw, secrets2, text) {
  const { resolved, errors } = resolveSecretRefs(raw, secrets2);
  if (errors.length === 0) return resolved;
  const locate2 = createLocator(text);
  const issues = errors.map((e) => issueAt(locate2(e.path), e.path.join("."), e.code, e.message)).sort(byPosition);
  throw configError("load_failed", "could not resolve secret references in config.yaml", issues);
}
function validateConfig(loaded) {
  const result = configSchema.safeParse(loaded.resolved);
  const templates = templateIssues(loaded.templateFiles, () => createLocator(loaded.text));
  if (result.success && templates.length === 0) return result.data;
  const secretValues = collectSecretValues(loaded.resolved);
  const schemaIssues = result.success ? [] : issuesFromZod(result.error, loaded.text, loaded.resolved);
  const issues = [...schemaIssues, ...templates].sort(byPosition).map((issue) => ({ ...issue, message: scrubSecrets(issue.message, secretValues) }));
  throw configError("validation_failed", "config.yaml is not a valid hotconf config", issues);
}
function validateTemplateFiles(loaded) {
  const issues = templateIssues(loaded.templateFiles, () => createLocator(loaded.text));
  if (issues.length > 0) throw configError("validation_failed", "config.yaml is not a valid hotconf config", issues);
}

// server/config/incremental.ts
var TOP_KEY = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:(?:[ \t]+(.*))?$/;
var ROUTES_KEY = /^routes[ \t]*:[ \t]*(?:#.*)?$/;
var ITEMIZED = /* @__PURE__ */ new Set(["receivers", "inhibit_rules"]);
var IncrementalChecker = class {
  /** The chunks of the last parse, in document order. */
  chunks = [];
  /** The root route as assembled from its chunks: its head (parsed without child routes)
   *  and children, so an unchanged assembly is the same object, and validation can take
   *  the children one by one. */
  lastRoute = null;
  routeHeads = /* @__PURE__ */ new WeakMap();
  outputs = /* @__PURE__ */ new Map();
  lastSplit = null;
  /** Counters for tests and benchmarks: how the last parse went. */
  lastParse = { chunks: 0, reused: 0, fast: false };
  load(text, secrets2, templates) {
    const parsed = this.parse(text);
    return loadConfig(text, { secrets: secrets2, ...templates ? { templates } : {}, ...parsed ? { parsed } : {} });
  }
  validate(loaded) {
    return this.validateFast(loaded) ?? validateConfig(loaded);
  }
  /** The validated config from the chunks' memoised outputs; null when the full validation
   *  must run (it locates every issue: the reload hands a large text to the parse worker
   *  first). Throws like validateConfig for the template files. */
  validateFast(loaded) {
    const fast = this.validateChunks(loaded.resolved);
    if (!fast) return null;
    validateTemplateFiles(loaded);
    return fast;
  }
  /** How many characters of `text` a load would parse anew (the chunks not cached from the
   *  last parse); null when the full parser would run. Parses nothing. */
  freshLength(text) {
    const sections = this.sectionsOf(text);
    if (!sections) return null;
    const prev = this.chunks;
    const count = sections.reduce((n, s) => n + (s.items ? s.items.length : 1) + (s.children?.length ?? 0), 0);
    const known = count === prev.length ? null : new Set(prev.map((c2) => `${c2.section}\0${c2.text}`));
    let fresh = 0;
    let i = 0;
    const visit2 = (section, source) => {
      const cached = known ? known.has(`${section}\0${source}`) : prev[i].section === section && prev[i].text === source;
      if (!cached) fresh += source.length;
      i++;
    };
    for (const s of sections) {
      if (s.items) for (const item of s.items) visit2(s.key, item);
      else {
        visit2(s.key, s.text);
        for (const child of s.children ?? []) visit2(s.key, child);
      }
    }
    return fresh;
  }
  /** The sections of `text`, or null when the full path must read it: too large or not valid
   *  Unicode (it refuses that with the place and the limit), not plainly cuttable, or no
   *  sections at all (an empty file, only comments: it says what is wrong). The last answer
   *  is kept: the reload asks freshLength, then parse, about the same text. */
  sectionsOf(text) {
    if (this.lastSplit?.text === text) return this.lastSplit.sections;
    const split = withinTextLimits(text) ? splitSections(text) : null;
    const sections = split && split.length > 0 ? split : null;
    this.lastSplit = { text, sections };
    return sections;
  }
  /** The YAML value of `text`, reusing unchanged chunks; null when the full parser must run. */
  parse(text) {
    const sections = this.sectionsOf(text);
    if (!sections) return this.miss();
    const prev = this.chunks;
    const inPlace = sections.reduce((n, s) => n + (s.items ? s.items.length : 1) + (s.children?.length ?? 0), 0) === prev.length;
    let byText = null;
    const next = [];
    const fresh = [];
    const out = {};
    const chunk = (section, source, index2, child, read) => {
      const same = prev[next.length];
      if (same && same.section === section && same.text === source) {
        next.push(same);
        return same.value;
      }
      const key = `${section}\0${source}`;
      if (!inPlace) byText ??= new Map(prev.map((c2) => [`${c2.section}\0${c2.text}`, c2.value]));
      let value;
      if (byText?.has(key)) value = byText.get(key);
      else {
        const path = index2 < 0 ? [section] : child ? [section, "routes", index2] : [section, index2];
        value = read(readYamlFragment(source, path.length - 1));
        byText?.set(key, value);
        fresh.push({ path, value });
      }
      next.push({ section, text: ownCopy(source), value });
      return value;
    };
    try {
      for (const s of sections) {
        const key = s.key;
        if (s.items) out[key] = s.items.map((item, i) => chunk(key, item, i, false, onlyItem));
        else if (s.children) {
          const head = chunk(key, s.text, -1, false, (v) => routeHead(onlyKey(v, key)));
          out[key] = this.assembleRoute(head, s.children.map((child, i) => chunk(key, child, i, true, onlyItem)));
        } else out[key] = chunk(key, s.text, -1, false, (v) => onlyKey(v, key));
      }
    } catch {
      return this.miss();
    }
    this.chunks = next;
    this.lastParse = { chunks: next.length, reused: next.length - fresh.length, fast: true };
    return { value: out, fresh };
  }
  /**
   * The validated config when every section (and item) is valid and the cross-field rules
   * hold; null otherwise — then the full schema runs, which reports every issue.
   * Outputs are memoised per input object, so unchanged chunks are not validated again.
   */
  validateChunks(resolved) {
    if (!isPlainObject3(resolved)) return null;
    for (const key of Object.keys(resolved)) if (!(key in configSections)) return null;
    const out = {};
    for (const [key, schema] of Object.entries(configSections)) {
      const value = resolved[key];
      const result = key === "receivers" ? this.items(value, receiverSchema, 1) : key === "inhibit_rules" && value !== void 0 ? this.items(value, inhibitRuleSchema, 0) : key === "route" ? this.route(value) : this.one(schema, value);
      if (result === FAIL) return null;
      if (result !== void 0) out[key] = result;
    }
    if (crossFieldIssues(out).length > 0) return null;
    return out;
  }
  /** The root route from its head and children: the same object as last time when none of
   *  them changed (so its validated output is reused whole). */
  assembleRoute(head, children) {
    const last = this.lastRoute;
    if (last && last.head === head && last.children.length === children.length && last.children.every((c2, i) => c2 === children[i])) return last.value;
    const value = { ...head, routes: children };
    this.routeHeads.set(value, head);
    this.lastRoute = { head, children, value };
    return value;
  }
  /** The validated root route: its head and each child validated (and memoised) on their own. */
  route(value) {
    const head = isPlainObject3(value) ? this.routeHeads.get(value) : void 0;
    if (!head) return this.one(routeSchema, value);
    const memo = this.memo(routeSchema);
    if (memo.has(value)) return memo.get(value);
    const headOut = this.one(routeSchema, head);
    if (headOut === FAIL) return FAIL;
    const children = this.items(value.routes, routeSchema, 0);
    if (children === FAIL) return FAIL;
    const out = { ...headOut, routes: children };
    memo.set(value, out);
    return out;
  }
  items(value, schema, min) {
    if (!Array.isArray(value) || value.length < min) return FAIL;
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const r = this.one(schema, value[i]);
      if (r === FAIL) return FAIL;
      out[i] = r;
    }
    return out;
  }
  one(schema, value) {
    const memo = value !== null && typeof value === "object" ? this.memo(schema) : null;
    if (memo?.has(value)) return memo.get(value);
    const r = schema.safeParse(value);
    if (!r.success) return FAIL;
    memo?.set(value, r.data);
    return r.data;
  }
  memo(schema) {
    let m = this.outputs.get(schema);
    if (!m) this.outputs.set(schema, m = /* @__PURE__ */ new WeakMap());
    return m;
  }
  miss() {
    this.lastParse = { chunks: 0, reused: 0, fast: false };
    this.chunks = [];
    return null;
  }
};
var FAIL = /* @__PURE__ */ Symbol("invalid");
function splitSections(text) {
  if (text.includes("&") || text.includes("	") || text.includes("\r")) return null;
  const found = [];
  const seen = /* @__PURE__ */ new Set();
  let last;
  for (let pos = 0; pos < text.length; ) {
    const eol = lineEnd(text, pos);
    const c2 = text.charCodeAt(pos);
    if (pos === eol || c2 === HASH2) {
    } else if (c2 === SPACE2) {
      if (!last && !isBlankOrComment(text, pos, eol)) return null;
    } else if (c2 === DASH && last && !last.inline && !text.startsWith("---", pos)) {
    } else {
      const m = TOP_KEY.exec(text.slice(pos, eol));
      if (!m || seen.has(m[1])) return null;
      seen.add(m[1]);
      const rest = (m[2] ?? "").trim();
      if (last) last.end = pos - 1;
      last = { key: m[1], start: pos, body: Math.min(eol + 1, text.length), end: text.length, inline: rest !== "" && !rest.startsWith("#") };
      found.push(last);
    }
    pos = last ? nextShallowLine(text, 0, eol + 1, text.length) : eol + 1;
  }
  return found.map((s) => {
    const items = !s.inline && ITEMIZED.has(s.key) ? splitItems(text, s.body, s.end) : null;
    if (items) return { key: s.key, text: null, items };
    const route = !s.inline && s.key === "route" ? splitRoute(text, s.start, s.body, s.end) : null;
    if (route) return { key: s.key, text: route.head, items: null, children: route.children };
    return { key: s.key, text: text.slice(s.start, s.end), items: null };
  });
}
function splitRoute(text, start, body, end) {
  let pos = body;
  while (pos < end && isBlankOrComment(text, pos, lineEnd(text, pos))) pos = lineEnd(text, pos) + 1;
  if (pos >= end) return null;
  const indent = indentOf(text, pos);
  if (indent === 0) return null;
  for (; pos < end; pos = nextShallowLine(text, indent, lineEnd(text, pos) + 1, end)) {
    const eol = lineEnd(text, pos);
    if (indentOf(text, pos) !== indent || !ROUTES_KEY.test(text.slice(pos + indent, eol))) continue;
    const blockStart = Math.min(eol + 1, end);
    let blockEnd = end;
    for (let q = nextShallowLine(text, indent, blockStart, end); q < end; q = nextShallowLine(text, indent, lineEnd(text, q) + 1, end)) {
      if (!isItemStart(text, q, indent)) {
        blockEnd = q;
        break;
      }
    }
    const children = splitItems(text, blockStart, blockEnd === end ? end : blockEnd - 1);
    if (!children) return null;
    return { head: text.slice(start, blockStart) + text.slice(blockEnd, end), children };
  }
  return null;
}
function splitItems(text, from, to) {
  let pos = from;
  while (pos < to && isBlankOrComment(text, pos, lineEnd(text, pos))) pos = lineEnd(text, pos) + 1;
  if (pos >= to) return null;
  const indent = indentOf(text, pos);
  if (!isItemStart(text, pos, indent)) return null;
  const starts = [pos];
  for (let q = nextShallowLine(text, indent, lineEnd(text, pos) + 1, to); q < to; q = nextShallowLine(text, indent, lineEnd(text, q) + 1, to)) {
    if (!isItemStart(text, q, indent)) return null;
    starts.push(q);
  }
  return starts.map((start, k) => text.slice(start, k + 1 < starts.length ? starts[k + 1] - 1 : to));
}
var SPACE2 = 32;
var HASH2 = 35;
var DASH = 45;
var NEWLINE = 10;
var shallowLines = /* @__PURE__ */ new Map();
function nextShallowLine(text, indent, from, to) {
  let re = shallowLines.get(indent);
  if (!re) shallowLines.set(indent, re = new RegExp(`\\n {0,${indent}}(?! )`, "g"));
  re.lastIndex = from - 1;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index + 1;
    if (start >= to) return to;
    const first = text.charCodeAt(m.index + m[0].length);
    if (first === NEWLINE || first === HASH2 || Number.isNaN(first)) continue;
    return start;
  }
  return to;
}
function lineEnd(text, pos) {
  const eol = text.indexOf("\n", pos);
  return eol === -1 ? text.length : eol;
}
function indentOf(text, pos) {
  let n = 0;
  while (text[pos + n] === " ") n++;
  return n;
}
function isBlankOrComment(text, pos, eol) {
  const first = pos + indentOf(text, pos);
  return first >= eol || text[first] === "#";
}
function isItemStart(text, pos, indent) {
  return indentOf(text, pos) === indent && text[pos + indent] === "-" && isDashEnd(text[pos + indent + 1]);
}
function isDashEnd(after) {
  return after === void 0 || after === " " || after === "\n";
}
function ownCopy(text) {
  return (text + " ").slice(0, -1);
}
function onlyItem(v) {
  if (!Array.isArray(v) || v.length !== 1) throw new Error("not a single item");
  return v[0];
}
function routeHead(v) {
  if (!isPlainObject3(v) || !("routes" in v) || v.routes !== null) throw new Error("not a route head");
  return v;
}
function onlyKey(v, key) {
  if (!isPlainObject3(v)) throw new Error("not a mapping");
  const keys = Object.keys(v);
  if (keys.length !== 1 || keys[0] !== key) throw new Error("not a single section");
  return v[key];
}
function isPlainObject3(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

// ../../tmp/inc/inc.ts
var texts = [readFileSync("/tmp/inc/a.yaml", "utf8"), readFileSync("/tmp/inc/b.yaml", "utf8")];
var secrets = { env: process.env, readFile: (p) => readFileSync(p, "utf8") };
var c = new IncrementalChecker();
var t = { fresh: 0, load: 0, validate: 0, cross: 0 };
var N = +(process.argv[2] ?? 400);
for (let i = 0; i < N + 50; i++) {
  const text = texts[i & 1];
  const t0 = performance.now();
  c.freshLength(text);
  const t1 = performance.now();
  const loaded = c.load(text, secrets);
  const t2 = performance.now();
  const v = c.validate(loaded);
  const t3 = performance.now();
  crossFieldIssues(v);
  const t4 = performance.now();
  if (i >= 50) {
    t.fresh += t1 - t0;
    t.load += t2 - t1;
    t.validate += t3 - t2;
    t.cross += t4 - t3;
  }
}
console.log(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, (v / N).toFixed(3)])), c.lastParse);
