// The flooding client of test/security/sse-flood.test.ts, in its own process so that its
// thousands of sockets do not slow down the test's own timed calls. Forked with IPC:
//   argv: ADMIN_PORT TOKEN ATTEMPTS WAVE
// Opens ATTEMPTS event-stream requests in waves of WAVE at once (the next wave when every
// one of the last was answered), holds the accepted ones, then reports
// { accepted, refused, dropped, otherStatus, refusedWithoutRetryAfter, ms }. On the message
// "release" it closes what it holds and answers "released".
import net from 'node:net';

const [port, token, attempts, wave] = [Number(process.argv[2]), process.argv[3], Number(process.argv[4]), Number(process.argv[5])];
const held = [];
const counts = { accepted: 0, refused: 0, dropped: 0, otherStatus: 0, refusedWithoutRetryAfter: 0 };

function openStream() {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let head = '';
    let settled = false;
    const settle = (outcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    socket.once('connect', () => socket.write(`GET /api/v2/config/reload/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`));
    socket.on('data', (d) => {
      if (settled) return; // a held stream: heartbeats are read and dropped
      head += d.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      if (status === 200) return settle({ kind: 'accepted', socket });
      settle({ kind: 'refused', status, retryAfter: /\r\nretry-after: (\d+)/i.exec(head.slice(0, end))?.[1] ?? null });
      socket.destroy();
    });
    socket.on('error', () => settle({ kind: 'dropped' }));
    socket.on('close', () => settle({ kind: 'dropped' }));
  });
}

const t0 = performance.now();
for (let opened = 0; opened < attempts; opened += wave) {
  const outcomes = await Promise.all(Array.from({ length: Math.min(wave, attempts - opened) }, openStream));
  for (const o of outcomes) {
    if (o.kind === 'accepted') {
      counts.accepted++;
      held.push(o.socket);
    } else if (o.kind === 'refused') {
      counts.refused++;
      if (o.status !== 503) counts.otherStatus++;
      if (o.retryAfter === null) counts.refusedWithoutRetryAfter++;
    } else counts.dropped++;
  }
}
process.send({ ...counts, ms: Math.round(performance.now() - t0) });

process.on('message', (msg) => {
  if (msg !== 'release') return;
  for (const s of held) s.destroy();
  process.send('released', () => process.exit(0));
});
