// GET: the service's status plus HEAD, drift and the signed-in user (server/console/status.ts).
import { authorize } from '@/server/console/auth/authorize';
import { consoleContext } from '@/server/console/context';
import { json, toResponse } from '@/server/console/errors';
import { consoleStatus } from '@/server/console/status';

export async function GET(req: Request): Promise<Response> {
  try {
    const user = await authorize(req, 'viewer');
    return json(await consoleStatus(consoleContext(), user));
  } catch (err) {
    return toResponse(err);
  }
}
