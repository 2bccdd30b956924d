// POST {"user","password"}: sign in (204 + session cookie). DELETE: sign out. GET: who is
// signed in. (server/console/auth/signin.ts)
import { currentUser, signIn, signOut } from '@/server/console/auth/signin';
import { json, toResponse } from '@/server/console/errors';

export async function GET(req: Request): Promise<Response> {
  try {
    return json(await currentUser(req));
  } catch (err) {
    return toResponse(err);
  }
}

export async function POST(req: Request): Promise<Response> {
  try {
    return await signIn(req);
  } catch (err) {
    return toResponse(err);
  }
}

export async function DELETE(req: Request): Promise<Response> {
  try {
    return await signOut(req);
  } catch (err) {
    return toResponse(err);
  }
}
