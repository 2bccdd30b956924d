// Alertmanager accepts three ways of writing matchers on a route or an inhibit rule side:
// `matchers` (the current syntax), and the deprecated `match` (equality) and `match_re`
// (anchored regex). All three are combined with AND, so they compile into one list.
import { compileAnchored, parseMatchers, type Matcher } from '../config/matchers';

export interface MatcherFields {
  matchers?: readonly string[];
  match?: Readonly<Record<string, string>>;
  match_re?: Readonly<Record<string, string>>;
}

export function compileMatchers(fields: MatcherFields): Matcher[] {
  const out: Matcher[] = (fields.matchers ?? []).flatMap(parseMatchers);
  for (const [name, value] of Object.entries(fields.match ?? {})) out.push({ name, op: '=', value });
  for (const [name, value] of Object.entries(fields.match_re ?? {})) out.push({ name, op: '=~', value, re: compileAnchored(value), legacy: true });
  return out;
}
