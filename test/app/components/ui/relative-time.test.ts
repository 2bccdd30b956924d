import { describe, expect, it } from 'vitest';
import { exactTime, relativeTime } from '../../../../components/ui/relative-time';

const now = Date.parse('2025-06-01T12:00:00Z');

describe('relativeTime', () => {
  it('picks the largest unit that fits', () => {
    expect(relativeTime('2025-06-01T11:57:00Z', now)).toBe('3 minutes ago');
    expect(relativeTime('2025-06-01T10:00:00Z', now)).toBe('2 hours ago');
    expect(relativeTime('2025-05-30T12:00:00Z', now)).toBe('2 days ago');
  });

  it('says "now" for the current second and handles future times', () => {
    expect(relativeTime('2025-06-01T12:00:00.300Z', now)).toBe('now');
    expect(relativeTime('2025-06-01T12:00:30Z', now)).toBe('in 30 seconds');
  });

  it('returns an unparseable timestamp unchanged', () => {
    expect(relativeTime('yesterday', now)).toBe('yesterday');
    expect(exactTime('yesterday')).toBe('yesterday');
  });
});

describe('exactTime', () => {
  it('shows the UTC time to the second', () => {
    expect(exactTime('2025-06-01T12:34:56.789Z')).toBe('2025-06-01 12:34:56 UTC');
  });
});
