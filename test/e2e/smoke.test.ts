// The product starts and the overview shows what the service runs, with no request leaving
// the console's own origin.
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordForeignRequests } from './support/browser';
import { useStackAndBrowser } from './support/session';

const e2e = useStackAndBrowser();

describe('smoke: the overview of a freshly started stack', () => {
  it('shows the running commit (the repo’s first commit) and talks to no other host', async () => {
    const page = await e2e.browser.newPage();
    const foreign = recordForeignRequests(page, e2e.stack.consoleUrl);
    await page.goto(e2e.stack.consoleUrl);
    const running = page.getByTestId('running-commit');
    await running.waitFor({ timeout: 30_000 });
    expect(await running.getAttribute('data-sha')).toBe(e2e.stack.initialCommit);
    expect(await running.textContent()).toBe(e2e.stack.initialCommit.slice(0, 7));
    // The footer says what runs, as `hotconf --version` does.
    const version = (await import('../../package.json', { with: { type: 'json' } })).default.version;
    expect(await page.getByTestId('version').textContent()).toMatch(new RegExp(`^hotconf ${version.replace(/\./g, '\\.')} · revision [0-9a-f]{12}$`));
    await page.waitForLoadState('networkidle');
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/smoke.png', fullPage: true });
    expect(foreign).toEqual([]);
  });
});
