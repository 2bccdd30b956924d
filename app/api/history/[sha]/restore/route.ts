// POST: restore this commit's config as a new commit, then reload (server/console/restore.ts).
import { consoleContext } from '@/server/console/context';
import { json, toResponse } from '@/server/console/errors';
import { restoreCommit } from '@/server/console/restore';

export async function POST(_req: Request, { params }: { params: Promise<{ sha: string }> }): Promise<Response> {
  try {
    return json(await restoreCommit(consoleContext(), (await params).sha), 201);
  } catch (err) {
    return toResponse(err);
  }
}
