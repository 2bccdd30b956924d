// hotconf's own sections: the service listener, logging, alert history storage and the ingest
// API. All optional with defaults, so a file with only Alertmanager's sections is complete;
// `hotconf export --alertmanager` drops them.
import { z } from 'zod';
import { duration as amDuration, bool, int, num, secret } from './fields';

const duration = (description: string) => amDuration().describe(description);

/** An allowed_hosts entry: a name, an IPv4 or a bracketed IPv6 address, or `*`. The listener
 *  normalizes it (server/http/host-check.ts). */
const HOST_NAME_RE = /^(?:\*|\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?)$/;

export const serverSchema = z
  .strictObject({
    host: z.string().min(1).default('127.0.0.1').describe('Address the service listener binds. Reloadable: a change binds the new address before the old one closes.'),
    port: int(1, 65535).default(8080).describe('TCP port of the service listener (1-65535). Reloadable without refusing requests.'),
    read_timeout: duration('Longest time to read a whole request, headers and body.').default('30s'),
    graceful_shutdown_timeout: duration('How long an old listener keeps draining in-flight requests after a move, and the service on shutdown.').default('10s'),
    allowed_hosts: z
      .array(z.string().regex(HOST_NAME_RE, { message: 'must be a host name like alerts.example.com or an IP address, without scheme or port (or * for any name)' }))
      .optional()
      .describe('Host names the service listener answers to besides localhost, its own address and IP addresses (others get 421: DNS rebinding). A wildcard host (0.0.0.0) adds no name: list the machine names clients use. * accepts any name.'),
  })
  .describe('The service listener (alert ingest and /healthz).');

export const logSchema = z
  .strictObject({
    level: z.enum(['debug', 'info', 'warn', 'error']).default('info').describe('Lowest level written.'),
    format: z.enum(['json', 'text']).default('json').describe('json: one object per line; text: human-readable lines.'),
  })
  .describe('Logging. Reloaded atomically.');

export const databaseSchema = z
  .strictObject({
    driver: z.enum(['sqlite', 'postgres']).default('sqlite').describe('sqlite (embedded) or postgres (scale-out; needs url).'),
    path: z.string().min(1).default('alerts.db').describe('SQLite file for alert history, inside the data dir (--data-dir); a relative path starts there. Its folder must exist, and an existing file must be an SQLite database. A change opens, migrates and checks the new file before switching.'),
    url: secret('Postgres connection URL (driver: postgres).').optional(),
    max_connections: int(1, 1000).default(10).describe('Connection pool size (1-1000).'),
    retention: duration('How long alert history is kept.').default('720h'),
  })
  .describe('Alert history storage.');

export const webhookSchema = z
  .strictObject({
    max_body_bytes: int(1, 100 * 1024 * 1024).default(1_048_576).describe('Largest accepted request body, in bytes.'),
    rate_limit: z
      .strictObject({
        enabled: bool().default(true).describe('Whether ingest is rate limited.'),
        requests_per_second: num().refine((n) => n > 0, { message: 'must be greater than 0', params: { rule: 'number' } }).default(200).describe('Sustained requests per second.'),
        burst: int(1, Number.MAX_SAFE_INTEGER).default(400).describe('Requests allowed in a burst above the sustained rate.'),
      })
      .prefault({})
      .describe('Token-bucket rate limit on the ingest API.'),
    authentication: z
      .strictObject({
        type: z.enum(['none', 'api_key']).default('none').describe('none, or api_key (clients send Authorization: Bearer <key> or X-API-Key).'),
        api_key: secret('The key ingest clients must present.').optional(),
      })
      .prefault({})
      .describe('Who may post alerts.'),
  })
  .describe('The ingest API.');
