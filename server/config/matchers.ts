// Alertmanager's matcher syntax, read as its parser (pkg/labels, 0.25) reads it:
// `name="value"`, `name!="value"`, `name=~"regex"`, `name!~"regex"`; the value may be
// unquoted (`severity=critical`); one `matchers` line may hold several, comma-separated and
// optionally braced (`{a="1", b=~"x|y"}`). Label names in matchers may contain ':'.
// Regexes are Go's RE2, anchored at both ends: compiled with re2js, never with JavaScript's
// backtracking RegExp, so no pattern can take exponential time.
import { RE2JS } from 're2js';

export type MatchOp = '=' | '!=' | '=~' | '!~';

/** What a regex matcher needs of a compiled pattern (whole-string match). */
export interface AnchoredRegex {
  test(value: string): boolean;
}

export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
  /** Set for =~ and !~: the anchored, compiled regex. */
  re?: AnchoredRegex;
  /** From legacy `match_re`, which Alertmanager shows with its anchors: ^(?:value)$. */
  legacy?: boolean;
}

/** Prometheus label names (group_by, match keys, equal): no ':'. */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const MATCHER_RE = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|=|!=|!~)\s*([\s\S]*?)\s*$/;

export class MatcherError extends Error {}

export function isLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}

/** Compiled patterns by source. A compiled RE2JS is immutable (each test makes its own
 *  matcher), so one route tree's thousand `env=~"prod|staging"` share one compile, and a
 *  plan's draft tree reuses what the running tree compiled. Bounded: cleared when full. */
const compiledBySource = new Map<string, AnchoredRegex>();
const MAX_COMPILED = 10_000;

/** Compiles an Alertmanager regex, anchored; throws MatcherError with the reason. */
export function compileAnchored(source: string): AnchoredRegex {
  const known = compiledBySource.get(source);
  if (known) return known;
  const regex = compileUncached(source);
  if (compiledBySource.size >= MAX_COMPILED) compiledBySource.clear();
  compiledBySource.set(source, regex);
  return regex;
}

function compileUncached(source: string): AnchoredRegex {
  // Go 1.19's RE2 (what Alertmanager 0.25 is built with) knows only (?P<name>…); re2js also
  // takes (?<name>…), which Alertmanager would refuse.
  if (/\(\?<[^=!]/.test(source)) throw new MatcherError(`invalid regex ${JSON.stringify(source)}: named groups are written (?P<name>…)`);
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(`^(?:${source})$`);
  } catch (err) {
    throw new MatcherError(`invalid regex ${JSON.stringify(source)}: ${(err as Error).message.replace(/^error parsing regexp: /, '')}`);
  }
  return { test: (value) => compiled.matcher(value).find() };
}

/** Every matcher of one `matchers` line. */
export function parseMatchers(line: string): Matcher[] {
  let s = line.startsWith('{') ? line.slice(1) : line;
  if (s.endsWith('}')) s = s.slice(0, -1);
  const tokens: string[] = [];
  let token = '';
  let quoted = false;
  let escaped = false;
  for (const ch of s) {
    if (ch === ',' && !quoted) {
      tokens.push(token);
      token = '';
      continue;
    }
    if (ch === '"') {
      if (!escaped) quoted = !quoted;
      else escaped = false;
    } else if (ch === '\\') escaped = !escaped;
    else if (ch !== ',') escaped = false;
    token += ch;
  }
  if (token.trim() !== '') tokens.push(token.trim());
  return tokens.map(parseMatcher);
}

/** One matcher. */
export function parseMatcher(text: string): Matcher {
  const m = MATCHER_RE.exec(text);
  if (!m) {
    throw new MatcherError(`${JSON.stringify(text)} is not a matcher: write name="value", name!="value", name=~"regex" or name!~"regex"`);
  }
  const [, name, op, raw] = m as unknown as [string, string, MatchOp, string];
  const value = unquote(raw, text);
  const matcher: Matcher = { name, op, value };
  if (op === '=~' || op === '!~') matcher.re = compileAnchored(value);
  return matcher;
}

/** The value with its quotes and escapes read as Alertmanager reads them: \n, \" and \\ are
 *  escapes, any other backslash stays; an unescaped quote may only close a quoted value. */
function unquote(raw: string, whole: string): string {
  const quoted = raw.startsWith('"');
  const body = quoted ? raw.slice(1) : raw;
  const chars = [...body];
  let out = '';
  let closed = !quoted;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '\\' && i < chars.length - 1) {
      const next = chars[++i]!;
      out += next === 'n' ? '\n' : next === '"' || next === '\\' ? next : `\\${next}`;
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

export function matches(matcher: Matcher, labels: Record<string, string>): boolean {
  // Own properties only: a label named `constructor` must not read Object.prototype's.
  const v = Object.hasOwn(labels, matcher.name) ? (labels[matcher.name] ?? '') : '';
  switch (matcher.op) {
    case '=':
      return v === matcher.value;
    case '!=':
      return v !== matcher.value;
    case '=~':
      return matcher.re!.test(v);
    case '!~':
      return !matcher.re!.test(v);
  }
}

export function matchesAll(matchers: readonly Matcher[], labels: Record<string, string>): boolean {
  for (const m of matchers) if (!matches(m, labels)) return false;
  return true;
}
