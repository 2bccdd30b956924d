// Alertmanager 0.25: its functions, its data model, its default templates,
// and a template set of our own in its style. Expected texts are what
// Alertmanager 0.25 (amtool template render, Go 1.19) printed for the same
// templates and data.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  alertmanagerTemplates, Alerts, KV, parseTemplate, templateData, TemplateExecError, type WebhookData,
} from "../../../server/template";

const WEBHOOK: WebhookData = {
  "receiver": "team-db",
  "status": "firing",
  "alerts": [
    {
      "status": "firing",
      "labels": {
        "alertname": "DiskFull",
        "severity": "critical",
        "instance": "db-1:9100",
        "team": "db",
        "mount": "/var"
      },
      "annotations": {
        "summary": "disk 97% full"
      },
      "startsAt": "2024-05-01T10:00:00Z",
      "endsAt": "0001-01-01T00:00:00Z",
      "generatorURL": "http://prom/graph?g0.expr=disk",
      "fingerprint": "f1"
    },
    {
      "status": "firing",
      "labels": {
        "alertname": "DiskFull",
        "severity": "warning",
        "instance": "db-2:9100",
        "team": "db",
        "runbook": "http://wiki/disk"
      },
      "annotations": {},
      "startsAt": "2024-05-01T10:05:00Z",
      "endsAt": "0001-01-01T00:00:00Z",
      "generatorURL": "http://prom/graph?g0.expr=disk",
      "fingerprint": "f2"
    },
    {
      "status": "resolved",
      "labels": {
        "alertname": "DiskFull",
        "severity": "warning",
        "instance": "db-3:9100",
        "team": "db"
      },
      "annotations": {
        "summary": "ok"
      },
      "startsAt": "2024-05-01T09:00:00Z",
      "endsAt": "2024-05-01T09:30:00Z",
      "generatorURL": "http://prom/graph",
      "fingerprint": "f3"
    }
  ],
  "groupLabels": {
    "alertname": "DiskFull",
    "team": "db"
  },
  "commonLabels": {
    "alertname": "DiskFull",
    "team": "db"
  },
  "commonAnnotations": {},
  "externalURL": "http://am.example:9093"
};

// Debian's prometheus-alertmanager package installs Alertmanager 0.25's default templates here.
const DEFAULT_TMPL = "/usr/share/prometheus/alertmanager/default.tmpl";
const hasDefaults = existsSync(DEFAULT_TMPL);
if (!hasDefaults) console.log(`skipping the default.tmpl cases: ${DEFAULT_TMPL} is absent (Debian package prometheus-alertmanager not installed)`);

