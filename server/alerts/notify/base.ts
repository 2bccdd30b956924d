// What every notifier shares: its place in the config, its template set and external URL,
// and rendering that turns a template failure into a final (not retryable) NotifyError.
import { readFileSync } from 'node:fs';
import type { GlobalConfig } from '../../config/schema';
import { TemplateExecError, TemplateSyntaxError, type Data } from '../../template';
import { dataOf } from './data';
import { HttpClient, redact, type PlacedHttpConfig } from './http';
import { NotifyTemplates } from './templates';
import { NotifyError, type IntegrationKind, type Notification, type Notifier } from './types';

/** What the builder hands every notifier. */
export interface NotifierContext {
  templates: NotifyTemplates;
  /** Alertmanager's --web.external-url: `.ExternalURL` in templates, `externalURL` in webhooks. */
  externalURL: string;
  global: GlobalConfig | undefined;
}

/** Alertmanager has no per-notifier timeout; hotconf bounds each attempt by this unless a config sets one. */
export const DEFAULT_TIMEOUT_MS = 10_000;

export abstract class BaseNotifier implements Notifier {
  abstract readonly kind: IntegrationKind;
  readonly timeoutMs: number = DEFAULT_TIMEOUT_MS;

  constructor(
    readonly label: string,
    readonly sendResolved: boolean,
    protected readonly ctx: NotifierContext,
  ) {}

  abstract notify(notification: Notification, options?: { signal?: AbortSignal }): Promise<void>;

  protected data(n: Notification): Data {
    return dataOf(n, this.ctx.externalURL);
  }

  /** Secrets of this integration, never to appear in a message. */
  protected secrets(): string[] {
    return [];
  }

  /** Alertmanager's TmplText: renders config fields; the first failure stops the send (not retryable). */
  protected renderer(data: Data, mode: 'text' | 'html' = 'text'): (field: string | undefined, what: string) => string {
    return (field, what) => {
      if (field === undefined || field === '') return '';
      try {
        return mode === 'html' ? this.ctx.templates.html(field, data) : this.ctx.templates.text(field, data);
      } catch (err) {
        if (err instanceof TemplateExecError || err instanceof TemplateSyntaxError) {
          throw new NotifyError(`${what}: template failed: ${redact(err.located, this.secrets())}`, false);
        }
        throw err;
      }
    };
  }

  protected fail(message: string, retryable = false): never {
    throw new NotifyError(redact(message, this.secrets()), retryable);
  }
}

/** A notifier that speaks HTTP through its http_config. */
export abstract class HttpNotifier extends BaseNotifier {
  protected readonly client: HttpClient;

  constructor(label: string, sendResolved: boolean, ctx: NotifierContext, http: PlacedHttpConfig) {
    super(label, sendResolved, ctx);
    this.client = new HttpClient(http);
  }

  protected override secrets(): string[] {
    return this.client.secrets();
  }
}

/** The http_config a notifier uses: its own, else global.http_config (as Alertmanager's config loader). */
export function placeHttpConfig(own: PlacedHttpConfig['config'], label: string, global: GlobalConfig | undefined): PlacedHttpConfig {
  if (own) return { config: own, path: `${label}.http_config` };
  return { config: global?.http_config, path: 'global.http_config' };
}

/** An absolute http(s) URL from config text; the message never repeats the text (it may be a secret). */
export function checkedUrl(text: string, path: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${path} is not a valid URL: write an absolute http:// or https:// URL (value not shown: it may be a secret)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    // Not even the scheme is named: for text that is no URL at all (a key written into the
    // wrong file), WHATWG takes its first word for one.
    throw new Error(`${path} is not an http:// or https:// URL: only those can be notified (value not shown: it may be a secret)`);
  }
  return url;
}

/** A secret from `value` or read from `file` (trimmed) at send time. */
export function secretOf(value: string | undefined, file: string | undefined, path: string, trim = true): string {
  if (value) return value;
  if (!file) return '';
  try {
    const text = readFileSync(file, 'utf8');
    return trim ? text.trim() : text;
  } catch (err) {
    throw new NotifyError(`${path}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`, false);
  }
}

