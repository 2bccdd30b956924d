// The HTTP side of notifiers: a client per integration built from its http_config (or
// global.http_config), one request at a time over node:http/https, and Alertmanager's
// verdict on the answer (notify.Retrier): 2xx delivered; 5xx and 429 (and the codes a
// notifier adds) worth retrying; any other status final.
//
// http_config, as Prometheus' client (common v0.38) reads it:
//   basic_auth (password or password_file), authorization (type, credentials or
//   credentials_file), bearer_token(_file): the Authorization header, unless the notifier
//   set one itself; *_file contents are read at every send, white space trimmed.
//   tls_config: ca_file, cert_file/key_file, server_name, insecure_skip_verify,
//   min_version/max_version (files read at the first send).
//   follow_redirects: up to 10 redirects (301/302/303 continue as GET without a body).
//   enable_http2: requests always go out as HTTP/1.1.
//   oauth2 and proxy_url: refused when the notifier is built ("not supported yet").
//
// No message here contains a URL, a credential or a response body's copy of one: failures
// are described by error codes and status, and the body details are scrubbed of the
// integration's secrets.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { SecureVersion } from 'node:tls';
import type { HttpConfig } from '../../config/sections/http-config';
import { NotifyError } from './types';

export interface OutgoingRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: URL;
  /** Header names as they go on the wire. */
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface HttpAnswer {
  status: number;
  statusText: string;
  /** At most BODY_LIMIT bytes of the answer, as text. */
  body: string;
}

const BODY_LIMIT = 64 * 1024;
const MAX_REDIRECTS = 10;

/** What hotconf's notifiers send as User-Agent (Alertmanager sends `Alertmanager/<version>`). */
export const USER_AGENT = 'hotconf';

/** An http_config and where it sits in the config, e.g. `receivers.0.webhook_configs.1.http_config`. */
export interface PlacedHttpConfig {
  config: HttpConfig | undefined;
  path: string;
}

export class HttpClient {
  private agent: http.Agent | undefined;

  /** Throws for the parts of http_config hotconf cannot apply yet, naming their config path. */
  constructor(private readonly placed: PlacedHttpConfig) {
    const c = placed.config;
    if (c?.oauth2) throw new Error(`${placed.path}.oauth2: OAuth2 for notifiers is not supported yet in hotconf: use authorization or basic_auth`);
    if (c?.proxy_url) throw new Error(`${placed.path}.proxy_url: proxies for notifiers are not supported yet in hotconf`);
  }

  /** The secrets this client may send, to scrub from messages. */
  secrets(): string[] {
    const c = this.placed.config;
    return [c?.basic_auth?.password, c?.authorization?.credentials, c?.bearer_token].filter((s): s is string => !!s);
  }

