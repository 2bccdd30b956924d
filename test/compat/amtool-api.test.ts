// amtool, Alertmanager's own command-line client, against hotconf and against a real
// Alertmanager 0.25 holding the same config and the same alerts: every command gives the
// same answer (stdout and exit code) on both. What is allowed to differ is taken out
// explicitly and nothing else: silence ids (random UUIDs on each side, numbered in order
// of appearance so the structure still has to match), times (when each side received,
// updated or ends a silence) and each side's own webhook sink address (in `config show`).
// stderr is not compared: amtool warns there that hotconf's
// version is not its own, which is true.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ALERTMANAGER } from '../support/alertmanager-process';
import { type ServiceProcess, freePort, serviceProcess } from '../support/service-process';
import { AMTOOL_PATH } from './amtool';
import { type PeerPair, startPair, until } from './support/peer-pair';

const run = promisify(execFile);
const present = existsSync(ALERTMANAGER) && existsSync(AMTOOL_PATH);
if (!present) console.warn(`amtool-api: skipped, ${ALERTMANAGER} or ${AMTOOL_PATH} is absent (apt-get install prometheus-alertmanager)`);

const hook = (name: string) => ({ name, webhook_configs: [{ url: `\${SINK}/${name}` }] });
const CONFIG = stringify(
  {
    global: { resolve_timeout: '10m' },
    route: {
      receiver: 'default',
      group_by: ['alertname', 'cluster'],
      group_wait: '1s',
      group_interval: '1m',
      repeat_interval: '4h',
      routes: [
        { matchers: ['severity="critical"'], receiver: 'pager', continue: true },
        { matchers: ['team=~"db|storage"'], receiver: 'db-team', routes: [{ matchers: ['env="staging"'], receiver: 'db-staging' }] },
        { match: { team: 'web' }, receiver: 'web-team', group_by: ['...'] },
      ],
    },
    receivers: [hook('default'), hook('pager'), hook('db-team'), hook('db-staging'), hook('web-team')],
    inhibit_rules: [{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['cluster'] }],
  },
  { lineWidth: 0 },
);

const STARTS_AT = new Date(Date.now() - 5 * 60_000).toISOString();
const alert = (labels: Record<string, string>, summary: string) => ({ labels, annotations: { summary }, startsAt: STARTS_AT, generatorURL: `http://prometheus.invalid/graph?g0.expr=${labels.alertname}` });
const ALERTS = [
  alert({ alertname: 'DiskFull', severity: 'critical', team: 'db', cluster: 'eu1', instance: 'db-1' }, 'disk of db-1 is full'),
  alert({ alertname: 'DiskFilling', severity: 'warning', team: 'db', cluster: 'eu1', instance: 'db-2' }, 'disk of db-2 fills up'),
  alert({ alertname: 'DiskFilling', severity: 'warning', team: 'db', cluster: 'us1', instance: 'db-3', env: 'staging' }, 'disk of db-3 fills up'),
  alert({ alertname: 'HighLatency', severity: 'warning', team: 'web', cluster: 'eu1', instance: 'web-1' }, 'p99 latency over 2 s'),
  alert({ alertname: 'CertExpiry', severity: 'info', cluster: 'eu1' }, 'certificate expires in 10 days'),
];

interface Answer {
  stdout: string;
  stderr: string;
  code: number;
}

const VERSION_WARNING = /^Warning: amtool version \(\S+\) and alertmanager version \(\S+\) are different\.\n/m;

async function amtool(url: string, args: string[]): Promise<Answer> {
  try {
    const { stdout, stderr } = await run(AMTOOL_PATH, [`--alertmanager.url=${url}`, ...args], { timeout: 20_000, env: { ...process.env, TZ: 'UTC', HOME: '/nonexistent' } });
    return { stdout, stderr: stderr.replace(VERSION_WARNING, ''), code: 0 };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; code?: number };
    return { stdout: e.stdout ?? '', stderr: (e.stderr ?? '').replace(VERSION_WARNING, ''), code: typeof e.code === 'number' ? e.code : -1 };
  }
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const RFC3339 = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)/g;
const AMTOOL_DATE = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d [A-Z]{3,4}/g;

/** Silence ids numbered by first appearance; times and the side's sink address replaced.
 *  Nothing else is touched. */
function normalize(text: string, sink: string): string {
  const ids = new Map<string, string>();
  return text
    .replaceAll(sink, '<sink>')
    .replace(UUID, (id) => {
      if (!ids.has(id)) ids.set(id, `<id-${ids.size + 1}>`);
      return ids.get(id)!;
    })
    .replace(RFC3339, '<time>')
    .replace(AMTOOL_DATE, '<time>');
}

function seen(a: Answer, sink: string) {
  return { code: a.code, stdout: normalize(a.stdout, sink), stderr: normalize(a.stderr, sink) };
}

