// A real Alertmanager 0.25 and a real `hotconf serve` side by side, each with its own capture
// sink on 127.0.0.1, started from one Alertmanager config text. The only thing that differs
// between the two configs is the sink's base URL (written `${SINK}` in the text) and the
// hotconf-only sections appended for hotconf (its listener and database); every route,
// receiver, inhibit rule and time interval is the same bytes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AlertmanagerProcess, startAlertmanager } from '../../support/alertmanager-process';
import { type ServiceProcess, freePort, serviceProcess } from '../../support/service-process';

export interface Delivery {
  method: string;
  /** Request path below the sink, query included. */
  path: string;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: unknown;
  at: number;
}

export interface Sink {
  base: string;
  received: Delivery[];
  close(): Promise<void>;
}

/** Answers every request 200 and records it: the sinks never make a notifier retry. */
export async function startSink(): Promise<Sink> {
  const received: Delivery[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text: a non-JSON body is itself something to compare
      }
      received.push({ method: req.method ?? '', path: req.url ?? '', body, at: Date.now() });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Peer {
  name: 'alertmanager' | 'hotconf';
  /** Where POST /api/v2/alerts goes. */
  url: string;
  sink: Sink;
}

export interface PeerPair {
  am: Peer;
  hc: Peer;
  hotconf: ServiceProcess;
  alertmanager: AlertmanagerProcess;
  /** Posts the same alerts to both, at the same time; both must accept them. */
  post(alerts: unknown[]): Promise<void>;
  stop(): Promise<void>;
}

export async function startPair(amConfig: string): Promise<PeerPair> {
  const [amSink, hcSink, port] = await Promise.all([startSink(), startSink(), freePort()]);
  const hotconfConfig = [
    amConfig.replaceAll('${SINK}', hcSink.base),
    'server:',
    '  host: 127.0.0.1',
    `  port: ${port}`,
    '  graceful_shutdown_timeout: 2s',
    'log:',
    '  level: warn',
    'database:',
    '  path: alerts.db',
    '',
  ].join('\n');
  const hotconf = await serviceProcess({ config: hotconfConfig });
  let alertmanager: AlertmanagerProcess | undefined;
  try {
    [alertmanager] = await Promise.all([startAlertmanager(amConfig.replaceAll('${SINK}', amSink.base)), hotconf.start()]);
  } catch (err) {
    await alertmanager?.stop();
    hotconf.cleanup();
    await Promise.all([amSink.close(), hcSink.close()]);
    throw err;
  }
  const am: Peer = { name: 'alertmanager', url: alertmanager.url, sink: amSink };
  const hc: Peer = { name: 'hotconf', url: `http://127.0.0.1:${port}`, sink: hcSink };
  const am_ = alertmanager;
  return {
    am,
    hc,
    hotconf,
    alertmanager: am_,
    async post(alerts) {
      const body = JSON.stringify(alerts);
      await Promise.all(
        [am, hc].map(async (p) => {
          const res = await fetch(`${p.url}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
          if (res.status !== 200) throw new Error(`${p.name} answered ${res.status} to POST /api/v2/alerts: ${await res.text()}`);
        }),
      );
    },
    async stop() {
      await Promise.allSettled([am_.stop(), hotconf.stop()]);
      hotconf.cleanup();
      await Promise.all([amSink.close(), hcSink.close()]);
    },
  };
}

/** Polls `check` until it returns something truthy; throws after the deadline. */
export async function until<T>(what: string, check: () => T | undefined | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = check();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits until neither sink has received anything (outside `ignore`d paths) for `quietMs`
 * since `since` or its last delivery:
 * the point where both services have said all they will say about what was posted. The
 * quiet window is longer than a group_interval, so a late or extra notification from either
 * side lands before it closes and shows up in the comparison.
 */
export async function settled(pair: PeerPair, since: number, quietMs: number, timeoutMs: number, ignore: (path: string) => boolean): Promise<void> {
  const last = () => Math.max(since, ...[pair.am, pair.hc].flatMap((p) => p.sink.received.filter((d) => !ignore(d.path)).map((d) => d.at)));
  await until('both sinks to go quiet', () => Date.now() - last() >= quietMs, timeoutMs);
}

const GO_ZERO_TIME = '0001-01-01T00:00:00Z';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * What may differ between two correct implementations: times (when each process happened
 * to send), its own external URL (removed) and its sink's address. Everything else — group keys,
 * fingerprints, dedup keys, aliases, labels, texts — is kept and must be equal.
 */
export function normalize(value: unknown, externalURL: string, sinkBase: string): unknown {
  if (typeof value === 'string') {
    // Go's zero time (the endsAt of a firing alert in a webhook) is a value, not a moment.
    if (RFC3339.test(value)) return value === GO_ZERO_TIME ? value : '<time>';
    let s = value;
    // hotconf has no external URL setting yet (it sends ''), Alertmanager always has one
    // (http://<hostname>:<port> by default): both are taken out, leaving the paths after it.
    if (externalURL) s = s.split(externalURL).join('');
    return s.split(sinkBase).join('<sink>');
  }
  if (Array.isArray(value)) return value.map((v) => normalize(v, externalURL, sinkBase));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, normalize(v, externalURL, sinkBase)]));
  }
  return value;
}

/** The external URL a service put in its webhook bodies ('' when it sent none). */
export function externalURLOf(sink: Sink): string {
  for (const d of sink.received) {
    const u = (d.body as { externalURL?: unknown } | null)?.externalURL;
    if (typeof u === 'string' && u) return u;
  }
  return '';
}
