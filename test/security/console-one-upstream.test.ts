// A real console in front of a real service: thirty browsers on GET /api/events cost the
// service no more connections than one — the console holds ONE upstream event stream and
// fans it out — and every browser still gets every event.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleProcess, type ConsoleStack, startConsoleStack } from '../faults/support/console-stack';

let stack: ConsoleStack;
let consoleProc: ConsoleProcess;

beforeAll(async () => {
  stack = await startConsoleStack();
  consoleProc = await stack.console('a');
});
afterAll(async () => {
  await stack?.stop();
});

/** Established TCP connections to `port` on this machine (client sides: remote port = port). */
function connectionsTo(port: number): number {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  let n = 0;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, , remote, state] = line.trim().split(/\s+/);
      if (remote?.endsWith(`:${hex}`) && state === '01') n++;
    }
  }
  return n;
}

interface Browser {
  text: () => string;
  waitFor(needle: string, timeoutMs?: number): Promise<void>;
  close(): void;
}

async function browser(url: string): Promise<Browser> {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/events`, { headers: { accept: 'text/event-stream', authorization: `Bearer ${consoleProc.token}` }, signal: abort.signal });
  expect(res.status).toBe(200);
  let text = '';
  const waiters = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        text += decoder.decode(chunk, { stream: true });
        for (const w of [...waiters]) w();
      }
    } catch {
      // closed by the test
    }
  })();
  return {
    text: () => text,
    waitFor: (needle, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!text.includes(needle)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => reject(new Error(`no "${needle}" within ${timeoutMs} ms; got ${text.slice(-300)}`)), timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => abort.abort(),
  };
}

async function settle(read: () => number): Promise<number> {
  // Connections appear and pooled ones may linger a moment: read until two reads agree.
  let last = read();
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const now = read();
    if (now === last) return now;
    last = now;
  }
  return last;
}

describe("the console's event stream", () => {
  it('holds one upstream connection for thirty browsers, and each gets every event', async () => {
    const adminPort = Number(new URL(stack.adminUrl).port);
    const first = await browser(consoleProc.url);
    await first.waitFor(': connected');
    const withOne = await settle(() => connectionsTo(adminPort));
    const more = await Promise.all(Array.from({ length: 30 }, () => browser(consoleProc.url)));
    await Promise.all(more.map((b) => b.waitFor(': connected')));
    const withThirtyOne = await settle(() => connectionsTo(adminPort));
    console.log(`connections from the console to the admin listener: ${withOne} with 1 browser, ${withThirtyOne} with 31`);
    // No more than with one browser (pooled admin calls may close meanwhile: fewer is fine).
    expect(withThirtyOne).toBeLessThanOrEqual(withOne);

    const res = await fetch(`${stack.adminUrl}/-/reload`, { method: 'POST', headers: { authorization: `Bearer ${stack.token}` } });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: number };
    await Promise.all([first, ...more].map((b) => b.waitFor(`event: reload.finished\ndata: {"id":${id},`)));
    for (const b of [first, ...more]) b.close();
  });
});
