// allSettledOrThrow: Promise.all's answer, but a failure is thrown only once every other
// promise has settled (no work of the call is left running after it answered).
import { describe, expect, it } from 'vitest';
import { allSettledOrThrow } from '../../server/all-settled';

const later = <T>(ms: number, value: T, fail = false) => new Promise<T>((resolve, reject) => setTimeout(() => (fail ? reject(new Error(String(value))) : resolve(value)), ms));

describe('allSettledOrThrow', () => {
  it('gives every value, in order, like Promise.all', async () => {
    expect(await allSettledOrThrow([later(20, 'a'), later(5, 2), Promise.resolve(true)])).toEqual(['a', 2, true]);
  });

  it('throws the first failure only after the slower promises settled', async () => {
    let slowDone = false;
    const slow = later(60, 'slow').then((v) => ((slowDone = true), v));
    await expect(allSettledOrThrow([later(5, 'boom', true), slow])).rejects.toThrow('boom');
    expect(slowDone).toBe(true);
  });
});
