// Cross-site request refusal for every mutating console route (DESIGN §9). A browser lets
// any page send a "simple" request — a form post, or a no-cors fetch with a text/plain body —
// to any origin, with the console's cookies if SameSite did not stop them. Such a request can
// never carry Content-Type: application/json (that needs a CORS preflight, which the console
// never answers), so requiring it refuses them all; the Origin check refuses the rest.
import { HttpError } from '../errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isMutating(req: Request): boolean {
  return !SAFE_METHODS.has(req.method.toUpperCase());
}

/** A mutating request must declare a JSON body. */
export function assertJsonRequest(req: Request): void {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    const sent = type ? `Content-Type ${type.slice(0, 60)}` : 'no Content-Type';
    throw new HttpError(403, 'json_required', `${req.method} ${new URL(req.url).pathname} was sent with ${sent}: the console accepts only Content-Type: application/json on requests that change something (forms and text/plain bodies are refused as cross-site requests); nothing was changed`);
  }
}

/**
 * A request authenticated by the browser (cookie, or the SSO proxy's header) must come from
 * the console's own pages: Origin equal to the console's host, or, when a browser sends no
 * Origin, Sec-Fetch-Site: same-origin.
 */
export function assertSameOrigin(req: Request): void {
  const origin = req.headers.get('origin');
  const host = req.headers.get('host');
  if (origin !== null) {
    if (origin !== 'null' && host !== null && hostOf(origin) === host.toLowerCase()) return;
    throw new HttpError(403, 'cross_origin', `refused a ${req.method} from origin ${origin.slice(0, 100)}: the console accepts changes only from its own pages (origin http(s)://${(host ?? '').slice(0, 100)}) or with an API token (Authorization: Bearer); nothing was changed`);
  }
  if (req.headers.get('sec-fetch-site') === 'same-origin') return;
  throw new HttpError(403, 'cross_origin', `refused a ${req.method} without an Origin header: a signed-in browser sends one; scripts authenticate with an API token (Authorization: Bearer, from \`hotconf token create NAME\`); nothing was changed`);
}

function hostOf(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
