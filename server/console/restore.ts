// Restore = a new commit whose config.yaml equals an earlier commit's (history is never
// rewritten, DESIGN §6), then the same reload as an apply. The old content is checked
// against today's schema first: restoring a file the service would reject commits nothing.
import { assertUserRef } from '../git/refs';
import type { RestoreResult } from '../contract/console';
import type { ConsoleContext } from './context';
import { reloadCommit } from './signal';
import { assertValidConfig } from './validate';


export async function restoreCommit(ctx: ConsoleContext, sha: string): Promise<RestoreResult> {
  const ref = assertUserRef(sha);
  const repo = await ctx.repo();
  const target = await repo.readAt(ref);
  assertValidConfig(target.content);
  return ctx.serialize(async () => {
    const { commit, noop } = await repo.restore(target.commit, ctx.settings.author);
    const reload = await reloadCommit(ctx, commit);
    return { commit, reload, noop };
  });
}
