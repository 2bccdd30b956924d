// Scenario 6: two operators edit from the same base. The first Apply lands; the second gets
// the three-way view (base / theirs / mine), resolves the conflict block in the editor by
// keyboard, and applies again on top of the first: both changes end up in HEAD.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useStackAndBrowser } from './support/session';
import { apply, consoleJson, editorReady, finalVerdict, goToLineEnd, openPage, replaceDraft, screenshot, writeCommitMessage } from './ui';

const e2e = useStackAndBrowser();

/**
 * The editor's whole text, as the page keeps it: the draft it saves for its base commit
 * (Monaco renders only the visible lines, so the DOM cannot tell).
 */
async function draftText(page: Page, base: string): Promise<string> {
  const handle = await page.waitForFunction((key) => {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as { content: string }).content : null;
  }, `hotconf:draft:${base}`, { timeout: 10_000 });
  return (await handle.jsonValue()) as string;
}

describe('scenario 6: two operators, one base', () => {
  it('gives the second Apply a three-way merge and lands both changes', async () => {
    const base = await consoleJson<{ content: string; commit: string }>(e2e.stack, '/api/config');
    const alice = await openPage(e2e.browser, e2e.stack, '/editor');
    const bob = await openPage(e2e.browser, e2e.stack, '/editor');
    await editorReady(alice.page);
    await editorReady(bob.page);

    // Bob starts editing first: more connections, shorter retention.
    await replaceDraft(bob.page, base.content.replace('max_connections: 10', 'max_connections: 20').replace('retention: 720h', 'retention: 168h'));
    await writeCommitMessage(bob.page, 'More connections, a week of history');

    // Alice applies first: debug logs, half the retention.
    await replaceDraft(alice.page, base.content.replace(/^(  level: )info$/m, '$1debug').replace('retention: 720h', 'retention: 360h'));
    await writeCommitMessage(alice.page, 'Debug logs, 15 days of history');
    await apply(alice.page);
    await alice.page.waitForURL(/\/reloads\/\d+$/, { timeout: 60_000 });
    expect(await finalVerdict(alice.page)).toBe('success');
    const theirs = await consoleJson<{ content: string; commit: string }>(e2e.stack, '/api/config');

    // Bob's Apply is refused (stale base) and turns into the merge view.
    await apply(bob.page);
    const view = bob.page.getByTestId('conflict-view');
    await view.waitFor({ timeout: 30_000 });
    expect(await view.getAttribute('data-remaining')).toBe('1');
    expect(await view.getByTestId('conflict-theirs').textContent()).toContain('retention: 360h');
    expect(await view.getByTestId('conflict-mine').textContent()).toContain('max_connections: 20');
    expect(await view.getByTestId('conflict-mine').textContent()).toContain('retention: 168h');
    expect(await view.getByTestId('conflict-base').textContent()).toContain('retention: 720h');
    expect(await bob.page.getByTestId('base-commit').getAttribute('data-sha')).toBe(theirs.commit);
    expect(await bob.page.getByTestId('apply-reason').textContent()).toMatch(/^1 unresolved conflict/);
    expect(await bob.page.getByTestId('apply').getAttribute('aria-disabled')).toBe('true');
    // Alice's debug level merged in cleanly; the retention lines are the conflict.
    const merged = await draftText(bob.page, theirs.commit);
    expect(merged).toMatch(/^  level: debug$/m);
    expect(merged).toMatch(/^<<<<<<< theirs/m);
    expect(merged).toContain('  max_connections: 20');
    await screenshot(bob.page, 'scenario6-conflict');

    // Resolve in the editor: keep theirs' retention and mine's connections, drop the rest.
    const lines = merged.split('\n');
    const start = lines.findIndex((l) => l.startsWith('<<<<<<<')) + 1;
    expect(start).toBeGreaterThan(0);
    await goToLineEnd(bob.page, start);
    const deleteLine = () => bob.page.keyboard.press('Control+Shift+K');
    await deleteLine(); // <<<<<<< theirs
    await deleteLine(); //   max_connections: 10 (theirs, unchanged)
    await bob.page.keyboard.press('ArrowDown'); // keep   retention: 360h
    for (let i = 0; i < 4; i++) await deleteLine(); // |||||||, base's two lines, =======
    await bob.page.keyboard.press('ArrowDown'); // keep   max_connections: 20
    await deleteLine(); //   retention: 168h (mine)
    await deleteLine(); // >>>>>>> mine
    await bob.page.locator('[data-testid="conflict-view"][data-remaining="0"]').waitFor({ timeout: 5_000 });
    await bob.page.getByTestId('draft-valid').waitFor({ timeout: 5_000 });

    await apply(bob.page);
    await bob.page.waitForURL(/\/reloads\/\d+$/, { timeout: 60_000 });
    expect(await finalVerdict(bob.page)).toBe('success');
    await screenshot(bob.page, 'scenario6-applied');

    const head = await consoleJson<{ content: string; commit: string }>(e2e.stack, '/api/config');
    expect(head.content).toMatch(/^  level: debug$/m);
    expect(head.content).toContain('  retention: 360h');
    expect(head.content).toContain('  max_connections: 20');
    expect(head.content).not.toContain('<<<<<<<');
    const history = await consoleJson<{ commits: { subject: string }[] }>(e2e.stack, '/api/history');
    expect(history.commits.slice(0, 2).map((c) => c.subject)).toEqual(['More connections, a week of history', 'Debug logs, 15 days of history']);
    expect([...alice.foreign, ...bob.foreign]).toEqual([]);
  });
});
