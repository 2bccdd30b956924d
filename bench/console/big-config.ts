// A valid config.yaml of about `lines` lines for the keystroke benchmark: the sample's
// server/log/database/webhook sections, then N child routes (3 lines each) and N+1 webhook
// receivers (4 lines each), so the file is mostly route tree and receivers, as a large
// real-world Alertmanager config is.
import { load } from 'js-yaml';
import { configSchema } from '../../server/config/schema';

const HEAD = [
  '# hotconf benchmark config: many teams, one route and one receiver each.',
  'server:',
  '  host: 127.0.0.1',
  '  port: 8080',
  '  read_timeout: 30s',
  '  graceful_shutdown_timeout: 10s',
  'log:',
  '  level: warn',
  '  format: json',
  'database:',
  '  driver: sqlite',
  '  path: data/alerts.db',
  '  max_connections: 10',
  '  retention: 720h',
  'webhook:',
  '  max_body_bytes: 1048576',
  '  authentication:',
  '    type: none',
  'route:',
  '  receiver: default',
  '  group_by: [alertname, cluster]',
  '  routes:',
];
const LINES_PER_TEAM = 7; // 3 route lines + 4 receiver lines
const FIXED_LINES = HEAD.length + 5; // + "receivers:" and the 4 lines of `default`

export interface BigConfig {
  text: string;
  lines: number;
  teams: number;
  /** 1-based line number of each route's `- receiver: team-i` line, by team index. */
  routeLines: number[];
}

export function bigConfig(lines: number): BigConfig {
  const teams = Math.ceil((lines - FIXED_LINES) / LINES_PER_TEAM);
  const out = [...HEAD];
  const routeLines: number[] = [];
  for (let i = 0; i < teams; i++) {
    routeLines.push(out.length + 1);
    out.push(`    - receiver: team-${i}`, `      matchers: ['team="team-${i}"']`, '      continue: false');
  }
  out.push('receivers:', '  - name: default', '    webhook_configs:', '      - url: http://127.0.0.1:9999/default', '        send_resolved: true');
  for (let i = 0; i < teams; i++) {
    out.push(`  - name: team-${i}`, '    webhook_configs:', `      - url: http://127.0.0.1:9999/team-${i}`, '        send_resolved: true');
  }
  const text = out.join('\n') + '\n';
  // A config the schema refuses would measure the wrong thing (markers from the start).
  const checked = configSchema.safeParse(load(text));
  if (!checked.success) throw new Error(`bench/console: the generated config is invalid: ${checked.error.issues[0]?.message} at ${checked.error.issues[0]?.path.join('.')}`);
  return { text, lines: out.length, teams, routeLines };
}
