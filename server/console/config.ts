// Reading the config and planning a draft: the editor's two calls before Apply.
import { z } from 'zod';
import { ConfigError } from '../config/errors';
import { checkText } from '../config/read-yaml';
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

/**
 * The service's dry run of a draft: errors, changes, components. `detail` (secrets resolved,
 * preflight checks run) is for callers allowed to apply — the route passes it once it knows
 * the caller's role; until then nobody gets it, since the service's answer would tell any
 * caller whether a file exists, a variable is set or a port is in use.
 */
export async function planConfig(ctx: ConsoleContext, input: unknown, { detail = false }: { detail?: boolean } = {}): Promise<Plan> {
  const { content } = checkInput(input, planInputSchema);
  // The draft goes to the service as UTF-8: a text that cannot be written so (half of a
  // surrogate pair) is answered here, located, rather than sent on with the character
  // silently replaced.
  try {
    checkText(content);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return { valid: false, errors: err.issues, warnings: [], changes: [], components: [], restart_required: [], summary: `${err.issues.length} error (the file does not load): nothing would change` };
  }
  return ctx.admin.plan(content, { detail });
}
