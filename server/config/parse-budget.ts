// What one parse of config.yaml may cost, enforced while js-yaml parses (DESIGN §9). js-yaml
// has no limits of its own: a merge key copies every key of the mapping it names, so a chain
// of merges (`a2: &a2 {<<: *a1, k2: 2}`, …) costs quadratic time and memory *during*
// parsing (180 KB: 5.3 s and +630 MB; 1 MB: over a minute and 3.3 GB), before anything could
// walk the result; and it
// recurses once per nesting level. So js-yaml's `listener` (called when each node opens and
// closes) keeps the books as the document is built, and stops the parse with the place and
// the limit the moment one is passed:
//
// - expansion: every alias use counts the whole tree it stands for (sizes are memoised per
//   collection, so this is O(1) per alias). An alias is counted when it closes, before the
//   mapping that merges it copies anything, so a merge chain or a "billion laughs" stops
//   after at most `aliasBudget` units of work and memory; what is written costs nothing
//   extra (its size is bounded by the text's);
// - depth: nodes open at once (js-yaml's recursion);
// - time: a wall-clock limit, checked every few hundred nodes;
// - documents: the first only. Alertmanager (yaml.v2) reads the first document of its file
//   and never looks at the rest, not even for syntax; the parse stops where a second one
//   opens (FirstDocumentRead), so what follows costs nothing and cannot fail it;
// - mappings: a plain prototype and no `__proto__` key, so nothing a walker or zod reads can
//   come from a prototype instead of the text.
//
// Relies on js-yaml 4's loader as pinned: `state.kind` stays null for an alias (readAlias sets
// only `state.result`), a collection restores its own `state.anchor` when it ends, a merge is
// done when its mapping closes, and a collection's anchor points at the object under
// construction (a recursive alias sees it before it closes).
import type { Span } from './locate';

/** The deepest nesting a config may have (a 40-level route tree is ~80 levels); deeper would
 *  overflow the stack of whatever walks it next (zod, the differ). */
export const MAX_DEPTH = 128;

/** Values that aliases may add beyond what is written, whatever the size of the text. */
export const ALIAS_ALLOWANCE = 100_000;

/** The values aliases and merge keys may add to a text: ALIAS_ALLOWANCE plus one per 16
 *  characters. `<<: *defaults` with 20 fields in each of 10,000 receivers (a 3 MB file) adds
 *  200,000 of the 290,000 it may; a merge chain of 1 MB stops after ~160,000 copied keys
 *  (~30 ms, ~10 MB). */
export const aliasBudget = (text: string): number => ALIAS_ALLOWANCE + Math.floor(text.length / 16);

/** Far above the ~10 ms a 1 MiB config takes; a parse still running then is hostile or the
 *  machine is starved, and either way the answer must come back. */
export const PARSE_TIME_LIMIT_MS = 1_000;

const CHECK_CLOCK_EVERY = 512;

/** The issue codes of a passed limit. */
export type BudgetCode = 'alias_expansion' | 'too_deep' | 'parse_timeout' | 'proto_key' | 'bad_prototype';

