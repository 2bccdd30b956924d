// GET (the alert history's parameters, plus integration=): a page of delivery attempts (server/console/alerts.ts).
import { authorize } from '@/server/console/auth/authorize';
import { consoleContext } from '@/server/console/context';
import { json, toResponse } from '@/server/console/errors';
import { listNotifications } from '@/server/console/alerts';

export async function GET(req: Request): Promise<Response> {
  try {
    await authorize(req, 'viewer');
    return json(await listNotifications(consoleContext(), new URL(req.url).searchParams));
  } catch (err) {
    return toResponse(err);
  }
}
