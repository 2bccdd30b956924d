// How Alertmanager's API v2 answers, so that its generated clients (amtool, Grafana's data
// source) read hotconf's answers as they read Alertmanager's:
// - an error a handler decides on is a bare JSON string: `"silence not found"`;
// - a request that does not fit the OpenAPI spec (a required field missing, a path id that
//   is not a UUID) is go-openapi's `{"code": N, "message": "..."}`, with its status (422).
// Both are HttpErrors here (the one error type); `amErrors` renders them in these shapes.
// Bodies are written as go-openapi writes them (`sendAm`): Go's JSON encoder, so map keys
// sorted by the callers and a closing newline.
// What the router itself answers (404 for an unknown path, 405) keeps hotconf's shape.
import { parseMatcher, type Matcher, MatcherError } from '../../config/matchers';
import type { ServerResponse } from 'node:http';
import { HttpError } from '../errors';
import type { Handler, RequestContext } from '../router';

/** The code an HttpError carries when it is a spec violation: rendered as {code, message}. */
const SPEC = 'openapi_spec';

/** A request that does not fit Alertmanager's OpenAPI spec; `openapiCode` as go-openapi numbers it. */
export function specError(status: number, openapiCode: number, message: string): HttpError {
  return new HttpError(status, SPEC, message, { details: { openapiCode } });
}

/** Wraps an Alertmanager endpoint's handler so its HttpErrors answer in Alertmanager's shapes. */
export function amErrors(handler: Handler): Handler {
  return async (ctx: RequestContext) => {
    try {
      await handler(ctx);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      const body = err.code === SPEC ? { code: err.details?.openapiCode ?? err.status, message: err.message } : err.message;
      sendAm(ctx.res, err.status, body);
    }
  };
}

/** A JSON answer as Alertmanager's API writes one (Go's encoder ends it with a newline). */
export function sendAm(res: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Go marshals a map with its keys sorted. */
export function sortedKeys(map: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.keys(map).sort().map((k) => [k, map[k]!]));
}

/** A boolean query parameter (Alertmanager's `active`, `silenced`, …), `fallback` when absent. */
export function boolParam(url: URL, name: string, fallback: boolean): boolean {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const v = raw.toLowerCase();
  if (['true', '1', 'yes', 'y', 'on', 't'].includes(v)) return true;
  if (['false', '0', 'no', 'n', 'off', 'f'].includes(v)) return false;
  throw specError(400, 601, `${name} in query must be of type bool: ${JSON.stringify(raw)} (write true or false)`);
}

/** The `filter` parameters: one matcher each (`alertname="X"`, `severity=~"crit.*"`). */
export function filterParam(url: URL): Matcher[] {
  return url.searchParams.getAll('filter').map((text) => {
    try {
      return parseMatcher(text);
    } catch (err) {
      if (err instanceof MatcherError) throw new HttpError(400, 'bad_filter', `bad matcher format: ${err.message}`);
      throw err;
    }
  });
}
