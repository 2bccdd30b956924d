// GET: the service's alert events (alerts received, delivery attempts), relayed (server/console/events-proxy.ts).
// auth: viewer
import { consoleContext } from '@/server/console/context';
import { toResponse } from '@/server/console/errors';
import { proxyEvents } from '@/server/console/events-proxy';

export async function GET(req: Request): Promise<Response> {
  try {
    return await proxyEvents(consoleContext(), req, 'alerts');
  } catch (err) {
    return toResponse(err);
  }
}
