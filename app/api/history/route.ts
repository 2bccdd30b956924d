// GET ?cursor=<sha>&limit=: commits with their reload records (server/console/history.ts).
import { authorize } from '@/server/console/auth/authorize';
import { consoleContext } from '@/server/console/context';
import { json, toResponse } from '@/server/console/errors';
import { historyQuery, listHistory } from '@/server/console/history';

export async function GET(req: Request): Promise<Response> {
  try {
    await authorize(req, 'viewer');
    return json(await listHistory(consoleContext(), historyQuery(new URL(req.url).searchParams)));
  } catch (err) {
    return toResponse(err);
  }
}
