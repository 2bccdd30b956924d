// hotconf's default templates render, byte for byte, what Alertmanager 0.25's default.tmpl
// renders: for every name, over several notifications, checked twice — Debian's default.tmpl
// run by hotconf's template engine, and (for a batch of names) by Alertmanager's own amtool.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alertmanagerTemplates, templateData } from '../../../../server/template';
import { DEFAULT_TEMPLATE_NAMES } from '../../../../server/alerts/notify/default-templates';
import { NotifyTemplates } from '../../../../server/alerts/notify/templates';
import { dataOf, webhookData } from '../../../../server/alerts/notify/data';
import { DATASETS } from './fixtures';

const DEFAULT_TMPL = '/usr/share/prometheus/alertmanager/default.tmpl';
const EMAIL_TMPL = '/usr/share/prometheus/alertmanager/email.tmpl';
const AMTOOL = '/usr/bin/amtool';
const INSTALL = 'apt-get install -y --no-install-recommends prometheus-alertmanager';

function requireAlertmanagerFiles(): void {
  for (const f of [DEFAULT_TMPL, AMTOOL]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: these tests compare with Alertmanager 0.25's own templates. Install them as root: ${INSTALL} (or run node scripts/prepare.mjs --for-test)`);
  }
}

// Names Alertmanager 0.25 does not define (Teams came in 0.26/0.27) or that hotconf words differently on purpose.
const NOT_IN_025 = new Set(['__text_alert_list_markdown', 'msteams.default.title', 'msteams.default.summary', 'msteams.default.text', 'email.default.html']);
// Names whose dot is a list of alerts rather than the notification.
const TAKES_ALERTS = new Set(['__text_alert_list', '__text_alert_list_markdown', 'pagerduty.default.instances']);
const call = (name: string) => `{{ template "${name}" ${TAKES_ALERTS.has(name) ? '.Alerts' : '.'} }}`;

const ours = new NotifyTemplates();
const COMPARED = DEFAULT_TEMPLATE_NAMES.filter((n) => !NOT_IN_025.has(n));

