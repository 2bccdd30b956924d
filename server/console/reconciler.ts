// When the console reconciles (./reconcile has the rules): once at start (startConsole asks
// for it as soon as the console answers), retried while the service cannot be asked; on
// request (POST /api/reconcile); after a failed signal, queued behind the flow that failed (the
// error answer does not wait for it); after a failed commit attempt, before answering. Every
// run is logged in one line and kept as the console's last outcome (GET /api/status shows it).
import type { ReconcileOutcome, ReconcileReason } from '../contract/console';
import { z } from 'zod';
import type { ConsoleContext } from './context';
import { describeReconcile, reconcile, type ReconcileScope } from './reconcile';
import { checkInput } from './request';

export async function runReconcile(ctx: ConsoleContext, why: ReconcileReason, scope: ReconcileScope = 'all'): Promise<ReconcileOutcome> {
  const outcome = await reconcile(ctx, { scope });
  ctx.lastReconcile = { ...outcome, reason: why };
  // Quiet when there was nothing to look at twice: a rolled-back check that found the service
  // in step is the common case after a lost race.
  if (!(scope === 'rolled_back' && (outcome.state === 'in_step' || outcome.state === 'behind'))) {
    (outcome.state === 'failed' ? console.error : console.log)(describeReconcile(why, outcome));
  }
  return outcome;
}

/** After a failed signal: runs once the current write flow of this console has finished. */
export function reconcileSoon(ctx: ConsoleContext, why: ReconcileReason): void {
  void ctx.serialize(() => runReconcile(ctx, why));
}

export const START_RETRY_MS = 5_000;
/** How long a starting console keeps trying to reach a service that is not up yet. */
export const START_RETRY_FOR_MS = 10 * 60_000;

/** On start: until the service answers (it may be starting too), then once. */
export function reconcileOnStart(ctx: ConsoleContext): Promise<ReconcileOutcome> {
  const giveUpAt = Date.now() + START_RETRY_FOR_MS;
  const attempt = async (): Promise<ReconcileOutcome> => {
    const outcome = await ctx.serialize(() => runReconcile(ctx, 'start'));
    if (outcome.state !== 'failed' || Date.now() > giveUpAt) return outcome;
    await new Promise((resolve) => setTimeout(resolve, START_RETRY_MS).unref());
    return attempt();
  };
  return attempt();
}

/** POST /api/reconcile: `start` (what startConsole sends once the console answers) begins
 *  the start-up reconcile in the background, retried while the service is not up; anything
 *  else reconciles now and answers the outcome. */
export async function requestReconcile(ctx: ConsoleContext, input: unknown): Promise<{ started: true } | ReconcileOutcome> {
  const { reason } = checkInput(input ?? {}, reconcileInputSchema);
  if (reason === 'start') {
    void reconcileOnStart(ctx);
    return { started: true };
  }
  return ctx.serialize(() => runReconcile(ctx, 'requested'));
}

const reconcileInputSchema = z.object({ reason: z.enum(['start', 'requested']).default('requested') });
