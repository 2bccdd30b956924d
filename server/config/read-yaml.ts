// Text → YAML value, the one reading of config.yaml that every side shares. js-yaml with
// the core schema of yaml-schema.ts: ~7 ms for a 340 KB file where the `yaml` package takes
// ~90 ms, which is most of a reload's budget. When js-yaml refuses a text, the `yaml`
// package describes why (it names the construct and points at it; js-yaml's mark often
// lands a line later), so the slow parser runs only on broken text — and only on a text
// small enough for it to answer quickly.
//
// Every parse is bounded while it runs (parse-budget.ts): size before anything is read,
// then expansion, depth, time and mapping prototypes as the nodes are built.
//
// Only the first YAML document is read, as Alertmanager reads its file (yaml.v2 decodes the
// first document and never looks further, not even for syntax, so `amtool check-config`
// accepts anything after a `---`). hotconf agrees on the verdict and says what it ignored,
// as a located warning.
import yaml from 'js-yaml';
import type { ConfigIssue } from '../contract/config';
import { configError, issueAt } from './errors';
import { syntaxErrorsOf, type Span } from './locate';
import { BudgetExceeded, FirstDocumentRead, MAX_DEPTH, budgetListener, spanAt } from './parse-budget';
import { CORE_SCHEMA } from './yaml-schema';

export { MAX_DEPTH } from './parse-budget';

/** The largest config.yaml (UTF-8 bytes): a 10,000-receiver config is ~1.8 MB. */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** Above this, a refused text is located by js-yaml's mark alone: the `yaml` package's
 *  better description costs ~0.25 ms per KB, too long for the answer to wait. */
const DESCRIBE_UP_TO = 64 * 1024;

/** What readYaml read: the first document's value, and what it read past without refusing. */
export interface YamlRead {
  value: unknown;
  /** Located; code `later_document_ignored` (the only one so far). */
  warnings: ConfigIssue[];
}

/** Parses config.yaml's first document; throws a located ConfigError ('load_failed') when it
 *  is not YAML or passes a limit. */
export function readYaml(text: string): YamlRead {
  checkText(text);
  try {
    return { value: yaml.load(text, { schema: CORE_SCHEMA, filename: 'config.yaml', listener: budgetListener(text) as never }), warnings: [] };
  } catch (err) {
    if (err instanceof FirstDocumentRead) return { value: err.value, warnings: laterDocumentWarnings(text, err.offset) };
    if (err instanceof BudgetExceeded) throw budgetError(text, err);
    if (err instanceof yaml.YAMLException) throw syntaxError(text, err);
    if (err instanceof RangeError) throw budgetError(text, new BudgetExceeded('too_deep', `config.yaml is nested too deeply to parse (more than ${MAX_DEPTH} levels are never needed): flatten it`, deepestOpening(text)));
    throw err;
  }
}

/** Parses a fragment (a section, an item) exactly as the whole file is parsed, within the
 *  same limits (`depth`: how deep the fragment sits); throws on any error, unlocated (the
 *  incremental loader then parses the whole file). */
export function readYamlFragment(text: string, depth = 0): unknown {
  return yaml.load(text, { schema: CORE_SCHEMA, listener: budgetListener(text, { depthOffset: depth }) as never });
}

/** Whether readYaml would read the text at all (its size and encoding): the incremental
 *  loader leaves a text that fails to the full path, which says why. */
export function withinTextLimits(text: string): boolean {
  try {
    checkText(text);
    return true;
  } catch {
    return false;
  }
}

/** Size and encoding, before the parser sees the text; throws a located ConfigError. Also
 *  for callers that pass a text on as UTF-8 (the console's plan), where a lone surrogate
 *  would silently become U+FFFD. */
export function checkText(text: string): void {
  // UTF-8 takes at least one byte per UTF-16 unit, at most three.
  if (text.length > MAX_CONFIG_BYTES || (text.length > MAX_CONFIG_BYTES / 3 && utf8Length(text) > MAX_CONFIG_BYTES)) {
    const message = `config.yaml is larger than ${MAX_CONFIG_BYTES.toLocaleString('en')} bytes (the limit for one config; a 10,000-receiver config is about 1.8 MB): split long lists with shared defaults, or remove what is not needed`;
    throw configError('load_failed', 'config.yaml is too large', [issueAt(spanAt(text, byteOffsetChars(text, MAX_CONFIG_BYTES)), '', 'too_large', message)]);
  }
  const bad = firstLoneSurrogate(text);
  if (bad !== -1) {
    const message = 'config.yaml holds text that is not valid Unicode here (half of a UTF-16 surrogate pair), which cannot be written as UTF-8: retype or remove this character';
    throw configError('load_failed', 'config.yaml is not valid text', [issueAt(spanAt(text, bad), '', 'bad_encoding', message)]);
  }
}

