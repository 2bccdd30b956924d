import { describe, expect, it } from 'vitest';
import { formatMs, verdictOf } from '../../../../components/reload/verdict';
import { layoutWaterfall, withAllPhases } from '../../../../components/reload/waterfall';

describe('verdictOf', () => {
  it('maps every outcome to the four verdicts an operator reads', () => {
    expect(verdictOf('success').label).toBe('applied');
    expect(verdictOf('noop').label).toBe('no change');
    expect(verdictOf('validation_failed').label).toBe('rejected');
    expect(verdictOf('load_failed').label).toBe('rejected');
    expect(verdictOf('apply_failed').label).toBe('rejected');
    expect(verdictOf('rolled_back').label).toBe('rolled back');
  });

  it('says whether the commit is what the service runs', () => {
    expect(verdictOf('success').applied).toBe(true);
    expect(verdictOf('noop').applied).toBe(true);
    expect(verdictOf('rolled_back').applied).toBe(false);
    expect(verdictOf('rollback_failed')).toMatchObject({ applied: false, tone: 'bad' });
  });
});

describe('formatMs', () => {
  it('keeps two decimals below 10 ms, whole ms below a second, seconds above', () => {
    expect(formatMs(0.4213)).toBe('0.42 ms');
    expect(formatMs(12.6)).toBe('13 ms');
    expect(formatMs(2345)).toBe('2.35 s');
    expect(formatMs(-1)).toBe('–');
  });
});

describe('layoutWaterfall', () => {
  it('lays phases end to end, widths proportional to their durations', () => {
    const bars = layoutWaterfall([
      { name: 'load', state: 'success', duration_ms: 1 },
      { name: 'validate', state: 'success', duration_ms: 3 },
      { name: 'diff', state: 'success', duration_ms: 0 },
    ]);
    expect(bars.map((b) => [b.offsetPct, b.widthPct])).toEqual([
      [0, 25],
      [25, 75],
      [100, 0],
    ]);
  });

  it('does not divide by zero when every phase took no measurable time', () => {
    expect(layoutWaterfall([{ name: 'load', state: 'failed', duration_ms: 0 }])).toEqual([{ name: 'load', state: 'failed', duration_ms: 0, offsetPct: 0, widthPct: 0 }]);
  });

  it('lists all six phases, the unreached ones as pending', () => {
    const all = withAllPhases([{ name: 'load', state: 'success', duration_ms: 1 }, { name: 'validate', state: 'failed', duration_ms: 1, error: 'x' }]);
    expect(all.map((p) => `${p.name}:${p.state}`)).toEqual(['load:success', 'validate:failed', 'diff:pending', 'apply:pending', 'reload:pending', 'health:pending']);
  });
});
