// One config core everywhere: a secret reference typed into a field that takes none is
// marked in the editor as the operator types — by the check worker, which holds no secrets —
// with the very words the service's plan uses for the same draft.
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../server/contract/plan';
import { useStackAndBrowser } from './support/session';
import { consoleJson, goToLineEnd, lineOf, openPage, screenshot, squiggleLines } from './ui';

const e2e = useStackAndBrowser();

describe('a secret reference where no secret belongs', () => {
  it('is marked on its line with the service’s exact message, and blocks Apply', async () => {
    const { page, foreign } = await openPage(e2e.browser, e2e.stack, '/editor');
    const head = await consoleJson<{ content: string }>(e2e.stack, '/api/config');
    const line = lineOf(head.content, "channel: '#platform-alerts'");
    const draft = head.content.replace("channel: '#platform-alerts'", 'channel: ${env:X}');

    await goToLineEnd(page, line);
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('channel: ${env:X}');

    const issue = page.locator(`[data-testid="draft-issues"] li[data-line="${line}"][data-code="secret_ref_misplaced"]`);
    await issue.waitFor({ timeout: 5_000 });
    await expect.poll(() => squiggleLines(page), { timeout: 5_000 }).toContain(line);

    // The service, asked for a plan of the same text, says the same thing in the same words.
    const res = await fetch(new URL('/api/v2/config/plan', e2e.stack.adminUrl), {
      method: 'POST',
      headers: { Authorization: `Bearer ${e2e.stack.token}`, 'Content-Type': 'text/yaml' },
      body: draft,
    });
    const plan = (await res.json()) as Plan;
    expect(plan.valid).toBe(false);
    const [fromService, ...others] = plan.errors;
    expect(others).toEqual([]);
    expect(fromService).toMatchObject({ code: 'secret_ref_misplaced', line });
    expect(await issue.getAttribute('data-path')).toBe(fromService!.path);
    expect(await issue.textContent()).toContain(fromService!.message);
    expect(await issue.textContent()).toContain(`line ${fromService!.line}:${fromService!.column}`);

    const reason = await page.getByTestId('apply-reason').textContent();
    expect(reason).toMatch(/^1 error: receivers\.\d+\.slack_configs\.0\.channel: secret references are only resolved in secret fields/);
    await screenshot(page, 'misplaced-secret-reference');
    expect(foreign).toEqual([]);
  });
});
