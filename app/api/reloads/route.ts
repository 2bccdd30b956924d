// GET ?limit=&before=: the service's reload records, newest first (server/console/reloads.ts).
import { authorize } from '@/server/console/auth/authorize';
import { consoleContext } from '@/server/console/context';
import { json, toResponse } from '@/server/console/errors';
import { listReloads } from '@/server/console/reloads';

export async function GET(req: Request): Promise<Response> {
  try {
    await authorize(req, 'viewer');
    return json(await listReloads(consoleContext(), new URL(req.url).searchParams));
  } catch (err) {
    return toResponse(err);
  }
}
