// The silences API as Alertmanager 0.25 serves it (api/v2/api.go, silence/silence.go):
//   GET    /api/v2/silences[?filter=…]  every silence (expired ones too, until the engine
//                                        forgets them), active first (soonest to end), then
//                                        pending (soonest to start), then expired (latest
//                                        first); a filter keeps silences that have a matcher
//                                        with exactly that name, operator and value;
//   POST   /api/v2/silences             create (no id) or update (an existing id: in place
//                                        when Alertmanager allows it, else the old one
//                                        expires and a new id is answered) → {silenceID};
//   GET    /api/v2/silence/{id}         one silence, 404 when unknown;
//   DELETE /api/v2/silence/{id}         expire it (an unknown id is Alertmanager's 500
//                                        "silence not found": its spec defines no 404 here,
//                                        and its clients only read a 500).
// Writes follow `webhook.authentication`, as the ingest API does; reads are open, as
// Alertmanager's are. Errors read as Alertmanager's, word for word where amtool shows them.
import type { AlertEngine } from '../../alerts/engine/engine';
import { type Silence, SilenceError, type SilenceMatcher, SilenceNotFound, silenceState } from '../../alerts/engine/silences';
import type { IngestGate } from '../../alerts/ingest-gate';
import type { Matcher } from '../../config/matchers';
import { HttpError } from '../errors';
import { type RequestContext, readBody } from '../router';
import { iso } from './alerts-read';
import { filterParam, sendAm, specError } from './respond';

export interface SilencesApiDeps {
  engine: AlertEngine;
  /** The live ingest gate: its authentication guards the writes. */
  gate(): IngestGate | null;
}

export const SILENCE_PATH = '/api/v2/silence/';

export function getSilences({ res, url }: RequestContext, deps: SilencesApiDeps): void {
  const filter = filterParam(url);
  const now = Date.now();
  const found = deps.engine.silences.list().filter((s) => filter.every((f) => s.matchers.some((m) => sameMatcher(f, m))));
  sendAm(res, 200, sortSilences(found, now).map((s) => gettable(s, now)));
}

export async function postSilence(ctx: RequestContext, deps: SilencesApiDeps): Promise<void> {
  const gate = authorize(ctx, deps);
  const input = readSilence(await readBody(ctx.req, gate.maxBodyBytes));
  if (input.startsAt >= input.endsAt) throw new HttpError(400, 'bad_silence', 'Failed to create silence: start time must be before end time');
  const now = Date.now();
  if (input.endsAt < now) throw new HttpError(400, 'bad_silence', "Failed to create silence: end time can't be in the past");
  let silenceID: string;
  try {
    silenceID = deps.engine.silences.set(input, now);
  } catch (err) {
    if (err instanceof SilenceNotFound) throw new HttpError(404, 'not_found', 'silence not found');
    if (err instanceof SilenceError) throw new HttpError(400, 'bad_silence', `silence invalid: ${err.message}`);
    throw err;
  }
  sendAm(ctx.res, 200, { silenceID });
}

export function getSilence(ctx: RequestContext, deps: SilencesApiDeps): void {
  const silence = deps.engine.silences.get(silenceId(ctx));
  if (!silence) {
    ctx.res.writeHead(404, { 'content-length': 0 }).end();
    return;
  }
  sendAm(ctx.res, 200, gettable(silence, Date.now()));
}

export function deleteSilence(ctx: RequestContext, deps: SilencesApiDeps): void {
  authorize(ctx, deps);
  try {
    deps.engine.silences.expire(silenceId(ctx), Date.now());
  } catch (err) {
    if (err instanceof SilenceNotFound) throw new HttpError(500, 'not_found', 'silence not found');
    throw err;
  }
  ctx.res.writeHead(200, { 'content-length': 0 }).end();
}

