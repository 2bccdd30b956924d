// Every response the end-to-end tests see from the service's admin listener or from the
// console is checked against docs/openapi/ (openapi.ts): the test's own fetch calls (a
// mismatch makes that fetch throw, so the test fails where it asked) and the browser's
// (collected per page; the e2e session fails the file on any). A route served but not
// documented, or a field the document does not have, fails the test that saw it.
import type { Page } from 'playwright-core';
import { type SpecName, problemsOf } from './openapi';

const origins = new Map<string, SpecName>();
const browserProblems: string[] = [];
let installed = false;

/** Checks responses from `baseUrl`'s origin against the named document from now on. */
export function checkResponsesFrom(baseUrl: string, spec: SpecName): void {
  origins.set(new URL(baseUrl).origin, spec);
  if (installed) return;
  installed = true;
  const original = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const res = await original(input, init);
    const url = input instanceof Request ? input.url : String(input);
    const parsed = new URL(url);
    const spec = origins.get(parsed.origin);
    // The console's pages are HTML for browsers; its API is what the document describes.
    if (spec && (spec === 'admin' || parsed.pathname.startsWith('/api/'))) {
      const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
      const problems = problemsOf(spec, await seen(method, url, res));
      if (problems.length > 0) throw new Error(`response does not match docs/openapi/${spec}.yaml:\n  ${problems.join('\n  ')}`);
    }
    return res;
  };
}

/** Checks the console API responses a browser page receives; see `browserSpecProblems`. */
export function checkPageResponses(page: Page, consoleUrl: string): void {
  const origin = new URL(consoleUrl).origin;
  page.on('response', (res) => {
    const url = new URL(res.url());
    if (url.origin !== origin || !url.pathname.startsWith('/api/')) return;
    const contentType = res.headers()['content-type'] ?? '';
    const stream = contentType.startsWith('text/event-stream');
    void (stream ? Promise.resolve(undefined) : res.text().catch(() => undefined)).then((body) => {
      browserProblems.push(...problemsOf('console', { method: res.request().method(), url: res.url(), status: res.status(), contentType, ...(body !== undefined ? { body } : {}) }));
    });
  });
}

export function browserSpecProblems(): string[] {
  return [...browserProblems];
}

async function seen(method: string, url: string, res: Response) {
  const contentType = res.headers.get('content-type') ?? '';
  // A stream is never read here: only its content type is checked.
  const body = contentType.startsWith('text/event-stream') ? undefined : await res.clone().text();
  return { method, url, status: res.status, contentType, ...(body !== undefined ? { body } : {}) };
}
