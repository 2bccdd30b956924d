'use client';
// The alert event stream (GET /api/alerts/events, the service's stream proxied): calls
// `onEvent` for each alert received and each delivery attempt. EventSource reconnects by
// itself (with Last-Event-ID) after a dropped connection; a refused one closes it, and this
// hook opens a new one after a pause.
import { useEffect, useRef, useState } from 'react';

export type AlertStream = 'connecting' | 'live' | 'offline';

const EVENT_NAMES = ['alert.received', 'delivery.attempted'] as const;
const RETRY_MS = 2_000;

export function useAlertEvents(onEvent: (name: (typeof EVENT_NAMES)[number]) => void): AlertStream {
  const [state, setState] = useState<AlertStream>('connecting');
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      source = new EventSource('/api/alerts/events');
      source.onopen = () => setState('live');
      source.onerror = () => {
        if (source?.readyState !== EventSource.CLOSED) return setState('connecting');
        setState('offline');
        source.close();
        retry = setTimeout(connect, RETRY_MS);
      };
      for (const name of EVENT_NAMES) source.addEventListener(name, () => handler.current(name));
    };
    connect();
    return () => {
      clearTimeout(retry);
      source?.close();
    };
  }, []);
  return state;
}