  /**
   * Sends one request. Rejects with a retryable NotifyError when no answer came (network
   * error, timeout), and a final one when a credentials file cannot be read.
   */
  async send(req: OutgoingRequest, opts: { timeoutMs: number; signal?: AbortSignal }): Promise<HttpAnswer> {
    const headers: Record<string, string> = { ...req.headers };
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) {
      const auth = this.authorization();
      if (auth) headers['Authorization'] = auth;
    }
    // One controller and a plain timer, cleared when the send ends: AbortSignal.timeout and
    // AbortSignal.any kept each notification's signals, weak references and timers alive
    // until the timeout passed, so every scavenge copied them (at 50 notifications a second,
    // what a scavenge copied and promoted went from 2.4 to 1.1 MB).
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, opts.timeoutMs);
    const cancel = () => controller.abort();
    opts.signal?.addEventListener('abort', cancel, { once: true });
    if (opts.signal?.aborted) controller.abort();
    try {
      return await this.follow({ ...req, headers }, controller.signal, () => (timedOut ? `no answer within ${opts.timeoutMs} ms (timeout)` : opts.signal?.aborted ? 'the attempt was cancelled' : null));
    } finally {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', cancel);
    }
  }

  /** Sends `first` and follows redirects as Go's client does; `aborted()` says why the
   *  signal fired, if it did. */
  private async follow(first: OutgoingRequest, signal: AbortSignal, aborted: () => string | null): Promise<HttpAnswer> {
    let current = first;
    const follow = this.placed.config?.follow_redirects ?? true;
    for (let hop = 0; ; hop++) {
      let answer: HttpAnswer & { location?: string };
      try {
        answer = await this.once(current, signal);
      } catch (err) {
        throw new NotifyError(aborted() ?? describeNetworkError(err), true);
      }
      const redirect = follow && answer.location && [301, 302, 303, 307, 308].includes(answer.status);
      if (!redirect) return answer;
      if (hop >= MAX_REDIRECTS) throw new NotifyError(`stopped after ${MAX_REDIRECTS} redirects`, false);
      const next = new URL(answer.location!, current.url);
      const keepBody = answer.status === 307 || answer.status === 308;
      const nextHeaders = { ...current.headers };
      if (!keepBody) for (const h of Object.keys(nextHeaders)) if (/^content-(type|length)$/i.test(h)) delete nextHeaders[h];
      // As Go's client: credentials do not follow a redirect to another host.
      if (next.host !== current.url.host) for (const h of Object.keys(nextHeaders)) if (h.toLowerCase() === 'authorization') delete nextHeaders[h];
      current = keepBody ? { ...current, url: next, headers: nextHeaders } : { method: 'GET', url: next, headers: nextHeaders };
    }
  }

  private authorization(): string | undefined {
    const c = this.placed.config;
    if (!c) return undefined;
    const at = this.placed.path;
    if (c.basic_auth) {
      const password = c.basic_auth.password_file ? readSecretFile(c.basic_auth.password_file, `${at}.basic_auth.password_file`) : (c.basic_auth.password ?? '').trim();
      return 'Basic ' + Buffer.from(`${c.basic_auth.username ?? ''}:${password}`, 'utf8').toString('base64');
    }
    if (c.authorization) {
      const type = (c.authorization.type ?? '').trim() || 'Bearer';
      const credentials = c.authorization.credentials_file ? readSecretFile(c.authorization.credentials_file, `${at}.authorization.credentials_file`) : (c.authorization.credentials ?? '');
      return `${type} ${credentials}`;
    }
    if (c.bearer_token_file) return `Bearer ${readSecretFile(c.bearer_token_file, `${at}.bearer_token_file`)}`;
    if (c.bearer_token) return `Bearer ${c.bearer_token}`;
    return undefined;
  }

  private tlsAgent(): http.Agent {
    if (this.agent) return this.agent;
    const t = this.placed.config?.tls_config;
    const at = `${this.placed.path}.tls_config`;
    const read = (file: string, field: string): Buffer => {
      try {
        return readFileSync(file);
      } catch (err) {
        throw new NotifyError(`${at}.${field}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, false);
      }
    };
    const version = (v: string | undefined): SecureVersion | undefined => (v ? (`TLSv${v.slice(3, 4)}.${v.slice(4)}` as SecureVersion) : undefined);
    this.agent = new https.Agent({
      keepAlive: true,
      ...(t?.ca_file ? { ca: read(t.ca_file, 'ca_file') } : {}),
      ...(t?.cert_file ? { cert: read(t.cert_file, 'cert_file') } : {}),
      ...(t?.key_file ? { key: read(t.key_file, 'key_file') } : {}),
      ...(t?.server_name ? { servername: t.server_name } : {}),
      ...(t?.insecure_skip_verify ? { rejectUnauthorized: false } : {}),
      ...(version(t?.min_version) ? { minVersion: version(t?.min_version) } : {}),
      ...(version(t?.max_version) ? { maxVersion: version(t?.max_version) } : {}),
    });
    return this.agent;
  }

  private once(req: OutgoingRequest, signal: AbortSignal): Promise<HttpAnswer & { location?: string }> {
    const secure = req.url.protocol === 'https:';
    const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
    const headers = { ...req.headers, ...(body !== undefined || req.method !== 'GET' ? { 'Content-Length': String(body?.length ?? 0) } : {}) };
    return new Promise((resolve, reject) => {
      const r = (secure ? https : http).request(req.url, { method: req.method, headers, signal, ...(secure ? { agent: this.tlsAgent() } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < BODY_LIMIT) chunks.push(c);
          size += c.length;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            body: Buffer.concat(chunks).subarray(0, BODY_LIMIT).toString('utf8'),
            ...(typeof res.headers.location === 'string' ? { location: res.headers.location } : {}),
          }),
        );
        res.on('error', reject);
      });
      r.on('error', reject);
      r.end(body);
    });
  }
}

function readSecretFile(file: string, path: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    throw new NotifyError(`${path}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, false);
  }
}

/** Why a request got no answer, from error codes only: Node's messages carry the address. */
function describeNetworkError(err: unknown): string {
  if (err instanceof NotifyError) return err.message;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? `request failed (${code})` : 'request failed';
}

export interface StatusRules {
  /** Codes besides 5xx and 429 worth retrying (PagerDuty v1: 403). */
  retryCodes?: readonly number[];
  /** What to say about a failed answer; default: its body. */
  details?: (answer: HttpAnswer) => string;
  /** Strings that must not appear in the message (keys, tokens, URL parts). */
  secrets?: readonly string[];
}

/** Alertmanager's Retrier: resolves for 2xx, else throws a NotifyError saying whether to retry. */
export function checkStatus(answer: HttpAnswer, rules: StatusRules = {}): void {
  const { status } = answer;
  if (status >= 200 && status < 300) return;
  const retryable = status >= 500 || status === 429 || (rules.retryCodes ?? []).includes(status);
  const details = (rules.details ? rules.details(answer) : answer.body).trim();
  const shown = details ? `: ${redact(details.length > 512 ? details.slice(0, 512) + '…' : details, rules.secrets ?? [])}` : '';
  throw new NotifyError(`unexpected status code ${status}${shown}`, retryable, status);
}

/** Replaces every occurrence of a secret (and of its URL-encoded form) with <secret>. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length < 4) continue;
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join('<secret>');
  }
  return out;
}

/** A JSON POST as Alertmanager's notify.PostJSON sends it. */
export function jsonPost(url: URL, body: string, extra: Record<string, string> = {}): OutgoingRequest {
  return { method: 'POST', url, headers: { 'User-Agent': USER_AGENT, 'Content-Type': 'application/json', ...extra }, body };
}
