// What the page proxy (proxy.ts) adds to every console response: the Content-Security-Policy,
// and for pages, the way to the sign-in page when nobody is signed in.
//
// Pages get a fresh nonce per request: Next.js puts it on its own inline and chunk scripts
// (it reads it from the CSP request header), 'strict-dynamic' lets those load the rest
// (Monaco, its language features), and no other script runs. Monaco's web workers come from
// the app itself or from blob: URLs; Monaco sets inline styles, hence 'unsafe-inline' for
// styles only. API answers are data, never documents: they allow nothing at all.
import { randomBytes } from 'node:crypto';

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function pageCsp(nonce: string, dev = process.env.NODE_ENV !== 'production'): string {
  return [
    "default-src 'self'",
    // next dev evaluates its modules; the production console never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "worker-src 'self' blob:",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Pages anyone may open: the sign-in page itself. */
export function isPublicPage(pathname: string): boolean {
  return pathname === '/signin';
}

/** Where to send a visitor who is not signed in, remembering the page they asked for. */
export function signInLocation(url: URL): URL {
  const target = new URL('/signin', url);
  const back = `${url.pathname}${url.search}`;
  if (back !== '/') target.searchParams.set('next', back);
  return target;
}
