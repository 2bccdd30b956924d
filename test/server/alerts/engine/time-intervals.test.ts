// When a named time interval holds, read as Alertmanager reads it.
import { describe, expect, it } from 'vitest';
import { compileTimeIntervals, inIntervals } from '../../../../server/alerts/engine/time-intervals';

const at = (iso: string) => Date.parse(iso);
const intervals = compileTimeIntervals({
  mute_time_intervals: [{ name: 'legacy', time_intervals: [{ weekdays: ['saturday', 'sunday'] }] }],
  time_intervals: [
    { name: 'office', time_intervals: [{ weekdays: ['monday:friday'], times: [{ start_time: '09:00', end_time: '17:00' }] }] },
    { name: 'berlin-nights', time_intervals: [{ times: [{ start_time: '22:00', end_time: '24:00' }, { start_time: '00:00', end_time: '06:00' }], location: 'Europe/Berlin' }] },
    { name: 'month-end', time_intervals: [{ days_of_month: ['-3:-1'] }] },
    { name: 'q1-2026', time_intervals: [{ months: ['january:march'], years: ['2026'] }] },
  ],
});

describe('time intervals', () => {
  it('hold on weekdays within the times of day, end exclusive', () => {
    expect(inIntervals(intervals, ['office'], at('2026-11-27T09:00:00Z'))).toBe(true); // a Friday
    expect(inIntervals(intervals, ['office'], at('2026-11-27T16:59:00Z'))).toBe(true);
    expect(inIntervals(intervals, ['office'], at('2026-11-27T17:00:00Z'))).toBe(false);
    expect(inIntervals(intervals, ['office'], at('2026-11-28T10:00:00Z'))).toBe(false); // Saturday
  });

  it("read the wall clock of their location", () => {
    // 21:30 UTC in November is 22:30 in Berlin (UTC+1).
    expect(inIntervals(intervals, ['berlin-nights'], at('2026-11-27T21:30:00Z'))).toBe(true);
    expect(inIntervals(intervals, ['berlin-nights'], at('2026-11-27T20:30:00Z'))).toBe(false);
  });

  it('count negative days of the month from its end, on that month’s calendar', () => {
    expect(inIntervals(intervals, ['month-end'], at('2026-02-26T12:00:00Z'))).toBe(true); // Feb has 28 days
    expect(inIntervals(intervals, ['month-end'], at('2026-02-25T12:00:00Z'))).toBe(false);
    expect(inIntervals(intervals, ['month-end'], at('2026-03-29T12:00:00Z'))).toBe(true);
  });

  it('take months and years, the older mute_time_intervals too, and never hold for a name not defined', () => {
    expect(inIntervals(intervals, ['q1-2026'], at('2026-02-01T00:00:00Z'))).toBe(true);
    expect(inIntervals(intervals, ['q1-2026'], at('2027-02-01T00:00:00Z'))).toBe(false);
    expect(inIntervals(intervals, ['legacy'], at('2026-11-29T00:00:00Z'))).toBe(true);
    expect(inIntervals(intervals, ['nope'], at('2026-11-29T00:00:00Z'))).toBe(false);
  });
});
