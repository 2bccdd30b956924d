// Incremental load and validate for the reload hot path.
//
// A reload usually changes a few lines of a large file (one receiver's URL). Parsing the
// whole 200 KB document with js-yaml costs ~6 ms and validating it with zod ~2 ms, which is
// most of a reload. So the coordinator (and the editor's worker, between keystrokes) keeps
// an IncrementalChecker: its state is the chunks of the last text it read. The document is cut into
// *chunks* — each top-level section, and each item of a top-level block sequence
// (receivers, inhibit_rules) — and a chunk whose text is unchanged since the last load
// reuses its parsed value, and that value's validated output. Only changed chunks are parsed
// and validated; the cross-field rules then run on the whole.
//
// Correctness rule: the fast path either produces exactly what the full path would, or
// steps aside (returns null) and the full path runs. It steps aside for anything that
// makes chunks depend on each other or that it does not recognise: anchors (`&`), document
// markers and directives, tabs or CR line ends, complex or quoted top-level keys, duplicate
// top-level keys, any chunk that fails to parse, and any validation problem at all (errors
// are located by the full path, with every issue, as before).
import type { z } from 'zod';
import { type ConfigChecker, type LoadedConfig, addTemplateWarnings, loadConfig, validateConfig, validateTemplateFiles } from './load';
import { readYamlFragment, withinTextLimits } from './read-yaml';
import { CrossFieldMemo, crossFieldIssues } from './cross-field';
import { type Config, configSections, inhibitRuleSchema, receiverSchema, routeSchema } from './schema';
import type { SecretSource } from './secrets';
import type { TemplateSource } from './templates';

