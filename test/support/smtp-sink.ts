// A minimal SMTP server on 127.0.0.1 that accepts and records every message, for tests that
// compare what two mail clients (Alertmanager's Go net/smtp and hotconf's nodemailer) send.
// It advertises no STARTTLS and no AUTH, so with `require_tls: false` neither client tries
// to upgrade or log in; the dialogue is the plain RFC 5321 subset both of them use.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface SmtpMessage {
  /** MAIL FROM address, without the angle brackets. */
  from: string;
  /** RCPT TO addresses, in order. */
  to: string[];
  /** The DATA section, dot-unstuffed, CRLF line ends, without the final CRLF.CRLF. */
  data: string;
  at: number;
}

export interface SmtpSink {
  host: string;
  port: number;
  received: SmtpMessage[];
  close(): Promise<void>;
}

// Bounds so a confused client cannot make the test process hold unbounded memory.
const MAX_LINE = 4096;
const MAX_DATA = 1 << 20;
const MAX_RCPT = 100;

const address = (arg: string) => /<([^>]*)>/.exec(arg)?.[1] ?? arg.trim();

export async function startSmtpSink(onMessage?: (m: SmtpMessage) => void): Promise<SmtpSink> {
  const received: SmtpMessage[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const reply = (line: string) => socket.write(`${line}\r\n`);
    let from: string | undefined;
    let to: string[] = [];
    let inData = false;
    let dataLines: string[] = [];
    let dataSize = 0;
    let buffer = '';
    const reset = () => {
      from = undefined;
      to = [];
      inData = false;
      dataLines = [];
      dataSize = 0;
    };

    const command = (line: string) => {
      const verb = line.slice(0, 4).toUpperCase();
      switch (verb) {
        case 'EHLO':
          // One-line answer: no extensions, in particular neither STARTTLS nor AUTH.
          return reply('250 smtp-sink');
        case 'HELO':
          return reply('250 smtp-sink');
        case 'MAIL': {
          // Both clients send `MAIL FROM:<address>` (nodemailer may add parameters after it).
          if (!/^FROM:/i.test(line.slice(5))) return reply('501 syntax: MAIL FROM:<address>');
          reset();
          from = address(line.slice(10));
          return reply('250 OK');
        }
        case 'RCPT': {
          if (from === undefined) return reply('503 MAIL first');
          if (!/^TO:/i.test(line.slice(5))) return reply('501 syntax: RCPT TO:<address>');
          if (to.length >= MAX_RCPT) return reply('452 too many recipients');
          to.push(address(line.slice(8)));
          return reply('250 OK');
        }
        case 'DATA':
          if (from === undefined || to.length === 0) return reply('503 MAIL and RCPT first');
          inData = true;
          return reply('354 end with <CRLF>.<CRLF>');
        case 'RSET':
          reset();
          return reply('250 OK');
        case 'NOOP':
          return reply('250 OK');
        case 'QUIT':
          reply('221 bye');
          return socket.end();
        default:
          return reply('502 command not implemented');
      }
    };

    const dataLine = (line: string) => {
      if (line === '.') {
        const m: SmtpMessage = { from: from ?? '', to, data: dataLines.join('\r\n'), at: Date.now() };
        const tooBig = dataSize > MAX_DATA;
        reset();
        if (tooBig) return reply('552 message too big');
        received.push(m);
        onMessage?.(m);
        return reply('250 OK queued');
      }
      // Dot-unstuffing (RFC 5321 4.5.2): a leading dot was doubled by the client.
      const text = line.startsWith('.') ? line.slice(1) : line;
      dataSize += text.length + 2;
      if (dataSize <= MAX_DATA) dataLines.push(text);
    };

    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        const i = buffer.indexOf('\r\n');
        if (i < 0) break;
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) dataLine(line);
        else command(line);
      }
      // A line longer than any legitimate one: give up on the connection.
      if (buffer.length > (inData ? MAX_DATA : MAX_LINE)) {
        reply('500 line too long');
        socket.destroy();
      }
    });
    reply('220 smtp-sink ESMTP');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