describe("Alertmanager 0.25 default.tmpl", () => {
  it.skipIf(!hasDefaults)("parses, defining every notifier template", () => {
    const tree = parseTemplate(readFileSync(DEFAULT_TMPL, "utf8"), "default.tmpl");
    expect(tree.templates.size).toBe(40);
    expect(tree.templates.has("slack.default.title")).toBe(true);
    expect(tree.templates.has("__text_alert_list")).toBe(true);
  });

  it.skipIf(!hasDefaults)("renders its messages as Alertmanager does", () => {
    const set = alertmanagerTemplates();
    set.add(readFileSync(DEFAULT_TMPL, "utf8"), "default.tmpl");
    const data = templateData(WEBHOOK);
    const render = (name: string): string => set.executeText(`{{ template "${name}" . }}`, data);
    expect(render("slack.default.title")).toBe("[FIRING:2] DiskFull db ");
    expect(render("opsgenie.default.description")).toBe("\nAlerts Firing:\nLabels:\n - alertname = DiskFull\n - instance = db-1:9100\n - mount = /var\n - severity = critical\n - team = db\nAnnotations:\n - summary = disk 97% full\nSource: http://prom/graph?g0.expr=disk\nLabels:\n - alertname = DiskFull\n - instance = db-2:9100\n - runbook = http://wiki/disk\n - severity = warning\n - team = db\nAnnotations:\nSource: http://prom/graph?g0.expr=disk\n\nAlerts Resolved:\nLabels:\n - alertname = DiskFull\n - instance = db-3:9100\n - severity = warning\n - team = db\nAnnotations:\n - summary = ok\nSource: http://prom/graph\n");
    expect(render("telegram.default.message")).toBe("\n\nAlerts Firing:\nLabels:\n - alertname = DiskFull\n - instance = db-1:9100\n - mount = /var\n - severity = critical\n - team = db\nAnnotations:\n - summary = disk 97% full\nSource: http://prom/graph?g0.expr=disk\nLabels:\n - alertname = DiskFull\n - instance = db-2:9100\n - runbook = http://wiki/disk\n - severity = warning\n - team = db\nAnnotations:\nSource: http://prom/graph?g0.expr=disk\n\n\n\nAlerts Resolved:\nLabels:\n - alertname = DiskFull\n - instance = db-3:9100\n - severity = warning\n - team = db\nAnnotations:\n - summary = ok\nSource: http://prom/graph\n\n\n");
  });

  it.skipIf(!hasDefaults)("fails where Alertmanager fails, at the same place", () => {
    const set = alertmanagerTemplates();
    set.add(readFileSync(DEFAULT_TMPL, "utf8"), "default.tmpl");
    let error: unknown;
    try {
      set.executeText("{{ template \"pagerduty.default.instances\" . }}", templateData(WEBHOOK));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateExecError);
    const e = error as TemplateExecError;
    expect([e.name, e.sourceName, e.line, e.column, e.context]).toEqual(["__text_alert_list", "default.tmpl", 7, 42, "."]);
    expect(e.message).toMatch(/^range can.t iterate over \{team-db firing \[\{firing map\[alertname:DiskFull instance:db-1:9100 /);
  });
});

describe("a template set of our own, in Alertmanager's style", () => {
  it("renders define/template/range/with/if and Alertmanager's functions over its data", () => {
    const set = alertmanagerTemplates();
    // __alertmanagerURL, as default.tmpl defines it, so this case needs no installed file.
    set.add("{{ define \"__alertmanagerURL\" }}{{ .ExternalURL }}/#/alerts?receiver={{ .Receiver | urlquery }}{{ end }}", "lib");
    set.add(readFileSync(new URL("fixtures/oncall.tmpl", import.meta.url), "utf8"), "oncall.tmpl");
    expect(set.executeText("{{ template \"oncall.message\" . }}", templateData(WEBHOOK))).toBe("[FIRING:2] DiskFull db\nFiring (2):\n* DiskFull on db-1 (Critical): disk 97% full mount=/var team=db (no runbook)\n* DiskFull on db-2 (Warning) runbook=http://wiki/disk team=db runbook: http://wiki/disk\nResolved (1):\nDiskFull@f3\nCommon: team=db \nReceiver: team-db | http://am.example:9093/#/alerts?receiver=team-db");
  });
});

describe("Alertmanager's functions", () => {
  const render = (text: string, data: unknown = null): string => alertmanagerTemplates().executeText(text, data);

  it('title-cases per word as cases.Title(AmericanEnglish): first cased letter up, the rest down', () => {
    expect(render(`{{ title "hELLO wORLD-foo_bar baz.qux don't 3rd o'neil ÉCOLE élan x1y a.b.c" }}`)).toBe(
      "Hello World-Foo_bar Baz.qux Don't 3Rd O'neil École Élan X1y A.b.c",
    );
  });

  it('changes case one character at a time, as Go (ß has no single upper-case letter)', () => {
    expect(render('{{ toUpper "straße" }}|{{ toLower "ÀÉ" }}')).toBe('STRAßE|àé');
  });

  it('replaces with Go expansion: ${1}, $1, $name, the longest name ($1x is ${1x}), $$', () => {
    expect(render('{{ reReplaceAll "a(x*)b" "${1}W$1x$$" "-ab-axxb-" }}')).toBe('-W$-xxW$-');
    expect(render('{{ reReplaceAll "x*" "-" "abc" }}|{{ reReplaceAll "(?P<n>b)" "<$n>" "abc" }}')).toBe('-a-b-c-|a<b>c');
  });

  it('reports a bad pattern in Go words, and runs RE2 in linear time on a pattern that backtracking would not finish', () => {
    expect(() => render('{{ match "(" "x" }}')).toThrow('error calling match: error parsing regexp: missing closing ): `(`');
    expect(() => render('{{ reReplaceAll "(" "x" "y" }}')).toThrow('error calling reReplaceAll: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`');
    const start = Date.now();
    expect(render(`{{ match "^(a+)+$" "${'a'.repeat(5000)}b" }}`)).toBe('false');
    expect(Date.now() - start).toBeLessThan(2000);
  });
});

describe("Alertmanager's data model", () => {
  it('sorts pairs by name with alertname first, and removes names into a new KV', () => {
    const kv = KV.of({ zone: 'a', alertname: 'X', instance: 'i' });
    expect(kv.Names()).toEqual(['alertname', 'instance', 'zone']);
    expect(kv.Values()).toEqual(['X', 'i', 'a']);
    expect([...kv.Remove(['zone'])].length).toBe(2);
    expect(kv.size).toBe(3);
  });

  it('splits alerts into firing and resolved, typed as Go types them', () => {
    const data = templateData(WEBHOOK);
    expect(data.Alerts).toBeInstanceOf(Alerts);
    expect(alertmanagerTemplates().executeText(
      '{{ len .Alerts.Firing }} {{ len .Alerts.Resolved }} {{ printf "%T %T %T" .Alerts .Alerts.Firing .CommonLabels }}', data,
    )).toBe('2 1 template.Alerts []template.Alert template.KV');
  });

  it('reads an unset endsAt as Go\'s zero time', () => {
    const data = templateData({ receiver: 'r', status: 'firing', alerts: [{ status: 'firing' }] });
    expect(alertmanagerTemplates().executeText('{{ (index .Alerts 0).EndsAt }}', data)).toBe('0001-01-01 00:00:00 +0000 UTC');
  });
});
