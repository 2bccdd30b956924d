// Loopback sinks for notifier tests: an HTTP server that records every request exactly as
// it arrived (raw body bytes), and an SMTP server (smtp-server) that records envelopes,
// authentication and raw messages. Both listen on 127.0.0.1 with an ephemeral port.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface HttpCapture {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HttpSink {
  base: string;
  received: HttpCapture[];
  /** Status and body to answer a request with (default 200, "{}"). */
  answer: (req: HttpCapture) => { status: number; body: string };
  close(): Promise<void>;
}

export async function startHttpSink(): Promise<HttpSink> {
  const received: HttpCapture[] = [];
  const sink: HttpSink = {
    base: '',
    received,
    answer: (req) => (req.url.includes('/sendMessage') ? { status: 200, body: '{"ok":true,"result":{"message_id":1,"chat":{"id":42}}}' } : { status: 200, body: '{}' }),
    close: async () => undefined,
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const capture = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(capture);
      const { status, body } = sink.answer(capture);
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sink.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return sink;
}

export interface MailCapture {
  from: string;
  to: string[];
  auth: { method: string; username: string; password: string } | undefined;
  /** The EHLO/HELO name the client announced. */
  hello: string;
  raw: string;
}

export interface SmtpSink {
  port: number;
  received: MailCapture[];
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: MailCapture[] = [];
  const auths = new Map<string, MailCapture['auth']>();
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    authMethods: ['PLAIN', 'LOGIN', 'CRAM-MD5'],
    allowInsecureAuth: true,
    authOptional: true,
    onAuth(auth, session, cb) {
      auths.set(session.id, { method: auth.method, username: auth.username ?? '', password: auth.password ?? '' });
      cb(null, { user: auth.username });
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          auth: auths.get(session.id),
          hello: session.hostNameAppearsAs,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
