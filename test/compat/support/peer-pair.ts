// A real Alertmanager 0.25 and a real `hotconf serve` side by side, each with its own capture
// sink on 127.0.0.1 (and an SMTP sink for email), started from one Alertmanager config text.
// The only things that differ between the two configs are the sink's base URL (written
// `${SINK}` in the text), the SMTP sink's host:port (`${SMTP}`) and the hotconf-only sections
// appended for hotconf (its listener and database); every route, receiver, inhibit rule and
// time interval is the same bytes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AlertmanagerProcess, startAlertmanager } from '../../support/alertmanager-process';
import { type ServiceProcess, freePort, serviceProcess } from '../../support/service-process';
import { type SmtpMessage, startSmtpSink } from '../../support/smtp-sink';

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

/**
 * Email goes to an SMTP sink beside each HTTP sink (`${SMTP}` in the config text is its
 * host:port). A message is recorded in the HTTP sink's list, so scenarios compare it like
 * any delivery: the first recipient `<name>@<scenario>.sink.invalid` gives the path
 * /<scenario>/<name>, and the body is the parsed message (see parseMail).
 */
function mailDelivery(m: SmtpMessage): Delivery {
  const rcpt = /^([^@]*)@(.*)\.sink\.invalid$/i.exec(m.to[0] ?? '');
  const path = rcpt ? `/${rcpt[2]}/${rcpt[1]}` : `/smtp/${m.to[0] ?? ''}`;
  return { method: 'SMTP', path, body: { envelope: { from: m.from, to: m.to }, ...parseMail(m.data) }, at: m.at };
}

export async function startPair(amConfig: string): Promise<PeerPair> {
  const [amSink, hcSink, port] = await Promise.all([startSink(), startSink(), freePort()]);
  const [amSmtp, hcSmtp] = await Promise.all([startSmtpSink((m) => amSink.received.push(mailDelivery(m))), startSmtpSink((m) => hcSink.received.push(mailDelivery(m)))]);
  // Each side's SMTP sink closes with its HTTP sink: stop() and the error path close both.
  for (const [sink, smtp] of [[amSink, amSmtp], [hcSink, hcSmtp]] as const) {
    const closeHttp = sink.close;
    sink.close = async () => void (await Promise.all([closeHttp(), smtp.close()]));
  }
  const sideConfig = (text: string, sink: Sink, smtp: { host: string; port: number }) => text.replaceAll('${SINK}', sink.base).replaceAll('${SMTP}', `${smtp.host}:${smtp.port}`);
  const hotconfConfig = [
    sideConfig(amConfig, hcSink, hcSmtp),
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
    [alertmanager] = await Promise.all([startAlertmanager(sideConfig(amConfig, amSink, amSmtp)), hotconf.start()]);
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

// ---- email: a message reduced to what two correct senders must agree on

/** RFC 2047 encoded words (Q and B) decoded; Alertmanager Q-encodes non-ASCII headers. */
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([qQbB])\?([^?]*)\?=(\s+(?==\?))?/g, (_, _charset: string, enc: string, text: string) => {
    if (enc.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
    const bytes = text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  });
}

/** Header block → lower-cased name → unfolded value (last one wins; the senders repeat none). */
function parseHeaders(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '').toLowerCase()) {
    case 'quoted-printable': {
      const bytes = body.replace(/=\r\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

/** The media type and its parameters, without the boundary (random on both sides). */
function contentType(value: string | undefined): { type: string; params: Record<string, string> } {
  const [type = '', ...rest] = (value ?? '').split(';').map((x) => x.trim()).filter(Boolean);
  const params: Record<string, string> = {};
  for (const p of rest) {
    const i = p.indexOf('=');
    if (i > 0) params[p.slice(0, i).trim().toLowerCase()] = p.slice(i + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return { type: type.toLowerCase(), params };
}

interface MailPart {
  contentType: { type: string; params: Record<string, string> };
  content?: string;
  parts?: MailPart[];
}

function parsePart(headers: Record<string, string>, body: string): MailPart {
  const ct = contentType(headers['content-type']);
  const boundary = ct.params.boundary;
  delete ct.params.boundary;
  if (!ct.type.startsWith('multipart/') || !boundary) return { contentType: ct, content: decodeBody(body, headers['content-transfer-encoding']) };
  // Parts sit between "--boundary" lines; the preamble and the epilogue are not content.
  const chunks = body.split(new RegExp(`(?:^|\r\n)--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \t]*(?:\r\n|$)`));
  const parts = chunks.slice(1, -1).map((chunk) => {
    const split = chunk.indexOf('\r\n\r\n');
    const [h, b] = split < 0 ? [chunk, ''] : [chunk.slice(0, split), chunk.slice(split + 4)];
    return parsePart(parseHeaders(h), b);
  });
  return { contentType: ct, parts };
}

/**
 * The headers Alertmanager sets (Subject, To, From, MIME-Version; decoded) and the MIME tree
 * with decoded contents. Date, Message-Id and the boundaries are left out: they vary per send.
 */
export function parseMail(data: string): { headers: Record<string, string>; body: MailPart } {
  const split = data.indexOf('\r\n\r\n');
  const all = parseHeaders(split < 0 ? data : data.slice(0, split));
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(all)) if (!['date', 'message-id', 'content-type', 'content-transfer-encoding'].includes(k)) headers[k] = decodeWords(v);
  return { headers, body: parsePart(all, split < 0 ? '' : data.slice(split + 4)) };
}
