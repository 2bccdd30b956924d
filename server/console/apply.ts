// Apply = validate, commit, reload (DESIGN §6-§7). An invalid config is refused before git is
// touched (422, located errors). A stale base is refused by the repository (409 with HEAD's
// content, for the editor's three-way merge). Once the commit lands, the service is told to
// load exactly that commit and the caller gets the reload record, whatever its outcome: a
// rolled-back reload is still an answer ("committed, not applied"), shown by the reload view.
// What follows the commit — a superseded commit, a failed signal, a failed attempt whose
// bytes the service may have loaded — is ./after-commit's.
import { z } from 'zod';
import { assertUserRef } from '../git/refs';
import type { ApplyResult } from '../contract/console';
import type { Author } from '../git/author';
import type { ConsoleContext } from './context';
import { checkAfterFailedCommit, reloadOwnCommit } from './after-commit';
import { assertCommitMessage } from './commit-message';
import { consoleFailpoint } from './failpoint';
import { checkInput } from './request';
import { assertValidConfig } from './validate';

export const MAX_CONFIG_BYTES = 1024 * 1024;

export const applyInputSchema = z.object({
  content: z
    .string({ error: 'content must be the YAML text of config.yaml' })
    .refine((s) => Buffer.byteLength(s) <= MAX_CONFIG_BYTES, { error: 'content is larger than 1 MiB' }),
  message: z
    .string({ error: 'message is required: describe the change' })
    .trim()
    .min(1, { error: 'message is required: describe the change' })
    .max(10_000, { error: 'message is longer than 10,000 characters' }),
  base_commit: z.string({ error: 'base_commit is required: the commit your edit started from' }),
});
export type ApplyInput = z.input<typeof applyInputSchema>;


/** Commits as `author`: the signed-in user (DESIGN §6). */
export async function applyConfig(ctx: ConsoleContext, input: unknown, author: Author): Promise<ApplyResult> {
  const { content, message, base_commit } = checkInput(input, applyInputSchema);
  assertCommitMessage(message, author);
  const baseCommit = assertUserRef(base_commit);
  await assertValidConfig(content);
  const repo = await ctx.repo();
  // Commit and reload as one step per console: a second apply must not commit between our
  // commit and our reload, or the service (told to expect our commit) would refuse ours.
  return ctx.serialize(async () => {
    await consoleFailpoint('before-commit');
    const { commit } = await repo.commit({ content, message, baseCommit, author }).catch(async (err: unknown) => {
      await checkAfterFailedCommit(ctx, err);
      throw err;
    });
    await consoleFailpoint('after-commit');
    const result = { commit, ...(await reloadOwnCommit(ctx, commit)) };
    await consoleFailpoint('after-reload');
    return result;
  });
}