const TOP_KEY = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:(?:[ \t]+(.*))?$/;
/** The root route's `routes:` key with its list below it (nothing but a comment after it). */
const ROUTES_KEY = /^routes[ \t]*:[ \t]*(?:#.*)?$/;
/** Top-level sequences split into items; every other section is one chunk. */
const ITEMIZED = new Set(['receivers', 'inhibit_rules']);

interface Section {
  key: string;
  /** The whole section's text (one chunk), or null when it is itemized. */
  text: string | null;
  items: string[] | null;
  /** `route` only: the root route's child routes, each a chunk of its own; `text` is then
   *  the root route without them (its `routes:` key left with no value). */
  children?: string[];
  /** Where the items (or the child routes) start, relative to the section's first character,
   *  and where the last one ends: what resplit needs to cut one of them again. */
  list?: ItemList;
  /** `route` with children: its settings' indent, where its `routes:` line starts and where
   *  the children's block starts (the line after), relative. */
  route?: { indent: number; routesLine: number; blockStart: number };
}

interface ItemList {
  indent: number;
  starts: number[];
  end: number;
}

interface CachedChunk {
  section: string;
  text: string;
  value: unknown;
}

export interface FreshChunk {
  /** Where the chunk's value sits in the document: [section] or [section, item index]. */
  path: (string | number)[];
  value: unknown;
}

export interface IncrementalParse {
  value: Record<string, unknown>;
  /** The chunks parsed this time (the rest came from the cache), where they sit. */
  fresh: FreshChunk[];
}

/**
 * A ConfigChecker that remembers the chunks of the last text it loaded and the validated
 * output of every chunk value it validated. One per caller that checks a text over and over
 * (the coordinator, the editor's worker); its answers are loadConfig's and validateConfig's.
 */
export class IncrementalChecker implements ConfigChecker {
  /** The chunks of the last parse, in document order. */
  private chunks: CachedChunk[] = [];
  /** The root route as assembled from its chunks: its head (parsed without child routes)
   *  and children, so an unchanged assembly is the same object, and validation can take
   *  the children one by one. */
  private lastRoute: { head: unknown; children: unknown[]; value: Record<string, unknown> } | null = null;
  private readonly routeHeads = new WeakMap<object, Record<string, unknown>>();
  private readonly outputs = new Map<z.ZodType, WeakMap<object, unknown>>();
  /** The last text cut, and how (null: it was not plainly cuttable). */
  private lastSplit: { text: string; split: Split | null } | null = null;
  /** The list last read for each itemized section (and the root route's children): a list
   *  whose items are all the very same values is handed back as the same array, so an
   *  unchanged section's validation and cross-field checks are found whole, not item by item. */
  private stableLists = new Map<string, unknown[]>();
  private readonly crossField = new CrossFieldMemo();
  /** The last list validated with each item schema, and its output (items()). */
  private readonly lastValidated = new Map<z.ZodType, { input: unknown[]; output: unknown[] }>();
  /** Counters for tests and benchmarks: how the last parse went. */
  lastParse = { chunks: 0, reused: 0, fast: false };

  load(text: string, secrets: SecretSource, templates?: TemplateSource): LoadedConfig {
    const parsed = this.parse(text);
    return loadConfig(text, { secrets, ...(templates ? { templates } : {}), ...(parsed ? { parsed } : {}) });
  }

  validate(loaded: LoadedConfig): Config {
    return this.validateFast(loaded) ?? validateConfig(loaded);
  }

  /** The validated config from the chunks' memoised outputs; null when the full validation
   *  must run (it locates every issue: the reload hands a large text to the parse worker
   *  first). Throws like validateConfig for the template files, and warns like it. */
  validateFast(loaded: LoadedConfig): Config | null {
    const fast = this.validateChunks(loaded.resolved);
    if (!fast) return null;
    validateTemplateFiles(loaded);
    addTemplateWarnings(loaded, fast);
    return fast;
  }

  /** How many characters of `text` a load would parse anew (the chunks not cached from the
   *  last parse); null when the full parser would run. Parses nothing. */
  freshLength(text: string): number | null {
    const sections = this.sectionsOf(text);
    if (!sections) return null;
    const prev = this.chunks;
    const count = sections.reduce((n, s) => n + (s.items ? s.items.length : 1) + (s.children?.length ?? 0), 0);
    // As in parse: the same number of chunks is an edit in place, compared one by one.
    const known = count === prev.length ? null : new Set(prev.map((c) => `${c.section}\0${c.text}`));
    let fresh = 0;
    let i = 0;
    const visit = (section: string, source: string): void => {
      const cached = known ? known.has(`${section}\0${source}`) : prev[i]!.section === section && prev[i]!.text === source;
      if (!cached) fresh += source.length;
      i++;
    };
    for (const s of sections) {
      if (s.items) for (const item of s.items) visit(s.key, item);
      else {
        visit(s.key, s.text!);
        for (const child of s.children ?? []) visit(s.key, child);
      }
    }
    return fresh;
  }

  /** The sections of `text`, or null when the full path must read it: too large or not valid
   *  Unicode (it refuses that with the place and the limit), not plainly cuttable, or no
   *  sections at all (an empty file, only comments: it says what is wrong). The last answer
   *  is kept: the reload asks freshLength, then parse, about the same text; the next text is
   *  cut against it (resplit). */
  private sectionsOf(text: string): Section[] | null {
    const last = this.lastSplit;
    if (last?.text === text) return nonEmpty(last.split);
    const split = withinTextLimits(text) ? ((last?.split ? resplit(last.split, text) : null) ?? splitText(text)) : null;
    this.lastSplit = { text, split };
    return nonEmpty(split);
  }

  /** The YAML value of `text`, reusing unchanged chunks; null when the full parser must run. */
  parse(text: string): IncrementalParse | null {
    const sections = this.sectionsOf(text);
    if (!sections) return this.miss();
    const prev = this.chunks;
    // Same number of chunks: an edit in place, so a chunk is either where it was or changed
    // (a string compare each, no hashing). Otherwise chunks moved: look them up by text.
    const inPlace = sections.reduce((n, s) => n + (s.items ? s.items.length : 1) + (s.children?.length ?? 0), 0) === prev.length;
    let byText: Map<string, unknown> | null = null;
    const next: CachedChunk[] = [];
    const fresh: FreshChunk[] = [];
    const out: Record<string, unknown> = {};
    // Runs for every chunk of every reload (2,000 in a 1,000-receiver file): an unchanged
    // chunk allocates nothing and keeps its cache entry, so the entries age out of the young
    // generation instead of being copied by every scavenge (bench/reload realworld: 1.8 MB
    // allocated per reload, a 2–6 ms scavenge every ~10 reloads, which set the p95).
    // `index`: the item's place in its section, or the child route's under `routes` (`child`); -1 for a whole section.
    const chunk = (section: string, source: string, index: number, child: boolean, read: (v: unknown) => unknown): unknown => {
      const same = prev[next.length];
      // A chunk of a section the last cut kept (resplit) is the cache's own string: the
      // compare is a pointer compare.
      if (same && same.section === section && same.text === source) {
        next.push(same);
        return same.value;
      }
      const key = `${section}\0${source}`;
      if (!inPlace) byText ??= new Map(prev.map((c) => [`${c.section}\0${c.text}`, c.value]));
      let value: unknown;
      if (byText?.has(key)) value = byText.get(key);
      else {
        const path = index < 0 ? [section] : child ? [section, 'routes', index] : [section, index];
        // The fragment's root stands for the collection holding the chunk: one level above it.
        value = read(readYamlFragment(source, path.length - 1));
        byText?.set(key, value);
        fresh.push({ path, value });
      }
      // A copy, not a slice: a slice would keep this whole text alive for as long as the
      // chunk stays unchanged, one old text per reload that changed something.
      next.push({ section, text: ownCopy(source), value });
      return value;
    };
    try {
      for (const s of sections) {
        const key = s.key;
        if (s.items) out[key] = this.stableList(key, s.items.map((item, i) => chunk(key, item, i, false, onlyItem)));
        else if (s.children) {
          const head = chunk(key, s.text!, -1, false, (v) => routeHead(onlyKey(v, key)));
          out[key] = this.assembleRoute(head as Record<string, unknown>, this.stableList(`${key}.routes`, s.children.map((child, i) => chunk(key, child, i, true, onlyItem))));
        } else out[key] = chunk(key, s.text!, -1, false, (v) => onlyKey(v, key));
      }
    } catch {
      return this.miss();
    }
    this.chunks = next;
    this.adoptChunkTexts(sections, next);
    this.lastParse = { chunks: next.length, reused: next.length - fresh.length, fast: true };
    return { value: out, fresh };
  }

  /**
   * The validated config when every section (and item) is valid and the cross-field rules
   * hold; null otherwise — then the full schema runs, which reports every issue.
   * Outputs are memoised per input object, so unchanged chunks are not validated again.
   */
  private validateChunks(resolved: unknown): Config | null {
    if (!isPlainObject(resolved)) return null;
    for (const key of Object.keys(resolved)) if (!(key in configSections)) return null;
    const out: Record<string, unknown> = {};
    for (const [key, schema] of Object.entries(configSections) as [keyof typeof configSections, z.ZodType][]) {
      const value = resolved[key];
      const result =
        key === 'receivers'
          ? this.items(value, receiverSchema, 1)
          : key === 'inhibit_rules' && value !== undefined
            ? this.items(value, inhibitRuleSchema, 0)
            : key === 'route'
              ? this.route(value)
              : this.one(schema, value);
      if (result === FAIL) return null;
      if (result !== undefined) out[key] = result;
    }
    if (crossFieldIssues(out, this.crossField).length > 0) return null;
    return out as Config;
  }

  /**
   * The split's chunk texts become the cached chunks' own copies (the same characters): a
   * section the next text leaves alone is then handed back (resplit) holding the very strings
   * the cache compares with, so each of its chunks is found by a pointer compare, and the
   * split holds no slice of this text once it is replaced.
   */
  private adoptChunkTexts(sections: Section[], chunks: CachedChunk[]): void {
    let j = 0;
    for (const s of sections) {
      if (s.items) for (let i = 0; i < s.items.length; i++) s.items[i] = chunks[j++]!.text;
      else {
        s.text = chunks[j++]!.text;
        if (s.children) for (let i = 0; i < s.children.length; i++) s.children[i] = chunks[j++]!.text;
      }
    }
  }

  /** `values`, or the list last read for `key` when it holds the very same values. */
  private stableList(key: string, values: unknown[]): unknown[] {
    const last = this.stableLists.get(key);
    if (last && last.length === values.length && last.every((v, i) => v === values[i])) return last;
    this.stableLists.set(key, values);
    return values;
  }

  /** The root route from its head and children (a stable list): the same object as last time
   *  when none of them changed (so its validated output is reused whole). */
  private assembleRoute(head: Record<string, unknown>, children: unknown[]): Record<string, unknown> {
    const last = this.lastRoute;
    if (last && last.head === head && last.children === children) return last.value;
    // `routes` keeps its place among the keys (the head has it, with no value).
    const value = { ...head, routes: children };
    this.routeHeads.set(value, head);
    this.lastRoute = { head, children, value };
    return value;
  }

  /** The validated root route: its head and each child validated (and memoised) on their own. */
  private route(value: unknown): unknown {
    const head = isPlainObject(value) ? this.routeHeads.get(value) : undefined;
    if (!head) return this.one(routeSchema, value);
    const memo = this.memo(routeSchema);
    const known = memo.get(value as object);
    if (known !== undefined) return known;
    const headOut = this.one(routeSchema, head);
    if (headOut === FAIL) return FAIL;
    const children = this.items((value as Record<string, unknown>).routes, routeSchema, 0);
    if (children === FAIL) return FAIL;
    const out = { ...(headOut as Record<string, unknown>), routes: children };
    memo.set(value as object, out);
    return out;
  }

  private items(value: unknown, schema: z.ZodType, min: number): unknown {
    if (!Array.isArray(value) || value.length < min) return FAIL;
    // The list itself first: an unchanged section is the same array as last time (stableList).
    const memo = this.memo(schema);
    const whole = memo.get(value);
    if (whole !== undefined) return whole;
    // Then item by item: a changed list is mostly items validated before. An item where the
    // last list of this schema had the very same one takes its output from there (a pointer
    // compare); any other is looked up in the memo, or validated.
    const last = this.lastValidated.get(schema);
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const r = last && last.input[i] === value[i] ? last.output[i] : this.validated(memo, schema, value[i]);
      if (r === FAIL) return FAIL;
      out[i] = r;
    }
    memo.set(value, out);
    this.lastValidated.set(schema, { input: value, output: out });
    return out;
  }

  private one(schema: z.ZodType, value: unknown): unknown {
    return this.validated(this.memo(schema), schema, value);
  }

  /** `value`'s validated output, memoised when it is an object or absent (outputs of those
   *  are never undefined). An absent section's defaults are then the same object on every
   *  reload, like an unchanged one's: the cross-field memo sees it unchanged. */
  private validated(memo: WeakMap<object, unknown>, schema: z.ZodType, value: unknown): unknown {
    const key = value !== null && typeof value === 'object' ? value : value === undefined ? ABSENT : null;
    if (key) {
      const known = memo.get(key);
      if (known !== undefined) return known;
    }
    const r = schema.safeParse(value);
    if (!r.success) return FAIL;
    if (key) memo.set(key, r.data);
    return r.data;
  }

  private memo(schema: z.ZodType): WeakMap<object, unknown> {
    let m = this.outputs.get(schema);
    if (!m) this.outputs.set(schema, (m = new WeakMap()));
    return m;
  }

  private miss(): null {
    this.lastParse = { chunks: 0, reused: 0, fast: false };
    this.chunks = [];
    this.stableLists.clear();
    return null;
  }
}