describe.skipIf(!present)('amtool gives the same answers from hotconf as from Alertmanager 0.25', () => {
  let pair: PeerPair;
  const silenceIds = { am: [] as string[], hc: [] as string[] };

  /** Runs one amtool command against both; `side` picks per-side arguments (silence ids). */
  async function both(args: string[] | ((side: 'am' | 'hc') => string[])): Promise<{ am: Answer; hc: Answer }> {
    const argsOf = typeof args === 'function' ? args : () => args;
    const [am, hc] = await Promise.all([amtool(pair.am.url, argsOf('am')), amtool(pair.hc.url, argsOf('hc'))]);
    return { am, hc };
  }

  async function same(args: string[] | ((side: 'am' | 'hc') => string[])): Promise<Answer> {
    const { am, hc } = await both(args);
    expect(seen(hc, pair.hc.sink.base)).toEqual(seen(am, pair.am.sink.base));
    return am;
  }

  beforeAll(async () => {
    pair = await startPair(CONFIG);
    await pair.post(ALERTS);
    // Both hold every alert and have grouped them (group_wait 1 s) before anything is asked.
    for (const peer of [pair.am, pair.hc]) {
      await until(`${peer.name} to hold the alerts`, () => peer.sink.received.length >= 4 || undefined, 20_000);
    }
  }, 60_000);

  afterAll(async () => {
    await pair?.stop();
  });

  it('alert query, simple output: the active alerts (those DiskFull inhibits in eu1 left out)', async () => {
    const am = await same(['alert', 'query']);
    expect(am.stdout).toContain('DiskFull');
    expect(am.stdout).not.toContain('HighLatency');
  });

  it('alert query -o json: every field of every alert, receivers and status included', async () => {
    const all = await same(['alert', 'query', '-o', 'json', '--active', '--inhibited']);
    const alerts = JSON.parse(all.stdout) as { status: { inhibitedBy: string[] } }[];
    expect(alerts).toHaveLength(5);
    const inhibited = JSON.parse((await same(['alert', 'query', '-o', 'json', '--inhibited'])).stdout) as { labels: Record<string, string> }[];
    expect(inhibited.map((a) => a.labels.instance).sort()).toEqual(['db-2', 'web-1']);
  });

  it('alert query -o extended, with inhibited alerts', async () => {
    await same(['alert', 'query', '-o', 'extended', '-i']);
  });

  it('alert query with matchers: equality, regex, negative, several', async () => {
    await same(['alert', 'query', 'alertname=DiskFilling', '-i']);
    await same(['alert', 'query', '-o', 'json', '-i', 'instance=~db-.*', 'cluster!=us1']);
    await same(['alert', 'query', '-o', 'json', '-i', 'severity!~"crit.*|info"']);
    await same(['alert', 'query', 'DiskFull']);
  });

  it('alert query --receiver (regex) and a bad receiver regex', async () => {
    await same(['alert', 'query', '-o', 'json', '-i', '--receiver=db-.*']);
    await same(['alert', 'query', '-o', 'json', '-i', '--receiver=pager']);
    await same(['alert', 'query', '-o', 'json', '--receiver=(']);
  });

  it('silence add: an id on each side, then the silenced alert is shown silenced', async () => {
    const { am, hc } = await both(['silence', 'add', 'alertname=HighLatency', '-a', 'tester', '-c', 'deploying web', '-d', '2h']);
    expect(seen(hc, pair.hc.sink.base)).toEqual(seen(am, pair.am.sink.base));
    silenceIds.am.push(am.stdout.trim());
    silenceIds.hc.push(hc.stdout.trim());
    const second = await both(['silence', 'add', 'instance=~"db-[23]"', 'severity!=critical', '-a', 'tester', '-c', 'db maintenance', '-d', '1h']);
    silenceIds.am.push(second.am.stdout.trim());
    silenceIds.hc.push(second.hc.stdout.trim());
    expect(silenceIds.hc.every((id) => /^[0-9a-f-]{36}$/.test(id))).toBe(true);
    const silenced = await same(['alert', 'query', '-o', 'json', '--silenced', '-i']);
    expect(silenced.stdout).toContain('silencedBy');
    await same(['alert', 'query']);
  });

  it('silence query: simple, -q (ids only), -o json, with a matcher', async () => {
    await same(['silence', 'query']);
    await same(['silence', 'query', '-q']);
    await same(['silence', 'query', '-o', 'json']);
    await same(['silence', 'query', 'alertname=HighLatency']);
    await same(['silence', 'query', '-q', 'instance=~"db-[23]"']);
  });

  it('silence add with bad matchers or times is refused the same way, with the same message', async () => {
    for (const args of [
      ['alertname=""'],
      ['instance=~".*"'],
      ['alertname=X', '--start=2020-01-01T00:00:00Z', '--end=2020-01-02T00:00:00Z'],
    ]) {
      const am = await same(['silence', 'add', ...args, '-c', 'x', '-a', 'tester']);
      expect(am.code).toBe(1);
      expect(am.stderr).toContain('[POST /silences][400]');
    }
  });

  it('silence expire: the silence leaves the active list, shows under --expired, and the alert is active again', async () => {
    await same((side) => ['silence', 'expire', silenceIds[side][0]!]);
    await same(['silence', 'query', '-q']);
    await same(['silence', 'query', '--expired']);
    await same(['alert', 'query']);
    await same(['silence', 'expire', '00000000-0000-4000-8000-000000000000']);
  });

  it("the API's own answers, as Grafana's data source reads them, are the same: alerts, groups, receivers, silences", async () => {
    const paths = ['/api/v2/alerts', '/api/v2/alerts?silenced=false&inhibited=false', '/api/v2/alerts?filter=team%3D~%22db%22&receiver=db-.%2A', '/api/v2/alerts/groups', '/api/v2/alerts/groups?receiver=pager&active=true', '/api/v2/receivers', '/api/v2/silences', '/api/v2/silences?filter=alertname%3D%22HighLatency%22'];
    for (const path of paths) {
      const [am, hc] = await Promise.all([pair.am, pair.hc].map(async (p) => {
        const res = await fetch(`${p.url}${path}`);
        return { path, status: res.status, body: normalize(await res.text(), p.sink.base) };
      }));
      expect(hc).toEqual(am);
    }
  });

  it('alert add (amtool posts an alert), then the added alert is queried alike', async () => {
    await same(['alert', 'add', 'alertname=AddedByAmtool', 'team=web', 'severity=info', '--annotation=summary=added by amtool', '--start=2026-01-01T00:00:00Z']);
    const am = await same(['alert', 'query', '-o', 'json', 'alertname=AddedByAmtool']);
    expect(JSON.parse(am.stdout)).toHaveLength(1);
  });

  it('config show: the running config as Alertmanager prints its own', async () => {
    const am = await same(['config', 'show']);
    expect(am.stdout).toContain('db-staging');
  });

  it('config routes (the tree) and config routes test (label sets), from the config the API serves', async () => {
    await same(['config', 'routes']);
    await same(['config', 'routes', 'test', 'severity=critical', 'team=db']);
    await same(['config', 'routes', 'test', 'team=storage', 'env=staging']);
    await same(['config', 'routes', 'test', 'team=web', 'alertname=X']);
    await same(['config', 'routes', 'test', 'alertname=Nothing']);
    await same(['config', 'routes', 'test', '--tree', 'severity=critical', 'team=db', 'env=staging']);
    await same(['config', 'routes', 'test', '--verify.receivers=pager,db-team', 'severity=critical', 'team=db']);
    await same(['config', 'routes', 'test', '--verify.receivers=web-team', 'severity=critical']);
  });
});

