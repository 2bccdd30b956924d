// Runs before every console request (Next.js "proxy", Node runtime): the Host check, security
// headers that need a per-request value, and the sign-in gate for pages. The API routes check the caller
// themselves (server/console/auth/authorize.ts), so this is never the only check.
import { NextResponse, type NextRequest } from 'next/server';
import { identify } from './server/console/auth/authorize';
import { API_CSP, isPublicPage, newNonce, pageCsp, signInLocation } from './server/console/auth/page-policy';
import { consoleAuth } from './server/console/auth/state';
import { consoleHostPolicy } from './server/console/host-policy';
import { checkHost } from './server/http/host-check';

export async function proxy(req: NextRequest): Promise<NextResponse> {
  // Before anything else: a foreign Host is a page that rebound its name to this console.
  const refused = checkHost(req.headers.get('host'), consoleHostPolicy());
  if (refused) return NextResponse.json({ error: { code: refused.code, message: refused.message } }, { status: refused.status, headers: { 'Cache-Control': 'no-store' } });
  const { pathname } = req.nextUrl;
  if (pathname.startsWith('/api/')) {
    const res = NextResponse.next();
    res.headers.set('Content-Security-Policy', API_CSP);
    return res;
  }
  const nonce = newNonce();
  const csp = pageCsp(nonce);
  const res = isPublicPage(pathname) || (await signedIn(req)) ? nextWithNonce(req, csp) : NextResponse.redirect(signInLocation(req.nextUrl));
  res.headers.set('Content-Security-Policy', csp);
  return res;
}

function nextWithNonce(req: NextRequest, csp: string): NextResponse {
  const headers = new Headers(req.headers);
  headers.set('Content-Security-Policy', csp);
  return NextResponse.next({ request: { headers } });
}

async function signedIn(req: NextRequest): Promise<boolean> {
  try {
    return (await identify(req, consoleAuth())) !== null;
  } catch {
    // A bad token or an unknown proxy user: not signed in; the sign-in page says what to do.
    return false;
  }
}

export const config = {
  // Static chunks and images carry no session and need no policy of their own.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