const FAIL = Symbol('invalid');
/** The memo key of an absent section (or item): its output is the schema's defaults. */
const ABSENT = {};

function nonEmpty(split: Split | null): Section[] | null {
  return split && split.sections.length > 0 ? split.sections : null;
}

/**
 * Cuts the document into sections and items; null when it is not plainly cuttable.
 * Works on line offsets (no array of lines, no joins): it runs on every reload.
 */
export function splitSections(text: string): Section[] | null {
  return splitText(text)?.sections ?? null;
}

/** A text cut into sections, with where each starts: what the next text is cut against. */
export interface Split {
  text: string;
  sections: Section[];
  /** Each section's first character (its key line), then the text's length. */
  starts: number[];
}

/** A top-level key line and the section it starts: text[start, end), its body from `body`. */
interface TopKey {
  key: string;
  start: number;
  body: number;
  end: number;
  /** The key has its value on its own line (`templates: [a.tmpl]`): not cut further. */
  inline: boolean;
}

export function splitText(text: string): Split | null {
  if (text.includes('&') || text.includes('\t') || text.includes('\r')) return null;
  const found = topLevelKeys(text, 0, text.length);
  if (!found) return null;
  return { text, sections: found.map((f) => sectionOf(text, f)), starts: [...found.map((f) => f.start), text.length] };
}

