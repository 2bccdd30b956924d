// The floor of the ingest benchmark: a bare Node http server that reads the body, parses
// the JSON and answers 200 — no validation, routing, storage or metrics. Loaded like the
// two services in the same rounds, it shows how much of a case is Node's HTTP stack and the
// client, which no work inside hotconf can remove (with one sender and one alert per request
// that is most of it).
// It also answers POST /-/reload at once: the reload driver's target in the control runs.
//   node bench/ingest/node-floor.mjs PORT   (127.0.0.1 only; GET /-/ready answers 200)
import http from 'node:http';

const port = Number(process.argv[2]);
http
  .createServer((req, res) => {
    if (req.method === 'GET') return void res.writeHead(200).end();
    // The benchmark's control for reloads: its driver posts here instead (run.mjs).
    if (req.url === '/-/reload') return void req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"success"}'));
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const alerts = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const text = JSON.stringify({ accepted: alerts.length });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    });
  })
  .listen(port, '127.0.0.1');
