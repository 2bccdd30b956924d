// The event bus behind an SSE stream: every reload step is published here, kept in a
// ring buffer for replay (`Last-Event-ID`), and fanned out to subscribers. The alert
// stream (alerts received, delivery attempts) is a second bus of the same kind.
//
// Publishing never waits on a subscriber: a reload must not be slowed or blocked by a slow
// or vanished client. Subscribers are plain callbacks; the SSE writer (http/sse.ts) decides
// what to do with a client that cannot keep up (it drops it).
import type { EventName, ReloadEvents } from '../contract/reload';

/** One event of a bus whose events are `Events` (name → data). */
export interface EventOf<Events, N extends keyof Events = keyof Events> {
  /** Increasing across restarts too: ids start at the boot time in microseconds. */
  id: number;
  name: N;
  data: Events[N];
}

export type BusEvent<N extends EventName = EventName> = EventOf<ReloadEvents, N>;

export type Subscriber<Events = ReloadEvents> = (event: EventOf<Events>) => void;

export interface EventBusOptions {
  /** How many past events a reconnecting client can replay. */
  capacity?: number;
  /** First id; defaults to Date.now() * 1000 so a restarted service never reuses ids. */
  firstId?: number;
}

export class EventBus<Events = ReloadEvents> {
  private readonly ring: EventOf<Events>[];
  private readonly capacity: number;
  private start = 0; // index of the oldest event in `ring`
  private size = 0;
  private nextId: number;
  private readonly subscribers = new Set<Subscriber<Events>>();

  constructor(opts: EventBusOptions = {}) {
    this.capacity = opts.capacity ?? 4096;
    this.ring = new Array<EventOf<Events>>(this.capacity);
    this.nextId = opts.firstId ?? Date.now() * 1000;
  }

  publish<N extends keyof Events>(name: N, data: Events[N]): EventOf<Events, N> {
    const event: EventOf<Events, N> = { id: this.nextId++, name, data };
    this.push(event as EventOf<Events>);
    for (const sub of this.subscribers) {
      try {
        sub(event as EventOf<Events>);
      } catch {
        // A broken subscriber is its own problem: it must not stop the reload or the others.
        this.subscribers.delete(sub);
      }
    }
    return event;
  }

  /**
   * Subscribe, first replaying every buffered event with id > lastEventId (when given).
   * Replay and subscription happen in one synchronous step, so no event falls between them.
   */
  subscribe(sub: Subscriber<Events>, lastEventId?: number): () => void {
    if (lastEventId !== undefined) for (const e of this.since(lastEventId)) sub(e);
    this.subscribers.add(sub);
    return () => this.subscribers.delete(sub);
  }

  /** Buffered events newer than `id`, oldest first. */
  since(id: number): EventOf<Events>[] {
    const out: EventOf<Events>[] = [];
    for (let i = 0; i < this.size; i++) {
      const e = this.ring[(this.start + i) % this.capacity]!;
      if (e.id > id) out.push(e);
    }
    return out;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  private push(event: EventOf<Events>): void {
    if (this.size < this.capacity) {
      this.ring[(this.start + this.size) % this.capacity] = event;
      this.size++;
    } else {
      this.ring[this.start] = event;
      this.start = (this.start + 1) % this.capacity;
    }
  }
}