/**
 * The split of `text` from the split of the text before it, when they differ inside one
 * section: the others are the same text (before the edit, or after it, moved by the change
 * in length) and are kept. Of that section, only the piece the edit lies in is read again
 * when it can be (one item, one child route, the root route's settings: resplitPiece), else
 * the whole section, after the same reading of its lines as a whole cut would make (its key
 * line first, no other top-level key). Exactly splitText's answer, or null (then splitText
 * runs): the edit spans sections, or changes which lines are top-level keys. A one-receiver
 * edit of a 1,000-receiver file cut the whole text anew (~0.25 ms); now it costs one compare
 * of the two texts (~0.03 ms) and one receiver.
 */
export function resplit(prev: Split, text: string): Split | null {
  const old = prev.text;
  const delta = text.length - old.length;
  const prefix = commonPrefixLength(old, text);
  const oldEnd = old.length - commonSuffixLength(old, text, Math.min(old.length, text.length) - prefix);
  // The edit: old[prefix, oldEnd) became text[prefix, oldEnd + delta).
  let k = -1;
  for (let i = 0; i < prev.sections.length && k < 0; i++) if (prev.starts[i]! <= prefix && oldEnd <= prev.starts[i + 1]!) k = i;
  if (k < 0) return null;
  const edited = text.slice(prefix, oldEnd + delta);
  if (edited.includes('&') || edited.includes('\t') || edited.includes('\r')) return null;
  const start = prev.starts[k]!;
  const next = prev.starts[k + 1]! + delta;
  // The next section's key line is the same text; it must also still begin a line (an edit
  // at its very start, indenting it, would make it part of this section).
  if (next < text.length && text.charCodeAt(next - 1) !== NEWLINE) return null;
  const section = resplitPiece(prev.sections[k]!, text, start, prefix - start, oldEnd - start, delta) ?? resplitSection(prev.sections[k]!, text, start, next);
  if (!section) return null;
  const sections = prev.sections.slice();
  sections[k] = section;
  return { text, sections, starts: prev.starts.map((x, i) => (i <= k ? x : x + delta)) };
}

