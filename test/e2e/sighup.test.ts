// Scenario 5: an operator edits the file by hand and runs `kill -HUP`. The console did not
// start that reload, yet the live view follows it phase by phase, and the overview then
// shows the drift (the running file is not a commit).
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { PHASES } from '../../server/contract/reload';
import { useStackAndBrowser } from './support/session';
import { finalVerdict, openPage, screenshot } from './ui';

const e2e = useStackAndBrowser();

describe('scenario 5: kill -HUP after a hand edit', () => {
  it('is followed live by the console, and the overview shows the hand edit', async () => {
    const { page, foreign } = await openPage(e2e.browser, e2e.stack, '/reloads/live');
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('live-waiting').waitFor();
    // A second operator watches the overview, which must update by itself.
    const watcher = await openPage(e2e.browser, e2e.stack, '/');
    await watcher.page.locator('[data-testid="drift"][data-drift="none"]').waitFor({ timeout: 30_000 });
    const lastReloadId = () => watcher.page.getByTestId('last-reload-verdict').getAttribute('data-reload-id');
    const firstReload = await lastReloadId();

    const text = await readFile(e2e.stack.configPath, 'utf8');
    const edited = text.replace(/^(  level: )info$/m, '$1debug');
    expect(edited).not.toBe(text);
    await writeFile(e2e.stack.configPath, edited);
    process.kill(e2e.stack.servicePid, 'SIGHUP');

    const details = page.getByTestId('reload-details');
    await details.waitFor({ timeout: 30_000 });
    expect(await finalVerdict(page)).toBe('success');
    expect(await page.getByTestId('verdict').textContent()).toContain('applied');
    expect(await details.textContent()).toContain('SIGHUP');
    expect(await details.textContent()).toContain('hand-edited file');
    for (const phase of PHASES) expect(await page.getByTestId(`phase-${phase}`).getAttribute('data-state')).toBe('success');
    expect(await page.getByTestId('component-logger').getAttribute('data-state')).toBe('success');
    await screenshot(page, 'scenario5-live');

    // The open overview followed without a reload of the page.
    await watcher.page.locator('[data-testid="drift"][data-drift="dirty"]').waitFor({ timeout: 15_000 });
    await expect.poll(lastReloadId, { timeout: 15_000 }).not.toBe(firstReload);
    expect(watcher.foreign).toEqual([]);

    await page.getByRole('link', { name: 'Overview' }).click();
    await page.locator('[data-testid="drift"][data-drift="dirty"]').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('drift').textContent()).toContain('hand edit');
    expect(await page.getByTestId('drift-explanation').textContent()).toMatch(/edited by hand/);
    expect(await page.getByTestId('last-reload-verdict').getAttribute('data-status')).toBe('success');
    await screenshot(page, 'scenario5-overview');
    expect(foreign).toEqual([]);
  });
});
