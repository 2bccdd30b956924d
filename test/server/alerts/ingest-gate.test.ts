import { describe, expect, it } from 'vitest';
import { IngestGate, type WebhookSettings } from '../../../server/alerts/ingest-gate';

const settings = (over: Partial<WebhookSettings> = {}): WebhookSettings => ({
  max_body_bytes: 1024,
  rate_limit: { enabled: true, requests_per_second: 10, burst: 3 },
  authentication: { type: 'none' },
  ...over,
});

describe('IngestGate', () => {
  it('lets everyone in when authentication is none', () => {
    expect(new IngestGate(settings()).authenticate({})).toBe(true);
  });

  it('accepts the api key as a Bearer token or an X-API-Key header, and nothing else', () => {
    const gate = new IngestGate(settings({ authentication: { type: 'api_key', api_key: 's3cret' } }));
    expect(gate.authenticate({ authorization: 'Bearer s3cret' })).toBe(true);
    expect(gate.authenticate({ 'x-api-key': 's3cret' })).toBe(true);
    expect(gate.authenticate({ authorization: 'Basic czNjcmV0' , 'x-api-key': 's3cret' })).toBe(true);
    expect(gate.authenticate({ authorization: 'Bearer s3cre' })).toBe(false);
    expect(gate.authenticate({ 'x-api-key': 's3cret, s3cret' })).toBe(false);
    expect(gate.authenticate({})).toBe(false);
  });

  it('refuses to build api_key authentication without a key', () => {
    expect(() => new IngestGate(settings({ authentication: { type: 'api_key' } }))).toThrow(/api_key is empty/);
  });

  it('allows a burst, then the sustained rate', () => {
    const gate = new IngestGate(settings(), 0);
    expect([gate.tryTake(0), gate.tryTake(0), gate.tryTake(0), gate.tryTake(0)]).toEqual([true, true, true, false]);
    expect(gate.tryTake(50)).toBe(false); // half a token after 50 ms at 10/s
    expect(gate.tryTake(100)).toBe(true);
    expect(gate.tryTake(10_000) && gate.tryTake(10_000) && gate.tryTake(10_000)).toBe(true);
    expect(gate.tryTake(10_000)).toBe(false); // refill is capped at the burst
  });

  it('never limits when rate limiting is disabled', () => {
    const gate = new IngestGate(settings({ rate_limit: { enabled: false, requests_per_second: 1, burst: 1 } }), 0);
    expect(Array.from({ length: 100 }, () => gate.tryTake(0)).every(Boolean)).toBe(true);
  });

  it('passes its check with finite positive limits and fails it otherwise', () => {
    expect(() => new IngestGate(settings()).check()).not.toThrow();
    expect(() => new IngestGate(settings({ rate_limit: { enabled: true, requests_per_second: Number.POSITIVE_INFINITY, burst: 3 } })).check()).toThrow(/requests_per_second=Infinity/);
    expect(() => new IngestGate(settings({ max_body_bytes: 0 })).check()).toThrow(/max_body_bytes=0/);
  });
});
