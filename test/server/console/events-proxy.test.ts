import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleContext, type ConsoleContext } from '../../../server/console/context';
import { proxyEvents, RECONNECT_MS } from '../../../server/console/events-proxy';
import { freePort } from '../../../server/console/start';
import { startFakeAdmin, type FakeAdmin } from './fake-admin';

let admin: FakeAdmin;
let ctx: ConsoleContext;

function contextFor(serviceUrl: string): ConsoleContext {
  return createConsoleContext({ repoDir: '/nonexistent', serviceUrl, adminToken: 't', signal: { mode: 'api' }, remote: undefined }, { eventLingerMs: 0 });
}

beforeEach(async () => {
  admin = await startFakeAdmin();
  ctx = contextFor(admin.url);
});
afterEach(async () => {
  ctx.events.close();
  await admin.close();
});

function browserRequest(opts: { headers?: Record<string, string>; query?: string; signal?: AbortSignal } = {}): Request {
  return new Request(`http://console.test/api/events${opts.query ?? ''}`, { headers: { Accept: 'text/event-stream', ...opts.headers }, signal: opts.signal });
}

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, text: string): Promise<string> {
  const decoder = new TextDecoder();
  let seen = '';
  while (!seen.includes(text)) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += decoder.decode(value, { stream: true });
  }
  return seen;
}

async function waitFor(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
}

