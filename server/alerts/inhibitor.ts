// Inhibition with Alertmanager's semantics: a firing *source* alert mutes a *target* alert
// when the source matches the rule's source matchers, the target matches its target
// matchers, and every label named in `equal` has the same value on both (a label missing
// on both counts as equal, as in Alertmanager).
import type { InhibitRule } from '../config/schema';
import { matchesAll, type Matcher } from '../config/matchers';
import { compileMatchers } from './compile-matchers';
import { labelValue, type Labels } from './labels';

export interface CompiledInhibitRule {
  /** `inhibit_rules.N`, for operators. */
  readonly path: string;
  readonly source: readonly Matcher[];
  readonly target: readonly Matcher[];
  readonly equal: readonly string[];
}

export interface Inhibitor {
  readonly rules: readonly CompiledInhibitRule[];
  /** Whether `target` is muted by any of the `firing` alerts. */
  isInhibited(target: Labels, firing: readonly Labels[]): boolean;
  /** The first rule that mutes `target`, or null. */
  inhibitingRule(target: Labels, firing: readonly Labels[]): CompiledInhibitRule | null;
  /** The candidate sources, sorted per rule by their `equal` values, for many targets. */
  index<T>(sources: Iterable<T>, labelsOf: (source: T) => Labels): InhibitionIndex<T>;
}

/** isInhibited over an indexed set of sources: a target is checked only against the sources
 *  of each rule that share its `equal` values, not against every firing alert. Scanning them
 *  all made each group's notification cost O(held alerts), so thousands of groups flushing
 *  over tens of thousands of held alerts starved the event loop. */
export interface InhibitionIndex<T> {
  /** `live` says whether a source still counts (firing at the time of the check). */
  inhibits(target: Labels, live: (source: T) => boolean): boolean;
  /** The source that mutes `target` (of the first rule that does), or undefined: what
   *  Alertmanager's API shows as the alert's `inhibitedBy`. */
  inhibitedBy(target: Labels, live: (source: T) => boolean): T | undefined;
}

export function buildInhibitor(rules: readonly InhibitRule[]): Inhibitor {
  const compiled = rules.map(compileRule);
  const inhibitingRule = (target: Labels, firing: readonly Labels[]): CompiledInhibitRule | null => {
    for (const rule of compiled) if (mutes(rule, target, firing)) return rule;
    return null;
  };
  return {
    rules: compiled,
    inhibitingRule,
    isInhibited: (target, firing) => inhibitingRule(target, firing) !== null,
    index: (sources, labelsOf) => indexSources(compiled, sources, labelsOf),
  };
}

function mutes(rule: CompiledInhibitRule, target: Labels, firing: readonly Labels[]): boolean {
  if (!matchesAll(rule.target, target)) return false;
  // An alert that matches both sides could inhibit itself (or a twin that also matches
  // both). Alertmanager excludes, for such a target, every source that also matches the
  // target side; that is what keeps an alert from muting itself.
  const twoSided = matchesAll(rule.source, target);
  return firing.some(
    (source) =>
      matchesAll(rule.source, source) &&
      rule.equal.every((name) => labelValue(source, name) === labelValue(target, name)) &&
      !(twoSided && matchesAll(rule.target, source)),
  );
}

function indexSources<T>(rules: readonly CompiledInhibitRule[], sources: Iterable<T>, labelsOf: (source: T) => Labels): InhibitionIndex<T> {
  const perRule = rules.map(() => new Map<string, T[]>());
  if (rules.length > 0) {
    for (const source of sources) {
      const labels = labelsOf(source);
      rules.forEach((rule, i) => {
        if (!matchesAll(rule.source, labels)) return;
        const key = equalKey(rule, labels);
        const bucket = perRule[i]!.get(key);
        if (bucket) bucket.push(source);
        else perRule[i]!.set(key, [source]);
      });
    }
  }
  const inhibitedBy = (target: Labels, live: (source: T) => boolean): T | undefined => {
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      if (!matchesAll(rule.target, target)) continue;
      const bucket = perRule[i]!.get(equalKey(rule, target));
      if (!bucket) continue;
      // The same self-muting exclusion as mutes() above.
      const twoSided = matchesAll(rule.source, target);
      const source = bucket.find((s) => live(s) && !(twoSided && matchesAll(rule.target, labelsOf(s))));
      if (source !== undefined) return source;
    }
    return undefined;
  };
  return { inhibitedBy, inhibits: (target, live) => inhibitedBy(target, live) !== undefined };
}

/** The values of the rule's `equal` labels (missing = empty, as labelValue reads them). */
function equalKey(rule: CompiledInhibitRule, labels: Labels): string {
  return JSON.stringify(rule.equal.map((name) => labelValue(labels, name)));
}

function compileRule(rule: InhibitRule, index: number): CompiledInhibitRule {
  const path = `inhibit_rules.${index}`;
  try {
    return {
      path,
      source: compileMatchers({ matchers: rule.source_matchers, match: rule.source_match, match_re: rule.source_match_re }),
      target: compileMatchers({ matchers: rule.target_matchers, match: rule.target_match, match_re: rule.target_match_re }),
      equal: rule.equal ?? [],
    };
  } catch (err) {
    throw new Error(`${path}: ${(err as Error).message}`);
  }
}