describe.skipIf(!present)('amtool writes silences to a hotconf whose ingest API needs a key', () => {
  const key = 'amtool-ingest-key-5b1e';
  let svc: ServiceProcess;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    svc = await serviceProcess({
      config: `server: { host: 127.0.0.1, port: ${port} }\nlog: { level: warn }\ndatabase: { path: alerts.db }\nwebhook:\n  authentication: { type: api_key, api_key: '\${env:INGEST_KEY}' }\nroute: { receiver: r }\nreceivers: [{ name: r }]\n`,
      env: { INGEST_KEY: key },
    });
    await svc.start();
    dir = mkdtempSync(join(tmpdir(), 'hotconf-amtool-'));
    writeFileSync(join(dir, 'http.yml'), `authorization: { type: Bearer, credentials: ${key} }\n`);
  }, 30_000);

  afterAll(async () => {
    await svc?.stop();
    svc?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('without the key amtool is refused (401; no key echoed); with --http.config.file it adds and expires', async () => {
    const refused = await amtool(url, ['silence', 'add', 'alertname=X', '-c', 'x', '-a', 'tester']);
    expect(refused.code).toBe(1);
    // Alertmanager's spec has no 401, so amtool shows the status, not the body's reason
    // (test/server/http/alertmanager-api.test.ts reads the reason).
    expect(refused.stderr).toContain('(status 401)');
    const added = await amtool(url, [`--http.config.file=${join(dir, 'http.yml')}`, 'silence', 'add', 'alertname=X', '-c', 'x', '-a', 'tester']);
    expect(added.code).toBe(0);
    const id = added.stdout.trim();
    expect((await amtool(url, ['silence', 'query', '-q'])).stdout.trim()).toBe(id);
    expect((await amtool(url, ['silence', 'expire', id])).code).toBe(1);
    expect((await amtool(url, [`--http.config.file=${join(dir, 'http.yml')}`, 'silence', 'expire', id])).code).toBe(0);
    expect((await amtool(url, ['silence', 'query', '-q'])).stdout.trim()).toBe('');
    for (const answer of [refused, added]) expect(answer.stdout + answer.stderr).not.toContain(key);
  }, 30_000);
});
