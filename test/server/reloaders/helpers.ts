// Shared by the reloader tests: a valid config with overrides, a reload context, free ports.
import { configSchema, type Config, type ConfigInput } from '../../../server/config/schema';
import { LogHub, silentLogger, type Logger } from '../../../server/log';
import type { ReloadContext } from '../../../server/reloaders/types';

export function makeConfig(over: Partial<ConfigInput> = {}): Config {
  return configSchema.parse({
    route: { receiver: 'default' },
    receivers: [{ name: 'default', webhook_configs: [{ url: 'http://127.0.0.1:9/hook' }] }],
    ...over,
  });
}

export function ctx(log: Logger = silentLogger): ReloadContext {
  return { signal: new AbortController().signal, log };
}

/** A logger that keeps its lines, to check what was (and was not) logged. */
export function recordingLog(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: new LogHub({ level: 'debug', format: 'json' }, (l) => lines.push(l)).logger(), lines };
}

export { freePort } from '../../support/ports';