/** A line that ends a document (`...`) or starts one (`---`). */
const DOCUMENT_MARKER = /^(---|\.\.\.)(\s|$)/;

/** js-yaml drops a leading byte order mark before it counts offsets. */
const inText = (text: string, offset: number) => offset + (text.charCodeAt(0) === 0xfeff ? 1 : 0);

function budgetError(text: string, err: BudgetExceeded) {
  return configError('load_failed', `config.yaml passes a parsing limit (${err.code})`, [issueAt(spanAt(text, inText(text, err.offset)), '', err.code, err.message)]);
}

/** The warning for what follows the first document, at its `---` (or `...`) line; none when
 *  that is only comments, blank lines and markers (a trailing `---` is common and harmless). */
function laterDocumentWarnings(text: string, offset: number): ConfigIssue[] {
  const at = inText(text, offset);
  if (onlyMarkersAndComments(text, at)) return [];
  const message =
    'config.yaml holds a second YAML document from here on, and like Alertmanager, hotconf reads only the first: nothing from this line on is read or checked. ' +
    'Remove the `---` and what follows, or move it into the first document';
  return [issueAt(spanAt(text, at), '', 'later_document_ignored', message)];
}

function onlyMarkersAndComments(text: string, from: number): boolean {
  for (const line of text.slice(from).split('\n')) {
    const t = line.trim();
    if (t !== '' && !t.startsWith('#') && !DOCUMENT_MARKER.test(line)) return false;
  }
  return true;
}

/** Where the first document ends in the text, by its lines: the first `...` line, or the
 *  first `---` line after the document's content began; else the end of the text. (For the
 *  `yaml` package's description of a syntax error only: js-yaml decides what is read.) */
function firstDocumentEnd(text: string): number {
  let begun = false;
  for (let pos = 0; pos < text.length; ) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(pos, end);
    const marker = DOCUMENT_MARKER.exec(line);
    if (marker && (marker[1] === '...' || begun)) return pos;
    if (!marker && !/^\s*(#|%|$)/.test(line)) begun = true;
    if (marker && line.slice(3).trim() !== '' && !line.slice(3).trim().startsWith('#')) begun = true;
    pos = end + 1;
  }
  return text.length;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return bytes;
}

/** The index of the character holding byte `limit` (where the text passes the limit). */
function byteOffsetChars(text: string, limit: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 4 : 3;
    if (bytes > limit) return i;
    if (c >= 0xd800 && c < 0xdc00) i++;
  }
  return text.length;
}

function firstLoneSurrogate(text: string): number {
  if ((text as { isWellFormed?: () => boolean }).isWellFormed?.() ?? true) return -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next < 0xe000) i++;
      else return i;
    } else if (c >= 0xdc00 && c < 0xe000) return i;
  }
  return -1;
}

function syntaxError(text: string, err: yaml.YAMLException) {
  // js-yaml places a duplicate key exactly (at the second one), and the `yaml` package's check
  // for duplicates is quadratic in a mapping's size (20,000 keys: 2.3 s), so it is not asked.
  const duplicate = err.reason === 'duplicated mapping key';
  const first = text.length <= DESCRIBE_UP_TO ? text.slice(0, firstDocumentEnd(text)) : '';
  const described = !duplicate && first !== '' ? syntaxErrorsOf(first) : [];
  const found = described.length > 0 ? described : [{ span: markOf(text, err), message: duplicate ? 'Map keys must be unique' : err.reason }];
  // `reason` and the `yaml` package's first line never quote the file (js-yaml's full
  // message does, with a code excerpt): the file may hold a literal secret on that line.
  const issues = found.map(({ span, message }) => issueAt(span, '', 'yaml_syntax', `YAML syntax error: ${message}${hintFor(text, span)}`));
  return configError('load_failed', 'config.yaml is not valid YAML', issues);
}

function markOf(text: string, err: yaml.YAMLException): Span {
  const offset = (err.mark as { position?: unknown } | undefined)?.position;
  return spanAt(text, typeof offset === 'number' ? offset + (text.charCodeAt(0) === 0xfeff ? 1 : 0) : 0);
}

/** The one syntax mistake secret references invite. */
function hintFor(text: string, span: Span | null): string {
  const lineText = span ? (text.split('\n', span.line)[span.line - 1] ?? '') : '';
  return lineText.includes('${') && /[[{]/.test(lineText) ? ": a secret reference inside [...] or {...} must be quoted, e.g. '${env:NAME}'" : '';
}

/** Where flow collections first nest deeper than MAX_DEPTH (brackets counted as written;
 *  what js-yaml's recursion overflows on), else the start of the file. */
function deepestOpening(text: string): number {
  let depth = 0;
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[' || c === '{') {
      if (++depth > MAX_DEPTH) {
        at = i;
        break;
      }
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return at;
}
