// Who is on the other end of the TCP connection. Next.js fills X-Forwarded-For from the socket
// only when the client sent none, so that header is the client's word. The console process
// is started with a preload (server/console/peer-address.mjs) that writes the socket's own
// address into PEER_HEADER on every request, replacing whatever the client sent; this is
// what trusted-proxy mode and the per-address sign-in limit rely on.
import { normalizeAddress } from './settings';

/** Keep in step with server/console/peer-address.mjs. */
export const PEER_HEADER = 'x-hotconf-peer';

export function peerAddress(req: Request): string | undefined {
  const value = req.headers.get(PEER_HEADER);
  return value ? normalizeAddress(value) : undefined;
}

/**
 * The request came over TLS, to this process or to a proxy in front of it that says so.
 * Next.js sets X-Forwarded-Proto from the socket unless the client sent one; a client that
 * claims https only gets a Secure cookie its own plain-http browser will not send back.
 */
export function overTls(req: Request): boolean {
  return req.headers.get('x-forwarded-proto') === 'https';
}
