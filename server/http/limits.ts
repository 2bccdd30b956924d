// Connection limits of the service's listeners, so that a flood of connections — held open,
// or trickling their headers (slowloris) — cannot use up the process's file descriptors and
// take the admin API, ingest and reloads down with it. Past `maxConnections` Node closes a
// new connection as soon as it is accepted; a client that has not sent its headers within
// `headersTimeoutMs`, or its whole request within `requestTimeoutMs`, is answered 408 and
// closed. Event streams are not bound by these (their request is complete at once); they
// have their own caps (sse.ts).
import type http from 'node:http';

export interface ConnectionLimits {
  maxConnections: number;
  /** Connections the kernel queues before we accept them. Node's default (511) overflows
   *  under a burst of connects, and a dropped SYN is retried by the client only after 1 s. */
  backlog: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** How long a keep-alive connection may wait for its next request. */
  keepAliveTimeoutMs: number;
}

/** The admin listener: the console, scripts, probes and scrapers — a few clients, and at most
 *  the event streams of sse.ts (512 by default) held open. */
export const ADMIN_LIMITS: ConnectionLimits = { maxConnections: 1024, backlog: 4096, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 };

/** The service listener (ingest, Alertmanager API). requestTimeout is server.read_timeout,
 *  applied by the listener component; the headers deadline is capped at this one. */
export const LISTENER_LIMITS: ConnectionLimits = { maxConnections: 2048, backlog: 4096, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 };

export function limitConnections(server: http.Server, limits: ConnectionLimits): void {
  server.maxConnections = limits.maxConnections;
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // Node checks both deadlines on this interval; the default (30 s) would let a slow client
  // hold its connection up to 30 s past them.
  (server as http.Server & { connectionsCheckingInterval?: number }).connectionsCheckingInterval = 1_000;
}
