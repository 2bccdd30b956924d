// Keystroke → error marker on a large config. The config (≈5,000 lines) is HEAD, so the
// editor loads it as an operator would find it. Each sample puts the cursor at the end of a
// route's `- receiver: team-N` line (routes spread over the file), types one "x" — the route
// now names the missing receiver team-Nx — and stamps, in the page:
//   issue:    the problems list's <li data-line=L> appears (React commit; the same effect
//             that renders it calls monaco.editor.setModelMarkers, so this is when the
//             model marker exists — Monaco is not exposed on window to ask it directly);
//   squiggle: Monaco has drawn a .squiggly-error decoration on line L (the visible marker).
// The clock starts at the keydown event's own timestamp. Backspace then restores the line
// and the next sample waits for "No problems" again.
import type { Browser, Page } from 'playwright-core';
import type { Stack } from '../../test/e2e/support/stack';
import { editorReady, goToLineEnd, openPage } from '../../test/e2e/ui';
import type { BigConfig } from './big-config';

export interface KeystrokeSample {
  line: number;
  issue_ms: number;
  squiggle_ms: number;
  /** Main-thread long tasks (> 50 ms) between the keydown and the squiggle, as [start after keydown, duration]. */
  long_tasks: [number, number][];
}

interface Probe {
  keydown: number;
  issue: number;
  squiggle: number;
  longTasks: [number, number][];
}

export async function measureKeystrokes(browser: Browser, stack: Stack, config: BigConfig, count: number, warmups: number, log: (line: string) => void): Promise<KeystrokeSample[]> {
  const { page } = await openPage(browser, stack, '/editor');
  const samples: KeystrokeSample[] = [];
  try {
    await editorReady(page);
    await page.getByTestId('draft-valid').waitFor({ timeout: 60_000 });
    for (let i = -warmups; i < count; i++) {
      // Spread the lines over the whole route tree (warm-ups reuse the first ones).
      const team = Math.floor(((Math.max(i, 0) + 0.5) * config.teams) / count);
      const line = config.routeLines[team];
      if (line === undefined) throw new Error(`bench/console: no route line for team ${team}`);
      const sample = await keystrokeOnce(page, line, team);
      if (i >= 0) samples.push(sample);
      if (i >= 0 && (i + 1) % 10 === 0) log(`  keystroke: ${i + 1}/${count}`);
    }
  } finally {
    await page.context().close();
  }
  return samples;
}

async function keystrokeOnce(page: Page, line: number, team: number): Promise<KeystrokeSample> {
  await goToLineEnd(page, line);
  await page.evaluate(installProbe, line);
  await page.keyboard.press('x');
  await page.waitForFunction(() => {
    const probe = (window as unknown as { __keyProbe?: Probe }).__keyProbe;
    return probe !== undefined && !Number.isNaN(probe.issue) && !Number.isNaN(probe.squiggle);
  }, undefined, { timeout: 15_000 });
  await page.waitForTimeout(150); // the long-task entries arrive after the task
  const probe = await page.evaluate(() => (window as unknown as { __keyProbe: Probe }).__keyProbe);

  // The marker must be the one the keystroke made, not some other problem on that line.
  const issue = page.locator(`[data-testid="draft-issues"] li[data-line="${line}"]`);
  const [path, code] = await Promise.all([issue.getAttribute('data-path'), issue.getAttribute('data-code')]);
  if (path !== `route.routes.${team}.receiver` || code !== 'unknown_receiver') {
    throw new Error(`bench/console: the keystroke on line ${line} gave issue ${code} at ${path}, expected unknown_receiver at route.routes.${team}.receiver`);
  }

  await page.keyboard.press('Backspace');
  await page.keyboard.press('Escape'); // closes a completion popup the "x" may have opened
  await page.getByTestId('draft-valid').waitFor({ timeout: 15_000 });
  // Let the draft save, monaco-yaml's worker and React settle before the next keystroke.
  await page.waitForTimeout(400);
  const round = (x: number) => Math.round(x * 10) / 10;
  const longTasks = probe.longTasks.filter(([start]) => start >= probe.keydown && start <= probe.squiggle).map(([start, d]): [number, number] => [round(start - probe.keydown), round(d)]);
  return { line, issue_ms: round(probe.issue - probe.keydown), squiggle_ms: round(probe.squiggle - probe.keydown), long_tasks: longTasks };
}

/** Runs in the page: stamps the next keydown and the first DOM state showing each marker. */
function installProbe(line: number): void {
  const probe: Probe = { keydown: NaN, issue: NaN, squiggle: NaN, longTasks: [] };
  (window as unknown as { __keyProbe: Probe }).__keyProbe = probe;
  // Long tasks say where the time goes (the debounce is idle time; the check is one task).
  const tasks = new PerformanceObserver((list) => list.getEntries().forEach((e) => probe.longTasks.push([e.startTime, e.duration])));
  tasks.observe({ type: 'longtask' });
  document.addEventListener('keydown', (event) => (probe.keydown = event.timeStamp), { capture: true, once: true });
  const root = document.querySelector('[data-testid="editor"] .monaco-editor');

  // Monaco draws a line's decorations in an overlay row at the same `top` as its number.
  const squiggleOnLine = () => {
    if (!root) return false;
    let top: string | null = null;
    root.querySelectorAll<HTMLElement>('.margin-view-overlays > div').forEach((row) => {
      if (Number(row.querySelector('.line-numbers')?.textContent?.trim()) === line) top = row.style.top;
    });
    if (top === null) return false;
    return [...root.querySelectorAll<HTMLElement>('.view-overlays .squiggly-error')].some((s) => s.parentElement?.style.top === top);
  };
  const observer = new MutationObserver(() => {
    if (Number.isNaN(probe.keydown)) return;
    const now = performance.now();
    if (Number.isNaN(probe.issue) && document.querySelector(`[data-testid="draft-issues"] li[data-line="${line}"]`)) probe.issue = now;
    if (Number.isNaN(probe.squiggle) && squiggleOnLine()) probe.squiggle = now;
    if (!Number.isNaN(probe.issue) && !Number.isNaN(probe.squiggle)) {
      observer.disconnect();
      // Entries of tasks that just ended are delivered asynchronously: collect them first.
      setTimeout(() => tasks.disconnect(), 100);
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
}
