// The product starts and the overview shows what the service runs, with no request leaving
// the console's own origin.
import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, recordForeignRequests } from './support/browser';
import { startStack, type Stack } from './support/stack';

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('smoke: the overview of a freshly started stack', () => {
  it('shows the running commit (the repo’s first commit) and talks to no other host', async () => {
    const page = await browser.newPage();
    const foreign = recordForeignRequests(page, stack.consoleUrl);
    await page.goto(stack.consoleUrl);
    const running = page.getByTestId('running-commit');
    await running.waitFor({ timeout: 30_000 });
    expect(await running.getAttribute('data-sha')).toBe(stack.initialCommit);
    expect(await running.textContent()).toBe(stack.initialCommit.slice(0, 7));
    await page.waitForLoadState('networkidle');
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/smoke.png', fullPage: true });
    expect(foreign).toEqual([]);
  });
});
