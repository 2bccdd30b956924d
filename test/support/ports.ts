// Ports for the listeners the tests start (services, consoles, Alertmanager, Prometheus),
// taken below the kernel's ephemeral range. A port that listen(0) handed out comes from that
// range, and once released any outgoing connection of the suite may take it as its local
// port before the service binds it: a fresh-clone run once failed so (EADDRINUSE on a port
// in 32768–60999 that the test had just been given). Each vitest worker takes ports from a
// block of its own, in turn, so two test files running side by side never pick the same one.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const BLOCK = 500;
/** The first ephemeral port (Linux); ports are taken from blocks below it. */
const EPHEMERAL_LOW = ephemeralLow();
const BLOCKS = Math.floor((EPHEMERAL_LOW - 10_000) / BLOCK);
const worker = Number(process.env.VITEST_POOL_ID ?? process.pid);
const blockStart = 10_000 + (worker % BLOCKS) * BLOCK;
let cursor = Math.floor(Math.random() * BLOCK);

function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 12_000 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

/** A loopback port nothing listens on right now, outside the ephemeral range. */
export async function freePort(): Promise<number> {
  for (let tried = 0; tried < BLOCK; tried++) {
    const port = blockStart + (cursor++ % BLOCK);
    if (await canBind(port)) return port;
  }
  throw new Error(`no free port in ${blockStart}–${blockStart + BLOCK - 1}`);
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}
