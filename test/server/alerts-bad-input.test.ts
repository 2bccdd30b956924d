// Issue 9, acceptance 3, end to end on a real `hotconf serve`: bad input to the ingest API is
// a 4xx that names the problem, answered in bounded time — malformed JSON, a body over
// webhook.max_body_bytes, one alert with 100,000 labels, invalid UTF-8, wrong types — and a
// catastrophic regex in a route loads and matches a long "aaaa…b" value at once (RE2: no
// backtracking). The service keeps serving throughout and keeps what it had: an alert posted
// before the bad input is stored and notified once, one posted after is notified too.
// (The unit-level answers are in test/server/service-alerts.test.ts and the engine tests;
// this file is the proof through a real process.)
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaptureServer, startCaptureServer } from './alerts/capture-server';
import { type ServiceProcess, freePort, serviceProcess } from '../support/service-process';

const MAX_BODY = 4 * 1024 * 1024;
/** Every bad request must be answered within this, on a loaded 2-core machine. */
const BOUND_MS = 5_000;

let svc: ServiceProcess;
let hook: CaptureServer;
let port: number;
const timings: Record<string, number> = {};

beforeAll(async () => {
  hook = await startCaptureServer();
  port = await freePort();
  svc = await serviceProcess({
    config: [
      'server:',
      '  host: 127.0.0.1',
      `  port: ${port}`,
      '  graceful_shutdown_timeout: 2s',
      'database:',
      '  path: alerts.db',
      'webhook:',
      `  max_body_bytes: ${MAX_BODY}`,
      'route:',
      '  receiver: team',
      '  group_by: [alertname]',
      '  group_wait: 50ms',
      '  group_interval: 300ms',
      '  repeat_interval: 1h',
      '  routes:',
      '    - receiver: regex',
      `      matchers: ['x=~"(a+)+$"']`,
      'receivers:',
      '  - name: team',
      '    webhook_configs:',
      `      - url: ${hook.url('/team')}`,
      '  - name: regex',
      '    webhook_configs:',
      `      - url: ${hook.url('/regex')}`,
      '',
    ].join('\n'),
  });
  await svc.start();
});
afterAll(async () => {
  await svc?.stop();
  svc?.cleanup();
  await hook?.close();
  console.log(`alerts-bad-input answer times (ms): ${JSON.stringify(timings)}`);
});

/** Posts raw bytes (or text) and times the answer. */
async function postRaw(what: string, body: string | Buffer): Promise<{ status: number; body: any; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : new Uint8Array(body), signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  const ms = Math.round(performance.now() - t0);
  timings[what] = ms;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: res.status, body: parsed, ms };
}

