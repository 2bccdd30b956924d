// The set-up every browser scenario shares: a real service + console stack and a headless
// Chromium for the file's tests, both stopped after them.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
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
  });
  afterAll(async () => {
    await e2e.browser?.close();
    await e2e.stack?.stop();
  });
  return e2e;
}
