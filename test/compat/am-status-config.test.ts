// `config.original` of GET /api/v2/status — what `amtool config show` prints and `amtool
// config routes` reads back — must be the text Alertmanager 0.25 shows for the same config.
// One real Alertmanager and one `hotconf serve` are given every config of the compat corpus
// that both load (each reloaded in turn), and the two texts are compared whole. The only
// difference taken out is each side's own directory (relative paths are shown joined to the
// config file's). A webhook URL or proxy URL written as a secret reference (none in the
// corpus) is shown differently on purpose: that is the secrets test below.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { ALERTMANAGER, type AlertmanagerProcess, startAlertmanager } from '../support/alertmanager-process';
import { type ServiceProcess, freePort, serviceProcess } from '../support/service-process';
import { listConfigs } from './amtool';
import { generateMutants } from './mutate';

const CORPUS = fileURLToPath(new URL('./corpus/', import.meta.url));
const HOTCONF_SECTIONS = /^(server|log|database|webhook):/m;
const amPresent = existsSync(ALERTMANAGER);
const SEED = Number(process.env.COMPAT_SEED ?? 20230409);
const MUTANTS = Number(process.env.COMPAT_STATUS_MUTANTS ?? 600);

const MINIMAL = 'route:\n  receiver: r\nreceivers:\n  - name: r\n';

/** hotconf's sections are appended to the text: after a document end or a second document
 *  they would not be read (only the first document is), so such texts are not compared. */
const LATER_DOCUMENT = /\n(---|\.\.\.)(\s|$)/;

function hotconfText(amText: string, port: number): string {
  return `${amText}\nserver:\n  host: 127.0.0.1\n  port: ${port}\nlog:\n  level: warn\ndatabase:\n  path: alerts.db\n`;
}

async function original(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v2/status`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { config: { original: string } }).config.original;
}

describe.skipIf(!amPresent)('GET /api/v2/status config.original is the text Alertmanager 0.25 shows', () => {
  let am: AlertmanagerProcess;
  let hc: ServiceProcess;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    hc = await serviceProcess({ config: hotconfText(MINIMAL, port) });
    [am] = await Promise.all([startAlertmanager(MINIMAL), hc.start()]);
  }, 60_000);

  afterAll(async () => {
    await am?.stop();
    await hc?.stop();
    hc?.cleanup();
  });

  /** Loads `text` into both; false when either refuses it (then it is not comparable). */
  async function loadBoth(text: string): Promise<boolean> {
    writeFileSync(am.configFile, text);
    const amOk = (await fetch(`${am.url}/-/reload`, { method: 'POST' })).ok;
    hc.writeConfig(hotconfText(text, port));
    const { body } = await hc.reload();
    return amOk && (body.status === 'success' || body.status === 'noop');
  }

  it('is the same for every corpus config both load', async () => {
    const compared: string[] = [];
    const differences: string[] = [];
    for (const file of listConfigs(CORPUS)) {
      const text = readFileSync(`${CORPUS}${file}`, 'utf8');
      if (HOTCONF_SECTIONS.test(text) || LATER_DOCUMENT.test(text)) continue;
      if (!(await loadBoth(text))) continue;
      // Each side shows relative paths joined to its own config file's directory.
      const [want, got] = await Promise.all([original(am.url).then((t) => t.replaceAll(dirname(am.configFile), '<dir>')), original(`http://127.0.0.1:${port}`).then((t) => t.replaceAll(hc.dir, '<dir>'))]);
      compared.push(file);
      if (got !== want) differences.push(`--- ${file}\n${lineDiff(want, got)}`);
    }
    console.info(`am-status-config: ${compared.length} corpus configs compared, ${differences.length} differ`);
    expect(compared.length).toBeGreaterThan(100);
    expect(differences.join('\n')).toBe('');
  }, 300_000);

  it('is the same for seeded mutants of the corpus that both load (other values, other shapes)', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'hotconf-am-status-mutants-'));
    try {
      // Mutants of configs both load: of the rest, few would load anywhere.
      const bases: string[] = [];
      for (const f of listConfigs(CORPUS).map((name) => `${CORPUS}${name}`)) {
        const text = readFileSync(f, 'utf8');
        if (!HOTCONF_SECTIONS.test(text) && !LATER_DOCUMENT.test(text) && (await loadBoth(text))) bases.push(f);
      }
      const mutants = generateMutants({ bases, count: MUTANTS, seed: SEED, outDir });
      let compared = 0;
      const differences: string[] = [];
      for (const m of mutants) {
        const text = readFileSync(m.path, 'utf8');
        if (HOTCONF_SECTIONS.test(text) || LATER_DOCUMENT.test(text) || !(await loadBoth(text))) continue;
        const [want, got] = await Promise.all([original(am.url).then((t) => t.replaceAll(dirname(am.configFile), '<dir>')), original(`http://127.0.0.1:${port}`).then((t) => t.replaceAll(hc.dir, '<dir>'))]);
        compared++;
        if (got !== want) differences.push(`--- ${m.file} (from ${m.base.slice(CORPUS.length)}: ${m.ops.join('; ')})\n${lineDiff(want, got)}`);
      }
      console.info(`am-status-config: ${compared} of ${mutants.length} mutants loaded by both and compared, ${differences.length} differ`);
      // Most mutants are made to break a rule; the valid rest is what can be compared.
      expect(compared).toBeGreaterThan(MUTANTS / 10);
      expect(differences.join('\n')).toBe('');
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 300_000);

  it('shows a webhook URL given as a secret reference as a URL that says so, never its value', async () => {
    const secret = 'https://hooks.example.invalid/T0KEN-never-shown';
    hc.writeConfig(hotconfText('route:\n  receiver: r\nreceivers:\n  - name: r\n    webhook_configs:\n      - url: ${env:HOOK_URL}\n        http_config:\n          basic_auth:\n            username: u\n            password: ${env:HOOK_PASSWORD}\n', port));
    await hc.stop();
    await hc.start({ HOOK_URL: secret, HOOK_PASSWORD: 'pw-never-shown' });
    const text = await original(`http://127.0.0.1:${port}`);
    expect(text).toContain('url: https://secret.invalid/<secret>');
    expect(text).toContain('password: <secret>');
    for (const leak of [secret, 'T0KEN', 'pw-never-shown', '${env:', 'HOOK_URL']) expect(text).not.toContain(leak);
  }, 60_000);
});

/** The lines of `got` that are not where `want` has them, with their neighbours. */
function lineDiff(want: string, got: string): string {
  const a = want.split('\n');
  const b = got.split('\n');
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) out.push(`${i + 1}: am ${JSON.stringify(a[i])}\n${i + 1}: hc ${JSON.stringify(b[i])}`);
    if (out.length >= 6) break;
  }
  return out.join('\n');
}
