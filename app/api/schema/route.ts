// GET: the service's JSON Schema of config.yaml, for the editor (no browser→service traffic).
import { authorize } from '@/server/console/auth/authorize';
import { consoleContext } from '@/server/console/context';
import { json, toResponse } from '@/server/console/errors';

export async function GET(req: Request): Promise<Response> {
  try {
    await authorize(req, 'viewer');
    return json(await consoleContext().admin.schema());
  } catch (err) {
    return toResponse(err);
  }
}
