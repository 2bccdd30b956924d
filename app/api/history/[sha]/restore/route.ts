// POST: restore this commit's config as a new commit, then reload (server/console/restore.ts).
import { authorize } from '@/server/console/auth/authorize';
import { consoleContext } from '@/server/console/context';
import { json, toResponse } from '@/server/console/errors';
import { restoreCommit } from '@/server/console/restore';

export async function POST(req: Request, { params }: { params: Promise<{ sha: string }> }): Promise<Response> {
  try {
    const user = await authorize(req, 'editor');
    return json(await restoreCommit(consoleContext(), (await params).sha, user), 201);
  } catch (err) {
    return toResponse(err);
  }
}
