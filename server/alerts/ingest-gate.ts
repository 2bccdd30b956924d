// The gate in front of the ingest API: body size limit, authentication and a token-bucket
// rate limit, built from `webhook.*`. A reload builds a new gate and swaps it in; the new
// bucket starts full (a reload never throttles clients that were within their limits).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Config } from '../config/schema';

export type WebhookSettings = Config['webhook'];

export class IngestGate {
  readonly maxBodyBytes: number;
  readonly rateLimited: boolean;
  readonly requestsPerSecond: number;
  readonly burst: number;
  readonly authType: WebhookSettings['authentication']['type'];
  /** sha256 of the key: compared in constant time, and the key itself is not kept around. */
  private readonly keyDigest: Buffer | null;
  private tokens: number;
  private lastRefill: number;

  constructor(settings: WebhookSettings, now: number = Date.now()) {
    this.maxBodyBytes = settings.max_body_bytes;
    this.rateLimited = settings.rate_limit.enabled;
    this.requestsPerSecond = settings.rate_limit.requests_per_second;
    this.burst = settings.rate_limit.burst;
    this.authType = settings.authentication.type;
    const key = settings.authentication.api_key;
    if (this.authType === 'api_key' && !key) {
      throw new Error('webhook.authentication.type is api_key but webhook.authentication.api_key is empty: set it (e.g. ${env:INGEST_API_KEY})');
    }
    this.keyDigest = this.authType === 'api_key' && key ? digest(key) : null;
    this.tokens = this.burst;
    this.lastRefill = now;
  }

  /** api_key: `Authorization: Bearer <key>` or `X-API-Key: <key>`; none: everyone. */
  authenticate(headers: IncomingHttpHeaders): boolean {
    if (this.keyDigest === null) return true;
    const presented = bearer(headers.authorization) ?? single(headers['x-api-key']);
    if (presented === undefined) return false;
    return timingSafeEqual(digest(presented), this.keyDigest);
  }

  /** Takes one token; false when the client must slow down (answer 429). */
  tryTake(now: number = Date.now()): boolean {
    if (!this.rateLimited) return true;
    const elapsedMs = Math.max(0, now - this.lastRefill);
    this.tokens = Math.min(this.burst, this.tokens + (elapsedMs / 1000) * this.requestsPerSecond);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Throws when the gate could not work: limits that are not finite positive numbers. */
  check(): void {
    const bad: string[] = [];
    if (!Number.isSafeInteger(this.maxBodyBytes) || this.maxBodyBytes <= 0) bad.push(`max_body_bytes=${this.maxBodyBytes}`);
    if (this.rateLimited) {
      if (!Number.isFinite(this.requestsPerSecond) || this.requestsPerSecond <= 0) bad.push(`rate_limit.requests_per_second=${this.requestsPerSecond}`);
      if (!Number.isFinite(this.burst) || this.burst < 1) bad.push(`rate_limit.burst=${this.burst}`);
    }
    if (bad.length > 0) throw new Error(`ingest gate has unusable limits (${bad.join(', ')}): each must be a finite number above zero`);
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function bearer(header: string | undefined): string | undefined {
  const m = header === undefined ? null : /^Bearer\s+(.+)$/i.exec(header.trim());
  return m ? m[1] : undefined;
}

function single(header: string | string[] | undefined): string | undefined {
  // Node joins repeated X-API-Key headers with ", "; several keys are not one key.
  return typeof header === 'string' && header.length > 0 ? header : undefined;
}
