// A minimal SSE client for tests: collects parsed events from a URL until closed.
export interface SseEvent {
  id: number;
  event: string;
  data: any;
}

export interface SseClient {
  events: SseEvent[];
  /** Resolves when an event matching `pred` has arrived (looking at past events too). */
  waitFor(pred: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  close(): void;
  comments: string[];
}

/** `token`: the admin token (the admin API's event stream needs it). */
export async function connectSse(url: string, opts: { token?: string; lastEventId?: number; headers?: Record<string, string> } = {}): Promise<SseClient> {
  const ctl = new AbortController();
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.lastEventId !== undefined) headers['last-event-id'] = String(opts.lastEventId);
  const res = await fetch(url, { signal: ctl.signal, headers });
  if (!res.ok || !res.body) throw new Error(`SSE connect failed: ${res.status}`);
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  void (async () => {
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buf += decoder.decode(chunk, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const e: Partial<SseEvent> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) e.id = Number(line.slice(4));
            else if (line.startsWith('event: ')) e.event = line.slice(7);
            else if (line.startsWith('data: ')) e.data = JSON.parse(line.slice(6));
          }
          if (e.event) events.push(e as SseEvent);
          waiters.forEach((w) => w());
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    events,
    comments,
    waitFor(pred, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = events.find(pred);
          if (hit) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hit);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`SSE: no matching event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => ctl.abort(),
  };
}
