// Email over SMTP, with nodemailer's SMTP client, sending the message Alertmanager 0.25
// builds by hand: the config's headers (Subject, To and From by default) Q-encoded, a
// Message-Id unless one is configured, Date, and a multipart/alternative body with a
// quoted-printable text part (when `text` is set) and HTML part (when `html` is set, the
// default being email.default.html), rendered as html/template would.
//
// The SMTP dialogue follows Alertmanager's: port 465 is TLS from the start; otherwise
// require_tls (default global.smtp_require_tls, true) demands STARTTLS and false never
// upgrades. EHLO announces `hello` (global.smtp_hello). With auth_username set and AUTH
// advertised, the first mechanism the server lists that the config can do is used:
// CRAM-MD5 (auth_secret), PLAIN (auth_password(_file), auth_identity; only over TLS or to
// localhost, as Go refuses otherwise) or LOGIN. One MAIL FROM (exactly one `from` address),
// one RCPT TO per `to` address.
// Retryable: connection, TLS, authentication and SMTP command failures (as Alertmanager);
// final: template and address errors.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { EmailConfig } from './configs';
import { BaseNotifier, secretOf, type NotifierContext } from './base';
import { canonicalHeaderKey, multipartBody, qEncodeHeader, quotedPrintable, randomBoundary, rfc1123z } from './mime';
import { redact } from './http';
import { NotifyError, type Notification } from './types';

interface Resolved {
  host: string;
  port: number;
  from: string;
  to: string;
  hello: string;
  username: string;
  password: { value?: string; file?: string; path: string };
  secret: string;
  identity: string;
  requireTls: boolean;
  headers: Map<string, string>;
  html: string;
  text: string;
}

export class EmailNotifier extends BaseNotifier {
  readonly kind = 'email';
  private readonly c: Resolved;
  private readonly localName = safeHostname();

