// The JavaScript a page loads on a first visit: a fresh browser context (empty cache) opens
// the page, waits until it is usable and the network has been quiet, and every JavaScript
// response (scripts, lazily imported chunks, worker scripts) is gzipped here with zlib at its
// default level (6, what Next's own compression sends) whatever encoding the server chose, so
// the number measures the code, not the server's settings.
// Files are split by origin: named in the page's HTML (its own scripts) or fetched after —
// lazily imported chunks (Monaco), workers, and the chunks of other routes that Next's <Link>
// prefetch pulls in (React decodes the prefetched payload and preloads its client modules).
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import type { Stack } from '../../test/e2e/support/stack';
import { signInBrowser } from '../../test/support/console-users';

export interface JsFile {
  path: string;
  bytes: number;
  gzip_bytes: number;
  /** Monaco (or monaco-yaml) code, by its telltale strings, or a worker of it. */
  monaco: boolean;
  /** Named in the page's HTML document; otherwise fetched later (lazy import, worker, prefetch). */
  in_document: boolean;
}

export interface PageJs {
  page: string;
  files: JsFile[];
  total_bytes: number;
  total_gzip_bytes: number;
  /** Only the files the HTML document names. */
  document_gzip_bytes: number;
  monaco_files: string[];
}

const QUIET_MS = 2_000;
const MAX_WAIT_MS = 60_000;
/** Strings minification keeps (globals, module paths, CSS class names) found only in Monaco and monaco-yaml. */
const MONACO_SIGNS = /MonacoEnvironment|monaco-editor|monaco-yaml|squiggly-error|vs\/editor\//;

export async function measurePageJs(browser: Browser, stack: Stack, path: string, ready: (page: Page) => Promise<void>): Promise<PageJs> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await signInBrowser(context, stack.consoleUrl, stack.editor);
  const pending: Promise<JsFile | null>[] = [];
  let lastActivity = Date.now();
  const onResponse = (response: Response) => {
    lastActivity = Date.now();
    pending.push(jsFile(response));
  };
  context.on('request', () => (lastActivity = Date.now()));
  context.on('response', onResponse);
  try {
    const page = await context.newPage();
    // Dedicated workers' scripts are not page responses in every Playwright version: catch
    // them on the worker too (deduplicated by URL below).
    page.on('worker', (worker) => pending.push(workerFile(worker.url(), context)));
    const navigation = await page.goto(new URL(path, stack.consoleUrl).href, { waitUntil: 'load' });
    const html = (await navigation?.text()) ?? '';
    await ready(page);
    const deadline = Date.now() + MAX_WAIT_MS;
    while (Date.now() - lastActivity < QUIET_MS && Date.now() < deadline) await page.waitForTimeout(250);
    const files = dedupe((await Promise.all(pending)).filter((f): f is JsFile => f !== null)).map((f) => ({ ...f, in_document: html.includes(f.path) }));
    return {
      page: path,
      files,
      total_bytes: files.reduce((s, f) => s + f.bytes, 0),
      total_gzip_bytes: files.reduce((s, f) => s + f.gzip_bytes, 0),
      document_gzip_bytes: files.filter((f) => f.in_document).reduce((s, f) => s + f.gzip_bytes, 0),
      monaco_files: files.filter((f) => f.monaco).map((f) => f.path),
    };
  } finally {
    await context.close();
  }
}

async function jsFile(response: Response): Promise<JsFile | null> {
  const type = response.headers()['content-type'] ?? '';
  const url = new URL(response.url());
  if (!/javascript|ecmascript/.test(type) && !url.pathname.endsWith('.js')) return null;
  const body = await response.body().catch(() => null);
  return body ? describe(url.pathname, body) : null;
}

/** A worker's script, fetched again from the console when the page's events did not carry it. */
async function workerFile(url: string, context: BrowserContext): Promise<JsFile | null> {
  if (!url.startsWith('http')) return null;
  const body = await (await context.request.get(url)).body();
  return describe(new URL(url).pathname, body);
}

function describe(path: string, body: Buffer): JsFile {
  return { path, bytes: body.length, gzip_bytes: gzipSync(body).length, monaco: /monaco|\.worker\./i.test(path) || MONACO_SIGNS.test(body.toString('utf8')), in_document: false };
}

function dedupe(files: JsFile[]): JsFile[] {
  const byPath = new Map<string, JsFile>();
  for (const f of files) byPath.set(f.path, f);
  return [...byPath.values()].sort((a, b) => b.gzip_bytes - a.gzip_bytes);
}
