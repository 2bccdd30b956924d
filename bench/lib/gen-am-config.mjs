// A real-world-shaped Alertmanager 0.25 config, the same text for Alertmanager and hotconf
// (hotconf reads Alertmanager files as they are). Unlike gen-config.mjs's minimal receivers,
// it has what production files carry and a reload has to parse, validate and diff: a global
// section (SMTP + Slack), a root route with timing fields, N webhook receivers each with
// http_config.basic_auth, N child routes each matching one team, and a few inhibit rules.
//
// Deterministic: the same (n, edits) always gives the same bytes. `edits` holds one switch
// per benchmarked edit; flipping exactly one between 0 and 1 changes exactly one thing:
//   receiver   the URL of one receiver (the middle one, not the first: no position luck)
//   groupWait  the root route's group_wait
//   inhibit    one inhibit rule's `equal` labels
// Every URL is on 127.0.0.1 and nothing is listening there: no notification is ever sent in
// the benchmark (no alerts are posted), and nothing leaves the machine if one were.

export const EDITS = ['receiver', 'groupWait', 'inhibit'];

// Port 9 (discard): nothing listens on it here, and it is no service's port in this bench.
const SINK = 'http://127.0.0.1:9';

/** Index of the receiver whose URL the `receiver` edit changes. */
export function editedReceiver(n) {
  return Math.floor(n / 2);
}

function global() {
  return [
    'global:',
    '  resolve_timeout: 5m',
    '  smtp_smarthost: 127.0.0.1:2525',
    '  smtp_from: alertmanager@example.org',
    '  smtp_auth_username: alertmanager',
    '  smtp_auth_password: bench-smtp-password',
    '  smtp_require_tls: false',
    `  slack_api_url: ${SINK}/slack`,
  ];
}

function route(n, edits) {
  const lines = [
    'route:',
    '  receiver: default',
    '  group_by: [alertname, cluster, service]',
    `  group_wait: ${edits.groupWait ? '45s' : '30s'}`,
    '  group_interval: 5m',
    '  repeat_interval: 4h',
    '  routes:',
  ];
  for (let i = 0; i < n; i++) {
    lines.push(`    - receiver: team-${i}`, `      matchers: ['team="team-${i}"']`);
  }
  return lines;
}

function receivers(n, edits) {
  // The default receiver mails the on-call list through the global SMTP settings, so those
  // settings are in use and checked, as they would be in a real file.
  const lines = ['receivers:', '  - name: default', '    email_configs:', '      - to: oncall@example.org', '        send_resolved: true'];
  const edited = editedReceiver(n);
  for (let i = 0; i < n; i++) {
    const query = i === edited && edits.receiver ? '?rev=2' : '';
    lines.push(
      `  - name: team-${i}`,
      '    webhook_configs:',
      `      - url: ${SINK}/hooks/team-${i}${query}`,
      '        send_resolved: true',
      '        http_config:',
      '          basic_auth:',
      `            username: team-${i}`,
      `            password: bench-password-${i}`,
    );
  }
  return lines;
}

function inhibitRules(edits) {
  return [
    'inhibit_rules:',
    `  - source_matchers: ['severity="critical"']`,
    `    target_matchers: ['severity=~"warning|info"']`,
    '    equal: [alertname, cluster, service]',
    `  - source_matchers: ['alertname="ClusterDown"']`,
    `    target_matchers: ['severity!="critical"']`,
    // The `inhibit` edit: one label more or less in this rule's equal list.
    `    equal: ${edits.inhibit ? '[cluster, region]' : '[cluster]'}`,
    `  - source_matchers: ['alertname="NodeDown"']`,
    `    target_matchers: ['alertname=~"Node.+"', 'alertname!="NodeDown"']`,
    '    equal: [cluster, instance]',
    `  - source_matchers: ['severity="warning"']`,
    `    target_matchers: ['severity="info"']`,
    '    equal: [alertname, namespace]',
    `  - source_matchers: ['alertname="Maintenance"']`,
    `    target_matchers: ['team=~"team-.+"']`,
    '    equal: [cluster]',
  ];
}

/**
 * The config text for n teams. `edits` maps each name in EDITS to 0 or 1 (missing = 0); the
 * all-zero text is the base, and each switch on its own is one of the benchmarked edits.
 */
export function genRealWorldYaml(n, edits = {}) {
  for (const key of Object.keys(edits)) {
    if (!EDITS.includes(key)) throw new Error(`unknown edit '${key}' (known: ${EDITS.join(', ')})`);
  }
  return [...global(), ...route(n, edits), ...receivers(n, edits), ...inhibitRules(edits), ''].join('\n');
}
