// The one Alertmanager file both services run in this benchmark (hotconf reads it as is).
// Two routes, because the two measurements want opposite grouping:
//  - the throughput alerts go to the root route, grouped by alertname with a long
//    group_wait, so ingest is measured, not notification fan-out;
//  - the latency alerts (bench="latency") go to a child route with group_wait 0s, grouped by
//    a label unique per alert, so each one is its own group and is notified at once.
// Both receivers post to the capture server of this run (127.0.0.1 only).
// `variant` 0/1 flips the root route's repeat_interval: each reload in the "with reloads"
// runs is a real change for both services, and a small one (no receiver rebuilt).
export function ingestConfig(capturePort, variant) {
  return [
    'route:',
    '  receiver: sink',
    '  group_by: [alertname]',
    '  group_wait: 30s',
    '  group_interval: 5m',
    `  repeat_interval: ${variant ? '3h' : '4h'}`,
    '  routes:',
    '    - receiver: latency',
    "      matchers: ['bench=\"latency\"']",
    '      group_by: [uid]',
    '      group_wait: 0s',
    '      group_interval: 1m',
    'receivers:',
    '  - name: sink',
    '    webhook_configs:',
    `      - url: http://127.0.0.1:${capturePort}/sink`,
    '  - name: latency',
    '    webhook_configs:',
    `      - url: http://127.0.0.1:${capturePort}/latency`,
    '        send_resolved: false',
    '',
  ].join('\n');
}

// Alertmanager has no ingest rate limit; hotconf's default (200 requests/s) would answer
// the load with 429s and measure the limiter. Turning it off is the equivalent setting.
export const HOTCONF_SECTIONS = 'webhook:\n  rate_limit:\n    enabled: false\n';
