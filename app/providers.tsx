'use client';
// Client-side state for every page: TanStack Query (all server state) and the reload event
// stream that keeps it fresh.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { EventStreamProvider } from '../components/hooks/event-stream';

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          // Events invalidate what changed; a short staleTime only dedupes mounts.
          queries: { staleTime: 2_000, retry: 1 },
        },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <EventStreamProvider>{children}</EventStreamProvider>
    </QueryClientProvider>
  );
}