  constructor(label: string, config: EmailConfig, ctx: NotifierContext) {
    super(label, config.send_resolved, ctx);
    const g = ctx.global;
    const smarthost = config.smarthost || g?.smtp_smarthost || '';
    const at = config.smarthost ? `${label}.smarthost` : 'global.smtp_smarthost';
    const m = /^(.*):([^:]+)$/.exec(smarthost);
    if (!m) throw new Error(`${at}: no SMTP server: set smarthost (host:port) here or global.smtp_smarthost`);
    const port = Number(m[2]);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`${at}: "${m[2]}" is not a port number`);
    const from = config.from || g?.smtp_from || '';
    if (!from) throw new Error(`${label}.from: no sender address: set from here or global.smtp_from`);
    const to = config.to ?? '';
    const headers = new Map<string, string>();
    for (const [k, v] of Object.entries(config.headers ?? {})) headers.set(canonicalHeaderKey(k), v);
    if (!headers.has('Subject')) headers.set('Subject', '{{ template "email.default.subject" . }}');
    if (!headers.has('To')) headers.set('To', to);
    if (!headers.has('From')) headers.set('From', from);
    const ownPassword = !!(config.auth_password || config.auth_password_file);
    this.c = {
      host: m[1]!.replace(/^\[(.*)\]$/, '$1'),
      port,
      from,
      to,
      hello: config.hello || g?.smtp_hello || '',
      username: config.auth_username || g?.smtp_auth_username || '',
      password: ownPassword
        ? { value: config.auth_password, file: config.auth_password_file, path: `${label}.auth_password_file` }
        : { value: g?.smtp_auth_password, file: g?.smtp_auth_password_file, path: 'global.smtp_auth_password_file' },
      secret: config.auth_secret || g?.smtp_auth_secret || '',
      identity: config.auth_identity || g?.smtp_auth_identity || '',
      requireTls: config.require_tls ?? g?.smtp_require_tls ?? true,
      headers,
      html: config.html ?? '{{ template "email.default.html" . }}',
      text: config.text ?? '',
    };
    if (config.tls_config?.cert_file || config.tls_config?.key_file || config.tls_config?.ca_file) this.tlsFiles = config.tls_config;
    this.tls = {
      servername: config.tls_config?.server_name || this.c.host,
      rejectUnauthorized: !config.tls_config?.insecure_skip_verify,
    };
  }

  private readonly tls: { servername: string; rejectUnauthorized: boolean };
  private readonly tlsFiles: EmailConfig['tls_config'] | undefined;

  protected override secrets(): string[] {
    return [this.c.password.value ?? '', this.c.secret];
  }

  /** Everything rendered: the envelope and the message's bytes (Date, Message-Id and boundary vary). */
  message(n: Notification, now = new Date()): { from: string; to: string[]; raw: string } {
    const data = this.data(n);
    const t = this.renderer(data);
    const from = t(this.c.from, `${this.label}.from`);
    const to = t(this.c.to, `${this.label}.to`);
    const fromAddrs = addresses(from);
    if (fromAddrs === null) this.fail(`${this.label}.from: cannot parse the 'from' addresses`);
    if (fromAddrs.length !== 1) this.fail(`${this.label}.from: must be exactly one 'from' address (got: ${fromAddrs.length})`);
    const toAddrs = addresses(to);
    if (toAddrs === null || toAddrs.length === 0) this.fail(`${this.label}.to: cannot parse the 'to' addresses`);

    let head = '';
    for (const name of [...this.c.headers.keys()].sort()) {
      head += `${name}: ${qEncodeHeader(t(this.c.headers.get(name)!, `${this.label}.headers.${name}`))}\r\n`;
    }
    if (!this.c.headers.has('Message-Id')) {
      head += `Message-Id: <${BigInt(now.getTime()) * 1_000_000n + process.hrtime.bigint() % 1_000_000n}.${randomBytes(8).readBigUInt64BE()}@${this.localName}>\r\n`;
    }
    const boundary = randomBoundary();
    head += `Date: ${rfc1123z(now)}\r\n`;
    head += `Content-Type: multipart/alternative;  boundary=${boundary}\r\n`;
    head += 'MIME-Version: 1.0\r\n\r\n';
    const parts: { headers: Record<string, string>; body: string }[] = [];
    if (this.c.text) {
      parts.push({ headers: { 'Content-Transfer-Encoding': 'quoted-printable', 'Content-Type': 'text/plain; charset=UTF-8' }, body: quotedPrintable(t(this.c.text, `${this.label}.text`)) });
    }
    if (this.c.html) {
      const html = this.renderer(data, 'html')(this.c.html, `${this.label}.html`);
      parts.push({ headers: { 'Content-Transfer-Encoding': 'quoted-printable', 'Content-Type': 'text/html; charset=UTF-8' }, body: quotedPrintable(html) });
    }
    return { from: fromAddrs[0]!, to: toAddrs, raw: head + multipartBody(boundary, parts) };
  }

  async notify(n: Notification, options: { signal?: AbortSignal } = {}): Promise<void> {
    const message = this.message(n);
    const secure = this.c.port === 465;
    const tls = { ...this.tls, ...this.readTlsFiles() };
    const conn: SMTPConnection = new SMTPConnection({
      host: this.c.host,
      port: this.c.port,
      secure,
      requireTLS: !secure && this.c.requireTls,
      ignoreTLS: !secure && !this.c.requireTls,
      ...(this.c.hello ? { name: this.c.hello } : {}),
      tls,
      connectionTimeout: this.timeoutMs,
      greetingTimeout: this.timeoutMs,
      socketTimeout: this.timeoutMs,
      socketCloseTimeout: 0,
      logger: false,
      customAuth: { PLAIN: (ctx): Promise<void> => this.plainAuth(ctx, conn) },
    });
    const abort = () => conn.close();
    const timer = setTimeout(abort, this.timeoutMs);
    options.signal?.addEventListener('abort', abort, { once: true });
    let stage = 'establish connection to server';
    try {
      await new Promise<void>((resolve, reject) => {
        conn.once('error', reject);
        conn.once('end', () => reject(Object.assign(new Error('connection closed'), { code: 'ECONNECTION' })));
        conn.connect((err) => (err ? reject(err) : resolve()));
      });
      stage = 'authenticate';
      const mech = this.mechanism(conn);
      if (mech) {
        const password = mech === 'CRAM-MD5' ? this.c.secret : secretOf(this.c.password.value, this.c.password.file, this.c.password.path, false);
        await new Promise<void>((resolve, reject) => conn.login({ method: mech, user: this.c.username, pass: password }, (err) => (err ? reject(err) : resolve())));
      }
      stage = 'send the message';
      await new Promise<void>((resolve, reject) =>
        conn.send({ from: message.from, to: message.to, use8BitMime: true }, message.raw, (err) => (err ? reject(err) : resolve())),
      );
      conn.quit();
    } catch (err) {
      conn.close();
      if (err instanceof NotifyError) throw err;
      if (options.signal?.aborted) throw new NotifyError('the attempt was cancelled', true);
      throw new NotifyError(redact(`${stage}: ${describeSmtpError(err, this.c.requireTls)}`, this.secrets()), true);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
    }
  }

  /** Alertmanager's choice: the first advertised mechanism the config has credentials for; none without auth_username. */
  private mechanism(conn: SMTPConnection): string | undefined {
    if (!this.c.username || !conn.allowsAuth) return undefined;
    const lines = (conn as unknown as { _ehloLines?: string[] })._ehloLines ?? [];
    const advertised = lines.flatMap((l) => (/^AUTH[\s=](.*)/i.exec(l)?.[1] ?? '').split(/[\s=]+/)).filter(Boolean).map((m) => m.toUpperCase());
    const problems: string[] = [];
    for (const mech of advertised) {
      if (mech === 'CRAM-MD5') {
        if (this.c.secret) return mech;
        problems.push('missing secret for CRAM-MD5 auth mechanism');
      } else if (mech === 'PLAIN' || mech === 'LOGIN') {
        if (secretOf(this.c.password.value, this.c.password.file, this.c.password.path, false)) return mech;
        problems.push(`missing password for ${mech} auth mechanism`);
      }
    }
    throw new NotifyError(`find auth mechanism: ${problems.length ? problems.join('; ') : `unknown auth mechanism: ${advertised.join(' ')}`}`, true);
  }

  /** PLAIN as Go's smtp.PlainAuth: identity, user and password; refused over plain text to another host. */
  private async plainAuth(ctx: { sendCommand(cmd: string): Promise<{ status: number; text: string }>; resolve(): void; reject(e: Error | string): void }, conn: SMTPConnection): Promise<void> {
    const local = ['localhost', '127.0.0.1', '::1'].includes(this.c.host);
    if (!conn.secure && !local) return ctx.reject('unencrypted connection');
    const password = secretOf(this.c.password.value, this.c.password.file, this.c.password.path, false);
    const token = Buffer.from(`${this.c.identity}\0${this.c.username}\0${password}`, 'utf8').toString('base64');
    const reply = await ctx.sendCommand(`AUTH PLAIN ${token}`);
    if (reply.status === 235) ctx.resolve();
    else ctx.reject(`${reply.status} ${reply.text}`);
  }

  private readTlsFiles(): { ca?: Buffer; cert?: Buffer; key?: Buffer } {
    const t = this.tlsFiles;
    if (!t) return {};
    const read = (file: string | undefined, field: string) => {
      if (!file) return undefined;
      try {
        return readFileSync(file);
      } catch (err) {
        throw new NotifyError(`${this.label}.tls_config.${field}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, false);
      }
    };
    const out: { ca?: Buffer; cert?: Buffer; key?: Buffer } = {};
    const ca = read(t.ca_file, 'ca_file');
    const cert = read(t.cert_file, 'cert_file');
    const key = read(t.key_file, 'key_file');
    if (ca) out.ca = ca;
    if (cert) out.cert = cert;
    if (key) out.key = key;
    return out;
  }
}

/** The addresses of an address list (net/mail would refuse what addressparser cannot read as one). */
function addresses(text: string): string[] | null {
  if (!text.trim()) return [];
  const parsed = addressparser(text, { flatten: true });
  const out = parsed.map((a) => a.address).filter((a) => a !== '');
  return out.length === parsed.length && out.every((a) => a.includes('@')) ? out : null;
}

function describeSmtpError(err: unknown, requireTls: boolean): string {
  const e = err as { code?: unknown; responseCode?: unknown; response?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code === 'ETLS' && requireTls) return `'require_tls' is true (default) but STARTTLS failed or is not offered by the server (${code})`;
  if (typeof e.responseCode === 'number') return `${e.responseCode} ${typeof e.response === 'string' ? e.response.replace(/^\d+[ -]/, '') : ''}`.trim();
  if (typeof e.message === 'string' && /unencrypted connection|^\d{3} /.test(e.message)) return e.message;
  return code ? `SMTP failed (${code})` : 'SMTP failed';
}

function safeHostname(): string {
  try {
    return hostname() || 'localhost.localdomain';
  } catch {
    return 'localhost.localdomain';
  }
}
