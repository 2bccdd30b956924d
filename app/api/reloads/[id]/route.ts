// GET: one reload record by id (server/console/reloads.ts).
import { authorize } from '@/server/console/auth/authorize';
import { consoleContext } from '@/server/console/context';
import { json, toResponse } from '@/server/console/errors';
import { reloadById } from '@/server/console/reloads';

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    await authorize(req, 'viewer');
    return json(await reloadById(consoleContext(), (await params).id));
  } catch (err) {
    return toResponse(err);
  }
}
