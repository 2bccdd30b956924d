// Alertmanager matcher syntax: `name="value"`, `name!="value"`, `name=~"regex"`,
// `name!~"regex"`; the value may also be unquoted (`severity=critical`). Regexes are
// anchored at both ends, as Alertmanager anchors them.

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface Matcher {
  name: string;
  op: MatchOp;
  value: string;
  /** Set for =~ and !~: the anchored, compiled regex. */
  re?: RegExp;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const MATCHER_RE = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/s;

export class MatcherError extends Error {}

export function isLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}

/** Compiles an Alertmanager regex, anchored; throws MatcherError with the reason. */
export function compileAnchored(source: string): RegExp {
  try {
    return new RegExp(`^(?:${source})$`);
  } catch (err) {
    throw new MatcherError(`invalid regex ${JSON.stringify(source)}: ${(err as Error).message}`);
  }
}

export function parseMatcher(text: string): Matcher {
  const m = MATCHER_RE.exec(text);
  if (!m) {
    throw new MatcherError(
      `${JSON.stringify(text)} is not a matcher: write name="value", name!="value", name=~"regex" or name!~"regex"`,
    );
  }
  const [, name, op, rawValue] = m as unknown as [string, string, MatchOp, string];
  const value = unquote(rawValue, text);
  const matcher: Matcher = { name, op, value };
  if (op === '=~' || op === '!~') matcher.re = compileAnchored(value);
  return matcher;
}

function unquote(raw: string, whole: string): string {
  if (!raw.startsWith('"')) {
    if (/["{},]/.test(raw)) throw new MatcherError(`${JSON.stringify(whole)}: unquoted value must not contain " { } or ,`);
    return raw;
  }
  if (raw.length < 2 || !raw.endsWith('"')) throw new MatcherError(`${JSON.stringify(whole)}: unterminated quoted value`);
  try {
    return JSON.parse(raw) as string;
  } catch {
    throw new MatcherError(`${JSON.stringify(whole)}: bad escape in quoted value`);
  }
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
