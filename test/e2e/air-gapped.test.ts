// Scenario 7: every page, the editor with its schema features (hover docs, completion,
// schema markers) and the diff views, requests nothing from any host but the console:
// Monaco, its workers and the schema all come from the app itself.
import { describe, expect, it } from 'vitest';
import { signInBrowser } from '../support/console-users';
import { recordCspViolations } from './support/browser';
import { useStackAndBrowser } from './support/session';
import { consoleJson, editorReady, goToLineEnd, lineOf, openPage, screenshot } from './ui';

const e2e = useStackAndBrowser();

describe('scenario 7: the console on an air-gapped network', () => {
  it('loads every page, the editor and its language features from its own origin only', async () => {
    const { page, foreign } = await openPage(e2e.browser, e2e.stack, '/');
    // Under the console's CSP: Monaco, its workers and the editor's check worker all still run.
    const violations = recordCspViolations(page);
    const origin = new URL(e2e.stack.consoleUrl).origin;
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page.getByTestId('running-commit').waitFor();

    await page.getByRole('link', { name: 'Editor' }).click();
    await editorReady(page);
    // Focus moved to the new page's heading after the client-side navigation.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'Editor');

    // Hover docs from the JSON Schema (monaco-yaml's worker, served by the app).
    const head = await consoleJson<{ content: string }>(e2e.stack, '/api/config');
    const levelLine = lineOf(head.content, '  level: info');
    await goToLineEnd(page, levelLine); // scrolls it into view: hotconf's sections come last
    await page.locator('[data-testid="editor"] .view-line span span', { hasText: /^level$/ }).first().hover();
    await page.locator('.monaco-hover', { hasText: 'Lowest level written' }).first().waitFor({ timeout: 30_000 });

    // A value outside the schema's enum: the config core's marker appears (monaco-yaml's own
    // validation is off: one set of markers, in the service's words).
    await goToLineEnd(page, levelLine);
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('level: verbose');
    await page.locator('[data-testid="draft-issues"] li[data-path="log.level"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="editor"] .squiggly-warning, [data-testid="editor"] .squiggly-error').first().waitFor({ timeout: 30_000 });

    // Completion offers the schema's values.
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('level: ');
    await page.keyboard.press('Control+Space');
    await page.locator('.suggest-widget', { hasText: 'debug' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');
    await screenshot(page, 'scenario7-editor');

    // The diff against HEAD (Monaco's diff editor).
    await page.getByTestId('tab-diff').click();
    await page.locator('[data-testid="diff-view"] .monaco-diff-editor').waitFor({ timeout: 30_000 });
    await screenshot(page, 'scenario7-diff');

    for (const path of ['/history', '/reloads/live', '/reloads/1']) {
      await page.goto(new URL(path, e2e.stack.consoleUrl).href);
      await page.locator('main h1').waitFor();
    }
    await page.getByTestId('verdict').waitFor();
    await page.goto(new URL('/history', e2e.stack.consoleUrl).href);
    await page.getByTestId('commit-diff').waitFor();
    await page.waitForLoadState('networkidle');

    expect(workers.length).toBeGreaterThan(0);
    for (const url of workers) expect(url.startsWith(origin) || url.startsWith('blob:')).toBe(true);
    expect(foreign).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('stays readable at 400 px wide', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 400, height: 900 } });
    await signInBrowser(context, e2e.stack.consoleUrl, e2e.stack.editor);
    const page = await context.newPage();
    page.on('dialog', (d) => void d.accept());
    for (const [path, name] of [['/', 'overview'], ['/editor', 'editor'], ['/history', 'history']] as const) {
      await page.goto(new URL(path, e2e.stack.consoleUrl).href);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      // Nothing wider than the viewport: no sideways scrolling of the page.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
      await screenshot(page, `scenario7-narrow-${name}`);
    }
    await context.close();
  });
});
