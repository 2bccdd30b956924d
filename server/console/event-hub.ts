// One upstream event stream from the service, fanned out to every browser of this console.
// Each browser used to cost the service a connection (and a slot of its per-address cap of
// streams, http/sse.ts): the console's browsers could fill that cap themselves, and a page
// left open in a hundred tabs held a hundred descriptors in the service. Now the console
// holds ONE connection while at least one browser (or a pid-mode apply waiting for its
// reload, ./signal) listens, and:
//
//   - keeps the last BUFFER_SIZE events, so a browser reconnecting with Last-Event-ID gets
//     what it missed from here (ids are consecutive integers, so "covered" is checkable);
//   - opens the upstream from the oldest Last-Event-ID it is asked for, and reopens it from
//     an older one (at most once a second) when a browser asks for events the buffer no
//     longer holds; each browser gets only events newer than what it has seen (a browser
//     that has seen none yet is ended at a reopen and reconnects, see upstreamFor);
//   - ends every browser stream when the upstream ends or fails (EventSource reconnects by
//     itself, with its Last-Event-ID), as the per-browser relay did;
//   - cuts a browser that does not read (more than MAX_BACKLOG_BYTES queued), as the service
//     does, and closes the upstream LINGER_MS after the last browser left.
import type { AdminClient } from './admin-client';
import { HttpError } from './errors';
import { readSse, type SseMessage } from './sse';

const BUFFER_SIZE = 4_096;
const MAX_BACKLOG_BYTES = 4 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;
const REOPEN_EVERY_MS = 1_000;

interface BufferedEvent {
  id: number;
  text: string;
}

interface Subscriber {
  /** The newest event id this browser has (-1: none yet). */
  after: number;
  controller: ReadableStreamDefaultController<Uint8Array>;
}

interface Upstream {
  abort: AbortController;
  /** Settles once the service answered (rejects with the HttpError to show). */
  opened: Promise<void>;
  /** Events after this id arrive on this upstream (null: only new ones). */
  from: number | null;
}

export interface EventHubOptions {
  /** How long the upstream stays open after the last browser left. */
  lingerMs?: number;
}

export class EventHub {
  private readonly subscribers = new Set<Subscriber>();
  private readonly buffer: BufferedEvent[] = [];
  private upstream: Upstream | null = null;
  private lastReopen = 0;
  private lingerTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private readonly encoder = new TextEncoder();
  private readonly lingerMs: number;

