// Execution, case by case against Go: every expected string below is what Go 1.19
// (Alertmanager 0.25's amtool, which has these functions and missingkey=zero)
// printed for the same template over the same data, errors included. Go counts
// error columns from 0, so goStyle() writes ours (1-based) the same way.
import { describe, expect, it } from "vitest";
import { alertmanagerTemplates, templateData, TemplateExecError, TemplateSyntaxError, type WebhookData } from "../../../server/template";

const WEBHOOK: WebhookData = {
  "receiver": "team-x",
  "status": "firing",
  "alerts": [
    {
      "status": "firing",
      "labels": {
        "alertname": "HighCPU",
        "severity": "critical",
        "instance": "a:9100"
      },
      "annotations": {
        "summary": "CPU high"
      },
      "startsAt": "2024-05-01T10:00:00Z",
      "endsAt": "0001-01-01T00:00:00Z",
      "generatorURL": "http://prom/graph",
      "fingerprint": "abc"
    },
    {
      "status": "resolved",
      "labels": {
        "alertname": "HighCPU",
        "severity": "warning",
        "instance": "b:9100"
      },
      "annotations": {
        "summary": "CPU ok"
      },
      "startsAt": "2024-05-01T09:00:00.5Z",
      "endsAt": "2024-05-01T09:30:00Z",
      "generatorURL": "http://prom/graph2",
      "fingerprint": "def"
    }
  ],
  "groupLabels": {
    "alertname": "HighCPU"
  },
  "commonLabels": {
    "alertname": "HighCPU"
  },
  "commonAnnotations": {},
  "externalURL": "http://am:9093"
};

function goStyle(e: unknown): { error: string } {
  if (e instanceof TemplateExecError) {
    const at = e.context ? ` at <${e.context}>` : "";
    return { error: `${e.sourceName}:${e.line}:${e.column - 1}: executing "${e.name}"${at}: ${e.message}` };
  }
  if (e instanceof TemplateSyntaxError) return { error: `${e.name}:${e.line}: ${e.message}` };
  throw e;
}

function render(text: string): string | { error: string } {
  try {
    return alertmanagerTemplates().executeText(text, templateData(WEBHOOK));
  } catch (e) {
    return goStyle(e);
  }
}

