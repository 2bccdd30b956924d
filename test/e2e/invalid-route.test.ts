// Scenario 2: typing a route whose receiver does not exist puts an error marker on that line
// within a second (the zod check's cross-field rule, run in the browser), and Apply is
// disabled with the reason written next to it.
import { describe, expect, it } from 'vitest';
import { useStackAndBrowser } from './support/session';
import { consoleJson, goToLineEnd, lineOf, openPage, screenshot, squiggleLines, writeCommitMessage } from './ui';

const e2e = useStackAndBrowser();

describe('scenario 2: a route naming a missing receiver', () => {
  it('is marked on its line within a second and blocks Apply with the reason', async () => {
    const { page, foreign, dialogs } = await openPage(e2e.browser, e2e.stack, '/editor');
    const head = await consoleJson<{ content: string }>(e2e.stack, '/api/config');
    const after = lineOf(head.content, 'receiver: platform-slack');
    await writeCommitMessage(page, 'Route everything else to the db team');

    // A new child route under the last one: Enter keeps the receiver's indentation,
    // Backspace steps back one level to the list's.
    await goToLineEnd(page, after);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('- receiver: db-team');
    const typedAt = Date.now();
    const line = after + 1;

    // The check follows the typing, so the line's earlier states (`- r`, `- receiver:`)
    // may be listed first with issues of their own: wait for the finished line's.
    const issue = page.locator(`[data-testid="draft-issues"] li[data-line="${line}"][data-path="route.routes.2.receiver"]`);
    await issue.waitFor({ timeout: 1_000 });
    const latencyMs = Date.now() - typedAt;
    expect(await issue.getAttribute('data-path')).toBe('route.routes.2.receiver');
    expect(await issue.getAttribute('data-code')).toBe('unknown_receiver');
    expect(await issue.textContent()).toContain('"db-team"');
    await expect.poll(() => squiggleLines(page), { timeout: 1_000 }).toContain(line);

    const button = page.getByTestId('apply');
    expect(await button.getAttribute('aria-disabled')).toBe('true');
    const reason = await page.getByTestId('apply-reason').textContent();
    expect(reason).toMatch(/^1 error: route\.routes\.2\.receiver: route names receiver "db-team", which is not defined/);

    // The button stays reachable by keyboard (aria-disabled, not disabled), and neither a
    // click nor Enter on it commits anything.
    await button.click({ force: true });
    await button.focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('apply');
    await page.keyboard.press('Enter');
    const afterClick = await consoleJson<{ commit: string }>(e2e.stack, '/api/config');
    expect(afterClick.commit).toBe(e2e.stack.initialCommit);

    await screenshot(page, 'scenario2-missing-receiver');
    console.log(`scenario 2: marker listed ${latencyMs} ms after the last keystroke`);

    // Reloading the page asks first, and the unapplied edit and message survive it.
    await page.reload();
    expect(dialogs).toContain('beforeunload');
    await page.getByTestId('draft-restored').waitFor({ timeout: 30_000 });
    await page.locator(`[data-testid="draft-issues"] li[data-line="${line}"]`).waitFor();
    expect(await page.getByLabel('Commit message').inputValue()).toBe('Route everything else to the db team');
    expect(await page.getByTestId('tab-diff').textContent()).toContain('+1 −0');
    expect(foreign).toEqual([]);
  });
});
