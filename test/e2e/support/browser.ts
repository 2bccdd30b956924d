// Headless Debian Chromium through playwright-core, with every feature that phones home
// turned off, and a recorder of requests to any host other than the console's: the console
// must work air-gapped (DESIGN §7), so a test asserts that list stays empty.
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Starts recording, on `page`, every request (and WebSocket) whose host is not the console's.
 * The console's origin is `consoleUrl`, or else the host of the page's first navigation.
 * Returns the live list of offending URLs. In-page URLs (data:, blob:, about:) are not
 * network traffic and are not recorded.
 */
export function recordForeignRequests(page: Page, consoleUrl?: string): string[] {
  const foreign: string[] = [];
  let consoleHost = consoleUrl ? new URL(consoleUrl).host : null;
  const check = (url: string) => {
    const parsed = new URL(url);
    if (!['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)) return;
    consoleHost ??= parsed.host;
    if (parsed.host !== consoleHost) foreign.push(url);
  };
  page.on('request', (req) => check(req.url()));
  page.on('websocket', (ws) => check(ws.url()));
  return foreign;
}

/**
 * Starts recording, on `page`, what the Content-Security-Policy blocked: Chromium reports each
 * refusal as a console error ("Refused to …"). Returns the live list of those messages.
 */
export function recordCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}
