// The product starts, a visitor is sent to the sign-in page, signs in there, and the overview
// shows what the service runs, with no request leaving the console's own origin and no
// Content-Security-Policy violation.
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recordCspViolations, recordForeignRequests } from './support/browser';
import { useStackAndBrowser } from './support/session';

const e2e = useStackAndBrowser();

describe('smoke: the overview of a freshly started stack', () => {
  it('signs in on the sign-in page, then shows the running commit (the repo’s first commit) and talks to no other host', async () => {
    const page = await e2e.browser.newPage();
    const foreign = recordForeignRequests(page, e2e.stack.consoleUrl);
    const violations = recordCspViolations(page);
    await page.goto(e2e.stack.consoleUrl);
    await page.waitForURL(/\/signin$/);
    await page.getByLabel('User').fill(e2e.stack.editor.name);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByTestId('signin-error').textContent()).toBe('the user name or the password is wrong');
    await page.getByLabel('Password').fill(e2e.stack.editor.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(new URL('/', e2e.stack.consoleUrl).href);
    expect(await page.getByTestId('current-user').textContent()).toBe('Signed in as e2e');
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
    expect(violations).toEqual([]);

    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/signin$/);
    await page.goto(new URL('/history', e2e.stack.consoleUrl).href);
    await page.waitForURL(/\/signin\?next=%2Fhistory$/);
  });
});
