// The overview's one call: what the service runs, what HEAD is, and how they differ.
import type { ConsoleStatus, Drift } from '../contract/console';
import type { ServiceStatus } from '../contract/status';
import type { Author } from '../git/author';
import { allSettledOrThrow } from '../all-settled';
import type { ConsoleContext } from './context';

export function driftOf(service: Pick<ServiceStatus, 'commit' | 'dirty'>, headCommit: string): Drift {
  if (service.dirty) return 'dirty';
  return service.commit === headCommit ? 'none' : 'behind';
}

/** `user` is the caller: the signed-in user, who the console's commits are authored as. */
export async function consoleStatus(ctx: ConsoleContext, user: Author): Promise<ConsoleStatus> {
  // Both asked at once, and both awaited even when one fails (a test's cleanup once met the
  // files of a git process still reading after a 502).
  const [service, head] = await allSettledOrThrow([ctx.admin.status(), ctx.repo().then((r) => r.head())]);
  return { ...service, head_commit: head.commit, drift: driftOf(service, head.commit), user: `${user.name} <${user.email}>`, reconcile: ctx.lastReconcile };
}
