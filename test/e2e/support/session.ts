// The set-up every browser scenario shares: a real service + console stack and a headless
// Chromium for the file's tests, both stopped after them.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { browserSpecProblems, checkPageResponses } from '../../support/spec-check';
import { launchBrowser } from './browser';
import { startStack, type Stack } from './stack';

export interface E2E {
  stack: Stack;
  browser: Browser;
}

export function useStackAndBrowser(): E2E {
  const e2e = {} as E2E;
  beforeAll(async () => {
    e2e.stack = await startStack();
    e2e.browser = await launchBrowser();
    watchPages(e2e.browser, e2e.stack.consoleUrl);
  });
  afterAll(async () => {
    await e2e.browser?.close();
    await e2e.stack?.stop();
    // What the pages received from the console API matched docs/openapi/console.yaml.
    expect(browserSpecProblems()).toEqual([]);
  });
  return e2e;
}

/** Every page opened on this browser has its console API responses checked against the spec. */
function watchPages(browser: Browser, consoleUrl: string): void {
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = async (...args: Parameters<Browser['newContext']>): Promise<BrowserContext> => {
    const context = await newContext(...args);
    context.on('page', (page: Page) => checkPageResponses(page, consoleUrl));
    return context;
  };
  browser.newPage = async (...args: Parameters<Browser['newPage']>): Promise<Page> => {
    const page = await newPage(...args);
    checkPageResponses(page, consoleUrl);
    return page;
  };
}
