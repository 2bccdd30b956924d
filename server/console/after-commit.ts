// What happens once this console's commit has landed (apply and restore share it): reload
// the service onto it and answer with the outcome. Two outcomes need more than the reload:
//
// - Superseded: another console committed on top of ours before our reload ran, so the
//   service (rightly) refuses to load ours: 409 commit_mismatch from the service, or in pid
//   mode a file that moved on. That is not a failure: our commit is in history and HEAD
//   descends from it. The console makes sure the service runs HEAD (./reconcile) and
//   answers 201 with `superseded_by` (HEAD) and `reload` = the reload that loaded HEAD.
// - Any other failed signal (service down, timeout, a file edited by hand): the error says
//   the commit landed (./signal), and a reconcile is queued behind this flow, so a service
//   that comes back, or a signal that was lost, still ends on HEAD.
//
// And before the commit lands: a failed commit attempt rolls the file back to HEAD
// (server/git/write.ts). If the service loaded the attempt's bytes meanwhile (an operator's
// SIGHUP while a pre-commit hook ran), those bytes are now in no commit and no file; the
// console reloads the service back onto HEAD before answering (checkAfterFailedCommit).
import type { ReloadRecord } from '../contract/reload';
import { InputError, RepoBusyError } from '../git/errors';
import { RefError } from '../git/refs';
import type { CommitInfo, SupersededBy } from '../contract/console';
import type { ConsoleContext } from './context';
import { HttpError, toHttpError } from './errors';
import { newestReloads } from './history';
import { reconcileSoon, runReconcile } from './reconciler';
import { reloadCommit } from './signal';

export interface AfterCommit {
  reload: ReloadRecord;
  superseded_by?: SupersededBy;
}

/** How far back from HEAD our commit is looked for when the service refuses it. */
const SUPERSEDED_SEARCH = 20;

export async function reloadOwnCommit(ctx: ConsoleContext, commit: string): Promise<AfterCommit> {
  try {
    return { reload: await reloadCommit(ctx, commit) };
  } catch (err) {
    const http = toHttpError(err);
    if (http.code === 'commit_mismatch') {
      const newer = await supersedingHead(ctx, commit).catch(() => null);
      if (newer) return settleSuperseded(ctx, commit, newer, http);
      // The file is not our commit and HEAD did not move past it: edited by hand. Nothing to
      // reload (the reconcile rules leave a hand edit alone); the 409 says so.
      await runReconcile(ctx, 'failed_signal');
      throw http;
    }
    reconcileSoon(ctx, 'failed_signal');
    throw http;
  }
}

/**
 * After a commit attempt failed (nothing landed): put back what the service may have loaded.
 * Failures the repository raises before touching the file (bad input, nothing to commit, an
 * unknown ref, the writer lock held elsewhere) need no look.
 */
export async function checkAfterFailedCommit(ctx: ConsoleContext, err: unknown): Promise<void> {
  if (err instanceof InputError || err instanceof RepoBusyError || err instanceof RefError) return;
  await runReconcile(ctx, 'failed_commit', 'rolled_back');
}

/** HEAD, when it is a descendant of `commit` (in the last few commits of the config). */
async function supersedingHead(ctx: ConsoleContext, commit: string): Promise<CommitInfo | null> {
  const repo = await ctx.repo();
  const { commits } = await repo.log({ limit: SUPERSEDED_SEARCH });
  const ours = commits.findIndex((c) => c.sha === commit);
  const head = await repo.head();
  return ours > 0 && commits[0]?.sha === head.commit ? commits[0] : null;
}

async function settleSuperseded(ctx: ConsoleContext, commit: string, newer: CommitInfo, refused: HttpError): Promise<AfterCommit> {
  const superseded_by: SupersededBy = { commit: newer.sha, short: newer.short, author: newer.author, date: newer.date, subject: newer.subject };
  const outcome = await runReconcile(ctx, 'superseded');
  if (outcome.state === 'reloaded' || outcome.state === 'rejected' || outcome.state === 'in_step') {
    // In step: the newer commit's own console (or an earlier reconcile) reloaded it; find
    // that reload. HEAD may have moved once more meanwhile; the answer names what it saw.
    const reload = outcome.record ?? (outcome.head ? await reloadOf(ctx, outcome.head, newer.date) : null);
    if (reload) return { reload, superseded_by };
  }
  const [status, code, why] =
    outcome.state === 'failed' ? [502, outcome.error?.code ?? 'reconcile_failed', outcome.error?.message] :
    outcome.state === 'file_differs' ? [409, 'commit_mismatch', 'its config file is edited by hand, so it was left as it is'] :
    [502, 'reload_record_missing', "the service runs it, but that reload is no longer in the service's history"];
  throw new HttpError(status, code, `committed ${commit.slice(0, 7)}, then ${newer.short} (${newer.author}: "${newer.subject}") landed on top of it before the service reloaded; the service could not be brought onto ${newer.short}: ${why}`, {
    details: { commit, superseded_by, service: refused.details },
    cause: refused,
  });
}

async function reloadOf(ctx: ConsoleContext, sha: string, date: string): Promise<ReloadRecord | null> {
  const found = await newestReloads(ctx.admin, [{ sha, date }]).catch(() => null);
  return found?.get(sha) ?? null;
}
