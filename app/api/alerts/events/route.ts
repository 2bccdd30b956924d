// GET: the service's alert events (alerts received, delivery attempts), relayed (server/console/events-proxy.ts).
import { authorize } from '@/server/console/auth/authorize';
import { consoleContext } from '@/server/console/context';
import { toResponse } from '@/server/console/errors';
import { proxyEvents } from '@/server/console/events-proxy';

export async function GET(req: Request): Promise<Response> {
  try {
    await authorize(req, 'viewer');
    return await proxyEvents(consoleContext(), req, 'alerts');
  } catch (err) {
    return toResponse(err);
  }
}
