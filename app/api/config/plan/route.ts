// POST { content }: the service's plan for a draft (server/console/config.ts).
import { authorize } from '@/server/console/auth/authorize';
import { planConfig } from '@/server/console/config';
import { consoleContext } from '@/server/console/context';
import { json, toResponse } from '@/server/console/errors';
import { readJson } from '@/server/console/request';

export async function POST(req: Request): Promise<Response> {
  try {
    // Only editors may plan, and they may apply: they get the plan with its detail (secrets
    // resolved, preflight checks run), as the service gives it only to whom may know.
    await authorize(req, 'editor');
    return json(await planConfig(consoleContext(), await readJson(req), { detail: true }));
  } catch (err) {
    return toResponse(err);
  }
}