const CASES: [string, string | { error: string }][] = [
  ["plain text only","plain text only"],
  ["{{ 3 }}|{{ 3.0 }}|{{ 1e6 }}|{{ -0x10 }}|{{ 1_000 }}|{{ 'a' }}|{{ \"s\" }}|{{ `r\n` }}|{{ true }}|{{ 0o17 }}|{{ 0b101 }}|{{ 0x1p-2 }}|{{ .5 }}","3|3|1e+06|-16|1000|97|s|r\n|true|15|5|0.25|0.5"],
  ["a  {{- \" b \" -}}  c","a b c"],
  ["a {{- 3 }} {{ 4 -}} b","a3 4b"],
  ["x {{- /* gone */ -}} y","xy"],
  ["{{ .Receiver }}/{{ .Status }}/{{ .ExternalURL }}","team-x/firing/http://am:9093"],
  ["{{ .CommonLabels.alertname }}|{{ .CommonLabels.missing }}|{{ .GroupLabels }}|{{ .CommonAnnotations }}","HighCPU||map[alertname:HighCPU]|map[]"],
  ["{{ $ := . }}{{ $.Receiver }}{{ with .Alerts }}{{ $.Receiver }}{{ end }}","team-xteam-x"],
  ["{{ $x := \"a\" }}{{ $x }}{{ $x = \"b\" }}{{ $x }}{{ if true }}{{ $x = \"c\" }}{{ $y := \"d\" }}{{ end }}{{ $x }}","abc"],
  ["{{ $x := 1 }}{{ range .Alerts }}{{ $x = 2 }}{{ end }}{{ $x }}","2"],
  ["{{ range $i, $a := .Alerts }}{{ $i }}:{{ $a.Status }} {{ end }}","0:firing 1:resolved "],
  ["{{ range $a := .Alerts }}{{ $a.Fingerprint }}{{ end }}","abcdef"],
  ["{{ range $k, $v := (index .Alerts 0).Labels }}{{ $k }}={{ $v }};{{ end }}","alertname=HighCPU;instance=a:9100;severity=critical;"],
  ["{{ range .Alerts.Resolved }}{{ .Fingerprint }}{{ else }}none{{ end }}|{{ range .CommonAnnotations }}x{{ else }}empty{{ end }}","def|empty"],
  ["{{ range .Alerts }}{{ if eq .Status \"firing\" }}{{ continue }}{{ end }}{{ .Fingerprint }}{{ end }}|{{ range .Alerts }}{{ .Fingerprint }}{{ break }}{{ end }}","def|abc"],
  ["{{ if .Alerts.Firing }}firing{{ else if .Alerts.Resolved }}resolved{{ else }}none{{ end }}","firing"],
  ["{{ with .CommonAnnotations }}has{{ else }}no annotations{{ end }}|{{ with .CommonLabels.alertname }}{{ . }}{{ end }}","no annotations|HighCPU"],
  ["{{ if 0 }}a{{ end }}{{ if \"\" }}b{{ end }}{{ if nil }}c{{ end }}{{ if .CommonAnnotations }}d{{ end }}{{ if 0.0 }}e{{ end }}{{ if (index .Alerts 0) }}struct{{ end }}",{"error":":1:47: executing \"\" at <nil>: nil is not a command"}],
  ["{{ .Receiver | printf \"%s!\" }}|{{ \"a\" | printf \"%s-%s\" \"b\" }}|{{ .Alerts | len | printf \"%d alerts\" }}","team-x!|b-a|2 alerts"],
  ["{{ printf \"%s\" (index .Alerts 0).Labels.severity | toUpper }}","CRITICAL"],
  ["{{ and 1 0 2 }}|{{ and 1 2 }}|{{ or 0 \"\" }}|{{ or 0 \"x\" 3 }}|{{ not 0 }}|{{ and .Nope.X 1 }}",{"error":":1:85: executing \"\" at <.Nope.X>: can't evaluate field Nope in type template.Data"}],
  ["{{ or 1 .Nope }}|{{ and 0 .Nope }}","1|0"],
  ["{{ len \"héllo\" }}|{{ len .Alerts }}|{{ len .CommonLabels }}|{{ index .Alerts 1 | printf \"%T\" }}|{{ index \"abc\" 1 }}|{{ slice \"héllo\" 0 3 }}|{{ slice .Alerts 0 1 | len }}","6|2|1|template.Alert|98|hé|1"],
  ["{{ eq 1 1 }}|{{ eq \"a\" \"b\" \"a\" }}|{{ ne 1 2 }}|{{ lt 1 2 }}|{{ le 2 2 }}|{{ gt \"b\" \"a\" }}|{{ ge 1.5 2.5 }}|{{ eq .Status \"firing\" }}","true|true|true|true|true|true|false|true"],
  ["{{ print \"a\" 1 2 \"b\" }}|{{ println \"a\" 1 }}|{{ printf \"%v %v\" .Alerts.Firing (index .Alerts 0).Labels.SortedPairs }}","a1 2b|a 1\n|[{firing map[alertname:HighCPU instance:a:9100 severity:critical] map[summary:CPU high] 2024-05-01 10:00:00 +0000 UTC 0001-01-01 00:00:00 +0000 UTC http://prom/graph abc}] [{alertname HighCPU} {instance a:9100} {severity critical}]"],
  ["{{ html \"<b>&\" }}|{{ js \"it's\" }}|{{ urlquery \"a b\" }}|{{ \"x y\" | urlquery }}","&lt;b&gt;&amp;|it\\'s|a+b|x+y"],
  ["{{ .Alerts.Firing }}","[{firing map[alertname:HighCPU instance:a:9100 severity:critical] map[summary:CPU high] 2024-05-01 10:00:00 +0000 UTC 0001-01-01 00:00:00 +0000 UTC http://prom/graph abc}]"],
  ["{{ . | printf \"%T\" }}|{{ .Alerts | printf \"%T\" }}|{{ .CommonLabels | printf \"%T\" }}|{{ (index .Alerts 0).StartsAt | printf \"%T\" }}","template.Data|template.Alerts|template.KV|time.Time"],
  ["{{ (index .Alerts 0).StartsAt }}|{{ (index .Alerts 1).EndsAt }}","2024-05-01 10:00:00 +0000 UTC|2024-05-01 09:30:00 +0000 UTC"],
  ["{{ define \"x\" }}[{{ . }}]{{ end }}{{ template \"x\" \"arg\" }}{{ template \"x\" }}{{ block \"y\" .Status }}<{{ . }}>{{ end }}","[arg][<no value>]<firing>"],
  ["{{ define \"rec\" }}{{ if . }}{{ len . }}{{ template \"rec\" slice . 1 }}{{ end }}{{ end }}{{ template \"rec\" .Alerts }}","21"],
  ["{{ $x := 1 }}{{ define \"scope\" }}{{ $ }}{{ end }}{{ template \"scope\" 5 }}","5"],
  ["{{ (index .Alerts 0).Labels.SortedPairs.Names | join \",\" }}|{{ (index .Alerts 0).Labels.Names }}|{{ (index .Alerts 0).Labels.Values }}","alertname,instance,severity|[alertname instance severity]|[HighCPU a:9100 critical]"],
  ["{{ ((index .Alerts 0).Labels.Remove (stringSlice \"severity\" \"instance\")).SortedPairs }}","[{alertname HighCPU}]"],
  ["{{ with .CommonLabels.Remove .GroupLabels.Names }}{{ len . }}{{ end }}",""],
  ["{{ title \"hello wORLD\" }}|{{ toUpper \"abc\" }}|{{ toLower \"ÀBC\" }}|{{ join \"-\" (stringSlice \"a\" \"b\") }}|{{ safeHtml \"<b>\" }}","Hello World|ABC|àbc|a-b|<b>"],
  ["{{ match \"^High\" .CommonLabels.alertname }}|{{ match \"x+\" \"abc\" }}|{{ reReplaceAll \"(\\\\w+):(\\\\d+)\" \"$2@$1\" \"host:9100\" }}","true|false|9100@host"],
  ["{{ stringSlice }}|{{ stringSlice \"a\" | printf \"%T %q\" }}","[]|[]string %!q(MISSING)"],
  ["{{ index .Alerts 5 }}",{"error":":1:3: executing \"\" at <index .Alerts 5>: error calling index: index out of range: 5"}],
  ["{{ .Nope }}",{"error":":1:3: executing \"\" at <.Nope>: can't evaluate field Nope in type template.Data"}],
  ["{{ .Alerts.Nope }}",{"error":":1:10: executing \"\" at <.Alerts.Nope>: can't evaluate field Nope in type template.Alerts"}],
  ["{{ .Status.Nope }}",{"error":":1:10: executing \"\" at <.Status.Nope>: can't evaluate field Nope in type string"}],
  ["{{ template \"missing\" }}",{"error":":1:12: executing \"\" at <{{template \"missing\"}}>: template \"missing\" not defined"}],
  ["{{ nil }}",{"error":":1:3: executing \"\" at <nil>: nil is not a command"}],
  ["{{ 1 2 }}",{"error":":1:3: executing \"\" at <1>: can't give argument to non-function 1"}],
  ["{{ .Receiver 1 }}",{"error":":1:3: executing \"\" at <.Receiver>: Receiver has arguments but cannot be invoked as function"}],
  ["{{ len 3 }}",{"error":":1:3: executing \"\" at <len 3>: error calling len: len of type int"}],
  ["{{ index 3 1 }}",{"error":":1:3: executing \"\" at <index 3 1>: error calling index: can't index item of type int"}],
  ["{{ slice .Alerts 2 1 }}",{"error":":1:3: executing \"\" at <slice .Alerts 2 1>: error calling slice: invalid slice index: 2 > 1"}],
  ["{{ lt .Alerts 1 }}",{"error":":1:3: executing \"\" at <lt .Alerts 1>: error calling lt: invalid type for comparison"}],
  ["{{ eq \"a\" 1 }}",{"error":":1:3: executing \"\" at <eq \"a\" 1>: error calling eq: incompatible types for comparison"}],
  ["{{ printf 3 }}",{"error":":1:10: executing \"\" at <3>: expected string; found 3"}],
  ["{{ join \",\" \"a\" }}",{"error":":1:12: executing \"\" at <\"a\">: can't handle \"a\" for arg of type []string"}],
  ["{{ toUpper .Alerts }}",{"error":":1:11: executing \"\" at <.Alerts>: wrong type for value; expected string; got template.Alerts"}],
  ["{{ range .Status }}{{ end }}",{"error":":1:9: executing \"\" at <.Status>: range can't iterate over firing"}],
  ["{{ $x := 1 }}{{ $x.Field }}",{"error":":1:18: executing \"\" at <$x.Field>: can't evaluate field Field in type int"}],
  ["{{ call .Receiver }}",{"error":":1:3: executing \"\" at <call .Receiver>: error calling call: non-function of type string"}],
  ["{{ (index .Alerts 0).Labels.SortedPairs.Nope }}",{"error":":1:18: executing \"\" at <0>: can't evaluate field Nope in type template.Pairs"}],
  ["{{ .Alerts.Firing.Firing }}",{"error":":1:10: executing \"\" at <.Alerts.Firing.Firing>: can't evaluate field Firing in type []template.Alert"}],
  ["{{ printf \"%d\" 3.5 }}|{{ printf \"%s\" nil }}|{{ printf \"%v\" .CommonLabels.nope }}","%!d(float64=3.5)|%!s(<nil>)|"],
  // Trimming across newlines and CRLF, multi-line actions, scopes, blocks, Stringers under %q.
  ["{{ range (index .Alerts 0) }}{{ end }}",{"error":":1:24: executing \"\" at <0>: range can't iterate over {firing map[alertname:HighCPU instance:a:9100 severity:critical] map[summary:CPU high] 2024-05-01 10:00:00 +0000 UTC 0001-01-01 00:00:00 +0000 UTC http://prom/graph abc}"}],
  ["a\n\t {{- .Status -}} \r\n\tb","afiringb"],
  ["a\n{{- /* c */ -}}\nb{{/* d */}}c","abc"],
  ["{{ .Status\n  | toUpper\n  | printf \"%s!\" }}","FIRING!"],
  ["{{ if eq .Status \"resolved\" }}R{{ else if eq .Status \"firing\" }}F{{ else }}?{{ end }}","F"],
  ["{{ with $x := .Receiver }}{{ $x }}{{ end }}{{ range $i, $e := .Alerts }}{{ end }}{{ if $x := 1 }}{{ $x }}{{ end }}","team-x1"],
  ["{{ range .Alerts }}{{ $f := .Fingerprint }}{{ $f }}{{ end }}","abcdef"],
  ["{{ block \"inline\" . }}[{{ .Receiver }}]{{ end }}|{{ template \"inline\" .CommonLabels }}","[team-x]|[]"],
  ["{{ printf \"%q\" .Alerts.Firing }}","[{\"firing\" map[\"alertname\":\"HighCPU\" \"instance\":\"a:9100\" \"severity\":\"critical\"] map[\"summary\":\"CPU high\"] \"2024-05-01 10:00:00 +0000 UTC\" \"0001-01-01 00:00:00 +0000 UTC\" \"http://prom/graph\" \"abc\"}]"],
  ["{{ $x := 0 }}{{ range .Alerts }}{{ $x = . }}{{ end }}{{ $x.Fingerprint }}","def"],
  ["{{ len (slice .CommonLabels.Names 0 1) }}|{{ index (index .Alerts 1).Labels \"severity\" }}|{{ index .CommonLabels.SortedPairs 0 }}","1|warning|{alertname HighCPU}"],
  ["{{ \"a\" | eq \"a\" }}|{{ 1 | eq 2 1 }}|{{ nil | print }}|{{ .CommonLabels.Nope | print }}",{"error":":1:39: executing \"\" at <nil>: nil is not a command"}],
];

