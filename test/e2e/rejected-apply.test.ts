// Scenario 3: a config the service cannot bring up (its database file cannot be created: its
// folder inside the data dir does not exist, and hotconf creates no folders). The plan of an
// editor runs the preflight checks and warns, but does not block; Apply commits, the reload
// view shows the failing phase and the verdict, the running config is unchanged, and
// History marks the commit not applied.
import { describe, expect, it } from 'vitest';
import { useStackAndBrowser } from './support/session';
import { apply, consoleJson, editorReady, finalVerdict, openPage, replaceDraft, screenshot, serviceJson, writeCommitMessage } from './ui';

const e2e = useStackAndBrowser();

interface RunningConfig {
  database: { path: string };
}

describe('scenario 3: a config the service cannot bring up', () => {
  it('is committed, rejected by the service with the failing phase shown, and marked not applied', async () => {
    const before = await serviceJson<RunningConfig>(e2e.stack, '/api/v2/config?format=json');
    const { page, foreign } = await openPage(e2e.browser, e2e.stack, '/editor');
    const head = await consoleJson<{ content: string }>(e2e.stack, '/api/config');
    const broken = head.content.replace('path: alerts.db', 'path: no-such-folder/alerts.db');
    expect(broken).not.toBe(head.content);

    await editorReady(page);
    await replaceDraft(page, broken);
    await writeCommitMessage(page, 'Move alert history to a folder that does not exist');

    // The storage preflight sees the problem; the plan says so but leaves the decision to the operator.
    const storage = page.getByTestId('plan-component-storage');
    await storage.waitFor({ timeout: 30_000 });
    expect(await storage.getAttribute('data-preflight')).toBe('failed');
    expect(await page.getByTestId('plan-summary').getAttribute('data-verdict')).toBe('preflight failed');
    await screenshot(page, 'scenario3-plan');

    await apply(page);
    await page.waitForURL(/\/reloads\/\d+$/, { timeout: 60_000 });
    const status = await finalVerdict(page);
    expect(['apply_failed', 'rolled_back']).toContain(status);
    const verdict = await page.getByTestId('verdict').textContent();
    expect(verdict).toMatch(status === 'apply_failed' ? /rejected/ : /rolled back/);
    const failedPhase = status === 'apply_failed' ? 'apply' : 'reload';
    expect(await page.getByTestId(`phase-${failedPhase}`).getAttribute('data-state')).toBe('failed');
    expect(await page.getByTestId(`phase-${failedPhase}`).textContent()).toContain('no-such-folder/alerts.db');
    expect(await page.getByTestId('component-storage').getAttribute('data-state')).not.toBe('success');
    await screenshot(page, 'scenario3-reload');

    const after = await serviceJson<RunningConfig>(e2e.stack, '/api/v2/config?format=json');
    expect(after.database.path).toBe(before.database.path);

    await page.getByRole('link', { name: 'History' }).click();
    const top = page.getByTestId('commit-row').first();
    await top.waitFor();
    expect(await top.locator('.commit-subject').textContent()).toBe('Move alert history to a folder that does not exist');
    expect(await top.getAttribute('data-applied')).toBe('false');
    expect(await top.getByTestId('commit-outcome').textContent()).toContain('not applied');
    await screenshot(page, 'scenario3-history');

    // The overview says the service is behind HEAD.
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.locator('[data-testid="drift"][data-drift="behind"]').waitFor({ timeout: 15_000 });
    expect(foreign).toEqual([]);
  });
});
