// `--admin-open-reload loopback`: configmap-reload and prometheus-config-reloader, the usual
// Kubernetes sidecars, POST /-/reload with no token. This opt-in lets such a POST through
// when it comes from the same host (a sidecar shares the pod's network namespace, so it
// connects over loopback). It grants exactly what SIGHUP grants: the service re-reads its
// own file. Anything a browser sends (Origin, Sec-Fetch-Site) is refused even from loopback,
// so a web page the operator visits cannot use it.
import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors';

export type OpenReload = 'loopback';

export function parseOpenReload(value: string): OpenReload {
  if (value !== 'loopback') throw new Error(`--admin-open-reload takes "loopback" (token-less POST /-/reload from this host only), not "${value.slice(0, 40)}"`);
  return value;
}

/** Whether this request may reload without the admin token (throws when it claims to and may not). */
export function isOpenReload(req: IncomingMessage, mode: OpenReload | undefined): boolean {
  if (mode !== 'loopback' || req.headers.authorization !== undefined) return false;
  const peer = req.socket.remoteAddress ?? '';
  if (!isLoopback(peer)) {
    throw new HttpError(401, 'unauthorized', 'a reload without the admin token is accepted from this host only (--admin-open-reload loopback): send Authorization: Bearer <admin token>');
  }
  // Browsers send Origin on every cross-origin POST and Sec-Fetch-Site on every request to
  // a trustworthy origin (loopback is one); sidecars (Go's client, curl) send neither.
  if (req.headers.origin !== undefined || req.headers['sec-fetch-site'] !== undefined) {
    throw new HttpError(403, 'forbidden', 'a token-less reload is for sidecars on this host, not for browsers: send Authorization: Bearer <admin token>');
  }
  return true;
}

export function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}
