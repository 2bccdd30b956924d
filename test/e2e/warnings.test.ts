// What loads but is ignored is a warning, never a blocker: a draft with a second YAML
// document (Alertmanager reads only the first, and so does hotconf) gets a warning squiggle
// on its `---` line and a listed warning, no error; the plan says the same; Apply goes
// through, and the reload's record (and its page) carries the warning.
import { describe, expect, it } from 'vitest';
import { useStackAndBrowser } from './support/session';
import { apply, consoleJson, finalVerdict, openPage, replaceDraft, serviceJson, squiggleLines, writeCommitMessage } from './ui';

const e2e = useStackAndBrowser();

describe('a draft with a second YAML document', () => {
  it('is warned about on the line where it starts, and applies', async () => {
    const { page, foreign } = await openPage(e2e.browser, e2e.stack, '/editor');
    const head = await consoleJson<{ content: string }>(e2e.stack, '/api/config');
    const draft = `${head.content.replace(/group_wait: \d+s/, 'group_wait: 17s').trimEnd()}\n---\nroute: {receiver: nowhere}\n`;
    const marker = draft.split('\n').indexOf('---') + 1;
    await replaceDraft(page, draft);
    await writeCommitMessage(page, 'group_wait 17s, with a stray second document');

    const warning = page.locator(`[data-testid="draft-warnings"] li[data-line="${marker}"][data-code="later_document_ignored"]`);
    await warning.waitFor({ timeout: 5_000 });
    expect(await warning.textContent()).toMatch(/reads only the first/);
    await expect.poll(() => squiggleLines(page, 'warning'), { timeout: 2_000 }).toContain(marker);
    expect(await squiggleLines(page, 'error')).toEqual([]);
    expect(await page.getByTestId('issue-count').textContent()).toBe('0');
    await expect.poll(() => page.getByTestId('plan-warnings').textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^line ${marker}, column 1: .*reads only the first`));

    await apply(page);
    expect(await finalVerdict(page)).toBe('success');
    // The reload's page shows the record's warning under the verdict.
    await expect.poll(() => page.getByTestId('reload-warnings').textContent(), { timeout: 5_000 }).toMatch(new RegExp(`^line ${marker}, column 1: .*reads only the first`));
    const { records } = await serviceJson<{ records: { status: string; warnings?: string[] }[] }>(e2e.stack, '/api/v2/config/reload/history?limit=1');
    expect(records[0]).toMatchObject({ status: 'success', warnings: [expect.stringMatching(new RegExp(`^line ${marker}, column 1: `))] });
    expect(foreign).toEqual([]);
  });
});
