import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ListenerReloader } from '../../../server/reloaders/listener';
import { ctx, freePort, makeConfig } from './helpers';

/** The service handler: /healthz, /slow (answers after `slowMs`), anything else 200. */
function handler(opts: { healthStatus?: number; slowMs?: number; onSlow?: () => void } = {}): http.RequestListener {
  return (req, res) => {
    if (req.url === '/healthz') return void res.writeHead(opts.healthStatus ?? 200).end('ok');
    if (req.url === '/slow') {
      opts.onSlow?.();
      return void setTimeout(() => res.end('slow'), opts.slowMs ?? 300);
    }
    res.end('ok');
  };
}

const serverCfg = (port: number, over: { host?: string; read_timeout?: string; graceful_shutdown_timeout?: string; allowed_hosts?: string[] } = {}) =>
  makeConfig({ server: { host: '127.0.0.1', port, graceful_shutdown_timeout: '300ms', ...over } });

/** The coordinator's sequence for one component. */
async function reload(listener: ListenerReloader, cfg: ReturnType<typeof makeConfig>): Promise<void> {
  const prepared = await listener.prepare(cfg, ctx());
  await listener.activate(prepared, ctx());
  await listener.health(ctx());
  await listener.commit(ctx());
}

interface Reply {
  status: number;
  connection: string | undefined;
}

function get(port: number, path = '/ping', agent: http.Agent | false = false, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
    });
    req.on('error', reject);
  });
}

const refused = (port: number) =>
  get(port).then(
    () => false,
    (err: NodeJS.ErrnoException) => err.code === 'ECONNREFUSED',
  );

let listener: ListenerReloader;
beforeEach(() => {
  listener = new ListenerReloader({ handler: handler() });
});
afterEach(async () => {
  await listener.close(ctx());
});