describe("executeText renders as Go does", () => {
  it.each(CASES)("%s", (text, expected) => {
    expect(render(text)).toEqual(expected);
  });
});

// print, println and printf: verbs, flags, widths, precisions, argument
// indexes, and Go's in-band notes for wrong or missing arguments.
const PRINTF_CASES: [string, string | { error: string }][] = [
  ["{{ printf \"%05s|%.2s|%5.1f|%-8.3e|%g|%g|%g|%v|%x|%X|% x|%q|%+q|%#q|%c|%U|%o|%O|%b|%t|%08.3f|%+d|% d|%x\" \"ab\" \"héllo\" 3.14159 1234.5678 1e21 1e-5 123456789.0 0.000012345 \"hé\" 255 \"hi\" \"é\n\" \"é\" \"ab\" 9731 9731 8 8 5 true -3.14159 5 5 -255 }}",{"error":":1: unterminated quoted string"}],
  ["{{ printf \"%d %s\" \"x\" 3 }}|{{ printf \"%d\" }}|{{ printf \"x\" 1 \"a\" }}|{{ printf \"%\" }}|{{ printf \"%z\" 1 }}|{{ printf \"%!\" }}","%!d(string=x) %!s(int=3)|%!d(MISSING)|x%!(EXTRA int=1, string=a)|%!(NOVERB)|%!z(int=1)|%!!(MISSING)"],
  ["{{ printf \"%.0f %.0f %.1f %.2f %.3f\" 2.5 3.5 0.25 1.005 2.0005 }}|{{ printf \"%v %v\" nil true }}|{{ printf \"%*d|%-*d|%[2]d %[1]d|%[3]d\" 5 42 7 }}","2 4 0.2 1.00 2.001|<nil> true|   42|%!d(MISSING)|42 5|7"],
  ["{{ print 1 2 \"a\" \"b\" 3 nil 4.0 }}|{{ println 1 \"a\" }}|{{ print }}|{{ printf \"%6.2v|%v|%v|%v|%.3g|%.3g|%g|%e\" 3.14159 1e6 1e20 100000.0 1.0 1234.0 0.0001 0.0 }}","1 2ab3 <nil> 4|1 a\n||   3.1|1e+06|1e+20|100000|1|1.23e+03|0.0001|0.000000e+00"],
  ["{{ printf \"%5s|%-5s|%5d|%-5d|%05d|%x|%X|%#x|%#o|%08.2f|%+.1e|%10.4g|%-10v|\" \"ab\" \"ab\" 42 42 -42 \"hi\" 3054 255 8 3.14159 12345.678 0.00012345 true }}","   ab|ab   |   42|42   |-0042|6869|BEE|0xff|010|00003.14|+1.2e+04| 0.0001234|true      |"],
  ["{{ printf \"%v|%s|%q|%x\" (stringSlice \"a\" \"b\") (stringSlice \"a\" \"b\") (stringSlice \"a\" \"b\") (stringSlice \"a\" \"b\") }}","[a b]|[a b]|[\"a\" \"b\"]|[61 62]"],
  ["{{ printf \"%v|%+v|%s|%d\" (index .Alerts 0).Labels.SortedPairs (index .Alerts 0).Labels.SortedPairs (index .Alerts 0).Labels (index .Alerts 0).Labels }}","[{alertname HighCPU} {instance a:9100} {severity critical}]|[{Name:alertname Value:HighCPU} {Name:instance Value:a:9100} {Name:severity Value:critical}]|map[alertname:HighCPU instance:a:9100 severity:critical]|map[%!d(string=alertname):%!d(string=HighCPU) %!d(string=instance):%!d(string=a:9100) %!d(string=severity):%!d(string=critical)]"],
  ["{{ printf \"%.2f%%\" 99.5 }}|{{ printf \"%3c|%-3c|%q|%#U\" 65 66 39 128512 }}|{{ printf \"%t %t\" 1 \"x\" }}","99.50%|  A|B  |'\\''|U+1F600 '😀'|%!t(int=1) %!t(string=x)"],
  ["{{ printf \"%e|%E|%G|%g|%g|%g|%.0e|%.1g\" 1e-10 123456.0 1e-7 1e-4 12345678.0 0.1 15.0 0.05 }}","1.000000e-10|1.234560E+05|1E-07|0.0001|1.2345678e+07|0.1|2e+01|0.05"],
  ["{{ printf \"%08d|%-08d|%+08d|% 08d|%.5d|%8.5d|%.0d|%#b|%o\" 42 42 42 42 42 42 0 5 -8 }}","00000042|42      |+0000042| 0000042|00042|   00042||0b101|-10"],
  ["{{ printf \"%v %v %v\" 1.5e300 -0.0 2.0e-320 }}","1.5e+300 -0 2e-320"],
  ["{{ printf \"%T|%T|%T|%T|%T|%T\" 1 1.5 \"s\" true nil (stringSlice) }}","int|float64|string|bool|<nil>|[]string"],
  ["{{ printf \"%[2]s %[1]s\" \"a\" \"b\" }}|{{ printf \"%[3]s\" \"a\" }}|{{ printf \"%[0]d\" 1 }}|{{ printf \"%.*f\" 2 3.14159 }}|{{ printf \"%*s\" \"x\" \"y\" }}","b a|%!s(BADINDEX)|%!d(BADINDEX)|3.14|%!(BADWIDTH)y"],
  ["{{ printf \"%s\" (index .Alerts 0) }}","{firing map[alertname:HighCPU instance:a:9100 severity:critical] map[summary:CPU high] 2024-05-01 10:00:00 +0000 UTC 0001-01-01 00:00:00 +0000 UTC http://prom/graph abc}"],
  ["{{ printf \"%v\" (index .Alerts 0).StartsAt }}|{{ printf \"%s\" (index .Alerts 1).StartsAt }}","2024-05-01 10:00:00 +0000 UTC|2024-05-01 09:00:00.5 +0000 UTC"],
];

describe("printing matches Go's fmt", () => {
  it.each(PRINTF_CASES)("%s", (text, expected) => {
    expect(render(text)).toEqual(expected);
  });
});
