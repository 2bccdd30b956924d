// GET: the service's status plus HEAD, drift and the committing user (server/console/status.ts).
import { consoleContext } from '@/server/console/context';
import { json, toResponse } from '@/server/console/errors';
import { consoleStatus } from '@/server/console/status';

export async function GET(): Promise<Response> {
  try {
    return json(await consoleStatus(consoleContext()));
  } catch (err) {
    return toResponse(err);
  }
}
