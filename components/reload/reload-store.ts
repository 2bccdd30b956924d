// Every reload the browser has watched since the page loaded, fed by the one event stream
// (EventStreamProvider). Views read it with useSyncExternalStore, so a reload started while
// the editor was applying is already complete when the reload view opens.
import { applyEvent, type ReloadEvent, type ReloadProgress } from './progress';

/** Reloads kept; older ones are read from the service's history instead. */
const MAX_KEPT = 50;

export class ReloadStore {
  private readonly byId = new Map<number, ReloadProgress>();
  /** Ids in the order the stream first mentioned them (a reload already running counts). */
  private readonly seen: number[] = [];
  private seenTotal = 0;
  private version = 0;
  private readonly listeners = new Set<() => void>();

  handle(event: ReloadEvent): void {
    const id = event.data.id;
    if (!this.byId.has(id)) {
      this.seen.push(id);
      this.seenTotal++;
      if (this.seen.length > MAX_KEPT) this.byId.delete(this.seen.shift()!);
    }
    this.byId.set(id, applyEvent(this.byId.get(id), event));
    this.version++;
    this.listeners.forEach((l) => l());
  }

  get(id: number): ReloadProgress | undefined {
    return this.byId.get(id);
  }

  /** A mark to pass to `firstSince`: "reloads from now on". */
  mark(): number {
    return this.seenTotal;
  }

  /** The first reload the stream mentioned after `mark` was taken, if any. */
  firstSince(mark: number): ReloadProgress | undefined {
    if (mark >= this.seenTotal) return undefined;
    const dropped = this.seenTotal - this.seen.length;
    const id = this.seen[Math.max(0, mark - dropped)];
    return id === undefined ? undefined : this.byId.get(id);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getVersion = (): number => this.version;
}
