// GET: one commit's content, parent, diff and reload record (server/console/history.ts).
import { authorize } from '@/server/console/auth/authorize';
import { consoleContext } from '@/server/console/context';
import { json, toResponse } from '@/server/console/errors';
import { commitDetail } from '@/server/console/history';

export async function GET(req: Request, { params }: { params: Promise<{ sha: string }> }): Promise<Response> {
  try {
    await authorize(req, 'viewer');
    return json(await commitDetail(consoleContext(), (await params).sha));
  } catch (err) {
    return toResponse(err);
  }
}