/** A limit passed at `offset` in the text js-yaml read. */
export class BudgetExceeded extends Error {
  constructor(
    readonly code: BudgetCode,
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Not a failure: the first document is complete and a second one opens at `offset` (its
 *  `---` or `...` line); js-yaml is stopped there, and `value` is the first document. */
export class FirstDocumentRead extends Error {
  constructor(
    readonly value: unknown,
    readonly offset: number,
  ) {
    super('a second YAML document opens here');
  }
}

/** The part of js-yaml's parser state the listener reads (js-yaml 4.1's State). */
interface LoaderState {
  input: string;
  position: number;
  kind: string | null;
  /** The closing node's anchor (a collection restores its own after its children's). */
  anchor: string | null;
  result: unknown;
  documents: unknown[];
}

/**
 * Returns a js-yaml `listener` that enforces the budget for one parse of `text`.
 * `depthOffset` is how deep the text sits in the document (a chunk of the incremental loader).
 */
export function budgetListener(text: string, { depthOffset = 0, now = Date.now } = {}): (event: 'open' | 'close', state: LoaderState) => void {
  const budget = aliasBudget(text);
  const maxFrames = MAX_DEPTH + 1 - depthOffset;
  const started = now();
  /** Expanded size of every collection that closed: what an alias of it costs. Each node's
   *  size is summed into its parent's frame as it closes, so this costs O(1) per node. */
  const sizes = new WeakMap<object, number>();
  /** Collections that contain an alias: aliasing one of them is what makes a bomb. */
  const armed = new WeakSet<object>();
  // The nodes open now, innermost last (at most maxFrames): where each starts (before
  // separation space), its expanded size so far (1 + what its keys and values add, aliases
  // expanded), and whether an alias was used inside it. Arrays, not objects: this runs for
  // every node of every parse.
  const starts = new Int32Array(Math.max(maxFrames, 0) + 1);
  const frameSizes = new Float64Array(starts.length);
  const holdsAlias = new Uint8Array(starts.length);
  let depth = 0;
  let spent = 0;
  let events = 0;
  /** The first alias of a collection that holds aliases: where a bomb is armed. */
  let firstNested = -1;

  const charge = (units: number, at: number): void => {
    spent += units;
    if (spent <= budget) return;
    const message =
      `YAML aliases add more than ${budget.toLocaleString('en')} values to config.yaml: this is an alias bomb ("billion laughs"), a chain of merge keys (<<), or close to one. ` +
      'Stop nesting aliases (*name) inside anchored (&name) collections, or write the repeated values out';
    throw new BudgetExceeded('alias_expansion', message, firstNested >= 0 ? firstNested : at);
  };

  return (event, state) => {
    if ((++events & (CHECK_CLOCK_EVERY - 1)) === 0 && now() - started > PARSE_TIME_LIMIT_MS) {
      throw new BudgetExceeded('parse_timeout', `parsing config.yaml took longer than ${PARSE_TIME_LIMIT_MS} ms and was stopped: the file is too large or too intricate; simplify it`, state.position);
    }
    if (event === 'open') {
      if (state.documents.length > 0) throw new FirstDocumentRead(state.documents[0], documentStart(state.input, state.position));
      if (depth >= maxFrames) {
        const message = `config.yaml is nested more than ${MAX_DEPTH} levels deep here: no hotconf config needs that, flatten it`;
        throw new BudgetExceeded('too_deep', message, nodeStart(state.input, state.position));
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
    if (state.kind === null && value !== null && value !== undefined) {
      // An alias: it stands for its whole target. A target not closed yet (no size) is a
      // collection that contains this alias — a recursive alias, which bounds.ts names once
      // the parse is done. It is still charged what a merge of it would copy now: its keys.
      const at = nodeStart(state.input, starts[frame]!);
      const size = typeof value === 'object' ? (sizes.get(value) ?? 1 + entriesOf(value)) : 1;
      if (firstNested < 0 && typeof value === 'object' && armed.has(value)) firstNested = at;
      charge(size, at);
      if (parent >= 0) {
        holdsAlias[parent] = 1;
        frameSizes[parent] = frameSizes[parent]! + size;
      }
      return;
    }
    if (parent >= 0) {
      frameSizes[parent] = frameSizes[parent]! + frameSizes[frame]!;
      holdsAlias[parent] = holdsAlias[parent]! | holdsAlias[frame]!;
    }
    if (value === null || typeof value !== 'object' || state.kind === 'scalar') return;
    if (state.kind === 'mapping') checkMapping(value, state.input, starts[frame]!, state.position);
    // Only an anchored collection can be aliased: only its size is kept. Keys count too, and
    // a merged mapping counts whole, so a size is never less than the tree it expands to.
    if (state.anchor === null) return;
    if (holdsAlias[frame]) armed.add(value);
    sizes.set(value, frameSizes[frame]!);
  };
}

function entriesOf(node: object): number {
  return Array.isArray(node) ? node.length : Object.keys(node).length;
}

/** A mapping as js-yaml built it must be a plain object with only keys from the text. */
function checkMapping(node: object, input: string, start: number, end: number): void {
  if (Object.getPrototypeOf(node) !== Object.prototype) {
    throw new BudgetExceeded('bad_prototype', 'this mapping was built with a prototype other than a plain object\'s (a parser fault): the config is refused rather than read through it', start);
  }
  if (Object.hasOwn(node, '__proto__')) {
    const key = input.indexOf('__proto__', start);
    const message = '`__proto__` is not allowed as a key (it names the prototype of an object in JavaScript, and no config field has that name): remove it';
    throw new BudgetExceeded('proto_key', message, key !== -1 && key < end ? key : start);
  }
}

/** Where the node starting at or after `from` begins: separation space and comments skipped. */
function nodeStart(input: string, from: number): number {
  let at = from;
  for (;;) {
    const c = input.charCodeAt(at);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) at++;
    else if (c === 0x23 /* # */) {
      const nl = input.indexOf('\n', at);
      if (nl === -1) return at;
      at = nl + 1;
    } else return at;
  }
}

/** The `---` (or `...`) line that ended the first document, else `at`. */
function documentStart(input: string, at: number): number {
  const marker = Math.max(input.lastIndexOf('\n---', at), input.lastIndexOf('\n...', at));
  return marker === -1 ? at : marker + 1;
}

/** The one-character span at `offset` of `text` (1-based line and column). */
export function spanAt(text: string, offset: number): Span {
  const at = Math.max(0, Math.min(offset, text.length));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  let line = 1;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < lineStart; nl = text.indexOf('\n', nl + 1)) line++;
  return { line, column: at - lineStart + 1, end_line: line, end_column: at - lineStart + 2 };
}
