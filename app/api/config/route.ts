// GET: config.yaml at HEAD. POST: validate, commit and reload (server/console/apply.ts).
import { authorize } from '@/server/console/auth/authorize';
import { applyConfig } from '@/server/console/apply';
import { readHeadConfig } from '@/server/console/config';
import { consoleContext } from '@/server/console/context';
import { json, toResponse } from '@/server/console/errors';
import { readJson } from '@/server/console/request';

export async function GET(req: Request): Promise<Response> {
  try {
    await authorize(req, 'viewer');
    return json(await readHeadConfig(consoleContext()));
  } catch (err) {
    return toResponse(err);
  }
}

export async function POST(req: Request): Promise<Response> {
  try {
    const user = await authorize(req, 'editor');
    return json(await applyConfig(consoleContext(), await readJson(req), user), 201);
  } catch (err) {
    return toResponse(err);
  }
}
