// Scenario 4: restore a commit three back from History. The confirm shows the diff the
// restore applies; afterwards the editor starts from exactly that content and the service
// runs it.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema } from '../../server/config/schema';
import { useStackAndBrowser } from './support/session';
import { consoleJson, editorReady, finalVerdict, openPage, screenshot, serviceJson } from './ui';

const e2e = useStackAndBrowser();

/** Commits through the console API (setup, not the scenario): a new log level on top of HEAD. */
async function commitLogLevel(level: string): Promise<string> {
  const head = await consoleJson<{ content: string; commit: string }>(e2e.stack, '/api/config');
  const content = head.content.replace(/^(  level: )\w+$/m, `$1${level}`);
  const res = await e2e.stack.api('/api/config', {
    method: 'POST',
    body: JSON.stringify({ content, message: `Log at ${level}`, base_commit: head.commit }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { commit: string }).commit;
}

/** Equal configs, where the service's copy shows secrets as "<secret>". */
function sameConfig(running: unknown, expected: unknown): boolean {
  if (running === '<secret>') return typeof expected === 'string';
  if (Array.isArray(running)) return Array.isArray(expected) && running.length === expected.length && running.every((v, i) => sameConfig(v, expected[i]));
  if (running && typeof running === 'object') {
    if (!expected || typeof expected !== 'object') return false;
    const keys = new Set([...Object.keys(running), ...Object.keys(expected)]);
    return [...keys].every((k) => sameConfig((running as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k]));
  }
  return running === expected;
}

describe('scenario 4: restore a commit three back', () => {
  it('shows the diff to apply, commits the old content, and the editor and the service both have it', async () => {
    for (const level of ['debug', 'warn', 'error']) await commitLogLevel(level);
    const target = e2e.stack.initialCommit;
    const targetContent = (await consoleJson<{ content: string }>(e2e.stack, `/api/history/${target}`)).content;

    const { page, foreign } = await openPage(e2e.browser, e2e.stack, '/history');
    const rows = page.getByTestId('commit-row');
    await rows.nth(3).waitFor();
    expect(await rows.count()).toBe(4);
    expect(await rows.nth(3).getAttribute('data-sha')).toBe(target);
    await rows.nth(3).locator('.commit-subject').click();
    await page.locator(`[data-testid="commit-detail"][data-sha="${target}"]`).waitFor();

    // Keyboard: the Restore button opens the confirm, which shows what changes against HEAD.
    await page.getByTestId('restore').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('restore-dialog');
    await dialog.getByTestId('restore-diff').waitFor();
    const diff = await dialog.getByTestId('restore-diff').textContent();
    expect(diff).toContain('-  level: error');
    expect(diff).toContain('+  level: info');
    await screenshot(page, 'scenario4-confirm');

    await dialog.getByTestId('restore-confirm').click();
    await page.waitForURL(/\/reloads\/\d+$/, { timeout: 60_000 });
    expect(await finalVerdict(page)).toBe('success');
    await screenshot(page, 'scenario4-reload');

    const head = await consoleJson<{ content: string; commit: string }>(e2e.stack, '/api/config');
    expect(head.content).toBe(targetContent);
    const history = await consoleJson<{ commits: { sha: string; subject: string }[] }>(e2e.stack, '/api/history');
    expect(history.commits[0]?.subject).toMatch(new RegExp(`^Revert config to ${target.slice(0, 7)}: `));

    // The editor starts from the restored HEAD, with nothing changed against it.
    await page.getByRole('link', { name: 'Editor' }).click();
    await editorReady(page);
    expect(await page.getByTestId('base-commit').getAttribute('data-sha')).toBe(head.commit);
    expect(await page.getByTestId('tab-diff').textContent()).toContain('+0 −0');
    await screenshot(page, 'scenario4-editor');

    // The service runs it.
    const status = await serviceJson<{ commit: string; dirty: boolean }>(e2e.stack, '/api/v2/config/status');
    expect(status).toMatchObject({ commit: head.commit, dirty: false });
    const running = await serviceJson<unknown>(e2e.stack, '/api/v2/config?format=json');
    expect(sameConfig(running, configSchema.parse(parse(targetContent)))).toBe(true);
    expect(foreign).toEqual([]);
  });
});
