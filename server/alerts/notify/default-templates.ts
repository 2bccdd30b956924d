// The templates notifiers use when a config leaves a field unset, written for hotconf.
// Every name Alertmanager's notifiers refer to by default is defined here, and each renders
// exactly the text Alertmanager 0.25's default.tmpl renders for the same data (Teams: 0.27's),
// so channels, pagers and mail filters see the same messages after a switch. The test
// test/server/alerts/notify/default-templates.test.ts holds the proof against the real files.
//
// A config's own `templates:` files are added after these, so a file may redefine any name.
// Names starting `__hotconf_` are helpers of this file.
//
// `email.default.html` is hotconf's own, simpler page (not Alertmanager's Mailgun-derived one).

/** The file name the defaults are registered under (it appears in template error messages). */
export const DEFAULT_TEMPLATES_NAME = 'hotconf-defaults.tmpl';

export const DEFAULT_TEMPLATES = String.raw`
{{- /* Building blocks. */ -}}
{{ define "__alertmanager" }}Alertmanager{{ end }}
{{ define "__alertmanagerURL" }}{{ printf "%s/#/alerts?receiver=%s" .ExternalURL (urlquery .Receiver) }}{{ end }}

{{- /* "[FIRING:2] <group label values> (<other common label values>)". */ -}}
{{ define "__subject" -}}
  [{{ toUpper .Status }}{{ if eq .Status "firing" }}:{{ len .Alerts.Firing }}{{ end }}]
  {{- " " }}{{ join " " .GroupLabels.SortedPairs.Values }}{{ " " }}
  {{- if lt (len .GroupLabels) (len .CommonLabels) -}}
    ({{ with .CommonLabels.Remove .GroupLabels.Names }}{{ join " " .Values }}{{ end }})
  {{- end }}
{{- end }}
{{ define "__description" }}{{ end }}

{{- /* Dot: a list of alerts. */ -}}
{{ define "__hotconf_pairs" }}{{ range . }} - {{ .Name }} = {{ .Value }}{{ "\n" }}{{ end }}{{ end }}
{{ define "__text_alert_list" -}}
  {{ range $alert := . -}}
    Labels:{{ "\n" }}{{ template "__hotconf_pairs" $alert.Labels.SortedPairs -}}
    Annotations:{{ "\n" }}{{ template "__hotconf_pairs" $alert.Annotations.SortedPairs -}}
    Source: {{ $alert.GeneratorURL }}{{ "\n" }}
  {{- end }}
{{- end }}
{{ define "__hotconf_md_pairs" }}{{ range . }}  - {{ .Name }} = {{ .Value }}{{ "\n" }}{{ end }}{{ end }}
{{ define "__text_alert_list_markdown" -}}
  {{ range $alert := . -}}
    {{ "\n" }}Labels:{{ "\n" }}{{ template "__hotconf_md_pairs" $alert.Labels.SortedPairs -}}
    {{ "\n" }}Annotations:{{ "\n" }}{{ template "__hotconf_md_pairs" $alert.Annotations.SortedPairs -}}
    {{ "\n" }}Source: {{ $alert.GeneratorURL }}{{ "\n" }}
  {{- end }}{{ "\n" }}
{{- end }}

{{- /* Dot: the notification. The common annotation values, then the alerts by status. */ -}}
{{ define "__hotconf_common" }}{{ join " " .CommonAnnotations.SortedPairs.Values }}{{ end }}
{{ define "__hotconf_tight" -}}
  {{ with .Alerts.Firing }}Alerts Firing:{{ "\n" }}{{ template "__text_alert_list" . }}{{ end -}}
  {{ "\n" -}}
  {{ with .Alerts.Resolved }}Alerts Resolved:{{ "\n" }}{{ template "__text_alert_list" . }}{{ end }}
{{- end }}
{{ define "__hotconf_loose" -}}
  {{ with .Alerts.Firing }}{{ "\n" }}Alerts Firing:{{ "\n" }}{{ template "__text_alert_list" . }}{{ "\n" }}{{ end -}}
  {{ "\n" -}}
  {{ with .Alerts.Resolved }}{{ "\n" }}Alerts Resolved:{{ "\n" }}{{ template "__text_alert_list" . }}{{ "\n" }}{{ end }}
{{- end }}
{{ define "__hotconf_loose_md" -}}
  {{ with .Alerts.Firing }}{{ "\n" }}# Alerts Firing:{{ "\n" }}{{ template "__text_alert_list_markdown" . }}{{ "\n" }}{{ end -}}
  {{ "\n" -}}
  {{ with .Alerts.Resolved }}{{ "\n" }}# Alerts Resolved:{{ "\n" }}{{ template "__text_alert_list_markdown" . }}{{ "\n" }}{{ end }}
{{- end }}
{{ define "__hotconf_summary" }}{{ template "__hotconf_common" . }}{{ "\n" }}{{ template "__hotconf_tight" . }}{{ end }}
{{ define "__hotconf_details" }}{{ template "__hotconf_common" . }}{{ "\n" }}{{ template "__hotconf_loose" . }}{{ "\n" }}{{ end }}
{{ define "__hotconf_chat" }}{{ "\n" }}{{ template "__hotconf_loose" . }}{{ "\n" }}{{ end }}

{{- /* Slack. */ -}}
{{ define "slack.default.title" }}{{ template "__subject" . }}{{ end }}
{{ define "slack.default.username" }}{{ template "__alertmanager" . }}{{ end }}
{{ define "slack.default.titlelink" }}{{ template "__alertmanagerURL" . }}{{ end }}
{{ define "slack.default.fallback" }}{{ template "slack.default.title" . }} | {{ template "slack.default.titlelink" . }}{{ end }}
{{ define "slack.default.callbackid" }}{{ end }}
{{ define "slack.default.pretext" }}{{ end }}
{{ define "slack.default.iconemoji" }}{{ end }}
{{ define "slack.default.iconurl" }}{{ end }}
{{ define "slack.default.text" }}{{ end }}
{{ define "slack.default.footer" }}{{ end }}

{{- /* PagerDuty. */ -}}
{{ define "pagerduty.default.description" }}{{ template "__subject" . }}{{ end }}
{{ define "pagerduty.default.client" }}{{ template "__alertmanager" . }}{{ end }}
{{ define "pagerduty.default.clientURL" }}{{ template "__alertmanagerURL" . }}{{ end }}
{{ define "pagerduty.default.instances" }}{{ template "__text_alert_list" . }}{{ end }}

{{- /* Opsgenie. */ -}}
{{ define "opsgenie.default.message" }}{{ template "__subject" . }}{{ end }}
{{ define "opsgenie.default.description" }}{{ template "__hotconf_summary" . }}{{ end }}
{{ define "opsgenie.default.source" }}{{ template "__alertmanagerURL" . }}{{ end }}

{{- /* WeChat. */ -}}
{{ define "wechat.default.message" -}}
  {{ template "__subject" . }}{{ "\n" }}{{ template "__hotconf_summary" . }}{{ "\n" -}}
  AlertmanagerUrl:{{ "\n" }}{{ template "__alertmanagerURL" . }}
{{- end }}
{{ define "wechat.default.to_user" }}{{ end }}
{{ define "wechat.default.to_party" }}{{ end }}
{{ define "wechat.default.to_tag" }}{{ end }}
{{ define "wechat.default.agent_id" }}{{ end }}

{{- /* VictorOps. */ -}}
{{ define "victorops.default.state_message" }}{{ template "__hotconf_summary" . }}{{ end }}
{{ define "victorops.default.entity_display_name" }}{{ template "__subject" . }}{{ end }}
{{ define "victorops.default.monitoring_tool" }}{{ template "__alertmanager" . }}{{ end }}

{{- /* Pushover. */ -}}
{{ define "pushover.default.title" }}{{ template "__subject" . }}{{ end }}
{{ define "pushover.default.message" }}{{ template "__hotconf_details" . }}{{ end }}
{{ define "pushover.default.url" }}{{ template "__alertmanagerURL" . }}{{ end }}

{{- /* SNS. */ -}}
{{ define "sns.default.subject" }}{{ template "__subject" . }}{{ end }}
{{ define "sns.default.message" }}{{ template "__hotconf_details" . }}{{ end }}

{{- /* Telegram, Discord, Webex. */ -}}
{{ define "telegram.default.message" }}{{ template "__hotconf_chat" . }}{{ end }}
{{ define "discord.default.title" }}{{ template "__subject" . }}{{ end }}
{{ define "discord.default.message" }}{{ template "__hotconf_chat" . }}{{ end }}
{{ define "webex.default.message" }}{{ template "__hotconf_details" . }}{{ end }}

{{- /* Microsoft Teams (Alertmanager 0.26+; summary from 0.27). */ -}}
{{ define "msteams.default.title" }}{{ template "__subject" . }}{{ end }}
{{ define "msteams.default.summary" }}{{ template "__subject" . }}{{ end }}
{{ define "msteams.default.text" }}{{ "\n" }}{{ template "__hotconf_loose_md" . }}{{ "\n" }}{{ end }}

{{- /* Email. The page is hotconf's own: a heading, a link, and one table per alert. */ -}}
{{ define "email.default.subject" }}{{ template "__subject" . }}{{ end }}
{{ define "__hotconf_email_alerts" -}}
  {{ range $alert := . -}}
    <table class="alert">{{ "\n" -}}
    {{ range $alert.Labels.SortedPairs }}<tr><th>{{ .Name }}</th><td>{{ .Value }}</td></tr>{{ "\n" }}{{ end -}}
    {{ range $alert.Annotations.SortedPairs }}<tr><th>{{ .Name }}</th><td>{{ .Value }}</td></tr>{{ "\n" }}{{ end -}}
    {{ with $alert.GeneratorURL }}<tr><th>source</th><td>{{ . }}</td></tr>{{ "\n" }}{{ end -}}
    </table>{{ "\n" }}
  {{- end }}
{{- end }}
{{ define "email.default.html" -}}
<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<title>{{ template "__subject" . }}</title>
<style>
body { font-family: sans-serif; font-size: 14px; color: #222; }
h1 { font-size: 18px; }
.firing { color: #b3261e; }
.resolved { color: #1e7b34; }
table.alert { border-collapse: collapse; margin: 0 0 16px; }
table.alert th, table.alert td { text-align: left; padding: 2px 8px; border-bottom: 1px solid #ddd; }
</style>
</head>
<body>
<h1 class="{{ .Status }}">{{ template "__subject" . }}</h1>
<p>{{ len .Alerts }} alert{{ if ne (len .Alerts) 1 }}s{{ end }} for receiver {{ .Receiver }}{{ with .CommonAnnotations.SortedPairs.Values }}: {{ join " " . }}{{ end }}</p>
<p>Alertmanager view: {{ template "__alertmanagerURL" . }}</p>
{{ with .Alerts.Firing }}<h2 class="firing">Firing ({{ len . }})</h2>
{{ template "__hotconf_email_alerts" . }}{{ end -}}
{{ with .Alerts.Resolved }}<h2 class="resolved">Resolved ({{ len . }})</h2>
{{ template "__hotconf_email_alerts" . }}{{ end -}}
<p>Sent by hotconf.</p>
</body>
</html>
{{ end }}
`;

