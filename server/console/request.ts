// Reading and checking request input for the console API: one place decides what bad input
// answers (400 bad_request naming each wrong field, 413 for an oversized body).
import type { z } from 'zod';
import { HttpError } from './errors';

/** Largest body the console accepts: a config is at most 1 MiB, plus JSON escaping. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export async function readJson(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await readText(req, MAX_BODY_BYTES);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'bad_request', 'the request body must be JSON, e.g. {"content": "…"}');
  }
}

/**
 * The body as text, counted as it streams (a chunked body declares no length): past `limit`
 * bytes reading stops and the rest is cancelled, so an oversized body is never held whole.
 */
async function readText(req: Request, limit: number): Promise<string> {
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/** Validates parsed input; the error lists every bad field by name. */
export function checkInput<S extends z.ZodType>(input: unknown, schema: S): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  throw new HttpError(400, 'bad_request', `bad request body: ${problems.join('; ')}`, { details: { problems } });
}

/** An optional whole-number query parameter within [min, max]. */
export function queryInt(query: URLSearchParams, name: string, min: number, max: number): number | undefined {
  const text = query.get(name);
  if (text === null || text === '') return undefined;
  return wholeNumber(text, name, min, max);
}

export function wholeNumber(text: string, name: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d{1,16}$/.test(text) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new HttpError(400, 'bad_request', `${name} must be a whole number between ${min} and ${max}, not "${text.slice(0, 40)}"`);
  }
  return n;
}

function tooLarge(): HttpError {
  return new HttpError(413, 'body_too_large', `the request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`);
}
