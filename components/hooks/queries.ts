'use client';
// TanStack Query hooks, one per console API call. Keys are shared with the event stream,
// which invalidates them when a reload finishes (see event-stream.tsx).
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ApplyResult, type HeadConfig } from './api';

export const queryKeys = {
  status: ['status'] as const,
  head: ['config', 'head'] as const,
  schema: ['schema'] as const,
  history: ['history'] as const,
  commit: (sha: string) => ['commit', sha] as const,
  reloads: ['reloads'] as const,
  reload: (id: number) => ['reloads', 'one', id] as const,
  plan: (base: string, content: string) => ['plan', base, content] as const,
};

/** How often the overview re-reads the status without an event: hand edits emit none. */
const STATUS_POLL_MS = 5_000;

export function useStatus() {
  return useQuery({ queryKey: queryKeys.status, queryFn: api.status, refetchInterval: STATUS_POLL_MS });
}

/** HEAD's config.yaml. The editor reads it once per base: a refetch must not move the base. */
export function useHeadConfig() {
  return useQuery({ queryKey: queryKeys.head, queryFn: api.headConfig, staleTime: Infinity, refetchOnWindowFocus: false });
}

export function useSchema() {
  return useQuery({ queryKey: queryKeys.schema, queryFn: api.schema, staleTime: Infinity, refetchOnWindowFocus: false });
}

export function useHistory() {
  return useInfiniteQuery({
    queryKey: queryKeys.history,
    queryFn: ({ pageParam }) => api.history(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}

export function useCommit(sha: string | null) {
  return useQuery({
    queryKey: queryKeys.commit(sha ?? ''),
    queryFn: () => api.commit(sha!),
    enabled: sha !== null,
    // A commit never changes.
    staleTime: Infinity,
  });
}

export function useReloads(limit: number) {
  return useQuery({ queryKey: [...queryKeys.reloads, limit], queryFn: () => api.reloads(limit) });
}

export function useReloadRecord(id: number, enabled: boolean) {
  return useQuery({ queryKey: queryKeys.reload(id), queryFn: () => api.reload(id), enabled });
}

/** The service's dry run of `content`; the caller debounces `content` and decides `enabled`. */
export function usePlan(base: string, content: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.plan(base, content),
    queryFn: () => api.plan(content),
    enabled,
    staleTime: 30_000,
    retry: false,
    placeholderData: keepPreviousData,
  });
}

/** After a commit or a restore: HEAD, history and status all moved; the record is known. */
function useAfterCommit() {
  const client = useQueryClient();
  return (result: ApplyResult, head?: HeadConfig) => {
    if (head) client.setQueryData(queryKeys.head, head);
    else void client.invalidateQueries({ queryKey: queryKeys.head });
    if (result.reload) client.setQueryData(queryKeys.reload(result.reload.id), result.reload);
    void client.invalidateQueries({ queryKey: queryKeys.history });
    void client.invalidateQueries({ queryKey: queryKeys.status });
    void client.invalidateQueries({ queryKey: queryKeys.reloads });
  };
}

export function useApply() {
  const after = useAfterCommit();
  return useMutation({
    mutationFn: api.apply,
    onSuccess: (result, input) => after(result, { commit: result.commit, content: input.content }),
  });
}

export function useRestore() {
  const after = useAfterCommit();
  return useMutation({ mutationFn: api.restore, onSuccess: (result) => after(result) });
}
