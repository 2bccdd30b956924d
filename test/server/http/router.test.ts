// The router dispatches on the path as URL normalises it — read straight off the request
// line when it is plain, parsed when it is not — and handlers read the parsed URL.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../server/log';
import { sendJson } from '../../../server/http/errors';
import { Router } from '../../../server/http/router';

let server: Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(router: Router): Promise<string> {
  server = createServer(router.listener(silentLogger));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A raw request line, so the path reaches the server exactly as written. */
async function get(host: string, path: string): Promise<{ status: number; body: string }> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(host.split(':')[1]), '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.on('data', (d) => (text += d));
    socket.on('end', () => resolve({ status: Number(text.split(' ')[1]), body: text.slice(text.indexOf('\r\n\r\n') + 4) }));
    socket.on('error', reject);
  });
}

describe('Router', () => {
  const router = new Router().on('GET', '/api/v2/things', ({ res, url }) => sendJson(res, 200, { path: url.pathname, q: url.searchParams.get('q') }));

  it('dispatches a plain path and hands the handler the parsed URL, query included', async () => {
    const host = await serve(router);
    expect(await get(host, '/api/v2/things?q=a%20b')).toEqual({ status: 200, body: '{"path":"/api/v2/things","q":"a b"}' });
  });

  it('dispatches a path that needs normalising as URL normalises it', async () => {
    const host = await serve(router);
    expect((await get(host, '/api/v1/../v2/things')).status).toBe(200);
    expect((await get(host, '/api/v2/things.json')).status).toBe(404);
  });

  it('answers 404 naming the path, and 405 with the methods there are', async () => {
    const host = await serve(router);
    const missing = await get(host, '/api/v2/nothing');
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('/api/v2/nothing');
    const net = await import('node:net');
    const status = await new Promise<number>((resolve) => {
      const socket = net.connect(Number(host.split(':')[1]), '127.0.0.1', () => socket.write(`DELETE /api/v2/things HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`));
      let text = '';
      socket.on('data', (d) => (text += d));
      socket.on('end', () => resolve(Number(text.split(' ')[1])));
    });
    expect(status).toBe(405);
  });
});
