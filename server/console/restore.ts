// Restore = a new commit whose config.yaml equals an earlier commit's (history is never
// rewritten, DESIGN §6), then the same reload as an apply. The old content is checked
// against today's schema first: restoring a file the service would reject commits nothing.
import { assertUserRef } from '../git/refs';
import type { RestoreResult } from '../contract/console';
import type { Author } from '../git/author';
import { checkAfterFailedCommit, reloadOwnCommit } from './after-commit';
import type { ConsoleContext } from './context';
import { consoleFailpoint } from './failpoint';
import { assertValidConfig } from './validate';


/** Commits as `author`: the signed-in user (DESIGN §6). */
export async function restoreCommit(ctx: ConsoleContext, sha: string, author: Author): Promise<RestoreResult> {
  const ref = assertUserRef(sha);
  const repo = await ctx.repo();
  const target = await repo.readAt(ref);
  await assertValidConfig(target.content);
  return ctx.serialize(async () => {
    await consoleFailpoint('before-commit');
    const { commit, noop } = await repo.restore(target.commit, author).catch(async (err: unknown) => {
      await checkAfterFailedCommit(ctx, err);
      throw err;
    });
    await consoleFailpoint('after-commit');
    const result = { commit, noop, ...(await reloadOwnCommit(ctx, commit)) };
    await consoleFailpoint('after-reload');
    return result;
  });
}
