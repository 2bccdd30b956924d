// Reconcile (DESIGN §10: "a commit that landed but was never loaded gets loaded"). A commit
// can land without its reload running: the console killed between the two, a signal that
// failed, another console's commit landing between ours and our reload. The service keeps
// running what it ran, and only the drift badge would say so. The console therefore checks
// on start and after every failed signal, and reloads the service onto HEAD when that is
// safe: when the file on disk is HEAD's content byte for byte, so the reload loads HEAD and
// nothing else — never an operator's edit in progress, never another writer's half-written
// commit.
//
// The rules, in order (planReconcile):
//   1. the service runs HEAD, clean                       → in_step, nothing to do
//   2. the file on disk is not HEAD's content             → file_differs, nothing to do
//      (a hand edit not yet loaded, or a commit being written right now: its writer reloads)
//   3. the service runs a dirty file (not HEAD's bytes)   → reload onto HEAD: the file it
//      loaded was put back to HEAD since (a rolled-back or recovered write), so the bytes it
//      runs are in no commit and no file
//   4. its newest reload was of HEAD and failed           → rejected: the service judged HEAD
//      and kept its config; reloading again would only repeat the verdict (see History)
//   5. otherwise it runs an older commit                  → reload onto HEAD
// After a failed commit attempt only rule 3 applies (scope 'rolled_back'): a service behind
// HEAD then is another console's commit on its way, which that console reloads.
import type { ReconcileOutcome, ReconcileState } from '../contract/console';
import type { ReloadRecord, ReloadStatus } from '../contract/reload';
import type { ServiceStatus } from '../contract/status';
import { allSettledOrThrow } from '../all-settled';
import type { ConsoleContext } from './context';
import { HttpError, toHttpError } from './errors';
import { reloadOnto } from './signal';

export type { ReconcileOutcome, ReconcileState } from '../contract/console';

export type ReconcileScope = 'all' | 'rolled_back';

export interface ReconcileFacts {
  head: { commit: string; content: string };
  /** config.yaml on disk, null when missing. */
  onDisk: string | null;
  service: Pick<ServiceStatus, 'commit' | 'dirty'>;
  /** The service's newest reload record; asked for only when rule 4 needs it. */
  newest: () => Promise<Pick<ReloadRecord, 'commit' | 'dirty' | 'status'> | null>;
}

export type ReconcilePlan = { action: 'none'; state: Exclude<ReconcileState, 'reloaded' | 'failed'> } | { action: 'reload'; why: string };

const FAILED: ReadonlySet<ReloadStatus> = new Set(['load_failed', 'validation_failed', 'apply_failed', 'rolled_back', 'rollback_failed']);

export async function planReconcile(facts: ReconcileFacts, scope: ReconcileScope = 'all'): Promise<ReconcilePlan> {
  const { head, service } = facts;
  if (service.commit === head.commit && !service.dirty) return { action: 'none', state: 'in_step' };
  if (facts.onDisk !== head.content) return { action: 'none', state: 'file_differs' };
  if (service.dirty) return { action: 'reload', why: 'the service runs bytes that are no longer its file: the file was put back to HEAD' };
  if (scope === 'rolled_back') return { action: 'none', state: 'behind' };
  const newest = await facts.newest();
  if (newest?.commit === head.commit && !newest.dirty && FAILED.has(newest.status)) return { action: 'none', state: 'rejected' };
  return { action: 'reload', why: `the service runs ${service.commit?.slice(0, 7) ?? 'no commit'}, HEAD is ${head.commit.slice(0, 7)}, and no reload of HEAD ran` };
}

/** HEAD can move between the look and the reload (the service then answers 409): look again,
 *  a few times; each retry means another commit landed, whose own console reloads it too. */
const MAX_ROUNDS = 3;

/** Looks, and reloads the service onto HEAD when the rules say so. Never throws: a failure
 *  is an outcome (`failed`), since callers run it on their way out of another failure. */
export async function reconcile(ctx: ConsoleContext, opts: { scope?: ReconcileScope; timeoutMs?: number } = {}): Promise<ReconcileOutcome> {
  let head: string | null = null;
  let running: ReconcileOutcome['running'] = null;
  const done = (state: ReconcileState, record: ReloadRecord | null = null, error?: HttpError): ReconcileOutcome => ({
    state,
    head,
    running,
    record,
    ...(error ? { error: { code: error.code, message: error.message } } : {}),
    at: new Date().toISOString(),
  });
  try {
    const repo = await ctx.repo();
    for (let round = 1; ; round++) {
      const [headNow, service, onDisk] = await allSettledOrThrow([repo.head(), ctx.admin.status(), repo.readOnDisk()]);
      head = headNow.commit;
      running = { commit: service.commit, dirty: service.dirty };
      const plan = await planReconcile({ head: headNow, onDisk, service, newest: async () => (await ctx.admin.history({ limit: 1 })).records[0] ?? null }, opts.scope);
      if (plan.action === 'none') return done(plan.state);
      try {
        const record = await reloadOnto(ctx, headNow.commit, { timeoutMs: opts.timeoutMs });
        running = { commit: record.commit, dirty: record.dirty };
        return done('reloaded', record);
      } catch (err) {
        const http = toHttpError(err);
        if (http.code !== 'commit_mismatch' || round === MAX_ROUNDS) throw http;
      }
    }
  } catch (err) {
    return done('failed', null, toHttpError(err));
  }
}

/** One line for the console's log. */
export function describeReconcile(why: string, o: ReconcileOutcome): string {
  const head = o.head?.slice(0, 7) ?? '?';
  const ran = o.running ? `${o.running.commit?.slice(0, 7) ?? 'none'}${o.running.dirty ? ' (dirty)' : ''}` : '?';
  const detail =
    o.state === 'reloaded' ? `reloaded the service onto HEAD ${head}: ${o.record?.status}` :
    o.state === 'failed' ? `could not reconcile: ${o.error?.code}: ${o.error?.message}` :
    `${o.state} (HEAD ${head}, service ${ran})`;
  return `hotconf console reconcile (${why}): ${detail}`;
}