describe('ListenerReloader: moving server.port refuses no request', () => {
  it('keeps a client hammering the old port error-free through the move, then the old port stops accepting', async () => {
    const portA = await freePort();
    await reload(listener, serverCfg(portA));

    // Keep-alive clients, as real ones are: the old server must not be pinned by them.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    let target = portA;
    let running = true;
    const served = new Map<number, number>();
    const failures: string[] = [];
    const worker = async () => {
      while (running) {
        const port = target;
        try {
          const r = await get(port, '/ping', agent);
          if (r.status !== 200) failures.push(`${port}: HTTP ${r.status}`);
          else served.set(port, (served.get(port) ?? 0) + 1);
        } catch (err) {
          failures.push(`${port}: ${(err as Error).message}`);
        }
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    await new Promise((r) => setTimeout(r, 300));

    const portB = await freePort();
    const slowOnA = get(portA, '/slow'); // in flight on A across the hand-over
    const prepared = await listener.prepare(serverCfg(portB, { graceful_shutdown_timeout: '500ms' }), ctx());
    await listener.activate(prepared, ctx());
    await listener.health(ctx());
    await listener.commit(ctx());
    expect(listener.address()).toEqual({ host: '127.0.0.1', port: portB });

    // The reload "finished": clients learn the new address, except one that has not yet.
    target = portB;
    const late = await get(portA);
    expect(late).toEqual({ status: 200, connection: 'close' });

    await new Promise((r) => setTimeout(r, 1_000));
    running = false;
    await Promise.all(workers);
    agent.destroy();

    expect(failures).toEqual([]);
    expect(served.get(portA)).toBeGreaterThan(0);
    expect(served.get(portB)).toBeGreaterThan(0);
    expect((await slowOnA).status).toBe(200);
    await expect.poll(() => refused(portA), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => listener.draining, { timeout: 10_000 }).toBe(0);
    expect((await get(portB)).status).toBe(200);
  });

  it('explains a port taken by another process, and the old port keeps serving', async () => {
    const portA = await freePort();
    await reload(listener, serverCfg(portA));
    const squatter = http.createServer();
    await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', r));
    const taken = (squatter.address() as { port: number }).port;
    try {
      const message = `127.0.0.1:${taken} is already in use by another process: choose another server.port or stop that process`;
      await expect(listener.prepare(serverCfg(taken), ctx())).rejects.toThrow(message);
      await expect(listener.preflight(serverCfg(taken), ctx())).rejects.toThrow(message);
      expect((await get(portA)).status).toBe(200);
      expect(listener.address()!.port).toBe(portA);
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  });

  it('says so when the new address overlaps the one this service holds', async () => {
    const portA = await freePort();
    await reload(listener, serverCfg(portA));
    await expect(listener.prepare(serverCfg(portA, { host: '0.0.0.0' }), ctx())).rejects.toThrow(/overlaps the address this service listens on now \(127\.0\.0\.1:\d+\): a move must change server\.port too/);
  });
});

describe('ListenerReloader: moving back while the old listener hands over', () => {
  it('explains that the old address is still held by the previous listener', async () => {
    const portA = await freePort();
    const portB = await freePort();
    await reload(listener, serverCfg(portA));
    await reload(listener, serverCfg(portB, { graceful_shutdown_timeout: '1h' }));
    await expect(listener.prepare(serverCfg(portA), ctx())).rejects.toThrow(
      `127.0.0.1:${portA} is still held by this service's previous listener, which is handing over (server.graceful_shutdown_timeout): reload again once it has closed, or choose another server.port`,
    );
  });
});

describe('ListenerReloader lifecycle', () => {
  it('first start binds, serves /healthz and reports its address', async () => {
    expect(listener.current).toBeNull();
    expect(listener.address()).toBeNull();
    const port = await freePort();
    await reload(listener, serverCfg(port, { read_timeout: '20s' }));
    expect(listener.current!.listening).toBe(true);
    expect(listener.current!.requestTimeout).toBe(20_000);
    // Headers come within 10 s whatever read_timeout allows for the body (slowloris).
    expect(listener.current!.headersTimeout).toBe(10_000);
    expect(listener.current!.maxConnections).toBe(2048);
    expect((await get(port, '/healthz')).status).toBe(200);
  });

  it('a read_timeout change on the same address keeps the bound server and swaps its timeouts; rollback restores them', async () => {
    const port = await freePort();
    await reload(listener, serverCfg(port, { read_timeout: '30s' }));
    const server = listener.current;
    const prepared = await listener.prepare(serverCfg(port, { read_timeout: '5s' }), ctx());
    expect(prepared.kind).toBe('settings');
    await listener.activate(prepared, ctx());
    expect(listener.current).toBe(server);
    expect(server!.requestTimeout).toBe(5_000);
    await listener.rollback(ctx());
    expect(server!.requestTimeout).toBe(30_000);
    expect(listener.settings!.readTimeoutMs).toBe(30_000);
  });

  it('answers only to its Host names; an allowed_hosts change keeps the bound server and swaps them', async () => {
    listener = new ListenerReloader({ handler: handler(), allowedHosts: ['from-the-flag'] });
    const port = await freePort();
    await reload(listener, serverCfg(port));
    const status = (host: string) => get(port, '/healthz', false, { host }).then((r) => r.status);
    expect([await status('localhost'), await status('from-the-flag'), await status('alerts.example')]).toEqual([200, 200, 421]);
    const server = listener.current;
    const prepared = await listener.prepare(serverCfg(port, { allowed_hosts: ['alerts.example'] }), ctx());
    expect(prepared.kind).toBe('settings');
    await listener.activate(prepared, ctx());
    expect(listener.current).toBe(server);
    expect([await status('alerts.example'), await status('from-the-flag')]).toEqual([200, 200]);
    await listener.rollback(ctx());
    expect(await status('alerts.example')).toBe(421);
  });

  it('rollback after a move makes the old server current again and closes the new one', async () => {
    const portA = await freePort();
    const portB = await freePort();
    await reload(listener, serverCfg(portA));
    const old = listener.current;
    await listener.activate(await listener.prepare(serverCfg(portB), ctx()), ctx());
    expect(listener.address()!.port).toBe(portB);
    await listener.rollback(ctx());
    expect(listener.current).toBe(old);
    expect((await get(portA)).status).toBe(200);
    await expect.poll(() => refused(portB), { timeout: 10_000 }).toBe(true);
  });

  it('rollback of a first start closes the new server', async () => {
    const port = await freePort();
    await listener.activate(await listener.prepare(serverCfg(port), ctx()), ctx());
    await listener.rollback(ctx());
    expect(listener.current).toBeNull();
    await expect.poll(() => refused(port), { timeout: 10_000 }).toBe(true);
  });

  it('discard closes a server that was bound but never activated', async () => {
    const portA = await freePort();
    const portB = await freePort();
    await reload(listener, serverCfg(portA));
    const prepared = await listener.prepare(serverCfg(portB), ctx());
    expect((await get(portB)).status).toBe(200); // bound: prepare binds before anything changes
    await listener.discard(prepared, ctx());
    expect(await refused(portB)).toBe(true);
    expect(listener.address()!.port).toBe(portA);
  });

  it('a prepare that finishes after its timeout releases the port it bound', async () => {
    const port = await freePort();
    const ctl = new AbortController();
    ctl.abort();
    await expect(listener.prepare(serverCfg(port), { ...ctx(), signal: ctl.signal })).rejects.toThrow(/after the listener timeout/);
    await expect.poll(() => refused(port), { timeout: 10_000 }).toBe(true);
  });

  it('health fails when /healthz does not answer 2xx', async () => {
    listener = new ListenerReloader({ handler: handler({ healthStatus: 503 }) });
    const port = await freePort();
    await listener.activate(await listener.prepare(serverCfg(port), ctx()), ctx());
    await expect(listener.health(ctx())).rejects.toThrow(`GET /healthz on 127.0.0.1:${port} answered 503, expected 2xx`);
  });

  it('preflight binds nothing for good: a free port stays free, the live address is fine', async () => {
    const portA = await freePort();
    const portB = await freePort();
    await reload(listener, serverCfg(portA));
    await listener.preflight(serverCfg(portB), ctx());
    expect(await refused(portB)).toBe(true);
    await expect(listener.preflight(serverCfg(portA), ctx())).resolves.toBeUndefined();
  });

  it('close lets a request in flight finish, then stops accepting', async () => {
    let arrived!: () => void;
    const inFlight = new Promise<void>((r) => (arrived = r));
    listener = new ListenerReloader({ handler: handler({ slowMs: 300, onSlow: () => arrived() }) });
    const port = await freePort();
    await reload(listener, serverCfg(port));
    const slow = get(port, '/slow');
    await inFlight;
    await listener.close(ctx());
    expect((await slow).status).toBe(200);
    expect(await refused(port)).toBe(true);
    expect(listener.current).toBeNull();
  });

  it('close cuts a pending hand-over short', async () => {
    const portA = await freePort();
    const portB = await freePort();
    await reload(listener, serverCfg(portA));
    await reload(listener, serverCfg(portB, { graceful_shutdown_timeout: '1h' }));
    expect(listener.draining).toBe(1);
    await listener.close(ctx());
    expect(listener.draining).toBe(0);
    expect(await refused(portA)).toBe(true);
    expect(await refused(portB)).toBe(true);
  });
});