  constructor(
    private readonly admin: Pick<AdminClient, 'events'>,
    opts: EventHubOptions = {},
  ) {
    this.lingerMs = opts.lingerMs ?? 5_000;
    this.heartbeat = setInterval(() => this.broadcast(': heartbeat\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref?.();
  }

  /** Browsers listening now. */
  get size(): number {
    return this.subscribers.size;
  }

  /**
   * A browser's stream: what it missed after `lastEventId` (when this hub can tell), then
   * every new event. Rejects with an HttpError when the service cannot be reached. `signal`
   * ends the stream (the browser went away).
   */
  async subscribe(lastEventId: number | null, signal?: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    clearTimeout(this.lingerTimer);
    const upstream = this.upstreamFor(lastEventId);
    await upstream.opened;
    let sub: Subscriber | undefined;
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          controller.enqueue(this.encoder.encode(`retry: 1000\n: connected\n\n`));
          // The upstream ended while this browser waited for it: end at once, it reconnects.
          if (this.upstream !== upstream) return controller.close();
          // Without Last-Event-ID a browser gets what comes next, as from the service itself.
          const me: Subscriber = (sub = { after: lastEventId ?? this.newestId() ?? -1, controller });
          for (const e of this.buffer) this.deliver(me, e);
          this.subscribers.add(me);
          const gone = () => {
            this.leave(me);
            closeQuietly(controller);
          };
          if (signal?.aborted) gone();
          else signal?.addEventListener('abort', gone, { once: true });
        },
        cancel: () => {
          if (sub) this.leave(sub);
        },
      },
      new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
    );
  }

  /** Ends every browser stream and the upstream (console shutdown, tests). */
  close(): void {
    clearInterval(this.heartbeat);
    clearTimeout(this.lingerTimer);
    this.endAll();
  }

  // ------------------------------------------------------------ upstream

  /** The upstream that will deliver what a browser after `lastEventId` needs. */
  private upstreamFor(lastEventId: number | null): Upstream {
    const current = this.upstream;
    if (current && this.covers(lastEventId, current)) return current;
    if (current && Date.now() - this.lastReopen < REOPEN_EVERY_MS) return current; // what the buffer has will do
    if (current) current.abort.abort();
    // The new upstream replays history first. A browser that has seen no event yet (it came
    // without Last-Event-ID while nothing had happened) could not tell that history from new
    // events: it is ended, and reconnects once the buffer holds the replay.
    for (const sub of this.subscribers) {
      if (sub.after >= 0) continue;
      this.subscribers.delete(sub);
      closeQuietly(sub.controller);
    }
    const oldest = Math.min(...[...this.subscribers].map((s) => s.after), lastEventId ?? Infinity);
    return this.open(Number.isFinite(oldest) ? oldest : this.newestId());
  }

  /** Whether `current` (with the buffer) holds everything after `lastEventId`. */
  private covers(lastEventId: number | null, current: Upstream): boolean {
    if (lastEventId === null) return true;
    if (current.from !== null && lastEventId >= current.from) return true;
    const first = this.buffer[0];
    return first !== undefined && first.id <= lastEventId + 1;
  }

  private open(from: number | null): Upstream {
    this.lastReopen = Date.now();
    const abort = new AbortController();
    let markOpened!: () => void;
    let failOpen!: (err: unknown) => void;
    const opened = new Promise<void>((res, rej) => ((markOpened = res), (failOpen = rej)));
    opened.catch(() => {}); // a failure is reported to the subscribers awaiting it
    const upstream: Upstream = { abort, opened, from };
    this.upstream = upstream;
    void (async () => {
      try {
        const res = await this.admin.events({ ...(from !== null ? { lastEventId: String(from) } : {}), signal: abort.signal });
        if (!res.body) throw new HttpError(502, 'service_bad_response', 'the service opened its event stream without a body');
        markOpened();
        for await (const msg of readSse(res.body)) this.relay(msg);
      } catch (err) {
        failOpen(err);
      } finally {
        // However it ended (the service closed it, a reset, our abort), the browsers of this
        // upstream reconnect with their Last-Event-ID; a newer upstream keeps its own.
        if (this.upstream === upstream) this.endAll();
        abort.abort();
      }
    })();
    return upstream;
  }

  private relay(msg: SseMessage): void {
    const id = msg.id !== undefined && /^\d{1,16}$/.test(msg.id) && Number.isSafeInteger(Number(msg.id)) ? Number(msg.id) : null;
    if (id === null) return; // every service event has an id; anything else is not ours to pass on
    const text = `id: ${id}\nevent: ${msg.event}\n${msg.data
      .split('\n')
      .map((line) => `data: ${line}\n`)
      .join('')}\n`;
    const event = { id, text };
    if (id > (this.newestId() ?? -1)) {
      this.buffer.push(event);
      if (this.buffer.length > BUFFER_SIZE) this.buffer.shift();
    }
    for (const sub of this.subscribers) this.deliver(sub, event);
  }

  private newestId(): number | null {
    return this.buffer.at(-1)?.id ?? null;
  }

  // ------------------------------------------------------------ browsers

  private deliver(sub: Subscriber, e: BufferedEvent): void {
    if (e.id <= sub.after) return;
    sub.after = e.id;
    this.send(sub, e.text);
  }

  private broadcast(text: string): void {
    for (const sub of this.subscribers) this.send(sub, text);
  }

  private send(sub: Subscriber, text: string): void {
    if ((sub.controller.desiredSize ?? 0) < -MAX_BACKLOG_BYTES) {
      // Not reading: cut it loose (dropping what is queued); it reconnects and replays.
      this.leave(sub);
      sub.controller.error(new Error('the browser did not read its event stream'));
      return;
    }
    sub.controller.enqueue(this.encoder.encode(text));
  }

  private leave(sub: Subscriber): void {
    this.subscribers.delete(sub);
    if (this.subscribers.size > 0) return;
    clearTimeout(this.lingerTimer);
    this.lingerTimer = setTimeout(() => {
      if (this.subscribers.size === 0) this.closeUpstream();
    }, this.lingerMs);
    this.lingerTimer.unref?.();
  }

  private endAll(): void {
    for (const sub of this.subscribers) closeQuietly(sub.controller);
    this.subscribers.clear();
    this.closeUpstream();
  }

  private closeUpstream(): void {
    const current = this.upstream;
    this.upstream = null;
    current?.abort.abort();
  }
}

function closeQuietly(controller: ReadableStreamDefaultController<Uint8Array>): void {
  try {
    controller.close();
  } catch {
    // already closed, or cancelled by the browser going away
  }
}
