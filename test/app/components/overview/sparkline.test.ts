import { describe, expect, it } from 'vitest';
import { sparklineBars } from '../../../../components/overview/sparkline';

const box = { width: 100, height: 20, gap: 2 };

describe('sparklineBars', () => {
  it('draws the oldest reload on the left (records arrive newest first)', () => {
    const bars = sparklineBars([
      { id: 3, status: 'success', duration_ms: 4, trigger: 'api' },
      { id: 2, status: 'rolled_back', duration_ms: 16, trigger: 'api' },
      { id: 1, status: 'noop', duration_ms: 1, trigger: 'sighup' },
    ], box);
    expect(bars.map((b) => b.id)).toEqual([1, 2, 3]);
    expect(bars.map((b) => b.tone)).toEqual(['neutral', 'warn', 'ok']);
  });

  it('scales heights by the square root of duration, the longest filling the box', () => {
    const bars = sparklineBars([
      { id: 2, status: 'success', duration_ms: 4, trigger: 'api' },
      { id: 1, status: 'success', duration_ms: 16, trigger: 'api' },
    ], box);
    expect(bars[0]).toMatchObject({ height: 20, y: 0 });
    expect(bars[1]).toMatchObject({ height: 10, y: 10 });
  });

  it('keeps zero-duration reloads visible and fits every bar in the width', () => {
    const bars = sparklineBars(Array.from({ length: 10 }, (_, i) => ({ id: i, status: 'success' as const, duration_ms: 0, trigger: 'api' as const })), box);
    expect(bars.every((b) => b.height > 0)).toBe(true);
    const last = bars[bars.length - 1]!;
    expect(last.x + last.width).toBeLessThanOrEqual(100);
  });

  it('caps the width of each slot so a few reloads stay bars', () => {
    const bars = sparklineBars([{ id: 1, status: 'success', duration_ms: 5, trigger: 'api' }], { ...box, maxSlot: 10 });
    expect(bars[0]!.width).toBe(8);
  });

  it('names each bar for tooltips and screen readers', () => {
    expect(sparklineBars([{ id: 9, status: 'validation_failed', duration_ms: 3, trigger: 'sighup' }], box)[0]!.title).toBe('#9 sighup: rejected, 3 ms');
    expect(sparklineBars([], box)).toEqual([]);
  });
});