/** The section at text[start, next) read again whole, as splitText reads it: null when it no
 *  longer is one section under the same key. */
function resplitSection(old: Section, text: string, start: number, next: number): Section | null {
  const found = topLevelKeys(text, start, next);
  if (found?.length !== 1 || found[0]!.start !== start || found[0]!.key !== old.key) return null;
  return sectionOf(text, found[0]!);
}

/**
 * The section with an edit at [from, to) (relative to its start at `base`; `delta`: the change
 * in length) when the edit lies inside one item of its list (a receiver, an inhibit rule, a
 * child route) or inside the root route's settings above its `routes:` line: only that piece
 * is read again. Null when it lies elsewhere or changes the cut (a new item, another indent, a
 * line that would end the list): then the whole section is read.
 */
function resplitPiece(old: Section, text: string, base: number, from: number, to: number, delta: number): Section | null {
  const list = old.list;
  if (!list) return null;
  const j = lastAtOrBefore(list.starts, from);
  if (j >= 0) {
    // An item runs to the newline before the next one (the last: to the list's end).
    const itemEnd = j + 1 < list.starts.length ? list.starts[j + 1]! - 1 : list.end;
    if (to <= itemEnd) return resplitItem(old, list, j, text, base + list.starts[j]!, base + itemEnd + delta, delta);
  }
  if (old.route && to <= old.route.routesLine) return resplitRouteHead(old, old.route, text, base, delta);
  return null;
}

