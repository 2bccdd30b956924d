// Scenario 1: add a receiver and a route in the editor, read the plan (routing and
// receivers reload), Apply, watch the reload view go through the six phases to "applied",
// and find the commit on top of History.
import { describe, expect, it } from 'vitest';
import { PHASES } from '../../server/contract/reload';
import { useStackAndBrowser } from './support/session';
import { apply, consoleJson, editorReady, finalVerdict, openPage, replaceDraft, screenshot, serviceJson, writeCommitMessage } from './ui';

const e2e = useStackAndBrowser();

const MESSAGE = 'Send database alerts to the db team';

function withDbTeam(config: string): string {
  return config
    .replace("      receiver: platform-slack\n", "      receiver: platform-slack\n    - matchers: ['team=\"db\"']\n      receiver: db-team\n")
    .replace('\n\n# While a critical alert fires', '\n  - name: db-team\n    webhook_configs:\n      - url: http://127.0.0.1:9999/db\n\n# While a critical alert fires');
}

describe('scenario 1: add a receiver and a route, plan, apply, watch, find it in History', () => {
  it('plans routing and receivers, applies through all six phases, and lists the commit first', async () => {
    const { page, foreign } = await openPage(e2e.browser, e2e.stack, '/editor');
    const head = await consoleJson<{ content: string; commit: string }>(e2e.stack, '/api/config');
    const edited = withDbTeam(head.content);
    expect(edited).toContain('receiver: db-team');
    expect(edited).toContain('- name: db-team');

    await editorReady(page);
    await replaceDraft(page, edited);
    await writeCommitMessage(page, MESSAGE);

    // The plan lists the two components this change reloads, both preflighted.
    await page.getByTestId('plan-component-routing').waitFor({ timeout: 30_000 });
    await page.getByTestId('plan-component-receivers').waitFor();
    const planned = await page.getByTestId('plan-components').locator('li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-testid')));
    expect(planned.sort()).toEqual(['plan-component-receivers', 'plan-component-routing']);
    expect(await page.getByTestId('plan-component-routing').getAttribute('data-preflight')).toBe('ok');
    expect(await page.getByTestId('plan-changes').textContent()).toContain('receivers');
    await screenshot(page, 'scenario1-plan');

    await apply(page);
    await page.waitForURL(/\/reloads\/\d+$/, { timeout: 60_000 });
    expect(await finalVerdict(page)).toBe('success');
    expect(await page.getByTestId('verdict').textContent()).toContain('applied');
    for (const phase of PHASES) expect(await page.getByTestId(`phase-${phase}`).getAttribute('data-state')).toBe('success');
    expect(await page.getByTestId('component-routing').getAttribute('data-state')).toBe('success');
    expect(await page.getByTestId('component-receivers').getAttribute('data-state')).toBe('success');
    await screenshot(page, 'scenario1-reload');

    const status = await serviceJson<{ commit: string }>(e2e.stack, '/api/v2/config/status');
    await page.getByRole('link', { name: 'History' }).click();
    const top = page.getByTestId('commit-row').first();
    await top.waitFor();
    expect(await top.getAttribute('data-sha')).toBe(status.commit);
    expect(await top.locator('.commit-subject').textContent()).toBe(MESSAGE);
    expect(await top.getAttribute('data-applied')).toBe('true');
    expect(await top.getByTestId('commit-outcome').textContent()).toContain('applied');
    await screenshot(page, 'scenario1-history');
    expect(foreign).toEqual([]);
  });
});
