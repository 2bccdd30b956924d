// The admin listener's event streams, on a real http.Server: the caps per peer address and
// in all (503 with Retry-After at once, not a hang), slots freed when a stream ends, and the
// lifetime after which a stream ends by itself.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../server/reload/events';
import { handleError } from '../../../server/http/errors';
import { StreamCaps, type StreamLimits, streamEvents } from '../../../server/http/sse';
import { silentLogger } from '../../../server/log';

let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

async function serve(limits: StreamLimits): Promise<{ port: number; caps: StreamCaps; bus: EventBus }> {
  const caps = new StreamCaps(limits);
  const bus = new EventBus();
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    streamEvents({ req, res, url }, bus, { caps, heartbeatMs: 60_000 }).catch((err: unknown) => handleError(res, err, silentLogger));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, caps, bus };
}

interface Opened {
  status: number;
  retryAfter: string | undefined;
  body: string;
  res: http.IncomingMessage;
  close(): void;
}

function open(port: number, localAddress = '127.0.0.1'): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/events', localAddress, agent: false }, (res) => {
      const opened: Opened = { status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, body: '', res, close: () => req.destroy() };
      if (opened.status === 200) return resolve(opened);
      res.on('data', (d: Buffer) => (opened.body += d.toString()));
      res.on('end', () => resolve(opened));
    });
    req.on('error', reject);
  });
}

const ended = (o: Opened) => new Promise<void>((r) => (o.res.complete ? r() : o.res.once('end', () => r())));

async function waitFor(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(cond()).toBe(true);
}

describe('event stream caps', () => {
  it('holds at most perAddress streams from one address and refuses the next with 503 + Retry-After', async () => {
    const { port, caps } = await serve({ perAddress: 3, total: 10, lifetimeMs: 60_000 });
    const held = await Promise.all([open(port), open(port), open(port)]);
    expect(held.map((o) => o.status)).toEqual([200, 200, 200]);
    const refused = await open(port);
    expect([refused.status, refused.retryAfter]).toEqual([503, '5']);
    const error = JSON.parse(refused.body).error;
    expect(error.code).toBe('too_many_streams');
    expect(error.message).toBe('too many event streams: 3 are open from 127.0.0.1, the most one address may hold (3). Close streams you do not read, or retry after 5 s');
    // Another address still gets in.
    const other = await open(port, '127.0.0.2');
    expect(other.status).toBe(200);
    expect(caps.size).toBe(4);
    for (const o of [...held, other]) o.close();
  });

  it('refuses past the listener total whatever the address', async () => {
    const { port } = await serve({ perAddress: 10, total: 2, lifetimeMs: 60_000 });
    const held = [await open(port, '127.0.0.3'), await open(port, '127.0.0.4')];
    const refused = await open(port, '127.0.0.5');
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body).error.message).toMatch(/^too many event streams: 2 are open, the most this listener holds \(2\)/);
    for (const o of held) o.close();
  });

  it('frees the slot when a client goes away', async () => {
    const { port, caps } = await serve({ perAddress: 1, total: 10, lifetimeMs: 60_000 });
    const first = await open(port);
    expect((await open(port)).status).toBe(503);
    first.close();
    await waitFor(() => caps.size === 0);
    const next = await open(port);
    expect(next.status).toBe(200);
    next.close();
  });

  it('ends a stream after its lifetime and frees its slot (the client reconnects and replays)', async () => {
    const { port, caps } = await serve({ perAddress: 1, total: 1, lifetimeMs: 200 });
    const stream = await open(port);
    expect(stream.status).toBe(200);
    const t0 = Date.now();
    stream.res.resume();
    await ended(stream);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    await waitFor(() => caps.size === 0);
  });
});
