// GET ?filter=&receiver=&status=&commit=&from=&to=&limit=&cursor=: a page of the alert history (server/console/alerts.ts).
import { authorize } from '@/server/console/auth/authorize';
import { consoleContext } from '@/server/console/context';
import { json, toResponse } from '@/server/console/errors';
import { listAlerts } from '@/server/console/alerts';

export async function GET(req: Request): Promise<Response> {
  try {
    await authorize(req, 'viewer');
    return json(await listAlerts(consoleContext(), new URL(req.url).searchParams));
  } catch (err) {
    return toResponse(err);
  }
}