describe('proxyEvents (GET /api/events)', () => {
  it('relays the service stream unchanged, as text/event-stream that no proxy buffers', async () => {
    const res = await proxyEvents(ctx, browserRequest());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    await admin.waitForStreams(1);
    admin.broadcast('reload.started', { id: 3, trigger: 'sighup', commit: null }, 17);
    const reader = res.body!.getReader();
    const text = await readUntil(reader, 'reload.started');
    expect(text).toContain('id: 17\nevent: reload.started\ndata: {"id":3,"trigger":"sighup","commit":null}\n\n');
    await reader.cancel();
  });

  it('opens the upstream from Last-Event-ID (header, or ?lastEventId= when a page resumes)', async () => {
    const a = await proxyEvents(ctx, browserRequest({ query: '?lastEventId=41' }));
    await admin.waitForStreams(1);
    expect(admin.requests.map((r) => r.headers['last-event-id'])).toEqual(['41']);
    await a.body?.cancel();
  });

  it("takes the service's real ids: microseconds since the epoch, 16 digits", async () => {
    const id = 1_795_780_696_058_024;
    const res = await proxyEvents(ctx, browserRequest({ headers: { 'Last-Event-ID': String(id) } }));
    await admin.waitForStreams(1);
    expect(admin.requests[0]?.headers['last-event-id']).toBe(String(id));
    admin.broadcast('reload.started', { id: 1, trigger: 'api', commit: null }, id + 1);
    expect(await readUntil(res.body!.getReader(), 'reload.started')).toContain(`id: ${id + 1}\n`);
  });

  it('holds ONE upstream connection for many browsers and gives every browser every event', async () => {
    const browsers = await Promise.all(Array.from({ length: 50 }, () => proxyEvents(ctx, browserRequest())));
    await admin.waitForStreams(1);
    admin.broadcast('reload.started', { id: 5, trigger: 'api', commit: null }, 100);
    const texts = await Promise.all(browsers.map((b) => readUntil(b.body!.getReader(), 'reload.started')));
    for (const text of texts) expect(text).toContain('id: 100\nevent: reload.started\ndata: {"id":5,"trigger":"api","commit":null}\n\n');
    expect(admin.openStreams()).toBe(1);
    expect(admin.requests.filter((r) => r.path === '/api/v2/config/reload/events')).toHaveLength(1);
    expect(ctx.events.size).toBe(50);
  });

  it('replays what a reconnecting browser missed from its buffer, without a new upstream', async () => {
    const first = await proxyEvents(ctx, browserRequest());
    await admin.waitForStreams(1);
    const reader = first.body!.getReader();
    for (const id of [200, 201, 202]) admin.broadcast('phase.started', { id: 9, phase: `p${id}` }, id);
    await readUntil(reader, 'p202');
    const again = await proxyEvents(ctx, browserRequest({ headers: { 'Last-Event-ID': '200' } }));
    const text = await readUntil(again.body!.getReader(), 'p202');
    expect(text).not.toContain('p200');
    expect(text).toContain('id: 201\n');
    expect(text).toContain('id: 202\n');
    expect(admin.requests.filter((r) => r.path === '/api/v2/config/reload/events')).toHaveLength(1);
    // A new browser without Last-Event-ID gets only what comes next.
    const fresh = await proxyEvents(ctx, browserRequest());
    admin.broadcast('phase.started', { id: 9, phase: 'p203' }, 203);
    const freshText = await readUntil(fresh.body!.getReader(), 'p203');
    expect(freshText).not.toContain('p202');
  });

  it('reopens its one upstream from an older id when a browser asks for events it does not hold (at most once a second)', async () => {
    const first = await proxyEvents(ctx, browserRequest());
    await admin.waitForStreams(1);
    const soon = await proxyEvents(ctx, browserRequest({ headers: { 'Last-Event-ID': '5' } }));
    expect(admin.requests).toHaveLength(1); // within a second of opening: what it has will do
    await new Promise((r) => setTimeout(r, 1_100));
    const later = await proxyEvents(ctx, browserRequest({ headers: { 'Last-Event-ID': '5' } }));
    await waitFor(() => admin.requests.length === 2 && admin.openStreams() === 1);
    expect(admin.requests.map((r) => r.headers['last-event-id'])).toEqual([undefined, '5']);
    admin.broadcast('reload.started', { id: 6, trigger: 'api', commit: null }, 6);
    for (const b of [soon, later]) expect(await readUntil(b.body!.getReader(), 'reload.started')).toContain('id: 6\n');
    // The browser that had seen no event could not tell replayed history from news: it was
    // ended, to reconnect.
    const rest = await readUntil(first.body!.getReader(), 'never');
    expect(rest).not.toContain('reload.started');
  });

  it('sends the admin token upstream', async () => {
    const res = await proxyEvents(ctx, browserRequest());
    await admin.waitForStreams(1);
    expect(admin.requests[0]?.headers.authorization).toBe('Bearer t');
    await res.body?.cancel();
  });

  it('drops a Last-Event-ID that is not an event id', async () => {
    const res = await proxyEvents(ctx, browserRequest({ headers: { 'Last-Event-ID': '1; drop table' } }));
    await admin.waitForStreams(1);
    expect(admin.requests[0]?.headers['last-event-id']).toBeUndefined();
    await res.body?.cancel();
  });

  it('closes the upstream connection when the browser cancels the stream', async () => {
    const res = await proxyEvents(ctx, browserRequest());
    await admin.waitForStreams(1);
    await res.body!.cancel();
    await waitFor(() => admin.openStreams() === 0);
  });

  it('closes the upstream connection when the browser request is aborted, even with a read pending', async () => {
    const browser = new AbortController();
    const res = await proxyEvents(ctx, browserRequest({ signal: browser.signal }));
    await admin.waitForStreams(1);
    const reader = res.body!.getReader();
    const pending = reader.read().catch(() => ({ done: true }));
    browser.abort();
    await waitFor(() => admin.openStreams() === 0);
    await pending;
  });

  it('ends the browser stream when the service ends its stream, so EventSource reconnects', async () => {
    const res = await proxyEvents(ctx, browserRequest());
    await admin.waitForStreams(1);
    const reader = res.body!.getReader();
    await admin.close();
    let done = false;
    while (!done) done = (await reader.read()).done;
    expect(done).toBe(true);
  });

  it('tells an EventSource the service is unreachable with a short stream and a retry hint', async () => {
    const down = contextFor(`http://127.0.0.1:${await freePort()}`);
    const res = await proxyEvents(down, browserRequest());
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(new RegExp(`^retry: ${RECONNECT_MS}\\nevent: proxy\\.error\\ndata: \\{"code":"service_unreachable","message":"service unreachable at`));
    expect(text).not.toMatch(/^id:/m);
  });

  it('answers a plain HTTP client with a 502 JSON error when the service is unreachable', async () => {
    const down = contextFor(`http://127.0.0.1:${await freePort()}`);
    const res = await proxyEvents(down, new Request('http://console.test/api/events'));
    expect(res.status).toBe(502);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('service_unreachable');
  });
});
