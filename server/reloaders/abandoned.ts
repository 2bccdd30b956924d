// A step the coordinator has given up on (its timeout expired) must never take effect
// later: DESIGN §10. The coordinator stops *waiting* at the timeout, but JavaScript cannot
// stop the work itself, so every component checks its step's signal immediately before
// the swap — in the same synchronous stretch as the assignment, so nothing can abort in
// between — and refuses once it has fired. Work done before that point (building,
// binding) is released by whoever built it.
import type { ReloadContext } from './types';

export class AbandonedStepError extends Error {
  override name = 'AbandonedStepError';
}

/** Throws instead of swapping when the coordinator already abandoned this step. */
export function refuseIfAbandoned(ctx: ReloadContext, component: string, step: string): void {
  if (!ctx.signal.aborted) return;
  throw new AbandonedStepError(`${component} ${step} finished after the coordinator gave up on it (timeout): the swap was refused, the previous instance stays live`);
}
