import { describe, expect, it } from 'vitest';
import { FailureLimiter } from '../../../../server/console/auth/rate-limit';

describe('FailureLimiter', () => {
  it('allows `limit` failures in the window, then says how long to wait until the oldest ages out', () => {
    let now = 1_000_000;
    const limiter = new FailureLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i += 1) {
      expect(limiter.retryAfterS('ada')).toBe(0);
      limiter.fail('ada');
      now += 1_000;
    }
    expect(limiter.retryAfterS('ada')).toBe(57);
    expect(limiter.retryAfterS('bob')).toBe(0);
    now += 57_000;
    expect(limiter.retryAfterS('ada')).toBe(0);
  });

  it('forgets a key when cleared, and keeps at most maxKeys keys', () => {
    const limiter = new FailureLimiter(1, 60_000, () => 0, 2);
    limiter.fail('a');
    expect(limiter.retryAfterS('a')).toBeGreaterThan(0);
    limiter.clear('a');
    expect(limiter.retryAfterS('a')).toBe(0);
    limiter.fail('x');
    limiter.fail('y');
    limiter.fail('z');
    expect(limiter.retryAfterS('x')).toBe(0); // the stalest key was dropped
    expect(limiter.retryAfterS('z')).toBeGreaterThan(0);
  });
});