/** Item `j` is now text[from, to): still exactly one item of the list's indent, or null. A line
 *  there that would be another item, or end the list (or the section), makes it null. */
function resplitItem(old: Section, list: ItemList, j: number, text: string, from: number, to: number, delta: number): Section | null {
  const cut = splitItems(text, from, to);
  if (cut?.items.length !== 1 || cut.starts[0] !== from || cut.indent !== list.indent) return null;
  const pieces = (old.items ?? old.children)!.slice();
  pieces[j] = cut.items[0]!;
  const moved: ItemList = { indent: list.indent, starts: list.starts.map((x, i) => (i <= j ? x : x + delta)), end: list.end + delta };
  return old.items ? { ...old, items: pieces, list: moved } : { ...old, children: pieces, list: moved };
}

/**
 * The root route's settings above its `routes:` line were edited: splitRoute would still find
 * the same `routes:` line (the first at the settings' indent) when the lines above it keep
 * that indent and hold no other `routes:` key, and no line there became a top-level key.
 * The children and what follows them are the same text, moved by `delta`.
 */
function resplitRouteHead(old: Section, route: NonNullable<Section['route']>, text: string, base: number, delta: number): Section | null {
  const routesLine = base + route.routesLine + delta;
  if (text.charCodeAt(routesLine - 1) !== NEWLINE) return null;
  const found = topLevelKeys(text, base, routesLine);
  if (found?.length !== 1 || found[0]!.start !== base || found[0]!.key !== 'route' || found[0]!.inline) return null;
  // splitRoute's own search, through the (unchanged) `routes:` line: it must find that line.
  const routes = routesLineOf(text, found[0]!.body, routesLine + 1);
  if (routes?.pos !== routesLine || routes.indent !== route.indent) return null;
  const blockStart = route.blockStart + delta;
  return {
    ...old,
    text: text.slice(base, base + blockStart) + old.text!.slice(route.blockStart),
    list: { ...old.list!, starts: old.list!.starts.map((x) => x + delta), end: old.list!.end + delta },
    route: { ...route, routesLine: route.routesLine + delta, blockStart },
  };
}