async function until<T>(what: string, check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = check();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const notified = (alertname: string) => hook.received.filter((r) => (r.body as { alerts: { labels: Record<string, string> }[] }).alerts.some((a) => a.labels.alertname === alertname));

function storedNames(): string[] {
  const db = new Database(join(svc.dataDir, 'alerts.db'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT labels FROM alerts ORDER BY id').all() as { labels: string }[]).map((r) => (JSON.parse(r.labels) as Record<string, string>).alertname!);
  } finally {
    db.close();
  }
}

describe('bad input to a real service', () => {
  it('answers each bad body with a 4xx naming the problem, in bounded time, and keeps serving and keeping its alerts', async () => {
    const before = await postRaw('good (before)', JSON.stringify([{ labels: { alertname: 'Before' } }]));
    expect(before).toMatchObject({ status: 200, body: { accepted: 1 } });
    await until('the alert posted before', () => notified('Before')[0]);

    const malformed = await postRaw('malformed JSON', '[{"labels": {"alertname": "X"}');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'bad_json' });
    expect(malformed.body.error.message).toMatch(/the body is not JSON/);

    const huge = await postRaw('10 MB body', JSON.stringify([{ labels: { alertname: 'Huge', blob: 'x'.repeat(10 * 1024 * 1024) } }]));
    expect(huge.status).toBe(413);
    expect(huge.body.error).toMatchObject({ code: 'body_too_large' });
    expect(huge.body.error.message).toContain(`${MAX_BODY} bytes`);

    const invalidUtf8 = await postRaw('invalid UTF-8', Buffer.concat([Buffer.from('[{"labels": {"alertname": "'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}}]')]));
    expect(invalidUtf8.status).toBe(400);
    expect(invalidUtf8.body.error).toMatchObject({ code: 'bad_encoding' });
    expect(invalidUtf8.body.error.message).toContain('UTF-8');

    const notAList = await postRaw('wrong type: object body', JSON.stringify({ labels: { alertname: 'X' } }));
    expect(notAList.status).toBe(400);
    expect(JSON.stringify(notAList.body)).toContain('must be a JSON array');
    const numberLabel = await postRaw('wrong type: number label value', JSON.stringify([{ labels: { alertname: 'X', count: 3 } }]));
    expect(numberLabel.status).toBe(400);
    expect(JSON.stringify(numberLabel.body)).toContain('alerts[0].labels.count');
    const stringLabels = await postRaw('wrong type: labels a string', JSON.stringify([{ labels: 'alertname=X' }]));
    expect(stringLabels.status).toBe(400);
    expect(JSON.stringify(stringLabels.body)).toContain('alerts[0].labels');
    const badDate = await postRaw('wrong type: startsAt a number', JSON.stringify([{ labels: { alertname: 'X' }, startsAt: 12 }]));
    expect(badDate.status).toBe(400);
    expect(JSON.stringify(badDate.body)).toContain('alerts[0].startsAt');

    const manyLabels = Object.fromEntries([['alertname', 'ManyLabels'], ...Array.from({ length: 100_000 }, (_, i) => [`l${i}`, 'v'])]);
    const many = await postRaw('100,000 labels', JSON.stringify([{ labels: manyLabels }]));
    expect(many.status).toBe(400);
    expect(many.body.error.message).toBe('alerts[0].labels: 100001 label pairs, more than the 1000 an alert may carry');

    for (const [what, ms] of Object.entries(timings)) expect([what, ms < BOUND_MS]).toEqual([what, true]);

    // Still serving, and still holding what it had: the alert from before is stored once and
    // was notified once; one posted now is notified.
    expect(await postRaw('good (after)', JSON.stringify([{ labels: { alertname: 'After' } }]))).toMatchObject({ status: 200, body: { accepted: 1 } });
    await until('the alert posted after', () => notified('After')[0]);
    expect(notified('Before')).toHaveLength(1);
    await until('both good alerts stored', () => storedNames().includes('After'));
    expect(storedNames()).toEqual(['Before', 'After']);
  });

  it('loads a route with a catastrophic regex and matches a long "aaaa…b" value at once (RE2, no backtracking)', async () => {
    // (a+)+$ backtracks exponentially in a backtracking engine on "aaaa…b"; RE2 is linear.
    const long = 'a'.repeat(100_000) + 'b';
    const t0 = Date.now();
    const res = await postRaw('catastrophic regex, no match', JSON.stringify([{ labels: { alertname: 'Regex', x: long } }, { labels: { alertname: 'RegexHit', x: 'a'.repeat(100_000) } }]));
    expect(res).toMatchObject({ status: 200, body: { accepted: 2 } });
    // "aaaa…b" does not match (a+)+$ (anchored): it goes to team; "aaaa…" matches: regex.
    const miss = await until('the non-matching alert notified to team', () => notified('Regex')[0]);
    const hit = await until('the matching alert notified to regex', () => notified('RegexHit')[0]);
    const ms = Date.now() - t0;
    timings['catastrophic regex: post to both notified'] = ms;
    expect(miss.path).toBe('/team');
    expect(hit.path).toBe('/regex');
    expect(ms).toBeLessThan(BOUND_MS);
    // Still serving.
    expect((await postRaw('good (after regex)', JSON.stringify([{ labels: { alertname: 'AfterRegex' } }]))).status).toBe(200);
    await until('the alert posted after the regex', () => notified('AfterRegex')[0]);
  });
});