function authorize(ctx: RequestContext, deps: SilencesApiDeps): IngestGate {
  const gate = deps.gate();
  if (!gate) throw new HttpError(503, 'not_ready', 'the service is starting: silences can be written once its first config is loaded');
  if (!gate.authenticate(ctx.req.headers)) throw new HttpError(401, 'unauthorized', 'writing silences needs the ingest API key (webhook.authentication): send it as Authorization: Bearer <key> or X-API-Key');
  return gate;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function silenceId({ url }: RequestContext): string {
  // Not decoded: a UUID has nothing to decode, and whatever has (a bad %-escape too) is not one.
  const id = url.pathname.slice(SILENCE_PATH.length);
  if (!UUID.test(id)) throw specError(422, 601, `silenceID in path must be of type uuid: ${JSON.stringify(id)}`);
  return id;
}

type SilenceInput = Omit<Silence, 'id' | 'updatedAt'> & { id?: string };

/**
 * A postableSilence as go-openapi reads it: JSON, then the spec's required fields and types
 * (a missing one is a 422 naming it, as Alertmanager answers), then the matchers in the
 * engine's form (isEqual defaults to true).
 */
function readSilence(text: string): SilenceInput {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw specError(400, 400, `parsing silence body failed, because ${(err as Error).message}`);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw specError(400, 400, 'parsing silence body failed, because it is not a JSON object: send {"matchers": [...], "startsAt", "endsAt", "createdBy", "comment"}');
  const b = body as Record<string, unknown>;
  for (const field of ['comment', 'createdBy', 'endsAt', 'matchers', 'startsAt']) {
    if (b[field] === undefined || b[field] === null) throw specError(422, 602, `${field} in body is required`);
  }
  for (const field of ['comment', 'createdBy', 'endsAt', 'startsAt', 'id']) {
    if (b[field] !== undefined && typeof b[field] !== 'string') throw specError(422, 601, `${field} in body must be of type string: ${JSON.stringify(typeof b[field])}`);
  }
  if (!Array.isArray(b.matchers)) throw specError(422, 601, `matchers in body must be of type array: ${JSON.stringify(typeof b.matchers)}`);
  if (b.matchers.length === 0) throw specError(422, 612, 'matchers in body should have at least 1 items');
  const matchers = b.matchers.map((m, i) => readMatcher(m, `matchers.${i}`));
  return {
    ...(b.id ? { id: b.id as string } : {}),
    matchers,
    startsAt: time(b.startsAt as string, 'startsAt'),
    endsAt: time(b.endsAt as string, 'endsAt'),
    createdBy: b.createdBy as string,
    comment: b.comment as string,
  };
}

function readMatcher(raw: unknown, at: string): SilenceMatcher {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw specError(422, 601, `${at} in body must be of type object: ${JSON.stringify(raw)}`);
  const m = raw as Record<string, unknown>;
  for (const field of ['isRegex', 'name', 'value']) {
    if (m[field] === undefined || m[field] === null) throw specError(422, 602, `${at}.${field} in body is required`);
  }
  for (const [field, type] of [['name', 'string'], ['value', 'string'], ['isRegex', 'boolean'], ['isEqual', 'boolean']] as const) {
    if (m[field] !== undefined && typeof m[field] !== type) throw specError(422, 601, `${at}.${field} in body must be of type ${type === 'boolean' ? 'bool' : type}: ${JSON.stringify(typeof m[field])}`);
  }
  // The engine compares matchers field by field in this order (an update keeps its id only
  // when they are the same).
  return { name: m.name as string, value: m.value as string, isRegex: m.isRegex as boolean, isEqual: (m.isEqual as boolean | undefined) ?? true };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function time(text: string, field: string): number {
  const ms = RFC3339.test(text) ? Date.parse(text) : NaN;
  if (!Number.isFinite(ms)) throw specError(400, 400, `parsing silence body failed, because ${field} ${JSON.stringify(text)} is not an RFC 3339 date-time (e.g. 2026-11-27T10:00:00Z)`);
  return ms;
}

function sameMatcher(filter: Matcher, m: SilenceMatcher): boolean {
  const op = m.isRegex ? (m.isEqual ? '=~' : '!~') : m.isEqual ? '=' : '!=';
  return filter.name === m.name && filter.op === op && filter.value === m.value;
}

const STATE_ORDER = { active: 1, pending: 2, expired: 3 } as const;

/** Alertmanager's SortSilences. */
function sortSilences(silences: Silence[], now: number): Silence[] {
  return silences.sort((a, b) => {
    const sa = silenceState(a, now);
    const sb = silenceState(b, now);
    if (sa !== sb) return STATE_ORDER[sa] - STATE_ORDER[sb];
    if (sa === 'active') return a.endsAt - b.endsAt;
    if (sa === 'pending') return a.startsAt - b.startsAt;
    return b.endsAt - a.endsAt;
  });
}

function gettable(s: Silence, now: number) {
  return {
    id: s.id,
    status: { state: silenceState(s, now) },
    updatedAt: iso(s.updatedAt),
    comment: s.comment,
    createdBy: s.createdBy,
    endsAt: iso(s.endsAt),
    matchers: s.matchers.map((m) => ({ isEqual: m.isEqual, isRegex: m.isRegex, name: m.name, value: m.value })),
    startsAt: iso(s.startsAt),
  };
}
