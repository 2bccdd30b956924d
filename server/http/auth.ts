// Bearer-token check for every admin call but the probes and the metrics. Constant-time comparison, and the token never
// appears in an error message or a log line.
import { timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors';

export function requireToken(req: IncomingMessage, token: string): void {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) {
    throw new HttpError(401, 'unauthorized', 'the admin API needs the admin token: send Authorization: Bearer <admin token> (the token is in HOTCONF_ADMIN_TOKEN or <data dir>/admin-token); only /-/healthy, /-/ready and /metrics are open');
  }
  // Hash both sides so the comparison is constant-time regardless of length.
  const given = createHash('sha256').update(m[1]!).digest();
  const expected = createHash('sha256').update(token).digest();
  if (!timingSafeEqual(given, expected)) throw new HttpError(403, 'forbidden', 'the admin token is wrong');
}
