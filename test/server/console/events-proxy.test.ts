import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConsoleContext, type ConsoleContext } from '../../../server/console/context';
import { proxyEvents, RECONNECT_MS } from '../../../server/console/events-proxy';
import { freePort } from '../../../server/console/start';
import { startFakeAdmin, type FakeAdmin } from './fake-admin';

let admin: FakeAdmin;
let ctx: ConsoleContext;

function contextFor(serviceUrl: string): ConsoleContext {
  return createConsoleContext({ repoDir: '/nonexistent', serviceUrl, adminToken: 't', signal: { mode: 'api' }, remote: undefined });
}

beforeEach(async () => {
  admin = await startFakeAdmin();
  ctx = contextFor(admin.url);
});
afterEach(() => admin.close());

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

  it('passes Last-Event-ID from the header, or from ?lastEventId= when a page resumes', async () => {
    const a = await proxyEvents(ctx, browserRequest({ headers: { 'Last-Event-ID': '41' } }));
    const b = await proxyEvents(ctx, browserRequest({ query: '?lastEventId=99' }));
    await admin.waitForStreams(2);
    const ids = admin.requests.map((r) => r.headers['last-event-id']);
    expect(ids.sort()).toEqual(['41', '99']);
    await a.body?.cancel();
    await b.body?.cancel();
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