/** The index of the last of the ascending `xs` at or before `x`; -1 when none is. */
function lastAtOrBefore(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Compared a block at a time first: a string compare runs at memory speed, a loop over
 *  characters does not. */
const COMPARE_BLOCK = 4096;

function commonPrefixLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let n = 0;
  while (n + COMPARE_BLOCK <= max && a.slice(n, n + COMPARE_BLOCK) === b.slice(n, n + COMPARE_BLOCK)) n += COMPARE_BLOCK;
  while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** The characters `a` and `b` end with alike, at most `max`. */
function commonSuffixLength(a: string, b: string, max: number): number {
  let n = 0;
  while (n + COMPARE_BLOCK <= max && a.slice(a.length - n - COMPARE_BLOCK, a.length - n) === b.slice(b.length - n - COMPARE_BLOCK, b.length - n)) n += COMPARE_BLOCK;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/**
 * The top-level keys of the lines in text[from, to) (`to`: the text's end or the start of a
 * line), each key's section running to the next key (or to `to`). Null when a line there is
 * not plainly ours: indented content before any key, a column-0 line that is not a key (a
 * document marker, a flow value), or a key seen before.
 */
function topLevelKeys(text: string, from: number, to: number): TopKey[] | null {
  const found: TopKey[] = [];
  const seen = new Set<string>();
  let last: TopKey | undefined;
  for (let pos = from; pos < to; ) {
    const eol = lineEnd(text, pos);
    const c = text.charCodeAt(pos);
    if (pos === eol || c === HASH) {
      // blank line or comment
    } else if (c === SPACE) {
      // Indented content belongs to the section above; before any section it is not ours to read.
      if (!last && !isBlankOrComment(text, pos, eol)) return null;
    } else if (c === DASH && last && !last.inline && !text.startsWith('---', pos)) {
      // a `- item` of a sequence written at column 0
    } else {
      const m = TOP_KEY.exec(text.slice(pos, eol));
      if (!m || seen.has(m[1]!)) return null;
      seen.add(m[1]!);
      const rest = (m[2] ?? '').trim();
      if (last) last.end = pos - 1;
      // The last section ends with the text, or before the newline that ends it.
      last = { key: m[1]!, start: pos, body: Math.min(eol + 1, text.length), end: to === text.length ? to : to - 1, inline: rest !== '' && !rest.startsWith('#') };
      found.push(last);
    }
    pos = eol + 1;
  }
  return found;
}

function sectionOf(text: string, s: TopKey): Section {
  const items = !s.inline && ITEMIZED.has(s.key) ? splitItems(text, s.body, s.end) : null;
  if (items) return { key: s.key, text: null, items: items.items, list: relativeList(items, s.start, s.end) };
  const route = !s.inline && s.key === 'route' ? splitRoute(text, s.start, s.body, s.end) : null;
  if (route) return { key: s.key, text: route.head, items: null, children: route.children, list: route.list, route: { indent: route.indent, routesLine: route.routesLine, blockStart: route.blockStart } };
  return { key: s.key, text: text.slice(s.start, s.end), items: null };
}

/**
 * The root route's block `routes:` list cut out of its section: the head (the section with
 * the list's lines removed, `routes:` left with no value) and each child route's text.
 * Null when the route has no such list written in block style directly under it.
 */
function splitRoute(text: string, start: number, body: number, end: number): { head: string; children: string[]; list: ItemList; routesLine: number; blockStart: number; indent: number } | null {
  const found = routesLineOf(text, body, end);
  if (!found) return null;
  const { pos, eol, indent } = found;
  const blockStart = Math.min(eol + 1, end);
  // The list ends at the route's next key (or less indented content), or with the section.
  let blockEnd = end;
  for (let q = blockStart; q < end; q = lineEnd(text, q) + 1) {
    const lead = leadUpTo(text, q, indent);
    if (lead > indent || isBlankOrCommentAt(text, q + lead)) continue;
    if (lead < indent || !isDashAt(text, q + lead)) {
      blockEnd = q;
      break;
    }
  }
  const listEnd = blockEnd === end ? end : blockEnd - 1;
  const children = splitItems(text, blockStart, listEnd);
  if (!children) return null;
  return { head: text.slice(start, blockStart) + text.slice(blockEnd, end), children: children.items, list: relativeList(children, start, listEnd), routesLine: pos - start, blockStart: blockStart - start, indent };
}

/** The root route's `routes:` line in its body text[body, end): the first line at the indent
 *  of the body's first line (its settings' indent, not 0) that is that key. */
function routesLineOf(text: string, body: number, end: number): { pos: number; eol: number; indent: number } | null {
  let pos = body;
  while (pos < end && isBlankOrComment(text, pos, lineEnd(text, pos))) pos = lineEnd(text, pos) + 1;
  if (pos >= end) return null;
  const indent = indentOf(text, pos);
  if (indent === 0) return null;
  for (; pos < end; pos = lineEnd(text, pos) + 1) {
    const eol = lineEnd(text, pos);
    if (isBlankOrComment(text, pos, eol) || indentOf(text, pos) !== indent) continue;
    if (ROUTES_KEY.test(text.slice(pos + indent, eol))) return { pos, eol, indent };
  }
  return null;
}

/** The items of a block sequence written in text[from, to), where each starts and their
 *  indent; null if it is not one. */
function splitItems(text: string, from: number, to: number): { items: string[]; starts: number[]; indent: number } | null {
  let pos = from;
  while (pos < to && isBlankOrComment(text, pos, lineEnd(text, pos))) pos = lineEnd(text, pos) + 1;
  if (pos >= to) return null;
  const indent = indentOf(text, pos);
  if (!isItemStart(text, pos, indent)) return null;
  const starts: number[] = [];
  for (; pos < to; pos = lineEnd(text, pos) + 1) {
    const lead = leadUpTo(text, pos, indent);
    if (lead > indent) continue; // a deeper line: part of the item above
    if (lead === indent && isDashAt(text, pos + lead)) starts.push(pos);
    // Anything but a blank line or a comment would end the sequence here.
    else if (!isBlankOrCommentAt(text, pos + lead)) return null;
  }
  return { items: starts.map((start, k) => text.slice(start, k + 1 < starts.length ? starts[k + 1]! - 1 : to)), starts, indent };
}

/** A list's item starts made relative to `base`. */
function relativeList(list: { starts: number[]; indent: number }, base: number, end: number): ItemList {
  return { indent: list.indent, starts: list.starts.map((x) => x - base), end: end - base };
}

function lineEnd(text: string, pos: number): number {
  const eol = text.indexOf('\n', pos);
  return eol === -1 ? text.length : eol;
}

const SPACE = 0x20;
const HASH = 0x23;
const DASH = 0x2d;
const NEWLINE = 0x0a;

/** The leading spaces of the line at `pos`, counted up to `max + 1` (enough to tell deeper
 *  from not): the loops over every line of a large file read only that far. */
function leadUpTo(text: string, pos: number, max: number): number {
  let n = 0;
  while (n <= max && text.charCodeAt(pos + n) === SPACE) n++;
  return n;
}

/** Whether the line goes blank or turns into a comment at `at` (its first non-space). */
function isBlankOrCommentAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c === NEWLINE || c === HASH || Number.isNaN(c);
}

/** `-` at `at`, followed by a space, the end of the line or the end of the text. */
function isDashAt(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== DASH) return false;
  const after = text.charCodeAt(at + 1);
  return after === SPACE || after === NEWLINE || Number.isNaN(after);
}

