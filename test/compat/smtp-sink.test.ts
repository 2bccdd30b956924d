// The SMTP capture sink the conformance test reads email through: what it records has to be
// exactly what the client meant to send, or the comparison would compare the sink's mistakes.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink';

/** Sends the lines one by one, each after the previous reply, and returns every reply line. */
async function dialogue(sink: SmtpSink, lines: string[]): Promise<string[]> {
  const socket = net.connect(sink.port, sink.host);
  socket.setEncoding('utf8');
  const replies: string[] = [];
  let buffer = '';
  let waiting: (() => void) | undefined;
  socket.on('data', (c: string) => {
    buffer += c;
    let i;
    while ((i = buffer.indexOf('\r\n')) >= 0) {
      replies.push(buffer.slice(0, i));
      buffer = buffer.slice(i + 2);
      waiting?.();
    }
  });
  const next = (n: number) =>
    new Promise<void>((resolve) => {
      waiting = () => replies.length >= n && resolve();
      waiting();
    }).then(() => (waiting = undefined));
  await next(1);
  for (const line of lines) {
    const n = replies.length + 1;
    socket.write(`${line}\r\n`);
    // DATA's content lines get no reply of their own; only the final "." does.
    if (line === 'DATA' || !replies.at(-1)?.startsWith('354') || line === '.') await next(n);
  }
  socket.destroy();
  return replies;
}

describe('smtp-sink', () => {
  let sink: SmtpSink | undefined;
  afterEach(async () => {
    await sink?.close();
    sink = undefined;
  });

  it('records the envelope and the dot-unstuffed data, and advertises neither STARTTLS nor AUTH', async () => {
    sink = await startSmtpSink();
    const replies = await dialogue(sink, ['EHLO test', 'MAIL FROM:<a@x.invalid> BODY=8BITMIME', 'RCPT TO:<b@x.invalid>', 'RCPT TO:<c@x.invalid>', 'DATA', 'Subject: s', '', '..leading dot', 'body', '.', 'QUIT']);
    expect(replies.join('\n')).not.toMatch(/STARTTLS|AUTH/);
    expect(replies.at(-1)).toMatch(/^221/);
    expect(sink.received).toEqual([{ from: 'a@x.invalid', to: ['b@x.invalid', 'c@x.invalid'], data: 'Subject: s\r\n\r\n.leading dot\r\nbody', at: expect.any(Number) }]);
  });

  it('RSET drops the transaction; DATA without recipients is refused; NOOP and HELO are answered', async () => {
    sink = await startSmtpSink();
    const replies = await dialogue(sink, ['HELO test', 'MAIL FROM:<a@x.invalid>', 'RCPT TO:<b@x.invalid>', 'RSET', 'DATA', 'NOOP', 'QUIT']);
    expect(replies.map((r) => r.slice(0, 3))).toEqual(['220', '250', '250', '250', '250', '503', '250', '221']);
    expect(sink.received).toEqual([]);
  });
});
