// Apply click → "applied" verdict, in the real page. Each run opens the editor on the current
// HEAD, pastes a real change (the `default` receiver's URL gets a new query string), writes a
// commit message, waits for the service's plan (as an operator reads it before applying),
// then clicks Apply. The clock runs in the page: from the click event's timestamp to the
// moment the reload view's verdict element with data-status="success" enters the DOM
// (MutationObserver), across the client-side navigation to /reloads/{id}.
import type { Browser, Page } from 'playwright-core';
import type { Stack } from '../../test/e2e/support/stack';
import { consoleJson, editorReady, openPage, replaceDraft, writeCommitMessage } from '../../test/e2e/ui';

export interface ApplySample {
  /** click → verdict "applied" in the DOM */
  total_ms: number;
  /** click → the POST /api/config response has arrived (commit + service reload, server side) */
  post_ms: number;
  /** the POST's response → verdict in the DOM (navigation and render) */
  render_ms: number;
  /** the service's own record of the reload */
  reload_ms: number;
}

interface Probe {
  click: number;
  verdict: number;
  status: string | null;
  postEnd: number;
}

const DEFAULT_URL = /(name: default\n\s+webhook_configs:\n\s+- url: http:\/\/127\.0\.0\.1:9999\/hook)(\?run=[\w-]+)?\n/;

/** HEAD's text with the default receiver's URL made unique to `run`. */
export function withRunUrl(config: string, run: string): string {
  if (!DEFAULT_URL.test(config)) throw new Error('bench/console: the sample config has no `default` webhook receiver at http://127.0.0.1:9999/hook to change');
  return config.replace(DEFAULT_URL, `$1?run=${run}\n`);
}

export async function measureApply(browser: Browser, stack: Stack, runs: number, warmups: number, log: (line: string) => void): Promise<ApplySample[]> {
  const { page } = await openPage(browser, stack, '/editor');
  const samples: ApplySample[] = [];
  try {
    for (let i = -warmups; i < runs; i++) {
      const sample = await applyOnce(page, stack, i < 0 ? `warmup${-i}` : String(i));
      if (i >= 0) samples.push(sample);
      if (i >= 0 && (i + 1) % 10 === 0) log(`  apply: ${i + 1}/${runs} runs`);
    }
  } finally {
    await page.context().close();
  }
  return samples;
}

async function applyOnce(page: Page, stack: Stack, run: string): Promise<ApplySample> {
  await page.goto(new URL('/editor', stack.consoleUrl).href);
  const head = await consoleJson<{ content: string; commit: string }>(stack, '/api/config');
  await editorReady(page);
  await page.locator(`[data-testid="base-commit"]`).waitFor();
  await replaceDraft(page, withRunUrl(head.content, run));
  await writeCommitMessage(page, `bench: apply run ${run}`);
  await page.getByTestId('plan-component-receivers').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="apply"]')?.getAttribute('aria-disabled') === 'false', undefined, { timeout: 30_000 });

  await page.evaluate(installProbe);
  await page.getByTestId('apply').click();
  await page.waitForFunction(() => (window as unknown as { __applyProbe?: Probe }).__applyProbe?.status != null, undefined, { timeout: 60_000 });
  const probe = await page.evaluate(() => (window as unknown as { __applyProbe: Probe }).__applyProbe);
  if (probe.status !== 'success') throw new Error(`bench/console: apply run ${run} ended with verdict "${probe.status}", not success\n${stack.logs()}`);

  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    total_ms: round(probe.verdict - probe.click),
    post_ms: round(probe.postEnd - probe.click),
    render_ms: round(probe.verdict - probe.postEnd),
    reload_ms: round(await lastReloadMs(stack)),
  };
}

async function lastReloadMs(stack: Stack): Promise<number> {
  const res = await fetch(new URL('/api/v2/config/reload/history?limit=1', stack.adminUrl), { headers: { Authorization: `Bearer ${stack.token}` } });
  if (!res.ok) throw new Error(`bench/console: the service's reload history answered ${res.status}`);
  const body = (await res.json()) as { records: { duration_ms: number }[] };
  return body.records[0]?.duration_ms ?? NaN;
}

/**
 * Runs in the page: stamps the Apply click (capture phase, before React sees it) and the
 * first DOM mutation after which a settled verdict exists, then reads the POST's resource
 * timing. Client-side navigation keeps this window, so the observer sees the reload view.
 */
function installProbe(): void {
  const probe: Probe = { click: NaN, verdict: NaN, status: null, postEnd: NaN };
  (window as unknown as { __applyProbe: Probe }).__applyProbe = probe;
  const onClick = (event: MouseEvent) => {
    if ((event.target as Element | null)?.closest('[data-testid="apply"]')) {
      probe.click = event.timeStamp;
      document.removeEventListener('click', onClick, true);
    }
  };
  document.addEventListener('click', onClick, true);
  const observer = new MutationObserver(() => {
    if (Number.isNaN(probe.click)) return;
    const verdict = document.querySelector('[data-testid="verdict"]');
    const status = verdict?.getAttribute('data-status');
    if (!status || status === 'in_progress') return;
    probe.verdict = performance.now();
    const post = performance
      .getEntriesByType('resource')
      .filter((e): e is PerformanceResourceTiming => e.name.endsWith('/api/config') && e.startTime >= probe.click)
      .at(0);
    probe.postEnd = post?.responseEnd ?? NaN;
    probe.status = status;
    observer.disconnect();
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
}
