import { describe, expect, it } from 'vitest';
import { buildInhibitor } from '../../../server/alerts/inhibitor';

// The rule of Alertmanager's documentation: critical mutes warning for the same alertname+cluster.
const docsRule = { source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['alertname', 'cluster'] };

describe('buildInhibitor: Alertmanager inhibition', () => {
  const inhibitor = buildInhibitor([docsRule]);
  const warning = { alertname: 'HighLatency', cluster: 'eu1', severity: 'warning' };

  it('mutes a target while a matching source fires with equal `equal` labels', () => {
    expect(inhibitor.isInhibited(warning, [{ alertname: 'HighLatency', cluster: 'eu1', severity: 'critical' }])).toBe(true);
    expect(inhibitor.inhibitingRule(warning, [{ alertname: 'HighLatency', cluster: 'eu1', severity: 'critical' }])?.path).toBe('inhibit_rules.0');
  });

  it('does not mute when an `equal` label differs', () => {
    expect(inhibitor.isInhibited(warning, [{ alertname: 'HighLatency', cluster: 'us1', severity: 'critical' }])).toBe(false);
  });

  it('counts an `equal` label missing on both sides as equal', () => {
    expect(inhibitor.isInhibited({ alertname: 'A', severity: 'warning' }, [{ alertname: 'A', severity: 'critical' }])).toBe(true);
    expect(inhibitor.isInhibited({ alertname: 'A', severity: 'warning' }, [{ alertname: 'A', cluster: 'eu1', severity: 'critical' }])).toBe(false);
  });

  it('does not mute a target that does not match the target matchers, or with no firing source', () => {
    expect(inhibitor.isInhibited({ ...warning, severity: 'info' }, [{ ...warning, severity: 'critical' }])).toBe(false);
    expect(inhibitor.isInhibited(warning, [])).toBe(false);
  });

  it('never lets an alert matching both sides inhibit itself, but lets a source-only alert inhibit it', () => {
    const twoSided = buildInhibitor([{ source_matchers: ['s="1"'], target_matchers: ['t="1"'] }]);
    const both = { s: '1', t: '1' };
    expect(twoSided.isInhibited(both, [both])).toBe(false);
    expect(twoSided.isInhibited(both, [{ s: '1', t: '2' }])).toBe(true);
  });

  it('supports the deprecated source_match/target_match(_re) forms', () => {
    const old = buildInhibitor([{ source_match: { severity: 'critical' }, target_match_re: { severity: 'warn(ing)?' }, equal: ['alertname'] }]);
    expect(old.isInhibited({ alertname: 'A', severity: 'warn' }, [{ alertname: 'A', severity: 'critical' }])).toBe(true);
  });

  it('names the rule at fault when one cannot be compiled', () => {
    expect(() => buildInhibitor([docsRule, { source_matchers: ['a=~"["'] }])).toThrow(/^inhibit_rules\.1: invalid regex/);
  });

  it('answers through an index of the sources exactly as isInhibited does over the same list', () => {
    const rules = buildInhibitor([docsRule, { source_matchers: ['s="1"'], target_matchers: ['t="1"'] }]);
    const sources: Record<string, string>[] = [
      { alertname: 'HighLatency', cluster: 'eu1', severity: 'critical' },
      { alertname: 'A', severity: 'critical' },
      { s: '1', t: '1' },
      { s: '1', t: '2', alertname: 'Other' },
    ];
    const targets: Record<string, string>[] = [
      warning,
      { ...warning, cluster: 'us1' },
      { alertname: 'A', severity: 'warning' },
      { alertname: 'A', cluster: 'eu1', severity: 'warning' },
      { s: '1', t: '1' },
      { t: '1' },
      { alertname: 'X', severity: 'info' },
    ];
    const index = rules.index(sources, (l) => l);
    for (const t of targets) expect([t, index.inhibits(t, () => true)]).toEqual([t, rules.isInhibited(t, sources)]);
    // A source that no longer counts (resolved since the index was built) mutes nothing.
    expect(index.inhibits(warning, (src) => src.alertname !== 'HighLatency')).toBe(false);
  });
});
