// What the scenario tests do in the console's pages: open a page (recording foreign requests
// and accepting "leave the page?" prompts), drive the Monaco editor like a user (click,
// select all, type or paste), read the console API directly (as the stack's editor), and
// save screenshots.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { recordForeignRequests } from './support/browser';
import type { Stack } from './support/stack';
import { signInBrowser } from '../support/console-users';

export interface OpenPage {
  page: Page;
  /** Requests to any host but the console's, recorded since the page opened. */
  foreign: string[];
  /** Types of the dialogs the page opened (all accepted): 'beforeunload', 'confirm', … */
  dialogs: string[];
}

/**
 * A new page (in `context` or a fresh one) at `path` of the console, wide enough for the
 * editor, signed in as the stack's editor.
 */
export async function openPage(target: Browser | BrowserContext, stack: Stack, path: string): Promise<OpenPage> {
  const page = 'newContext' in target ? await (await target.newContext({ viewport: { width: 1400, height: 1000 } })).newPage() : await target.newPage();
  await signInBrowser(page.context(), stack.consoleUrl, stack.editor);
  const foreign = recordForeignRequests(page, stack.consoleUrl);
  const dialogs: string[] = [];
  // The editor asks before leaving with unapplied edits; tests that navigate on mean it.
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
  await page.goto(new URL(path, stack.consoleUrl).href);
  return { page, foreign, dialogs };
}

/** Waits for Monaco to render the draft in the editor tab. */
export async function editorReady(page: Page): Promise<void> {
  await page.locator('[data-testid="editor"] .monaco-editor .view-lines').waitFor({ timeout: 60_000 });
}

/**
 * Replaces the whole draft, as a user selecting all and pasting would. The paste is a real
 * paste event on Monaco's input (typed text would be auto-indented line by line).
 */
export async function replaceDraft(page: Page, text: string): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('ControlOrMeta+A');
  await paste(page, text);
}

/** Pastes `text` at the cursor of the focused editor. */
export async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

export async function focusEditor(page: Page): Promise<void> {
  await editorReady(page);
  await page.locator('[data-testid="editor"] .monaco-editor .view-lines').click();
}

/** Moves the cursor to the end of `line` (1-based) with Monaco's "go to line" (Ctrl+G). */
export async function goToLineEnd(page: Page, line: number): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
}

export async function writeCommitMessage(page: Page, message: string): Promise<void> {
  await page.getByLabel('Commit message').fill(message);
}

/** Waits until Apply is enabled (aria-disabled false) and clicks it. */
export async function apply(page: Page): Promise<void> {
  const button = page.getByTestId('apply');
  await page.waitForFunction(() => document.querySelector('[data-testid="apply"]')?.getAttribute('aria-disabled') === 'false', undefined, { timeout: 30_000 });
  await button.click();
}

/** Waits for the reload view's verdict to settle and returns the reload's status. */
export async function finalVerdict(page: Page): Promise<string> {
  const verdict = page.getByTestId('verdict');
  await page.waitForFunction(() => {
    const status = document.querySelector('[data-testid="verdict"]')?.getAttribute('data-status');
    return status !== undefined && status !== null && status !== 'in_progress';
  }, undefined, { timeout: 60_000 });
  return (await verdict.getAttribute('data-status')) ?? '';
}

export async function consoleJson<T>(stack: Stack, path: string): Promise<T> {
  const res = await stack.api(path);
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

export async function serviceJson<T>(stack: Stack, path: string): Promise<T> {
  const res = await fetch(new URL(path, stack.adminUrl), { headers: { Authorization: `Bearer ${stack.token}` } });
  if (!res.ok) throw new Error(`GET ${path} on the service answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
}

/**
 * Line numbers that carry an error (or warning) squiggle in the editor's rendered view (Monaco
 * draws decorations in an overlay row at the same `top` as the line's number in the margin).
 */
export async function squiggleLines(page: Page, severity: 'error' | 'warning' = 'error'): Promise<number[]> {
  return page.evaluate((severity) => {
    const root = document.querySelector('[data-testid="editor"] .monaco-editor');
    if (!root) return [];
    const lineAt = new Map<string, number>();
    root.querySelectorAll<HTMLElement>('.margin-view-overlays > div').forEach((row) => {
      const n = Number(row.querySelector('.line-numbers')?.textContent?.trim());
      if (n) lineAt.set(row.style.top, n);
    });
    const lines = new Set<number>();
    root.querySelectorAll<HTMLElement>(`.view-overlays .squiggly-${severity}`).forEach((squiggle) => {
      const row = squiggle.parentElement;
      const n = row ? lineAt.get(row.style.top) : undefined;
      if (n) lines.add(n);
    });
    return [...lines].sort((a, b) => a - b);
  }, severity);
}

/** The (1-based) number of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`no line contains ${JSON.stringify(needle)}`);
  return index + 1;
}
