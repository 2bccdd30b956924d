// Reading the config and planning a draft: the editor's two calls before Apply.
import { z } from 'zod';
import type { Plan } from '../contract/plan';
import type { ConsoleContext } from './context';
import { checkInput } from './request';

export async function readHeadConfig(ctx: ConsoleContext): Promise<{ content: string; commit: string }> {
  const repo = await ctx.repo();
  const { content, commit } = await repo.head();
  return { content, commit };
}

const planInputSchema = z.object({
  content: z.string({ error: 'content must be the YAML text to plan' }),
});

/** The service's dry run of a draft: errors, changes, components, preflight checks. */
export async function planConfig(ctx: ConsoleContext, input: unknown): Promise<Plan> {
  const { content } = checkInput(input, planInputSchema);
  return ctx.admin.plan(content);
}
