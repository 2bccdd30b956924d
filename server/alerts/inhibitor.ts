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