/** Every name this file defines that Alertmanager's notifiers use by default. */
export const DEFAULT_TEMPLATE_NAMES = [
  '__alertmanager', '__alertmanagerURL', '__subject', '__description', '__text_alert_list', '__text_alert_list_markdown',
  'slack.default.title', 'slack.default.username', 'slack.default.fallback', 'slack.default.callbackid', 'slack.default.pretext',
  'slack.default.titlelink', 'slack.default.iconemoji', 'slack.default.iconurl', 'slack.default.text', 'slack.default.footer',
  'pagerduty.default.description', 'pagerduty.default.client', 'pagerduty.default.clientURL', 'pagerduty.default.instances',
  'opsgenie.default.message', 'opsgenie.default.description', 'opsgenie.default.source',
  'wechat.default.message', 'wechat.default.to_user', 'wechat.default.to_party', 'wechat.default.to_tag', 'wechat.default.agent_id',
  'victorops.default.state_message', 'victorops.default.entity_display_name', 'victorops.default.monitoring_tool',
  'pushover.default.title', 'pushover.default.message', 'pushover.default.url',
  'sns.default.subject', 'sns.default.message',
  'telegram.default.message', 'discord.default.title', 'discord.default.message', 'webex.default.message',
  'msteams.default.title', 'msteams.default.summary', 'msteams.default.text',
  'email.default.subject', 'email.default.html',
] as const;
