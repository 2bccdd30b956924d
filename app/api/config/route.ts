// GET: config.yaml at HEAD. POST: validate, commit and reload (server/console/apply.ts).
import { applyConfig } from '@/server/console/apply';
import { readHeadConfig } from '@/server/console/config';
import { consoleContext } from '@/server/console/context';
import { json, toResponse } from '@/server/console/errors';
import { readJson } from '@/server/console/request';

export async function GET(): Promise<Response> {
  try {
    return json(await readHeadConfig(consoleContext()));
  } catch (err) {
    return toResponse(err);
  }
}

export async function POST(req: Request): Promise<Response> {
  try {
    return json(await applyConfig(consoleContext(), await readJson(req)), 201);
  } catch (err) {
    return toResponse(err);
  }
}
