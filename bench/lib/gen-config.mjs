// Equivalent configs for hotconf and Alertmanager with N receivers + N routes, the shape
// PEER_NOTES describes: N webhook receivers and N child routes each matching one label
// value, under a default receiver. `variant` changes one receiver's URL, so successive
// variants make a one-receiver change (the reload benchmark's workload).

function receivers(n, variant) {
  const lines = ['receivers:', '  - name: default', '    webhook_configs:', '      - url: http://127.0.0.1:9999/default'];
  for (let i = 0; i < n; i++) {
    const url = i === 0 ? `http://127.0.0.1:9999/team-${i}?v=${variant}` : `http://127.0.0.1:9999/team-${i}`;
    lines.push(`  - name: team-${i}`, '    webhook_configs:', `      - url: ${url}`, '        send_resolved: true');
  }
  return lines;
}

function routes(n) {
  const lines = ['route:', '  receiver: default', '  group_by: [alertname]', '  routes:'];
  for (let i = 0; i < n; i++) {
    lines.push(`    - receiver: team-${i}`, '      matchers:', `        - team="team-${i}"`);
  }
  return lines;
}

/** hotconf config.yaml text. `opts.port` sets server.port; `opts.dbPath` database.path. */
export function genHotconfYaml(n, { variant = 0, port = 8080, dbPath = 'data/alerts.db' } = {}) {
  return [
    'server:',
    '  host: 127.0.0.1',
    `  port: ${port}`,
    'log:',
    '  level: warn',
    'database:',
    `  path: ${dbPath}`,
    ...routes(n),
    ...receivers(n, variant),
    '',
  ].join('\n');
}

/** Alertmanager config with the same receivers and routes. */
export function genAlertmanagerYaml(n, { variant = 0 } = {}) {
  return [...routes(n), ...receivers(n, variant), ''].join('\n');
}
