'use client';
// The one connection to the service's reload events (GET /api/events, proxied by the
// console). EventSource reconnects by itself after a dropped connection and sends
// Last-Event-ID, so the service replays what was missed; when the connection is refused
// outright (console restarting, service down) the browser gives up, and this provider opens
// a new one with backoff and refetches everything, since a new connection replays nothing.
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { EventName } from '../../server/contract/reload';
import type { ReloadEvent, ReloadProgress } from '../reload/progress';
import { ReloadStore } from '../reload/reload-store';
import { queryKeys } from './queries';

export type Connection = 'connecting' | 'live' | 'offline';

interface StreamContext {
  store: ReloadStore;
  connection: Connection;
}

const Context = createContext<StreamContext | null>(null);

// Every event name of ReloadEvents, checked complete by the Record type.
const EVENT_NAMES = Object.keys({
  'reload.started': 1,
  'phase.started': 1,
  'phase.finished': 1,
  'component.finished': 1,
  'rollback.started': 1,
  'rollback.finished': 1,
  'reload.finished': 1,
} satisfies Record<EventName, 1>) as EventName[];

const MAX_BACKOFF_MS = 30_000;

export function EventStreamProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [store] = useState(() => new ReloadStore());
  const [connection, setConnection] = useState<Connection>('connecting');

  useEffect(() => {
    let source: EventSource | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let everOpened = false;

    const connect = () => {
      source = new EventSource('/api/events');
      source.onopen = () => {
        setConnection('live');
        // A fresh connection after a refused one replays nothing: re-read the state.
        if (everOpened && failures > 0) void client.invalidateQueries();
        everOpened = true;
        failures = 0;
      };
      source.onerror = () => {
        if (source?.readyState !== EventSource.CLOSED) {
          setConnection('connecting');
          return;
        }
        setConnection('offline');
        source.close();
        failures++;
        retryTimer = setTimeout(connect, Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** (failures - 1)));
      };
      for (const name of EVENT_NAMES) {
        source.addEventListener(name, (msg) => onEvent(name, msg, store, client));
      }
    };
    connect();
    return () => {
      clearTimeout(retryTimer);
      source?.close();
    };
  }, [client, store]);

  return <Context.Provider value={{ store, connection }}>{children}</Context.Provider>;
}

function onEvent(name: EventName, msg: MessageEvent<string>, store: ReloadStore, client: QueryClient): void {
  let data: unknown;
  try {
    data = JSON.parse(msg.data);
  } catch {
    return; // A malformed event is the proxy's bug; the next reload.finished resyncs.
  }
  store.handle({ name, data } as ReloadEvent);
  if (name === 'reload.started') void client.invalidateQueries({ queryKey: queryKeys.status });
  if (name === 'reload.finished') {
    for (const key of [queryKeys.status, queryKeys.reloads, queryKeys.history]) void client.invalidateQueries({ queryKey: key });
  }
}

function useStream(): StreamContext {
  const ctx = useContext(Context);
  if (!ctx) throw new Error('useStream needs <EventStreamProvider> (app/providers.tsx) above it');
  return ctx;
}

export function useConnection(): Connection {
  return useStream().connection;
}

export function useReloadStore(): ReloadStore {
  return useStream().store;
}

/** Live progress of reload `id`, if the stream has said anything about it. */
export function useLiveReload(id: number): ReloadProgress | undefined {
  const store = useReloadStore();
  useSyncExternalStore(store.subscribe, store.getVersion, store.getVersion);
  return store.get(id);
}

/** The first reload the stream mentions after this component mounted ("watch the next reload"). */
export function useNextReload(): { progress: ReloadProgress | undefined; reset: () => void } {
  const store = useReloadStore();
  const [mark, setMark] = useState(() => store.mark());
  return { progress: useReloadSince(mark), reset: () => setMark(store.mark()) };
}

/** The first reload mentioned after `mark` (from `useReloadStore().mark()`); none for null. */
export function useReloadSince(mark: number | null): ReloadProgress | undefined {
  const store = useReloadStore();
  useSyncExternalStore(store.subscribe, store.getVersion, store.getVersion);
  return mark === null ? undefined : store.firstSince(mark);
}