describe('default templates vs Alertmanager 0.25 default.tmpl', () => {
  requireAlertmanagerFiles();
  const theirs = alertmanagerTemplates();
  theirs.add(readFileSync(DEFAULT_TMPL, 'utf8'), 'default.tmpl');
  if (existsSync(EMAIL_TMPL)) theirs.add(readFileSync(EMAIL_TMPL, 'utf8'), 'email.tmpl');

  it('defines every name default.tmpl defines', () => {
    const defined = [...readFileSync(DEFAULT_TMPL, 'utf8').matchAll(/\{\{ define "([^"]+)" \}\}/g)].map((m) => m[1]!);
    expect(defined.length).toBeGreaterThan(35);
    for (const name of defined) expect(ours.has(name), name).toBe(true);
  });

  for (const [set, { notification, externalURL }] of Object.entries(DATASETS)) {
    it(`renders every name as default.tmpl does: ${set}`, () => {
      const data = dataOf(notification, externalURL);
      for (const name of COMPARED) {
        expect(ours.text(call(name), data), `${name} over ${set}`).toBe(theirs.executeText(call(name), data));
      }
    });
  }

  describe('through amtool (Go 1.19)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotconf-tmpl-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const SEP = '\n@@@hotconf-sep@@@\n';

    for (const [set, { notification, externalURL }] of Object.entries(DATASETS)) {
      it(`matches amtool template render: ${set}`, () => {
        const file = join(dir, `${set}.json`);
        writeFileSync(file, JSON.stringify(webhookData(notification, externalURL)));
        const text = COMPARED.map(call).join(SEP);
        const r = spawnSync(AMTOOL, ['template', 'render', `--template.glob=${DEFAULT_TMPL.replace('default.tmpl', '*.tmpl')}`, `--template.data=${file}`, `--template.text=${text}`], { encoding: 'utf8', timeout: 20_000 });
        expect(r.status, r.stderr).toBe(0);
        const got = r.stdout.split(SEP);
        expect(got).toHaveLength(COMPARED.length);
        const data = templateData(webhookData(notification, externalURL));
        COMPARED.forEach((name, i) => expect(ours.text(call(name), data), `${name} over ${set}`).toBe(got[i]));
      });
    }
  });
});

describe('templates Alertmanager 0.25 lacks', () => {
  const data = dataOf(DATASETS.mixed!.notification, DATASETS.mixed!.externalURL);

  // Expected texts: what Alertmanager 0.27's default.tmpl renders for this data (checked once by
  // running that file through this engine; it is not installed here).
  it('renders Teams text as 0.26/0.27 default.tmpl does (markdown alert list)', () => {
    expect(ours.text('{{ template "msteams.default.title" . }}', data)).toBe('[FIRING:2]  (db)');
    expect(ours.text('{{ template "msteams.default.summary" . }}', data)).toBe('[FIRING:2]  (db)');
    expect(ours.text('{{ template "msteams.default.text" . }}', data)).toBe(
      '\n\n# Alerts Firing:\n\nLabels:\n  - alertname = Latency\n  - team = db\n  - zone = eu-1\n\nAnnotations:\n  - summary = p99 > 1s\n\nSource: http://prom.example:9090/graph?g0.expr=up&g0.tab=1\n' +
        '\nLabels:\n  - alertname = Latency\n  - team = db\n  - zone = eu-2\n\nAnnotations:\n\nSource: http://prom.example:9090/graph?g0.expr=up&g0.tab=1\n\n\n\n' +
        '\n# Alerts Resolved:\n\nLabels:\n  - alertname = Errors\n  - team = db\n  - zone = eu-1\n\nAnnotations:\n  - description = \n  - summary = ok now\n\nSource: \n\n\n\n',
    );
  });

  it('renders an email page of its own, escaping the data as html/template does', () => {
    const many = dataOf(DATASETS.manyLabels!.notification, DATASETS.manyLabels!.externalURL);
    const html = ours.html('{{ template "email.default.html" . }}', many);
    expect(html).toMatch(/^<!DOCTYPE html>\n<html>/);
    expect(html).toContain('<tr><th>pod</th><td>pay-7d9f&lt;x&gt;</td></tr>');
    expect(html).toContain('<tr><th>summary</th><td>Pod is &#34;crash looping&#34; &amp; restarting</td></tr>');
    expect(html).toContain('<tr><th>description</th><td>Container app restarted 5 times &#43; more.\nSecond line.</td></tr>');
    expect(html).toContain('<title>[FIRING:1] k8s-prod payments (PodCrashLooping ä-north y app 10.0.0.7:8080 kube-state-metrics Ω &amp; &lt;b&gt; pay-7d9f&lt;x&gt; warning payments)</title>');
  });
});

describe('NotifyTemplates', () => {
  it('lets a config file redefine a default, and keeps the defaults it does not touch', () => {
    const t = new NotifyTemplates([{ path: '/etc/am/custom.tmpl', text: '{{ define "slack.default.title" }}custom {{ .Receiver }}{{ end }}' }]);
    const data = dataOf(DATASETS.firingOnly!.notification, DATASETS.firingOnly!.externalURL);
    expect(t.text('{{ template "slack.default.title" . }}', data)).toBe('custom team-db');
    expect(t.text('{{ template "slack.default.username" . }}', data)).toBe('Alertmanager');
    expect(t.html('{{ template "slack.default.title" . }}', data)).toBe('custom team-db');
  });

  it('escapes printed values in HTML mode, not the template text', () => {
    const data = dataOf(DATASETS.manyLabels!.notification, '');
    expect(ours.html('<b>{{ .CommonLabels.pod }}</b> {{ "a+b" | html }} {{ $x := "<" }}{{ $x }}', data)).toBe('<b>pay-7d9f&lt;x&gt;</b> a&#43;b &lt;');
    expect(ours.text('<b>{{ .CommonLabels.pod }}</b>', data)).toBe('<b>pay-7d9f<x></b>');
  });
});
