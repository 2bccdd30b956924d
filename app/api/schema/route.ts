// GET: the service's JSON Schema of config.yaml, for the editor (no browser→service traffic).
import { consoleContext } from '@/server/console/context';
import { json, toResponse } from '@/server/console/errors';

export async function GET(): Promise<Response> {
  try {
    return json(await consoleContext().admin.schema());
  } catch (err) {
    return toResponse(err);
  }
}
