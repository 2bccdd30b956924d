// HTTP calls a browser or fetch() would not make: a forged Host header, and a chunked body
// pushed until the server answers — against real processes, over loopback.
import http from 'node:http';
import { readFileSync } from 'node:fs';

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request with exactly these headers (Host included) on a fresh connection. */
export function rawRequest(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

export interface PushOutcome {
  status: number | null;
  body: string;
  /** Bytes written when the answer arrived (null: no answer). */
  sentAtAnswer: number | null;
  /** Bytes written in all before the connection ended or the client gave up. */
  sent: number;
  /** The server closed the connection (the client could not finish its upload). */
  cutOff: boolean;
}

/**
 * Sends up to `total` bytes as a chunked body (no Content-Length), 1 MiB at a time, waiting
 * for the socket to drain between chunks as a well-behaved client does. Stops when the
 * connection ends; an answer is recorded when it comes.
 */
export function pushChunked(url: string, total: number, headers: Record<string, string> = {}): Promise<PushOutcome> {
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  return new Promise((resolve) => {
    let sent = 0;
    let status: number | null = null;
    let body = '';
    let sentAtAnswer: number | null = null;
    let finished = false;
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, agent: false });
    const finish = (cutOff: boolean) => {
      if (finished) return;
      finished = true;
      resolve({ status, body, sentAtAnswer, sent, cutOff });
    };
    req.on('response', (res) => {
      status = res.statusCode ?? 0;
      sentAtAnswer = sent;
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('error', () => {});
    });
    req.on('error', () => finish(true));
    req.on('close', () => finish(sent < total));
    const pump = () => {
      while (!finished && sent < total && !req.destroyed) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (sent >= total && !req.destroyed) req.end();
    };
    pump();
  });
}

/** Resident set size and its peak (VmHWM) of a process, in bytes. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}
