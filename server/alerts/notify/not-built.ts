// Integrations hotconf reads but cannot deliver yet (Amazon SNS, WeChat): every attempt
// fails, final (not retryable), and says so, so nothing is dropped silently.
import { BaseNotifier, type NotifierContext } from './base';
import { NotifyError, type IntegrationKind } from './types';

const NAMES: Partial<Record<IntegrationKind, string>> = { sns: 'SNS', wechat: 'WeChat' };

export class NotBuiltNotifier extends BaseNotifier {
  override readonly timeoutMs = 0;

  constructor(
    label: string,
    readonly kind: IntegrationKind,
    sendResolved: boolean,
    ctx: NotifierContext,
    private readonly what = `${NAMES[kind] ?? kind} delivery`,
  ) {
    super(label, sendResolved, ctx);
  }

  notify(): Promise<void> {
    return Promise.reject(new NotifyError(`${this.what} is not built yet in hotconf; nothing was sent`, false));
  }
}