function indentOf(text: string, pos: number): number {
  let n = 0;
  while (text[pos + n] === ' ') n++;
  return n;
}

function isBlankOrComment(text: string, pos: number, eol: number): boolean {
  const first = pos + indentOf(text, pos);
  return first >= eol || text[first] === '#';
}

/** `<indent spaces>-` followed by a space or the end of the line. */
function isItemStart(text: string, pos: number, indent: number): boolean {
  return leadUpTo(text, pos, indent) === indent && isDashAt(text, pos + indent);
}

/** `text` as a string of its own (flat, not a view into a larger one). */
function ownCopy(text: string): string {
  // Concatenating makes a new string; slicing it back flattens that into fresh memory.
  return (text + ' ').slice(0, -1);
}

function onlyItem(v: unknown): unknown {
  if (!Array.isArray(v) || v.length !== 1) throw new Error('not a single item');
  return v[0];
}

/** The root route's head as parsed: a mapping whose `routes` has no value yet. */
function routeHead(v: unknown): unknown {
  if (!isPlainObject(v) || !('routes' in v) || v.routes !== null) throw new Error('not a route head');
  return v;
}

function onlyKey(v: unknown, key: string): unknown {
  if (!isPlainObject(v)) throw new Error('not a mapping');
  const keys = Object.keys(v);
  if (keys.length !== 1 || keys[0] !== key) throw new Error('not a single section');
  return v[key];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
