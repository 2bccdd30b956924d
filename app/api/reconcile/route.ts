// POST: reconcile the service with HEAD (server/console/reconciler.ts). startConsole sends
// {"reason":"start"} once the console answers; an operator or script may ask at any time.
// It runs here, in a route, rather than in Next's instrumentation hook: that hook is bundled
// apart from the routes, and a second copy of the console and git modules in one process
// would share the repository but not its classes (instanceof) nor its writer-lock state.
import { authorize } from '@/server/console/auth/authorize';
import { consoleContext } from '@/server/console/context';
import { json, toResponse } from '@/server/console/errors';
import { requestReconcile } from '@/server/console/reconciler';
import { readJson } from '@/server/console/request';

export async function POST(req: Request): Promise<Response> {
  try {
    await authorize(req, 'editor', { launcher: true });
    const body = req.headers.get('content-length') === '0' || req.body === null ? {} : await readJson(req);
    const result = await requestReconcile(consoleContext(), body);
    return json(result, 'started' in result ? 202 : 200);
  } catch (err) {
    return toResponse(err);
  }
}
