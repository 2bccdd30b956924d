// The overview's one call: what the service runs, what HEAD is, and how they differ.
import type { ServiceStatus } from './admin-client';
import type { ConsoleContext } from './context';

/**
 * none: the service runs HEAD, byte for byte.
 * behind: it runs another commit (HEAD moved and no reload followed, or HEAD failed to load
 *   and the service kept or fell back to an older one).
 * dirty: its file was edited by hand after the last commit (what `kill -HUP` after an edit gives).
 */
export type Drift = 'none' | 'behind' | 'dirty';

export interface ConsoleStatus extends ServiceStatus {
  head_commit: string;
  drift: Drift;
  /** Who the console commits as, "Name <email>" (the header shows it). */
  user: string;
}

export function driftOf(service: Pick<ServiceStatus, 'commit' | 'dirty'>, headCommit: string): Drift {
  if (service.dirty) return 'dirty';
  return service.commit === headCommit ? 'none' : 'behind';
}

export async function consoleStatus(ctx: ConsoleContext): Promise<ConsoleStatus> {
  const [service, head] = await Promise.all([ctx.admin.status(), ctx.repo().then((r) => r.head())]);
  return { ...service, head_commit: head.commit, drift: driftOf(service, head.commit), user: `${ctx.settings.author.name} <${ctx.settings.author.email}>` };
}
