// Preloaded into the console process (node --import, see server/console/start.ts): stamps
// every request with the address of the socket it arrived on, in x-hotconf-peer, replacing
// any value the client sent. The console's sign-in code (server/console/auth/peer.ts) reads
// it; X-Forwarded-For cannot serve, since Next.js keeps whatever the client put there.
// The channel fires synchronously before the server's 'request' event, so every handler
// sees the stamped headers.
import { subscribe } from 'node:diagnostics_channel';

subscribe('http.server.request.start', ({ request, socket }) => {
  request.headers['x-hotconf-peer'] = socket.remoteAddress ?? '';
});
