// Scenario: the routing impact of a change, end to end. Alerts flow into the service; the
// operator changes a route in the editor; the plan says "900 of the last 1,000 alerts would
// go to pager instead of db"; Apply; the next alert goes to pager, and the Alerts page —
// open since before the change — shows it live, routed by the new commit.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CaptureServer, startCaptureServer } from '../server/alerts/capture-server';
import { launchBrowser } from './support/browser';
import { startStack, type Stack } from './support/stack';
import { apply, editorReady, finalVerdict, openPage, replaceDraft, screenshot, serviceJson, writeCommitMessage } from './ui';

let hook: CaptureServer;
let stack: Stack;
let browser: Browser;

function config(dbReceiver: string): string {
  return [
    'server:',
    '  host: 127.0.0.1',
    '  port: 8080',
    'database:',
    '  path: alerts.db',
    'route:',
    '  receiver: team',
    '  group_by: [alertname]',
    '  group_wait: 100ms',
    '  group_interval: 1s',
    '  routes:',
    `    - receiver: ${dbReceiver}`,
    `      matchers: ['team="db"']`,
    'receivers:',
    ...['team', 'db', 'pager'].flatMap((name) => [`  - name: ${name}`, '    webhook_configs:', `      - url: ${hook.url(`/${name}`)}`]),
    '',
  ].join('\n');
}

beforeAll(async () => {
  hook = await startCaptureServer();
  stack = await startStack({ config: config('db') });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await hook?.close();
});

async function post(alerts: Array<Record<string, string>>): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${stack.servicePort}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(alerts.map((labels) => ({ labels }))) });
  if (res.status !== 200) throw new Error(`posting alerts answered ${res.status}: ${await res.text()}`);
}

async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await check();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${stack.logs()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const newlyNotified = (path: string, alertname: string) => hook.received.find((r) => r.path === path && (r.body as { groupLabels?: Record<string, string> }).groupLabels?.alertname === alertname);

describe('routing impact: plan, apply, and watch the next alerts go to the new receiver', () => {
  it('shows "900 of the last 1,000 alerts would go to pager instead of db", applies, and the Alerts page shows the next alert at pager live', async () => {
    // 300 web alerts, then 900 db alerts: the last 1,000 hold 100 web and 900 db.
    for (let i = 0; i < 3; i++) await post(Array.from({ length: 100 }, (_, k) => ({ alertname: 'WebSlow', team: 'web', n: String(i * 100 + k) })));
    for (let i = 0; i < 9; i++) await post(Array.from({ length: 100 }, (_, k) => ({ alertname: 'DbSlow', team: 'db', n: String(i * 100 + k) })));
    await until('the db notification', () => newlyNotified('/db', 'DbSlow'));
    await until('1,200 alerts in the history', async () => (await serviceJson<{ alerts: unknown[] }>(stack, '/api/v2/history/alerts?limit=1000&filter=team%3D~%22db%7Cweb%22')).alerts.length === 1000);

    // The Alerts page is open from the start: what follows must reach it live.
    const alertsTab = await openPage(browser, stack, '/alerts');
    await alertsTab.page.getByTestId('alert-stream').and(alertsTab.page.locator('[data-state="live"]')).waitFor({ timeout: 30_000 });
    const first = alertsTab.page.getByTestId('alert-row').first();
    await first.waitFor();
    expect(await first.getAttribute('data-alertname')).toBe('DbSlow');
    expect(await first.getAttribute('data-receivers')).toBe('db');

    // The operator sends the db team's alerts to pager.
    const { page } = await openPage(browser, stack, '/editor');
    await editorReady(page);
    await replaceDraft(page, config('pager').replace('  port: 8080', `  port: ${stack.servicePort}`));
    await writeCommitMessage(page, 'Page on database alerts');
    const impact = page.getByTestId('plan-impact');
    await impact.waitFor({ timeout: 30_000 });
    expect(await impact.getAttribute('data-replayed')).toBe('1000');
    expect(await impact.getAttribute('data-changed')).toBe('900');
    expect(await impact.textContent()).toContain('900 of the last 1,000 alerts would go to pager instead of db');
    expect(await impact.textContent()).toContain('receiver db would get none of them');
    await screenshot(page, 'routing-impact-plan');

    await apply(page);
    await page.waitForURL(/\/reloads\/\d+$/, { timeout: 60_000 });
    expect(await finalVerdict(page)).toBe('success');
    const status = await serviceJson<{ commit: string }>(stack, '/api/v2/config/status');

    // The next db alert goes to pager...
    await post([{ alertname: 'DbDown', team: 'db' }]);
    await until('the pager notification of DbDown', () => newlyNotified('/pager', 'DbDown'));
    expect(newlyNotified('/db', 'DbDown')).toBeUndefined();

    // ...and the Alerts page, never reloaded, shows it at pager under the new commit.
    const row = alertsTab.page.locator('[data-testid="alert-row"][data-alertname="DbDown"]');
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getAttribute('data-receivers')).toBe('pager');
    expect(await row.getByTestId('commit-link').getAttribute('href')).toBe(`/history?sha=${status.commit}`);
    const delivery = alertsTab.page.locator('[data-testid="delivery-row"][data-receiver="pager"]').first();
    await delivery.waitFor({ timeout: 20_000 });
    expect(await delivery.getAttribute('data-status')).toBe('delivered');
    await screenshot(alertsTab.page, 'routing-impact-alerts');
    expect(alertsTab.foreign).toEqual([]);
  });
});
